"""Every lesson through nbgrader, with exact expected scores, and the module cijfer from the gradebook.

One temporary course holds all seven lessons. Two simulated students hand in:
- ``alle_goed``: the key of every item, and a reflection that the lecturer grades full marks;
- ``deels``: a fixed mix (every other choice right, one right tick, half the statements, two steps
  swapped), reflections graded half; lesson 04 not handed in.
The expected scores are computed here from those rules with plain arithmetic, independent of the
judging engine, and the totals are pinned as numbers too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.lecturer.cijfers import results
from course.content import graded_items, lesson_ids, load_lesson
from course.keys import load_keys
from course.lecturer.module import cijfer, load_module
from course.authoring.release import tool_env
from course.store import STORE_NAME

from conftest import REPO
from nbtools import grade_id

SKIPPED_BY_DEELS = "04_vier_handreikingen"
# auto-graded points per lesson: (alle_goed, deels) -- the arithmetic is in expected_partial()
# (04's partial is what deels would have scored; deels does not hand it in)
PINNED = {
    "00_start": (1.0, 1.0),
    "01_waarom_ouders": (11.0, 7.0),  # 0.3.0: w_toets_collega_ruud (multiselect) for a categorise
    "02_ouderschap_en_opvoederschap": (9.0, 4.5),
    "03_de_ouder_achter_het_gedrag": (12.0, 6.5),
    "04_vier_handreikingen": (12.0, 6.0),
    "05_praktijkvoorbeeld": (5.0, 2.6),  # 0.3.0: toets_lesmodel is practice
    "06_tot_slot_en_nu": (7.0, 3.6667),  # 3 + 2/3, as nbgrader rounds it; 0.3.0: t_toets_veerkracht dropped
}


def nbgrader(course, *args):
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course,
                          capture_output=True, text=True, env=tool_env())
    assert proc.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"


def partial_answer(item, key, n):
    """The ``deels`` answer to graded item number ``n`` of a lesson, and the share of points it earns."""
    kind = item["type"]
    if kind == "choice":
        if n % 2 == 0:
            return key, 1.0
        return next(o["id"] for o in item["options"] if o["id"] != key), 0.0
    if kind == "multiselect":  # one right tick, no wrong one
        return key[:1], 1 / len(key)
    if kind in ("categorise", "match"):  # every other statement in another category
        cats = [c["id"] for c in item["categories"]]
        answer = {sid: (cat if m % 2 == 0 else next(c for c in cats if c != cat))
                  for m, (sid, cat) in enumerate(key.items())}
        return answer, sum(1 for m in range(len(key)) if m % 2 == 0) / len(key)
    if kind == "order":  # the first two steps swapped: all but one step still in order
        return [key[1], key[0], *key[2:]], (len(key) - 1) / len(key)
    raise AssertionError(f"no partial answer for {kind}")


def expected_partial(lesson_id):
    key = load_keys(lesson_id, REPO / "grading")
    answers, total = {}, 0.0
    for n, item in enumerate(graded_items(load_lesson(lesson_id))):
        answers[item["id"]], share = partial_answer(item, key[item["id"]], n)
        total += share * float(item["points"])
    return answers, round(total, 4)


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    for lid in lesson_ids():
        shutil.copytree(REPO / "grading" / "source" / lid, course / "source" / lid)
    for lid in lesson_ids():
        nbgrader(course, "generate_assignment", lid, "--force")
        released = course / "release" / lid / f"{lid}.ipynb"
        for student in ("alle_goed", "deels"):
            if student == "deels" and lid == SKIPPED_BY_DEELS:
                continue
            answers = load_keys(lid, REPO / "grading") if student == "alle_goed" else expected_partial(lid)[0]
            folder = course / "submitted" / student / lid
            folder.mkdir(parents=True)
            nb = nbformat.read(str(released), as_version=4)
            for cell in nb.cells:
                if grade_id(cell) in {i["id"] for i in graded_items(load_lesson(lid), auto=False)}:
                    cell.source = f"Mijn reflectie ({student})."
            nbformat.write(nb, str(folder / released.name))
            (folder / STORE_NAME).write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")
        nbgrader(course, "autograde", lid)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # the lecturer grades the reflections
        for lid in lesson_ids():
            for item in graded_items(load_lesson(lid), auto=False):
                for student, share in (("alle_goed", 1.0), ("deels", 0.5)):
                    if student == "deels" and lid == SKIPPED_BY_DEELS:
                        continue
                    grade = gb.find_grade(item["id"], lid, lid, student)
                    grade.manual_score = share * float(item["points"])
                    grade.needs_manual_grade = False  # as the formgrader does when a score is saved
        gb.db.commit()
    return course


def auto_scores(course):
    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for lid in lesson_ids():
            for sub in gb.assignment_submissions(lid):
                out[(lid, sub.student.id)] = round(sum(nb.code_score for nb in sub.notebooks), 4)
    return out


def test_every_lesson_scores_exactly(course_dir):
    got = auto_scores(course_dir)
    for lid in lesson_ids():
        full, pinned_partial = PINNED[lid]
        partial = expected_partial(lid)[1]
        assert got[(lid, "alle_goed")] == full, lid
        if lid == SKIPPED_BY_DEELS:
            assert (lid, "deels") not in got
        else:
            assert got[(lid, "deels")] == partial, f"{lid}: {got[(lid, 'deels')]} != {partial}"
        assert partial == pinned_partial, f"{lid}: the items changed; re-derive the pinned score"


def test_module_cijfer_from_the_gradebook(course_dir):
    module = load_module()
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        rows = {r.student: r for r in results(gb, module)}
    best, some = rows["alle_goed"], rows["deels"]
    assert best.percent == 100.0 and best.cijfer == 10.0 and best.passed and not best.notes
    weights = {e["id"]: e["weight"] for e in module["lessons"]}
    auto_max = {lid: PINNED[lid][0] for lid in lesson_ids()}
    expected = sum(w["toets"] * expected_partial(lid)[1] / auto_max[lid] + w["reflectie"] * 0.5
                   for lid, w in weights.items() if lid != SKIPPED_BY_DEELS and auto_max[lid])
    assert some.percent == pytest.approx(expected, abs=1e-3)
    assert some.cijfer == cijfer(expected, module["assessment"]["cesuur"])
    assert some.passed == (some.cijfer >= 5.5)  # half the lesson 06 reflection is just enough
    assert some.notes == ["les 04 niet ingeleverd"]
