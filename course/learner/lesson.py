"""The notebook entry points. Every generated cell calls one of them, always as (lesson id, id):

- ``open_lesson(lesson)``: the set-up cell; reports a problem with the answer file in Dutch;
- ``show(lesson, id)``: an exercise, figure, self-check or trust-model widget of the lesson;
- ``grade(lesson, item, key)``: the hidden test of a grade cell (only in grading/source).

Each cell works on its own: the lesson is opened on first use in a kernel, so a learner who
restarts the kernel and runs one cell gets no NameError.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from course import messages as msg
from course.content import load_lesson
from course.store import AnswerStore


class Lesson:
    """A lesson's content plus the answer store of the folder it runs in."""

    def __init__(self, lesson_id: str, folder: str | Path | None = None):
        self.content = load_lesson(lesson_id)
        self.id = lesson_id
        self.store = AnswerStore.in_folder(folder)
        self._blocks: dict[str, Any] = {}

    @property
    def live(self) -> bool:
        """False while nbgrader grades: blocks are then shown in their static form."""
        return not self.store.read_only

    def show_notices(self) -> list[str]:
        """Display (and return) the store's notices, e.g. a corrupt answer file set aside. In the
        browser edition, also where the answers are kept and the download of the lesson folder."""
        from IPython.display import display

        from course.learner import browser_edition

        notices = list(self.store.notices)
        if notices:
            body = "".join(f"<p>⚠ {html.escape(n)}</p>" for n in notices)
            display({"text/html": f'<div role="alert">{body}</div>', "text/plain": "\n".join(notices)}, raw=True)
        if browser_edition.IN_BROWSER and self.live:
            from course.learner.widgets.download import HandInDownload
            from course.messages import BROWSER_NOTICE

            display({"text/html": f"<p>{html.escape(BROWSER_NOTICE)}</p>", "text/plain": BROWSER_NOTICE}, raw=True)
            display(HandInDownload(self.store.path.parent))
            notices.append(BROWSER_NOTICE)
        return notices

    def block(self, block_id: str) -> Any:
        """Return the block ``block_id`` (an exercise widget, figure, ...), built once per lesson."""
        if block_id not in self._blocks:
            from course.learner.blocks import build

            self._blocks[block_id] = build(self, block_id)
        return self._blocks[block_id]

    def show(self, block_id: str) -> None:
        """Display block ``block_id``: live, or as text while nbgrader grades."""
        from course.display import present

        present(self.block(block_id), live=self.live)

    def grade(self, item_id: str, key: Any) -> float:
        """Return the points earned on the graded item ``item_id`` and print them in Dutch."""
        from course.scoring import points

        item = self.content["items"].get(item_id)
        if item is None or item["mode"] != "graded":
            raise ValueError(f"lesson {self.id!r} has no graded item {item_id!r}")
        self.store.reload()
        answer = self.store.get(item_id)
        earned = points(item, answer, key)
        if answer is None:
            print(msg.GRADED_NOT_ANSWERED.format(label=item["label"]))
        else:
            print(
                msg.GRADED_SCORE.format(
                    label=item["label"], points=msg.number(earned), max_points=msg.points_label(item["points"])
                )
            )
        return earned


_OPEN: dict[tuple[str, Path], Lesson] = {}


def open_lesson(lesson_id: str, folder: str | Path | None = None) -> Lesson:
    """Return the lesson of ``folder`` (default: the working directory) in this kernel.

    The first call loads it and shows any answer-file notice; later calls return the same
    object, so every cell can call this on its own and cells work in any order.
    """
    key = (lesson_id, Path(folder if folder is not None else Path.cwd()).resolve())
    if key not in _OPEN:
        lesson = Lesson(lesson_id, key[1])
        lesson.show_notices()
        _OPEN[key] = lesson
    return _OPEN[key]


def show(lesson_id: str, block_id: str) -> None:
    """Display ``block_id`` (an item or block of the lesson's data) of lesson ``lesson_id``."""
    open_lesson(lesson_id).show(block_id)


def grade(lesson_id: str, item_id: str, key: Any) -> float:
    """Return the points for ``item_id``; nbgrader takes this float as the grade cell's score."""
    return open_lesson(lesson_id).grade(item_id, key)
