"""How long a lesson takes: an estimate from what the learner reads, answers, plays and writes.

The rates live in course/data/study_time.yaml (with why they are what they are and the timed walks
they are checked against). ``python -m course.authoring.study_time`` prints, per lesson, the estimate,
its parts and what the lesson and module.yaml say.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

from course.content import DATA_DIR, lesson_ids, load_lesson, prose_path, read_yaml

MARKUP = re.compile(r"<!--.*?-->|<[^>]+>|\{\{[^}]*\}\}|[*_#`|>\[\]()]")


@dataclass(frozen=True)
class Estimate:
    """The minutes one lesson takes, by part."""

    lesson: str
    reading: float
    exercises: float
    blocks: float
    writing: float

    @property
    def total(self) -> float:
        return self.reading + self.exercises + self.blocks + self.writing

    def rounded(self, step: int) -> int:
        return int(step * round(self.total / step))


def rates() -> dict[str, Any]:
    return read_yaml(DATA_DIR / "study_time.yaml")


def words_seen(lesson: dict[str, Any], prose: str) -> int:
    """Every word the learner reads: the prose and each item's prompt, options, statements and steps."""
    words = len(MARKUP.sub(" ", prose).split())
    for item in lesson["items"].values():
        words += len(MARKUP.sub(" ", item.get("prompt", "")).split())
        for part in ("options", "statements", "steps"):
            words += sum(len(entry.get("text", "").split()) for entry in item.get(part, []))
    return words


def estimate(lesson_id: str) -> Estimate:
    """Return the estimated study time of ``lesson_id``."""
    r = rates()
    lesson = load_lesson(lesson_id)
    prose = prose_path(lesson_id).read_text(encoding="utf-8")
    items = lesson["items"].values()
    per_item, per_block = r["minutes_per_exercise"], r["minutes_per_block"]
    reflections = [item["words"] for item in items if item["type"] == "reflection"]
    return Estimate(
        lesson=lesson_id,
        reading=words_seen(lesson, prose) / r["reading_words_per_minute"],
        exercises=sum(per_item[item["type"]] for item in items if item["type"] != "reflection"),
        blocks=sum(per_block[block["kind"]] for block in lesson["blocks"].values()),
        writing=sum((low + high) / 2 for low, high in reflections) / r["writing_words_per_minute"],
    )


def stated(lesson_id: str) -> int | None:
    """The minutes the lesson's prose says ("**Studietijd:** ongeveer N minuten"), or None."""
    found = re.search(r"\*\*Studietijd:\*\* ongeveer (\d+) minuten", prose_path(lesson_id).read_text(encoding="utf-8"))
    return int(found[1]) if found else None


def main() -> int:
    module = {e["id"]: e["study_minutes"] for e in read_yaml(DATA_DIR / "module.yaml")["lessons"]}
    step = rates()["round_to"]
    print("les                              lezen  vragen  blokken  schrijven  schatting  les  module")
    for lid in lesson_ids():
        e = estimate(lid)
        print(
            f"{lid:32} {e.reading:5.1f} {e.exercises:7.1f} {e.blocks:8.1f} {e.writing:10.1f} "
            f"{e.total:7.1f} ({e.rounded(step):3d}) {stated(lid) or '-':>4} {module.get(lid, '-'):>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
