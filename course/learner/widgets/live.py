"""Feedback that a screen reader reads out without moving the focus (an ARIA live region).

Core ipywidgets cannot put ``aria-live`` on a widget's own element, and an HTML widget replaces
its content on every change. So each message comes inside its own ``role="alert"`` (the answer
to a click: Controleer, Hint) or ``role="status"`` (saved, answered) element: browsers announce
an alert when it is inserted; a status is polite and may be skipped when the reader is busy.
"""

from __future__ import annotations

import re

import ipywidgets as widgets

ROLES = ("status", "alert")
# Read out by a screen reader, not shown: for a message that repeats what is already on the screen (issue 24:
# a learner saw the parent's last reply twice, in the conversation and under the buttons).
SCREEN_READER_ONLY = (
    '<span class="oz-sr-only" style="position:absolute;width:1px;height:1px;padding:0;margin:-1px;'
    'overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0">{}</span>'
)
_WRAPPED = re.compile(r'^<div role="(?:status|alert)">(.*)</div>$', re.DOTALL)


class LiveHTML(widgets.HTML):
    """An HTML widget for feedback; set :attr:`text` (a polite status) or call :meth:`alert`."""

    def say(self, text: str, role: str = "status") -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, got {role!r}")
        self.value = f'<div role="{role}">{text}</div>' if text else ""

    def alert(self, text: str) -> None:
        self.say(text, "alert")

    @property
    def text(self) -> str:
        """The message without its live-region wrapper (HTML)."""
        found = _WRAPPED.match(self.value)
        return found[1] if found else self.value

    @text.setter
    def text(self, text: str) -> None:
        self.say(text)
