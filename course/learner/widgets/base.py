"""Shared behaviour of every exercise widget: mode, saving, restoring and the feedback line."""

from __future__ import annotations

import getpass
import html
import os
import random
import time
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner.widgets.live import LiveHTML
from course.scoring import JUDGED_TYPES, Verdict, formative_key, judge, progress
from course.store import AnswerStore

MODES = ("formative", "graded")

# ipywidgets gives every radio button and checkbox label a fixed height of one line
# (@jupyter-widgets/controls: `.jupyter-widget-radio-box label {height: var(--jp-widgets-radio-item-height)}`).
# A long option wraps on a narrow screen and runs into the next one, and a click on its second line picks
# the next option (issue 24, seen in a learner's walk with the file browser open). The course's own CSS
# lets its labels grow; it reaches the page inside the exercise (an HTML widget sets innerHTML), so it
# works in every JupyterLab, the hub and the browser edition alike. Scoped to the course's class.
OPTION_CLASS = "oz-options"
RADIO = f".{OPTION_CLASS} .widget-radio-box, .{OPTION_CLASS} .jupyter-widget-radio-box"
OPTION_CSS = (
    "<style>"
    # radio buttons: the label grows with its text, the circle stays in front of it (ipywidgets floats the
    # circle left, which a flex box ignores: hence `order`)
    f"{RADIO.replace(',', ' label,')} label{{height:auto!important;line-height:1.35!important;"
    "white-space:normal!important;display:flex!important;align-items:flex-start;padding:3px 0;overflow:visible!important}"
    f"{RADIO.replace(',', ' input,')} input{{order:-1;height:auto!important;line-height:normal!important;"
    "margin-top:0.2em!important;flex:0 0 auto}"
    # checkboxes: the same for their label (input, then the text in a span)
    f".{OPTION_CLASS} .widget-checkbox,.{OPTION_CLASS} .jupyter-widget-checkbox{{height:auto!important}}"
    f".{OPTION_CLASS} .widget-label-basic{{height:auto!important;white-space:normal!important;display:flex!important;"
    "align-items:flex-start;overflow:visible!important}"
    f".{OPTION_CLASS} .widget-label-basic input{{order:-1;flex:0 0 auto;margin-top:0.2em}}"
    f".{OPTION_CLASS} .widget-label-basic span{{white-space:normal!important;overflow:visible!important;"
    "text-overflow:clip!important}"
    # a text box: its label left above it, and the learner's words in the page's font, not like code
    f".{OPTION_CLASS} .widget-label{{text-align:left!important}}"
    f".{OPTION_CLASS} textarea{{font-family:var(--jp-ui-font-family)!important;font-size:var(--jp-ui-font-size1)}}"
    f".{OPTION_CLASS} select{{padding-right:2em!important}}"  # a long category clear of the arrow
    "</style>"
)

# The only tags course-written feedback may use: the lessons quote the seeds in <i>'...'</i>.
FEEDBACK_TAGS = ("i", "b")


def course_markup(text: str) -> str:
    """Course-written feedback as HTML: everything escaped, then only <i>, </i>, <b> and </b>
    restored, so a quote shows in italics and nothing else in the text can become markup."""
    out = html.escape(text)
    for tag in FEEDBACK_TAGS:
        out = out.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(f"&lt;/{tag}&gt;", f"</{tag}>")
    return out


class Exercise(Block):
    """One exercise item shown as a widget and bound to the answer store.

    Subclasses build ``controls`` (the input widgets) and implement :meth:`_read`,
    :meth:`_write`, :meth:`_is_valid`, :meth:`_answer_lines` and :meth:`_feedback_html` (which
    turns the engine's :class:`~course.scoring.Verdict` into Dutch). In formative mode a
    "Controleer" button shows feedback and the learner may retry; in graded mode every change is
    saved and a live status line says whether the question is answered, never whether it is
    right. Both modes save on every change. Judging is done by :mod:`course.scoring` only.
    """

    lesson: str | None = None  # the lesson it is shown in (its feedback does not point to that lesson)

    def __init__(self, item: dict[str, Any], store: AnswerStore, mode: str | None = None):
        mode = mode or item["mode"]
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if mode == "formative" and not self._has_key(item):
            raise ValueError(f"item {item['id']!r} has no answer key, so it cannot be formative")
        self.item = item
        self.store = store
        store.on_saved_later(self._saved_later)
        self.mode = mode
        self.feedback = LiveHTML(value="")
        self._verdict_html = ""  # the last Controleer's feedback while the answer is unchanged (a hint goes under it)
        self.check_button = widgets.Button(
            description=msg.CHECK_BUTTON,
            tooltip=msg.CHECK_TOOLTIP,
            button_style="primary",
            disabled=(mode != "formative"),
            layout=widgets.Layout(width="auto", flex="0 0 auto"),
        )
        self.check_button.on_click(lambda _button: self.check())
        self.hint_button = widgets.Button(
            description=msg.HINT_BUTTON,
            tooltip=msg.HINT_TOOLTIP,
            disabled=(mode != "formative" or "hint" not in item),
            layout=widgets.Layout(width="auto", flex="0 0 auto"),
        )
        self.hint_button.on_click(lambda _button: self.hint())
        self._restoring = True
        self.controls = self._build_controls()
        self._restore()
        self._restoring = False
        if mode == "graded" and not self.feedback.value:  # a restored answer, or none yet
            self.feedback.text = html.escape(self._status())
        header = widgets.HTML(value=f"<b>{html.escape(item.get('label', ''))}</b> {item['prompt']}")
        buttons = [self.check_button, *([self.hint_button] if "hint" in item else [])] if mode == "formative" else []
        # Feedback goes below the buttons: full width to read, and it never squeezes a button.
        self.controls.add_class(OPTION_CLASS)
        self.widget = widgets.VBox(
            [
                header,
                self.controls,
                *([widgets.HBox(buttons)] if buttons else []),
                self.feedback,
                widgets.HTML(value=OPTION_CSS),  # last: takes no room
            ],
            layout=widgets.Layout(border="1px solid #bbb", padding="8px", margin="8px 0"),
        )

    # -- to implement ---------------------------------------------------------------------
    @staticmethod
    def _has_key(item: dict[str, Any]) -> bool:
        """Return whether ``item`` carries what formative feedback needs (its own key)."""
        try:
            formative_key(item)
        except (StopIteration, KeyError):
            return False
        return True

    def _build_controls(self) -> widgets.Widget:
        raise NotImplementedError

    def _read(self) -> Any:
        """Return the current answer as a JSON value (None when nothing is given)."""
        raise NotImplementedError

    def _write(self, value: Any) -> None:
        """Put a stored answer back into the controls."""
        raise NotImplementedError

    def _is_valid(self, value: Any) -> bool:
        """Return whether a stored answer fits this item (options may have changed)."""
        raise NotImplementedError

    def _progress(self) -> tuple[int, int]:
        """Return (parts answered, parts in total), from the engine."""
        return progress(self.item, self._read())

    def _incomplete(self) -> str | None:
        """Return why the current answer cannot be checked yet (None when it can)."""
        return msg.CHOOSE_FIRST if self._read() is None else None

    def _feedback_html(self, verdict: Verdict) -> str:
        """Return the formative feedback for the current answer, given the engine's verdict."""
        raise NotImplementedError

    def _answer_lines(self) -> list[str]:
        """Return the current answer as plain Dutch text lines (empty when unanswered)."""
        raise NotImplementedError

    def text(self) -> str:
        """Return the item and the learner's answer as plain text (used in graded copies)."""
        lines = self._answer_lines()
        head = f"{self.item.get('label', self.item_id)}"
        if not lines:
            return f"{head}\n{msg.NO_ANSWER}"
        return "\n".join([head, msg.YOUR_ANSWER, *(f"  {line}" for line in lines)])

    # -- shared behaviour -----------------------------------------------------------------
    @property
    def item_id(self) -> str:
        return self.item["id"]

    @property
    def answer(self) -> Any:
        """The current answer as stored (JSON value), or None."""
        return self._read()

    def verdict(self) -> Verdict:
        """Return the engine's judgement of the current answer against the item's own key."""
        return judge(self.item, self._read(), formative_key(self.item))

    def check(self) -> str:
        """Show (formative) feedback for the current answer and return it as HTML."""
        if self.mode != "formative":
            raise RuntimeError("check() is for formative exercises; graded ones never reveal correctness")
        waiting = self._incomplete()
        if waiting:
            self.feedback.alert(html.escape(waiting))
        else:
            verdict = self.verdict() if self.item["type"] in JUDGED_TYPES else Verdict(0, 0, 0.0)
            self._verdict_html = self._feedback_html(verdict)
            self.feedback.alert(self._verdict_html)
        return self.feedback.text

    def _status(self) -> str:
        """Return the graded item's live status line: answered or not, never right or wrong."""
        done, total = self._progress()
        if done == 0:
            return self._empty_line()
        if done < total:
            return msg.LIVE_PARTIAL.format(done=done, total=total)
        return msg.LIVE_ANSWERED

    def hint(self) -> str:
        """Show the item's hint (formative only) and return it."""
        if self.hint_button.disabled:
            raise RuntimeError(f"item {self.item_id!r} offers no hint in {self.mode} mode")
        hint = f"<b>{html.escape(msg.HINT_PREFIX)}</b> {html.escape(self.item['hint'])}"
        # under the verdict of Controleer, not instead of it (tenth walk: the hint hid "✘ Nog niet goed.")
        self.feedback.alert(f"{self._verdict_html}<br>{hint}" if self._verdict_html else hint)
        return self.feedback.text

    def _restore(self) -> None:
        stored = self.store.get(self.item_id)
        if stored is None:
            return
        if self._is_valid(stored):
            self._write(stored)
        else:
            text = html.escape(msg.RESTORED_INVALID)
            if self.mode == "graded":  # and say the question is open again
                text += "<br>" + html.escape(msg.LIVE_EMPTY)
            self.feedback.text = text

    def _on_change(self, _change: Any = None) -> None:
        if self._restoring:
            return
        try:
            self.store.set(self.item_id, self._read())
        except OSError as exc:
            self.feedback.alert(html.escape(msg.save_failed(exc)))
            return
        if self.store.read_only:
            self.feedback.text = html.escape(msg.READ_ONLY)
        elif self.mode == "graded":
            done, total = self._progress()
            stamp = time.strftime(msg.TIME_FORMAT)
            if done == 0:
                text = self._empty_line()
            elif done < total:
                text = msg.SAVED_PARTIAL.format(time=stamp, done=done, total=total)
            else:
                text = self._saved_line(stamp)
            self.feedback.text = html.escape(text)
        else:
            self.feedback.text = ""  # stale feedback would describe the previous answer
            self._verdict_html = ""

    def _empty_line(self) -> str:
        """Return the graded status line while nothing is answered."""
        return msg.LIVE_EMPTY

    def _saved_line(self, stamp: str) -> str:
        """Return the graded status line after a save of a complete answer (``stamp``: the time)."""
        return msg.SAVED.format(time=stamp)

    def _saved_later(self, items: list[str]) -> None:
        """A background retry saved this item's answer: say so (replacing "not saved yet")."""
        if self.item_id in items:
            self.feedback.text = html.escape(msg.saved_later())


def learner_id() -> str:
    """Return a name for the learner that stays the same across kernel restarts."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name on this system
        user = "leerling"
    return os.environ.get("JUPYTERHUB_USER") or user


def stable_order(entries: list[dict[str, Any]], item_id: str, shuffle: bool = True) -> list[dict[str, Any]]:
    """Return ``entries`` shuffled in an order that is the same for one learner every time."""
    entries = list(entries)
    if shuffle:
        random.Random(f"{learner_id()}:{item_id}").shuffle(entries)
    return entries


def make_exercise(
    item: dict[str, Any], store: AnswerStore, mode: str | None = None, lesson: str | None = None
) -> Exercise:
    """Return the exercise widget for ``item`` according to its type; ``lesson``: the lesson it is shown in."""
    from course.learner.widgets.categorise import CategoriseExercise, MatchExercise
    from course.learner.widgets.choice import ChoiceExercise, MultiSelectExercise
    from course.learner.widgets.open_text import OpenTextExercise
    from course.learner.widgets.order import OrderExercise

    kinds = {
        "choice": ChoiceExercise,
        "multiselect": MultiSelectExercise,
        "categorise": CategoriseExercise,
        "match": MatchExercise,
        "order": OrderExercise,
        "open_text": OpenTextExercise,
    }
    try:
        cls = kinds[item["type"]]
    except KeyError:
        raise ValueError(f"unknown exercise type {item.get('type')!r}; expected one of {sorted(kinds)}") from None
    exercise = cls(item, store, mode)
    exercise.lesson = lesson
    return exercise
