"""A small graded course folder for the lecturer's tests (not a test module): lesson 02 released,
a few learners handed in (all toets answers right, a reflection each as given), graded by
``ouders-zien docent nakijken``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
from conftest import LESSON_02, REPO

from course.keys import load_keys
from course.lecturer import docent
from course.store import STORE_NAME


def hand_in(course: Path, student: str, reflection: str | None) -> None:
    """Put a learner's hand-in of lesson 02 into submitted/ (``reflection`` None: none written)."""
    released = course / "release" / LESSON_02 / f"{LESSON_02}.ipynb"
    folder = course / "submitted" / student / LESSON_02
    folder.mkdir(parents=True)
    nb = nbformat.read(str(released), as_version=4)
    if reflection is not None:
        next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflectie").source = reflection
    nbformat.write(nb, str(folder / released.name))
    (folder / STORE_NAME).write_text(
        json.dumps({"format": 1, "answers": load_keys(LESSON_02, REPO / "grading")}), encoding="utf-8"
    )


def graded_course(course: Path, reflections: dict[str, str | None]) -> Path:
    """Make ``course`` a course folder with lesson 02 handed in by ``reflections``' learners, graded."""
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    assert docent.main(["--map", str(course), "vrijgeven", LESSON_02]) == 0
    for student, text in reflections.items():
        hand_in(course, student, text)
    report = docent.grade(course, LESSON_02)
    assert report["mislukt"] == [], report
    return course
