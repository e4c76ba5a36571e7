"""The one display contract of everything a lesson shows: a live widget, or fixed text while graded.

Every block (exercise, figure, self-check, trust-model widget) subclasses :class:`Block`: it gives
``text()`` (plain Dutch text of what it shows: the answer given, a figure's alt text) and either a
``widget`` (ipywidgets, live) or ``html()`` (static). :func:`bundle` turns a block into what
Jupyter displays; while nbgrader grades, a block is shown as its static form, never as a dead widget.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

# The end of a folded block's summary that says how to open it: hidden once it is open (CSS in
# course/learner/widgets/frame.py; thirteenth walk: "(klik om te openen)" still stood above the open table)
OPEN_HINT = re.compile(r"\s*(\(klik om [^)]*\))$")
OPEN_HINT_CLASS = "ouders-zien-open-hint"


class Block:
    """Base of everything :func:`course.show` displays."""

    widget: Any = None  # the live ipywidgets view, if the block is interactive

    def text(self) -> str:
        """Return what the block shows as plain Dutch text."""
        raise NotImplementedError

    def html(self) -> str:
        """Return the static HTML of the block (default: its text, preformatted)."""
        return f"<pre>{_html.escape(self.text())}</pre>"

    def bundle(self, live: bool = True) -> dict[str, Any]:
        """Return the MIME bundle to display: the widget view when ``live`` and interactive,
        else the static HTML; ``text/plain`` is always :meth:`text` (for screen readers and
        plain-text front ends, and what nbval and nbgrader read). A live widget is shown in the course's frame
        (:mod:`course.learner.widgets.frame`: a Dutch notice once its kernel is gone)."""
        if live and self.widget is not None:
            from course.learner.widgets.frame import framed

            data = dict(framed(self.widget)._repr_mimebundle_())
        else:
            data = {"text/html": self.html()}
        data["text/plain"] = self.text()
        return data

    def _repr_mimebundle_(self, **_kwargs: Any) -> dict[str, Any]:
        return self.bundle(live=True)


def folded(summary: str, body: str) -> str:
    """``body`` (HTML) folded under ``summary`` (text, escaped here), which the learner clicks to open."""
    found = OPEN_HINT.search(summary)
    head = _html.escape(summary[: found.start()] if found else summary)
    hint = f' <span class="{OPEN_HINT_CLASS}">{_html.escape(found[1])}</span>' if found else ""
    return f"<details><summary><b>{head}{hint}</b></summary>{body}</details>"


def present(block: Block, live: bool) -> None:
    """Display ``block`` in the notebook: live, or (while graded) in its static form."""
    from IPython.display import display

    display(block.bundle(live=live), raw=True)
