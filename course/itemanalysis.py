"""Item analysis of a lesson's toets, for lecturers: which questions were hard, which discriminate.

Per automatically graded item, over the learners who handed the lesson in:
- **p** (facility): the mean share of the item's points earned (0-1);
- **r_ir** (discrimination): the Pearson correlation between the item's share and the rest of
  the toets (the learner's total without this item), so an item does not correlate with itself;
- how often each option was chosen (choice and multi-select), read from the answer files;
- a flag: too easy (p > 0.90), too hard (p < 0.30), not discriminating (r_ir < 0.20).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import graded_items, load_lesson
from .store import STORE_NAME, CorruptStoreError, _read

EASY, HARD, DISCRIMINATES = 0.90, 0.30, 0.20


@dataclass
class ItemStats:
    item: str
    label: str
    n: int
    p: float
    r_ir: float | None  # None when the item or the rest does not vary
    options: dict[str, int] = field(default_factory=dict)

    @property
    def flags(self) -> list[str]:
        out = []
        if self.p > EASY:
            out.append("te makkelijk")
        if self.p < HARD:
            out.append("te moeilijk")
        if self.r_ir is not None and self.r_ir < DISCRIMINATES:
            out.append("onderscheidt niet")
        return out


def pearson(x: list[float], y: list[float]) -> float | None:
    """Return the Pearson correlation of x and y, or None when either does not vary."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    if sx == 0 or sy == 0:
        return None
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / (sx * sy)


def shares_from_gradebook(gb: Any, lesson_id: str) -> dict[str, dict[str, float]]:
    """Return student -> item -> share of the item's points, from nbgrader's gradebook."""
    items = {i["id"]: float(i["points"]) for i in graded_items(load_lesson(lesson_id))}
    out: dict[str, dict[str, float]] = {}
    for submission in gb.assignment_submissions(lesson_id):
        scores = {g.name: float(g.auto_score or 0) for nb in submission.notebooks for g in nb.grades
                  if g.name in items}
        out[submission.student.id] = {i: scores.get(i, 0.0) / pts for i, pts in items.items()}
    return out


def option_counts(folders: list[Path], lesson_id: str) -> dict[str, Counter]:
    """Return item -> Counter of the options chosen (choice and multi-select), from the answer files."""
    counts: dict[str, Counter] = {}
    choice = [i for i in graded_items(load_lesson(lesson_id)) if i["type"] in ("choice", "multiselect")]
    for folder in folders:
        try:
            answers = _read(folder / STORE_NAME)
        except CorruptStoreError:
            continue
        for item in choice:
            given = answers.get(item["id"])
            chosen = given if isinstance(given, list) else [given]
            valid = {o["id"] for o in item["options"]}
            counts.setdefault(item["id"], Counter()).update(c for c in chosen if isinstance(c, str) and c in valid)
    return counts


def analyse(shares: dict[str, dict[str, float]], lesson_id: str,
            options: dict[str, Counter] | None = None) -> list[ItemStats]:
    """Return the statistics of every automatically graded item of the lesson."""
    items = graded_items(load_lesson(lesson_id))
    students = sorted(shares)
    weights = {i["id"]: float(i["points"]) for i in items}
    totals = {s: sum(shares[s][i] * weights[i] for i in weights) for s in students}
    out = []
    for item in items:
        iid = item["id"]
        x = [shares[s][iid] for s in students]
        rest = [totals[s] - shares[s][iid] * weights[iid] for s in students]
        counts = (options or {}).get(iid, Counter())
        out.append(ItemStats(iid, item["label"], len(students), sum(x) / len(x) if x else 0.0,
                             pearson(x, rest) if len(x) > 2 else None,
                             {o["id"]: counts.get(o["id"], 0) for o in item.get("options", [])}))
    return out


def table(stats: list[ItemStats]) -> list[dict[str, str]]:
    """Return the analysis as rows for a CSV file (Dutch headers)."""
    return [{"vraag": s.item, "label": s.label, "n": str(s.n), "p": f"{s.p:.2f}",
             "r_ir": "" if s.r_ir is None else f"{s.r_ir:.2f}",
             "gekozen": " ".join(f"{k}:{v}" for k, v in s.options.items()), "let op": ", ".join(s.flags)}
            for s in stats]


def figure(stats: list[ItemStats], title: str):
    """Return a matplotlib figure: each item at (p, r_ir), with the flag zones shaded and labelled."""
    from .plots import plt

    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=100)
    ax.axvspan(0, HARD, color="#E69F00", alpha=0.15, label="te moeilijk (p < 0,30)")
    ax.axvspan(EASY, 1.0, color="#56B4E9", alpha=0.15, label="te makkelijk (p > 0,90)")
    ax.axhspan(-1, DISCRIMINATES, color="#999999", alpha=0.15, label="onderscheidt niet (r < 0,20)")
    for s in stats:
        r = 0.0 if s.r_ir is None else s.r_ir
        ax.scatter([s.p], [r], color="#0072B2", marker="o" if s.r_ir is not None else "x", zorder=3)
        ax.annotate(s.label.replace("Toetsvraag ", "V"), (s.p, r), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("p: gemiddeld deel van de punten (hoe makkelijk)")
    ax.set_ylabel("r: samenhang met de rest van de toets")
    ax.set_title(title, fontsize=11)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig
