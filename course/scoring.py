"""The judging engine: the one place that decides how right an answer is, for every exercise type.

Formative feedback, the grade cells, the self-check and lecturer tools all call it. An answer is
the JSON value the widgets store; a key is what the answer is judged against:

==============  ======================================  ==========================================
type            answer (as stored)                       key
==============  ======================================  ==========================================
choice          option id                                option id
multiselect     list of option ids                       list of the right option ids
categorise      {statement id: category id}              {statement id: category id}, every one
match           (same as categorise)                     (same as categorise)
order           list of every step id, in order          list of every step id, in the right order
==============  ======================================  ==========================================

Partial credit (the learner reads the same rules as "Zo tellen de punten"):

- choice: all or nothing;
- multiselect: every right option ticked earns ``1/len(right)``, every wrong option ticked costs
  ``1/len(wrong)``; never below 0 (Moodle's "multiple answer" rule);
- categorise and match: a share per statement placed right;
- order: a share per step in the longest run of steps that stand in the right order relative to
  each other (other steps may stand between them), so one misplaced step costs one step.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

JUDGED_TYPES = ("choice", "multiselect", "categorise", "match", "order")


@dataclass(frozen=True)
class Verdict:
    """How right one answer is.

    ``right`` and ``total`` count parts (options, statements or steps) for feedback;
    ``wrong`` counts wrongly ticked options (multiselect only); ``credit`` is the share of the
    points earned, between 0 and 1; ``parts`` says per part id whether it is right (for per-part
    feedback; in multiselect only the ticked options are listed).
    """

    right: int
    total: int
    credit: float
    wrong: int = 0
    parts: dict[str, bool] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        """Whether the answer earns every point."""
        return self.credit >= 1.0


def _ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["id"] for e in entries]


def check_key(item: dict[str, Any], key: Any) -> None:
    """Raise ValueError, naming the item, when ``key`` is not a valid key for ``item``."""
    kind, where = item["type"], f"key of {item['id']!r}"
    if kind == "choice":
        options = _ids(item["options"])
        if key not in options:
            raise ValueError(f"{where} must be one of the options {options}, got {key!r}")
    elif kind == "multiselect":
        options = _ids(item["options"])
        if not (isinstance(key, list) and key and len(set(key)) == len(key) and set(key) <= set(options)):
            raise ValueError(f"{where} must be a non-empty list of distinct options from {options}, got {key!r}")
    elif kind in ("categorise", "match"):
        statements, cats = _ids(item["statements"]), _ids(item["categories"])
        if not (isinstance(key, dict) and set(key) == set(statements) and set(key.values()) <= set(cats)):
            raise ValueError(f"{where} must map every statement {statements} to a category from {cats}, got {key!r}")
    elif kind == "order":
        steps = _ids(item["steps"])
        if not (isinstance(key, list) and sorted(key) == sorted(steps)):
            raise ValueError(f"{where} must list every step {sorted(steps)} once, got {key!r}")
    else:
        raise ValueError(f"item {item['id']!r} of type {kind!r} cannot be judged automatically")


def formative_key(item: dict[str, Any]) -> Any:
    """Return the key a formative item carries in its own data (its ``correct``/``answer`` fields,
    or, for order items, the order of its steps)."""
    kind = item["type"]
    if kind == "choice":
        return next(o["id"] for o in item["options"] if o.get("correct"))
    if kind == "multiselect":
        return [o["id"] for o in item["options"] if o.get("correct")]
    if kind in ("categorise", "match"):
        return {s["id"]: s["answer"] for s in item["statements"]}
    if kind == "order":
        return _ids(item["steps"])
    raise ValueError(f"item {item['id']!r} of type {kind!r} has no key")


def longest_ordered_run(answer: list[str], key: list[str]) -> set[str]:
    """Return the steps of one longest subsequence of ``answer`` that is in ``key``'s order."""
    rank = {sid: n for n, sid in enumerate(key)}
    ranks = [rank[s] for s in answer]
    tails: list[int] = []  # tails[k]: smallest ending rank of an increasing run of length k+1
    tail_at: list[int] = []  # index in ``ranks`` of that ending
    previous = [-1] * len(ranks)
    for i, r in enumerate(ranks):
        k = bisect_left(tails, r)
        if k == len(tails):
            tails.append(r)
            tail_at.append(i)
        else:
            tails[k], tail_at[k] = r, i
        previous[i] = tail_at[k - 1] if k else -1
    run, i = set(), tail_at[-1] if tail_at else -1
    while i >= 0:
        run.add(answer[i])
        i = previous[i]
    return run


def judge(item: dict[str, Any], answer: Any, key: Any) -> Verdict:
    """Return the :class:`Verdict` of ``answer`` on ``item`` against ``key``.

    A missing or malformed answer (None, a wrong type, unknown ids) is judged as far as it fits
    and earns nothing for what does not; an invalid key raises ValueError.
    """
    check_key(item, key)
    kind = item["type"]
    if kind == "choice":
        ok = answer == key
        return Verdict(int(ok), 1, float(ok), parts={answer: ok} if isinstance(answer, str) else {})
    if kind == "multiselect":
        options = set(_ids(item["options"]))
        ticked = {a for a in answer if a in options} if isinstance(answer, list) else set()
        right_set, wrong_set = set(key), options - set(key)
        right, wrong = len(ticked & right_set), len(ticked & wrong_set)
        credit = right / len(right_set) - (wrong / len(wrong_set) if wrong_set else 0.0)
        return Verdict(
            right, len(right_set), max(0.0, round(credit, 6)), wrong, parts={o: o in right_set for o in ticked}
        )
    if kind in ("categorise", "match"):
        placed = answer if isinstance(answer, dict) else {}
        parts = {sid: placed.get(sid) == cat for sid, cat in key.items()}
        right = sum(parts.values())
        return Verdict(right, len(key), right / len(key), parts=parts)
    # order
    given = answer if isinstance(answer, list) and sorted(answer) == sorted(key) else []
    run = longest_ordered_run(given, key)
    return Verdict(len(run), len(key), len(run) / len(key), parts={sid: sid in run for sid in key})


def points(item: dict[str, Any], answer: Any, key: Any) -> float:
    """Return the points ``answer`` earns on the graded ``item`` (its ``points`` times the credit)."""
    return round(float(item["points"]) * judge(item, answer, key).credit, 4)


def progress(item: dict[str, Any], answer: Any) -> tuple[int, int]:
    """Return (parts answered, parts in total) without judging: statements placed for categorise
    and match, else 1 of 1 once anything is answered."""
    if item["type"] in ("categorise", "match"):
        placed = answer if isinstance(answer, dict) else {}
        return len(placed), len(item["statements"])
    return (0 if answer in (None, "", []) else 1), 1
