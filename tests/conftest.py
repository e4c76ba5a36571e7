"""Shared fixtures: paths of the repository and a fresh answer store per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course.store import GRADING_ENV, AnswerStore

REPO = Path(__file__).resolve().parent.parent
LESSON_02 = "02_ouderschap_en_opvoederschap"


@pytest.fixture(autouse=True)
def not_grading(monkeypatch):
    """Tests run as a learner would, unless a test sets NBGRADER_EXECUTION itself."""
    monkeypatch.delenv(GRADING_ENV, raising=False)


@pytest.fixture(autouse=True)
def own_home(monkeypatch, tmp_path_factory):
    """No test reads or writes the name and number of whoever runs the tests (~/.ouders-zien/student.json): a
    fresh, empty folder per test (found when a learner's walk on the same machine filled in lesson 00 and an
    answer-file test then found her name in every hand-in). A test may set OUDERS_ZIEN_HOME itself."""
    from course.identity import HOME_ENV

    monkeypatch.setenv(HOME_ENV, str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    return AnswerStore.in_folder(tmp_path)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """An empty course folder with the course's nbgrader_config.py (a test module may define its own)."""
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    return tmp_path
