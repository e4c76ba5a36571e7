"""The independent scorer: grades every submission from its answer file alone, without a kernel,
and compares the result with nbgrader's gradebook.

It reads ``submitted/<student>/<lesson>/antwoorden.json`` with the same careful reader as the
notebooks (a link, a file over 2 MB or one that is not a store counts as empty), judges each
automatically graded item with the course's engine (:func:`course.scoring.points`) and the key in
``grading/keys/``, and flags any item whose gradebook score differs, and any learner with a
submission but no grade. It never imports a learner's code and starts no process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.content import graded_items, load_lesson
from course.keys import load_keys
from course.scoring import points
from course.store import STORE_NAME, CorruptStoreError, _read

TOLERANCE = 1e-6


@dataclass
class Check:
    """One learner's lesson: points per item from the data and from the gradebook."""

    student: str
    lesson: str
    data: dict[str, float] = field(default_factory=dict)
    gradebook: dict[str, float] | None = None  # None: not in the gradebook
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(self.data.values()), 4)

    def differences(self) -> list[str]:
        """Return a Dutch line per difference ([] when data and gradebook agree)."""
        if self.gradebook is None:
            return [f"{self.student}: wel ingeleverd, niet in het cijferboek (nog niet nagekeken?)"]
        return [
            f"{self.student}: {item}: antwoorden {self.data[item]:g}, cijferboek {self.gradebook.get(item, 0):g}"
            for item in self.data
            if abs(self.data[item] - self.gradebook.get(item, 0.0)) > TOLERANCE
        ]


def score_folder(folder: Path, lesson_id: str, keys: dict[str, Any]) -> tuple[dict[str, float], list[str]]:
    """Return (item -> points, notes) for one submission folder, from its answer file only."""
    notes: list[str] = []
    try:
        answers = _read(folder / STORE_NAME)
    except CorruptStoreError as exc:
        answers, notes = {}, [f"antwoordenbestand onleesbaar ({exc}): alles telt als niet beantwoord"]
    if not (folder / STORE_NAME).exists() and not notes:
        notes.append("geen antwoordenbestand: alles telt als niet beantwoord")
    items = graded_items(load_lesson(lesson_id))
    unknown = sorted(
        set(answers)
        - {i["id"] for i in load_lesson(lesson_id)["items"].values()}
        - set(load_lesson(lesson_id)["blocks"])
    )
    if unknown:
        notes.append(f"antwoorden die niet bij deze les horen (genegeerd): {', '.join(unknown[:5])}")
    return {i["id"]: round(points(i, answers.get(i["id"]), keys[i["id"]]), 4) for i in items}, notes


def gradebook_scores(gb: Any, lesson_id: str, student: str, items: set[str]) -> dict[str, float] | None:
    """Return item -> auto score of the learner's submission, or None when there is none."""
    from nbgrader.api import MissingEntry

    try:
        submission = gb.find_submission(lesson_id, student)
    except MissingEntry:
        return None
    return {
        g.name: round(float(g.auto_score or 0), 4) for nb in submission.notebooks for g in nb.grades if g.name in items
    }


def crosscheck(course_dir: Path, lesson_id: str, grading_dir: Path, gb: Any = None) -> list[Check]:
    """Return a Check per submission folder of ``lesson_id`` in ``course_dir/submitted``."""
    keys = load_keys(lesson_id, grading_dir)
    checks = []
    for folder in sorted((Path(course_dir) / "submitted").glob(f"*/{lesson_id}")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        data, notes = score_folder(folder, lesson_id, keys)
        check = Check(folder.parent.name, lesson_id, data, None, notes)
        if gb is not None:
            check.gradebook = gradebook_scores(gb, lesson_id, check.student, set(data))
        checks.append(check)
    return checks
