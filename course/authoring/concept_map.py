"""Where each concept of the two source texts is taught, practised and graded.

- **taught**: a Markdown cell of a lesson's prose says ``<!-- teaches: A1, A2 -->``;
- **practised**: a formative item names the concept (``concept:`` or ``concepts:``);
- **graded**: a graded item or a graded reflection names it.

``python -m course.authoring.concept_map`` prints the table (for lecturers and authors); the tests require
every concept id to be covered three times and reject unknown ids.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from course.content import ContentError, item_concepts, lesson_ids, load_concepts, load_lesson, prose_path

STAGES = ("taught", "practised", "graded")


@dataclass
class Coverage:
    """Where one concept appears: lists of ``lesson/cell`` or ``lesson/item`` names."""

    taught: list[str] = field(default_factory=list)
    practised: list[str] = field(default_factory=list)
    graded: list[str] = field(default_factory=list)

    def complete(self) -> bool:
        return all(getattr(self, stage) for stage in STAGES)


def taught_in(lesson_id: str) -> list[tuple[str, str]]:
    """Return (concept id, cell name) for every ``teaches`` line of a lesson's prose."""
    from course.authoring.generate import parse_prose  # nbformat is only needed by authors' tools

    where = f"course/data/lessons/{lesson_id}.md"
    text = prose_path(lesson_id).read_text(encoding="utf-8")
    return [(arg, body) for verb, arg, body in parse_prose(text, where) if verb == "teaches"]


def coverage() -> dict[str, Coverage]:
    """Return concept id -> Coverage over all lessons (ContentError on an unknown concept id)."""
    concepts = load_concepts()
    result = {cid: Coverage() for cid in concepts}
    for lid in lesson_ids():
        for cid, cell in taught_in(lid):
            if cid not in result:
                raise ContentError(f"course/data/lessons/{lid}.md ({cell}): teaches unknown concept id {cid!r}")
            result[cid].taught.append(f"{lid}/{cell}")
        for item in load_lesson(lid)["items"].values():  # item concept ids are checked on load
            stage = "practised" if item["mode"] == "formative" else "graded"
            for cid in item_concepts(item):
                getattr(result[cid], stage).append(f"{lid}/{item['id']}")
    return result


def table() -> str:
    """Return the concept map as a Markdown table with the number of places per stage."""
    concepts = load_concepts()
    rows = ["| id | begrip | les | uitgelegd | geoefend | getoetst |", "|---|---|---|---|---|---|"]
    covered = coverage()
    for cid, cov in covered.items():
        c = concepts[cid]
        rows.append(
            f"| {cid} | {c['label']} | {c['lesson']} | " + " | ".join(str(len(getattr(cov, s))) for s in STAGES) + " |"
        )
    done = sum(cov.complete() for cov in covered.values())
    rows.append(f"\nVolledig behandeld (uitgelegd, geoefend en getoetst): {done} van {len(concepts)} begrippen.")
    return "\n".join(rows)


def main() -> int:
    try:
        print(table())
    except ContentError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
