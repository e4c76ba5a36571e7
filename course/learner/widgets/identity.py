"""Lesson 00's "Wie ben je?": name and student number, given once, checked, changeable (course/identity.py)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from course import identity
from course import messages as msg
from course.display import Block
from course.store import AnswerStore


class IdentityBlock(Block):
    """Two text fields and a button; the name and number go with every hand-in."""

    def __init__(self, store: AnswerStore):
        self.store = store
        known = None if store.read_only else identity.load()
        self.name = widgets.Text(
            description=msg.IDENTITY_NAME_LABEL,
            value=(known or {}).get("naam", ""),
            style={"description_width": "9em"},
            layout=widgets.Layout(width="30em"),
        )
        self.number = widgets.Text(
            description=msg.IDENTITY_NUMBER_LABEL,
            value=(known or {}).get("nummer", ""),
            style={"description_width": "9em"},
            layout=widgets.Layout(width="20em"),
        )
        self.button = widgets.Button(description=msg.IDENTITY_BUTTON, button_style="primary")
        self.message = widgets.HTML(value=f'<p role="status">{html.escape(self._known_text(known))}</p>')
        self.button.on_click(lambda _: self.save())
        self.widget = widgets.VBox([self.name, self.number, self.button, self.message])

    @staticmethod
    def _known_text(known: dict[str, str] | None) -> str:
        return msg.IDENTITY_KNOWN.format(**known) if known else msg.IDENTITY_ASK

    def save(self) -> bool:
        """Check and keep what was typed; say in Dutch what happened. Return whether it was kept."""
        try:
            who = identity.save(self.name.value, self.number.value)
        except ValueError as exc:
            self.message.value = f'<p role="alert">{html.escape(msg.IDENTITY_NOT_SAVED.format(why=exc))}</p>'
            return False
        except OSError as exc:
            self.message.value = (
                f'<p role="alert">{html.escape(msg.IDENTITY_FAILED.format(why=exc.strerror or exc))}</p>'
            )
            return False
        self.name.value, self.number.value = who["naam"], who["nummer"]
        try:
            self.store.stamp_identity()
        except OSError:
            pass  # the next answer saved in this lesson carries it along
        self.message.value = f'<p role="status">{html.escape(msg.IDENTITY_SAVED.format(**who))}</p>'
        return True

    def text(self) -> str:
        if self.store.read_only:  # graded on the lecturer's machine: the hand-in's answer file says who
            return msg.IDENTITY_TEXT_GRADED
        known = identity.load()
        return msg.IDENTITY_KNOWN.format(**known) if known else msg.IDENTITY_TEXT_NONE
