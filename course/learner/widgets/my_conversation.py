"""'Mijn gesprek' as a widget: type the turns of a conversation you had or role-played, label your
own turns with a move (a proposal comes from the phrasing detectors; you decide), and see the
trajectory on the trust model with a hint per line. Saved in the answer store, restored on start."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.widgets.live import LiveHTML
from course.model.my_conversation import (
    MAX_TURNS,
    ME,
    PARENT,
    STORE_KEY,
    Turn,
    asked_by_parent,
    check_turn,
    from_saved,
    labels,
    moves_in,
    propose,
    question_used,
    states,
    walk,
)
from course.model.trust_model import Model, State, load_model, not_yet
from course.store import AnswerStore

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from course.figures.trust_plots import ConversationPlot

NO_MOVE = ""  # the dropdown's value while no move is chosen


def _sentence(text: str) -> str:
    """The scenario's turning-point phrases continue 'Stap n (zet): ...'; here they follow a full
    stop, so they start with a capital."""
    return text[:1].upper() + text[1:]


def _what_changed(move: str, state: State, after: State, model: Model) -> list[str]:
    """What ``move`` did to the door and why, as a practice conversation's turning points say it: the door opened or
    shut; a warned use and what would have helped instead; a helpful move that cost something and what was not there
    yet (ninth walk: "Aanbod … veiligheid -1, vertrouwen -1" with no reason)."""
    from course.content import load_concepts
    from course.model.trust_model import use_of

    parts = []
    if after.door_open and not state.door_open:
        parts.append(_sentence(msg.SCENARIO_TURNING["opened"]))
    elif state.door_open and not after.door_open:
        parts.append(_sentence(msg.SCENARIO_TURNING["closed"]))
    use = use_of(move, state, model)
    if use.warned:
        assert use.instead is not None  # load_model: a warned effect has its 'instead'
        concept = load_concepts()[use.instead]
        template = msg.SCENARIO_TURNING[use.turning]
        parts.append(_sentence(template.format(idea=concept["label"], lesson=concept["lesson"][:2])))
    elif after.safety < state.safety or after.trust < state.trust:
        missing = not_yet(move, state, model)
        if missing:
            words = " en ".join(msg.SCENARIO_TURNING[f"not_yet_{name}"] for name in missing)
            parts.append(msg.SCENARIO_TURNING["fell_early"].format(missing=words))
    return parts


class MyConversation(Block):
    """Python API (as the buttons do): ``add(who, text, move=None)`` (own turns get the detectors'
    proposal when ``move`` is None), ``set_move(index, move)``, ``remove(index)``, ``clear()``.
    ``turns`` is the conversation; it is saved on every change."""

    def __init__(self, store: AnswerStore, plot: bool = True):
        self.model = load_model()
        self.store = store
        store.on_saved_later(self._saved_later)
        self.plot = plot
        self.turns: list[Turn] = []
        self.proposed: list[str | None] = []  # what the detectors proposed for each turn
        move_options = [(msg.MY_NO_MOVE, NO_MOVE)] + [
            (("+ " if m["kind"] == "helpful" else "! ") + m["label"], mid) for mid, m in self.model.moves.items()
        ]
        self._move_options = move_options
        self.who = widgets.ToggleButtons(
            options=[(msg.MY_WHO_ME, ME), (msg.MY_WHO_PARENT, PARENT)],
            value=ME,
            description=msg.MY_WHO,
            style={"button_width": "auto"},
        )
        self.line = widgets.Textarea(
            placeholder=msg.MY_PLACEHOLDER,
            description=msg.MY_LINE,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="4em"),
        )
        self.add_button = widgets.Button(
            description=msg.MY_ADD, button_style="primary", layout=widgets.Layout(width="auto")
        )
        self.add_button.on_click(lambda _b: self._add_from_form())
        self.clear_button = widgets.Button(description=msg.MY_CLEAR, layout=widgets.Layout(width="auto"))
        self.clear_button.on_click(lambda _b: self._clear_from_form())
        self.rows = widgets.VBox()
        self._row_widgets: list[tuple[widgets.HTML, widgets.Dropdown, widgets.Button]] = []
        self._boxes: list[widgets.HBox] = []
        self._rendering = False
        self.message = LiveHTML()
        self.hints = widgets.HTML()
        self.output = widgets.Output()
        self._figure: ConversationPlot | None = None
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"<b>{html.escape(msg.MY_TITLE)}</b><p>{html.escape(msg.MY_INTRO)} "
                    f"{html.escape(msg.MY_START.format(safety=self.model.start.safety, trust=self.model.start.trust, door=self._start_door()))}</p>"
                    # full size: privacy matters (seventeenth check: in small print with wide spacing it read as a footnote)
                    f"<p>{html.escape(msg.MY_PRIVACY)}</p>"
                    # what '+' and '!' before each move mean (eighth walk: never explained where the list is)
                    f"<p><small>{html.escape(self.model.texts['kinds_legend'])}</small></p>"
                ),
                self.who,
                self.line,
                widgets.HBox([self.add_button, self.clear_button]),
                self.rows,
                self.message,
                self.hints,
                self.output,
            ],
            layout=widgets.Layout(border="1px solid #bbb", padding="8px", margin="8px 0"),
        )
        self.turns, unreadable = from_saved(store.get(STORE_KEY))
        self.proposed = [propose(t.text) if t.who == ME else None for t in self.turns]
        self._changed(save=False)
        if unreadable:
            self.message.alert(html.escape(msg.MY_UNREADABLE.format(turns=msg.counted(unreadable, msg.TURNS))))

    # --- the Python API -----------------------------------------------------------------------
    def add(self, who: str, text: str, move: str | None = None) -> Turn:
        """Add a turn at the end (ValueError with a Dutch message for empty, too long or bad input)."""
        if len(self.turns) >= MAX_TURNS:
            raise ValueError(msg.MY_TOO_MANY.format(n=MAX_TURNS))
        proposal = propose(text) if who == ME and isinstance(text, str) else None
        turn = check_turn(who, text, move if move is not None else proposal, self.model, chosen=move is not None)
        self.turns.append(turn)
        self.proposed.append(proposal)
        self._changed()
        return turn

    def set_move(self, index: int, move: str | None) -> None:
        """Label your own turn ``index`` (0-based) with ``move`` (None: no move)."""
        self._check_index(index)
        turn = self.turns[index]
        self.turns[index] = check_turn(turn.who, turn.text, move or None, self.model, chosen=True)
        self._changed()

    def remove(self, index: int) -> None:
        """Remove turn ``index`` (0-based); the keyboard focus goes to the row that took its place."""
        self._check_index(index)
        del self.turns[index]
        del self.proposed[index]
        self._changed()
        target = self._row_widgets[min(index, len(self.turns) - 1)][2] if self.turns else self.line
        target.focus()

    def clear(self) -> None:
        self.turns, self.proposed = [], []
        self._changed()

    def _check_index(self, index: int) -> None:
        if not isinstance(index, int) or not 0 <= index < len(self.turns):
            raise IndexError(f"no turn at position {index!r}; the conversation has {len(self.turns)} turns")

    # --- the form -----------------------------------------------------------------------------
    def _add_from_form(self) -> None:
        try:
            self.add(self.who.value, self.line.value)
        except ValueError as exc:
            self.message.alert(html.escape(str(exc)))
            return
        self.line.value = ""
        self.who.value = PARENT if self.who.value == ME else ME  # conversations alternate, mostly
        self.line.focus()  # the next turn can be typed at once

    def _clear_from_form(self) -> None:
        """The first click asks (a whole conversation is not lost by one click), the second clears."""
        if self.clear_button.description == msg.MY_CLEAR_CONFIRM:
            self.clear()
            return
        if self.turns:
            self.clear_button.description = msg.MY_CLEAR_CONFIRM
            self.clear_button.focus()  # re-labelling the button may drop the browser's focus: keep it
            self.message.alert(html.escape(msg.MY_CLEAR_ASK.format(turns=msg.counted(len(self.turns), msg.TURNS))))

    def _changed(self, save: bool = True) -> None:
        problem = None
        if save:
            try:
                self.store.set(STORE_KEY, {"turns": [t.as_json() for t in self.turns]})
            except OSError as exc:
                problem = msg.save_failed(exc)
        self._render()
        if problem:
            self.message.alert(f"{html.escape(problem)}<br>{self.message.text}")

    def _render(self) -> None:
        self.clear_button.description = msg.MY_CLEAR  # any change cancels a pending 'wis alles'
        # Rows are made once per place and reused (as in the builder): choosing a move in a row's
        # dropdown redraws the rest, but the dropdown under the keyboard focus stays on the page.
        self._rendering = True
        try:
            while len(self._row_widgets) < len(self.turns):
                i = len(self._row_widgets)
                label = widgets.HTML(layout=widgets.Layout(flex="1 1 45%"))
                chooser = widgets.Dropdown(
                    options=self._move_options,
                    value=NO_MOVE,
                    description=msg.MY_MOVE.format(n=i + 1),
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="max-content", flex="0 1 auto"),
                )
                chooser.observe(lambda change, i=i: self._chosen(i, change["new"]), names="value")
                drop = widgets.Button(
                    description=msg.MY_REMOVE,
                    tooltip=msg.MY_REMOVE_TOOLTIP.format(n=i + 1),
                    layout=widgets.Layout(width="auto", min_width="4em", flex="0 0 auto"),
                )
                drop.on_click(lambda _b, i=i: self.remove(i))
                self._row_widgets.append((label, chooser, drop))
                self._boxes.append(widgets.HBox([label, chooser, drop]))
            for i, t in enumerate(self.turns):
                label, chooser, _drop = self._row_widgets[i]
                speaker = msg.MY_WHO_ME if t.who == ME else msg.MY_WHO_PARENT
                label.value = f"<b>{i + 1}. {html.escape(speaker)}:</b> {html.escape(t.text)}"
                chooser.value = t.move or NO_MOVE
                proposal = t.who == ME and t.move is not None and not t.chosen
                chooser.description = (msg.MY_MOVE_PROPOSED if proposal else msg.MY_MOVE).format(n=i + 1)
                chooser.layout.display = "flex" if t.who == ME else "none"
            self.rows.children = self._boxes[: len(self.turns)]
        finally:
            self._rendering = False
        self.message.text = html.escape(self.summary())
        self.hints.value = "".join(f"<p>{html.escape(p)}</p>" for p in self.hint_lines())
        self.output.outputs = ()
        if self.plot and any(t.move for t in self.turns):
            self._draw()

    def _chosen(self, index: int, value: str) -> None:
        if not self._rendering and index < len(self.turns):
            self.set_move(index, value or None)

    # --- what the learner reads ---------------------------------------------------------------
    def summary(self) -> str:
        if not self.turns:
            return msg.MY_EMPTY
        end = states(self.turns, self.model)[-1]
        t = self.model.texts
        door = t["door_open"] if end.door_open else t["door_closed"]
        labelled = [x for x in self.turns if x.who == ME and x.move]
        proposed = sum(1 for x in labelled if not x.chosen)
        split = msg.MY_SUMMARY_SPLIT.format(chosen=len(labelled) - proposed, proposed=proposed) if proposed else ""
        return msg.MY_SUMMARY.format(
            turns=msg.counted(len(self.turns), msg.TURNS),
            own=len(labelled),
            split=split,
            safety=end.safety,
            trust=end.trust,
            door=door,
        )

    def hint_lines(self) -> list[str]:
        """One hint per line of the conversation, in Dutch (the model's reading of each own turn)."""
        stepped = {i: (before, after) for i, before, after in walk(self.turns, self.model)}
        out = []
        for i, (t, proposal) in enumerate(zip(self.turns, self.proposed), start=1):
            if t.who == PARENT:
                out.append(msg.MY_HINT_PARENT.format(n=i))
                continue
            if not t.move:  # the learner's own '(geen zet)', or a sentence the helper proposed nothing for
                out.append((msg.MY_HINT_NO_MOVE_CHOSEN if t.chosen else msg.MY_HINT_NO_MOVE).format(n=i))
                continue
            state, after = stepped[i - 1]
            parts = [*self._reading(i, proposal, state, after), *_what_changed(t.move, state, after, self.model)]
            if not t.chosen:  # last: what the model read comes first
                parts.append(msg.MY_HINT_PROPOSED)
            out.append(" ".join(parts))
        return out

    def _reading(self, n: int, proposal: str | None, state: State, after: State) -> list[str]:
        """How the model reads own turn ``n`` (1-based): its move and numbers, then what the learner should know of
        that reading (a proposal that differed, a closed question, the parent's question or answer, two moves)."""
        from course.model.detectors import analyse
        from course.model.trust_model import effect_for, use_of

        t = self.turns[n - 1]
        assert t.move is not None
        use = use_of(t.move, state, self.model)
        parts = [
            msg.MY_HINT_MOVE.format(
                n=n, label=use.label, safety=after.safety - state.safety, trust=after.trust - state.trust
            )
        ]
        if t.chosen and proposal and proposal != t.move:
            parts.append(msg.MY_HINT_OTHER_PROPOSAL.format(label=self.model.moves[proposal]["label"]))
        if t.move == "open_vraag_ouder" and analyse(t.text).question == "closed":
            parts.append(msg.MY_HINT_CLOSED)
        note = None if use.warned else effect_for(t.move, state, self.model).get("note")
        if note:  # a helpful use with a name of its own ("Toestemming vragen, te vroeg"), as in the conversations
            parts.append(_sentence(note))
        if asked_by_parent(self.turns, n - 1):
            parts.append(msg.MY_HINT_PARENT_ASKED.format(n=n - 1))
        used = question_used(self.turns, n - 1) if use.warned else None  # only a telling without permission
        if used is not None:
            parts.append(msg.MY_HINT_PARENT_ASKED_USED.format(n=used + 1))
        if t.move == "toestemming_vragen" and not after.permission and self._parent_after(n - 1):
            parts.append(msg.MY_HINT_PARENT_NOT_HEARD)
        if t.move == "informatie_geven" and use.warned:
            example = self.model.moves["informatie_geven"]["example"]
            parts.append(msg.MY_HINT_INFORMATION.format(example=example, none=msg.MY_NO_MOVE))
        several = moves_in(t.text)
        if len(several) > 1:
            labels = msg.join_and([self.model.moves[m]["label"] for m in several])
            parts.append(msg.MY_HINT_TWO_MOVES.format(labels=labels))
        return parts

    def _start_door(self) -> str:
        """How the door stands at the model's start, for the intro (empty when it starts open)."""
        return "" if self.model.start.door_open else msg.MY_START_DOOR_SHUT

    def _parent_after(self, index: int) -> bool:
        """Whether the turn after turn ``index`` (0-based) is the parent's."""
        return index + 1 < len(self.turns) and self.turns[index + 1].who == PARENT

    def _draw(self) -> None:
        from course.figures.trust_plots import conversation_output

        names = labels(self.turns, self.model)  # as the hints name them (the parent's question counts as permission)
        alt = msg.MY_ALT.format(moves=", ".join(names))
        numbers = [n for n, t in enumerate(self.turns, start=1) if t.who == ME and t.move]
        self._figure, self.output.outputs = conversation_output(
            self._figure,
            states(self.turns, self.model),
            msg.MY_TITLE,
            self.model,
            alt,
            numbers,
            msg.MY_AXIS_NUMBERS,
            names,
        )

    def _saved_later(self, items: list[str]) -> None:
        if STORE_KEY in items:
            self.message.say(html.escape(msg.saved_later()))

    def text(self) -> str:
        """The conversation as plain text: each turn, the chosen move, and the model's hint."""
        if not self.turns:
            return msg.MY_EMPTY
        lines = []
        for t, hint in zip(self.turns, self.hint_lines()):
            speaker = msg.MY_WHO_ME if t.who == ME else msg.MY_WHO_PARENT
            lines.append(f"{speaker}: {t.text}")
            if t.who == ME:
                lines.append(f"   {hint}")
        lines.append(self.summary())
        return "\n".join(lines)

    def html(self) -> str:
        """The static form (graded copy, feedback): every piece of learner text escaped."""
        return f"<pre>{html.escape(self.text())}</pre>"
