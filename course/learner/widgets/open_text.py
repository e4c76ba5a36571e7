"""Open text: the learner writes their own Dutch sentence and gets hints from the detectors."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.learner.widgets.base import Exercise
from course.model.detectors import feedback as detector_feedback


class OpenTextExercise(Exercise):
    """A text area (``box.value``) saved as the learner types.

    Formative: "Geef feedback" shows the detectors' hints (never a grade). Graded: the text is saved
    and confirmed, no hints; the lecturer grades it by hand (nbgrader shows it in the graded copy as
    "Jouw antwoord: ...", next to a manually graded task cell). Automatic scoring is refused.
    """

    @staticmethod
    def _has_key(item: dict[str, Any]) -> bool:
        return True  # the detectors are the feedback

    def _build_controls(self) -> widgets.Widget:
        self.check_button.description = msg.TEXT_BUTTON
        self.check_button.tooltip = msg.TEXT_TOOLTIP
        self.box = widgets.Textarea(
            value="",
            placeholder=self.item.get("placeholder", msg.TEXT_PLACEHOLDER),
            # the box's label (tied with <label for>), on its own line above it
            description=msg.TEXT_LABEL.format(label=self.item.get("label") or self.item_id),
            style={"description_width": "initial"},
            rows=3,
            layout=widgets.Layout(width="100%", flex_flow="column", align_items="stretch"),
        )
        self.box.observe(self._on_change, names="value")
        return self.box

    def write(self, sentence: str) -> None:
        """Type ``sentence`` into the box (replacing what was there)."""
        if not isinstance(sentence, str):
            raise TypeError(f"expected text, got {type(sentence).__name__}")
        self.box.value = sentence

    def _read(self) -> str | None:
        return self.box.value if self.box.value.strip() else None

    def _write(self, value: Any) -> None:
        self.box.value = value

    def _is_valid(self, value: Any) -> bool:
        return isinstance(value, str)

    def _answer_lines(self) -> list[str]:
        return [self.box.value] if self._read() else []

    def _incomplete(self) -> str | None:
        return None  # the detectors say themselves when there is nothing to read

    def _feedback_html(self, _verdict: Any) -> str:
        lines = detector_feedback(self.box.value, self.item.get("tips"), here=self.lesson).splitlines()
        return "<br>".join(html.escape(line) for line in lines)
