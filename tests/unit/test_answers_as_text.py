"""Answer values are learner text too: antwoorden.json is the learner's file, so while nbgrader grades
(the store read-only), every block of every lesson shows a stored string as text, never as HTML.

These graded copies are what the formgrader and the feedback show (course/display.py: a block's
static HTML); their text/html is also cleaned at render (course/lecturer/lecturer_view.py), this is the
first line."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from course.content import lesson_ids, load_lesson
from course.learner.lesson import Lesson
from course.store import GRADING_ENV, STORE_NAME

VECTOR = '<img src=x onerror="alert(1)"><script>alert(2)</script><svg onload=alert(3)> $\\href{javascript:x}{y}$'
SKIP_KINDS = {"figure", "trust_rules"}  # course content only: nothing of the learner's


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def blocks(lesson_id: str) -> list[str]:
    content = load_lesson(lesson_id)
    return [i for i, item in content["items"].items() if item["type"] != "reflection"] + [
        b for b, spec in content["blocks"].items() if spec["kind"] not in SKIP_KINDS
    ]


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_every_block_shows_stored_strings_as_text_while_graded(lesson_id, tmp_path, monkeypatch):
    content = load_lesson(lesson_id)
    answers = {item_id: VECTOR for item_id in content["items"]}
    answers[VECTOR] = VECTOR  # an unknown id
    (tmp_path / STORE_NAME).write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")
    monkeypatch.setenv(GRADING_ENV, "1")
    lesson = Lesson(lesson_id, tmp_path)
    shown_as_text = 0
    for block_id in blocks(lesson_id):
        html = lesson.block(block_id).bundle(live=False)["text/html"]
        for tag, attrs in Tags(html).found:
            assert tag not in {"script", "svg", "iframe", "object", "embed"}, (block_id, tag)
            assert not [a for a in attrs if a.startswith("on")], (block_id, tag, attrs)
            assert tag != "img" or attrs.get("src", "").startswith("data:image/png;base64,"), (block_id, attrs)
        shown_as_text += "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    open_text = [i for i, item in content["items"].items() if item["type"] == "open_text"]
    assert shown_as_text >= len(open_text)  # an open answer is shown: as text
