"""End to end: every exercise type of lesson 00 works in a learner's JupyterLab.

One real ``jupyter lab`` on a copy of ``notebooks/00_start`` for this module; the notebook is
opened in headless Chromium (Playwright) and run once from the Dutch "Uitvoeren" menu (the
module fixture). Then one test per flow, each answering its own exercise through the page as a
learner would: the single choice by keyboard only, the others by clicking, selecting and typing,
and the graded question with the self-check. Each checks the visible Dutch feedback, the answer
in ``antwoorden.json``, and that nothing went wrong on the way (no page error, nothing written to
the log console by a widget callback); one more checks that every exercise is shown, rendered,
in its own cell. The flows share the notebook but not their exercises, so they pass in any order.

Gallery: an element screenshot of each answered exercise goes to ``assets/gallery/<type>.png``
(plus ``checklist.png``, the self-check) when env ``OUDERS_ZIEN_SCREENSHOTS=1`` is set, else to
the test's tmp dir. Needs Chromium at /usr/bin/chromium: skipped without it, except on CI (env
``CI`` set).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from course import messages as msg
from course.content import load_lesson

from answer_file import wait_for_answer
from browser_page import screenshot_dir, shoot
from conftest import REPO
from notebook_driver import (
    WIDGET_TIMEOUT, assert_no_errors, button, executed_lesson, item_cell, shown_blocks,
)

LESSON = "00_start"
ITEMS = load_lesson(LESSON)["items"]
GALLERY = REPO / "assets" / "gallery"
SENTENCE = "Waarom ben je zo laat?"
SAVED = re.compile(re.escape(msg.SAVED.format(time="HH:MM")).replace("HH:MM", r"\d{2}:\d{2}"))


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    with executed_lesson(tmp_path_factory.mktemp("browser-start"), LESSON) as executed:
        yield executed


@pytest.fixture
def gallery(tmp_path):
    return screenshot_dir(GALLERY, tmp_path / "gallery")


def _right_option(item: dict) -> dict:
    return next(o for o in item["options"] if o.get("correct"))


def _is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def _tab_to(page, target, passing: list, key: str = "Tab") -> None:
    """Press ``key`` (Tab or Shift+Tab) until ``target`` has the focus, which may only pass the
    elements ``passing`` on the way (bounded by their number)."""
    from playwright.sync_api import expect

    for _ in range(len(passing) + 1):
        if _is_focused(target):
            return
        assert any(_is_focused(element) for element in passing), \
            f"{key} left the exercise before reaching {target}"
        page.keyboard.press(key)
    expect(target).to_be_focused()


def _box(lesson, item: dict) -> Any:
    from playwright.sync_api import expect

    box = lesson.exercise(item)
    expect(box).to_have_count(1)
    box.scroll_into_view_if_needed()
    return box


def test_every_exercise_type_is_shown_in_its_own_cell(lesson, tmp_path):
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        assert_no_errors(lesson.page, lesson.panel)
        shown = {grade_id: block for grade_id, block in shown_blocks(lesson.lab.notebook, LESSON).items()
                 if block in ITEMS}
        assert sorted(shown.values()) == sorted(ITEMS), shown
        for grade_id, item_id in shown.items():
            assert grade_id == item_cell(ITEMS[item_id]), f"{item_id} is shown by cell {grade_id!r}"
            expect(lesson.exercise(ITEMS[item_id]), f"widget of {item_id}").to_have_count(1)
        types = {item["type"] for item in ITEMS.values()}
        driven = {"choice", "multiselect", "categorise", "match", "order", "open_text"}
        assert types == driven, f"lesson 00 shows types {sorted(types)}; this module drives {sorted(driven)}"


def test_choice_by_keyboard(lesson, tmp_path, gallery):
    """Hint by click; then answer with the keyboard only: a wrong option first, checked with
    "Controleer" ("Nog niet goed"), then the right one ("Goed")."""
    from playwright.sync_api import expect

    item = ITEMS["start_keuze"]
    with lesson.flow(tmp_path):
        page = lesson.page
        box = _box(lesson, item)
        radios = box.get_by_role("radio")
        n = len(item["options"])
        expect(radios).to_have_count(n)

        button(box, msg.HINT_BUTTON).click()
        expect(box).to_contain_text(f"{msg.HINT_PREFIX} {item['hint']}", timeout=WIDGET_TIMEOUT)

        # The options are shuffled per learner: find the radios by their text. ipywidgets renders
        # its radio buttons without a shared name, so they form no radio group: arrow keys do not
        # move between them (JupyterLab takes the arrow key and moves the cell selection), but Tab
        # and Shift+Tab do, and Space selects.
        right = _right_option(item)
        wrong = next(o for o in item["options"] if not o.get("correct"))
        right_radio = box.get_by_role("radio", name=right["text"], exact=True)
        wrong_radio = box.get_by_role("radio", name=wrong["text"], exact=True)
        check = button(box, msg.CHECK_BUTTON)
        options = [radios.nth(i) for i in range(n)]
        keyboard = page.keyboard

        radios.first.focus()
        expect(radios.first).to_be_focused()
        _tab_to(page, wrong_radio, options)
        keyboard.press("Space")
        expect(wrong_radio).to_be_checked()
        wait_for_answer(lesson.answer_file, item["id"], wrong["id"])
        _tab_to(page, check, options)
        keyboard.press("Enter")
        expect(box).to_contain_text(f"{msg.INCORRECT} {msg.TRY_AGAIN} {wrong['feedback']}", timeout=WIDGET_TIMEOUT)

        # Back to the right option with Shift+Tab, select it, Tab on to "Controleer".
        _tab_to(page, right_radio, [*options, check], key="Shift+Tab")
        keyboard.press("Space")
        expect(right_radio).to_be_checked()
        expect(wrong_radio).not_to_be_checked()
        expect(box).not_to_contain_text(msg.INCORRECT)  # stale feedback is cleared on a change
        wait_for_answer(lesson.answer_file, item["id"], right["id"])
        _tab_to(page, check, options)
        keyboard.press("Enter")
        expect(box).to_contain_text(f"{msg.CORRECT} {right['feedback']}", timeout=WIDGET_TIMEOUT)
        expect(right_radio).to_be_checked()  # Enter on the button changed nothing else
        # Enter went to the button, not to JupyterLab (which would put a cell in edit mode).
        expect(lesson.panel.locator(".jp-Notebook.jp-mod-editMode")).to_have_count(0)
        shoot(page, box, gallery / "choice.png")


def test_multiselect(lesson, tmp_path, gallery):
    from playwright.sync_api import expect

    item = ITEMS["start_meerkeuze"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        expect(box.get_by_role("checkbox")).to_have_count(len(item["options"]))
        right = [o for o in item["options"] if o.get("correct")]
        assert len(right) == 2, "lesson 00 changed: expected two right options"
        for option in right:
            box.get_by_role("checkbox", name=option["text"], exact=True).check()
        for option in item["options"]:
            checkbox = box.get_by_role("checkbox", name=option["text"], exact=True)
            if option.get("correct"):
                expect(checkbox).to_be_checked()
            else:
                expect(checkbox).not_to_be_checked()
        wait_for_answer(lesson.answer_file, item["id"], sorted(o["id"] for o in right))
        button(box, msg.CHECK_BUTTON).click()
        # "Je koos 2 van de 2 goede antwoorden.": counted over the right options only.
        expect(box).to_contain_text(msg.MULTI_RESULT.format(right=len(right), total=len(right)),
                                    timeout=WIDGET_TIMEOUT)
        expect(box).not_to_contain_text(msg.TRY_AGAIN)
        for option in right:
            expect(box).to_contain_text(option["feedback"])
        shoot(lesson.page, box, gallery / "multiselect.png")


def _statement_text(box, statement: dict):
    """The numbered text line of one statement ("2. ..."); its chooser is the next sibling."""
    return box.locator(".widget-html").filter(has_text=re.compile(rf"^\d+\. {re.escape(statement['text'])}$"))


def _check_all_placed(lesson, box, item: dict, shot) -> None:
    """Every statement is placed right: the file holds it, Controleer says so."""
    from playwright.sync_api import expect

    wait_for_answer(lesson.answer_file, item["id"], {s["id"]: s["answer"] for s in item["statements"]})
    button(box, msg.CHECK_BUTTON).click()
    total = len(item["statements"])
    expect(box).to_contain_text(msg.SCORE_LINE.format(right=total, total=total), timeout=WIDGET_TIMEOUT)
    expect(box).not_to_contain_text(msg.INCORRECT)
    shoot(lesson.page, box, shot)


def test_categorise(lesson, tmp_path, gallery):
    from playwright.sync_api import expect

    item = ITEMS["start_indelen"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        labels = {c["id"]: c["label"] for c in item["categories"]}
        for statement in item["statements"]:
            text = _statement_text(box, statement)
            expect(text).to_have_count(1)
            chooser = text.locator("xpath=following-sibling::*[contains(@class, 'widget-toggle-buttons')][1]")
            expect(chooser.get_by_role("button")).to_have_count(len(labels))
            choice = chooser.get_by_role("button", name=labels[statement["answer"]], exact=True)
            choice.click()
            expect(choice).to_have_class(re.compile(r"\bmod-active\b"))
        _check_all_placed(lesson, box, item, gallery / "categorise.png")


def test_match(lesson, tmp_path, gallery):
    from playwright.sync_api import expect

    item = ITEMS["start_koppelen"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        labels = {c["id"]: c["label"] for c in item["categories"]}
        for statement in item["statements"]:
            text = _statement_text(box, statement)
            expect(text).to_have_count(1)
            select = text.locator("xpath=following-sibling::*[contains(@class, 'widget-dropdown')][1]//select")
            expect(select).to_have_count(1)
            # The first option is the placeholder "— kies —", selected at the start (value None).
            # ipywidgets writes the spaces in option labels as &nbsp;, so compare labels with those.
            placeholder = msg.MATCH_PLACEHOLDER.replace(" ", "\u00a0")
            assert select.evaluate("s => s.options[0].label") == placeholder
            assert select.evaluate("s => s.selectedIndex") == 0
            if statement is item["statements"][0]:
                # Arrow keys work inside a dropdown: the course's shortcut settings keep JupyterLab
                # from taking ArrowDown to move to the next cell while a widget has the focus.
                select.focus()
                select.press("ArrowDown")
                expect(select).to_have_value(item["categories"][0]["label"])
                assert select.evaluate("s => document.activeElement === s")
            label = labels[statement["answer"]].replace(" ", "\u00a0")
            assert select.select_option(label=label) == [labels[statement["answer"]]]
            expect(select).to_have_value(labels[statement["answer"]])
        _check_all_placed(lesson, box, item, gallery / "match.png")


def test_order(lesson, tmp_path, gallery):
    """Move the steps up until they stand in the order of the yaml; read the order from the page."""
    from playwright.sync_api import expect

    item = ITEMS["start_volgorde"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        texts = {s["id"]: s["text"] for s in item["steps"]}
        ids = {text: sid for sid, text in texts.items()}
        right = [s["id"] for s in item["steps"]]
        rows = box.locator(".widget-hbox").filter(has=button(lesson.page, msg.ORDER_UP))
        expect(rows).to_have_count(len(right))
        lines = rows.locator(".widget-html")

        def shown(order: list[str]) -> list[str]:
            return [f"{n}. {texts[sid]}" for n, sid in enumerate(order, start=1)]

        order = []
        for line in lines.all_inner_texts():
            match = re.fullmatch(r"(\d+)\. (.+)", line.strip())
            assert match and int(match[1]) == len(order) + 1, f"unexpected step line {line!r}"
            order.append(ids[match[2]])
        assert sorted(order) == sorted(right), order

        moves = 0
        for place, step in enumerate(right):
            while (pos := order.index(step)) > place:
                # The rows are rendered anew after every move: find the step's row again each time.
                row = rows.filter(has_text=texts[step])
                expect(row).to_have_count(1)
                button(row, msg.ORDER_UP).click()
                order.insert(pos - 1, order.pop(pos))
                expect(lines).to_have_text(shown(order), timeout=WIDGET_TIMEOUT)
                moves += 1
                assert moves <= len(right) ** 2, "too many moves"
        if moves == 0:  # the shuffle happened to give the right order: confirm it as it stands
            button(box, msg.ORDER_CONFIRM).click()
        assert order == right
        wait_for_answer(lesson.answer_file, item["id"], right)
        button(box, msg.CHECK_BUTTON).click()
        total = len(right)
        expect(box).to_contain_text(f"{msg.CORRECT} {msg.ORDER_RESULT.format(right=total, total=total)}",
                                    timeout=WIDGET_TIMEOUT)
        shoot(lesson.page, box, gallery / "order.png")


def test_open_text(lesson, tmp_path, gallery):
    from playwright.sync_api import expect

    item = ITEMS["start_eigen_zin"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        textarea = box.locator("textarea")
        expect(textarea).to_have_count(1)
        expect(textarea).to_have_attribute("placeholder", item["placeholder"])
        textarea.click()
        textarea.press_sequentially(SENTENCE)  # key by key, as a learner types
        expect(textarea).to_have_value(SENTENCE)
        wait_for_answer(lesson.answer_file, item["id"], SENTENCE)
        expect(button(box, msg.CHECK_BUTTON)).to_have_count(0)
        button(box, msg.TEXT_BUTTON).click()
        expect(box).to_contain_text("waarom", timeout=WIDGET_TIMEOUT)
        expect(box).to_contain_text("geen beoordeling")
        shoot(lesson.page, box, gallery / "open_text.png")


def test_graded_question_and_selfcheck(lesson, tmp_path, gallery):
    """The self-check lists the open graded question; the question confirms its answer (never
    judges it); then the self-check says all is answered."""
    from playwright.sync_api import expect

    item = ITEMS["start_proeftoets"]
    with lesson.flow(tmp_path):
        selfcheck = lesson.cell("zelfcontrole")
        check_all = button(selfcheck, msg.SELFCHECK_BUTTON)
        expect(check_all).to_have_count(1)
        check_all.click()
        expect(selfcheck).to_contain_text(msg.SELFCHECK_OPEN.format(done=0, total=1), timeout=WIDGET_TIMEOUT)
        expect(selfcheck.locator("li")).to_have_text([item["label"]])

        box = _box(lesson, item)
        # Graded: no "Controleer", no "Hint"; the answer is confirmed, never judged.
        expect(box.get_by_role("button")).to_have_count(0)
        expect(box).to_contain_text(msg.LIVE_EMPTY)
        option = next(o for o in item["options"] if o["id"] == "b")
        radio = box.get_by_role("radio", name=option["text"], exact=True)
        radio.click()
        expect(radio).to_be_checked()
        expect(box).to_contain_text(SAVED, timeout=WIDGET_TIMEOUT)
        expect(box).not_to_contain_text(msg.LIVE_EMPTY)
        expect(box).not_to_contain_text("Goed")
        expect(box).not_to_contain_text("goed")
        wait_for_answer(lesson.answer_file, item["id"], "b")

        selfcheck.scroll_into_view_if_needed()
        check_all.click()
        expect(selfcheck).to_contain_text(msg.SELFCHECK_ALL_ONE, timeout=WIDGET_TIMEOUT)
        expect(selfcheck.locator("li")).to_have_count(0)
        # (the file name stays checklist.png: the README's gallery shows it under that name)
        shoot(lesson.page, selfcheck.locator(".widget-vbox").filter(has=button(lesson.page, msg.SELFCHECK_BUTTON)),
              gallery / "checklist.png")
