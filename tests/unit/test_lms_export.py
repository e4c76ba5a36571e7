"""Grades and feedback for the LMS (course/lecturer/lms_export.py), each file read back the way its LMS reads
it (docs/lms.md): Moodle's CSV import splits on the separator, Canvas wants its student columns and
a Points Possible row, Brightspace its Points Grade columns and end-of-line marks, and Moodle's
feedback zip must pass its own filename check (importziplib.php, is_valid_filename_for_import)."""

from __future__ import annotations

import csv
import zipfile

import pytest

from course.lecturer import lms_export
from course.lecturer.cijfers import Result

L01, L02 = "01_waarom_ouders", "02_ouderschap_en_opvoederschap"


@pytest.fixture
def rows():
    done = Result(
        "s1234567",
        lessons={L01: 8.5, L02: 10.0},
        percent=96.0,
        cijfer=9.6,
        passed=True,
        name="Jan Jansen",
        email="jan@school.nl",
        lms_user_id="4501",
    )
    half = Result(
        "2345678",
        lessons={L01: 6.0},
        percent=60.0,
        cijfer=6.1,
        provisional=True,
        missing=["02", "05"],
        name="Zoë de Vries, MSc",
        notes=["les 02 en 05 nog niet in het cijferboek", "les 01: reflectie, nog"],
    )
    return [done, half]


def test_moodle_reads_every_row_even_splitting_on_commas(rows, tmp_path):
    path = tmp_path / "m.csv"
    lms_export.moodle_grades(rows, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")  # as lib/csvlib.class.php does: explode, no quotes
    assert header[:3] == ["ID number", "Email address", "Full name"]
    assert header[3:] == [
        "Ouders zien les 01",
        "Ouders zien les 02",
        "Ouders zien eindcijfer",
        "Ouders zien eindcijfer (Feedback)",
    ]
    data = [line.split(",") for line in lines[1:]]
    assert all(len(cells) == len(header) for cells in data)
    assert data[0][:6] == ["s1234567", "jan@school.nl", "Jan Jansen", "8.5", "10.0", "9.6"]
    assert data[1][0] == "2345678" and data[1][4] == "-" and data[1][5] == "6.1"  # '-' is "no grade" for Moodle
    assert data[1][6] == "voorlopig: les 02 05 nog niet nagekeken" and data[1][2] == "Zoë de Vries MSc"
    assert all(float(x) for r in data for x in r[3:6] if x != "-")  # a decimal point, never a comma


def test_canvas_finds_its_student_columns_and_the_points_row(rows, tmp_path):
    path = tmp_path / "c.csv"
    lms_export.canvas_grades(rows, path)
    with open(path, newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    header = table[0]
    # lib/gradebook_importer.rb: 'Student' then 'ID'; the last student column must be 'Section'
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert not any(col.endswith(")") for col in header[5:])  # no '(id)': new assignments
    assert "Points Possible" in table[1][0] and table[1][5:] == ["10.0", "10.0", "10.0"]
    assert table[2][:3] == ["Jansen, Jan", "4501", "s1234567"] and table[2][5:] == ["8.5", "10.0", "9.6"]
    assert table[3][1:3] == ["", "2345678"] and table[3][6] == ""


def test_brightspace_gets_points_grade_columns_and_end_of_line_marks(rows, tmp_path):
    path = tmp_path / "b.csv"
    lms_export.brightspace_grades(rows, path)
    with open(path, newline="", encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    assert table[0][0] == "OrgDefinedId" and table[0][-1] == "End-of-Line Indicator"
    assert all(col.endswith(" Points Grade") for col in table[0][1:-1])
    assert [r[0] for r in table[1:]] == ["#s1234567", "#2345678"] and all(r[-1] == "#" for r in table[1:])


def moodle_accepts(path: str, participants: set[int]) -> bool:
    """mod/assign/feedback/file/importziplib.php, is_valid_filename_for_import, as docs/lms.md reads it."""
    if path.split("/")[-1].startswith((".", "~")):
        return False
    for part in path.split("/"):
        info = part.split("_", 4)
        if (
            len(info) >= 4
            and info[1].isdigit()
            and int(info[1]) in participants
            and (info[2], info[3]) in {("assignfeedback", "file"), ("assignsubmission", "file")}
        ):
            return True
    return False


def test_moodle_s_feedback_zip_passes_its_own_filename_check(tmp_path):
    import json

    course = tmp_path
    (course / "downloaded" / L02).mkdir(parents=True)
    (course / "downloaded" / L02 / "lms_ids.json").write_text(
        json.dumps(
            {
                "s1234567": {"lms": "moodle", "lms_id": "111", "lms_naam": "Jan_de Jansen"},
                "2345678": {"lms": "moodle", "lms_id": "222", "lms_naam": "Zoë de Vries"},
                "3456789": {"lms": "canvas", "lms_id": "4501", "lms_naam": "jansenjan"},
            }
        ),
        encoding="utf-8",
    )
    for sid in ("s1234567", "3456789"):
        page = course / "feedback" / sid / L02 / f"{L02}.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<p>feedback {sid}</p>", encoding="utf-8")
    out = tmp_path / "fb.zip"
    packed, left = lms_export.moodle_feedback_zip(course, L02, out)
    assert (packed, left) == (1, ["2345678: nog geen feedback"])
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert names == ["Jan de Jansen_111_assignfeedback_file/feedback_02.html"]
        assert zf.read(names[0]) == b"<p>feedback s1234567</p>"
    assert all(moodle_accepts(n, {111, 222}) for n in names)
    assert not moodle_accepts("Jan_de Jansen_111_assignfeedback_file/x.html", {111})  # why '_' must go
