"""The self-check "Controleer of alles is ingevuld": lists unanswered graded items, never verdicts."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.scoring import progress
from course.store import AnswerStore


def open_items(lesson: dict[str, Any], store: AnswerStore) -> list[tuple[str, int, int]]:
    """Return (label, parts answered, parts in total) of every graded item kept in the answer file."""
    return [
        (item["label"], *progress(item, store.get(item_id)))
        for item_id, item in lesson["items"].items()
        if item["mode"] == "graded" and item["type"] != "reflection"
    ]


class SelfCheck(Block):
    """A button that reports, for one lesson folder, which graded items are still (partly) open."""

    def __init__(self, lesson: dict[str, Any], store: AnswerStore):
        self.lesson = lesson
        self.store = store
        self.button = widgets.Button(
            description=msg.SELFCHECK_BUTTON,
            tooltip=msg.SELFCHECK_TOOLTIP,
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.report = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.run())
        self.widget = widgets.VBox([self.button, self.report])
        from course.learner import browser_edition

        if browser_edition.IN_BROWSER:  # the browser edition hands in a download of the folder
            from course.learner.widgets.download import HandInDownload

            self.download = HandInDownload(store.path.parent)
            self.widget.children = (*self.widget.children, self.download.widget)

    def _report(self) -> tuple[str, list[str]]:
        """Return the head line and the open items, from the answer file as it is now."""
        self.store.reload()
        rows = open_items(self.lesson, self.store)
        open_rows = [f"{label} ({done} van {total})" if done else label for label, done, total in rows if done < total]
        if not rows:
            return msg.SELFCHECK_NONE, []
        if not open_rows:
            return (msg.SELFCHECK_ALL_ONE if len(rows) == 1 else msg.SELFCHECK_ALL.format(total=len(rows))), []
        return msg.SELFCHECK_OPEN.format(done=len(rows) - len(open_rows), total=len(rows)), open_rows

    def run(self) -> str:
        """Fill in and return the report (HTML). The lesson is about to be handed in: its answer
        file gets the learner's name and number now (course/identity.py), if they were given."""
        try:
            self.store.stamp_identity()
        except OSError:
            pass  # the report below is what the learner asked for; the next saved answer carries them
        self.report.value = self.html()
        return self.report.value

    def text(self) -> str:
        head, open_rows = self._report()
        return "\n".join([head, *(f"- {row}" for row in open_rows)])

    def html(self) -> str:
        head, open_rows = self._report()
        items = "".join(f"<li>{html.escape(row)}</li>" for row in open_rows)
        return html.escape(head) + (f"<ul>{items}</ul>" if items else "")
