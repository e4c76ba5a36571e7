"""A learner's name is data too (issue 17): what `ouders-zien docent` takes from a download or a
folder name never becomes HTML in nbgrader's pages, a formula in the lecturer's spreadsheet or a
terminal code. No grading runs here (the whole flow, in a browser: tests/grading/test_learner_text_xss.py)."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from course.learner_text import shown
from course.lecturer import docent, itemanalysis
from course.lecturer.cijfers import Result, write_csv
from course.store import STORE_NAME

REPO = Path(__file__).resolve().parents[2]
LESSON = "02_ouderschap_en_opvoederschap"


def brightspace(name: str, file: str) -> str:
    return f"12345-67890 - {name} - 29 nov. 2026 1405 - {file}"


def download(tmp_path: Path, entries: dict[str, str]) -> Path:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return archive


def collect(course, archive, capsys):
    code = docent.main(["--map", str(course), "verzamelen", LESSON, "--zip", str(archive), "--lms", "brightspace"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "name", ["<img src=x onerror=alert(1)>", "Jan\x1b[2J", '=HYPERLINK("x";1)', "Jan\u202enaJ", '"; alert(1); "']
)
def test_a_name_that_is_no_name_is_refused_shown_escaped_and_blocks_nobody_else(course, tmp_path, capsys, name):
    archive = download(tmp_path, {brightspace(name, STORE_NAME): "{}", brightspace("Jan Jansen", STORE_NAME): "{}"})
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert f"{shown(name)}: geweigerd, de naam is geen geldige studentnaam" in out, out
    assert "\x1b" not in out and "\u202e" not in out
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["Jan Jansen"]  # issue 19: one learner


def test_the_same_name_in_other_characters_is_collected_in_one_form_and_said(course, tmp_path, capsys):
    nfd = unicodedata.normalize("NFD", "Zoë de Vries")
    answers = json.dumps({"format": 1, "answers": {"toets_samen": "a"}})
    archive = download(
        tmp_path, {brightspace(nfd, STORE_NAME): answers, brightspace("Mo D\u2019Hondt", STORE_NAME): answers}
    )
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["Mo D'Hondt", "Zoë de Vries"]
    assert "'Mo D\u2019Hondt' staat in het cijferboek als 'Mo D'Hondt'" in out


def test_a_notebook_name_with_terminal_codes_is_shown_escaped(course, tmp_path, capsys):
    archive = download(tmp_path, {brightspace("Jan Jansen", "\x1b]0;pwned\x07les.ipynb"): "{}"})
    code, _, err = collect(course, archive, capsys)
    assert code == 2 and "apart gezet" in err and "\\x1b]0;pwned\\x07les.ipynb" in err, err
    assert "\x1b" not in err and "\x07" not in err


def test_a_submission_folder_that_is_no_name_is_not_graded(course, capsys):
    (course / "submitted" / "<svg onload=alert(1)>" / LESSON).mkdir(parents=True)
    (course / "release" / LESSON).mkdir(parents=True)
    (course / "release" / LESSON / f"{LESSON}.ipynb").write_text("{}", encoding="utf-8")
    code = docent.main(["--map", str(course), "nakijken", LESSON])
    err = capsys.readouterr().err
    assert code == 2 and "geldige studentnaam" in err and "<svg onload=alert(1)>" in err


def test_the_cijfers_csv_never_starts_a_formula(tmp_path):
    path = tmp_path / "cijfers.csv"
    write_csv([Result('=HYPERLINK("http://x";"klik")', notes=["-1 punt"], name="@SUM(1)"), Result("100001")], path)
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("\"'=HYPERLINK(") and rows[1].endswith(",'-1 punt") and rows[2].startswith("100001,")
    assert ",'@SUM(1)," in rows[1]  # a name from the LMS's class list is kept as text too


def test_the_item_analysis_counts_only_the_lessons_options(tmp_path):
    folder = tmp_path / "Jan" / LESSON
    folder.mkdir(parents=True)
    bad = {"toets_samen": "=cmd|' /C calc'!A0", "toets_eerst": ["@SUM(1)", "a"], "=x": "a"}
    (folder / STORE_NAME).write_text(json.dumps({"format": 1, "answers": bad}), encoding="utf-8")
    counts = itemanalysis.option_counts([folder], LESSON)
    assert all(set(c) <= {"a", "b", "c", "d"} for c in counts.values()), counts
    assert counts["toets_samen"] == Counter() and "=x" not in counts


def test_the_excel_file_has_dutch_separators_and_still_no_formula(tmp_path):
    """cijfers_excel.csv (issue 19, part 5): ';' between cells, decimal commas, a BOM for the accents."""
    import csv as _csv

    path = tmp_path / "cijfers_excel.csv"
    rows = [
        Result(
            "Zoë de Vries",
            parts={("02_ouderschap_en_opvoederschap", "toets"): (4.5, 9.0)},
            percent=47.25,
            cijfer=4.6,
            notes=["=1+1"],
        )
    ]
    write_csv(rows, path, excel_nl=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(_csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert table[0][:3] == ["student_id", "naam", "02 toets"]
    assert table[1] == ["Zoë de Vries", "", "4,5", "47,2", "4,6", "definitief", "nee", "'=1+1"]
