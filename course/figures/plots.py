"""Figures of the course (matplotlib, colour-blind-safe, Dutch labels) and how they are shown."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # figures are rendered to PNG ourselves, so no GUI backend is needed
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from course.images import png_html  # noqa: E402

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
BLUE, ORANGE, GREY = "#0072B2", "#E69F00", "#999999"
# Where the sketch puts "the child is an adult": a position on the drawing, not an age. The article
# gives no age ("op een dag is het 'klaar', omdat een kind volwassen is"), so the axis shows none.
ADULT_AT = 0.5


def parenting_over_life(text: dict[str, str]) -> Figure:
    """Return the sketch of lesson 02: opvoederschap fades over a child's life, ouderschap stays.

    ``text`` holds the Dutch labels (title, xlabel, ylabel, opvoederschap, ouderschap, anderen,
    geboorte, volwassen, later, note) from the lesson's data file. The x axis has no ages, only
    the moments birth, adulthood and later. Lines differ in style as well as colour.
    """
    missing = {
        "title",
        "xlabel",
        "ylabel",
        "opvoederschap",
        "ouderschap",
        "anderen",
        "geboorte",
        "volwassen",
        "later",
    } - set(text)
    if missing:
        raise ValueError(f"figure text is missing: {', '.join(sorted(missing))}")
    ages = [a / 200 for a in range(0, 201)]
    role = [max(0.0, 1 - (a / ADULT_AT) ** 1.5) * 0.95 for a in ages]
    being = [1.0 for _ in ages]
    fig, ax = plt.subplots(figsize=(8, 4.6), dpi=100)  # fits under JupyterLab on a 1366x768 screen
    ax.plot(ages, being, color=BLUE, linewidth=3, linestyle="-", label=text["ouderschap"])
    ax.plot(ages, role, color=ORANGE, linewidth=3, linestyle="--", label=text["opvoederschap"])
    ax.fill_between(ages, 0, [r * 0.35 for r in role], color=GREY, alpha=0.35, hatch="//", label=text["anderen"])
    ax.axvline(ADULT_AT, color="black", linewidth=1, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_xticks([0, ADULT_AT, 1], [text["geboorte"], text["volwassen"], text["later"]])
    ax.set_ylim(0, 1.1)
    ax.set_yticks([])
    ax.set_title(text["title"], fontsize=13)
    ax.set_xlabel(text["xlabel"])
    ax.set_ylabel(text["ylabel"])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=10, frameon=False)
    # No note inside the image: the figure's caption says it, once, below it (issue 24).
    fig.tight_layout()
    return fig


def figure_html(fig: Figure, alt: str, caption: str | None = None, close: bool = True) -> str:
    """Return an HTML <figure> with the PNG of ``fig``, its alt text and a visible caption.

    ``close=False`` keeps the figure for the next redraw (the sequence builder reuses one figure).
    """
    if not alt or not alt.strip():
        raise ValueError("every figure needs an alt text")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    if close:
        plt.close(fig)
    return png_html(buf.getvalue(), alt, caption)
