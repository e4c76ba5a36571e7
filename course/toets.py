"""Grade-cell helpers: a Dutch status line for learners and the score for nbgrader.

In a grade cell the visible part calls :func:`status` (never reveals correctness); the hidden
part, which only the source notebook holds, calls :func:`score` with the key. nbgrader takes
the float that :func:`score` returns as the cell's (partial) credit.
"""

from __future__ import annotations

from typing import Any

from . import messages as msg
from .content import find_item
from .store import AnswerStore


def _progress(item: dict[str, Any], answer: Any) -> tuple[int, int]:
    """Return (parts answered, parts in total) of a stored answer, without judging it."""
    if item["type"] in ("categorise", "match"):
        placed = answer if isinstance(answer, dict) else {}
        return len(placed), len(item["statements"])
    return (0 if answer is None else 1), 1


def status(item_id: str, folder: str | None = None) -> None:
    """Print whether ``item_id`` is answered, in Dutch (returns None: a grade cell shows it once)."""
    text = status_text(item_id, folder)
    if text:
        print(text)  # stdout on purpose: nbgrader gives 0 points to a grade cell that writes stderr


def status_text(item_id: str, folder: str | None = None) -> str:
    """Return whether ``item_id`` is answered, in Dutch, after any answer-file notice."""
    _lesson, item = find_item(item_id)
    store = AnswerStore.in_folder(folder)
    done, total = _progress(item, store.get(item_id))
    label = item.get("label", item_id)
    if store.read_only:  # being graded: score() reports instead, no instructions to the learner
        return "\n".join(store.notices)
    if done == 0:
        line = msg.STATUS_EMPTY.format(label=label)
    elif done < total:
        line = msg.STATUS_PARTIAL.format(label=label, done=done, total=total)
    else:
        line = msg.STATUS_ANSWERED.format(label=label)
    return "\n".join([*store.notices, line])


def points_for(item: dict[str, Any], answer: Any, key: Any) -> float:
    """Return the points that ``answer`` earns on ``item`` given ``key``.

    choice: all or nothing. multiselect: a share per option judged right (ticked or not).
    categorise and match: a share per statement placed right. order: a share per step in place.
    """
    max_points = float(item["points"])
    kind = item["type"]
    if kind == "choice":
        valid = {o["id"] for o in item["options"]}
        if key not in valid:
            raise ValueError(f"key {key!r} of {item['id']!r} is not one of the options {sorted(valid)}")
        return max_points if answer == key else 0.0
    if kind == "multiselect":
        valid = {o["id"] for o in item["options"]}
        if not isinstance(key, list) or not set(key) <= valid:
            raise ValueError(f"key of {item['id']!r} must be a list of options from {sorted(valid)}")
        ticked = set(answer) if isinstance(answer, list) else set()
        if not ticked:
            return 0.0
        right = sum((o in ticked) == (o in key) for o in valid)
        return round(max_points * right / len(valid), 4)
    if kind == "order":
        steps = {s["id"] for s in item["steps"]}
        if not isinstance(key, list) or sorted(key) != sorted(steps):
            raise ValueError(f"key of {item['id']!r} must list every step {sorted(steps)} once")
        given = answer if isinstance(answer, list) else []
        right = sum(a == b for a, b in zip(given, key))
        return round(max_points * right / len(key), 4)
    if kind in ("categorise", "match"):
        statements = {s["id"] for s in item["statements"]}
        cats = {c["id"] for c in item["categories"]}
        if not isinstance(key, dict) or set(key) != statements or not set(key.values()) <= cats:
            raise ValueError(
                f"key of {item['id']!r} must map every statement {sorted(statements)} to a category {sorted(cats)}"
            )
        placed = answer if isinstance(answer, dict) else {}
        right = sum(1 for sid, cat in key.items() if placed.get(sid) == cat)
        return round(max_points * right / len(key), 4)
    raise ValueError(f"item {item['id']!r} of type {kind!r} cannot be scored automatically")


def checklist(lesson_id: str, folder: str | None = None) -> list[tuple[str, int, int]]:
    """Return (label, parts answered, parts in total) of every graded item of a lesson."""
    from .content import load_lesson

    store = AnswerStore.in_folder(folder)
    return [(item.get("label", item_id), *_progress(item, store.get(item_id)))
            for item_id, item in load_lesson(lesson_id)["items"].items() if item["mode"] == "graded"]


def score(item_id: str, key: Any, folder: str | None = None) -> float:
    """Return the points earned on ``item_id``; print a one-line Dutch summary for the feedback."""
    _lesson, item = find_item(item_id)
    if item["mode"] != "graded":
        raise ValueError(f"item {item_id!r} is formative; only graded items are scored")
    answer = AnswerStore.in_folder(folder).get(item_id)
    points = points_for(item, answer, key)
    label = item.get("label", item_id)
    if answer is None:
        print(msg.GRADED_NOT_ANSWERED.format(label=label))
    else:
        print(msg.GRADED_SCORE.format(label=label, points=points, max_points=float(item["points"])))
    return points
