"""The browser edition (JupyterLite): the hand-in download, the notice, and a Pyodide without flock
or threads (driven in plain Python: the flags are module attributes)."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from course import store as store_module
from course.learner import browser_edition
from course.learner.lesson import Lesson
from course.learner.widgets.download import HandInDownload
from course.learner.widgets.selfcheck import SelfCheck
from course.lecturer.handin import read_download
from course.store import AnswerStore

LESSON = "02_ouderschap_en_opvoederschap"
REPO = Path(__file__).resolve().parents[2]


def lesson_folder(tmp_path: Path) -> Path:
    folder = tmp_path / LESSON
    folder.mkdir()
    shutil.copy2(REPO / "notebooks" / LESSON / f"{LESSON}.ipynb", folder)  # the learner's lesson
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / f"{LESSON}-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    (folder / ".antwoorden.lock").write_text("", encoding="utf-8")
    return folder


def test_the_zip_is_the_lesson_folder_with_notebook_and_answers(tmp_path):
    folder = lesson_folder(tmp_path)
    AnswerStore.in_folder(folder).set("toets_eerst", "a")
    name, data = browser_edition.handin_zip(folder)
    assert name == f"{LESSON}.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == [f"{LESSON}/{LESSON}.ipynb", f"{LESSON}/antwoorden.json"]
        assert json.loads(archive.read(f"{LESSON}/antwoorden.json"))["answers"]["toets_eerst"] == "a"


def test_the_download_link_carries_the_zip_and_a_safe_name(tmp_path):
    folder = lesson_folder(tmp_path)
    AnswerStore.in_folder(folder).set("toets_eerst", "<script>alert(1)</script>")
    widget = HandInDownload(folder)
    assert widget.link.value == ""
    page = widget.prepare()
    href = re.search(r'href="data:application/zip;base64,([^"]+)"', page).group(1)
    assert re.search(rf'download="{LESSON}-\d\du\d\d-\d\d\.zip"', page) and "<script>" not in page
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(href))) as archive:
        assert f"{LESSON}/antwoorden.json" in archive.namelist()


def test_the_lecturers_collection_takes_the_downloaded_zip(tmp_path):
    """The zip, uploaded to Moodle by learner 123456, is what `ouders-zien docent verzamelen` reads."""
    folder = lesson_folder(tmp_path)
    AnswerStore.in_folder(folder).set("toets_eerst", "a")
    name, data = browser_edition.handin_zip(folder)
    download = io.BytesIO()
    with zipfile.ZipFile(download, "w") as lms:
        lms.writestr(f"Ada Jansen_123456_assignsubmission_file/{name}", data)
    from course.lecturer.docent import LMS_PATTERNS
    from course.lecturer.handin import lesson_marks, sort_learner

    with zipfile.ZipFile(io.BytesIO(download.getvalue())) as archive:
        learners, stray = read_download(archive, LMS_PATTERNS["moodle"])
    assert not stray and list(learners) == ["123456"]
    learner = learners["123456"]
    sort_learner(learner, LESSON, lesson_marks())
    assert not learner.refused and set(learner.keep) == {f"{LESSON}.ipynb", "antwoorden.json"}


def test_the_browser_edition_says_where_answers_live_and_offers_the_download(tmp_path, monkeypatch):
    from course.messages import BROWSER_NOTICE

    monkeypatch.setattr(browser_edition, "IN_BROWSER", True)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    notices = Lesson(LESSON, lesson_folder(tmp_path)).show_notices()
    assert BROWSER_NOTICE in notices and "privévenster" in BROWSER_NOTICE
    assert any(isinstance(obj, HandInDownload) for obj in shown)
    check = SelfCheck(Lesson(LESSON, tmp_path / LESSON).content, AnswerStore.in_folder(tmp_path / LESSON))
    assert check.download.widget in check.widget.children


def test_on_a_laptop_the_same_download_and_no_browser_notice(tmp_path):
    """Ninth walk (high): on a laptop the learner took Bestand > Downloaden, which gives the notebook without
    antwoorden.json (the toets). The self-check offers the folder's zip everywhere; only the browser notice is the
    browser edition's."""
    assert not browser_edition.IN_BROWSER
    folder = lesson_folder(tmp_path)
    assert Lesson(LESSON, folder).show_notices() == []
    check = SelfCheck(Lesson(LESSON, folder).content, AnswerStore.in_folder(folder))
    assert check.download.widget in check.widget.children
    assert "antwoorden" in check.download.widget.children[0].value


def test_a_pyodide_without_flock_still_saves(tmp_path, monkeypatch):
    """Pyodide's fcntl has no flock: the answer is saved unlocked, as on Windows."""
    import fcntl
    import types

    stub = types.ModuleType("fcntl")
    stub.LOCK_EX, stub.LOCK_NB = fcntl.LOCK_EX, fcntl.LOCK_NB
    monkeypatch.setitem(__import__("sys").modules, "fcntl", stub)
    store = AnswerStore.in_folder(tmp_path)
    store.set("toets_eerst", "b")
    assert AnswerStore.in_folder(tmp_path).get("toets_eerst") == "b"


def test_without_threads_a_failed_save_waits_for_the_next_one(tmp_path, monkeypatch):
    """Pyodide cannot start a thread: the retry is not scheduled in the background, the answer stays
    pending and the next save writes it."""

    def no_threads(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Timer, "start", no_threads)
    store = AnswerStore.in_folder(tmp_path)
    real = store_module._write_atomic
    calls = {"n": 0}

    def flaky(path, data):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(5, "I/O error")
        real(path, data)

    monkeypatch.setattr(store_module, "_write_atomic", flaky)
    with pytest.raises(OSError):
        store.set("toets_eerst", "b")
    store.set("toets_samen", "a")
    again = AnswerStore.in_folder(tmp_path)
    assert again.get("toets_eerst") == "b" and again.get("toets_samen") == "a"
