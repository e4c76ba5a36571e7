"""'Inleveren: download de map': the lesson folder as a zip, under the self-check of every lesson (the browser edition,
a laptop, the hub).

A button builds the zip in the kernel (course/learner/browser_edition.py) and shows a download link (a
``data:`` URL with a ``download`` name); the learner clicks it, and the browser saves the zip to
the Downloads folder. The name is the lesson's own; learner text is only inside the zip.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.browser_edition import handin_zip


class HandInDownload(Block):
    """A button that prepares the lesson folder as a zip and offers it as a download."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.button = widgets.Button(
            description=msg.DOWNLOAD_BUTTON,
            tooltip=msg.DOWNLOAD_TOOLTIP,  # no icon: its glyph would start the button's accessible name
            layout=widgets.Layout(width="auto"),
        )
        self.link = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.prepare())
        self.widget = widgets.VBox(
            [widgets.HTML(value=f"<p>{html.escape(msg.DOWNLOAD_INTRO)}</p>"), self.button, self.link]
        )

    def prepare(self) -> str:
        """Build the zip now (the answers as saved this moment) and show the link; return its HTML."""
        name, data = handin_zip(self.folder)
        href = "data:application/zip;base64," + base64.b64encode(data).decode("ascii")
        self.link.value = (
            f'<p role="status">⬇ <a href="{href}" download="{html.escape(name)}">'
            f"{html.escape(msg.DOWNLOAD_LINK.format(name=name))}</a></p>"
        )
        return self.link.value

    def text(self) -> str:
        return msg.DOWNLOAD_INTRO
