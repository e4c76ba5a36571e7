"""The rebuild (course/lecturer/rebuild.py) keeps a learner's reflection, as text: what the formgrader and
the feedback render of it is the literal text (tests/unit/test_learner_text.py), in every notebook
`ouders-zien docent nakijken` writes, whatever renders it later."""

from __future__ import annotations

import nbformat
import pytest
from conftest import LESSON_02, REPO
from nbtools import grade_id

from course import messages as msg
from course.learner_text import as_text, is_text
from course.lecturer.rebuild import rebuild

RELEASED = REPO / "grading" / "source" / LESSON_02 / f"{LESSON_02}.ipynb"


def released():
    nb = nbformat.read(str(RELEASED), as_version=4)
    answer = next(c for c in nb.cells if grade_id(c) == "reflectie")
    answer.source = msg.REFLECTION_PLACEHOLDER  # as released
    return nb


def submission(text):
    nb = released()
    next(c for c in nb.cells if grade_id(c) == "reflectie").source = text
    return nb


def reflection(nb):
    return next(c for c in nb.cells if grade_id(c) == "reflectie").source


def test_a_reflection_with_html_is_stored_as_text():
    text = 'Goed gesprek.\n<img src=x onerror="alert(1)">\n![](http://tracker.invalid/x.png) $\\href{javascript:x}{y}$'
    nb, changes = rebuild(submission(text), released())
    assert reflection(nb) == as_text(text) and is_text(reflection(nb))
    assert changes["reflections"] == 1


def test_an_untouched_answer_stays_the_course_text_so_nbgrader_scores_it_zero():
    nb, _ = rebuild(submission(reflection(released())), released())
    assert reflection(nb) == reflection(released())


def test_a_reflection_as_a_list_of_lines_and_a_long_one_are_cut_then_made_text():
    nb, changes = rebuild(submission(["<b>1</b>\n", "2"]), released())
    assert reflection(nb) == as_text("<b>1</b>\n2")
    nb, changes = rebuild(submission("<" * 30), released(), max_chars=10)
    assert reflection(nb) == as_text("<" * 10) and changes["cut"] == 1


@pytest.mark.parametrize("placeholder", [msg.REFLECTION_PLACEHOLDER, *msg.REFLECTION_PLACEHOLDERS_BEFORE])
def test_the_placeholder_a_learner_left_standing_is_dropped(placeholder):
    """Issue 24: the placeholder had to be deleted by hand; now it may stay, and no reader sees it as work."""
    nb, _ = rebuild(submission(f"{placeholder}\n\nIk vroeg eerst hoe het met haar ging."), released())
    assert reflection(nb) == as_text("Ik vroeg eerst hoe het met haar ging.")
    nb, _ = rebuild(submission(f"{placeholder}\n\n  "), released())  # only the placeholder: nothing written
    assert reflection(nb) == reflection(released())
    nb, _ = rebuild(submission(""), released())  # emptied: nbgrader scores the course's text 0
    assert reflection(nb) == reflection(released())
