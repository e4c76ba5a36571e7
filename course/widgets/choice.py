"""Multiple choice with feedback per option."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from .base import Exercise


class ChoiceExercise(Exercise):
    """One answer out of several options; ``radio.value`` is the chosen option id."""

    def __init__(self, item: dict[str, Any], store, mode: str | None = None):
        if (mode or item["mode"]) == "formative" and not any(o.get("correct") for o in item["options"]):
            raise ValueError(f"item {item['id']!r} has no answer key, so it cannot be formative")
        super().__init__(item, store, mode)

    def _build_controls(self) -> widgets.Widget:
        self.radio = widgets.RadioButtons(
            options=[(o["text"], o["id"]) for o in self.item["options"]],
            value=None,
            layout=widgets.Layout(width="max-content", max_width="100%"),
        )
        self.radio.observe(self._on_change, names="value")
        return self.radio

    def choose(self, option_id: str | None) -> None:
        """Select ``option_id`` (as a learner's click would); None clears the choice."""
        if option_id is not None and not self._is_valid(option_id):
            raise ValueError(f"unknown option {option_id!r} for item {self.item_id!r}")
        self.radio.value = option_id

    def _read(self) -> str | None:
        return self.radio.value

    def _write(self, value: Any) -> None:
        self.radio.value = value

    def _is_valid(self, value: Any) -> bool:
        return any(o["id"] == value for o in self.item["options"])

    def _answer_lines(self) -> list[str]:
        chosen = self.radio.value
        return [o["text"] for o in self.item["options"] if o["id"] == chosen]

    def _feedback_html(self) -> str:
        chosen = self.radio.value
        if chosen is None:
            return html.escape(msg.CHOOSE_FIRST)
        option = next(o for o in self.item["options"] if o["id"] == chosen)
        verdict = msg.CORRECT if option.get("correct") else f"{msg.INCORRECT} {msg.TRY_AGAIN}"
        return f"<b>{html.escape(verdict)}</b> {html.escape(option['feedback'])}"
