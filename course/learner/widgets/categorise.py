"""Categorise (each statement into one of several categories) and match (each phrase to a target)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.learner.widgets.base import Exercise, course_markup, stable_order
from course.scoring import Verdict


class CategoriseExercise(Exercise):
    """Each statement gets a drop-down of the categories.

    The answer is a dict statement id -> category id, holding only the statements placed so far
    (None when none is placed). ``choosers[statement_id].value`` is the category of one statement.

    A drop-down (a native ``<select>``) is what core ipywidgets offers that a keyboard and a screen
    reader can fully use: arrow keys move through the categories, the chosen one is exposed as
    selected, and the statement is its label (``description``, tied with ``<label for>``). The
    label is kept out of sight (zero width): ipywidgets cuts a long label off on one line, so the
    statement is shown in full above it. Toggle buttons, used before, expose no pressed state.
    """

    RIGHT, WRONG = msg.PLACED_RIGHT, msg.PLACED_WRONG  # the line before each statement's feedback

    def _make_chooser(self, label: str) -> widgets.ValueWidget:
        return widgets.Dropdown(
            options=[(msg.MATCH_PLACEHOLDER, None)] + [(c["label"], c["id"]) for c in self.item["categories"]],
            index=0,
            description=label,
            style={"description_width": "0px"},
            layout=widgets.Layout(width="max-content", max_width="100%"),  # shows "— kies —", value None
        )

    def _build_controls(self) -> widgets.Widget:
        self.choosers: dict[str, widgets.ValueWidget] = {}
        rows = []
        # Statements in an order of their own per learner (issue 24: the data's order grouped the answers,
        # h1, h1, h2, h2, ..., and a pattern gives them away); `shuffle: false` keeps the data's order.
        statements = stable_order(self.item["statements"], self.item["id"], self.item.get("shuffle", True))
        self.shown = statements  # the feedback follows this order and its numbers (issue 24, third walk)
        for n, statement in enumerate(statements, start=1):
            label = f"{n}. {statement['text']}"
            chooser = self._make_chooser(label)
            chooser.observe(self._on_change, names="value")
            self.choosers[statement["id"]] = chooser
            text = widgets.HTML(value=html.escape(label))
            rows.append(widgets.VBox([text, chooser], layout=widgets.Layout(margin="0 0 6px 0")))
        return widgets.VBox(rows)

    def place(self, statement_id: str, category_id: str | None) -> None:
        """Put one statement in a category (as a learner's click would); None takes it out."""
        if statement_id not in self.choosers:
            raise ValueError(f"unknown statement {statement_id!r} for item {self.item_id!r}")
        if category_id is not None and category_id not in self._category_ids():
            raise ValueError(f"unknown category {category_id!r}; expected one of {sorted(self._category_ids())}")
        self.choosers[statement_id].value = category_id

    def _category_ids(self) -> set[str]:
        return {c["id"] for c in self.item["categories"]}

    def _read(self) -> dict[str, str] | None:
        placed = {sid: c.value for sid, c in self.choosers.items() if c.value is not None}
        return placed or None

    def _write(self, value: Any) -> None:
        for sid, cat in value.items():
            self.choosers[sid].value = cat

    def _is_valid(self, value: Any) -> bool:
        cats = self._category_ids()
        return isinstance(value, dict) and all(sid in self.choosers and cat in cats for sid, cat in value.items())

    def _answer_lines(self) -> list[str]:
        labels = {c["id"]: c["label"] for c in self.item["categories"]}
        placed = self._read() or {}
        return [f"{s['text']} → {labels[placed[s['id']]]}" for s in self.item["statements"] if s["id"] in placed]

    def _incomplete(self) -> str | None:
        done, total = self._progress()
        return msg.CATEGORISE_FIRST.format(done=done, total=total) if done < total else None

    def _feedback_html(self, verdict: Verdict) -> str:
        lines = []
        for n, s in enumerate(self.shown, start=1):
            line = self.RIGHT if verdict.parts[s["id"]] else self.WRONG
            lines.append(
                f"<li><b>{html.escape(line)}</b> {n}. {html.escape(s['text'].rstrip('.'))}: "
                f"{course_markup(s['feedback'])}</li>"
            )
        summary = msg.SCORE_LINE.format(right=verdict.right, total=verdict.total)
        if not verdict.correct:
            summary += " " + msg.TRY_AGAIN
        return f"<b>{html.escape(summary)}</b><ul>{''.join(lines)}</ul>"


class MatchExercise(CategoriseExercise):
    """Match each phrase (statement) to one target (category), for many targets (e.g. the four
    handreikingen). Same widgets, data and answer format as categorise; its own messages.
    """

    RIGHT, WRONG = msg.MATCHED_RIGHT, msg.MATCHED_WRONG  # not 'ingedeeld' (issue 24, fourth walk)

    def _incomplete(self) -> str | None:
        done, total = self._progress()
        return msg.MATCH_FIRST.format(done=done, total=total) if done < total else None
