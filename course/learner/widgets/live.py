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
