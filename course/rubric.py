"""A reflection's rubric (lesson data, ``rubric:`` of a graded reflection item): checked, shown, scored.

One source for three places: the lesson's prose (``{{rubric: ITEM}}``, course/authoring/generate.py), the
lecturer's grading view (course/learner/widgets/grading_view.py) and the learner's feedback page. A score a
lecturer types is read the Dutch way too: ``1,5`` is one and a half, never fifteen or three.
"""

from __future__ import annotations

import re
from typing import Any

from course import messages as msg
from course.content import ContentError, load_lesson


def rubric_of(lesson_id: str, item_id: str) -> dict[str, Any]:
    """Return the rubric of a graded reflection (ContentError when the item has none)."""
    item = load_lesson(lesson_id)["items"].get(item_id)
    if item is None or "rubric" not in item:
        raise ContentError(f"{lesson_id}: {item_id!r} is no graded reflection with a rubric")
    return item["rubric"]


def check(lesson: dict[str, Any], where: str) -> None:
    """Check every rubric of a lesson: one description per level, levels rising, points adding up."""
    for item in lesson["items"].values():
        rubric = item.get("rubric")
        if rubric is None:
            continue
        levels = [float(v) for v in rubric["levels"]]
        if levels != sorted(set(levels)):
            raise ContentError(f"{where}: {item['id']}: rubric levels must rise: {rubric['levels']}")
        for criterion in rubric["criteria"]:
            if len(criterion["levels"]) != len(levels):
                raise ContentError(
                    f"{where}: {item['id']}: criterion {criterion['name']!r} describes "
                    f"{len(criterion['levels'])} levels, the rubric has {len(levels)}"
                )
        top = levels[-1] * len(rubric["criteria"])
        if abs(top - float(item["points"])) > 1e-9:
            raise ContentError(
                f"{where}: {item['id']}: the rubric gives at most {top:g} points, the item is worth {item['points']}"
            )


def markdown(rubric: dict[str, Any]) -> str:
    """The rubric as a Markdown table for the lesson's prose (criteria bold, one column per level)."""
    head = ["Criterium", *(msg.points_label(v) for v in rubric["levels"])]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for criterion in rubric["criteria"]:
        rows.append("| " + " | ".join([f"**{criterion['name']}**", *criterion["levels"]]) + " |")
    return "\n".join(rows)


def total(rubric: dict[str, Any], chosen: list[int | None]) -> float | None:
    """Points for the chosen level (index) per criterion; None while a criterion has no level."""
    if len(chosen) != len(rubric["criteria"]) or any(c is None for c in chosen):
        return None
    return float(sum(rubric["levels"][c] for c in chosen))


_NUMBER = re.compile(r"^\s*(\d+)(?:[.,](\d+))?\s*$")


def parse_points(text: str, maximum: float) -> float:
    """Read a score as a Dutch lecturer types it ("1,5", "1.5", "2"); ValueError with a Dutch
    message for anything else or a value outside 0..maximum."""
    match = _NUMBER.match(text or "")
    if not match:
        raise ValueError(msg.GRADE_NOT_A_NUMBER.format(text=text.strip()[:20], max=msg.number(maximum)))
    value = float(f"{match[1]}.{match[2] or 0}")
    if value > maximum:
        raise ValueError(msg.GRADE_OUT_OF_RANGE.format(value=msg.number(value), max=msg.number(maximum)))
    return value


# The rubric levels a lecturer chose travel in nbgrader's comment of the reflection, after the
# lecturer's own remark: the formgrader, the feedback page and the grading view all read the gradebook.
RUBRIC_HEAD = "— Rubric —"


def comment_text(rubric: dict[str, Any], chosen: list[int | None], remark: str) -> str:
    """The comment nbgrader keeps: the remark, then one line per criterion with its chosen level."""
    lines = [
        f"- {c['name']}: {msg.points_label(rubric['levels'][i]) if i is not None else '-'}"
        for c, i in zip(rubric["criteria"], chosen)
    ]
    return "\n".join([*([remark.strip(), ""] if remark.strip() else []), RUBRIC_HEAD, *lines])


def read_comment(rubric: dict[str, Any], text: str | None) -> tuple[list[int | None], str]:
    """Return (chosen level per criterion, the lecturer's remark) from a comment; a comment typed
    in the formgrader (no rubric part) is all remark, with no level chosen."""
    text = text or ""
    chosen: list[int | None] = [None] * len(rubric["criteria"])
    remark, head, tail = text.rpartition(RUBRIC_HEAD)
    if not head:
        return chosen, text.strip()
    labels = {msg.points_label(v): n for n, v in enumerate(rubric["levels"])}
    for line in tail.splitlines():
        for n, criterion in enumerate(rubric["criteria"]):
            prefix = f"- {criterion['name']}: "
            if line.startswith(prefix):
                chosen[n] = labels.get(line[len(prefix) :].strip())
    return chosen, remark.strip()
