"""Figures of the trust model: safety and trust over a conversation with the door as a band,
sequences side by side, and an overview of every move's effect. Colour-blind-safe (Okabe-Ito,
plus line styles, markers, hatching and text), Dutch labels from course/data/trust_model.yaml."""

from __future__ import annotations

import textwrap
from typing import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .plots import BLUE, ORANGE, figure_html, plt
from .trust_model import Model, State, load_model, run

GREEN = "#009E73"  # Okabe-Ito bluish green: door open
GREY = "#BBBBBB"  # door closed


def _wrap(text: str, width: int = 14) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


# Above this many moves in one panel of a conversation's own figure the move names no longer fit
# under their steps (they overlap): the steps are numbered instead, and the list beside the figure
# (the builder's rows, Mijn gesprek's hints) names each move.
MAX_NAMED_STEPS = 8


def draw_conversation(ax: Axes, states: Sequence[State], title: str, model: Model | None = None,
                      ticks: Sequence[str] | None = None) -> None:
    """Draw one conversation on ``ax``: safety and trust per step, the door as a band below.
    Under each step its move's name, or ``ticks`` (one per state, the start first) when given."""
    model = model or load_model()
    t = model.texts
    steps = list(range(len(states)))
    for n, state in enumerate(states):  # the door: a band along the bottom, open or closed
        ax.axvspan(n - 0.5, n + 0.5, ymin=0, ymax=0.07, facecolor=GREEN if state.door_open else GREY,
                   hatch="" if state.door_open else "//", edgecolor="white", linewidth=0)
    ax.plot(steps, [s.safety for s in states], color=BLUE, linestyle="-", marker="o", linewidth=2.5,
            label=t["safety"])
    ax.plot(steps, [s.trust for s in states], color=ORANGE, linestyle="--", marker="s", linewidth=2.5,
            label=t["trust"])
    end = states[-1]
    ax.annotate(t["door_open"] if end.door_open else t["door_closed"], xy=(steps[-1], -0.2),
                ha="center", va="top", fontsize=8, fontweight="bold", annotation_clip=False)
    if ticks is not None and len(ticks) != len(states):
        raise ValueError(f"give one tick label per state: {len(ticks)} for {len(states)} states")
    labels = list(ticks) if ticks is not None else [t["start"]] + [_wrap(model.moves[s.move]["label"]) for s in states[1:]]
    ax.set_xticks(steps)
    ax.set_xticklabels(labels, fontsize=7.5, rotation=0)
    ax.set_xlim(-0.5, len(states) - 0.5)
    ax.set_ylim(-0.8, model.hi + 0.5)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="y", alpha=0.3)


def legend_handles(ax: Axes, model: Model) -> list:
    """Return the legend entries: the two lines of ``ax`` and the two states of the door band."""
    t = model.texts
    return [*ax.get_legend_handles_labels()[0],
            Patch(facecolor=GREEN, label=t["door_open"]), Patch(facecolor=GREY, hatch="//", label=t["door_closed"])]


def conversation_output(figure: Figure | None, states: Sequence[State], title: str, model: Model,
                        alt: str, numbers: Sequence[int] | None = None,
                        numbers_label: str = "") -> tuple[Figure, tuple[dict, ...]]:
    """Draw one conversation into ``figure`` (made once, then redrawn in place) and return it with
    the display output for a widget's Output: the figure as an image with ``alt`` text. With more
    than MAX_NAMED_STEPS moves, each step is labelled with its entry of ``numbers`` (default 1, 2,
    ...) and the x axis with ``numbers_label``."""
    if figure is None:
        figure = Figure(figsize=(8, 4.6), dpi=90)
        figure.subplots_adjust(left=0.09, right=0.98, top=0.92, bottom=0.22)
        figure.subplots()
    ax = figure.axes[0]
    ax.clear()
    ticks = None
    if len(states) - 1 > MAX_NAMED_STEPS:
        numbers = list(numbers) if numbers is not None else list(range(1, len(states)))
        ticks = [model.texts["start"], *map(str, numbers)]
        ax.set_xlabel(numbers_label, fontsize=9)
    draw_conversation(ax, states, title, model, ticks)
    ax.set_ylabel(model.texts["level"])
    ax.legend(handles=legend_handles(ax, model), loc="upper left", fontsize=8, ncol=2)
    html_figure = figure_html(figure, alt, close=False)
    return figure, ({"output_type": "display_data", "metadata": {},
                     "data": {"text/html": html_figure, "text/plain": alt}},)


def compare_conversations(sequences: dict[str, Sequence[str]], model: Model | None = None) -> Figure:
    """Return a figure with one panel per named sequence of moves, side by side."""
    model = model or load_model()
    return compare_states({name: run(moves, model) for name, moves in sequences.items()}, model)


def compare_states(panels: dict[str, Sequence[State]], model: Model | None = None,
                   figure: Figure | None = None) -> Figure:
    """Return a figure with one panel per named list of states (start state first), side by side.
    Pass the ``figure`` of an earlier call with as many panels to redraw it in place (faster)."""
    model = model or load_model()
    if not panels:
        raise ValueError("give at least one sequence or conversation to draw")
    t = model.texts
    if figure is not None and len(figure.axes) == len(panels):
        fig, axes = figure, [list(figure.axes)]
        for ax in axes[0]:
            ax.clear()
        for legend in list(fig.legends):
            legend.remove()
        for text in list(fig.texts):
            text.remove()
    else:
        fig = Figure(figsize=(5.2 * len(panels), 4.6), dpi=100)  # no pyplot: nothing global to close
        axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)
    for ax, (name, states) in zip(axes[0], panels.items()):
        draw_conversation(ax, list(states), name, model)
    axes[0][0].set_ylabel(t["level"])
    fig.legend(handles=legend_handles(axes[0][0], model), loc="lower center", ncol=4, fontsize=9, frameon=False)
    fig.suptitle(t["compare_title"], fontsize=13)
    fig.text(0.01, 0.005, t["note"], fontsize=7, style="italic")
    fig.tight_layout(rect=(0, 0.09, 1, 0.97))
    return fig


def article_versus_straight(model: Model | None = None) -> Figure:
    """Return the article's conversation beside one that goes straight to the problem."""
    model = model or load_model()
    t = model.texts
    return compare_conversations({t["article"]: model.article_sequence, t["straight"]: model.straight_sequence}, model)


def moves_overview(model: Model | None = None) -> Figure:
    """Return a table-like chart of every move's change in safety and trust, at low and high safety."""
    from .trust_model import step

    model = model or load_model()
    t = model.texts
    contexts = [(t["low"], State(safety=3, trust=3)), (t["high"], State(safety=7, trust=5)),
                (t["prepared"], State(safety=7, trust=5, permission=True, acknowledged=True))]
    rows, values = [], []
    for move_id, move in model.moves.items():
        row = []
        for _name, state in contexts:
            after = step(state, move_id, model)
            row += [after.safety - state.safety, after.trust - state.trust]
        rows.append(("+ " if move["kind"] == "helpful" else "! ") + move["label"])
        values.append(row)
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(rows) + 2.0), dpi=100)
    ax.imshow(values, cmap="PuOr", vmin=-3, vmax=3, aspect="auto")
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            ax.text(j, i, f"{v:+d}", ha="center", va="center", fontsize=9, fontweight="bold")
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8.5)
    ax.set_xticks(range(2 * len(contexts)))
    ax.set_xticklabels([f"{what}\n{_wrap(name, 22)}" for name, _ in contexts for what in (t["safety"], t["trust"])],
                       fontsize=8)
    ax.xaxis.tick_top()
    ax.set_title(t["overview_title"], fontsize=12, pad=48)
    fig.text(0.01, 0.01, f"{t['note']}  {t['kinds_legend']}", fontsize=7, style="italic")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig
