"""End to end: lesson 05 (praktijkvoorbeeld) in a learner's JupyterLab: rules, figures, scenario, builder.

One real ``jupyter lab`` on a copy of ``notebooks/05_praktijkvoorbeeld`` for this module; the
notebook is opened in headless Chromium (Playwright) and run once from the Dutch "Uitvoeren" menu
(the module fixture). Then one test per flow: the trust model's rules table and the lesson's two
figures are shown in their cells; the branching scenario is played by keyboard, choosing the
article's move at every step (the mother answers, read out in an alert; the step counter advances,
the door opens, the conversation is plotted, the path is saved, "Opnieuw beginnen" starts over); a
conversation is built in the sequence builder by keyboard (add three moves, move one up twice and
remove one, with the focus following; the summary, the plot and ``antwoorden.json`` follow). Nothing may go wrong on the way: no error outputs, no widget that failed to render,
nothing in the log console. The flows use different blocks, so they pass in any order.

Gallery: element screenshots of the finished scenario and of the builder go to
``assets/gallery/scenario.png`` and ``builder.png`` when env ``OUDERS_ZIEN_SCREENSHOTS=1`` is set,
else to the test's tmp dir. Needs Chromium at /usr/bin/chromium: skipped without it, except on
CI (env ``CI`` set).
"""

from __future__ import annotations

import itertools
import re

import pytest
from answer_file import wait_for_answer
from browser_page import screenshot_dir, shoot
from conftest import REPO
from notebook_driver import (
    WIDGET_TIMEOUT,
    assert_no_errors,
    button,
    executed_lesson,
    exercise_box,
    settle_widgets,
    shown_blocks,
)
from scenario_driver import PlayedScenario

from course import messages as msg
from course.content import load_lesson
from course.display import OPEN_HINT_CLASS
from course.figures.export import all_figures
from course.figures.trust_table import HEADERS
from course.learner.widgets.builder import STORE_KEY
from course.model.conversation import load_conversation
from course.model.trust_model import door_text, load_model, rules_table, run

LESSON = "05_praktijkvoorbeeld"
BLOCKS = load_lesson(LESSON)["blocks"]
GALLERY = REPO / "assets" / "gallery"
MODEL = load_model()
SCENARIO = load_conversation(BLOCKS["scenario_ophalen"]["scenario"])
# Tall enough for the finished scenario (transcript, verdict and plot) to fit in the notebook
# area: an element screenshot of a box taller than the viewport shows JupyterLab's menu and
# status bar over it.
VIEWPORT = {"width": 1400, "height": 1900}
# The conversation built in the sequence builder, and the row then removed (0-based).
BUILT = ["erkenning", "stilte", "samen_kijken"]
REMOVED = 1


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    with executed_lesson(tmp_path_factory.mktemp("browser-praktijk"), LESSON, VIEWPORT) as executed:
        yield executed


@pytest.fixture
def gallery(tmp_path):
    return screenshot_dir(GALLERY, tmp_path / "gallery")


def _expect_image(img) -> None:
    """``img`` is one visible, loaded image."""
    from playwright.sync_api import expect

    expect(img).to_have_count(1)
    img.scroll_into_view_if_needed()
    expect(img).to_be_visible()
    assert img.evaluate("i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0"), "image did not load"


def test_rules_table_and_figures(lesson, tmp_path):
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        assert_no_errors(lesson.page, lesson.panel)
        rows = rules_table()
        table = lesson.cell("regels").locator("table.ouders-zien-regels")
        expect(table).to_have_count(1)
        # folded under one line (issue 24, third walk: three screens of rules), opened with a click
        expect(table).to_be_hidden()
        lesson.cell("regels").get_by_text(msg.RULES_SUMMARY).click()
        expect(table).to_be_visible()
        # thirteenth walk: "(klik om … te openen)" goes once it is open
        expect(lesson.cell("regels").locator(f".{OPEN_HINT_CLASS}")).to_be_hidden()
        expect(table.locator("thead th")).to_have_text(list(HEADERS.values()))
        expect(table.locator("tbody tr")).to_have_count(len(rows))
        # a move's name once for its rows, as their row header (twelfth walk: dense)
        names = [name for name, _ in itertools.groupby(row["zet"] for row in rows)]
        expect(table.locator('tbody th[scope="row"]')).to_have_text(names)
        shoot(lesson.page, table, screenshot_dir(REPO / "assets" / "walk" / "na", tmp_path) / "les05-regels.png")
        # read as text, left-aligned (ninth walk: JupyterLab's right-aligned table cells "looked like code")
        aligned = table.locator("td, th").evaluate_all(
            "cells => [...new Set(cells.map(c => getComputedStyle(c).textAlign))]"
        )
        assert aligned in (["left"], ["start"]), aligned

        # Each figure block is shown by a cell of its own name, with its alt text and caption.
        names = [
            block
            for block in shown_blocks(lesson.lab.notebook, LESSON).values()
            if BLOCKS.get(block, {}).get("kind") == "figure"
        ]
        assert names == ["gesprek_vergelijking", "zetten_overzicht"], f"lesson 05 shows figures {names}"
        figures = all_figures()
        for name in names:
            spec = figures[name]
            alt = spec["alt"]
            assert alt.strip(), name
            img = lesson.cell(name).get_by_role("img", name=alt, exact=True)
            if spec.get("folded"):  # fifth walk: the table of moves is closed under its summary until clicked
                expect(img).to_be_hidden()
                lesson.cell(name).get_by_text(spec["folded"], exact=True).click()
            _expect_image(img)
            assert img.get_attribute("alt") == alt
            expect(img.locator("xpath=ancestor::figure[1]/figcaption")).to_have_text(spec["caption"])


def test_scenario_played_by_keyboard(lesson, tmp_path, gallery):
    """Choose the article's move at every step by keyboard (Space on the option, Enter on "Zeg het");
    the mother's reply is read out (an alert); the door opens; replay from step 4; then start over."""
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        page, panel = lesson.page, lesson.panel
        box = exercise_box(lesson.cell("scenario_ophalen"), SCENARIO.title)
        expect(box).to_have_count(1)
        played = PlayedScenario(page, box, SCENARIO, lesson.answer_file)
        turns = SCENARIO.play(SCENARIO.article_path)
        assert [t.move for t in turns] == list(MODEL.article_sequence), "the article path plays other moves"
        expect(played.lines).to_have_count(0)
        played.play_by_keyboard(turns)

        # The end: the door is open, the conversation beside the article's, the turning points named.
        assert turns[-1].state.door_open, "the article's conversation no longer opens the door"
        assert SCENARIO.ending(turns) == SCENARIO.endings["open"]
        img = played.check_ending(turns)
        notebook_area = panel.locator(".jp-WindowedPanel-outer").bounding_box()
        box_area = box.bounding_box()
        assert box_area["height"] <= notebook_area["height"], (
            f"the finished scenario ({box_area['height']:.0f} px) is taller than the notebook area: raise VIEWPORT"
        )
        shoot(page, box, gallery / "scenario.png")

        # Replay from step 4 by keyboard: steps 1-3 stay, step 4 is asked again, no plot.
        played.replay_from(4)
        played.expect_step(turns[3])
        expect(img).to_have_count(0)

        # Start over: step 1 again, empty transcript, no plot, the saved path cleared.
        restart = button(box, msg.SCENARIO_RESTART)
        restart.focus()
        page.keyboard.press("Enter")
        played.expect_step(SCENARIO.play(SCENARIO.article_path[:1])[0])
        expect(played.lines).to_have_count(0)
        expect(box).not_to_contain_text(SCENARIO.endings["open"])
        expect(played.say).to_be_enabled()
        wait_for_answer(lesson.answer_file, SCENARIO.id, [])


def _summary(moves: list[str]) -> str:
    end = run(moves)[-1]
    door = door_text(end)
    return msg.BUILDER_SUMMARY.format(
        moves=msg.counted(len(moves), msg.MOVES), safety=end.safety, trust=end.trust, door=door
    )


def test_builder_by_keyboard(lesson, tmp_path, gallery):
    """By keyboard: choose each move of ``BUILT`` with the arrow keys, "Voeg toe" with Enter; move
    the last one up (the focus goes along); remove one with "Weg" (the focus goes to the next row)."""
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        page = lesson.page
        chooser_label = re.compile(rf"^{re.escape(msg.BUILDER_CHOOSE)}$")
        box = (
            lesson.cell("bouwer")
            .locator(".widget-vbox")
            .filter(has=page.locator(".widget-dropdown", has=page.locator("label", has_text=chooser_label)))
        )
        expect(box).to_have_count(1)
        select = box.locator(".widget-dropdown select")
        expect(select).to_have_count(1)
        expect(box).to_contain_text(msg.BUILDER_EMPTY)
        rows = box.locator(".widget-hbox").filter(has=button(page, msg.BUILDER_REMOVE))
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
            wait_for_answer(lesson.answer_file, STORE_KEY, moves)

        built: list[str] = []
        for move in BUILT:
            prefix = "+ " if MODEL.moves[move]["kind"] == "helpful" else "! "
            label = prefix + MODEL.moves[move]["label"]
            # ipywidgets writes the spaces in option labels as &nbsp;, so compare labels with those.
            select.focus()
            for _ in range(len(MODEL.moves)):  # arrow keys through the list until the move is chosen
                if select.input_value() == label:
                    break
                page.keyboard.press(
                    "ArrowDown"
                    if select.evaluate("s => s.selectedIndex") < list(MODEL.moves).index(move)
                    else "ArrowUp"
                )
            expect(select).to_have_value(label, timeout=WIDGET_TIMEOUT)
            settle_widgets(page)  # the kernel has the chosen move before "Voeg toe"
            add = button(box, msg.BUILDER_ADD)
            page.keyboard.press("Tab")
            expect(add).to_be_focused(timeout=WIDGET_TIMEOUT)
            page.keyboard.press("Enter")
            built.append(move)
            check(built)
        assert len(built) == 3 and f"Na {len(built)} zetten" in _summary(built)
        shoot(page, box, gallery / "builder.png")

        # Move the last one up: the focus goes along, to its new row's Omhoog; Enter again moves it
        # to the top, where Omhoog is off and the focus is on Omlaag.
        n = len(built)
        button(rows.nth(n - 1), msg.ORDER_UP).focus()
        page.keyboard.press("Enter")
        built.insert(n - 2, built.pop(n - 1))
        check(built)
        expect(button(rows.nth(n - 2), msg.ORDER_UP)).to_be_focused(timeout=WIDGET_TIMEOUT)
        page.keyboard.press("Enter")
        built.insert(0, built.pop(1))
        check(built)
        expect(button(rows.nth(0), msg.ORDER_DOWN)).to_be_focused(timeout=WIDGET_TIMEOUT)

        # Remove one row: the focus goes to the row that took its place.
        row = rows.filter(has_text=shown(built)[REMOVED])
        expect(row).to_have_count(1)
        button(row, msg.BUILDER_REMOVE).focus()
        page.keyboard.press("Enter")
        del built[REMOVED]
        check(built)
        expect(button(rows.nth(min(REMOVED, len(built) - 1)), msg.BUILDER_REMOVE)).to_be_focused(timeout=WIDGET_TIMEOUT)
        assert f"Na {len(built)} zetten" in _summary(built)


def test_the_model_section_is_short_and_folds_how_the_model_counts(lesson, tmp_path):
    """Issue 24, fourth walk (05-1): "the model section still reads like a technical specification". The lesson says
    what the model tracks, when the door opens and what the model cannot do; how it counts and what the makers chose
    sits in a folded box (rendered by JupyterLab as <details>, its inside Markdown), opened with a click."""
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        box = lesson.panel.locator(".jp-MarkdownCell details").filter(has_text="hoe het oefenmodel rekent")
        expect(box).to_have_count(1)
        box.scroll_into_view_if_needed()
        summary = box.locator("summary")
        expect(summary).to_have_text("Precies gelezen: hoe het oefenmodel rekent, en wat de makers kozen")
        items = box.locator("li")
        assert items.count() >= 5, "the box's list is Markdown, rendered as a list"
        # room below a closed box, and a summary that looks clickable (course/learner/widgets/frame.py)
        margin = box.evaluate("b => parseFloat(getComputedStyle(b).marginBottom)")
        assert margin >= 12, margin
        assert summary.evaluate("s => getComputedStyle(s).cursor") == "pointer"
        expect(items.first).to_be_hidden()  # folded
        expect(box.locator("xpath=ancestor::div[contains(@class,'jp-MarkdownCell')][1]")).to_contain_text(
            "Aan het begin is de deur dicht"
        )  # the door's rule stays in the main text
        summary.click()
        expect(items.first).to_be_visible()
        expect(box.locator("em").first).to_be_visible()  # *…* inside the box is emphasis, not asterisks
        assert "**" not in box.inner_text()
        summary.click()
        expect(items.first).to_be_hidden()
