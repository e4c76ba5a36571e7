"""Who handed this in: the learner's name and student number, given once in lesson 00.

An LMS download does not say reliably who a hand-in is from: Moodle names a folder after a
participant id that differs per assignment (mod/assign/locallib.php, get_uniqueid_for_user), and
Brightspace writes no number at all. So the learner gives name and student number once; they are
kept in the learner's home folder (``~/.ouders-zien/student.json``) and every lesson's answer file
carries them (course/store.py writes them along), so they travel in every hand-in and the lecturer's
collection can join the lessons by student number (course/lecturer/handin.py).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from course import messages as msg

HOME_ENV = "OUDERS_ZIEN_HOME"  # another folder than ~/.ouders-zien (tests; a shared lab machine)
NUMBER = re.compile(r"^[A-Za-z]{0,3}\d{4,12}$")  # 1234567, s1234567, 500812345: letters in front at most
MAX_NAME = 80
NAME_MARKS = " '’.-"


def identity_file() -> Path:
    return Path(os.environ.get(HOME_ENV) or Path.home() / ".ouders-zien") / "student.json"


def check(name: str, number: str) -> dict[str, str]:
    """Return {"naam", "nummer"} cleaned up; ValueError with a Dutch message for the learner."""
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    number = re.sub(r"\s", "", number or "")
    if len(name) < 2 or not any(ch.isalpha() for ch in name):
        raise ValueError(msg.IDENTITY_NAME_MISSING)
    # letters, spaces, apostrophes, hyphens and dots only: a name is shown on nbgrader's pages and in reports
    if len(name) > MAX_NAME or not all(ch.isalpha() or ch in NAME_MARKS for ch in name):
        raise ValueError(msg.IDENTITY_NAME_ODD)
    if not number:  # fourteenth walk: an empty field read "'' lijkt geen studentnummer"
        raise ValueError(msg.IDENTITY_NUMBER_MISSING)
    if not NUMBER.match(number):
        raise ValueError(msg.IDENTITY_NUMBER_ODD.format(number=number[:20]))
    return {"naam": name, "nummer": number}


def load() -> dict[str, str] | None:
    """The learner's saved name and number, or None (not given yet, or the file is not readable)."""
    try:
        data = json.loads(identity_file().read_text(encoding="utf-8"))
        return check(data["naam"], data["nummer"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(name: str, number: str) -> dict[str, str]:
    """Check and keep name and number (replacing what was kept); return them."""
    who = check(name, number)
    path = identity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(who, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return who


def from_answers(data: Any) -> dict[str, str] | None:
    """The name and number an answer file carries (its "student" entry), or None when it has none
    or they are not valid (an answer file is the learner's data: checked like typed text)."""
    who = data.get("student") if isinstance(data, dict) else None
    if not isinstance(who, dict):
        return None
    try:
        return check(str(who.get("naam", "")), str(who.get("nummer", "")))
    except ValueError:
        return None
