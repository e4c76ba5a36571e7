"""A conversation to practise as a widget: choose what to say at each step, read the parent's reply,
and at the end see your conversation beside one in the article's order on the trust plot, with the
turning points named. Replay from any step."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.widgets.live import SCREEN_READER_ONLY, LiveHTML
from course.model.conversation import END, Turn, load_conversation
from course.store import AnswerStore

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from course.figures.trust_plots import ConversationPlot


class ScenarioExercise(Block):
    """A restartable walk through one conversation; the chosen option ids are saved in the store.

    Python API (as the buttons do): ``choose(option_id)`` at the current step, ``restart()``,
    ``replay_from(step)`` (1-based: keep the choices before that step). ``path`` holds the chosen
    option ids, ``moves`` the matching model moves, ``turns`` the played exchanges. ``lesson``: the id of the
    lesson it is shown in; the turning points do not refer the learner to that lesson.
    """

    def __init__(
        self, store: AnswerStore, name: str = "scenario_ophalen", plot: bool = True, lesson: str | None = None
    ):
        self.conversation = load_conversation(name)
        self.lesson = lesson
        self.store = store
        store.on_saved_later(self._saved_later)
        self.plot = plot
        self.path: list[str] = []
        self.turns: list[Turn] = []
        self._figure: ConversationPlot | None = None  # one matplotlib figure, redrawn in place on every ending
        self._article_html: str | None = None  # the article-consistent path's image, drawn once
        c = self.conversation
        self.transcript = widgets.HTML()
        self.situation = widgets.HTML()
        self.options = widgets.RadioButtons(options=[], value=None, layout=widgets.Layout(width="100%"))
        self.say_button = widgets.Button(
            description=msg.SCENARIO_SAY,
            tooltip=msg.SCENARIO_SAY_TOOLTIP,
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.say_button.on_click(lambda _b: self._say())
        self.restart_button = widgets.Button(description=msg.SCENARIO_RESTART, layout=widgets.Layout(width="auto"))
        self.restart_button.on_click(lambda _b: self.restart())
        self.replay_step = widgets.Dropdown(
            options=[],
            description=msg.SCENARIO_REPLAY_FROM,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="max-content"),
        )
        self.replay_button = widgets.Button(
            description=msg.SCENARIO_REPLAY, tooltip=msg.SCENARIO_REPLAY_TOOLTIP, layout=widgets.Layout(width="auto")
        )
        self.replay_button.on_click(lambda _b: self._replay_from_form())
        self.replay_box = widgets.HBox([self.replay_step, self.replay_button])
        self.message = LiveHTML()  # the parent's latest reply and the ending, read out by a screen reader
        self.turning = widgets.HTML()
        self.result = widgets.Output()
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"<b>{html.escape(c.title)}</b><p>{html.escape(c.intro)}</p>"
                    f"<p><small>{html.escape(msg.SCENARIO_OWN_LINES)}</small></p>"
                ),
                self.transcript,
                self.situation,
                self.options,
                widgets.HBox([self.say_button, self.restart_button]),
                self.replay_box,
                self.message,
                self.turning,
                self.result,
            ],
            layout=widgets.Layout(border="1px solid #bbb", padding="8px", margin="8px 0"),
        )
        saved = store.get(c.id)
        if c.is_path(saved):
            self.path = list(saved)
            self.turns = c.play(self.path)
        self._render()

    @property
    def finished(self) -> bool:
        return self.conversation.finished(self.turns)

    @property
    def moves(self) -> list[str]:
        return [t.move for t in self.turns]

    def current_options(self) -> list[dict[str, Any]]:
        """The options at the current step, as shown ([] when the conversation is over)."""
        node = self.conversation.current(self.turns)
        return [] if node == END else self.conversation.shown_options(node)

    def choose(self, option_id: str) -> str:
        """Say the option ``option_id`` at the current step; return the parent's reply."""
        if self.finished:
            raise RuntimeError("the conversation is over; restart() or replay_from(step) to play again")
        node = self.conversation.current(self.turns)
        self.conversation.option(node, option_id)  # ValueError for an option that is not there
        self.path.append(option_id)
        self.turns = self.conversation.play(self.path)
        self._render()
        self._save()  # after the render, which writes the message: a save warning must not be overwritten
        return self.turns[-1].reply

    def restart(self) -> None:
        """Start again from the first step (the saved path is cleared too)."""
        self.replay_from(1)

    def replay_from(self, step: int) -> None:
        """Keep the choices before ``step`` (1-based) and choose again from there."""
        if not isinstance(step, int) or not 1 <= step <= len(self.path) + 1:
            raise ValueError(f"step must be 1..{len(self.path) + 1}, not {step!r}")
        self.path = self.path[: step - 1]
        self.turns = self.turns[: step - 1]
        self._render()
        self._save()

    def _replay_from_form(self) -> None:
        if self.replay_step.value is None:
            self.message.alert(html.escape(msg.SCENARIO_CHOOSE_STEP))
            return
        self.replay_from(self.replay_step.value)

    def _say(self) -> None:
        if self.options.value is None:
            self.message.alert(html.escape(msg.SCENARIO_CHOOSE_FIRST))
            return
        self.choose(self.options.value)

    def _save(self) -> None:
        try:
            self.store.set(self.conversation.id, list(self.path))
        except OSError as exc:  # the warning first, then what the message said (the parent's reply)
            said = self.message.text
            self.message.alert(html.escape(msg.save_failed(exc)) + (f"<br>{said}" if said else ""))

    def _render(self) -> None:
        c = self.conversation
        you, parent = html.escape(msg.SCENARIO_YOU), html.escape(c.parent)
        self.transcript.value = "".join(
            f"<p><b>{you}:</b> {html.escape(t.option['text'])}<br><b>{parent}:</b> {html.escape(t.reply)}</p>"
            for t in self.turns
        )
        latest = f"<b>{parent}:</b> {html.escape(self.turns[-1].reply)}" if self.turns else ""
        self.message.text = ""
        self.turning.value = ""
        self.result.outputs = ()
        self.replay_step.options = [(msg.SCENARIO_STEP.format(n=n), n) for n in range(1, len(self.turns) + 1)]
        self.replay_step.value = len(self.turns) or None  # the last step: the most likely one to retry
        self.replay_box.layout.display = "flex" if self.turns else "none"
        if self.finished:
            self.situation.value = ""
            self.options.options = []
            self.say_button.disabled = True
            self.say_button.layout.display = "none"  # seventh walk: a disabled blue button still looked clickable
            self.message.alert(f"{SCREEN_READER_ONLY.format(latest)}<b>{html.escape(self.ending())}</b>")
            self.turning.value = self._turning_html()
            if self.plot:
                self._show_plot()
            return
        node = c.nodes[c.current(self.turns)]
        counter = msg.SCENARIO_STEP.format(n=len(self.turns) + 1)
        self.situation.value = f"<i>{html.escape(counter)}</i> — {html.escape(node['situation'])}"
        self.options.options = [(o["text"], o["id"]) for o in c.shown_options(c.current(self.turns))]
        self.options.value = None
        self.say_button.disabled = False
        self.say_button.layout.display = None
        if latest:  # the reply, then the next situation
            # on screen already (the transcript and the situation): read out, not shown twice
            said = f"{latest}<br>{html.escape(counter)} — {html.escape(node['situation'])}"
            self.message.alert(SCREEN_READER_ONLY.format(said))

    def ending(self) -> str:
        """The closing line of the played conversation; a closed door's names what kept it shut ('' before the end)."""
        return self.conversation.ending_text(self.turns, msg.SCENARIO_WHY_CLOSED) if self.finished else ""

    def turning_points(self) -> list[str]:
        """The turning points of the played conversation, in Dutch (see Conversation.turning_points)."""
        return self.conversation.turning_points(self.turns, msg.SCENARIO_TURNING, here=self.lesson)

    def _turning_html(self) -> str:
        points = self.turning_points()
        items = (
            "".join(f"<li>{html.escape(p)}</li>" for p in points) or f"<li>{html.escape(msg.SCENARIO_NO_TURNING)}</li>"
        )
        return f"<p><b>{html.escape(msg.SCENARIO_TURNING_TITLE)}</b></p><ul>{items}</ul>"

    def _show_plot(self) -> None:
        """The learner's conversation (redrawn in place) above the article-consistent one (drawn
        once per widget: it never changes; left out, with a sentence that says so, when the learner played its
        moves), each its own image with its own alt text, one panel wide so the names of up to 8 steps fit under
        them."""
        from course.figures.trust_plots import conversation_output

        c = self.conversation
        mine = c.states(self.turns)
        self._figure, (yours,) = conversation_output(
            self._figure,
            mine,
            msg.SCENARIO_YOURS,
            c.model,
            self._alt(msg.SCENARIO_YOURS, self.turns),
            names=c.use_labels(mine),
        )
        article = c.play(c.article_path)
        same = [t.move for t in article] == [t.move for t in self.turns]
        if same:
            compare = msg.SCENARIO_COMPARE_SAME.format(name=c.comparison_label(msg))
        else:
            compare = c.worded(msg.SCENARIO_COMPARE.format(n=len(article), m=len(self.turns)))
        if self._article_html is None and not same:
            name = c.comparison_label(msg)
            theirs = c.states(article)
            _figure, (shown,) = conversation_output(
                None, theirs, name, c.model, self._alt(name, article), names=c.use_labels(theirs)
            )
            self._article_html = shown["data"]["text/html"]
        note = f"<p><small>{html.escape(c.model.texts['note'])}</small></p>"
        self.result.outputs = (
            {
                "output_type": "display_data",
                "metadata": {},
                "data": {
                    "text/html": yours["data"]["text/html"]
                    + f"<p>{html.escape(compare)}</p>"
                    + ("" if same else self._article_html or "")
                    + note,
                    "text/plain": yours["data"]["text/plain"],
                },
            },
        )

    def _alt(self, name: str, turns: list[Turn]) -> str:
        c = self.conversation
        end = c.states(turns)[-1]
        door = c.model.texts["door_open"] if end.door_open else c.model.texts["door_closed"]
        return msg.SCENARIO_ALT.format(
            name=name,
            moves=", ".join(c.use_labels(c.states(turns))),
            safety=end.safety,
            trust=end.trust,
            door=door,
        )

    def _saved_later(self, items: list[str]) -> None:
        """A background retry saved what a failed save kept: say so."""
        if self.conversation.id in items:
            self.message.say(html.escape(msg.saved_later()))

    def text(self) -> str:
        """Return the conversation so far as plain text ("(niet gespeeld)" before the first step)."""
        if not self.turns:
            return msg.SCENARIO_NOT_PLAYED
        return "\n".join(
            f"{msg.SCENARIO_YOU}: {t.option['text']}\n{self.conversation.parent}: {t.reply}" for t in self.turns
        )

    def html(self) -> str:
        return self.transcript.value or html.escape(self.text())
