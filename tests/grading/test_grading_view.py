"""The lecturer's rubric grading view (course/lecturer/grading_view.py), driven through its Python API on a
real nbgrader course: what it shows, what it writes into the gradebook, and the feedback that
follows (never stale); a late hand-in graded later leaves the others' grading alone."""

from __future__ import annotations

import pytest
from nbgrader.api import Gradebook

from course.lecturer import docent
from course.lecturer.feedback_page import stale
from course.lecturer.grading_view import GradingView

from conftest import LESSON_02
from lecturer_course import graded_course, hand_in

REFLECTIONS = {
    "ada": "Bij het hek vroeg ik eerst hoe het met de moeder ging.\nDaarna pas over de dag.",
    "bo": "<script>alert('x')</script> & <b>vet</b> $x$",
    "cas": None,  # no reflection written
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return graded_course(tmp_path_factory.mktemp("grading"), REFLECTIONS)


def grade_of(course, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        g = gb.find_grade("reflectie", LESSON_02, LESSON_02, student)
        c = gb.find_comment("reflectie", LESSON_02, LESSON_02, student)
        return g.manual_score, g.needs_manual_grade, c.manual_comment


def test_the_view_lists_every_learner_and_shows_the_reflection_as_text(course):
    view = GradingView(course)
    assert view.lesson == LESSON_02 and view.item_pick.value == "reflectie"
    assert [label for label, _ in view.student_pick.options] == ["ada: nog nakijken", "bo: nog nakijken", "cas: 0 van 3"]
    view.student_pick.value = "bo"
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt; $x$" in view.text.value
    assert "<script" not in view.text.value and "<b>vet" not in view.text.value
    assert [r.description for r in view.criteria] == ["Situatie", "Begrippen", "Eigen aanpak"]
    assert view.criteria[0].options[2] == ("1 punt: Een concrete situatie die de lezer kan volgen.", 2)
    view.student_pick.value = "cas"
    assert "niets geschreven" in view.text.value and view.points.value == "0"


def test_rubric_levels_sum_to_the_points_and_saving_writes_the_gradebook_and_the_feedback(course):
    view = GradingView(course, LESSON_02)
    view.student_pick.value = "ada"
    assert view.points.value == ""
    view.choose([2, 1])
    assert view.points.value == ""  # not every criterion chosen yet
    view.choose([2, 1, 2])
    assert view.points.value == "2,5"
    view.remark.value = "Mooi: je begon bij de <moeder>."
    assert view.save() is True
    score, waiting, comment = grade_of(course, "ada")
    assert (score, waiting) == (2.5, False)
    assert comment.endswith("— Rubric —\n- Situatie: 1 punt\n- Begrippen: 0,5 punt\n- Eigen aanpak: 1 punt")
    assert "Opgeslagen: ada krijgt 2,5 van 3 punten." in view.message.value
    assert "feedback voor deze student is bijgewerkt" in view.message.value
    page = (course / "feedback" / "ada" / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
    assert "Punten: 2,5 van 3" in page and "Mooi: je begon bij de &lt;moeder&gt;." in page
    assert "<td>0,5 punt</td><td>Begrippen genoemd, maar niet goed toegepast op de situatie.</td>" in page
    assert ("ada: 2,5 van 3", "ada") in view.student_pick.options
    # opened again, the view shows what was saved
    again = GradingView(course, LESSON_02)
    again.student_pick.value = "ada"
    assert [r.value for r in again.criteria] == [2, 1, 2] and again.points.value == "2,5"
    assert again.remark.value == "Mooi: je begon bij de <moeder>."


@pytest.mark.parametrize("typed, saved", [("1,5", 1.5), ("2.0", 2.0), ("3", 3.0)])
def test_a_dutch_decimal_comma_is_saved_as_typed(course, typed, saved):
    view = GradingView(course, LESSON_02)
    view.student_pick.value = "bo"
    view.points.value = typed
    assert view.save() is True
    assert grade_of(course, "bo")[0] == saved


@pytest.mark.parametrize("typed, why", [("3,5", "hoogstens 3 punten"), ("anderhalf", "geen getal"), ("", "geen getal")])
def test_a_value_outside_the_range_is_refused_with_a_message_and_nothing_saved(course, typed, why):
    view = GradingView(course, LESSON_02)
    view.student_pick.value = "bo"
    before = grade_of(course, "bo")
    view.points.value = typed
    assert view.save() is False
    assert "Niet opgeslagen." in view.message.value and why in view.message.value
    assert grade_of(course, "bo") == before


def test_a_grade_changed_elsewhere_marks_the_feedback_stale_until_remade(course):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert stale(course, gb, LESSON_02) == []
        g = gb.find_grade("reflectie", LESSON_02, LESSON_02, "cas")  # as the formgrader would
        g.manual_score = 1.0
        gb.db.commit()
        assert stale(course, gb, LESSON_02) == ["cas"]
    row = next(r for r in docent.status(course) if r["les"] == LESSON_02)
    assert row["feedback"] == 3 and row["verouderd"] == 1
    assert docent.remake_feedback(course, LESSON_02) == ["cas"]
    assert next(r for r in docent.status(course) if r["les"] == LESSON_02)["verouderd"] == 0
    page = (course / "feedback" / "cas" / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
    assert "Je punten voor deze les: 10 van 12." in page


def test_a_late_hand_in_is_graded_alone_and_the_others_keep_their_grading(course):
    before = {s: grade_of(course, s) for s in REFLECTIONS}
    pages = {s: (course / "feedback" / s / LESSON_02 / f"{LESSON_02}.html").stat().st_mtime_ns for s in REFLECTIONS}
    hand_in(course, "dex", "Te laat, maar wel ingeleverd.")
    report = docent.grade(course, LESSON_02)
    assert report["ongewijzigd"] == ["3 inzending(en) al nagekeken en niet veranderd: niet opnieuw nagekeken "
                                     "(opnieuw toch: --opnieuw)"]
    assert report["feedback"] == ["feedback gemaakt voor 1 student(en)"]
    assert {s: grade_of(course, s) for s in REFLECTIONS} == before
    assert all(before[s][1] is False for s in ("ada", "bo"))
    assert {s: (course / "feedback" / s / LESSON_02 / f"{LESSON_02}.html").stat().st_mtime_ns for s in REFLECTIONS} == pages
    assert grade_of(course, "dex")[1] is True
