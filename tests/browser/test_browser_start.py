"""End to end: every exercise type of lesson 00 works in a learner's JupyterLab.

Starts the real ``jupyter lab`` on a copy of ``notebooks/00_start``, opens the notebook in
headless Chromium (Playwright), runs all cells from the Dutch "Uitvoeren" menu and then answers
each exercise through the page as a learner would: the single choice by keyboard only, the
others by clicking, selecting and typing. Checks the visible Dutch feedback, the answers in
``antwoorden.json``, and that nothing went wrong on the way (no error outputs, no widget that
failed to render, nothing written to the log console by a widget callback).

Gallery: an element screenshot of each answered exercise goes to ``assets/gallery/<type>.png``
(plus ``checklist.png``) when env ``OUDERS_ZIEN_SCREENSHOTS=1`` is set, else to the test's tmp
dir. Needs Chromium at /usr/bin/chromium: skipped without it, except on CI (env ``CI`` set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from course import messages as msg
from course.content import load_lesson

from conftest import REPO
from labserver import (
    WIDGET_TIMEOUT, assert_no_errors, assert_no_widget_log, chromium_page, exercise_box, items_shown,
    open_and_run_all, screenshot_dir, start_lab, wait_for_answer, wait_for_answers,
)

LESSON = "00_start"
ITEMS = load_lesson(LESSON)["items"]
GALLERY = REPO / "assets" / "gallery"
SENTENCE = "Waarom ben je zo laat?"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with start_lab(tmp_path_factory.mktemp("browser-start"), LESSON) as server:
        yield server


@dataclass
class Session:
    """What the exercise helpers work with: the page, the notebook panel, where files go."""

    page: Any
    panel: Any
    answer_file: Path
    gallery: Path

    def shoot(self, box: Any, name: str) -> None:
        """Save an element screenshot of ``box`` as ``<gallery>/<name>.png``, mouse out of the way."""
        self.page.mouse.move(0, 0)  # no hover shading on the last button clicked
        box.screenshot(path=str(self.gallery / f"{name}.png"), animations="disabled")


def _right_option(item: dict) -> dict:
    return next(o for o in item["options"] if o.get("correct"))


def _button(scope, label: str):
    """The button labelled ``label``. A button with an icon has the icon's glyph (a private-use
    character from the icon font) in front of its accessible name, so allow that."""
    return scope.get_by_role("button", name=re.compile(rf"^\W?\s*{re.escape(label)}$"))


def _check_button(box):
    return _button(box, msg.CHECK_BUTTON)


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


def _choice_by_keyboard(ui: Session, item: dict) -> str:
    """Hint by click; then answer with the keyboard only: a wrong option first, checked with
    "Controleer" ("Nog niet goed"), then the right one ("Goed")."""
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
    radios = box.get_by_role("radio")
    n = len(item["options"])
    expect(radios).to_have_count(n)

    _button(box, msg.HINT_BUTTON).click()
    expect(box).to_contain_text(f"{msg.HINT_PREFIX} {item['hint']}", timeout=WIDGET_TIMEOUT)

    # The options are shuffled per learner: find the radios by their text. ipywidgets renders
    # its radio buttons without a shared name, so they form no radio group: arrow keys do not
    # move between them (JupyterLab takes the arrow key and moves the cell selection), but Tab
    # and Shift+Tab do, and Space selects.
    right = _right_option(item)
    wrong = next(o for o in item["options"] if not o.get("correct"))
    right_radio = box.get_by_role("radio", name=right["text"], exact=True)
    wrong_radio = box.get_by_role("radio", name=wrong["text"], exact=True)
    check = _check_button(box)
    options = [radios.nth(i) for i in range(n)]
    keyboard = ui.page.keyboard

    radios.first.focus()
    expect(radios.first).to_be_focused()
    _tab_to(ui.page, wrong_radio, options)
    keyboard.press("Space")
    expect(wrong_radio).to_be_checked()
    wait_for_answer(ui.answer_file, item["id"], wrong["id"])
    _tab_to(ui.page, check, options)
    keyboard.press("Enter")
    expect(box).to_contain_text(f"{msg.INCORRECT} {msg.TRY_AGAIN} {wrong['feedback']}", timeout=WIDGET_TIMEOUT)

    # Back to the right option with Shift+Tab, select it, Tab on to "Controleer".
    _tab_to(ui.page, right_radio, [*options, check], key="Shift+Tab")
    keyboard.press("Space")
    expect(right_radio).to_be_checked()
    expect(wrong_radio).not_to_be_checked()
    expect(box).not_to_contain_text(msg.INCORRECT)  # stale feedback is cleared on a change
    wait_for_answer(ui.answer_file, item["id"], right["id"])
    _tab_to(ui.page, check, options)
    keyboard.press("Enter")
    expect(box).to_contain_text(f"{msg.CORRECT} {right['feedback']}", timeout=WIDGET_TIMEOUT)
    expect(right_radio).to_be_checked()  # Enter on the button changed nothing else
    # Enter went to the button, not to JupyterLab (which would put a cell in edit mode).
    expect(ui.panel.locator(".jp-Notebook.jp-mod-editMode")).to_have_count(0)
    ui.shoot(box, "choice")
    return right["id"]


def _multiselect(ui: Session, item: dict) -> list[str]:
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
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
    expected = sorted(o["id"] for o in right)
    wait_for_answer(ui.answer_file, item["id"], expected)
    _check_button(box).click()
    total = len(item["options"])
    expect(box).to_contain_text(msg.MULTI_RESULT.format(right=total, total=total), timeout=WIDGET_TIMEOUT)
    for option in right:
        expect(box).to_contain_text(option["feedback"])
    ui.shoot(box, "multiselect")
    return expected


def _statement_text(box, statement: dict):
    """The numbered text line of one statement ("2. ..."); its chooser is the next sibling."""
    return box.locator(".widget-html").filter(has_text=re.compile(rf"^\d+\. {re.escape(statement['text'])}$"))


def _check_all_placed(ui: Session, box, item: dict, shot: str) -> dict[str, str]:
    """Every statement is placed right: the file holds it, Controleer says so; return the answer."""
    from playwright.sync_api import expect

    expected = {s["id"]: s["answer"] for s in item["statements"]}
    wait_for_answer(ui.answer_file, item["id"], expected)
    _check_button(box).click()
    total = len(item["statements"])
    expect(box).to_contain_text(msg.SCORE_LINE.format(right=total, total=total), timeout=WIDGET_TIMEOUT)
    expect(box).not_to_contain_text(msg.INCORRECT)
    ui.shoot(box, shot)
    return expected


def _categorise(ui: Session, item: dict) -> dict[str, str]:
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
    labels = {c["id"]: c["label"] for c in item["categories"]}
    for statement in item["statements"]:
        text = _statement_text(box, statement)
        expect(text).to_have_count(1)
        chooser = text.locator("xpath=following-sibling::*[contains(@class, 'widget-toggle-buttons')][1]")
        expect(chooser.get_by_role("button")).to_have_count(len(labels))
        button = chooser.get_by_role("button", name=labels[statement["answer"]], exact=True)
        button.click()
        expect(button).to_have_class(re.compile(r"\bmod-active\b"))
    return _check_all_placed(ui, box, item, "categorise")


def _match(ui: Session, item: dict) -> dict[str, str]:
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
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
    return _check_all_placed(ui, box, item, "match")


def _order(ui: Session, item: dict) -> list[str]:
    """Move the steps up until they stand in the order of the yaml; read the order from the page."""
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
    texts = {s["id"]: s["text"] for s in item["steps"]}
    ids = {text: sid for sid, text in texts.items()}
    right = [s["id"] for s in item["steps"]]
    rows = box.locator(".widget-hbox").filter(has=_button(ui.page, msg.ORDER_UP))
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
            _button(row, msg.ORDER_UP).click()
            order.insert(pos - 1, order.pop(pos))
            expect(lines).to_have_text(shown(order), timeout=WIDGET_TIMEOUT)
            moves += 1
            assert moves <= len(right) ** 2, "too many moves"
    if moves == 0:  # the shuffle happened to give the right order: confirm it as it stands
        _button(box, msg.ORDER_CONFIRM).click()
    assert order == right
    wait_for_answer(ui.answer_file, item["id"], right)
    _check_button(box).click()
    total = len(right)
    expect(box).to_contain_text(f"{msg.CORRECT} {msg.ORDER_RESULT.format(right=total, total=total)}",
                                timeout=WIDGET_TIMEOUT)
    ui.shoot(box, "order")
    return right


def _open_text(ui: Session, item: dict) -> str:
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
    textarea = box.locator("textarea")
    expect(textarea).to_have_count(1)
    expect(textarea).to_have_attribute("placeholder", item["placeholder"])
    textarea.click()
    textarea.press_sequentially(SENTENCE)  # key by key, as a learner types
    expect(textarea).to_have_value(SENTENCE)
    wait_for_answer(ui.answer_file, item["id"], SENTENCE)
    button = _button(box, msg.TEXT_BUTTON)
    expect(_button(box, msg.CHECK_BUTTON)).to_have_count(0)
    button.click()
    expect(box).to_contain_text("waarom", timeout=WIDGET_TIMEOUT)
    expect(box).to_contain_text("geen beoordeling")
    ui.shoot(box, "open_text")
    return SENTENCE


def _graded_and_checklist(ui: Session, item: dict) -> str:
    from playwright.sync_api import expect

    box = exercise_box(ui.panel, item)
    expect(box).to_have_count(1)
    # Graded: no "Controleer", no "Hint"; the answer is confirmed, never judged.
    expect(box.get_by_role("button")).to_have_count(0)
    option = next(o for o in item["options"] if o["id"] == "b")
    radio = box.get_by_role("radio", name=option["text"], exact=True)
    radio.click()
    expect(radio).to_be_checked()
    expect(box).to_contain_text("opgeslagen", timeout=WIDGET_TIMEOUT)
    expect(box).not_to_contain_text("Goed")
    expect(box).not_to_contain_text("goed")
    wait_for_answer(ui.answer_file, item["id"], "b")

    button = _button(ui.panel, msg.CHECKLIST_BUTTON)
    expect(button).to_have_count(1)
    button.click()
    # (the inner locator of `has` is relative to the box, so it starts from the page)
    checklist = ui.panel.locator(".widget-vbox").filter(has=_button(ui.page, msg.CHECKLIST_BUTTON))
    expect(checklist).to_have_count(1)
    expect(checklist).to_contain_text(msg.CHECKLIST_ALL.format(total=1), timeout=WIDGET_TIMEOUT)
    ui.shoot(checklist, "checklist")
    return "b"


def test_lesson_00_every_exercise_type(lab, tmp_path):
    from playwright.sync_api import expect

    problems: list[str] = []
    gallery = screenshot_dir(GALLERY, tmp_path / "gallery")
    with chromium_page(lab, tmp_path, problems) as page:
        panel = open_and_run_all(page, lab)
        ui = Session(page, panel, lab.answer_file, gallery)

        # Every item of the lesson is shown, as a rendered widget box with its header.
        shown = items_shown(lab.notebook, ITEMS)
        assert sorted(shown) == sorted(ITEMS), shown
        for item_id in shown:
            expect(exercise_box(panel, ITEMS[item_id]), f"widget of {item_id}").to_have_count(1)
        types = {ITEMS[i]["type"] for i in shown}
        driven = {"choice", "multiselect", "categorise", "match", "order", "open_text"}
        assert types == driven, f"lesson 00 shows types {sorted(types)}; this test drives {sorted(driven)}"

        answers = {
            "start_keuze": _choice_by_keyboard(ui, ITEMS["start_keuze"]),
            "start_meerkeuze": _multiselect(ui, ITEMS["start_meerkeuze"]),
            "start_indelen": _categorise(ui, ITEMS["start_indelen"]),
            "start_koppelen": _match(ui, ITEMS["start_koppelen"]),
            "start_volgorde": _order(ui, ITEMS["start_volgorde"]),
            "start_eigen_zin": _open_text(ui, ITEMS["start_eigen_zin"]),
            "start_proeftoets": _graded_and_checklist(ui, ITEMS["start_proeftoets"]),
        }

        # antwoorden.json holds every answer, and nothing else.
        wait_for_answers(lab.answer_file, lambda saved: saved == answers, f"exactly {answers!r}")

        # Nothing went wrong: no error outputs, no widget that failed to render, and nothing
        # written by a widget callback (that would only show in the log console).
        assert_no_errors(page, panel)
        assert_no_widget_log(page)

    assert not problems, problems
    for name in ["choice", "multiselect", "categorise", "match", "order", "open_text", "checklist"]:
        assert (gallery / f"{name}.png").stat().st_size > 0, name
