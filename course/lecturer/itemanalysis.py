"""Item analysis of a lesson's toets, for lecturers: which questions were hard, which discriminate.

Per automatically graded item, over the learners who handed the lesson in:
- **p** (facility): the mean share of the item's points earned (0-1);
- **r_ir** (discrimination): the Pearson correlation between the item's share and the rest of
  the toets (the learner's total without this item), so an item does not correlate with itself;
- how often each option was chosen (choice and multi-select), read from the answer files;
- a flag: too easy (p > 0.90), too hard (p < 0.30), not discriminating (r_ir < 0.20); below
  MIN_N hand-ins no item is judged, and the analysis says so (with 4 learners one wrong answer moves
  p by 0.25: too little to call an item too hard).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.content import graded_items, load_lesson
from course.store import STORE_NAME, CorruptStoreError, _read

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

EASY, HARD, DISCRIMINATES = 0.90, 0.30, 0.20
MIN_N = 20  # fewer hand-ins: p and r say too little to judge an item (the figure and table say so)


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
        if self.n < MIN_N:
            return [too_few(self.n)]
        out = []
        if self.p > EASY:
            out.append("te makkelijk")
        if self.p < HARD:
            out.append("te moeilijk")
        if self.r_ir is not None and self.r_ir < DISCRIMINATES:
            out.append("onderscheidt niet")
        return out


def too_few(n: int) -> str:
    return f"te weinig inzendingen om te beoordelen (n = {n}, minstens {MIN_N})"


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
        scores = {g.name: float(g.auto_score or 0) for nb in submission.notebooks for g in nb.grades if g.name in items}
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


def analyse(
    shares: dict[str, dict[str, float]], lesson_id: str, options: dict[str, Counter] | None = None
) -> list[ItemStats]:
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
        out.append(
            ItemStats(
                iid,
                item["label"],
                len(students),
                sum(x) / len(x) if x else 0.0,
                pearson(x, rest) if len(x) > 2 else None,
                {o["id"]: counts.get(o["id"], 0) for o in item.get("options", [])},
            )
        )
    return out


def table(stats: list[ItemStats]) -> list[dict[str, str]]:
    """Return the analysis as rows for a CSV file (Dutch headers)."""
    return [
        {
            "vraag": s.item,
            "label": s.label,
            "n": str(s.n),
            "p": f"{s.p:.2f}",
            "r_ir": "" if s.r_ir is None else f"{s.r_ir:.2f}",
            "gekozen": " ".join(f"{k}:{v}" for k, v in s.options.items()),
            "let op": ", ".join(s.flags),
        }
        for s in stats
    ]


def place_labels(ax: Any, points: list[tuple[float, float, str]], fontsize: int = 8) -> list[Any]:
    """Label points without overlap: labels of points at the same place are joined ("V1, V3"); a
    label that would cover an earlier one moves up or down in steps until it is free."""
    from matplotlib.text import Text

    groups: dict[tuple[float, float], list[str]] = {}
    for x, y, label in points:
        groups.setdefault((round(x, 2), round(y, 2)), []).append(label)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    boxes: list[Bbox] = []
    for (x, y), labels in sorted(groups.items()):
        text = ", ".join(labels)
        for step in range(0, 60):
            dy = 4 + (step + 3) // 4 * 11 * (1 if step % 4 in (1, 2) else -1) if step else 4
            dx = 5 if step % 2 == 0 else -5 - 6 * len(text)  # right of the point, or left of it
            ann = ax.annotate(
                text,
                (x, y),
                textcoords="offset points",
                xytext=(dx, dy),
                fontsize=fontsize,
                arrowprops=None if step == 0 else {"arrowstyle": "-", "color": "#777777", "lw": 0.5},
            )
            ann.update_positions(renderer)  # as Annotation.get_window_extent does, for the text alone
            box = Text.get_window_extent(ann, renderer).expanded(1.05, 1.15)  # the text, not its line
            if not any(box.overlaps(b) for b in boxes) or step == 59:
                break
            ann.remove()
        placed.append(ann)
        boxes.append(box)
    return placed


def figure(stats: list[ItemStats], title: str) -> Figure:
    """Return a matplotlib figure: each item at (p, r_ir), with the flag zones shaded and labelled,
    and no two labels over each other. Below MIN_N hand-ins it says that no item can be judged."""
    from course.figures.plots import plt

    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=100)
    ax.axvspan(0, HARD, color="#E69F00", alpha=0.15, label="te moeilijk (p < 0,30)")
    ax.axvspan(EASY, 1.0, color="#56B4E9", alpha=0.15, label="te makkelijk (p > 0,90)")
    ax.axhspan(-1, DISCRIMINATES, color="#999999", alpha=0.15, label="onderscheidt niet (r < 0,20)")
    for s in stats:
        r = 0.0 if s.r_ir is None else s.r_ir
        ax.scatter([s.p], [r], color="#0072B2", marker="o" if s.r_ir is not None else "x", zorder=3)
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("p: gemiddeld deel van de punten (hoe makkelijk)")
    ax.set_ylabel("r: samenhang met de rest van de toets")
    n = max((s.n for s in stats), default=0)
    if n < MIN_N:
        title += f"\nLet op: {too_few(n)}"
    ax.set_title(title, fontsize=11)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    fig.tight_layout()
    place_labels(ax, [(s.p, 0.0 if s.r_ir is None else s.r_ir, s.label.replace("Toetsvraag ", "V")) for s in stats])
    return fig
