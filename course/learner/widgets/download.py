"""'Inleveren: download de map': the lesson folder as a zip, under the self-check of every lesson (the browser edition,
a laptop, the hub).

A button builds the zip in the kernel (course/learner/browser_edition.py) and shows a download link (a
``data:`` URL with a ``download`` name); the learner clicks it, and the browser saves the zip to
the Downloads folder. The name is the lesson's own with the time the zip was made (msg.DOWNLOAD_NAME); learner text is
only inside the zip.
"""

from __future__ import annotations

import base64
import html
import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.browser_edition import handin_zip


class HandInDownload(Block):
    """A button that prepares the lesson folder as a zip and offers it as a download."""

    def __init__(self, folder: Path, still_open: Callable[[], tuple[list[str], int]] | None = None):
        """``still_open``: what the saved lesson still lacks, in Dutch (the self-check's list), and how many of those
        are reflections (only a reflection needs Ctrl+S: answers are kept when given), asked at each click."""
        self.folder = Path(folder)
        self.still_open = still_open
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
        folder_zip, data = handin_zip(self.folder)
        now = time.localtime()
        name = msg.DOWNLOAD_NAME.format(lesson=Path(folder_zip).stem, time=time.strftime(msg.DOWNLOAD_NAME_TIME, now))
        href = "data:application/zip;base64," + base64.b64encode(data).decode("ascii")
        rows, reflections = self.still_open() if self.still_open else ([], 0)
        warning = ""
        if rows:
            answer_first = len(rows) > reflections  # more open than reflections: toets items, Mijn gesprek
            said = [
                msg.DOWNLOAD_STILL_OPEN.format(rows="; ".join(rows)),
                *([msg.DOWNLOAD_ANSWER_FIRST] if answer_first else []),
                *([msg.DOWNLOAD_SAVE_REFLECTION] if reflections else []),
                msg.DOWNLOAD_CLICK_AGAIN,
            ]
            warning = f"<p>{html.escape(' '.join(said))}</p>"
        made = msg.DOWNLOAD_MADE.format(time=time.strftime(msg.TIME_FORMAT, now))
        self.link.value = (
            f'<div role="status">{warning}<p>⬇ <a href="{href}" download="{html.escape(name)}">'
            f"{html.escape((msg.DOWNLOAD_LINK_INCOMPLETE if rows else msg.DOWNLOAD_LINK).format(name=name))}</a></p>"
            f"<p>{html.escape(made)} {html.escape(msg.DOWNLOAD_AGAIN_AFTER_SAVE)}</p></div>"
        )
        return self.link.value

    def text(self) -> str:
        return msg.DOWNLOAD_INTRO
