"""From the nbgrader gradebook to a Dutch 1-10 cijfer per student, with the module's assessment plan.

Usage (in the course folder ``grading/``, after autograding and grading the reflections)::

    python -m course.lecturer.cijfers                 # writes cijfers.csv beside the gradebook
    python -m course.lecturer.cijfers --db sqlite:///pad/naar/gradebook.db --out cijfers.csv

Per lesson the toets (automatically graded cells) and the reflection (cells graded by hand, named
after the lesson's reflection items) are scored as a share of their points and weighted as
course/data/module.yaml says; the weighted score becomes a cijfer with the stated cesuur
(:func:`course.lecturer.module.cijfer`). It reads the gradebook through nbgrader's API and writes nothing to it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.content import ContentError, graded_items, load_lesson
from course.learner_text import csv_cell, shown
from course.lecturer.module import PARTS, cijfer, load_module
from course.messages import join_and


@dataclass
class Result:
    """One student's result: per lesson and part (score, max), per lesson a cijfer, the weighted %,
    the module cijfer and pass. ``provisional`` ("voorlopig") while a lesson of the plan is not in the
    gradebook yet or a reflection still waits to be graded: the % then counts the lessons so far."""

    student: str
    parts: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    lessons: dict[str, float] = field(default_factory=dict)  # lesson id -> cijfer of that lesson
    percent: float = 0.0
    cijfer: float = 1.0
    passed: bool = False
    provisional: bool = False
    name: str = ""
    email: str = ""
    lms_user_id: str = ""
    missing: list[str] = field(default_factory=list)  # lessons of the plan not in the gradebook yet
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "voorlopig" if self.provisional else "definitief"

    @property
    def verdict(self) -> str:
        return "nog niet bekend" if self.provisional else "ja" if self.passed else "nee"


def _reflection_ids(lesson_id: str) -> set[str]:
    return {i["id"] for i in graded_items(load_lesson(lesson_id), auto=False)}


def lesson_parts(gb: Any, lesson_id: str, student: str) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Return ({part: (score, max)}, notes) of one lesson's submission (0 of max when missing)."""
    from nbgrader.api import MissingEntry

    manual = _reflection_ids(lesson_id)
    maxima = {part: 0.0 for part in PARTS}
    scores = {part: 0.0 for part in PARTS}
    notes: list[str] = []
    assignment = gb.find_assignment(lesson_id)
    for notebook in assignment.notebooks:
        for cell in notebook.grade_cells:
            maxima["reflectie" if cell.name in manual else "toets"] += float(cell.max_score)
    try:
        submission = gb.find_submission(lesson_id, student)
    except MissingEntry:
        return {part: (0.0, maxima[part]) for part in PARTS}, [f"les {lesson_id[:2]} niet ingeleverd"]
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            part = "reflectie" if grade.name in manual else "toets"
            scores[part] += float(grade.score or 0)
            if grade.needs_manual_grade:
                notes.append(f"les {lesson_id[:2]}: {grade.name} nog niet nagekeken")
    return {part: (scores[part], maxima[part]) for part in PARTS}, notes


def results(gb: Any, module: dict[str, Any] | None = None) -> list[Result]:
    """Return the result of every student in the gradebook, in student id order."""
    module = module or load_module()
    a = module["assessment"]
    released = {assignment.name for assignment in gb.assignments}
    out = []
    for s in sorted(gb.students, key=lambda s: s.id):
        result = Result(
            s.id,
            name=" ".join(x for x in (s.first_name, s.last_name) if x),
            email=s.email or "",
            lms_user_id=s.lms_user_id or "",
        )
        weighted = counted = 0.0
        for entry in module["lessons"]:
            lid, weight = entry["id"], entry["weight"]
            if lid not in released:
                if any(weight.values()):
                    result.provisional = True
                    result.missing.append(lid[:2])
                continue
            parts, notes = lesson_parts(gb, lid, s.id)
            result.notes += notes
            result.provisional |= any("nog niet nagekeken" in n for n in notes)
            lesson_weighted = lesson_weights = 0.0
            for part in PARTS:
                score, maximum = parts[part]
                result.parts[(lid, part)] = (score, maximum)
                if maximum and weight[part]:
                    lesson_weighted += weight[part] * score / maximum
                    lesson_weights += weight[part]
            if lesson_weights:
                result.lessons[lid] = cijfer(
                    min(100.0, 100 * lesson_weighted / lesson_weights), a["cesuur"], a["rounding"]
                )
            weighted += lesson_weighted
            counted += lesson_weights
        if result.missing:
            result.notes.insert(0, f"les {join_and(result.missing)} nog niet in het cijferboek")
        result.percent = round(100 * weighted / counted, 4) if counted else 0.0
        result.cijfer = cijfer(min(result.percent, 100.0), a["cesuur"], a["rounding"])
        need = a["required_reflection"]
        score, maximum = result.parts.get((need["lesson"], "reflectie"), (0.0, 0.0))
        enough = maximum > 0 and score >= need["min_share"] * maximum
        result.passed = result.cijfer >= 5.5 and enough and not result.provisional
        if not enough and need["lesson"] in released:
            result.notes.append(f"reflectie les {need['lesson'][:2]}: minder dan de helft van de punten")
        out.append(result)
    return out


def write_csv(rows: list[Result], path: Path, excel_nl: bool = False) -> None:
    """Write the results; a text cell that starts like a formula is kept as text (learner_text.csv_cell).

    ``excel_nl`` writes what Excel with Dutch settings opens as a table on a double click: ``;``
    between cells, a decimal comma, and a byte-order mark so the names keep their accents (Excel
    takes the list separator and decimal symbol from the Windows region settings; nl-NL: ";" and ",")."""
    columns = sorted({key for r in rows for key in r.parts})
    lessons = sorted({lid for r in rows for lid in r.lessons})

    def number(value: float, fmt: str) -> str:
        text = format(value, fmt)
        return text.replace(".", ",") if excel_nl else text

    with open(path, "w", newline="", encoding="utf-8-sig" if excel_nl else "utf-8") as fh:
        writer = csv.writer(fh, delimiter=";" if excel_nl else ",")
        writer.writerow(
            [
                "student_id",
                "naam",
                *(f"les {lid[:2]} cijfer" for lid in lessons),
                *(f"{lid[:2]} {part}" for lid, part in columns),
                "score (%)",
                "cijfer",
                "status",
                "geslaagd",
                "opmerkingen",
            ]
        )
        for r in rows:
            writer.writerow(
                [
                    csv_cell(r.student),
                    csv_cell(r.name),
                    *(number(r.lessons[lid], ".1f") if lid in r.lessons else "" for lid in lessons),
                    *(number(r.parts[k][0], "g") if k in r.parts else "" for k in columns),
                    number(r.percent, ".1f"),
                    number(r.cijfer, ".1f"),
                    r.status,
                    r.verdict,
                    csv_cell("; ".join(r.notes)),
                ]
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.lecturer.cijfers", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite:///gradebook.db", help="nbgrader db_url (default: the gradebook here)")
    parser.add_argument("--out", type=Path, default=Path("cijfers.csv"), help="CSV file to write")
    args = parser.parse_args(argv)
    if args.db.startswith("sqlite:///") and not Path(args.db.removeprefix("sqlite:///")).exists():
        print(
            f"Fout: geen cijferboek gevonden ({args.db}). Start dit in de map grading/ na het nakijken.",
            file=sys.stderr,
        )
        return 2
    from nbgrader.api import Gradebook

    try:
        with Gradebook(args.db) as gb:
            rows = results(gb)
    except ContentError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    write_csv(rows, args.out)
    passed = sum(r.passed for r in rows)
    print(f"Geschreven: {args.out} ({len(rows)} studenten, {passed} geslaagd).")
    for r in rows:
        if r.notes:
            print(f"- {shown(r.student)}: {'; '.join(r.notes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
