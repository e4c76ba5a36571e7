"""The lecturer's tool refuses bad input with clear Dutch messages (no grading runs here; the whole
flow is tests/grading/test_class.py)."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from course.lecturer import docent

REPO = Path(__file__).resolve().parents[2]
LESSON = "02_ouderschap_en_opvoederschap"


def run(capsys, *args):
    code = docent.main(["--map", str(args[0]), *args[1:]])
    return code, capsys.readouterr().err


def test_unknown_lesson(course, capsys):
    code, err = run(capsys, course, "nakijken", "07_bestaat_niet")
    assert code == 2 and "Onbekende les '07_bestaat_niet'" in err and "02_ouderschap" in err


def test_not_a_course_folder(tmp_path, capsys):
    code, err = run(capsys, tmp_path, "vrijgeven", LESSON)
    assert code == 2 and "geen cursusmap" in err


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "geen geldig zip-bestand"),
        ({}, "is leeg"),
        ({"x_1_assignsubmission_file_/01_waarom_ouders.ipynb": "{}"}, "geen notebook van deze cursus; apart gezet"),
        ({"los/antwoorden.json": "{}"}, "herken ik geen inzendingen"),
    ],
)
def test_bad_downloads(course, tmp_path, capsys, content, message):
    archive = tmp_path / "download.zip"
    if content is None:
        archive.write_bytes(b"PK\x03\x04 dit is geen zip")
    else:
        with zipfile.ZipFile(archive, "w") as zf:
            for name, text in content.items():
                zf.writestr(name, text)
    code, err = run(capsys, course, "verzamelen", LESSON, "--zip", str(archive))
    assert code == 2 and message in err, err


def test_a_learner_not_on_the_roster_is_refused_and_the_class_collected(course, tmp_path, capsys, monkeypatch):
    import os
    import sys

    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.add_student("100001")
    notebook = (REPO / "notebooks" / LESSON / f"{LESSON}.ipynb").read_bytes()
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(f"Jan_100001_assignsubmission_file_/{LESSON}.ipynb", notebook)
        zf.writestr(f"Onbekend_999999_assignsubmission_file_/{LESSON}.ipynb", notebook)
    code = docent.main(["--map", str(course), "verzamelen", LESSON, "--zip", str(archive)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Onbekend (999999): geweigerd, niet op de klassenlijst" in out and "Jan (100001): verzameld" in out
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["100001"]


def test_grading_without_submissions_says_what_to_do_first(course, capsys):
    code, err = run(capsys, course, "nakijken", LESSON)
    assert code == 2 and "Eerst: verzamelen" in err


def test_the_console_script_wants_the_docent_word(capsys):
    assert docent.cli([]) == 2 and "ouders-zien docent" in capsys.readouterr().err


@pytest.mark.parametrize("asked", ["--help", "-h"])
def test_asking_the_console_script_for_help_is_no_error(capsys, asked):
    """Fourteenth walk (low): `ouders-zien --help` printed the usage as an error and exited 2."""
    assert docent.cli([asked]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Gebruik: ouders-zien start") and not out.err


def test_grade_exports_are_never_committed():
    paths = [
        "grading/cijfers.csv",
        "grading/rapport/cijfers.csv",
        "grading/punten.csv",
        "grading/rapport/itemanalyse_02.png",
    ]
    proc = subprocess.run(["git", "check-ignore", *paths], cwd=REPO, capture_output=True, text=True)
    assert proc.stdout.split() == paths


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the download holds one file name three times
def test_two_hand_ins_of_one_learner_the_newest_counts_and_is_reported(course, tmp_path, capsys):
    archive = tmp_path / "download.zip"
    folder = "Jan Jansen_100001_assignsubmission_file_"
    with zipfile.ZipFile(archive, "w") as zf:
        for when, answer in (
            ((2026, 11, 28, 9, 0, 0), "a"),
            ((2026, 11, 29, 14, 5, 0), "b"),
            ((2026, 11, 27, 8, 0, 0), "c"),
        ):
            info = zipfile.ZipInfo(f"{folder}/antwoorden.json", date_time=when)
            zf.writestr(info, json.dumps({"format": 1, "answers": {"toets_samen": answer}}))
        zf.writestr(f"{folder}/{LESSON}.ipynb", (REPO / "notebooks" / LESSON / f"{LESSON}.ipynb").read_bytes())
    code = docent.main(["--map", str(course), "verzamelen", LESSON, "--zip", str(archive)])
    out = capsys.readouterr().out
    assert code == 0, out
    stored = json.loads((course / "submitted" / "100001" / LESSON / "antwoorden.json").read_text())
    assert stored["answers"] == {"toets_samen": "b"}
    assert "Jan Jansen (100001): hersteld, 2 oudere inzending(en) overgeslagen; de nieuwste telt" in out
