"""Accessible names of the course's controls, checked on the widgets of every block of every lesson
(no browser): a button is named by its text alone, and every drop-down and text box carries a
label (its ``description``, which ipywidgets ties to the control with ``<label for>``)."""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as widgets
import pytest

from course.content import lesson_ids, load_lesson
from course.learner.lesson import Lesson

EXERCISE_TYPES = {"choice", "multiselect", "categorise", "match", "order", "open_text"}


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def controls(lesson_id: str, folder) -> Iterator[tuple[str, widgets.Widget]]:
    lesson = Lesson(lesson_id, folder)
    data = load_lesson(lesson_id)
    shown = [i for i, item in data["items"].items() if item["type"] in EXERCISE_TYPES]
    for block_id in [*shown, *data.get("blocks", {})]:
        root = getattr(lesson.block(block_id), "widget", None)
        if isinstance(root, widgets.Widget):
            for widget in walk(root):
                yield block_id, widget


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_buttons_are_named_by_their_text_not_an_icon(lesson_id, tmp_path):
    buttons = [(b, w) for b, w in controls(lesson_id, tmp_path) if isinstance(w, widgets.Button)]
    # an icon glyph from the icon font would start the button's accessible name ("\uf00c Controleer")
    assert [(b, w.description, w.icon) for b, w in buttons if w.icon or not w.description.strip()] == []


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_drop_downs_and_text_boxes_carry_a_label(lesson_id, tmp_path):
    found = [(b, w) for b, w in controls(lesson_id, tmp_path) if isinstance(w, (widgets.Dropdown, widgets.Textarea))]
    assert [(b, type(w).__name__) for b, w in found if not w.description.strip()] == []
