"""Figures of the trust model: safety and trust over a conversation with the door as a band,
sequences side by side, and an overview of every move's effect. Colour-blind-safe (Okabe-Ito,
plus line styles, markers, hatching and text), Dutch labels from course/data/trust_model.yaml."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import cast

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from course.figures.plots import BLUE, ORANGE, plt
from course.images import png_html
from course.model.trust_model import Model, State, load_model, run, use_labels

GREEN = "#009E73"  # Okabe-Ito bluish green: door open
GREY = "#BBBBBB"  # door closed


def _wrap(text: str, width: int = 14) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text  # never "Erkennin-g"


# Above this many moves in one panel of a conversation's own figure the move names no longer fit
# under their steps (they overlap): the steps are numbered instead, and the list beside the figure
# (the builder's rows, Mijn gesprek's hints) names each move.
MAX_NAMED_STEPS = 8


class ConversationAxes:
    """One conversation on an Axes: safety and trust per step, the door as a band below, the end
    state's door named under the last step. Made once; :meth:`show` updates the same artists in
    place (a redraw then re-creates no lines, patches or ticks: about half the time of clearing)."""

    def __init__(self, ax: Axes, model: Model, blit: bool = False):
        from matplotlib.collections import PolyCollection

        self.ax, self.model, self.blit = ax, model, blit
        self._labels: list = []  # with ``blit``: the step names as Text artists (the x axis stays still)
        t = model.texts
        ax.set_ylim(-0.8, model.hi + 0.5)
        self._band = (-0.8, 0.07 * (model.hi + 1.3))  # bottom and height of the door band (data units)
        self.open_band = PolyCollection([], facecolor=GREEN, edgecolor="white", linewidth=0)
        self.closed_band = PolyCollection([], facecolor=GREY, hatch="//", edgecolor="white", linewidth=0)
        ax.add_collection(self.open_band)
        ax.add_collection(self.closed_band)
        (self.safety,) = ax.plot([], [], color=BLUE, linestyle="-", marker="o", linewidth=2.5, label=t["safety"])
        (self.trust,) = ax.plot([], [], color=ORANGE, linestyle="--", marker="s", linewidth=2.5, label=t["trust"])
        self.end = ax.text(0, -0.2, "", ha="center", va="top", fontsize=9, fontweight="bold", clip_on=False)
        # Where safety and trust are equal over several steps one line hides the other: say so in words.
        self.both = ax.text(0, 0, "", ha="center", va="bottom", fontsize=9, visible=False)
        ax.grid(axis="y", alpha=0.3)
        if blit:  # everything that changes is drawn over a still background (ConversationPlot)
            ax.set_xticks([])
            ax.set_xlim(-0.5, 0.5)
            self.xlabel = ax.text(0.5, -0.14, "", transform=ax.transAxes, ha="center", va="top", fontsize=10)
            self.title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=12)
            for artist in self.moving():
                artist.set_animated(True)

    def step_labels(self) -> list[str]:
        """The labels under the steps as shown, and the x axis's label."""
        if not self.blit:
            return [t.get_text() for t in self.ax.get_xticklabels()]
        return [t.get_text() for t in self._labels if t.get_visible()]

    def axis_label(self) -> str:
        return self.xlabel.get_text() if self.blit else self.ax.get_xlabel()

    def moving(self) -> list:
        """The artists that change from one conversation to the next (with ``blit``)."""
        if not self.blit:
            return []
        return [
            self.open_band,
            self.closed_band,
            self.safety,
            self.trust,
            self.end,
            self.both,
            self.xlabel,
            self.title,
            *self._labels,
        ]

    def show(
        self,
        states: Sequence[State],
        title: str,
        ticks: Sequence[str] | None = None,
        xlabel: str = "",
        names: Sequence[str] | None = None,
    ) -> None:
        """Show ``states`` (the start state first). Under each step its move's name, or ``ticks``
        (one per state) when given."""
        if ticks is not None and len(ticks) != len(states):
            raise ValueError(f"give one tick label per state: {len(ticks)} for {len(states)} states")
        t, ax = self.model.texts, self.ax
        steps = list(range(len(states)))
        y0, height = self._band

        def boxes(door_open: bool) -> list:
            return [
                [(n - 0.5, y0), (n + 0.5, y0), (n + 0.5, y0 + height), (n - 0.5, y0 + height)]
                for n, state in enumerate(states)
                if state.door_open == door_open
            ]

        self.open_band.set_verts(boxes(True))
        self.closed_band.set_verts(boxes(False))
        self.safety.set_data(steps, [s.safety for s in states])
        self.trust.set_data(steps, [s.trust for s in states])
        end = states[-1]
        self.end.set_text(t["door_open"] if end.door_open else t["door_closed"])
        self.end.set_position((steps[-1], -0.2))
        self._show_coinciding(states)
        width = self._wrap_width(len(states))
        labels = (
            list(ticks)
            if ticks is not None
            else [t["start"]] + [_wrap(label, width) for label in (names or use_labels(states, self.model))]
        )
        ax.set_xlim(-0.5, len(states) - 0.5)
        if not self.blit:
            ax.set_xticks(steps, labels, fontsize=9, rotation=0)
            ax.set_title(title, fontsize=12)
            ax.set_xlabel(xlabel, fontsize=10)
            return
        from matplotlib.transforms import offset_copy

        self.title.set_text(title)
        self.xlabel.set_text(xlabel)
        # offset_copy reads only the figure's dpi_scale_trans, which a SubFigure shares with its Figure
        below = offset_copy(ax.get_xaxis_transform(), fig=cast(Figure, ax.figure), y=-3.5, units="points")
        while len(self._labels) < len(labels):  # as the axis would: x in data, just below the axes
            text = ax.text(0, 0, "", transform=below, ha="center", va="top", fontsize=9, animated=True)
            self._labels.append(text)
        for n, text in enumerate(self._labels):
            text.set_visible(n < len(labels))
            if n < len(labels):
                text.set_text(labels[n])
                text.set_x(n)

    def _wrap_width(self, steps: int) -> int:
        """How many characters a step's name may have per line, so that neighbours do not touch: the
        room per step (the axes' width in points over the steps) over a character's width at 9 pt."""
        figure = cast(Figure, self.ax.figure)
        room = self.ax.get_position().width * figure.get_figwidth() * 72 / max(steps, 1)
        return max(8, min(14, int(room / (0.62 * 9))))

    def _show_coinciding(self, states: Sequence[State]) -> None:
        """Name, above its middle, the longest run (two steps or more, the later one on a tie) where safety and
        trust are equal, so that one line hides the other: with their value when it stays the same, else as
        equal (a run from 1 down to 0 is not 'both 1'; walk 2026-12-02)."""
        best: tuple[int, int] = (0, 0)  # (length, first step)
        n = 0
        while n < len(states):
            m = n
            while m < len(states) and states[m].safety == states[m].trust:
                m += 1
            if m - n >= 2 and m - n >= best[0]:
                best = (m - n, n)
            n = max(m, n + 1)
        length, first = best
        self.both.set_visible(length >= 2)
        if length >= 2:
            values = {s.safety for s in states[first : first + length]}
            t = self.model.texts
            text = t["both_lines"].format(value=values.pop()) if len(values) == 1 else t["both_equal"]
            self.both.set_text(text)
            self.both.set_position(
                (first + (length - 1) / 2, max(s.safety for s in states[first : first + length]) + 0.35)
            )


def draw_conversation(
    ax: Axes, states: Sequence[State], title: str, model: Model | None = None, ticks: Sequence[str] | None = None
) -> ConversationAxes:
    """Draw one conversation on ``ax`` (see :class:`ConversationAxes`) and return its updater."""
    drawn = ConversationAxes(ax, model or load_model())
    drawn.show(states, title, ticks)
    return drawn


def legend_handles(ax: Axes, model: Model) -> list:
    """Return the legend entries: the two lines of ``ax`` and the two states of the door band."""
    t = model.texts
    return [
        *ax.get_legend_handles_labels()[0],
        Patch(facecolor=GREEN, label=t["door_open"]),
        Patch(facecolor=GREY, hatch="//", label=t["door_closed"]),
    ]


class ConversationPlot:
    """A one-panel figure of one conversation, kept by a widget and redrawn in place: the still
    parts (frame, y axis, grid, legend) are rendered once and kept as a background; each redraw
    draws only what changes on top of it (matplotlib's blitting on the Agg canvas) and encodes the
    PNG. About twice as fast as a full redraw (benchmarks/conversations.py)."""

    def __init__(self, model: Model):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure = Figure(figsize=(8, 4.6), dpi=90)  # no pyplot: nothing global to close
        self.canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.09, right=0.98, top=0.92, bottom=0.29)
        ax = self.figure.subplots()
        self.conversation = ConversationAxes(ax, model, blit=True)
        ax.set_ylabel(model.texts["level"])
        # The legend sits below the step names, outside the axes: no line ever covers it, so it is
        # part of the still background.
        self.figure.legend(handles=legend_handles(ax, model), loc="lower center", fontsize=9, ncol=4, frameon=False)
        self._background = None

    def png(self) -> bytes:
        """The figure as PNG bytes: the kept background, then the moving artists on top."""
        from PIL import Image

        if self._background is None:
            self.canvas.draw()  # animated artists are left out: this is the still background
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        ax = self.conversation.ax
        for artist in self.conversation.moving():
            if artist.get_visible():
                ax.draw_artist(artist)
        buf = io.BytesIO()
        Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buf, format="png"
        )
        return buf.getvalue()


def conversation_output(
    plot: ConversationPlot | None,
    states: Sequence[State],
    title: str,
    model: Model,
    alt: str,
    numbers: Sequence[int] | None = None,
    numbers_label: str = "",
    names: Sequence[str] | None = None,
) -> tuple[ConversationPlot, tuple[dict, ...]]:
    """Draw one conversation into ``plot`` (made once, then redrawn in place) and return it with
    the display output for a widget's Output: the figure as an image with ``alt`` text. With more
    than MAX_NAMED_STEPS moves, each step is labelled with its entry of ``numbers`` (default 1, 2,
    ...) and the x axis with ``numbers_label``. ``names``: the moves' names under the steps, when a conversation
    words them its own way (Conversation.use_labels); else the model's."""
    plot = plot or ConversationPlot(model)
    ticks, xlabel = None, ""
    if len(states) - 1 > MAX_NAMED_STEPS:
        numbers = list(numbers) if numbers is not None else list(range(1, len(states)))
        ticks, xlabel = [model.texts["start"], *map(str, numbers)], numbers_label
    plot.conversation.show(states, title, ticks, xlabel, names)
    html_figure = png_html(plot.png(), alt)
    return plot, (
        {"output_type": "display_data", "metadata": {}, "data": {"text/html": html_figure, "text/plain": alt}},
    )


def compare_conversations(sequences: dict[str, Sequence[str]], model: Model | None = None) -> Figure:
    """Return a figure with one panel per named sequence of moves, side by side."""
    model = model or load_model()
    return compare_states({name: run(moves, model) for name, moves in sequences.items()}, model)


def compare_states(panels: dict[str, Sequence[State]], model: Model | None = None) -> Figure:
    """Return a figure with one panel per named list of states (start state first), side by side
    (the lessons' static comparison; the widgets draw one panel each, see ConversationPlot)."""
    model = model or load_model()
    if not panels:
        raise ValueError("give at least one sequence or conversation to draw")
    t = model.texts
    fig = Figure(figsize=(5.2 * len(panels), 4.6), dpi=100)  # no pyplot: nothing global to close
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)
    for ax, (name, states) in zip(axes[0], panels.items()):
        draw_conversation(ax, list(states), name, model)
    axes[0][0].set_ylabel(t["level"])
    fig.legend(handles=legend_handles(axes[0][0], model), loc="lower center", ncol=4, fontsize=10, frameon=False)
    fig.suptitle(t["compare_title"], fontsize=13)  # no note inside: the caption says it, below (issue 24)
    fig.tight_layout(rect=(0, 0.07, 1, 0.97))
    return fig


def article_versus_straight(model: Model | None = None) -> Figure:
    """Return the article's conversation beside one that goes straight to the problem."""
    model = model or load_model()
    t = model.texts
    return compare_conversations({t["article"]: model.article_sequence, t["straight"]: model.straight_sequence}, model)


def moves_overview(model: Model | None = None) -> Figure:
    """Return a table-like chart of every move's change in safety and trust, at low and high safety."""
    from course.model.trust_model import step

    model = model or load_model()
    t = model.texts
    contexts = [
        (t["low"], State(safety=3, trust=3)),
        (t["high"], State(safety=7, trust=5)),
        (t["prepared"], State(safety=7, trust=5, permission=True, acknowledged=True)),
    ]
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
    ax.set_yticklabels(rows, fontsize=10)
    # Two header rows (issue 24: six headers of three lines each were crowded): each moment once, above
    # its two columns, then what is counted; a white line between the moments.
    ax.set_xticks(range(2 * len(contexts)))
    ax.set_xticklabels([what for _ in contexts for what in (t["safety"], t["trust"])], fontsize=9.5)
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", length=0)
    for n, (name, _) in enumerate(contexts):
        ax.text(2 * n + 0.5, -0.95, _wrap(name, 30), ha="center", va="bottom", fontsize=10, fontweight="bold")
        if n:
            ax.axvline(2 * n - 0.5, color="white", linewidth=4)
    ax.set_title(t["overview_title"], fontsize=13, pad=58)
    fig.text(0.01, 0.01, t["kinds_legend"], fontsize=10)  # the caption below the image says the rest
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig
