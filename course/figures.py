"""Export the course's figures to assets/figures/ (``make figures``), for the README and slides.

Usage: ``python -m course.figures [OUT_DIR]``. Each PNG gets a .txt file beside it with its alt text.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from matplotlib.figure import Figure

from . import plots, trust_plots
from .content import load_lesson
from .trust_model import load_model

OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "figures"


def _builders() -> dict[str, tuple[Callable[[], Figure], str, str]]:
    """name -> (build the figure, alt text, caption): the one registry of the course's figures."""
    lesson02 = load_lesson("02_ouderschap_en_opvoederschap")
    life = plots.figure_text(lesson02, "levensloop")
    texts = load_model().texts
    return {
        "levensloop": (lambda: plots.parenting_over_life(life), life["alt"], life["note"]),
        "gesprek_vergelijking": (trust_plots.article_versus_straight, texts["compare_alt"], texts["note"]),
        "zetten_overzicht": (trust_plots.moves_overview, texts["overview_alt"], texts["note"]),
    }


def build(name: str) -> tuple[Figure, str, str]:
    """Return (figure, alt text, caption) of the course figure ``name``."""
    builders = _builders()
    if name not in builders:
        raise ValueError(f"unknown figure {name!r}; known: {', '.join(builders)}")
    make, alt, caption = builders[name]
    return make(), alt, caption


def export(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write every figure as PNG (plus its alt text as .txt) to ``out_dir``; return the PNG paths."""
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (make, alt, _caption) in _builders().items():
        fig = make()
        path = out_dir / f"{name}.png"
        fig.savefig(path, metadata={"Software": None})  # no version stamp: fewer needless diffs
        plt.close(fig)
        path.with_suffix(".txt").write_text(alt.strip() + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in export(Path(args[0]) if args else OUT_DIR):
        print(f"Geschreven: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
