"""Every hand-in of a download accounted for (issue 19, part 1): what learners really do with the
lesson folder is collected, repaired and reported per learner; one learner never blocks the class.

Each finding of the issue's walk is a test here: a duplicated notebook (``-Copy1``), the lesson folder
handed in as a zip (as docs/leerling.md tells learners), a learner not on the roster; and their kind: a zip
in a zip with Windows file names, another lesson's notebook, nothing of this lesson, a broken zip.
nbgrader's zip_collect runs for real (as a subprocess); no grading."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from course.lecturer import docent, handin
from course.store import STORE_NAME

REPO = Path(__file__).resolve().parents[2]
LESSON = "02_ouderschap_en_opvoederschap"
RELEASED = (REPO / "notebooks" / LESSON / f"{LESSON}.ipynb").read_bytes()
OTHER = (REPO / "notebooks" / "03_de_ouder_achter_het_gedrag" / "03_de_ouder_achter_het_gedrag.ipynb").read_bytes()


def with_reflection(text: str) -> bytes:
    nb = json.loads(RELEASED)
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution"))
    cell["source"] = text
    return json.dumps(nb).encode()


def answers(**given: str) -> bytes:
    return json.dumps({"format": 1, "answers": given}).encode()


def folder_zip(entries: dict[str, bytes], utf8: bool = True) -> bytes:
    """A learner's zip of the lesson folder; without ``utf8`` names are written as Windows Explorer
    does (OEM code page CP850, no UTF-8 flag)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            if utf8:
                zf.writestr(name, data)
            else:
                info = zipfile.ZipInfo(name.encode("cp850").decode("cp437"))
                zf.writestr(info, data)
    return buf.getvalue()


def moodle(tmp_path: Path, learners: dict[str, dict[str, bytes]]) -> Path:
    """A Moodle "Download all submissions" zip: a folder per learner, <fullname>_<id>_assignsubmission_file_."""
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for folder, files in learners.items():
            for name, data in files.items():
                zf.writestr(f"{folder}_assignsubmission_file_/{name}", data)
    return archive


def collect(course: Path, archive: Path, capsys) -> tuple[int, str, str]:
    code = docent.main(["--map", str(course), "verzamelen", LESSON, "--zip", str(archive)])
    out = capsys.readouterr()
    return code, out.out, out.err


def submitted(course: Path, sid: str, name: str) -> bytes:
    return (course / "submitted" / sid / LESSON / name).read_bytes()


def test_a_duplicated_notebook_is_repaired_and_the_one_with_the_work_counts(course, tmp_path, capsys):
    archive = moodle(
        tmp_path,
        {
            "Sanne de Wit_100002": {
                f"{LESSON}.ipynb": RELEASED,
                f"{LESSON}-Copy1.ipynb": with_reflection("Mijn reflectie " * 20),
                STORE_NAME: answers(toets_samen="a"),
            },
            "Jan Jansen_100001": {f"{LESSON}.ipynb": with_reflection("Kort."), STORE_NAME: answers(toets_samen="b")},
        },
    )
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert b"Mijn reflectie" in submitted(course, "100002", f"{LESSON}.ipynb")
    assert (
        f"Sanne de Wit (100002): hersteld, 2 notebooks van deze les: '{LESSON}-Copy1.ipynb' gebruikt "
        f"(daar staat het meeste werk in); '{LESSON}.ipynb' apart gezet"
    ) in out, out
    assert "Jan Jansen (100001): verzameld" in out
    assert "2 van 2 studenten verzameld (1 na herstel); 0 geweigerd." in out
    aside = list((course / "downloaded" / LESSON / "apart" / "100002").iterdir())
    assert len(aside) == 1 and aside[0].read_bytes() == RELEASED


def test_the_lesson_folder_handed_in_as_a_zip_is_collected(course, tmp_path, capsys):
    """docs/leerling.md tells learners to hand in the folder as a zip; before, 0 were collected, exit 0."""
    inner = folder_zip(
        {
            f"{LESSON}/{LESSON}.ipynb": with_reflection("Tekst"),
            f"{LESSON}/{STORE_NAME}": answers(toets_samen="c"),
            f"{LESSON}/.ipynb_checkpoints/{LESSON}-checkpoint.ipynb": RELEASED,
            f"{LESSON}/.antwoorden.lock": b"",  # the answer store's lock; lesson 00 says to leave it (issue 24)
        }
    )
    archive = moodle(tmp_path, {"Jan Jansen_100001": {f"{LESSON}.zip": inner}})
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert json.loads(submitted(course, "100001", STORE_NAME))["answers"] == {"toets_samen": "c"}
    assert b"Tekst" in submitted(course, "100001", f"{LESSON}.ipynb")
    assert f"Jan Jansen (100001): verzameld (uit zip-bestand '{LESSON}.zip')" in out
    assert sorted(p.name for p in (course / "submitted" / "100001" / LESSON).iterdir()) == sorted(
        [f"{LESSON}.ipynb", STORE_NAME]
    )


def test_a_zip_in_a_zip_with_windows_names_is_collected(course, tmp_path, capsys):
    inner = folder_zip(
        {
            f"Zoë's les 02/{LESSON}.ipynb": with_reflection("Één reflectie"),
            f"Zoë's les 02/{STORE_NAME}": answers(toets_samen="d"),
        },
        utf8=False,
    )
    outer = folder_zip({"inleveren.zip": inner})
    archive = moodle(tmp_path, {"Zoë Bakker_100003": {"inleveren (2).zip": outer}})
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert "Één reflectie" in json.dumps(json.loads(submitted(course, "100003", f"{LESSON}.ipynb")), ensure_ascii=False)
    assert "Zoë Bakker (100003): verzameld (uit zip-bestand 'inleveren (2).zip')" in out
    assert json.loads(submitted(course, "100003", STORE_NAME))["answers"] == {"toets_samen": "d"}


def test_windows_explorer_names_are_read_in_its_code_page():
    info = zipfile.ZipInfo("Zoë.ipynb".encode("cp850").decode("cp437"))
    assert handin.zip_name(info) == "Zoë.ipynb"
    info = zipfile.ZipInfo("Zoë.ipynb".encode().decode("cp437"))  # UTF-8 without the flag
    assert handin.zip_name(info) == "Zoë.ipynb"


def test_another_lessons_notebook_is_set_aside_and_the_answers_still_count(course, tmp_path, capsys):
    archive = moodle(
        tmp_path,
        {
            "Jan Jansen_100001": {"03_de_ouder_achter_het_gedrag.ipynb": OTHER, STORE_NAME: answers(toets_samen="a")},
            "Sanne de Wit_100002": {f"{LESSON}.ipynb": RELEASED},
        },
    )
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert (
        "Jan Jansen (100001): hersteld, '03_de_ouder_achter_het_gedrag.ipynb' is een notebook van les "
        "03_de_ouder_achter_het_gedrag; apart gezet"
    ) in out
    assert json.loads(submitted(course, "100001", STORE_NAME))["answers"] == {"toets_samen": "a"}
    assert not (
        course / "submitted" / "100001" / LESSON / f"{LESSON}.ipynb"
    ).exists()  # nakijken gives the empty lesson


def test_a_renamed_notebook_is_used_and_said(course, tmp_path, capsys):
    archive = moodle(tmp_path, {"Jan Jansen_100001": {"les 2 ouderschap.ipynb": with_reflection("Tekst")}})
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert f"notebook 'les 2 ouderschap.ipynb' gebruikt als {LESSON}.ipynb" in out
    assert b"Tekst" in submitted(course, "100001", f"{LESSON}.ipynb")


def test_answers_of_another_lesson_are_set_aside(course, tmp_path, capsys):
    archive = moodle(
        tmp_path, {"Jan Jansen_100001": {f"{LESSON}.ipynb": RELEASED, STORE_NAME: answers(g_toets_druk="a")}}
    )
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    assert "'antwoorden.json' hoort bij les 03_de_ouder_achter_het_gedrag; apart gezet" in out
    assert not (course / "submitted" / "100001" / LESSON / STORE_NAME).exists()


@pytest.mark.parametrize(
    "files, reason",
    [
        ({"verslag.pdf": b"%PDF"}, "geen notebook en geen antwoorden van deze les"),
        ({f"{LESSON}.zip": b"PK\x03\x04 kapot"}, "is geen leesbaar zip-bestand"),
    ],
)
def test_a_learner_with_nothing_usable_is_refused_by_name_and_the_class_collected(
    course, tmp_path, capsys, files, reason
):
    archive = moodle(tmp_path, {"Piet Smit_100004": files, "Jan Jansen_100001": {f"{LESSON}.ipynb": RELEASED}})
    code, out, err = collect(course, archive, capsys)
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("Piet Smit (100004)"))
    assert "geweigerd" in line and reason in line, line
    assert "1 van 2 studenten verzameld (0 na herstel); 1 geweigerd." in out
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["100001"]


def test_nothing_collected_is_an_error_naming_every_learner(course, tmp_path, capsys):
    archive = moodle(tmp_path, {"Piet Smit_100004": {"verslag.pdf": b"%PDF"}})
    code, out, err = collect(course, archive, capsys)
    assert code == 2 and "Geen enkele inzending verzameld" in err and "Piet Smit (100004)" in err


def test_the_report_is_kept_beside_the_download(course, tmp_path, capsys):
    archive = moodle(
        tmp_path, {"Jan Jansen_100001": {f"{LESSON}.ipynb": RELEASED}, "Piet Smit_100004": {"x.pdf": b"%"}}
    )
    collect(course, archive, capsys)
    report = (course / "downloaded" / LESSON / "verzamelverslag.txt").read_text(encoding="utf-8").splitlines()
    assert report[0] == "1 van 2 studenten verzameld (0 na herstel); 1 geweigerd."
    assert report[1].startswith("Piet Smit (100004): geweigerd") and report[2] == "Jan Jansen (100001): verzameld"


def test_a_zip_that_unpacks_too_big_is_not_read(monkeypatch):
    monkeypatch.setattr(handin, "MAX_NESTED_BYTES", 1000)
    data = folder_zip({"a.ipynb": b"0" * 5000})
    files, problem = handin._unpack(data, "groot.zip", 1)
    assert files == [] and "te groot" in problem


def test_the_courses_placeholder_is_no_work():
    """A short reflection in the copy beats the released notebook, whose cell holds the course's longer prompt."""
    marks = handin.lesson_marks()
    assert handin.notebook_lesson(RELEASED, marks) == (LESSON, 0)
    assert handin.notebook_lesson(with_reflection("Ja."), marks) == (LESSON, 3)
