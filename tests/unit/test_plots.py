"""Figures: Dutch labels, not colour alone, alt text, export for the docs (README.md, docs/*.md)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import REPO
from matplotlib.colors import to_hex

from course.figures import export as figures
from course.figures import plots, trust_plots
from course.model.trust_model import load_model, run

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
    numbers = [t.get_text() for t in ax.texts if re.fullmatch(r"[+-]\d+", t.get_text())]
    assert len(numbers) == len(model.moves) * 6
    assert len(ax.texts) == len(numbers) + 3  # and the three moments above their columns


def test_export_writes_pngs_with_alt_text(tmp_path):
    written = figures.export(tmp_path)
    assert {p.name for p in written} == {
        "levensloop.png",
        "dorp.png",
        "gesprek_vergelijking.png",
        "zetten_overzicht.png",
    }
    for png in written:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(png.with_suffix(".txt").read_text(encoding="utf-8")) > 40


def test_doc_figures_exist():
    """The exported figures are shown in the docs (docs/leerling.md), and every image there exists."""
    shown = set()
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for rel in re.findall(r"!\[[^\]]+\]\(([^)]+)\)", doc.read_text(encoding="utf-8")):
            image = (doc.parent / rel).resolve()
            assert image.exists(), f"{doc.name}: {rel}"
            shown.add(image.relative_to(REPO).as_posix())
    assert "assets/figures/gesprek_vergelijking.png" in shown
    assert "assets/screenshots/les02-jupyterlab.png" in shown


def test_a_redrawn_conversation_keeps_its_artists_and_moves_the_door_label_to_the_last_step():
    """Redrawing in place (the widgets' figure) updates lines, door band and the end label; nothing
    of the earlier conversation stays behind."""
    from course.figures.trust_plots import conversation_output
    from course.model.trust_model import load_model, run

    model = load_model()
    long = run(["rustig_benaderen", "open_vraag_ouder", "erkenning", "stilte", "samen_kijken"], model)
    short = run(["oordeel", "aanname"], model)
    plot, _ = conversation_output(None, long, "x", model, "alt")
    again, (out,) = conversation_output(plot, short, "y", model, "alt 2")
    c = plot.conversation
    assert again is plot and len(plot.figure.axes) == 1 and len(c.ax.lines) == 2
    assert list(c.safety.get_xdata()) == [0, 1, 2] and list(c.trust.get_ydata()) == [s.trust for s in short]
    assert c.end.get_position() == (2, -0.2) and c.end.get_text() == model.texts["door_closed"]
    assert len(c.open_band.get_paths()) == sum(s.door_open for s in short)
    assert len(c.closed_band.get_paths()) == sum(not s.door_open for s in short)
    assert c.step_labels() == [model.texts["start"], "Oordeel", "Aanname"] and c.title.get_text() == "y"
    assert 'alt="alt 2"' in out["data"]["text/html"]


def test_the_fast_redraw_shows_what_a_full_draw_shows():
    """The widgets' redraw draws only the moving parts over a kept background; after a long and then
    a short conversation, its image must be the full draw's (nothing of the first one left)."""
    import io

    import numpy as np
    from PIL import Image

    from course.figures.trust_plots import conversation_output
    from course.model.trust_model import load_model, run

    model = load_model()
    plot, _ = conversation_output(
        None,
        run(["rustig_benaderen", "open_vraag_ouder", "erkenning", "stilte", "samen_kijken", "informatie_geven"], model),
        "x",
        model,
        "alt",
    )
    plot, _ = conversation_output(plot, run(["oordeel", "aanname"], model), "x", model, "alt")
    fast = np.asarray(Image.open(io.BytesIO(plot.png())).convert("RGB"), dtype=int)
    buf = io.BytesIO()
    plot.figure.savefig(buf, format="png")  # a full draw, animated artists included
    full = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"), dtype=int)
    assert fast.shape == full.shape
    differ = (np.abs(fast - full).max(axis=2) > 40).mean()
    assert differ < 0.002, f"{differ:.2%} of the pixels differ from a full draw"


# --- pre-rendered figures (course/data/figures, written by `make figures`) ------------------------


@pytest.mark.parametrize("name", sorted(figures.all_figures()))
def test_every_figure_is_pre_rendered_for_the_current_data_and_looks_like_a_live_draw(name):
    """Fails when a lesson's figure block, trust_model.yaml, concepts.yaml or village.yaml (or the
    drawing code) changed without `make figures`."""
    import io

    import numpy as np
    from PIL import Image

    spec = figures.all_figures()[name]
    png = figures.stored_png(name, spec)
    assert png is not None, f"{name}: no pre-rendered PNG for the current data: run `make figures`"
    buf = io.BytesIO()
    fig = figures.draw(spec)
    fig.savefig(buf, format="png")
    live = np.asarray(Image.open(buf).convert("RGB"), dtype=int)
    stored = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    assert stored.shape == live.shape, f"{name}: the stored PNG has another size: run `make figures`"
    assert (np.abs(stored - live).max(axis=2) > 40).mean() < 0.002, f"{name}: drawn differently now: run `make figures`"


def test_a_lesson_shows_a_stored_figure_without_matplotlib_and_draws_it_live_when_the_data_changed(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\nfrom course.learner.lesson import Lesson\n"
        "from course.learner.blocks import build\n"
        f"html = build(Lesson('05_praktijkvoorbeeld', folder={str(tmp_path)!r}), 'gesprek_vergelijking').html()\n"
        "print('matplotlib' in sys.modules, 'data:image/png;base64,' in html)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"], out

    spec = figures.all_figures()["gesprek_vergelijking"]
    changed = dict(spec, caption=spec["caption"] + " (anders)")
    assert figures.stored_png("gesprek_vergelijking", changed) is None
    html = figures.FigureBlock(changed, "gesprek_vergelijking").html()
    assert "data:image/png;base64," in html and "(anders)" in html


def test_a_folded_figure_is_closed_under_its_summary_line():
    """Issue 24, fifth walk: lesson 05's table of every move was "in plain view" beside the reading; a figure with
    ``folded`` shows only its summary line until opened (the image, alt text and caption inside)."""
    spec = figures.all_figures()["zetten_overzicht"]
    assert spec.get("folded"), "lesson 05's table of moves is folded"
    page = figures.FigureBlock(spec, "zetten_overzicht").html()
    match = re.fullmatch(r"<details><summary><b>(.+?)</b></summary>(<figure .*</figure>)</details>", page, re.S)
    assert match, page[:200]
    assert re.sub(r"<[^>]+>", "", match.group(1)) == html.escape(spec["folded"])  # (its open hint in a span)
    assert html.escape(spec["alt"], quote=True) in match.group(2) and "data:image/png;base64," in match.group(2)
    plain = figures.FigureBlock(figures.all_figures()["gesprek_vergelijking"], "gesprek_vergelijking").html()
    assert plain.startswith("<figure")  # a figure without `folded` is shown as it was


def test_a_folded_blocks_open_hint_is_hidden_once_it_is_open():
    """Thirteenth walk (low, lesson 05): "Tabel: … (klik om te openen)" still said so above the open table. The hint
    is a part of its own that the lesson's CSS hides under an open <details>; the summary keeps its words."""
    from course.display import OPEN_HINT_CLASS, folded
    from course.learner.widgets.frame import BLOCK_CSS

    page = folded("Tabel: wat elke zet doet <b> (klik om te openen)", "<p>inhoud</p>")
    assert page.startswith("<details><summary><b>Tabel: wat elke zet doet &lt;b&gt; ") and "<p>inhoud</p>" in page
    assert f'<span class="{OPEN_HINT_CLASS}">(klik om te openen)</span>' in page
    assert f"details[open]>summary .{OPEN_HINT_CLASS}{{display:none}}" in BLOCK_CSS
    assert OPEN_HINT_CLASS not in folded("Meer lezen", "")
