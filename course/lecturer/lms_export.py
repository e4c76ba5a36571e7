"""Grades and feedback back into the school's LMS: one import file per LMS, and Moodle's feedback zip.

Each layout follows the LMS's own code or documentation (docs/lms.md has the sources):

- Moodle, grade import from CSV (grade/import/csv): the lecturer maps "ID number" to the user's ID
  number and each grade column to a grade item in the import form; decimals with a point (Moodle reads
  a comma only in a language whose decimal separator is one: lib/moodlelib.php, unformat_float), and
  no value holds the separator (the CSV reader of some versions splits lines without quotes);
- Canvas, gradebook import (lib/gradebook_importer.rb): "Student", "ID", "SIS User ID", "SIS Login
  ID", "Section", a "Points Possible" row; a column without "(id)" becomes a new assignment; a
  learner is matched by Canvas ID first, then SIS User ID (the student number here);
- Brightspace, grades import: "OrgDefinedId", "<item> Points Grade" per grade item, and a last
  column "End-of-Line Indicator" with "#"; ids written "#s123" as its own export does;
- Moodle's "Upload multiple feedback files in a zip" (mod/assign/feedback/file/importziplib.php):
  a folder per learner "<name>_<participant id>_assignfeedback_file/" with the name free of "_" and
  the participant id the one Moodle used in that assignment's download (course/lecturer/handin.py keeps it).
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

from course.learner_text import csv_cell
from course.lecturer.cijfers import Result

PREFIX = "Ouders zien"


def _no_comma(text: str) -> str:
    return " ".join(text.replace(",", " ").replace(";", " ").split())


def _point(value: float) -> str:
    return f"{value:.1f}"


def _columns(rows: list[Result]) -> list[str]:
    return sorted({lid for r in rows for lid in r.lessons})


def moodle_grades(rows: list[Result], path: Path) -> None:
    """Moodle's grade import: a learner per row by ID number (the student number), e-mail as a second
    key, a grade per lesson and for the module, and the status as feedback."""
    lessons = _columns(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(
            [
                "ID number",
                "Email address",
                "Full name",
                *(f"{PREFIX} les {lid[:2]}" for lid in lessons),
                f"{PREFIX} eindcijfer",
                f"{PREFIX} eindcijfer (Feedback)",
            ]
        )
        for r in rows:
            note = r.status + (
                f": les {' '.join(r.missing)} nog niet nagekeken"
                if r.missing
                else ": er wachten nog reflecties"
                if r.provisional
                else ""
            )
            writer.writerow(
                [
                    csv_cell(_no_comma(r.student)),
                    csv_cell(_no_comma(r.email)),
                    csv_cell(_no_comma(r.name)),
                    *(_point(r.lessons[lid]) if lid in r.lessons else "-" for lid in lessons),
                    _point(r.cijfer),
                    csv_cell(_no_comma(note)),
                ]
            )


def canvas_grades(rows: list[Result], path: Path, points: float = 10.0) -> None:
    """Canvas's gradebook import: new assignments (columns without an id) out of 10 points."""
    lessons = _columns(rows)
    titles = [*(f"{PREFIX} les {lid[:2]}" for lid in lessons), f"{PREFIX} eindcijfer"]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *titles])
        writer.writerow(["    Points Possible", "", "", "", "", *(_point(points) for _ in titles)])
        for r in rows:
            first, _, last = r.name.partition(" ") if r.name else ("", "", "")
            sortable = f"{last}, {first}" if last else first
            writer.writerow(
                [
                    csv_cell(sortable),
                    csv_cell(r.lms_user_id),
                    csv_cell(r.student),
                    "",
                    "",
                    *(_point(r.lessons[lid]) if lid in r.lessons else "" for lid in lessons),
                    _point(r.cijfer),
                ]
            )


def brightspace_grades(rows: list[Result], path: Path) -> None:
    """Brightspace's grades import, keyed by OrgDefinedId (the student number)."""
    lessons = _columns(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "OrgDefinedId",
                *(f"{PREFIX} les {lid[:2]} Points Grade" for lid in lessons),
                f"{PREFIX} eindcijfer Points Grade",
                "End-of-Line Indicator",
            ]
        )
        for r in rows:
            writer.writerow(
                [
                    f"#{r.student}",
                    *(_point(r.lessons[lid]) if lid in r.lessons else "" for lid in lessons),
                    _point(r.cijfer),
                    "#",
                ]
            )


def moodle_feedback_zip(folder: Path, lesson: str, out: Path) -> tuple[int, list[str]]:
    """Moodle's feedback-files zip of ``lesson``: each learner's feedback page in the folder Moodle
    gave them in this lesson's download. Return (pages packed, learners left out with why)."""
    try:
        ids = json.loads((folder / "downloaded" / lesson / "lms_ids.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0, []
    packed, left = 0, []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for sid, lms in sorted(ids.items()):
            if lms.get("lms") != "moodle" or not str(lms.get("lms_id", "")).isdigit():
                continue
            page = folder / "feedback" / sid / lesson / f"{lesson}.html"
            if not page.is_file():
                left.append(f"{sid}: nog geen feedback")
                continue
            name = (
                " ".join(str(lms.get("lms_naam") or "student").replace("_", " ").replace("/", " ").split()) or "student"
            )
            zf.writestr(f"{name}_{lms['lms_id']}_assignfeedback_file/feedback_{lesson[:2]}.html", page.read_bytes())
            packed += 1
    if not packed:
        out.unlink()
    return packed, left
