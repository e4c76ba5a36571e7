"""Every hand-in of an LMS download accounted for (issue 19): sort a download per learner, repair
what a learner did with the lesson folder, and say per learner what happened.

Learners hand in the lesson folder as docs/leerling.md tells them: loose files, zipped (the zip may sit in
the LMS folder, hold a folder, or be zipped twice; Windows writes its names in the OEM code page), or
with the notebook duplicated or renamed (``…-Copy1.ipynb``). This module reads the download and
decides per learner:

- **verzameld**: the lesson notebook and/or the answer file, as handed in;
- **hersteld**: collected after a repair, and the report says which (a zip unpacked, the notebook
  that holds the learner's work chosen among several, a renamed notebook used, an older answer file
  or another lesson's notebook set aside);
- **geweigerd**: not collected, and why (a name that cannot be a student id, not on the roster,
  nothing of this lesson).

One learner never blocks the class. The result is a clean archive, one folder per student id, that
nbgrader's own ``zip_collect`` takes in (course/lecturer/docent.py); what was set aside is kept beside it.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.learner_text import shown, student_id, without_placeholder
from course.store import STORE_NAME

MAX_NESTED_BYTES = 200 * 1024 * 1024  # unpacked size of one learner's zip: more is refused, not read
MAX_NESTED_FILES = 2000
MAX_DEPTH = 3  # a zip in a zip in a zip: deeper is refused
SKIP_PARTS = (".ipynb_checkpoints", "__MACOSX", "__pycache__")


@dataclass
class File:
    """One file of a learner's hand-in: its name in the download, its bytes and the time the zip gives it."""

    name: str
    data: bytes
    when: tuple[int, int, int, int, int, int]  # as ZipInfo.date_time

    @property
    def base(self) -> str:
        return posixpath.basename(self.name)


@dataclass
class Learner:
    """What the download holds of one learner, and what collection decided."""

    raw_id: str
    name: str  # as the LMS shows the learner (its folder name); for the report only
    files: list[File] = field(default_factory=list)
    sid: str | None = None
    keep: dict[str, File] = field(default_factory=dict)  # file name in the submission -> file
    aside: list[File] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how it came, not a repair (a zip, as learners are told)
    refused: str | None = None
    person: str = ""  # the name the learner gave in lesson 00, if any

    @property
    def label(self) -> str:
        shown_id = shown(self.sid or self.raw_id)
        name = self.person or self.name
        return f"{shown(name)} ({shown_id})" if name and name != (self.sid or self.raw_id) else shown_id

    @property
    def outcome(self) -> str:
        return "geweigerd" if self.refused else "hersteld" if self.repairs else "verzameld"

    def line(self) -> str:
        if self.refused:
            seen = f" ({'; '.join(self.repairs)})" if self.repairs else ""
            return f"{self.label}: geweigerd, {self.refused}{seen}"
        how = f" ({'; '.join(self.notes)})" if self.notes else ""
        if self.repairs:
            return f"{self.label}: hersteld{how}, {'; '.join(self.repairs)}"
        return f"{self.label}: verzameld{how}"


def zip_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its maker meant it. Without the UTF-8 flag (bit 11) Python reads the name
    as CP437 (the zip format's default); tools that write UTF-8 without the flag, and Windows
    Explorer, which writes the OEM code page (CP850 on Dutch and other Western European Windows),
    are read back here (zip APPNOTE 6.3.x, appendix D; CPython zipfile._decodeExtra/ZipInfo)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp850")


def _unpack(data: bytes, where: str, depth: int) -> tuple[list[File], str | None]:
    """The files of a learner's zip (zips in it unpacked too); or a Dutch reason it cannot be read."""
    if depth > MAX_DEPTH:
        return [], f"'{shown(where)}' zit te diep in andere zip-bestanden"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if len(infos) > MAX_NESTED_FILES or sum(i.file_size for i in infos) > MAX_NESTED_BYTES:
                return [], f"'{shown(where)}' is uitgepakt te groot"
            files = []
            for info in infos:
                name = zip_name(info)
                if any(part in SKIP_PARTS for part in name.split("/")):
                    continue
                content = zf.read(info)
                if name.lower().endswith(".zip"):
                    inner, problem = _unpack(content, name, depth + 1)
                    if problem:
                        return [], problem
                    files += inner
                else:
                    files.append(File(name, content, info.date_time))
            return files, None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        return [], f"'{shown(where)}' is geen leesbaar zip-bestand"


def read_download(archive: zipfile.ZipFile, pattern: str) -> tuple[dict[str, Learner], list[str]]:
    """Learners (by the id in the download) and the names of entries that belong to no learner."""
    learners: dict[str, Learner] = {}
    stray = []
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = zip_name(info)
        m = re.match(pattern, "/" + name)
        if not m:
            stray.append(name)
            continue
        raw = m["student_id"]
        shown_name = (m.groupdict().get("name") or raw).strip()
        learner = learners.setdefault(raw, Learner(raw, shown_name))
        inner = m["file_id"]
        if any(part in SKIP_PARTS for part in inner.split("/")):
            continue
        data = archive.read(info)
        if inner.lower().endswith(".zip"):
            files, problem = _unpack(data, posixpath.basename(inner), 1)
            if problem:
                learner.repairs.append(f"{problem}; niet gebruikt")
            else:
                learner.notes.append(f"uit zip-bestand '{shown(posixpath.basename(inner))}'")
            learner.files += files
        else:
            learner.files.append(File(inner, data, info.date_time))
    return learners, stray


def lesson_marks() -> dict[str, set[str]]:
    """Per lesson, the ids only it has: its items (a notebook cell's grade id, an answer file's key)
    and its blocks, with the "widget_" cells of its practice items."""
    from course.content import lesson_ids, load_lesson

    ids = {}
    for lid in lesson_ids():
        data = load_lesson(lid)
        items = set(data["items"])
        ids[lid] = items | {f"widget_{i}" for i in items} | set(data.get("blocks") or {})
    return {lid: own - set().union(*(o for other, o in ids.items() if other != lid)) for lid, own in ids.items()}


def notebook_lesson(data: bytes, marks: dict[str, set[str]]) -> tuple[str | None, int]:
    """(the lesson a notebook belongs to, or None; characters the learner wrote in its answer cells),
    or (None, -1) for a file that is no notebook."""
    try:
        cells = json.loads(data.decode("utf-8")).get("cells", [])
        ids = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells}
        work = sum(
            len(without_placeholder("".join(c.get("source", ""))))
            for c in cells
            if c.get("metadata", {}).get("nbgrader", {}).get("solution")
        )  # the course's own text is no work
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
        return None, -1
    return _best_lesson(ids, marks), work


def _answers_lesson(data: bytes, marks: dict[str, set[str]]) -> str | None:
    try:
        answered = set(json.loads(data.decode("utf-8")).get("answers", {}))
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None
    return _best_lesson(answered, marks)


def _best_lesson(ids: set[Any], marks: dict[str, set[str]]) -> str | None:
    """The lesson whose own ids ``ids`` holds most of, or None when it holds none."""
    hits = {lid: len(ids & own) for lid, own in marks.items()}
    best = max(hits, key=hits.__getitem__, default=None)
    return best if best and hits[best] else None


def sort_learner(learner: Learner, lesson: str, marks: dict[str, set[str]]) -> None:
    """Choose the learner's notebook and answer file for ``lesson``; set the rest aside, saying so."""
    notebooks, answers = [], []
    for f in learner.files:
        if f.base == STORE_NAME:
            answers.append(f)
        elif f.base.lower().endswith(".ipynb"):
            notebooks.append(f)
    ours = []
    for f in notebooks:
        found, work = notebook_lesson(f.data, marks)
        if work < 0:
            learner.aside.append(f)
            learner.repairs.append(f"'{shown(f.base)}' is geen leesbaar notebook; apart gezet")
        elif found == lesson:
            ours.append((work, f.when, f))
        else:
            learner.aside.append(f)
            what = f"een notebook van les {found}" if found else "geen notebook van deze cursus"
            learner.repairs.append(f"'{shown(f.base)}' is {what}; apart gezet")
    if ours:
        ours.sort(key=lambda t: (t[0], t[1]), reverse=True)
        chosen = ours[0][2]
        learner.keep[f"{lesson}.ipynb"] = chosen
        if len(ours) > 1:
            others = ", ".join(f"'{shown(f.base)}'" for _, _, f in ours[1:])
            learner.aside += [f for _, _, f in ours[1:]]
            learner.repairs.append(
                f"{len(ours)} notebooks van deze les: '{shown(chosen.base)}' gebruikt (daar staat "
                f"het meeste werk in); {others} apart gezet"
            )
        elif chosen.base != f"{lesson}.ipynb":
            learner.repairs.append(f"notebook '{shown(chosen.base)}' gebruikt als {lesson}.ipynb")
    good = []
    for f in answers:
        belongs = _answers_lesson(f.data, marks)
        if belongs in (lesson, None):  # None: no item of any lesson (empty or unreadable): the grader says which
            good.append(f)
        else:
            learner.aside.append(f)
            learner.repairs.append(f"'{shown(f.name)}' hoort bij les {belongs}; apart gezet")
    if good:
        good.sort(key=lambda f: f.when, reverse=True)
        learner.keep[STORE_NAME] = good[0]
        if len(good) > 1:
            learner.aside += good[1:]
            learner.repairs.append(f"{len(good) - 1} oudere inzending(en) overgeslagen; de nieuwste telt")
    if not learner.keep:
        learner.refused = "geen notebook en geen antwoorden van deze les"


def _identity(learner: Learner) -> dict[str, str] | None:
    """The name and number the learner's kept answer file carries (lesson 00: course/identity.py)."""
    from course.identity import from_answers

    f = learner.keep.get(STORE_NAME)
    if f is None:
        return None
    try:
        return from_answers(json.loads(f.data.decode("utf-8")))
    except (ValueError, UnicodeDecodeError):
        return None


def _fold(name: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().split())


def identify(learner: Learner, roster: dict[str, dict[str, str]]) -> None:
    """Give the learner a student id: the student number the hand-in carries; without it the LMS's
    own id when the class list knows it (Canvas's user id), or the LMS name when exactly one learner
    of the class list has it; without a class list, the LMS id as before."""
    who = _identity(learner)
    if who:
        learner.sid = student_id(who["nummer"])
        learner.person = who["naam"]
        return
    by_lms = [sid for sid, p in roster.items() if p.get("lms_user_id") and p["lms_user_id"] == learner.raw_id]
    by_name = [sid for sid, p in roster.items() if _fold(p.get("name", "")) and _fold(p["name"]) == _fold(learner.name)]
    if len(by_lms) == 1:
        learner.sid = by_lms[0]
        learner.repairs.append(
            "geen studentnummer in de inzending (les 00 niet gedaan?); gevonden via de id van de "
            "leeromgeving in de klassenlijst"
        )
    elif len(by_name) == 1:
        learner.sid = by_name[0]
        learner.repairs.append(
            "geen studentnummer in de inzending (les 00 niet gedaan?); op naam gevonden in de klassenlijst"
        )
    else:
        learner.sid = student_id(learner.raw_id)
        if learner.sid is not None and learner.sid != learner.raw_id:
            learner.repairs.append(
                f"'{shown(learner.raw_id)}' staat in het cijferboek als '{learner.sid}' (dezelfde naam in vaste tekens)"
            )


def decide(
    learners: dict[str, Learner], lesson: str, marks: dict[str, set[str]], roster: dict[str, dict[str, str]]
) -> None:
    """Sort each learner's files, give them a student id (:func:`identify`), check it against the
    class list (``roster``: student id -> name and LMS user id; empty: no check)."""
    for learner in learners.values():
        sort_learner(learner, lesson, marks)
        if learner.refused:
            continue
        identify(learner, roster)
        if learner.sid is None:
            learner.refused = (
                "de naam is geen geldige studentnaam (letters, cijfers, spaties, punten, apostroffen, "
                "koppeltekens en liggende streepjes; nbgrader toont hem als HTML)"
            )
            continue
        if roster and learner.sid not in roster:
            why = (
                f"studentnummer {shown(learner.sid)}"
                if learner.person
                else "geen studentnummer in de inzending, en de naam staat er ook niet op"
            )
            learner.refused = (
                f"niet op de klassenlijst ({why}); lees de lijst van de leeromgeving in met "
                "`ouders-zien docent klassenlijst`, of controleer de download"
            )
    clash: dict[str, list[Learner]] = {}
    for learner in learners.values():
        if not learner.refused:
            assert learner.sid is not None  # above: a learner without a student id is refused
            clash.setdefault(learner.sid, []).append(learner)
    for same in clash.values():
        if len(same) > 1:  # two hand-ins of one learner: keep the one with the newest answers
            same.sort(key=lambda x: max((f.when for f in x.keep.values()), default=()), reverse=True)
            for other in same[1:]:
                other.refused = f"dezelfde student als '{shown(same[0].raw_id)}'; de nieuwste inzending telt"


def lms_ids(learners: dict[str, Learner], lms: str) -> dict[str, dict[str, str]]:
    """Per collected student id, how the LMS names the learner in this download (its id and name):
    what a feedback package for the LMS needs (course/lecturer/lms_export.py)."""
    return {
        x.sid: {"lms": lms, "lms_id": x.raw_id, "lms_naam": x.name}
        for x in learners.values()
        if not x.refused and x.sid
    }


def write_clean(learners: dict[str, Learner], out: Path, aside: Path) -> None:
    """One folder per collected student id in the zip ``out``; files set aside under ``aside``."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for learner in learners.values():
            if learner.refused:
                continue
            for name, f in learner.keep.items():
                dest.writestr(zipfile.ZipInfo(f"{learner.sid}/{name}", date_time=f.when), f.data)
    for learner in learners.values():
        for n, f in enumerate(learner.aside, 1):
            target = aside / (learner.sid or f"naam-{_safe(learner.raw_id)}") / f"{n:02d}_{_safe(f.base)}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.data)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\- ]", "_", name)[:120] or "bestand"


CLEAN_PATTERN = r".*/(?P<student_id>[^/]+)/(?P<file_id>[^/]+)$"  # the clean archive, for zip_collect


def summary(learners: dict[str, Learner]) -> str:
    counts = {k: sum(1 for x in learners.values() if x.outcome == k) for k in ("verzameld", "hersteld", "geweigerd")}
    return (
        f"{counts['verzameld'] + counts['hersteld']} van {len(learners)} studenten verzameld "
        f"({counts['hersteld']} na herstel); {counts['geweigerd']} geweigerd."
    )


def report(learners: dict[str, Learner]) -> list[str]:
    """One Dutch line per learner, refused first, then repaired, then the rest (by name)."""
    order = {"geweigerd": 0, "hersteld": 1, "verzameld": 2}
    ranked = sorted(learners.values(), key=lambda x: (order[x.outcome], x.label.lower()))
    return [x.line() for x in ranked]
