"""The branching scenario as a widget: choose what to say at each step, read the mother's reply,
and at the end see your conversation beside the article's on the trust plot."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from ..scenario import ending, load_scenario, reply
from ..display import Block
from ..store import AnswerStore
from ..trust_model import load_model, run
from .live import LiveHTML


class ScenarioExercise(Block):
    """A restartable walk through the scenario; the chosen option ids are saved in the store.

    Python API (as the buttons do): ``choose(option_id)`` at the current step, ``restart()``.
    ``path`` holds the chosen option ids, ``moves`` the matching model moves.
    """

    def __init__(self, store: AnswerStore, name: str = "scenario_ophalen", plot: bool = True):
        self.scenario = load_scenario(name)
        self.store = store
        store.on_saved_later(self._saved_later)
        self.plot = plot
        self.labels = self.scenario["end"]
        self.path: list[str] = []
        self.transcript = widgets.HTML()
        self.situation = widgets.HTML()
        self.options = widgets.RadioButtons(options=[], value=None, layout=widgets.Layout(width="100%"))
        self.say_button = widgets.Button(description=self.labels["say"], tooltip=self.labels["say_tooltip"],
                                         button_style="primary", layout=widgets.Layout(width="auto"))
        self.say_button.on_click(lambda _b: self._say())
        self.restart_button = widgets.Button(description=self.labels["restart"],
                                             layout=widgets.Layout(width="auto"))
        self.restart_button.on_click(lambda _b: self.restart())
        self.message = LiveHTML()  # the mother's latest reply and the ending, read out by a screen reader
        self.result = widgets.Output()
        self.widget = widgets.VBox([
            widgets.HTML(f"<b>{html.escape(self.scenario['title'])}</b><p>{html.escape(self.scenario['intro'])}</p>"),
            self.transcript, self.situation, self.options,
            widgets.HBox([self.say_button, self.restart_button]), self.message, self.result,
        ], layout=widgets.Layout(border="1px solid #bbb", padding="8px", margin="8px 0"))
        saved = store.get(self.scenario["id"])
        if self._is_valid(saved):
            self.path = list(saved)
        self._render()

    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.scenario["steps"]

    @property
    def finished(self) -> bool:
        return len(self.path) == len(self.steps)

    @property
    def moves(self) -> list[str]:
        return [self._option(n, oid)["move"] for n, oid in enumerate(self.path)]

    def _option(self, step: int, option_id: str) -> dict[str, Any]:
        return next(o for o in self.steps[step]["options"] if o["id"] == option_id)

    def _is_valid(self, saved: Any) -> bool:
        return (isinstance(saved, list) and len(saved) <= len(self.steps)
                and all(any(o["id"] == oid for o in self.steps[n]["options"]) for n, oid in enumerate(saved)))

    def choose(self, option_id: str) -> str:
        """Say the option ``option_id`` at the current step; return the mother's reply."""
        if self.finished:
            raise RuntimeError("the scenario is finished; restart() to play again")
        if not any(o["id"] == option_id for o in self.steps[len(self.path)]["options"]):
            raise ValueError(f"unknown option {option_id!r} at step {len(self.path) + 1}")
        self.path.append(option_id)
        self._render()
        self._save()  # after the render, which writes the message: a save warning must not be overwritten
        state = run(self.moves)[-1]
        return reply(state.move, state, self.scenario)

    def restart(self) -> None:
        """Start again from the first step (the saved path is cleared too)."""
        self.path = []
        self._render()
        self._save()

    def _say(self) -> None:
        if self.options.value is None:
            self.message.alert(html.escape(self.labels["choose_first"]))
            return
        self.choose(self.options.value)

    def _save(self) -> None:
        try:
            self.store.set(self.scenario["id"], list(self.path))
        except OSError as exc:  # the warning first, then what the message said (the mother's reply)
            said = self.message.text
            self.message.alert(html.escape(msg.save_failed(exc)) + (f"<br>{said}" if said else ""))

    def _exchanges(self) -> list[tuple[str, str]]:
        """Return (what you said, the mother's reply) for every step played so far."""
        states = run(self.moves)[1:] if self.path else []
        return [(self._option(n, oid)["text"], reply(state.move, state, self.scenario))
                for n, (oid, state) in enumerate(zip(self.path, states))]

    def _render(self) -> None:
        you, mother = html.escape(self.labels["you"]), html.escape(self.labels["mother"])
        exchanges = self._exchanges()
        self.transcript.value = "".join(f"<p><b>{you}:</b> {html.escape(said)}<br><b>{mother}:</b> {html.escape(answer)}</p>"
                                        for said, answer in exchanges)
        latest = f"<b>{mother}:</b> {html.escape(exchanges[-1][1])}" if exchanges else ""
        self.message.text = ""
        self.result.outputs = ()
        if self.finished:
            self.situation.value = ""
            self.options.options = []
            self.say_button.disabled = True
            verdict = ending(self.moves, self.scenario)
            self.message.alert(f"{latest}<br><b>{html.escape(verdict)}</b>")
            if self.plot:
                self._show_plot()
            return
        step = self.steps[len(self.path)]
        counter = self.labels["step"].format(n=len(self.path) + 1, total=len(self.steps))
        self.situation.value = f"<i>{html.escape(counter)}</i> — {html.escape(step['situation'])}"
        self.options.options = [(o["text"], o["id"]) for o in step["options"]]
        self.options.value = None
        self.say_button.disabled = False
        if latest:  # the reply, then the next situation
            self.message.alert(f"{latest}<br>{html.escape(counter)} — {html.escape(step['situation'])}")

    def _show_plot(self) -> None:
        from ..plots import figure_html
        from ..trust_plots import compare_conversations

        model = load_model()
        fig = compare_conversations({self.labels["yours"]: self.moves, model.texts["article"]: model.article_sequence}, model)
        alt = f"{self.labels['yours']}: {', '.join(model.moves[m]['label'] for m in self.moves)}."
        self.result.outputs = ({"output_type": "display_data", "metadata": {},
                                "data": {"text/html": figure_html(fig, alt), "text/plain": alt}},)

    def _saved_later(self, items: list[str]) -> None:
        """A background retry saved what a failed save kept: say so."""
        if self.scenario["id"] in items:
            self.message.say(html.escape(msg.saved_later()))

    def text(self) -> str:
        """Return the conversation so far as plain text ("(niet gespeeld)" before the first step)."""
        if not self.path:
            return self.labels["not_played"]
        return "\n".join(f"{self.labels['you']}: {said}\n{self.labels['mother']}: {answer}"
                         for said, answer in self._exchanges())

    def html(self) -> str:
        return self.transcript.value or html.escape(self.text())
