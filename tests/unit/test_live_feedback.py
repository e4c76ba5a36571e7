"""Feedback is read out by screen readers (ARIA live regions), without moving the focus."""

from __future__ import annotations

import pytest

from course.content import load_lesson
from course.learner.widgets import make_exercise
from course.learner.widgets.live import LiveHTML
from course.store import AnswerStore

ITEMS = load_lesson("00_start")["items"]


def test_the_answer_to_a_click_is_an_alert_and_a_saved_answer_a_status(tmp_path):
    store = AnswerStore.in_folder(tmp_path)
    formative = make_exercise(ITEMS["start_keuze"], store)
    formative.check()  # nothing chosen yet
    assert formative.feedback.value.startswith('<div role="alert">') and "Kies eerst" in formative.feedback.text
    formative.hint()
    assert formative.feedback.value.startswith('<div role="alert">')
    graded = make_exercise(ITEMS["start_proeftoets"], store)
    assert graded.feedback.value.startswith('<div role="status">')  # "nog niet beantwoord"
    graded.choose("b")
    assert graded.feedback.value.startswith('<div role="status">') and "opgeslagen" in graded.feedback.text


def test_an_empty_message_leaves_no_empty_region_and_roles_are_checked():
    live = LiveHTML()
    live.alert("<b>Hint:</b> kijk")
    assert live.text == "<b>Hint:</b> kijk"
    live.text = ""
    assert live.value == ""
    with pytest.raises(ValueError, match="role"):
        live.say("x", role="log")
