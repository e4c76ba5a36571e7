"""The word count under a reflection cell: "Tel mijn woorden" counts what the saved notebook holds.

A reflection is a Markdown cell (nbgrader collects it), and a Markdown cell cannot count its own
words, so a button under it reads the saved notebook, as the self-check does, and says how many words
there are against the range the lesson asks (the item's ``words``). A count, never a grade.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.widgets.selfcheck import reflection_words
from course.store import AnswerStore


class WordCount(Block):
    """A button and a line: the words of one reflection, as saved, against the range asked."""

    def __init__(self, lesson: dict[str, Any], item_id: str, store: AnswerStore):
        self.lesson = lesson
        self.item = lesson["items"][item_id]
        if self.item["type"] != "reflection":
            raise ValueError(f"item {item_id!r} is a {self.item['type']}, not a reflection: nothing to count")
        self.store = store
        self.button = widgets.Button(
            description=msg.WORDS_BUTTON,
            tooltip=msg.WORDS_TOOLTIP,
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.report = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.run())
        self.widget = widgets.VBox([self.button, self.report])

    @property
    def notebook(self) -> Path:
        return self.store.path.parent / f"{self.lesson['lesson']}.ipynb"

    def text(self) -> str:
        """The count as plain Dutch text: the line for this reflection, then the reminder to save (an empty count
        says to save in its own line)."""
        words = reflection_words({"items": {self.item["id"]: self.item}}, self.notebook)
        if words is None:
            return msg.SELFCHECK_NO_NOTEBOOK.format(name=self.notebook.name)
        ((label, n),) = words
        fewest, most = self.item["words"]
        fields = {"label": label, "words": n, "fewest": fewest, "most": most, "more": fewest - n}
        line = (
            msg.WORDS_NONE
            if n == 0
            else msg.WORDS_SHORT
            if n < fewest
            else msg.WORDS_LONG
            if n > most
            else msg.WORDS_FITS
        )
        if n == 0:  # its own line already says to save first
            return line.format(**fields)
        return f"{line.format(**fields)}\n{msg.WORDS_SAVE_FIRST}"

    def run(self) -> str:
        """Count, show and return the report (HTML)."""
        self.report.value = "".join(f"<p>{html.escape(line)}</p>" for line in self.text().splitlines())
        return self.report.value
