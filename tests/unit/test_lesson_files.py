"""The learner's server does not move or rename a course file (course/learner/lesson_files.py); other files move as
before. Driven through jupyter_server's contents manager, as its PATCH handler calls it (``rename``)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from tornado import web

from course.learner.lesson_files import KEEP_IN_PLACE, LessonFiles

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    lesson = tmp_path / "05_gesprekken"
    (lesson / "deel").mkdir(parents=True)
    (lesson / "05_gesprekken.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4}), "utf-8")
    (lesson / "antwoorden.json").write_text("{}", "utf-8")
    (tmp_path / "06_eigen").mkdir()
    (tmp_path / "06_eigen" / "antwoorden.json").write_text('{"andere": 1}', "utf-8")
    (tmp_path / "aantekening.txt").write_text("mijn notitie", "utf-8")
    (tmp_path / "leeg").mkdir()
    return tmp_path


def _rename(root: Path, old: str, new: str) -> None:
    manager = LessonFiles(root_dir=str(root))
    asyncio.run(manager.rename(old, new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("05_gesprekken/antwoorden.json", "05_gesprekken/deel/antwoorden.json"),  # dragged onto a folder
        ("05_gesprekken/antwoorden.json", "antwoorden.json"),  # onto a breadcrumb
        ("05_gesprekken/antwoorden.json", "05_gesprekken/mijn antwoorden.json"),  # renamed
        ("05_gesprekken/05_gesprekken.ipynb", "leeg/05_gesprekken.ipynb"),
        ("05_gesprekken", "leeg/05_gesprekken"),  # a lesson's folder
        ("/05_gesprekken/antwoorden.json", "/leeg/antwoorden.json"),  # paths as JupyterLab may send them
    ],
)
def test_a_course_file_or_a_folder_that_holds_one_stays_where_it_is(root, old, new):
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    with pytest.raises(web.HTTPError) as refused:
        _rename(root, old, new)
    assert refused.value.status_code == 403 and refused.value.log_message == KEEP_IN_PLACE
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_moving_an_answer_file_onto_another_lessons_is_refused_before_jupyterlab_could_ask_to_overwrite(root):
    """jupyter_server answers 409 when the target exists; JupyterLab then asks its English "Overwrite file?" and, on
    yes, overwrites the other lesson's answers. The course's 403 comes first."""
    with pytest.raises(web.HTTPError) as refused:
        _rename(root, "05_gesprekken/antwoorden.json", "06_eigen/antwoorden.json")
    assert refused.value.status_code == 403
    assert (root / "06_eigen" / "antwoorden.json").read_text("utf-8") == '{"andere": 1}'


def test_a_file_or_folder_of_the_learners_own_still_moves(root):
    _rename(root, "aantekening.txt", "leeg/aantekening.txt")
    assert (root / "leeg" / "aantekening.txt").read_text("utf-8") == "mijn notitie"
    _rename(root, "leeg", "map")
    assert (root / "map" / "aantekening.txt").is_file()


def test_the_reason_is_plain_dutch_text():
    assert "<" not in KEEP_IN_PLACE and "antwoorden" in KEEP_IN_PLACE and "docent" in KEEP_IN_PLACE


def test_the_learners_server_uses_it():
    from jupyter_server.serverapp import ServerApp

    config = json.loads((REPO / "jupyter-settings" / "learner" / "jupyter_server_config.json").read_text("utf-8"))
    name = config["ServerApp"]["contents_manager_class"]
    app = ServerApp()
    app.contents_manager_class = name  # the Type trait imports it, as ServerApp does from the config file
    assert app.contents_manager_class is LessonFiles
