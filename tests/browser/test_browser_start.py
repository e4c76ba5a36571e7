"""End to end: every exercise type of lesson 00 works in a learner's JupyterLab.

One real ``jupyter lab`` on a copy of ``notebooks/00_start`` for this module; the notebook is
opened in headless Chromium (Playwright) and run once from the Dutch "Uitvoeren" menu (the
module fixture). Then one test per flow, each answering its own exercise through the page as a
learner who works by keyboard only would (Tab, Space, Enter, arrow keys inside a drop-down), with a
visible focus ring on every control reached, and the graded question with the self-check.
Controls are found by their accessible names (role and exact text), so a name that is not the
control's text fails the flow; feedback must come in a live region (role alert or status). Each checks the visible Dutch feedback, the answer
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
from answer_file import wait_for_answer
from browser_page import screenshot_dir, shoot
from conftest import REPO
from notebook_driver import (
    WIDGET_TIMEOUT,
    assert_no_errors,
    button,
    executed_lesson,
    item_cell,
    shown_blocks,
)

from course import messages as msg
from course.content import load_lesson

LESSON = "00_start"
ITEMS = load_lesson(LESSON)["items"]
GALLERY = REPO / "assets" / "gallery"
SENTENCE = "Waarom ben je zo laat?"
SAVED = re.compile(re.escape(msg.SAVED.format(time="HH:MM")).replace("HH:MM", r"\d{2}:\d{2}:\d{2}"))


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
        assert any(_is_focused(element) for element in passing), f"{key} left the exercise before reaching {target}"
        page.keyboard.press(key)
    expect(target).to_be_focused()


# A visible focus indicator (WCAG 2.4.7): the focused element looks different from itself without
# the focus, by its outline, box shadow or border (ipywidgets marks a focused drop-down and text
# box by a border colour, a button and a radio by an outline).
FOCUS_RING = """el => {
    const look = () => {
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? s.outlineColor : "none";
        return [outline, s.boxShadow, s.borderTopColor, s.borderTopWidth].join("|");
    };
    if (el !== document.activeElement) return false;
    const focused = look();
    el.blur();
    const blurred = look();
    el.focus();
    return focused !== blurred && el === document.activeElement;
}"""


def _assert_focus_ring(locator) -> None:
    from playwright.sync_api import expect

    expect(locator).to_be_focused()
    assert locator.evaluate(FOCUS_RING), f"no visible focus ring on {locator}"


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
        shown = {
            grade_id: block for grade_id, block in shown_blocks(lesson.lab.notebook, LESSON).items() if block in ITEMS
        }
        assert sorted(shown.values()) == sorted(ITEMS), shown
        for grade_id, item_id in shown.items():
            assert grade_id == item_cell(ITEMS[item_id]), f"{item_id} is shown by cell {grade_id!r}"
            expect(lesson.exercise(ITEMS[item_id]), f"widget of {item_id}").to_have_count(1)
        types = {item["type"] for item in ITEMS.values()}
        driven = {"choice", "multiselect", "categorise", "match", "order", "open_text"}
        assert types == driven, f"lesson 00 shows types {sorted(types)}; this module drives {sorted(driven)}"


def test_choice_by_keyboard(lesson, tmp_path, gallery):
    """Keyboard only: the hint, then a wrong option first, checked with
    "Controleer" ("Nog niet goed"), then the right one ("Goed")."""
    from playwright.sync_api import expect

    item = ITEMS["start_keuze"]
    with lesson.flow(tmp_path):
        page = lesson.page
        box = _box(lesson, item)
        radios = box.get_by_role("radio")
        n = len(item["options"])
        expect(radios).to_have_count(n)

        hint = button(box, msg.HINT_BUTTON)
        hint.focus()
        _assert_focus_ring(hint)
        page.keyboard.press("Enter")
        expect(box.get_by_role("alert")).to_contain_text(f"{msg.HINT_PREFIX} {item['hint']}", timeout=WIDGET_TIMEOUT)
        expect(hint).to_be_focused()

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
        _assert_focus_ring(radios.first)
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


def test_multiselect_by_keyboard(lesson, tmp_path, gallery):
    """Tab through the checkboxes, Space ticks the right ones, Enter on "Controleer"."""
    from playwright.sync_api import expect

    item = ITEMS["start_meerkeuze"]
    with lesson.flow(tmp_path):
        page = lesson.page
        box = _box(lesson, item)
        boxes = box.get_by_role("checkbox")
        expect(boxes).to_have_count(len(item["options"]))
        right = [o for o in item["options"] if o.get("correct")]
        assert len(right) == 2, "lesson 00 changed: expected two right options"
        options = [boxes.nth(i) for i in range(len(item["options"]))]
        boxes.first.focus()
        for option in right:
            checkbox = box.get_by_role("checkbox", name=option["text"], exact=True)
            _tab_to(page, checkbox, options)
            _assert_focus_ring(checkbox)
            page.keyboard.press("Space")
            expect(checkbox).to_be_checked()
        for option in item["options"]:
            checkbox = box.get_by_role("checkbox", name=option["text"], exact=True)
            if option.get("correct"):
                expect(checkbox).to_be_checked()
            else:
                expect(checkbox).not_to_be_checked()
        wait_for_answer(lesson.answer_file, item["id"], sorted(o["id"] for o in right))
        check = button(box, msg.CHECK_BUTTON)
        _tab_to(page, check, options)
        _assert_focus_ring(check)
        page.keyboard.press("Enter")
        # "Je koos 2 van de 2 goede antwoorden.": counted over the right options only; read out.
        expect(box.get_by_role("alert")).to_contain_text(
            msg.MULTI_RESULT.format(right=len(right), total=len(right)), timeout=WIDGET_TIMEOUT
        )
        expect(check).to_be_focused()  # the feedback is announced, the focus stays
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
    check = button(box, msg.CHECK_BUTTON)
    check.focus()
    lesson.page.keyboard.press("Enter")
    total = len(item["statements"])
    expect(box).to_contain_text(msg.SCORE_LINE.format(right=total, total=total), timeout=WIDGET_TIMEOUT)
    expect(box).not_to_contain_text(msg.INCORRECT)
    shoot(lesson.page, box, shot)


def _place_by_keyboard(lesson, box, item: dict) -> None:
    """Each statement's drop-down is named by the statement ("2. ..."); arrow keys choose (the
    course's shortcut settings keep JupyterLab from taking them to move between cells)."""
    from playwright.sync_api import expect

    categories = [c["id"] for c in item["categories"]]
    for statement in item["statements"]:
        expect(_statement_text(box, statement)).to_have_count(1)  # shown in full above its drop-down
        select = box.get_by_role("combobox", name=re.compile(rf"^\d+\. {re.escape(statement['text'])}$"))
        expect(select).to_have_count(1)
        # The first option is the placeholder "— kies —", selected at the start (value None).
        # ipywidgets writes the spaces in option labels as &nbsp;, so compare labels with those.
        assert select.evaluate("s => s.options[0].label") == msg.MATCH_PLACEHOLDER.replace(" ", "\u00a0")
        assert select.evaluate("s => s.selectedIndex") == 0
        select.focus()
        _assert_focus_ring(select)
        for _ in range(categories.index(statement["answer"]) + 1):
            lesson.page.keyboard.press("ArrowDown")
        expect(select).to_be_focused(timeout=WIDGET_TIMEOUT)
        label = next(c["label"] for c in item["categories"] if c["id"] == statement["answer"])
        expect(select).to_have_value(label, timeout=WIDGET_TIMEOUT)
        assert select.evaluate("s => s.options[s.selectedIndex].selected")  # the choice is exposed


def test_categorise_by_keyboard(lesson, tmp_path, gallery):
    item = ITEMS["start_indelen"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        _place_by_keyboard(lesson, box, item)
        _check_all_placed(lesson, box, item, gallery / "categorise.png")


def test_match_by_keyboard(lesson, tmp_path, gallery):
    item = ITEMS["start_koppelen"]
    with lesson.flow(tmp_path):
        box = _box(lesson, item)
        _place_by_keyboard(lesson, box, item)
        _check_all_placed(lesson, box, item, gallery / "match.png")


def test_order_by_keyboard(lesson, tmp_path, gallery):
    """Enter on a step's "Omhoog" moves it up; the focus goes along to the step's new row, so
    pressing Enter again moves the same step further. Read the order from the page."""
    from playwright.sync_api import expect

    item = ITEMS["start_volgorde"]
    with lesson.flow(tmp_path):
        page = lesson.page
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
            if order.index(step) == place:
                continue
            up = button(rows.nth(order.index(step)), msg.ORDER_UP)
            up.focus()
            _assert_focus_ring(up)
            while (pos := order.index(step)) > place:
                page.keyboard.press("Enter")
                order.insert(pos - 1, order.pop(pos))
                expect(lines).to_have_text(shown(order), timeout=WIDGET_TIMEOUT)
                # the focus followed the step: its new row's Omhoog (Omlaag at the top, where Omhoog is off)
                row = rows.nth(pos - 1)
                expect(button(row, msg.ORDER_UP if pos - 1 > 0 else msg.ORDER_DOWN)).to_be_focused(
                    timeout=WIDGET_TIMEOUT
                )
                moves += 1
                assert moves <= len(right) ** 2, "too many moves"
        if moves == 0:  # the shuffle happened to give the right order: confirm it as it stands
            confirm = button(box, msg.ORDER_CONFIRM)
            confirm.focus()
            page.keyboard.press("Enter")
        assert order == right
        wait_for_answer(lesson.answer_file, item["id"], right)
        check = button(box, msg.CHECK_BUTTON)
        check.focus()
        page.keyboard.press("Enter")
        total = len(right)
        expect(box.get_by_role("alert")).to_contain_text(
            f"{msg.CORRECT} {msg.ORDER_RESULT.format(total=total)}", timeout=WIDGET_TIMEOUT
        )
        shoot(lesson.page, box, gallery / "order.png")


def test_open_text_by_keyboard(lesson, tmp_path, gallery):
    """The text box is named by its label; type, Tab to "Geef feedback", Enter."""
    from playwright.sync_api import expect

    item = ITEMS["start_eigen_zin"]
    with lesson.flow(tmp_path):
        page = lesson.page
        box = _box(lesson, item)
        textarea = box.get_by_role("textbox", name=msg.TEXT_LABEL.format(label=item["label"]), exact=True)
        expect(textarea).to_have_count(1)
        expect(textarea).to_have_attribute("placeholder", item["placeholder"])
        textarea.focus()
        _assert_focus_ring(textarea)
        page.keyboard.type(SENTENCE, delay=20)  # key by key, as a learner types
        expect(textarea).to_have_value(SENTENCE)
        wait_for_answer(lesson.answer_file, item["id"], SENTENCE)
        expect(button(box, msg.CHECK_BUTTON)).to_have_count(0)
        feedback = button(box, msg.TEXT_BUTTON)
        _tab_to(page, feedback, [textarea])
        _assert_focus_ring(feedback)
        page.keyboard.press("Enter")
        expect(box.get_by_role("alert")).to_contain_text("waarom", timeout=WIDGET_TIMEOUT)
        expect(box).to_contain_text("geen beoordeling")
        expect(textarea).to_have_value(SENTENCE)  # Tab and Enter typed nothing into the box
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
        check_all.focus()
        _assert_focus_ring(check_all)
        lesson.page.keyboard.press("Enter")
        expect(selfcheck).to_contain_text(msg.SELFCHECK_OPEN.format(done=0, total=1), timeout=WIDGET_TIMEOUT)
        expect(selfcheck.locator("li")).to_have_text([item["label"]])

        box = _box(lesson, item)
        # Graded: no "Controleer", no "Hint"; the answer is confirmed, never judged.
        expect(box.get_by_role("button")).to_have_count(0)
        expect(box).to_contain_text(msg.LIVE_EMPTY)
        option = next(o for o in item["options"] if o["id"] == "b")
        radio = box.get_by_role("radio", name=option["text"], exact=True)
        radio.focus()
        _assert_focus_ring(radio)
        lesson.page.keyboard.press("Space")
        expect(radio).to_be_checked()
        expect(box.get_by_role("status")).to_contain_text(SAVED, timeout=WIDGET_TIMEOUT)
        expect(box).not_to_contain_text(msg.LIVE_EMPTY)
        expect(box).not_to_contain_text("Goed")
        expect(box).not_to_contain_text("goed")
        wait_for_answer(lesson.answer_file, item["id"], "b")

        selfcheck.scroll_into_view_if_needed()
        check_all.focus()
        lesson.page.keyboard.press("Enter")
        expect(selfcheck).to_contain_text(msg.SELFCHECK_ALL.format(answered=msg.answered(1)), timeout=WIDGET_TIMEOUT)
        expect(selfcheck.locator("li")).to_have_count(0)
        # (the file name stays checklist.png: the README's gallery shows it under that name)
        shoot(
            lesson.page,
            selfcheck.locator(".widget-vbox").filter(has=button(lesson.page, msg.SELFCHECK_BUTTON)),
            gallery / "checklist.png",
        )
