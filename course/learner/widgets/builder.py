"""The sequence builder: add, remove and reorder conversation moves; the trust plot redraws at once."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.widgets.live import LiveHTML
from course.model.trust_model import door_text, load_model, run, use_labels
from course.store import AnswerStore

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from course.figures.trust_plots import ConversationPlot

STORE_KEY = "bouwer_volgorde"


class SequenceBuilder(Block):
    """Build a conversation from the model's moves and see its trust plot.

    Python API (as the buttons do): ``add(move_id)``, ``remove(index)``, ``move(index, by)``,
    ``clear()``. ``moves`` is the current sequence; it is saved in the store on every change.
    """

    def __init__(self, store: AnswerStore, plot: bool = True):
        self.model = load_model()
        self.store = store
        store.on_saved_later(self._saved_later)
        self.plot = plot
        self.moves: list[str] = []
        self.chooser = widgets.Dropdown(
            options=[
                (("+ " if m["kind"] == "helpful" else "! ") + m["label"], mid) for mid, m in self.model.moves.items()
            ],
            description=msg.BUILDER_CHOOSE,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="max-content"),
        )
        self.add_button = widgets.Button(
            description=msg.BUILDER_ADD, button_style="primary", layout=widgets.Layout(width="auto")
        )
        self.add_button.on_click(lambda _b: self.add(self.chooser.value))
        self.clear_button = widgets.Button(description=msg.BUILDER_CLEAR, layout=widgets.Layout(width="auto"))
        self.clear_button.on_click(lambda _b: self.clear())
        self.rows = widgets.VBox()
        self._row_widgets: list[tuple[widgets.Button, widgets.Button, widgets.Button, widgets.HTML]] = []
        self._boxes: list[widgets.HBox] = []
        self.focused: widgets.Widget | None = None  # where the last move or removal put the keyboard focus
        self.summary = LiveHTML()
        self.output = widgets.Output()
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.chooser, self.add_button, self.clear_button]),
                # what '+' and '!' before each move mean (eighth walk: never explained where the list is)
                widgets.HTML(f"<small>{html.escape(self.model.texts['kinds_legend'])}</small>"),
                self.rows,
                self.summary,
                self.output,
            ],
            layout=widgets.Layout(border="1px solid #bbb", padding="8px", margin="8px 0"),
        )
        self._figure: ConversationPlot | None = None  # one matplotlib figure, reused by every redraw (about 3x faster)
        saved = store.get(STORE_KEY)
        if isinstance(saved, list) and all(m in self.model.moves for m in saved):
            self.moves = list(saved)
        self._changed(save=False)

    def add(self, move_id: str) -> None:
        """Add ``move_id`` at the end of the conversation."""
        if move_id not in self.model.moves:
            raise ValueError(f"unknown move {move_id!r}; known moves: {', '.join(self.model.moves)}")
        self.moves.append(move_id)
        self._changed()

    def remove(self, index: int) -> None:
        """Remove the move at position ``index`` (0-based)."""
        self._check_index(index)
        del self.moves[index]
        self._changed()
        if self.moves:  # the focus goes to the row that took its place (or the one above it)
            self._focus(self._row_widgets[min(index, len(self.moves) - 1)][2])
        else:
            self._focus(self.chooser)

    def move(self, index: int, by: int) -> None:
        """Move the move at ``index`` one place up (by=-1) or down (by=+1)."""
        self._check_index(index)
        if by not in (-1, 1):
            raise ValueError(f"a move goes one place at a time (by=-1 or +1), got {by!r}")
        new = min(max(index + by, 0), len(self.moves) - 1)
        self.moves.insert(new, self.moves.pop(index))
        self._changed()
        up, down, _drop, _label = self._row_widgets[new]
        self._focus(*((up, down) if by < 0 else (down, up)))  # the focus goes along with the move

    def clear(self) -> None:
        """Start with an empty conversation."""
        self.moves = []
        self._changed()

    def _check_index(self, index: int) -> None:
        if not isinstance(index, int) or not 0 <= index < len(self.moves):
            raise IndexError(f"no move at position {index!r}; the conversation has {len(self.moves)} moves")

    def _changed(self, save: bool = True) -> None:
        problem = None
        if save:
            try:
                self.store.set(STORE_KEY, list(self.moves))
            except OSError as exc:
                problem = msg.save_failed(exc)
        self._render_rows()
        self.redraw()
        if problem:  # after redraw, which writes the summary: the warning must not be overwritten
            self.summary.alert(f"{html.escape(problem)}<br>{self.summary.text}")

    def _render_rows(self) -> None:
        # Rows are made once per place and reused: a move or removal changes their texts, so the
        # button a keyboard user pressed stays on the page and the focus can go along.
        while len(self._row_widgets) < len(self.moves):
            i = len(self._row_widgets)
            up = widgets.Button(description=msg.ORDER_UP, layout=widgets.Layout(width="auto"))
            down = widgets.Button(description=msg.ORDER_DOWN, layout=widgets.Layout(width="auto"))
            drop = widgets.Button(description=msg.BUILDER_REMOVE, layout=widgets.Layout(width="auto"))
            up.on_click(lambda _b, i=i: self.move(i, -1))
            down.on_click(lambda _b, i=i: self.move(i, +1))
            drop.on_click(lambda _b, i=i: self.remove(i))
            self._row_widgets.append((up, down, drop, widgets.HTML()))
            self._boxes.append(widgets.HBox(list(self._row_widgets[-1])))
        # each move as it is used at its place, as under the figure (tenth walk: the list said "Toestemming vragen"
        # where the figure said "Toestemming vragen, te vroeg")
        names = use_labels(run(self.moves, self.model), self.model) if self.moves else []
        for i, name in enumerate(names):
            up, down, _drop, label = self._row_widgets[i]
            up.disabled, down.disabled = i == 0, i == len(self.moves) - 1
            label.value = f"<b>{i + 1}.</b> {html.escape(name)}"
        self.rows.children = self._boxes[: len(self.moves)]

    def _focus(self, button: widgets.Button, *others: widgets.Button) -> None:
        """Put the keyboard focus on ``button``, or on the first of ``others`` that is enabled."""
        self.focused = next((b for b in (button, *others) if not b.disabled), self.add_button)
        self.focused.focus()

    def redraw(self) -> None:
        """Update the summary line and, with ``plot``, redraw the trust plot."""
        if not self.moves:
            self.summary.text = html.escape(msg.BUILDER_EMPTY)
            self.output.outputs = ()
            return
        end = run(self.moves, self.model)[-1]
        door = door_text(end, self.model)
        self.summary.text = html.escape(
            msg.BUILDER_SUMMARY.format(
                safety=end.safety, trust=end.trust, door=door, moves=msg.counted(len(self.moves), msg.MOVES)
            )
        )
        if self.plot:
            self._draw()

    def _draw(self) -> None:
        from course.figures.trust_plots import conversation_output
        from course.model.trust_model import run, use_labels

        alt = msg.BUILDER_ALT.format(moves=", ".join(use_labels(run(self.moves, self.model), self.model)))
        # Set the output directly (works with and without a kernel, replaces the old figure at once).
        self._figure, self.output.outputs = conversation_output(
            self._figure,
            run(self.moves, self.model),
            msg.BUILDER_YOURS,
            self.model,
            alt,
            numbers_label=msg.BUILDER_AXIS_NUMBERS,
        )

    def _saved_later(self, items: list[str]) -> None:
        """A background retry saved what a failed save kept: say so."""
        if STORE_KEY in items:
            self.summary.say(html.escape(msg.saved_later()))

    def text(self) -> str:
        """Return the conversation and the model's summary as plain text."""
        moves = [f"{n}. {self.model.moves[m]['label']}" for n, m in enumerate(self.moves, start=1)]
        return "\n".join([*moves, html.unescape(self.summary.text)])
