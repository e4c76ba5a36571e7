"""Cheat-proof grading: a determined (or unlucky) learner's lesson-02 submissions through the real
`nbgrader autograde`, each with its exact expected score, the rest of the class still graded.

The quiz is graded from antwoorden.json and nothing the learner typed runs (course/lecturer/rebuild.py):
each case below failed before, with the scores the issue lists (9 of 9 for a patched kernel, a
crash for deleted cells, 0 for a killed kernel or a cut-off notebook).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.keys import load_keys
from course.learner_text import as_text
from course.authoring.release import tool_env
from course.store import STORE_NAME

from conftest import LESSON_02, REPO
from nbtools import grade_id

FULL = 9.0
KEY = load_keys(LESSON_02, REPO / "grading")
WRONG = {item: ("a" if key != "a" else "b") if isinstance(key, str) else {s: ("wie" if c == "rol" else "rol")
                                                                           for s, c in key.items()}
         for item, key in KEY.items()}
PWNED = "/tmp/ouders-zien-pwned"

PATCH_HELPERS = """
import json, course, course.learner.lesson, course.scoring
_loads = json.loads
json.loads = lambda *a, **k: _loads(*a, **k)
course.grade = course.learner.lesson.grade
course.scoring.points = lambda item, answer, key: float(item["points"])
"""
PATCH_BUILTINS = """
import builtins
builtins.isinstance = lambda *a: True
builtins.round = lambda x, *a: 1.0
"""


def store(answers) -> str:
    return json.dumps({"format": 1, "answers": answers})


def add_cell(nb, source, at=1):
    nb.cells.insert(at, nbformat.v4.new_code_cell(source))


def edit_grade_cells(nb, source):
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            cell.source = source


def delete_grade_cells(nb):
    nb.cells = [c for c in nb.cells if not (c.cell_type == "code" and
                                            c.get("metadata", {}).get("nbgrader", {}).get("grade"))]


# student -> (what happens to the notebook, the store's content (None: no file), expected auto score)
CASES = {
    "goed": (None, store(KEY), FULL),
    "fout_en_helpers_gepatcht": (lambda nb: add_cell(nb, PATCH_HELPERS), store(WRONG), 0.0),
    "fout_en_builtins_gepatcht": (lambda nb: add_cell(nb, PATCH_BUILTINS, at=0), store(WRONG), 0.0),
    "toetscellen_weg": (delete_grade_cells, store(KEY), FULL),
    "toetscellen_leeg": (lambda nb: edit_grade_cells(nb, "pass"), store(KEY), FULL),
    "verborgen_test_bewerkt": (lambda nb: edit_grade_cells(nb, "1.0"), store(WRONG), 0.0),
    "kernel_stopt": (lambda nb: add_cell(nb, "import os\nos._exit(0)"), store(KEY), FULL),
    "oneindige_lus": (lambda nb: add_cell(nb, "while True:\n    pass"), store(KEY), FULL),
    "50MB_uitvoer": (lambda nb: add_cell(nb, "print('x' * 50_000_000)"), store(KEY), FULL),
    "code_in_antwoorden": (None, store({i: f"__import__('os').system('touch {PWNED}')" for i in KEY}), 0.0),
    "gelijk_aan_alles": (None, store({i: {"__eq__": "lambda *a: True", "__class__": "str"} for i in KEY}), 0.0),
    "verkeerde_soorten": (None, store({i: ([1, 2] if isinstance(k, str) else "rol") for i, k in KEY.items()}), 0.0),
    "andere_les_en_onbekend": (None, store({**{i: KEY[i] for i in list(KEY)[:3]}, "onbekend": "a",
                                            "toets_volgorde_artikel": ["a"], "w_toets_daan": "b"}), 3.0),
    "antwoorden_kapot": (None, '{"format": 1, "answers": {"toets_opvoederschap": "b", ', 0.0),
    "antwoorden_geen_utf8": (None, b'\xff\xfe{"format": 1}', 0.0),
    "geen_antwoorden": (None, None, 0.0),
    "antwoorden_100MB": (None, "HUGE", 0.0),
    "notebook_half": (None, store(KEY), FULL),  # its JSON is cut in half below
    "antwoorden_symlink": (None, "LINK", 0.0),
}


def nbgrader(course, *args):
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course,
                          capture_output=True, text=True, env=tool_env())


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if os.path.exists(PWNED):
        os.remove(PWNED)
    course = tmp_path_factory.mktemp("course")
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    assert nbgrader(course, "generate_assignment", LESSON_02, "--force").returncode == 0
    released = course / "release" / LESSON_02 / f"{LESSON_02}.ipynb"
    for student, (change, content, _) in CASES.items():
        folder = course / "submitted" / student / LESSON_02
        folder.mkdir(parents=True)
        nb = nbformat.read(str(released), as_version=4)
        for cell in nb.cells:
            if grade_id(cell) == "reflectie":
                cell.source = f"Mijn reflectie ({student})."
        if change:
            change(nb)
        target = folder / released.name
        nbformat.write(nb, str(target))
        if student == "notebook_half":
            raw = target.read_bytes()
            target.write_bytes(raw[:len(raw) // 2])
        if content == "HUGE":
            with open(folder / STORE_NAME, "wb") as fh:
                fh.write(store(KEY)[:-2].encode() + b", " + b'"x": "' + b"y" * 100_000_000 + b'"}}')
        elif content == "LINK":
            (folder / STORE_NAME).symlink_to(course / "submitted" / "goed" / LESSON_02 / STORE_NAME)
        elif isinstance(content, bytes):
            (folder / STORE_NAME).write_bytes(content)
        elif content is not None:
            (folder / STORE_NAME).write_text(content, encoding="utf-8")
    proc = nbgrader(course, "autograde", LESSON_02)
    return course, proc


def test_every_submission_gets_its_exact_score(graded):
    course, proc = graded
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        got = {s.student.id: round(sum(nb.code_score for nb in s.notebooks), 4)
               for s in gb.assignment_submissions(LESSON_02)}
    expected = {student: score for student, (_, _, score) in CASES.items()}
    wrong = {s: (got.get(s), e) for s, e in expected.items() if got.get(s) != e}
    assert not wrong, f"(got, expected): {wrong}\n{proc.stderr[-3000:]}"


def test_nothing_in_the_answer_file_ran():
    assert not os.path.exists(PWNED)


def test_reflections_are_kept_and_wait_for_the_lecturer(graded):
    course, _ = graded
    for student in ("goed", "fout_en_helpers_gepatcht", "toetscellen_weg"):
        nb = nbformat.read(str(course / "autograded" / student / LESSON_02 / f"{LESSON_02}.ipynb"), as_version=4)
        reflection = next(c for c in nb.cells if grade_id(c) == "reflectie")
        assert reflection.source == as_text(f"Mijn reflectie ({student}).")  # kept, as text (test_learner_text.py)
        assert not any("os._exit" in c.source or "builtins" in c.source for c in nb.cells)


def test_a_notebook_that_cannot_be_read_is_kept_aside_and_graded_from_the_release(graded):
    course, proc = graded
    folder = course / "submitted" / "notebook_half" / LESSON_02
    assert (folder / f"{LESSON_02}.ipynb.beschadigd").exists()
    assert "notebook_half: notebook onleesbaar" in proc.stderr


def test_a_linked_answer_file_counts_for_nothing_and_the_other_file_is_untouched(graded):
    course, _ = graded
    assert not (course / "submitted" / "antwoorden_symlink" / LESSON_02 / STORE_NAME).is_symlink()
    assert json.loads((course / "submitted" / "goed" / LESSON_02 / STORE_NAME).read_text())["answers"] == KEY


def test_the_independent_scorer_agrees_with_the_gradebook_on_every_submission(graded):
    from course.lecturer.crosscheck import crosscheck

    course, _ = graded
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        checks = crosscheck(course, LESSON_02, REPO / "grading", gb)
    assert {c.student for c in checks} == set(CASES)
    assert [d for c in checks for d in c.differences()] == []
    assert {c.student: c.total for c in checks} == {s: e for s, (_, _, e) in CASES.items()}
    notes = {c.student: " ".join(c.notes) for c in checks}
    assert "onleesbaar" in notes["antwoorden_kapot"] and "te groot" in notes["antwoorden_100MB"]
    assert "niet bij deze les" in notes["andere_les_en_onbekend"]


def test_the_scorer_flags_a_gradebook_that_differs_from_the_answers(graded, tmp_path):
    from course.lecturer.crosscheck import crosscheck

    course, _ = graded
    db = tmp_path / "gradebook.db"
    shutil.copy2(course / "gradebook.db", db)
    with Gradebook(f"sqlite:///{db}") as gb:
        gb.find_grade("toets_samen", LESSON_02, LESSON_02, "geen_antwoorden").auto_score = 1.0
        gb.db.commit()
        gone = course / "submitted" / "nog_niet_nagekeken" / LESSON_02
        gone.mkdir(parents=True)
        (gone / STORE_NAME).write_text(store(KEY), encoding="utf-8")
        try:
            lines = [d for c in crosscheck(course, LESSON_02, REPO / "grading", gb) for d in c.differences()]
        finally:
            shutil.rmtree(gone.parent)
    assert lines == ["geen_antwoorden: toets_samen: antwoorden 0, cijferboek 1",
                     "nog_niet_nagekeken: wel ingeleverd, niet in het cijferboek (nog niet nagekeken?)"]
