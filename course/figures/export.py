"""The course's figures: a registry of drawers, the figure block, and ``make figures``.

A lesson declares a figure as a block (``kind: figure``) with the name of its drawer (``draw``),
its alt text, caption and Dutch labels (``texts``). Usage of the export:
``python -m course.figures [OUT_DIR]`` (default ``assets/figures`` in the working directory);
each PNG gets a .txt file beside it with its alt text.

These figures never change while a course runs, so the export also pre-renders them into
``course/data/figures/`` (PNG plus ``index.json``, a fingerprint of what each was drawn from: its
block and the data files its drawer reads). A lesson then shows the stored PNG without importing
matplotlib (lesson 05 starts about 1.5 s sooner); when the data no longer match (someone edited
``trust_model.yaml`` without ``make figures``), it draws the figure live, as before.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.content import DATA_DIR, lesson_ids, load_lesson
from course.display import Block

if TYPE_CHECKING:  # a lesson shows a stored PNG without importing matplotlib
    from matplotlib.figure import Figure

STORED = DATA_DIR / "figures"  # pre-rendered PNGs and their fingerprints (index.json)


def _parenting_over_life(texts: dict[str, str]) -> Figure:
    from course.figures.plots import parenting_over_life

    return parenting_over_life(texts)


def _trust_compare(_texts: dict[str, str]) -> Figure:
    from course.figures.trust_plots import article_versus_straight

    return article_versus_straight()


def _trust_overview(_texts: dict[str, str]) -> Figure:
    from course.figures.trust_plots import moves_overview

    return moves_overview()


def _village(texts: dict[str, str]) -> Figure:
    from course.figures.village import draw_village

    return draw_village(texts)


# draw name (in a lesson's data) -> function(texts) -> matplotlib Figure
DRAWERS: dict[str, Callable[[dict[str, str]], Figure]] = {
    "parenting_over_life": _parenting_over_life,
    "trust_compare": _trust_compare,
    "trust_overview": _trust_overview,
    "village": _village,
}


# draw name -> the data files (under course/data) its drawer reads besides the block itself
READS: dict[str, tuple[str, ...]] = {
    "parenting_over_life": (),
    "trust_compare": ("trust_model.yaml", "concepts.yaml"),
    "trust_overview": ("trust_model.yaml", "concepts.yaml"),
    "village": ("village.yaml",),
}


def fingerprint(spec: dict[str, Any]) -> str:
    """A hash of everything the figure of ``spec`` is drawn from (block and data files)."""
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for name in READS.get(spec.get("draw", ""), ()):
        digest.update(name.encode("utf-8") + b"\0" + (DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def stored_png(name: str, spec: dict[str, Any], folder: Path = STORED) -> bytes | None:
    """The pre-rendered PNG of figure ``name``, or None when there is none for these data."""
    try:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if index.get(name) != fingerprint(spec):
            return None
        return (folder / f"{name}.png").read_bytes()
    except (OSError, ValueError):
        return None


def draw(spec: dict[str, Any]) -> Figure:
    """Return the matplotlib figure of a figure block ``spec``."""
    try:
        drawer = DRAWERS[spec["draw"]]
    except KeyError:
        raise ValueError(f"unknown drawer {spec.get('draw')!r}; known: {', '.join(DRAWERS)}") from None
    return drawer(spec.get("texts", {}))


class FigureBlock(Block):
    """A static figure: the PNG with its alt text and a visible caption (drawn when first shown). With ``folded``
    (a Dutch summary line) it is closed under that line until the learner opens it: a table of numbers beside the
    lesson's reading (issue 24, fifth walk: lesson 05's table of every move "in plain view")."""

    def __init__(self, spec: dict[str, Any], name: str | None = None):
        self.spec, self.name = spec, name
        self._html: str | None = None

    def text(self) -> str:
        return self.spec["alt"].strip()

    def html(self) -> str:
        if self._html is None:
            png = stored_png(self.name, self.spec) if self.name else None
            if png is None:
                from course.figures.plots import figure_html

                self._html = figure_html(draw(self.spec), self.spec["alt"], self.spec["caption"])
            else:
                from course.images import png_html

                self._html = png_html(png, self.spec["alt"], self.spec["caption"])
            if self.spec.get("folded"):
                from course.display import folded

                self._html = folded(self.spec["folded"], self._html)
        return self._html


def all_figures() -> dict[str, dict[str, Any]]:
    """Return name -> figure block spec of every figure in every lesson."""
    found: dict[str, dict[str, Any]] = {}
    for lid in lesson_ids():
        for name, spec in load_lesson(lid)["blocks"].items():
            if spec["kind"] == "figure":
                if name in found:
                    raise ValueError(f"figure name {name!r} is used twice (lesson {lid})")
                found[name] = spec
    return found


def export(out_dir: Path, stored: Path | None = STORED) -> list[Path]:
    """Write every figure as PNG (plus its alt text as .txt) to ``out_dir``, and pre-render it into
    ``stored`` (with index.json; None: do not); return the PNG paths in ``out_dir``."""
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    written, index = [], {}
    for name, spec in all_figures().items():
        fig = draw(spec)
        path = out_dir / f"{name}.png"
        fig.savefig(path, metadata={"Software": None})  # no version stamp: fewer needless diffs
        if stored is not None:
            stored.mkdir(parents=True, exist_ok=True)
            fig.savefig(stored / f"{name}.png", format="png", metadata={"Software": None})
            index[name] = fingerprint(spec)
        plt.close(fig)
        path.with_suffix(".txt").write_text(spec["alt"].strip() + "\n", encoding="utf-8")
        written.append(path)
    if stored is not None:
        (stored / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in export(Path(args[0]) if args else Path.cwd() / "assets" / "figures"):
        print(f"Geschreven: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
