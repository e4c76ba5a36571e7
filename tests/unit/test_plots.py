"""Figures: Dutch labels, not colour alone, alt text, export for the README."""

from __future__ import annotations

import re

import pytest
from matplotlib.colors import to_hex

from course import figures, plots, trust_plots
from course.content import load_lesson
from course.trust_model import load_model, run

from conftest import REPO

OKABE_ITO = {"#0072b2", "#e69f00", "#999999", "#009e73", "#bbbbbb"}
TEXTS = load_model().texts


def test_parenting_over_life_is_labelled_in_dutch_and_not_by_colour_alone():
    text = figures.all_figures()["levensloop"]["texts"]
    fig = plots.parenting_over_life(text)
    ax = fig.axes[0]
    assert ax.get_xlabel() == text["xlabel"] and ax.get_title() == text["title"]
    lines = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    being, role = lines[text["ouderschap"]], lines[text["opvoederschap"]]
    assert being.get_linestyle() != role.get_linestyle()
    assert {to_hex(being.get_color()), to_hex(role.get_color())} <= OKABE_ITO
    assert min(role.get_ydata()) == 0 and min(being.get_ydata()) == max(being.get_ydata())  # fades vs stays


def test_figure_html_carries_the_alt_text_and_refuses_none():
    fig = plots.parenting_over_life(figures.all_figures()["levensloop"]["texts"])
    html = plots.figure_html(fig, 'Een "schets"', "bijschrift")
    assert 'alt="Een &quot;schets&quot;"' in html and "<figcaption>" in html and "data:image/png;base64," in html
    with pytest.raises(ValueError, match="alt text"):
        plots.figure_html(fig, "  ")


def test_conversation_comparison_shows_moves_door_and_both_sequences():
    fig = trust_plots.article_versus_straight()
    left, right = fig.axes[:2]
    assert (left.get_title(), right.get_title()) == (TEXTS["article"], TEXTS["straight"])
    model = load_model()
    ticks = [t.get_text().replace("\n", " ") for t in left.get_xticklabels()]
    assert ticks[0] == TEXTS["start"]
    assert ticks[1:] == [model.moves[m]["label"] for m in model.article_sequence]
    notes = lambda ax: [t.get_text() for t in ax.texts]  # noqa: E731
    assert TEXTS["door_open"] in notes(left) and TEXTS["door_closed"] in notes(right)
    styles = {line.get_label(): (line.get_linestyle(), line.get_marker()) for line in left.get_lines()}
    assert styles[TEXTS["safety"]] != styles[TEXTS["trust"]]
    safety_line = next(line for line in left.get_lines() if line.get_label() == TEXTS["safety"])
    assert list(safety_line.get_ydata()) == [s.safety for s in run(model.article_sequence)]


def test_compare_refuses_nothing_to_draw():
    with pytest.raises(ValueError, match="at least one sequence"):
        trust_plots.compare_conversations({})


def test_moves_overview_writes_every_number_as_text():
    fig = trust_plots.moves_overview()
    ax = fig.axes[0]
    model = load_model()
    assert len(ax.get_yticklabels()) == len(model.moves)
    numbers = [t.get_text() for t in ax.texts]
    assert len(numbers) == len(model.moves) * 6 and all(re.fullmatch(r"[+-]\d+", n) for n in numbers)


def test_export_writes_pngs_with_alt_text(tmp_path):
    written = figures.export(tmp_path)
    assert {p.name for p in written} == {"levensloop.png", "dorp.png", "gesprek_vergelijking.png", "zetten_overzicht.png"}
    for png in written:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(png.with_suffix(".txt").read_text(encoding="utf-8")) > 40


def test_readme_figures_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", readme)
    assert "assets/figures/gesprek_vergelijking.png" in images
    for rel in images:
        assert (REPO / rel).exists(), rel
