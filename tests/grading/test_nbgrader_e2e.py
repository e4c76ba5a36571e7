"""End to end with nbgrader in a temporary course directory: release, submissions, autograde,
manual grade, feedback and CSV export, with exact expected scores."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.keys import load_keys
from course.rubric import comment_text, rubric_of
from course.authoring.release import tool_env
from course.store import STORE_NAME

from conftest import LESSON_02, REPO
from nbtools import grade_id, text_of


def answer_key(lesson):
    return load_keys(lesson, REPO / "grading")

AUTO_POINTS = 9.0  # six multiple-choice items of 1 point, one categorise item of 3 points
MANUAL_POINTS = 3.0  # the reflection


def nbgrader(course, *args):
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course,
                          capture_output=True, text=True, env=tool_env())
    assert proc.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def wrong(item_key, options=("a", "b", "c", "d")):
    return next(o for o in options if o != item_key)


def flip(cat):
    return "wie" if cat == "rol" else "rol"


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    nbgrader(course, "generate_assignment", LESSON_02, "--force")
    released = course / "release" / LESSON_02 / f"{LESSON_02}.ipynb"
    assert released.exists()

    key = answer_key(LESSON_02)
    choice_ids = [i for i, k in key.items() if isinstance(k, str)]
    cat_id = next(i for i, k in key.items() if isinstance(k, dict))
    half = {i: (key[i] if n < len(choice_ids) // 2 else wrong(key[i])) for n, i in enumerate(choice_ids)}
    half[cat_id] = {sid: (c if n % 2 == 0 else flip(c)) for n, (sid, c) in enumerate(key[cat_id].items())}
    answers = {
        "alle_goed": json.dumps({"format": 1, "answers": key}),
        "half_goed": json.dumps({"format": 1, "answers": half}),
        "leeg": None,  # handed in without ever answering
        "kapot": '{"format": 1, "answers": {"toets_opvoederschap": "b", ',  # cut off mid-write
    }
    for student, content in answers.items():
        folder = course / "submitted" / student / LESSON_02
        folder.mkdir(parents=True)
        nb = nbformat.read(str(released), as_version=4)
        if student == "alle_goed":
            reflection = next(c for c in nb.cells if grade_id(c) == "reflectie")
            reflection.source = "Bij het ophalen vroeg ik eerst hoe het met de moeder ging (ouderschap)."
        nbformat.write(nb, str(folder / released.name))
        if content is not None:
            (folder / STORE_NAME).write_text(content, encoding="utf-8")
    nbgrader(course, "autograde", LESSON_02)
    return course, {"choice": len(choice_ids), "half_choice": len(choice_ids) // 2}


def scores(course):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: (s.score, s.max_score, s.needs_manual_grade)
                for s in gb.assignment_submissions(LESSON_02)}


def test_autograde_gives_exact_scores(graded_course):
    course, n = graded_course
    assert n["choice"] == 6
    got = scores(course)
    expected_half = n["half_choice"] * 1.0 + 3 * 0.5  # 3 of 6 MC right + 3 of 6 statements right
    assert {s: v[0] for s, v in got.items()} == {
        "alle_goed": AUTO_POINTS, "half_goed": expected_half, "leeg": 0.0, "kapot": 0.0,
    }
    assert expected_half == 4.5
    assert all(v[1] == AUTO_POINTS + MANUAL_POINTS for v in got.values())
    # A changed reflection waits for the lecturer; an untouched one is scored 0 automatically.
    assert got["alle_goed"][2] is True and got["leeg"][2] is False


def test_corrupt_answer_file_is_kept_and_reported_in_the_graded_copy(graded_course):
    course, _ = graded_course
    folder = course / "autograded" / "kapot" / LESSON_02
    assert (folder / STORE_NAME).read_text(encoding="utf-8").startswith('{"format": 1')  # untouched
    nb = nbformat.read(str(folder / f"{LESSON_02}.ipynb"), as_version=4)
    outputs = "".join(text_of(c) for c in nb.cells)
    assert "beschadigd" in outputs and "niet beantwoord" in outputs


def test_manual_grade_feedback_and_export(graded_course, tmp_path):
    course, _ = graded_course
    r = rubric_of(LESSON_02, "reflectie")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("reflectie", LESSON_02, LESSON_02, "alle_goed")
        grade.manual_score = 2.5
        comment = gb.find_comment("reflectie", LESSON_02, LESSON_02, "alle_goed")
        comment.manual_comment = comment_text(r, [2, 2, 1], "Sterk: je <b>begon</b> bij de moeder.")
        gb.db.commit()
    nbgrader(course, "generate_feedback", LESSON_02)
    for student in ("alle_goed", "half_goed", "leeg", "kapot"):
        html = (course / "feedback" / student / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in html and "Error" not in html.split("</style>")[-1]
        assert ".score(" not in html and "HIDDEN TESTS" not in html  # no answer key in feedback
        # a page in plain Dutch: no code cell, no Out[...], none of nbgrader's English headings
        for english in ("Out[", "In&nbsp;[", "from course import", "Test cell", "Written response", "Score:",
                        "Comment", "Student's answer"):
            assert english not in html, (student, english)
    html = (course / "feedback" / "alle_goed" / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
    assert "Je punten voor deze les: 11,5 van 12." in html and html.count("Punten: 1 van 1") == 6
    assert "Punten: 3 van 3" in html and "Punten: 2,5 van 3" in html
    # the learner's answers as text, the question above them
    assert "Jouw antwoord" in html and "model_id" not in html and "Welke zinnen kloppen" in html
    # the reflection: the learner's text, the chosen rubric levels, the remark (as text)
    assert "Bij het ophalen vroeg ik eerst hoe het met de moeder ging (ouderschap)." in html
    assert "<th scope=\"row\">Eigen aanpak</th><td>0,5 punt</td><td>Een plan zonder uitleg.</td>" in html
    assert "Sterk: je &lt;b&gt;begon&lt;/b&gt; bij de moeder." in html and "— Rubric —" not in html
    html = (course / "feedback" / "leeg" / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
    assert "Je punten voor deze les: 0 van 12." in html and "Niet ingevuld." in html and "Niet beantwoord." in html

    out = tmp_path / "cijfers.csv"
    nbgrader(course, "export", "--to", str(out))
    with open(out, newline="", encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert {s: float(r["score"]) for s, r in rows.items()} == {
        "alle_goed": 11.5, "half_goed": 4.5, "leeg": 0.0, "kapot": 0.0,
    }
    assert all(r["assignment"] == LESSON_02 and float(r["max_score"]) == 12.0 for r in rows.values())


LESSON_05 = "05_praktijkvoorbeeld"


def test_lesson_05_partial_credit_for_order_through_nbgrader(tmp_path):
    """Order (longest run in the right order) scored by nbgrader with partial credit. (Multi-select partial
    credit through nbgrader: tests/grading/test_every_lesson.py, every lesson that has one.)"""
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_05, course / "source" / LESSON_05)
    nbgrader(course, "generate_assignment", LESSON_05, "--force")
    released = course / "release" / LESSON_05 / f"{LESSON_05}.ipynb"
    key = answer_key(LESSON_05)
    order = key["toets_volgorde_artikel"]
    partly = {
        "toets_volgorde_artikel": [order[1], order[0], *order[2:]],  # 4 of 5 steps in order: 2 * 4/5
        "toets_eerste_zet": key["toets_eerste_zet"],  # 1
        "toets_stilte": wrong(key["toets_stilte"]),  # 0
        "toets_aanbod": wrong(key["toets_aanbod"]),  # 0
        "scenario_ophalen": ["a", "a"],  # played, but never graded
    }
    for student, answers in {"alle_goed": key, "deels": partly}.items():
        folder = course / "submitted" / student / LESSON_05
        folder.mkdir(parents=True)
        shutil.copy2(released, folder / released.name)
        (folder / STORE_NAME).write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")
    nbgrader(course, "autograde", LESSON_05)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        got = {s.student.id: round(s.score, 4) for s in gb.assignment_submissions(LESSON_05)}
        max_score = gb.find_assignment(LESSON_05).max_score
    assert got == {"alle_goed": 5.0, "deels": round(2 * 4 / 5 + 1, 4)}
    assert max_score == 8.0  # 5 automatic + 3 for the reflection
