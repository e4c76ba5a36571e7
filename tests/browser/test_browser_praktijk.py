"""End to end: lesson 05 (praktijkvoorbeeld) in a learner's JupyterLab: rules, figures, scenario, builder.

Starts the real ``jupyter lab`` on a copy of ``notebooks/05_praktijkvoorbeeld``, opens the
notebook in headless Chromium (Playwright) and runs all cells from the Dutch "Uitvoeren" menu.
Then checks that the trust model's rules table and the lesson's two figures are shown, plays the
branching scenario by clicking the article's move at every step (the mother answers, the step
counter advances, the door opens, the conversation is plotted, the path is saved, "Opnieuw
beginnen" starts over), and builds a conversation in the sequence builder (add three moves,
remove one; the summary, the plot and ``antwoorden.json`` follow). Nothing may go wrong on the
way: no error outputs, no widget that failed to render, nothing in the log console.

Gallery: element screenshots of the finished scenario and of the builder go to
``assets/gallery/scenario.png`` and ``builder.png`` when env ``OUDERS_ZIEN_SCREENSHOTS=1`` is set,
else to the test's tmp dir. Needs Chromium at /usr/bin/chromium: skipped without it, except on
CI (env ``CI`` set).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from course import messages as msg
from course.figures import build
from course.scenario import load_scenario, reply
from course.trust_model import load_model, rules_table, run
from course.widgets.builder import STORE_KEY

from conftest import REPO
from labserver import (
    WIDGET_TIMEOUT, assert_no_errors, assert_no_widget_log, chromium_page, exercise_box,
    open_and_run_all, screenshot_dir, start_lab, wait_for_answer,
)

LESSON = "05_praktijkvoorbeeld"
GALLERY = REPO / "assets" / "gallery"
MODEL = load_model()
SCENARIO = load_scenario("scenario_ophalen")
TEXT = SCENARIO["end"]
# Tall enough for the finished scenario (transcript, verdict and plot) to fit in the notebook
# area: an element screenshot of a box taller than the viewport shows JupyterLab's menu and
# status bar over it.
VIEWPORT = {"width": 1400, "height": 1800}
# The conversation built in the sequence builder, and the row then removed (0-based).
BUILT = ["erkenning", "stilte", "samen_kijken"]
REMOVED = 1


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with start_lab(tmp_path_factory.mktemp("browser-praktijk"), LESSON) as server:
        yield server


def _button(scope, label: str):
    """The button labelled ``label``. A button with an icon has the icon's glyph (a private-use
    character from the icon font) in front of its accessible name, so allow that."""
    return scope.get_by_role("button", name=re.compile(rf"^\W?\s*{re.escape(label)}$"))


def _shoot(page, box, path) -> None:
    """Save an element screenshot of ``box`` at ``path``, mouse out of the way."""
    page.mouse.move(0, 0)  # no hover shading on the last button clicked
    box.screenshot(path=str(path), animations="disabled")


def _figure_names(notebook) -> list[str]:
    """The names of the course figures the notebook's code cells show (``figure(lesson, name)``)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    pattern = rf"""figure\(\s*["']{LESSON}["']\s*,\s*["']([\w-]+)["']"""
    return [name for cell in cells if cell["cell_type"] == "code"
            for name in re.findall(pattern, "".join(cell["source"]))]


def _expect_image(img) -> None:
    """``img`` is one visible, loaded image."""
    from playwright.sync_api import expect

    expect(img).to_have_count(1)
    img.scroll_into_view_if_needed()
    expect(img).to_be_visible()
    assert img.evaluate("i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0"), "image did not load"


def _rules_and_figures(panel, lab) -> None:
    import matplotlib.pyplot as plt
    from playwright.sync_api import expect

    rows = rules_table()
    table = panel.locator("table.ouders-zien-regels")
    expect(table).to_have_count(1)
    expect(table.locator("tbody tr")).to_have_count(len(rows))
    expect(table.locator("tbody tr td:first-child")).to_have_text([row["zet"] for row in rows])

    names = _figure_names(lab.notebook)
    assert len(names) == 2, f"lesson 05 shows figures {names}; expected two"
    for name in names:
        fig, alt, caption = build(name)
        plt.close(fig)  # only its texts are needed here
        assert alt.strip(), name
        img = panel.get_by_role("img", name=alt, exact=True)
        _expect_image(img)
        assert img.get_attribute("alt") == alt
        expect(img.locator("xpath=ancestor::figure[1]/figcaption")).to_have_text(caption)


def _scenario_box(panel) -> Any:
    return exercise_box(panel, {"label": SCENARIO["title"]})


def _play_scenario(page, panel, lab, gallery) -> list[str]:
    """Choose the article's move at every step by clicking; return the chosen option ids."""
    from playwright.sync_api import expect

    box = _scenario_box(panel)
    expect(box).to_have_count(1)
    say = _button(box, TEXT["say"])
    you = page.locator("b", has_text=re.compile(rf"^{re.escape(TEXT['you'])}:$"))
    lines = box.locator(".widget-html p").filter(has=you)  # one "Jij: ... Moeder: ..." per step
    total = len(SCENARIO["steps"])
    assert len(MODEL.article_sequence) == total, "scenario and article sequence differ in length"
    expect(lines).to_have_count(0)

    chosen: list[str] = []
    expected_lines: list[str] = []
    for n, (step, move) in enumerate(zip(SCENARIO["steps"], MODEL.article_sequence), start=1):
        expect(box).to_contain_text(f"{TEXT['step'].format(n=n, total=total)} — {step['situation']}",
                                    timeout=WIDGET_TIMEOUT)
        expect(box.get_by_role("radio")).to_have_count(len(step["options"]))
        option = next(o for o in step["options"] if o["move"] == move)
        radio = box.get_by_role("radio", name=option["text"], exact=True)
        radio.click()
        expect(radio).to_be_checked()
        expect(say).to_be_enabled()
        say.click()
        chosen.append(option["id"])
        state = run(MODEL.article_sequence[:n])[-1]
        expected_lines.append(f"{TEXT['you']}: {option['text']} {TEXT['mother']}: {reply(move, state, SCENARIO)}")
        expect(lines).to_have_text(expected_lines, use_inner_text=True, timeout=WIDGET_TIMEOUT)
        wait_for_answer(lab.answer_file, SCENARIO["id"], chosen)

    # The end: the door is open, no more options, the conversation beside the article's.
    assert run(MODEL.article_sequence)[-1].door_open, "the article's conversation no longer opens the door"
    assert TEXT["open"].startswith("De deur staat open")
    expect(box).to_contain_text(TEXT["open"], timeout=WIDGET_TIMEOUT)
    expect(box).not_to_contain_text(TEXT["closed"])
    expect(box).not_to_contain_text(TEXT["step"].format(n=total, total=total))
    expect(box.get_by_role("radio")).to_have_count(0)
    expect(say).to_be_disabled()
    alt = f"{TEXT['yours']}: {', '.join(MODEL.moves[m]['label'] for m in MODEL.article_sequence)}."
    img = box.get_by_role("img", name=re.compile(rf"^{re.escape(TEXT['yours'])}:"))
    _expect_image(img)
    assert img.get_attribute("alt") == alt
    notebook_area = panel.locator(".jp-WindowedPanel-outer").bounding_box()
    box_area = box.bounding_box()
    assert box_area["height"] <= notebook_area["height"], \
        f"the finished scenario ({box_area['height']:.0f} px) is taller than the notebook area: raise VIEWPORT"
    _shoot(page, box, gallery / "scenario.png")

    # Start over: step 1 again, empty transcript, no plot, the saved path cleared.
    _button(box, TEXT["restart"]).click()
    first = SCENARIO["steps"][0]
    expect(box).to_contain_text(f"{TEXT['step'].format(n=1, total=total)} — {first['situation']}",
                                timeout=WIDGET_TIMEOUT)
    expect(lines).to_have_count(0)
    expect(img).to_have_count(0)
    expect(box).not_to_contain_text(TEXT["open"])
    expect(box.get_by_role("radio")).to_have_count(len(first["options"]))
    expect(say).to_be_enabled()
    wait_for_answer(lab.answer_file, SCENARIO["id"], [])
    return chosen


def _summary(moves: list[str]) -> str:
    end = run(moves)[-1]
    door = MODEL.texts["door_open"] if end.door_open else MODEL.texts["door_closed"]
    return msg.BUILDER_SUMMARY.format(n=len(moves), safety=end.safety, trust=end.trust, door=door)


def _build(page, panel, lab, gallery) -> list[str]:
    """Add the moves of ``BUILT`` with "Voeg toe", then remove one with "Weg"; return what is left."""
    from playwright.sync_api import expect

    chooser_label = re.compile(rf"^{re.escape(msg.BUILDER_CHOOSE)}$")
    box = panel.locator(".widget-vbox").filter(
        has=page.locator(".widget-dropdown", has=page.locator("label", has_text=chooser_label)))
    expect(box).to_have_count(1)
    select = box.locator(".widget-dropdown select")
    expect(select).to_have_count(1)
    expect(box).to_contain_text(msg.BUILDER_EMPTY)
    rows = box.locator(".widget-hbox").filter(has=_button(page, msg.BUILDER_REMOVE))
    lines = rows.locator(".widget-html")
    img = box.get_by_role("img", name=re.compile(rf"^{re.escape(msg.BUILDER_ALT.split(':')[0])}:"))
    expect(rows).to_have_count(0)
    expect(img).to_have_count(0)

    def shown(moves: list[str]) -> list[str]:
        return [f"{n}. {MODEL.moves[m]['label']}" for n, m in enumerate(moves, start=1)]

    def check(moves: list[str]) -> None:
        expect(box).to_contain_text(_summary(moves), timeout=WIDGET_TIMEOUT)
        expect(lines).to_have_text(shown(moves))
        alt = msg.BUILDER_ALT.format(moves=", ".join(MODEL.moves[m]["label"] for m in moves))
        expect(img).to_have_attribute("alt", alt, timeout=WIDGET_TIMEOUT)
        _expect_image(img)
        wait_for_answer(lab.answer_file, STORE_KEY, moves)

    built: list[str] = []
    for move in BUILT:
        prefix = "+ " if MODEL.moves[move]["kind"] == "helpful" else "! "
        label = prefix + MODEL.moves[move]["label"]
        # ipywidgets writes the spaces in option labels as &nbsp;, so compare labels with those.
        assert select.select_option(label=label.replace(" ", "\u00a0")) == [label]
        expect(select).to_have_value(label)
        _button(box, msg.BUILDER_ADD).click()
        built.append(move)
        check(built)
    assert len(built) == 3 and f"Na {len(built)} zetten" in _summary(built)
    _shoot(page, box, gallery / "builder.png")

    # Remove one row; the rows are rendered anew, so find it by its text.
    row = rows.filter(has_text=shown(built)[REMOVED])
    expect(row).to_have_count(1)
    _button(row, msg.BUILDER_REMOVE).click()
    del built[REMOVED]
    check(built)
    assert f"Na {len(built)} zetten" in _summary(built)
    return built


def test_lesson_05_scenario_and_builder(lab, tmp_path):
    problems: list[str] = []
    gallery = screenshot_dir(GALLERY, tmp_path / "gallery")
    with chromium_page(lab, tmp_path, problems, viewport=VIEWPORT) as page:
        panel = open_and_run_all(page, lab)

        _rules_and_figures(panel, lab)
        path = _play_scenario(page, panel, lab, gallery)
        assert len(path) == len(SCENARIO["steps"])
        built = _build(page, panel, lab, gallery)

        # Both answers in antwoorden.json: the scenario restarted (empty path), the builder's moves.
        answers = wait_for_answer(lab.answer_file, STORE_KEY, built)
        assert answers.get(SCENARIO["id"]) == [], answers

        # Nothing went wrong: no error outputs, no widget that failed to render, and nothing
        # written by a widget callback (that would only show in the log console).
        assert_no_errors(page, panel)
        assert_no_widget_log(page)

    assert not problems, problems
    for name in ["scenario", "builder"]:
        assert (gallery / f"{name}.png").stat().st_size > 0, name
