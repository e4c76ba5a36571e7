"""The class list from the school's LMS, into nbgrader's gradebook (``ouders-zien docent klassenlijst``).

Three exports are read, recognised by their header (docs/lms.md has the sources):

- Moodle, participants page, "Download table data as" CSV (user/action_redir.php,
  ``download_participants``): "First name", "Last name" (older: "Surname"), then the site's identity
  fields, of which the course needs "ID number" (the student number) and uses "Email address";
- Canvas, gradebook "Export" CSV (lib/gradebook_exporter.rb): "Student" ("Jansen, Jan"), "ID"
  (Canvas's user id: the number in its submission download's file names), "SIS User ID" (the
  student number), "SIS Login ID", "Section", and a "Points Possible" row that is no learner;
- Brightspace, grades export with user details: "OrgDefinedId" (the student number), "Username",
  "Last Name", "First Name", "Email", "End-of-Line Indicator"; ids written as "#s123" (D2L marks a
  text value with "#"; the "#" is no part of it).

Each learner becomes (or updates) an nbgrader student with the student number as id, names, e-mail
and, from Canvas, the LMS user id (nbgrader's ``lms_user_id``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from course.learner_text import shown, student_id

MAX_BYTES = 5_000_000


class RosterError(ValueError):
    """A class list that cannot be read; the message is Dutch."""


@dataclass
class Person:
    number: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(x for x in (self.first_name, self.last_name) if x)


def _text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError("de klassenlijst is geen tekstbestand (CSV)")


def _rows(text: str) -> list[list[str]]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]


def _col(header: list[str], *names: str) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name.lower() in lowered:
            return lowered.index(name.lower())
    return None


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def read(path: Path) -> tuple[str, list[Person], list[str]]:
    """(which LMS, the learners, Dutch notes on rows skipped) of a class list export."""
    if not path.is_file():
        raise RosterError(f"het bestand {path} bestaat niet")
    if path.stat().st_size > MAX_BYTES:
        raise RosterError(f"{path.name} is te groot voor een klassenlijst")
    rows = _rows(_text(path.read_bytes()))
    if not rows:
        raise RosterError(f"{path.name} is leeg")
    header, body = rows[0], rows[1:]
    if _col(header, "OrgDefinedId") is not None:
        lms, cols = (
            "brightspace",
            {
                "number": _col(header, "OrgDefinedId"),
                "first": _col(header, "First Name"),
                "last": _col(header, "Last Name"),
                "email": _col(header, "Email"),
            },
        )
    elif _col(header, "Student") == 0 and _col(header, "SIS User ID") is not None:
        lms, cols = (
            "canvas",
            {
                "number": _col(header, "SIS User ID"),
                "name": 0,  # Canvas exports no e-mail
                "lms": _col(header, "ID"),
            },
        )
    elif _col(header, "First name") is not None and _col(header, "Last name", "Surname") is not None:
        number = _col(header, "ID number", "Idnummer", "ID-nummer")
        if number is None:
            raise RosterError(
                "in deze Moodle-lijst staat geen kolom 'ID number' met het studentnummer. Laat in Moodle "
                "'ID number' tonen bij de deelnemers (showuseridentity) en download de lijst opnieuw"
            )
        lms, cols = (
            "moodle",
            {
                "number": number,
                "first": _col(header, "First name"),
                "last": _col(header, "Last name", "Surname"),
                "email": _col(header, "Email address", "Email"),
            },
        )
    else:
        raise RosterError(
            f"{path.name} is geen klassenlijst die ik ken: verwacht een deelnemerslijst van Moodle, "
            "een cijferexport van Canvas of een cijferexport van Brightspace (met gebruikersgegevens)"
        )
    people, notes = [], []
    for n, row in enumerate(body, start=2):
        if lms == "canvas" and "points possible" in _cell(row, 0).lower():
            continue  # Canvas's second row: the points per assignment
        raw = _cell(row, cols["number"]).lstrip("#")
        sid = student_id(raw) if raw else None
        if not sid or sid != raw:
            notes.append(f"regel {n}: geen geldig studentnummer ('{shown(raw)[:20]}'); overgeslagen")
            continue
        person = Person(sid, email=_cell(row, cols.get("email")).lstrip("#"))
        if "name" in cols:  # Canvas: "Jansen, Jan"
            last, _, first = _cell(row, cols["name"]).partition(",")
            person.first_name, person.last_name = first.strip(), last.strip()
            person.lms_user_id = _cell(row, cols.get("lms"))
        else:
            person.first_name, person.last_name = _cell(row, cols["first"]), _cell(row, cols["last"])
        people.append(person)
    if not people:
        raise RosterError(f"in {path.name} staat geen enkele student met een studentnummer")
    return lms, people, notes


class _Gradebook(Protocol):
    """The part of nbgrader's ``Gradebook`` that :func:`import_into` uses."""

    @property
    def students(self) -> Iterable[Any]: ...

    def update_or_create_student(self, name: str, **kwargs: Any) -> object: ...


def import_into(gb: _Gradebook, people: list[Person]) -> tuple[int, int]:
    """Add or update the learners in nbgrader's gradebook; return (new, updated)."""
    known = {s.id for s in gb.students}
    for p in people:
        gb.update_or_create_student(
            p.number,
            first_name=p.first_name or None,
            last_name=p.last_name or None,
            email=p.email or None,
            lms_user_id=p.lms_user_id or None,
        )
    new = sum(1 for p in people if p.number not in known)
    return new, len(people) - new
