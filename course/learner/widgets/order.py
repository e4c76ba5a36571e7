"""Put steps in the right order with Omhoog/Omlaag buttons (keyboard-usable, no dragging)."""

from __future__ import annotations

import html
import time
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.learner.widgets.base import Exercise, course_markup, stable_order
from course.scoring import Verdict, longest_ordered_run


def mixed(steps: list[str]) -> int:
    """The longest run of steps an order may keep in its key's order and still be 'door elkaar': 2 of 5 (issue
    24, third walk: one swap put a shuffled toets order in the article's order)."""
    return max(2, len(steps) // 2)


def shown_order(item: dict[str, Any]) -> list[str]:
    """The order a learner first sees. Practice (the data lists the steps in the right order): a per-learner
    shuffle in which at most :func:`mixed` steps stand in the right order relative to each other, the same for one
    learner every time. Toets: the data's own order, which the author mixed (a test that reads the key holds it to
    the same bound); the key is not in the learner's package, so a shuffle here could land near it."""
    ids = [s["id"] for s in item["steps"]]
    if item["mode"] == "graded":
        return ids
    for attempt in range(200):
        order = [s["id"] for s in stable_order(item["steps"], f"{item['id']}:{attempt}" if attempt else item["id"])]
        if len(longest_ordered_run(order, ids)) <= mixed(ids):
            return order
    return ids[::-1]  # cannot happen for three or more steps; reversed is as mixed as it gets


class OrderExercise(Exercise):
    """Steps shown in a mixed order (:func:`shown_order`); the learner moves them up and down.

    The answer is the list of step ids in the learner's order, saved after every move or when the
    learner confirms the order as it stands ("Dit is mijn volgorde"); None before either. In
    formative items the data lists the steps in the right order.
    """

    def _build_controls(self) -> widgets.Widget:
        self._texts = {s["id"]: s["text"] for s in self.item["steps"]}
        self.order: list[str] = shown_order(self.item)
        self.confirmed = False
        # One row per place, made once: a move changes the rows' texts, not the rows, so the
        # button a keyboard user pressed stays on the page and the focus can follow the step.
        self.row_buttons: list[tuple[widgets.Button, widgets.Button]] = []
        self.focused: widgets.Button | None = None  # where the last move put the keyboard focus
        self._lines: list[widgets.HTML] = []
        rows = []
        for pos in range(len(self.order)):
            up = widgets.Button(description=msg.ORDER_UP, layout=widgets.Layout(width="auto"))
            down = widgets.Button(description=msg.ORDER_DOWN, layout=widgets.Layout(width="auto"))
            up.on_click(lambda _b, p=pos: self.move(self.order[p], -1))
            down.on_click(lambda _b, p=pos: self.move(self.order[p], +1))
            line = widgets.HTML()
            self.row_buttons.append((up, down))
            self._lines.append(line)
            rows.append(widgets.HBox([up, down, line]))
        self.rows = widgets.VBox(rows)
        self.confirm_button = widgets.Button(
            description=msg.ORDER_CONFIRM,
            tooltip=msg.ORDER_CONFIRM_TOOLTIP,
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.confirm_button.on_click(lambda _b: self.confirm())
        self._render()
        # Practice items need no confirm: Controleer judges the order as it stands.
        return widgets.VBox([self.rows, self.confirm_button] if self.mode == "graded" else [self.rows])

    def _render(self) -> None:
        last = len(self.order) - 1
        for pos, sid in enumerate(self.order):
            up, down = self.row_buttons[pos]
            up.disabled, down.disabled = pos == 0, pos == last
            up.tooltip, down.tooltip = f"{msg.ORDER_UP}: {self._texts[sid]}", f"{msg.ORDER_DOWN}: {self._texts[sid]}"
            self._lines[pos].value = f"<b>{pos + 1}.</b> {html.escape(self._texts[sid])}"

    def move(self, step_id: str, by: int) -> None:
        """Move a step up (by=-1) or down (by=+1), as the buttons do; saves the new order. The
        keyboard focus goes along: to the same button in the step's new row (or, at the top or
        the bottom, to the row's other button)."""
        if step_id not in self._texts:
            raise ValueError(f"unknown step {step_id!r} for item {self.item_id!r}")
        if by not in (-1, 1):
            raise ValueError(f"a step moves one place at a time (by=-1 or +1), got {by!r}")
        pos = self.order.index(step_id)
        new = min(max(pos + by, 0), len(self.order) - 1)
        self.order.insert(new, self.order.pop(pos))
        self.confirmed = True
        self.confirm_button.description = msg.ORDER_CONFIRM  # this order has not been confirmed yet
        self._render()
        self._on_change()
        same, other = self.row_buttons[new] if by < 0 else self.row_buttons[new][::-1]
        self.focused = other if same.disabled else same
        self.focused.focus()

    def confirm(self) -> None:
        """Save the order as it stands, and say so visibly (the button and an announced line)."""
        self.confirmed = True
        self._on_change()
        if self.mode == "graded" and not self.store.read_only and self.store.get(self.item_id) == self.order:
            self.confirm_button.description = msg.ORDER_CONFIRMED
            self.feedback.alert(html.escape(msg.ORDER_SAVED_CONFIRM.format(time=time.strftime(msg.TIME_FORMAT))))

    def _empty_line(self) -> str:
        return msg.ORDER_EMPTY

    def _saved_line(self, stamp: str) -> str:
        return msg.ORDER_SAVED_MOVE.format(time=stamp)

    def _read(self) -> list[str] | None:
        return list(self.order) if self.confirmed else None

    def _write(self, value: Any) -> None:
        self.order = list(value)
        self.confirmed = True
        self.confirm_button.description = msg.ORDER_CONFIRMED  # a restored order was saved (issue 24)
        self._render()

    def _is_valid(self, value: Any) -> bool:
        return isinstance(value, list) and sorted(value) == sorted(self._texts)

    def _answer_lines(self) -> list[str]:
        current = self._read()
        return [f"{n}. {self._texts[sid]}" for n, sid in enumerate(current, start=1)] if current else []

    def _incomplete(self) -> str | None:
        return None  # the order as it stands can always be checked

    def verdict(self) -> Verdict:
        from course.scoring import formative_key, judge

        return judge(self.item, list(self.order), formative_key(self.item))

    def _feedback_html(self, verdict: Verdict) -> str:
        # "4 van de 5 stappen staan goed" read as "4 in their place" when only one was (issue 24): say what
        # to do instead, in steps to move (the engine counts the longest run in the right order).
        if not verdict.correct:
            n = verdict.total - verdict.right
            summary = msg.ORDER_TO_MOVE_ONE if n == 1 else msg.ORDER_TO_MOVE.format(n=n)
            return f"<b>{html.escape(msg.INCORRECT)}</b> {html.escape(summary)}"
        summary = msg.ORDER_RESULT.format(total=verdict.total)
        extra = f" {course_markup(self.item['feedback'])}" if self.item.get("feedback") else ""
        return f"<b>{html.escape(msg.CORRECT)}</b> {html.escape(summary)}{extra}"
