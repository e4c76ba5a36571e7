"""A class of 30 through the lecturer's tool: an LMS download (Moodle's file names) -> verzamelen ->
nakijken -> rapport, with exact totals and cijfers, and an item analysis checked against an
independent computation here.

The class is seeded: each learner has an ability and answers each item right with that chance;
three never answered (no answer file), one answer file is corrupt, one learner deleted a cell.
The download is as messy as a real one (issue 19): two learners handed in the lesson folder as a zip,
one duplicated the notebook (the copy holds the reflection), one renamed it, one also uploaded
another lesson's notebook; every learner is collected and every total stays exact.
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

from course import docent
from course.content import graded_items, load_lesson
from course.keys import load_keys
from course.module import cijfer, load_module
from course.store import STORE_NAME

from conftest import LESSON_02, REPO

N = 30
NEVER, CORRUPT, DELETED, NO_NOTEBOOK = {3, 11, 27}, 7, 19, 23
ZIPPED, COPIED, RENAMED, OTHER_LESSON = {4, 12}, 15, 20, 25
ITEMS = graded_items(load_lesson(LESSON_02))
KEY = load_keys(LESSON_02, REPO / "grading")
OTHER_NOTEBOOK = (REPO / "notebooks" / "03_de_ouder_achter_het_gedrag" / "03_de_ouder_achter_het_gedrag.ipynb").read_bytes()


def name(n: int) -> str:
    return f"Student {n:02d} Achternaam"


def sid(n: int) -> str:
    return f"{100000 + n}"


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


@pytest.fixture(scope="module")
def klas(tmp_path_factory):
    course = tmp_path_factory.mktemp("grading")
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    assert docent.main(["--map", str(course), "vrijgeven", LESSON_02]) == 0
    released = nbformat.read(str(course / "release" / LESSON_02 / f"{LESSON_02}.ipynb"), as_version=4)
    rng = random.Random(20261129)
    expected: dict[str, dict[str, float]] = {}
    archive = tmp_path_factory.mktemp("lms") / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for n in range(N):
            answers, shares = answers_for(n, rng)
            folder = f"{name(n)}_{sid(n)}_assignsubmission_file_/"
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
            if n in NEVER:
                shares = {i: 0.0 for i in shares}
            elif n == CORRUPT:
                files[STORE_NAME] = '{"format": 1, "answers": {'
                shares = {i: 0.0 for i in shares}
            else:
                files[STORE_NAME] = json.dumps({"format": 1, "answers": answers})
            if n == COPIED:  # the copy holds the work; the original is the released lesson
                files[f"{LESSON_02}-Copy1.ipynb"] = files[f"{LESSON_02}.ipynb"]
                files[f"{LESSON_02}.ipynb"] = nbformat.writes(released)
            if n == RENAMED:
                files["les 2 (mijn versie).ipynb"] = files.pop(f"{LESSON_02}.ipynb")
            if n == OTHER_LESSON:
                files["03_de_ouder_achter_het_gedrag.ipynb"] = OTHER_NOTEBOOK
            if n in ZIPPED:
                inner = io.BytesIO()
                with zipfile.ZipFile(inner, "w") as lesson_zip:
                    for file, data in files.items():
                        lesson_zip.writestr(f"{LESSON_02}/{file}", data)
                files = {f"{LESSON_02}.zip": inner.getvalue()}
            for file, data in files.items():
                zf.writestr(folder + file, data)
            expected[sid(n)] = shares
    assert docent.main(["--map", str(course), "verzamelen", LESSON_02, "--zip", str(archive), "--lms", "moodle"]) == 0
    report = docent.grade(course, LESSON_02)
    assert docent.main(["--map", str(course), "rapport", LESSON_02]) == 0
    return course, expected, report


def points(shares: dict[str, float]) -> float:
    return round(sum(shares[i["id"]] * float(i["points"]) for i in ITEMS), 4)


def test_every_learner_of_a_messy_download_is_collected_and_reported(klas):
    course, expected, _ = klas
    report = (course / "downloaded" / LESSON_02 / "verzamelverslag.txt").read_text(encoding="utf-8").splitlines()
    assert report[0] == f"{N} van {N} studenten verzameld (3 na herstel); 0 geweigerd."  # a zip is no repair
    lines = {line.split(" (")[0]: line for line in report[1:]}
    assert len(lines) == N
    assert "Copy1.ipynb' gebruikt (daar staat het meeste werk in)" in lines[name(COPIED)]
    assert "notebook 'les 2 (mijn versie).ipynb' gebruikt als" in lines[name(RENAMED)]
    assert "is een notebook van les 03_de_ouder_achter_het_gedrag; apart gezet" in lines[name(OTHER_LESSON)]
    assert all(f"uit zip-bestand '{LESSON_02}.zip'" in lines[name(n)] for n in ZIPPED)
    reflection = next(c for c in nbformat.read(str(course / "submitted" / sid(COPIED) / LESSON_02 / f"{LESSON_02}.ipynb"),
                                                as_version=4).cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflectie")
    assert reflection.source == f"Reflectie van {name(COPIED)}."


def test_every_learner_gets_the_exact_total(klas):
    course, expected, _ = klas
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        got = {s.student.id: round(s.code_score, 4) for s in gb.assignment_submissions(LESSON_02)}
    assert got == {s: points(sh) for s, sh in expected.items()}
    assert len(got) == N and sum(v > 0 for v in got.values()) > 20


def test_the_report_has_the_cijfers_of_the_assessment_plan(klas):
    course, expected, _ = klas
    module = load_module()
    weight = next(e["weight"] for e in module["lessons"] if e["id"] == LESSON_02)
    with open(course / "rapport" / "cijfers.csv", newline="", encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(expected)
    for student, shares in expected.items():
        percent = weight["toets"] * points(shares) / 9.0  # reflections not graded yet: 0
        assert float(rows[student]["cijfer"]) == cijfer(percent, module["assessment"]["cesuur"]), student
        waiting = "reflectie nog niet nagekeken" in rows[student]["opmerkingen"]
        assert waiting == (student not in {sid(n) for n in (*NEVER, NO_NOTEBOOK)}), student
    todo = (course / "rapport" / "nog_nakijken.txt").read_text(encoding="utf-8")
    assert todo.count("reflectie") >= N - len(NEVER)


def _pearson(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx, sy = math.sqrt(sum((a - mx) ** 2 for a in x)), math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy)


def test_item_analysis_matches_an_independent_computation(klas):
    course, expected, _ = klas
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
    course, _, report = klas
    from course.crosscheck import crosscheck

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        checks = crosscheck(course, LESSON_02, course, gb)
    assert len(checks) == N and not [d for c in checks for d in c.differences()]
    assert report["mislukt"] == [] and report["verschillen"] == []
    assert sorted({line.split(":")[0] for line in report["hersteld"]}) == sorted({sid(NO_NOTEBOOK), sid(DELETED)})
    assert any("teruggezet" in line for line in report["hersteld"] if line.startswith(sid(DELETED)))
    assert any("onleesbaar" in n for c in checks if c.student == sid(CORRUPT) for n in c.notes)
    row = next(r for r in docent.status(course) if r["les"] == LESSON_02)
    assert row == {"les": LESSON_02, "vrijgegeven": True, "ingeleverd": N, "nagekeken": N, "feedback": N}
    assert docent.main(["--map", str(course), "status"]) == 0
    assert f"{LESSON_02}" in capsys.readouterr().out
