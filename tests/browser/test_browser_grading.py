"""The lecturer's rubric grading view in a real JupyterLab, by keyboard only (issue 19, part 3).

A graded course folder (tests/lecturer_course.py) with grading/beoordelen.ipynb in it; JupyterLab
runs there as the lecturer's, Chromium opens the notebook and runs it from the Dutch menu. The
lecturer then works with the keyboard alone: Tab to a rubric level, arrow keys to choose, Tab to
"Opslaan", Enter. The gradebook must hold what was chosen and the feedback page must follow; a
Dutch "1,5" is saved as 1.5 and "3,5" is refused with a message. The reflection with markup in it
is on the page as text. Needs Chromium at /usr/bin/chromium (skipped without, failed on CI).
"""

from __future__ import annotations

import shutil

import pytest
from axe_audit import audit_outputs
from browser_page import chromium_page
from conftest import LESSON_02
from labserver import start_lecturer_lab
from lecturer_course import graded_course
from nbgrader.api import Gradebook
from nbtools import GRADING_VIEW
from notebook_driver import assert_no_errors, open_notebook, run_all_cells, settle_widgets

REFLECTIONS = {"ada": "Ik vroeg eerst hoe het met de moeder ging.", "bo": "<img src=x onerror=alert(1)> <b>vet</b>"}


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    course = graded_course(tmp_path_factory.mktemp("grading"), REFLECTIONS)
    shutil.copy2(GRADING_VIEW, course / GRADING_VIEW.name)
    base = tmp_path_factory.mktemp("lab")
    with start_lecturer_lab(base, course, GRADING_VIEW.name) as lab, chromium_page(lab, base) as browser:
        panel = open_notebook(browser.page, lab)
        run_all_cells(browser.page, panel)
        assert_no_errors(browser.page, panel)
        yield course, browser, panel


def grade_of(course, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        g = gb.find_grade("reflectie", LESSON_02, LESSON_02, student)
        return (
            g.manual_score,
            g.needs_manual_grade,
            gb.find_comment("reflectie", LESSON_02, LESSON_02, student).manual_comment,
        )


def _focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def _tab_until(page, target, limit=12) -> None:
    for _ in range(limit):
        if _focused(target):
            return
        page.keyboard.press("Tab")
    assert _focused(target), f"Tab never reached {target}"


def test_grading_a_reflection_with_the_keyboard_alone(view, tmp_path):
    from playwright.sync_api import expect

    course, browser, panel = view
    page = browser.page
    with browser.evidence(tmp_path):
        student = panel.get_by_role("combobox", name="Student")
        expect(student).to_have_value("ada: nog nakijken")
        expect(panel.get_by_text("Ik vroeg eerst hoe het met de moeder ging.")).to_be_visible()
        # the first rubric criterion: Tab to its first level, arrow down twice (the top level)
        first = panel.get_by_role("radio", name="0 punten: Geen situatie of alleen algemeen.")
        student.focus()
        _tab_until(page, first)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        expect(
            panel.get_by_role("radio", name="1 punt: Een concrete situatie die de lezer kan volgen.")
        ).to_be_checked()
        for name in ("0 punten: Opvoederschap en ouderschap ontbreken of kloppen niet.", "0 punten: Geen plan."):
            target = panel.get_by_role("radio", name=name)
            _tab_until(page, target)
            page.keyboard.press("ArrowDown")  # the middle level
        settle_widgets(page)
        points = panel.get_by_role("textbox", name="Punten")
        expect(points).to_have_value("2")
        _tab_until(page, panel.get_by_role("textbox", name="Opmerking"))
        page.keyboard.type("Goed begin; leg de begrippen nog uit.")
        save = panel.get_by_role("button", name="Opslaan", exact=True)
        _tab_until(page, save)
        settle_widgets(page)
        page.keyboard.press("Enter")
        expect(panel.get_by_role("status")).to_contain_text("Opgeslagen: ada krijgt 2 van 3 punten.", timeout=60_000)
        score, waiting, comment = grade_of(course, "ada")
        assert (score, waiting) == (2.0, False)
        assert comment.startswith("Goed begin; leg de begrippen nog uit.") and "- Begrippen: 0,5 punt" in comment
        feedback = (course / "feedback" / "ada" / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
        assert "Punten: 2 van 3" in feedback and "Goed begin; leg de begrippen nog uit." in feedback


def test_a_dutch_comma_is_saved_and_a_value_too_high_refused(view, tmp_path):
    from playwright.sync_api import expect

    course, browser, panel = view
    page = browser.page
    with browser.evidence(tmp_path):
        student = panel.get_by_role("combobox", name="Student")
        student.focus()
        page.keyboard.press("ArrowDown")  # the next learner in the list: bo
        settle_widgets(page)
        expect(student).to_have_value("bo: nog nakijken")
        # bo's reflection is text on the page, not an image that runs script
        expect(panel.get_by_text("<img src=x onerror=alert(1)> <b>vet</b>")).to_be_visible()
        expect(panel.locator("img[src=x]")).to_have_count(0)
        points = panel.get_by_role("textbox", name="Punten")
        save = panel.get_by_role("button", name="Opslaan", exact=True)
        for typed, shown in (("3,5", "Niet opgeslagen."), ("1,5", "Opgeslagen: bo krijgt 1,5 van 3 punten.")):
            points.focus()
            page.keyboard.press("Control+A")
            page.keyboard.type(typed)
            _tab_until(page, save)
            settle_widgets(page)
            page.keyboard.press("Enter")
            expect(panel.get_by_role("alert" if typed == "3,5" else "status")).to_contain_text(shown, timeout=60_000)
            if typed == "3,5":
                expect(panel.get_by_role("alert")).to_contain_text("hoogstens 3 punten")
                assert grade_of(course, "bo")[:2] == (None, True)
        assert grade_of(course, "bo")[:2] == (1.5, False)


def test_no_serious_accessibility_violation_in_the_grading_view(view):
    _, browser, _ = view
    findings, outputs = audit_outputs(browser.page)
    print(f"\nbeoordelen.ipynb: {outputs} uitvoervak(ken), {findings.passes} geslaagde controles; {findings.summary()}")
    assert outputs > 0 and findings.passes > 0, "nothing was audited"
    assert not findings.blocking(), f"serious or critical violations:\n{findings.report()}"
