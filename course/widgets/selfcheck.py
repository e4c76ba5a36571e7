"""The self-check "Controleer of alles is ingevuld": lists unanswered graded items, never verdicts."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from ..display import Block
from ..scoring import progress
from ..store import AnswerStore


def open_items(lesson: dict[str, Any], store: AnswerStore) -> list[tuple[str, int, int]]:
    """Return (label, parts answered, parts in total) of every graded item kept in the answer file."""
    return [(item["label"], *progress(item, store.get(item_id)))
            for item_id, item in lesson["items"].items()
            if item["mode"] == "graded" and item["type"] != "reflection"]


class SelfCheck(Block):
    """A button that reports, for one lesson folder, which graded items are still (partly) open."""

    def __init__(self, lesson: dict[str, Any], store: AnswerStore):
        self.lesson = lesson
        self.store = store
        self.button = widgets.Button(description=msg.SELFCHECK_BUTTON, tooltip=msg.SELFCHECK_TOOLTIP,
                                     icon="list", layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.report = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.run())
        self.widget = widgets.VBox([self.button, self.report])

    def run(self) -> str:
        """Fill in and return the report (HTML), from the answer file as it is now."""
        self.store.reload()
        rows = open_items(self.lesson, self.store)
        open_rows = [(label, done, total) for label, done, total in rows if done < total]
        if not rows:
            self.report.value = html.escape(msg.SELFCHECK_NONE)
        elif not open_rows:
            self.report.value = html.escape(msg.SELFCHECK_ALL_ONE if len(rows) == 1
                                            else msg.SELFCHECK_ALL.format(total=len(rows)))
        else:
            items = "".join(f"<li>{html.escape(label)}" + (f" ({done} van {total})" if done else "") + "</li>"
                            for label, done, total in open_rows)
            head = msg.SELFCHECK_OPEN.format(done=len(rows) - len(open_rows), total=len(rows))
            self.report.value = f"{html.escape(head)}<ul>{items}</ul>"
        return self.report.value

    def text(self) -> str:
        report = self.run()
        return html.unescape(report.replace("<li>", "\n- ").replace("<ul>", "").replace("</li>", "").replace("</ul>", ""))

    def html(self) -> str:
        return self.run()
