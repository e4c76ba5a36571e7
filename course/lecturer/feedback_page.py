"""The learner's feedback page, in plain Dutch, and whether it is still up to date.

nbgrader's ``generate_feedback`` renders the graded notebook with an ``HTMLExporter``; the course
gives it :class:`FeedbackExporter` (grading/nbgrader_config.py, ``GenerateFeedback.exporter_class``)
with its own template (course/lecturer/templates/ouders_zien_feedback/): per graded item the question, the
learner's answer and the points, for a reflection the learner's text, the rubric with the chosen
levels and the lecturer's remark. No code cell, no ``Out[…]``, no English heading. Everything the
learner or lecturer typed is escaped by the template.

The page carries a stamp of the gradebook entries it was made from (:func:`stamp`); when a grade or
comment changes later (the grading view, the formgrader), the stamp no longer matches and
:func:`stale` says so, so ``ouders-zien docent status`` shows it and ``feedback`` remakes just those.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from course import messages as msg
from course import rubric as rubrics
from course.content import ContentError, load_lesson
from course.learner_text import is_text, plain, without_placeholder

TEMPLATES = Path(__file__).parent / "templates"
# nbgrader passes the page through BeautifulSoup, which may reorder a tag's attributes
STAMP = re.compile(
    r'<meta (?:content="([0-9a-f]{64})" name="ouders-zien-punten"|name="ouders-zien-punten" content="([0-9a-f]{64})")'
)


def stamp(gb: Any, lesson: str, student: str) -> str:
    """A fingerprint of a submission's scores and comments in the gradebook."""
    submission = gb.find_submission(lesson, student)
    rows: list[tuple[str, str, str, float | str | None]] = []  # (kind, notebook, name, score or comment)
    for notebook in submission.notebooks:
        rows += [
            ("g", notebook.name, g.name, None if g.score is None else round(float(g.score), 4)) for g in notebook.grades
        ]
        rows += [("c", notebook.name, c.name, c.comment or "") for c in notebook.comments]
    return hashlib.sha256(json.dumps(sorted(rows, key=str), ensure_ascii=False).encode()).hexdigest()


def page_stamp(page: Path) -> str | None:
    """The stamp a feedback page was made with (None: no page, or made without the course's template)."""
    try:
        match = STAMP.search(page.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return (match[1] or match[2]) if match else None


def stale(folder: Path, gb: Any, lesson: str) -> list[str]:
    """Students of ``lesson`` whose feedback page is missing or older than their grades."""
    out = []
    for sub in gb.assignment_submissions(lesson):
        page = folder / "feedback" / sub.student.id / lesson / f"{lesson}.html"
        if page_stamp(page) != stamp(gb, lesson, sub.student.id):
            out.append(sub.student.id)
    return sorted(out)


def _answers(path: str) -> Any:
    from course.store import AnswerStore

    store = AnswerStore(path=Path(path) / "antwoorden.json", read_only=True)
    store.reload()
    return store


def _graded_item(item: dict[str, Any], store: Any) -> dict[str, Any]:
    from course.learner.widgets.base import course_markup, make_exercise

    lines = make_exercise(item, store, "graded")._answer_lines()
    # the prompt is course text: escaped, with only the course's own <i>, <b> and <br> restored
    prompt = course_markup(item.get("prompt", "")).replace("&lt;br&gt;", "<br>")
    return {"kind": "vraag", "prompt_html": prompt, "answer": lines}


def _reflection(item: dict[str, Any], cell: Any) -> dict[str, Any]:
    source = cell.source
    text = plain(source) if source and is_text(source) else ""
    if not without_placeholder(source):
        text = ""
    rubric = item.get("rubric")
    chosen, remark = rubrics.read_comment(rubric, cell.metadata.nbgrader.get("comment")) if rubric else ([], "")
    rows = (
        [
            {
                "name": c["name"],
                "level": None if n is None else msg.points_label(rubric["levels"][n]),
                "text": None if n is None else c["levels"][n],
            }
            for c, n in zip(rubric["criteria"], chosen)
        ]
        if rubric
        else []
    )
    return {
        "kind": "reflectie",
        "text": text,
        "rubric": rows if any(r["level"] for r in rows) else [],
        "remark": remark if rubric else (cell.metadata.nbgrader.get("comment") or ""),
    }


class FeedbackPage(Preprocessor):
    """Gather what the page shows into ``resources['ouders_zien']`` (after nbgrader's GetGrades)."""

    enabled = Bool(True)  # nbgrader registers GenerateFeedback.preprocessors as they are

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        lesson_id = info["assignment"]
        try:
            lesson = load_lesson(lesson_id)
        except ContentError:
            lesson = {"title": lesson_id, "items": {}}
        store = _answers(resources.get("metadata", {}).get("path") or os.getcwd())
        items = []
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader") or {}
            if not meta.get("grade"):
                continue
            item = lesson["items"].get(
                meta.get("grade_id"), {"id": meta.get("grade_id"), "label": meta.get("grade_id")}
            )
            entry = (
                _reflection(item, cell)
                if cell.cell_type == "markdown"
                else _graded_item(item, store)
                if "type" in item
                else {"kind": "vraag", "prompt_html": "", "answer": []}
            )
            entry.update(
                id=item["id"],
                label=item.get("label", item["id"]),
                score=msg.number(meta.get("score") or 0),
                points=msg.number(meta.get("points") or 0),
            )
            items.append(entry)
        with Gradebook(info["db_url"]) as gb:
            fingerprint = stamp(gb, lesson_id, info["student"])
        resources["ouders_zien"] = {
            "title": lesson.get("title", lesson_id),
            "items": items,
            "stamp": fingerprint,
            "score": msg.number(info.get("score") or 0),
            "max_score": msg.number(info.get("max_score") or 0),
        }
        return nb, resources


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter under a name of its own, so that grading/nbgrader_config.py can give
    it the course's template (``ouders_zien_feedback`` in :data:`TEMPLATES`) and leave the
    formgrader's ``HTMLExporter`` as it is."""
