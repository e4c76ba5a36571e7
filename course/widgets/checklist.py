"""The self-check "Controleer of alles is ingevuld": lists unanswered graded items, never verdicts."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .. import messages as msg
from ..toets import checklist as progress_of


class Checklist:
    """A button that reports, for one lesson folder, which graded items are still (partly) open."""

    def __init__(self, lesson_id: str, folder: Path):
        self.lesson_id = lesson_id
        self.folder = folder
        self.button = widgets.Button(description=msg.CHECKLIST_BUTTON, tooltip=msg.CHECKLIST_TOOLTIP,
                                     icon="list", layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.report = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.run())
        self.widget = widgets.VBox([self.button, self.report])

    def run(self) -> str:
        """Fill in and return the report (HTML)."""
        rows = progress_of(self.lesson_id, self.folder)
        open_rows = [(label, done, total) for label, done, total in rows if done < total]
        if not rows:
            self.report.value = html.escape(msg.CHECKLIST_NONE)
        elif not open_rows:
            self.report.value = html.escape(msg.CHECKLIST_ALL.format(total=len(rows)))
        else:
            items = "".join(f"<li>{html.escape(label)}" + (f" ({done} van {total})" if done else "") + "</li>"
                            for label, done, total in open_rows)
            head = msg.CHECKLIST_OPEN.format(done=len(rows) - len(open_rows), total=len(rows))
            self.report.value = f"{html.escape(head)}<ul>{items}</ul>"
        return self.report.value

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
