"""Multiple choice (one answer) and multi-select (several answers), with feedback per option."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.learner.widgets.base import Exercise, course_markup, stable_order
from course.scoring import Verdict


def _verdict_line(ok: bool, text: str, feedback: str) -> str:
    verdict = msg.TICKED_RIGHT if ok else msg.TICKED_WRONG
    return f"<li><b>{html.escape(verdict)}</b> {html.escape(text.rstrip('.'))}: {course_markup(feedback)}</li>"


class ChoiceExercise(Exercise):
    """One answer out of several options; ``radio.value`` is the chosen option id.

    With ``shuffle: true`` in the item the options appear in an order that is stable per learner.
    """

    def _options(self) -> list[dict[str, Any]]:
        return stable_order(self.item["options"], self.item["id"], self.item.get("shuffle", False))

    def _build_controls(self) -> widgets.Widget:
        self.radio = widgets.RadioButtons(
            options=[(o["text"], o["id"]) for o in self._options()],
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

    def _read(self) -> str | list[str] | None:  # a list in MultiSelectExercise (a subclass)
        return self.radio.value

    def _write(self, value: Any) -> None:
        self.radio.value = value

    def _is_valid(self, value: Any) -> bool:
        return any(o["id"] == value for o in self.item["options"])

    def _answer_lines(self) -> list[str]:
        chosen = self.radio.value
        return [o["text"] for o in self.item["options"] if o["id"] == chosen]

    def _feedback_html(self, verdict: Verdict) -> str:
        option = next(o for o in self.item["options"] if o["id"] == self.radio.value)
        line = msg.CORRECT if verdict.correct else f"{msg.INCORRECT} {msg.TRY_AGAIN}"
        return f"<b>{html.escape(line)}</b> {course_markup(option['feedback'])}"


class MultiSelectExercise(ChoiceExercise):
    """Several answers may be right; one checkbox per option (``boxes[option_id].value``).

    The answer is the sorted list of ticked option ids, or None when none is ticked.
    """

    def _build_controls(self) -> widgets.Widget:
        self.boxes: dict[str, widgets.Checkbox] = {}
        for option in self._options():
            box = widgets.Checkbox(
                value=False,
                description=option["text"],
                indent=False,
                layout=widgets.Layout(width="max-content", max_width="100%"),
            )
            box.observe(self._on_change, names="value")
            self.boxes[option["id"]] = box
        return widgets.VBox(list(self.boxes.values()))

    def choose(self, option_id: str | None) -> None:
        """Tick ``option_id`` (None clears every box)."""
        if option_id is None:
            for box in self.boxes.values():
                box.value = False
            return
        self.toggle(option_id, True)

    def toggle(self, option_id: str, ticked: bool) -> None:
        """Tick or untick one option, as a learner's click would."""
        if option_id not in self.boxes:
            raise ValueError(f"unknown option {option_id!r} for item {self.item_id!r}")
        self.boxes[option_id].value = ticked

    def _read(self) -> list[str] | None:
        ticked = sorted(oid for oid, box in self.boxes.items() if box.value)
        return ticked or None

    def _write(self, value: Any) -> None:
        for oid, box in self.boxes.items():
            box.value = oid in value

    def _is_valid(self, value: Any) -> bool:
        return isinstance(value, list) and all(v in self.boxes for v in value)

    def _answer_lines(self) -> list[str]:
        ticked = set(self._read() or [])
        return [o["text"] for o in self.item["options"] if o["id"] in ticked]

    def _incomplete(self) -> str | None:
        return msg.CHOOSE_ONE_OR_MORE if self._read() is None else None

    def _saved_line(self, stamp: str) -> str:
        n = len(self._read() or [])
        return msg.SAVED_TICKED_ONE.format(time=stamp) if n == 1 else msg.SAVED_TICKED.format(time=stamp, n=n)

    def _feedback_html(self, verdict: Verdict) -> str:
        summary = msg.MULTI_RESULT.format(right=verdict.right, total=verdict.total)
        if verdict.wrong:
            summary += " " + msg.MULTI_WRONG.format(wrong=verdict.wrong)
        summary = f"{msg.ALL_RIGHT} {summary}" if verdict.correct else f"{summary} {msg.TRY_AGAIN}"
        # Feedback only on what was ticked, so a missed right option is not given away.
        lines = [
            _verdict_line(verdict.parts[o["id"]], o["text"], o["feedback"])
            for o in self.item["options"]
            if o["id"] in verdict.parts
        ]
        return f"<b>{html.escape(summary)}</b><ul>{''.join(lines)}</ul>"
