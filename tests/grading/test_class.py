"""A lecturer's term with a class of 30, through the lecturer's tool (issue 19, part 7): the class
list from Moodle -> release -> a messy Moodle download -> verzamelen -> nakijken -> every reflection
graded with its rubric in the grading view -> rapport (cijfers, item analysis, LMS import files,
Moodle's feedback zip); every learner accounted for, every number checked against an independent
computation here.

The class is seeded: each learner has an ability and answers each item right with that chance;
three never answered (no answer file), one answer file is corrupt, one learner deleted a cell. The
download is as messy as a real one: two learners handed in the lesson folder as a zip (one after
renaming the folder), one duplicated the notebook (the copy holds the reflection), one renamed it,
one also uploaded another lesson's notebook, one handed in the notebook without the answer file,
and a 31st learner is not on the class list. Moodle names each folder by a participant id of the
assignment; the learners' answer files carry their student numbers (lesson 00), and those without
one are found by name in the class list.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import shutil
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.lecturer import docent
from course.content import graded_items, load_lesson
from course.lecturer.grading_view import GradingView
from course.keys import load_keys
from course.messages import number
from course.lecturer.module import cijfer, load_module
from course.store import STORE_NAME

from conftest import LESSON_02, REPO

N = 30
NEVER, CORRUPT, DELETED, NO_NOTEBOOK = {3, 11, 27}, 7, 19, 23
ZIPPED, COPIED, RENAMED, OTHER_LESSON = {4, 12}, 15, 20, 25
RENAMED_FOLDER = 12  # zipped the lesson folder after renaming it
NO_ANSWERS = 9  # handed in the notebook only: no answer file, so no student number either
OFF_ROSTER = N  # a 31st learner, not on the class list
BY_NAME = {*NEVER, CORRUPT, NO_ANSWERS}  # no student number in the hand-in: found by name
REPAIRED = {COPIED, RENAMED, OTHER_LESSON, *BY_NAME}
ITEMS = graded_items(load_lesson(LESSON_02))
REFLECTION = load_lesson(LESSON_02)["items"]["reflectie"]
KEY = load_keys(LESSON_02, REPO / "grading")
OTHER_NOTEBOOK = (REPO / "notebooks" / "03_de_ouder_achter_het_gedrag" / "03_de_ouder_achter_het_gedrag.ipynb").read_bytes()


def name(n: int) -> str:
    return f"Student{chr(65 + n // 26)}{chr(97 + n % 26)} Achternaam"  # letters only, as a real name


def sid(n: int) -> str:
    """The learner's student number (the id in the gradebook)."""
    return f"s{2000000 + n}"


def participant(n: int) -> str:
    """Moodle's participant id of this learner in this assignment (not the student number)."""
    return str(900 + 7 * n)


def answers_for(n: int, rng: random.Random) -> tuple[dict, dict[str, float]]:
    """The learner's answers and, per item, the share of its points they earn (computed here)."""
    ability = rng.random()
    answers, shares = {}, {}
    for item in ITEMS:
        key = KEY[item["id"]]
        if item["type"] == "choice":
            right = rng.random() < ability
            answers[item["id"]] = key if right else next(o["id"] for o in item["options"] if o["id"] != key)
            shares[item["id"]] = 1.0 if right else 0.0
        else:  # categorise: each statement right with the learner's chance
            given = {s: (c if rng.random() < ability else ("wie" if c == "rol" else "rol")) for s, c in key.items()}
            answers[item["id"]] = given
            shares[item["id"]] = sum(given[s] == key[s] for s in key) / len(key)
    return answers, shares


def roster_csv(path):
    """Moodle's participants download (user/action_redir.php): names, ID number, e-mail."""
    lines = ['"First name","Last name","ID number","Email address"']
    lines += [f'{name(n).split()[0]},{name(n).split()[1]},{sid(n)},{sid(n)}@school.nl' for n in range(N)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def klas(tmp_path_factory):
    course = tmp_path_factory.mktemp("grading")
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    lms = tmp_path_factory.mktemp("lms")
    assert docent.main(["--map", str(course), "klassenlijst", str(roster_csv(lms / "deelnemers.csv"))]) == 0
    assert docent.main(["--map", str(course), "vrijgeven", LESSON_02]) == 0
    released = nbformat.read(str(course / "release" / LESSON_02 / f"{LESSON_02}.ipynb"), as_version=4)
    rng = random.Random(20261129)
    expected: dict[str, dict[str, float]] = {}
    archive = lms / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for n in range(N + 1):
            answers, shares = answers_for(n, rng)
            folder = f"{name(n)}_{participant(n)}_assignsubmission_file/"
            nb = nbformat.from_dict(json.loads(json.dumps(released)))
            for cell in nb.cells:
                if n not in NEVER and cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "reflectie":
                    cell.source = f"Reflectie van {name(n)}."
            if n == DELETED:
                nb.cells = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                            != "toets_samen"]
            files = {}
            if n != NO_NOTEBOOK:  # handed in the answers only: graded with the released lesson
                files[f"{LESSON_02}.ipynb"] = nbformat.writes(nb)
            who = {"naam": name(n), "nummer": sid(n)}
            if n in NEVER or n == NO_ANSWERS:
                shares = {i: 0.0 for i in shares}
            elif n == CORRUPT:
                files[STORE_NAME] = '{"format": 1, "answers": {'
                shares = {i: 0.0 for i in shares}
            else:
                files[STORE_NAME] = json.dumps({"format": 1, "answers": answers, "student": who})
            if n == COPIED:  # the copy holds the work; the original is the released lesson
                files[f"{LESSON_02}-Copy1.ipynb"] = files[f"{LESSON_02}.ipynb"]
                files[f"{LESSON_02}.ipynb"] = nbformat.writes(released)
            if n == RENAMED:
                files["les 2 (mijn versie).ipynb"] = files.pop(f"{LESSON_02}.ipynb")
            if n == OTHER_LESSON:
                files["03_de_ouder_achter_het_gedrag.ipynb"] = OTHER_NOTEBOOK
            if n in ZIPPED:
                inner = io.BytesIO()
                inside = "mijn les 2" if n == RENAMED_FOLDER else LESSON_02
                with zipfile.ZipFile(inner, "w") as lesson_zip:
                    for file, data in files.items():
                        lesson_zip.writestr(f"{inside}/{file}", data)
                files = {f"{inside}.zip": inner.getvalue()}
            for file, data in files.items():
                zf.writestr(folder + file, data)
            if n != OFF_ROSTER:
                expected[sid(n)] = shares
    assert docent.main(["--map", str(course), "verzamelen", LESSON_02, "--zip", str(archive), "--lms", "moodle"]) == 0
    report = docent.grade(course, LESSON_02)
    # the lecturer grades every reflection with its rubric, in the grading view
    view = GradingView(course, LESSON_02)
    marks, levels = {}, len(REFLECTION["rubric"]["levels"])
    for label, student in list(view.student_pick.options):
        if "nog nakijken" not in label:
            continue
        view.student_pick.value = student
        chosen = [rng.randrange(levels) for _ in REFLECTION["rubric"]["criteria"]]
        view.choose(chosen)
        view.remark.value = f"Opmerking voor {student}."
        assert view.save(), view.message.value
        marks[student] = sum(REFLECTION["rubric"]["levels"][c] for c in chosen)
    assert docent.main(["--map", str(course), "rapport", LESSON_02]) == 0
    return course, expected, report, marks


def points(shares: dict[str, float]) -> float:
    return round(sum(shares[i["id"]] * float(i["points"]) for i in ITEMS), 4)


def test_every_learner_of_a_messy_download_is_collected_and_reported(klas):
    course, expected, _, _ = klas
    report = (course / "downloaded" / LESSON_02 / "verzamelverslag.txt").read_text(encoding="utf-8").splitlines()
    assert report[0] == f"{N} van {N + 1} studenten verzameld ({len(REPAIRED)} na herstel); 1 geweigerd."
    lines = {line.split(" (")[0]: line for line in report[1:]}
    assert len(lines) == N + 1  # every learner named, once
    assert all(f"({sid(n)})" in lines[name(n)] for n in range(N))  # under the student number, not Moodle's id
    assert "Copy1.ipynb' gebruikt (daar staat het meeste werk in)" in lines[name(COPIED)]
    assert "notebook 'les 2 (mijn versie).ipynb' gebruikt als" in lines[name(RENAMED)]
    assert "is een notebook van les 03_de_ouder_achter_het_gedrag; apart gezet" in lines[name(OTHER_LESSON)]
    assert all("uit zip-bestand '" in lines[name(n)] for n in ZIPPED)
    assert all("op naam gevonden in de klassenlijst" in lines[name(n)] for n in BY_NAME)
    assert lines[name(OFF_ROSTER)].endswith("geweigerd, niet op de klassenlijst (studentnummer s2000030); lees de "
                                            "lijst van de leeromgeving in met `ouders-zien docent klassenlijst`, "
                                            "of controleer de download")
    reflection = next(c for c in nbformat.read(str(course / "submitted" / sid(COPIED) / LESSON_02 / f"{LESSON_02}.ipynb"),
                                                as_version=4).cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflectie")
    assert reflection.source == f"Reflectie van {name(COPIED)}."


def test_every_learner_gets_the_exact_total(klas):
    course, expected, _, marks = klas
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        got = {s.student.id: round(s.code_score, 4) for s in gb.assignment_submissions(LESSON_02)}
        written = {s.student.id: s.written_score for s in gb.assignment_submissions(LESSON_02)}
    assert got == {s: points(sh) for s, sh in expected.items()}
    assert len(got) == N and sum(v > 0 for v in got.values()) > 20
    assert written == {s: marks.get(s, 0.0) for s in expected}  # the rubric's levels, summed
    assert set(marks) == {sid(n) for n in range(N) if n not in NEVER and n != NO_NOTEBOOK}


def lesson_percent(toets: float, reflection: float) -> float:
    """Lesson 02's share of the plan, computed here: toets 10, reflectie 5 of its weights."""
    w = next(e["weight"] for e in load_module()["lessons"] if e["id"] == LESSON_02)
    return 100 * (w["toets"] * toets / 9.0 + w["reflectie"] * reflection / 3.0) / (w["toets"] + w["reflectie"])


def test_the_report_has_a_grade_per_lesson_and_a_provisional_module_grade(klas):
    course, expected, _, marks = klas
    cesuur = load_module()["assessment"]["cesuur"]
    with open(course / "rapport" / "cijfers.csv", newline="", encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(expected)
    for student, shares in expected.items():
        percent = lesson_percent(points(shares), marks.get(student, 0.0))
        assert float(rows[student]["les 02 cijfer"]) == cijfer(percent, cesuur), student
        # only lesson 02 is in the gradebook: the module grade counts it alone, and is provisional
        assert float(rows[student]["cijfer"]) == cijfer(percent, cesuur), student
        assert rows[student]["status"] == "voorlopig" and rows[student]["geslaagd"] == "nog niet bekend"
        assert rows[student]["opmerkingen"].startswith("les 01, 03, 04, 05 en 06 nog niet in het cijferboek")
        assert "nog niet nagekeken" not in rows[student]["opmerkingen"]  # every reflection graded
    assert rows[sid(0)]["naam"] == name(0)
    todo = (course / "rapport" / "nog_nakijken.txt").read_text(encoding="utf-8")
    assert todo.splitlines() == ["student\tles\treflectie"]


def test_the_lms_files_carry_the_same_grades(klas):
    course, expected, _, marks = klas
    cesuur = load_module()["assessment"]["cesuur"]
    want = {s: cijfer(lesson_percent(points(sh), marks.get(s, 0.0)), cesuur) for s, sh in expected.items()}
    lines = (course / "rapport" / "moodle_cijfers.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    moodle = {cells[0]: cells for cells in (line.split(",") for line in lines[1:])}
    assert all(len(cells) == len(header) for cells in moodle.values())
    assert {s: float(cells[header.index("Ouders zien eindcijfer")]) for s, cells in moodle.items()} == want
    with open(course / "rapport" / "canvas_cijfers.csv", newline="", encoding="utf-8") as fh:
        canvas = list(csv.reader(fh))
    assert {r[2]: float(r[-1]) for r in canvas[2:]} == want
    with open(course / "rapport" / "cijfers_excel.csv", newline="", encoding="utf-8-sig") as fh:
        excel = {r["student_id"]: r for r in csv.DictReader(fh, delimiter=";")}
    assert {s: float(r["cijfer"].replace(",", ".")) for s, r in excel.items()} == want


def test_each_learner_s_feedback_is_current_and_goes_back_to_moodle_under_the_download_s_folder(klas):
    course, expected, _, marks = klas
    row = next(r for r in docent.status(course) if r["les"] == LESSON_02)
    assert row == {"les": LESSON_02, "vrijgegeven": True, "ingeleverd": N, "nagekeken": N, "feedback": N,
                   "verouderd": 0}
    for n in (0, COPIED, NO_NOTEBOOK):
        page = (course / "feedback" / sid(n) / LESSON_02 / f"{LESSON_02}.html").read_text(encoding="utf-8")
        total = points(expected[sid(n)]) + marks.get(sid(n), 0.0)
        assert f"Je punten voor deze les: {number(total)} van 12." in page
        if sid(n) in marks:
            assert f"Opmerking voor {sid(n)}." in page
    with zipfile.ZipFile(course / "rapport" / "moodle_feedback_02.zip") as zf:
        names = sorted(zf.namelist())
    assert names == sorted(f"{name(n)}_{participant(n)}_assignfeedback_file/feedback_02.html" for n in range(N))


def _pearson(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx, sy = math.sqrt(sum((a - mx) ** 2 for a in x)), math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy)


def test_item_analysis_matches_an_independent_computation(klas):
    course, expected, _, _ = klas
    with open(course / "rapport" / f"itemanalyse_{LESSON_02}.csv", newline="", encoding="utf-8") as fh:
        rows = {r["vraag"]: r for r in csv.DictReader(fh)}
    students = sorted(expected)
    for item in ITEMS:
        iid = item["id"]
        x = [expected[s][iid] for s in students]
        rest = [points(expected[s]) - expected[s][iid] * float(item["points"]) for s in students]
        assert rows[iid]["p"] == f"{sum(x) / N:.2f}", iid
        assert rows[iid]["r_ir"] == f"{_pearson(x, rest):.2f}", iid
    assert (course / "rapport" / f"itemanalyse_{LESSON_02}.png").stat().st_size > 10_000
    assert not any("te weinig" in r["let op"] for r in rows.values())  # 30 hand-ins: items are judged


def test_the_cross_check_and_the_corrupt_file_are_reported(klas, capsys):
    course, _, report, _ = klas
    from course.lecturer.crosscheck import crosscheck

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        checks = crosscheck(course, LESSON_02, course, gb)
    assert len(checks) == N and not [d for c in checks for d in c.differences()]
    assert report["mislukt"] == [] and report["verschillen"] == []
    assert sorted({line.split(":")[0] for line in report["hersteld"]}) == sorted({sid(NO_NOTEBOOK), sid(DELETED)})
    assert any("teruggezet" in line for line in report["hersteld"] if line.startswith(sid(DELETED)))
    assert any("onleesbaar" in n for c in checks if c.student == sid(CORRUPT) for n in c.notes)
    assert docent.main(["--map", str(course), "status"]) == 0
    assert f"{LESSON_02}" in capsys.readouterr().out
