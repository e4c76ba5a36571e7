"""End to end: lesson 04's conversation on the school playground, where a father says "nee".

A real ``jupyter lab`` on a copy of ``notebooks/04_vier_handreikingen``, opened in headless Chromium
and run once from the Dutch "Uitvoeren" menu. One flow, by keyboard only: the shortest path on which
the father says no to the permission question, the conversation goes on at its own moment (``nee``),
and the door still opens; each reply is read out and saved, the ending, turning points and figures
follow. Gallery: ``assets/gallery/gesprek_schoolplein.png`` with env ``OUDERS_ZIEN_SCREENSHOTS=1``.
Needs Chromium at /usr/bin/chromium: skipped without it, except on CI (env ``CI`` set).
"""

from __future__ import annotations

import pytest
from browser_page import screenshot_dir, shoot
from conftest import REPO
from notebook_driver import executed_lesson, exercise_box
from scenario_driver import PlayedScenario

from course.content import load_lesson
from course.model.conversation import load_conversation

LESSON = "04_vier_handreikingen"
SCHOOLPLEIN = load_conversation(load_lesson(LESSON)["blocks"]["gesprek_schoolplein"]["scenario"])
NO = "nee"  # the moment where the father has said no
VIEWPORT = {"width": 1400, "height": 1800}


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    with executed_lesson(tmp_path_factory.mktemp("browser-nee"), LESSON, VIEWPORT) as executed:
        yield executed


def test_a_parent_says_no_and_the_conversation_goes_on(lesson, tmp_path):
    from playwright.sync_api import expect

    assert NO in SCHOOLPLEIN.nodes
    through_no = [turns for turns in SCHOOLPLEIN.paths() if any(t.node == NO for t in turns)]
    opened = [turns for turns in through_no if turns[-1].state.door_open]
    assert through_no and opened, "no path through the 'nee' (that opens the door)"
    turns = min(opened, key=len)
    said_no = next(t for t in turns if t.node == NO)
    assert said_no.number > 1 and "nee" in turns[said_no.number - 2].reply.lower(), "the father did not say no"
    with lesson.flow(tmp_path):
        box = exercise_box(lesson.cell("gesprek_schoolplein"), SCHOOLPLEIN.title)
        expect(box).to_have_count(1)
        played = PlayedScenario(lesson.page, box, SCHOOLPLEIN, lesson.answer_file)
        played.play_by_keyboard(turns)
        played.check_ending(turns)
        shoot(
            lesson.page,
            box,
            screenshot_dir(REPO / "assets" / "gallery", tmp_path / "gallery") / f"{SCHOOLPLEIN.id}.png",
        )
