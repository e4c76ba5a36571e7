"""The class list from the LMS (course/lecturer/roster.py) and the join by student number (issue 19, part 2):
a learner's hand-ins of different lessons meet under one student number, whatever id the LMS
gave them; without a number, the class list finds the learner by LMS id or name."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from course.lecturer import docent
from course.lecturer.roster import RosterError, read
from course.store import STORE_NAME

REPO = Path(__file__).resolve().parents[2]
L02, L03 = "02_ouderschap_en_opvoederschap", "03_de_ouder_achter_het_gedrag"

# Moodle's participants download: quoted headers as in grade/import/csv/tests/load_data_test.php
MOODLE = (
    '"First name","Last name","ID number","Email address"\n'
    'Jan,Jansen,s1234567,jan@school.nl\nZoë,"de Vries",2345678,zoe@school.nl\nPiet,Zonder,,piet@school.nl\n'
)
# Canvas's gradebook export (lib/gradebook_exporter.rb): Student, ID, SIS User ID, SIS Login ID, Section
CANVAS = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Les 02 (101)\n"
    "    Points Possible,,,,,12\n"
    '"Jansen, Jan",4501,s1234567,jjansen,Groep A,\n"de Vries, Zoë",4502,2345678,zdevries,Groep A,\n'
)
# Brightspace's grades export with user details; "#" marks a text value (kb.wisc.edu/page.php?id=4330)
BRIGHTSPACE = (
    "OrgDefinedId,Username,Last Name,First Name,Email,End-of-Line Indicator\n"
    "#s1234567,#jjansen,Jansen,Jan,jan@school.nl,#\n#2345678,#zdevries,de Vries,Zoë,zoe@school.nl,#\n"
)


def write(tmp_path, text, name="lijst.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "text, lms",
    [(MOODLE, "moodle"), (CANVAS, "canvas"), (BRIGHTSPACE, "brightspace"), (MOODLE.replace(",", ";"), "moodle")],
)
def test_each_lms_class_list_is_read(tmp_path, text, lms):
    found, people, notes = read(write(tmp_path, text))
    assert found == lms
    assert [(p.number, p.first_name, p.last_name) for p in people] == [
        ("s1234567", "Jan", "Jansen"),
        ("2345678", "Zoë", "de Vries"),
    ]
    if lms == "canvas":
        assert [p.lms_user_id for p in people] == ["4501", "4502"]
    if lms == "moodle":
        assert notes == ["regel 4: geen geldig studentnummer (''); overgeslagen"]


def test_a_list_from_windows_excel_is_read_too(tmp_path):
    _, people, _ = read(write(tmp_path, MOODLE.replace(",", ";"), encoding="cp1252"))
    assert people[1].first_name == "Zoë"


@pytest.mark.parametrize(
    "text, why",
    [
        ('"First name","Last name","Email address"\nJan,Jansen,jan@school.nl\n', "geen kolom 'ID number'"),
        ("naam,nummer\nJan,1\n", "geen klassenlijst die ik ken"),
        ("", "leeg"),
        ('"First name","Last name","ID number"\nJan,Jansen,<script>\n', "geen enkele student"),
    ],
)
def test_a_list_that_cannot_be_used_is_refused_in_dutch(tmp_path, text, why):
    with pytest.raises(RosterError, match=why):
        read(write(tmp_path, text))


def test_the_lecturer_reads_the_list_into_the_gradebook(course, tmp_path, capsys):
    path = write(tmp_path, CANVAS)
    assert docent.main(["--map", str(course), "klassenlijst", str(path)]) == 0
    assert "Klassenlijst van canvas: 2 studenten (2 nieuw, 0 bijgewerkt)." in capsys.readouterr().out
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        jan = gb.find_student("s1234567")
        assert (jan.first_name, jan.last_name, jan.email, jan.lms_user_id) == ("Jan", "Jansen", None, "4501")
    assert docent.main(["--map", str(course), "klassenlijst", str(write(tmp_path, "x\n", "fout.csv"))]) == 2
    assert "Klassenlijst niet ingelezen" in capsys.readouterr().err


def notebook(lesson):
    return (REPO / "notebooks" / lesson / f"{lesson}.ipynb").read_bytes()


def answers(number=None, name="Jan Jansen", **given):
    data = {"format": 1, "answers": given}
    if number:
        data["student"] = {"naam": name, "nummer": number}
    return json.dumps(data).encode()


def download(tmp_path, name, folders, lms="moodle"):
    archive = tmp_path / name
    with zipfile.ZipFile(archive, "w") as zf:
        for folder, files in folders.items():
            for file, data in files.items():
                zf.writestr(f"{folder}/{file}" if lms != "canvas" else f"{folder}_{file}", data)
    return archive


def collect(course, lesson, archive, lms="moodle"):
    lines, summary = docent.collect_zip(course, lesson, archive, lms)
    return lines, summary


def test_a_learner_s_lessons_meet_under_the_student_number_whatever_id_moodle_gave(course, tmp_path):
    docent.import_roster(course, write(tmp_path, MOODLE))
    l02 = download(
        tmp_path,
        "l02.zip",
        {
            "Jan Jansen_111_assignsubmission_file": {
                f"{L02}.ipynb": notebook(L02),
                STORE_NAME: answers("s1234567", toets_samen="a"),
            }
        },
    )
    l03 = download(
        tmp_path,
        "l03.zip",
        {
            "Jan Jansen_222_assignsubmission_file_": {  # older Moodle: trailing _
                f"{L03}.ipynb": notebook(L03),
                STORE_NAME: answers("s1234567", g_toets_koppel={}),
            }
        },
    )
    lines02, _ = collect(course, L02, l02)
    lines03, _ = collect(course, L03, l03)
    assert lines02 == ["Jan Jansen (s1234567): verzameld"] and lines03 == ["Jan Jansen (s1234567): verzameld"]
    assert (course / "submitted" / "s1234567" / L02 / STORE_NAME).exists()
    assert (course / "submitted" / "s1234567" / L03 / STORE_NAME).exists()
    ids = json.loads((course / "downloaded" / L03 / "lms_ids.json").read_text(encoding="utf-8"))
    assert ids == {"s1234567": {"lms": "moodle", "lms_id": "222", "lms_naam": "Jan Jansen"}}


def test_without_a_number_the_class_list_finds_the_learner_by_name_or_lms_id(course, tmp_path):
    docent.import_roster(course, write(tmp_path, CANVAS))
    canvas = download(
        tmp_path,
        "c.zip",
        {
            "devrieszo_4502_99": {STORE_NAME: answers(toets_samen="b")},
            "jansenjan_LATE_4501_98": {STORE_NAME: answers(toets_samen="a")},
            "onbekend_4999_97": {STORE_NAME: answers(toets_samen="a")},
        },
        lms="canvas",
    )
    lines, summary = collect(course, L02, canvas, "canvas")
    assert summary == "2 van 3 studenten verzameld (2 na herstel); 1 geweigerd."
    assert any(
        line.startswith("devrieszo (2345678): hersteld") and "via de id van de leeromgeving" in line for line in lines
    ), lines
    assert any(
        line.startswith("onbekend (4999): geweigerd, niet op de klassenlijst (geen studentnummer") for line in lines
    )
    moodle = download(
        tmp_path, "m.zip", {"Zoe de Vries_5_assignsubmission_file": {STORE_NAME: answers(toets_samen="c")}}
    )
    lines, _ = collect(course, L02, moodle)
    assert "op naam gevonden in de klassenlijst" in lines[0] and "(2345678)" in lines[0]


def test_a_number_not_on_the_class_list_is_refused_by_that_number(course, tmp_path):
    docent.import_roster(course, write(tmp_path, MOODLE))
    archive = download(
        tmp_path,
        "x.zip",
        {
            "Jan Jansen_1_assignsubmission_file": {STORE_NAME: answers("s1234567", toets_samen="a")},
            "Kees Buiten_2_assignsubmission_file": {
                STORE_NAME: answers("7654321", name="Kees Buiten", toets_samen="a")
            },
        },
    )
    lines, summary = collect(course, L02, archive)
    assert summary == "1 van 2 studenten verzameld (0 na herstel); 1 geweigerd."
    assert lines[0].startswith("Kees Buiten (7654321): geweigerd, niet op de klassenlijst (studentnummer 7654321)")
