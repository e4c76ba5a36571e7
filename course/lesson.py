"""The notebook-facing entry point: load a lesson, show its exercises and figures."""

from __future__ import annotations

import html
from pathlib import Path

from .content import find_item, load_lesson
from .store import AnswerStore
from .widgets import Checklist, Exercise, make_exercise


class Lesson:
    """A lesson's content plus the answer store of the folder it runs in."""

    def __init__(self, lesson_id: str, folder: str | Path | None = None):
        self.content = load_lesson(lesson_id)
        self.id = lesson_id
        self.store = AnswerStore.in_folder(folder)
        self.exercises: dict[str, Exercise] = {}

    @classmethod
    def load(cls, lesson_id: str, folder: str | Path | None = None) -> "Lesson":
        """Return the lesson; any problem with the answer file is shown in Dutch."""
        lesson = cls(lesson_id, folder)
        lesson.show_notices()
        return lesson

    def show_notices(self) -> list[str]:
        """Display (and return) the store's notices, e.g. a corrupt answer file set aside."""
        notices = list(self.store.notices)
        if notices:
            from IPython.display import display

            body = "".join(f"<p>⚠ {html.escape(n)}</p>" for n in notices)
            display({"text/html": f'<div role="alert">{body}</div>', "text/plain": "\n".join(notices)}, raw=True)
        return notices

    def exercise(self, item_id: str, mode: str | None = None) -> Exercise:
        """Return the widget of ``item_id`` (built once per lesson object)."""
        if item_id not in self.content["items"]:
            raise KeyError(f"lesson {self.id!r} has no item {item_id!r}; known: {', '.join(self.content['items'])}")
        if item_id not in self.exercises:
            self.exercises[item_id] = make_exercise(self.content["items"][item_id], self.store, mode)
        return self.exercises[item_id]

    def show(self, item_id: str, mode: str | None = None) -> None:
        """Display the widget of ``item_id`` (use :meth:`exercise` to get the widget itself).

        While nbgrader grades (read-only store) the answer is shown as text instead, so that the
        graded copy and the feedback show what the learner chose.
        """
        from IPython.display import display

        ex = self.exercise(item_id, mode)
        if self.store.read_only:
            text = ex.summary()
            display({"text/plain": text, "text/html": f"<pre>{html.escape(text)}</pre>"}, raw=True)
        else:
            display(ex)

    def checklist(self) -> Checklist:
        """Return the "Controleer of alles is ingevuld" widget of this lesson."""
        return Checklist(self.id, self.store.path.parent)

    def figure(self, name: str) -> None:
        """Display the course figure ``name`` with its alt text and caption."""
        from . import figures, plots

        fig, alt, caption = figures.build(name)
        plots.show_figure(fig, alt, caption)


_OPEN: dict[tuple[str, Path], Lesson] = {}


def open_lesson(lesson_id: str, folder: str | Path | None = None) -> Lesson:
    """Return the lesson of ``folder`` (default: the working directory) in this kernel.

    The first call loads it and shows any answer-file notice; later calls return the same
    object, so every cell can call this on its own and cells work in any order.
    """
    key = (lesson_id, Path(folder if folder is not None else Path.cwd()).resolve())
    if key not in _OPEN:
        _OPEN[key] = Lesson.load(lesson_id, key[1])
    return _OPEN[key]


def show(item_id: str) -> None:
    """Display the exercise ``item_id`` of its lesson (found by the course-wide unique id)."""
    lesson_id, _item = find_item(item_id)
    open_lesson(lesson_id).show(item_id)


def figure(lesson_id: str, name: str) -> None:
    """Display figure ``name`` of lesson ``lesson_id``."""
    open_lesson(lesson_id).figure(name)


def checklist(lesson_id: str) -> None:
    """Display the self-check of lesson ``lesson_id`` ("Controleer of alles is ingevuld")."""
    from IPython.display import display

    lesson = open_lesson(lesson_id)
    check = lesson.checklist()
    if lesson.store.read_only:  # graded copy: the report as text, not a dead widget
        report = check.run()
        display({"text/html": report, "text/plain": report}, raw=True)
    else:
        display(check)
