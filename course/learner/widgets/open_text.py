"""Open text: the learner writes their own Dutch sentence and gets hints from the detectors."""

from __future__ import annotations

import html
import time
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

    # ipywidgets sends a click at once but holds back a text box's value until the kernel is idle
    # (@jupyter-widgets/base WidgetModel: _pending_msgs, _msg_buffer), so the last letters typed can arrive just
    # after "Geef feedback": the hint then described the sentence without them, and the late value cleared it
    # (issue 24, third walk: "Geef feedback" twice showed nothing). A value that arrives this soon after a click
    # is the one the learner asked about: its hint is given again.
    LATE_VALUE_SECONDS = 2.0
    _checked_at: float | None = None

    def check(self) -> str:
        self._checked_at = time.monotonic()
        return super().check()

    def _on_change(self, _change: Any = None) -> None:
        shown = bool(self.feedback.value)
        super()._on_change(_change)
        if self.mode != "formative" or self._restoring or not shown or self.feedback.value:
            return  # nothing was shown, or the base class said something (a failed save, read-only)
        if self._checked_at is not None and time.monotonic() - self._checked_at < self.LATE_VALUE_SECONDS:
            self._verdict_html = self._feedback_html(None)
            self.feedback.alert(self._verdict_html)
        else:  # typed on after the hint: say so instead of an empty line
            self.feedback.text = html.escape(msg.TEXT_CHANGED)

    def _feedback_html(self, _verdict: Any) -> str:
        lines = detector_feedback(
            self.box.value, self.item.get("tips"), here=self.lesson, person=self.item.get("person")
        ).splitlines()
        return "<br>".join(html.escape(line) for line in lines)
