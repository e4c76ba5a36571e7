"""Several graders at once: the lecturer's tool grades into a PostgreSQL gradebook with parallel
workers, with exact scores; with SQLite it refuses to run in parallel (one writer)."""

from __future__ import annotations

import json
import random
import shutil
import time

import pytest
from nbgrader.api import Gradebook

from course.lecturer import docent
from course.content import graded_items, load_lesson
from course.keys import load_keys
from course.store import STORE_NAME

from conftest import LESSON_02, REPO
from pgserver import postgres

KEY = load_keys(LESSON_02, REPO / "grading")
ITEMS = graded_items(load_lesson(LESSON_02))
CLASS = 8


def make_course(root):
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, root / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", root / "keys")
    return root


def hand_in(course, rng):
    """Each learner gets every choice item right with a chance of one half; return expected scores."""
    expected = {}
    for n in range(CLASS):
        answers, score = {}, 0.0
        for item in ITEMS:
            key = KEY[item["id"]]
            if item["type"] == "choice" and rng.random() < 0.5:
                answers[item["id"]], score = key, score + 1
            elif item["type"] == "categorise":
                answers[item["id"]], score = key, score + 3
        folder = course / "submitted" / f"s{n:02d}" / LESSON_02
        folder.mkdir(parents=True)
        shutil.copy2(course / "release" / LESSON_02 / f"{LESSON_02}.ipynb", folder)
        (folder / STORE_NAME).write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")
        expected[f"s{n:02d}"] = score
    return expected


def test_parallel_grading_into_postgresql_gives_exact_scores(tmp_path, capsys):
    course = make_course(tmp_path)
    with postgres() as url:
        assert docent.main(["--map", str(course), "--db", url, "vrijgeven", LESSON_02]) == 0
        expected = hand_in(course, random.Random(11))
        start = time.perf_counter()
        assert docent.main(["--map", str(course), "--db", url, "nakijken", LESSON_02, "--parallel", "2",
                            "--geen-feedback"]) == 0, capsys.readouterr().err
        seconds = time.perf_counter() - start
        with Gradebook(url, "ouders-zien") as gb:
            got = {s.student.id: s.code_score for s in gb.assignment_submissions(LESSON_02)}
    out = capsys.readouterr().out
    print(f"\nPostgreSQL, 2 workers: {CLASS} submissions in {seconds:.1f} s")
    assert got == expected
    assert "0 mislukt, 0 verschil(len)" in out
    assert not (course / "gradebook.db").exists(), "nothing may go to a SQLite gradebook beside it"


def test_parallel_grading_with_sqlite_is_refused(tmp_path, capsys):
    course = make_course(tmp_path)
    assert docent.main(["--map", str(course), "vrijgeven", LESSON_02]) == 0
    hand_in(course, random.Random(1))
    assert docent.main(["--map", str(course), "nakijken", LESSON_02, "--parallel", "2"]) == 2
    assert "alleen met een PostgreSQL-cijferboek" in capsys.readouterr().err
