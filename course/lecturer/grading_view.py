"""The lecturer's grading view of the reflections, in Dutch, in JupyterLab (grading/beoordelen.ipynb).

Per learner: the reflection as text (never as HTML: the learner typed it), the lesson's rubric with
its levels to click, the points summed from the rubric (or typed, with a decimal comma), a remark.
"Opslaan" writes into nbgrader's gradebook through its API (Grade.manual_score and
Comment.manual_comment, as the formgrader's own API handlers do: nbgrader/server_extensions/
formgrader/apihandlers.py, GradeHandler.put and CommentHandler.put), so the formgrader, `nakijken`
and `rapport` see the same scores; the chosen levels travel in the comment (course/rubric.py). The
learner's feedback page is remade right after, for that learner only.

Every control is a native form element (select, radio buttons, text fields, buttons), so the view
works with the keyboard alone: Tab moves, arrow keys choose a level, Enter or Space presses a button.
Drive it from Python (tests): :meth:`GradingView.choose`, :meth:`GradingView.save`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import nbformat

from course import messages as msg
from course import rubric as rubrics
from course.content import graded_items, lesson_ids, load_lesson
from course.learner_text import is_text, plain, without_placeholder


def reflection_text(folder: Path, lesson: str, student: str, item_id: str) -> str:
    """The reflection as graded (autograded/, rebuilt as text), or "" when the learner wrote none."""
    path = folder / "autograded" / student / lesson / f"{lesson}.ipynb"
    if not path.exists():
        return ""
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id") == item_id:
            source = cell.source
            if not without_placeholder(source):
                return ""
            return plain(source) if is_text(source) else source
    return ""


class GradingView:
    """Grade one lesson's reflections with their rubric; ``folder`` is the course folder (grading/)."""

    def __init__(self, folder: str | Path = ".", lesson: str | None = None):
        from course.lecturer.docent import course_api

        self.folder = Path(folder).resolve()
        self.api = course_api(self.folder)
        self.db_url, self.course_id = self.api.coursedir.db_url, self.api.coursedir.course_id
        graded = self._graded_lessons()
        if not graded:
            raise ValueError(msg.GRADING_NOTHING_YET)
        self.lesson_pick = widgets.Dropdown(
            options=[(f"Les {lid[:2]}: {load_lesson(lid)['title']}", lid) for lid in graded],
            value=lesson if lesson in graded else graded[0],
            description="Les",
        )
        self.item_pick = widgets.Dropdown(description="Reflectie")
        self.student_pick = widgets.Dropdown(description="Student", layout=widgets.Layout(width="32em"))
        self.previous = widgets.Button(description="Vorige student")
        self.next = widgets.Button(description="Volgende student")
        self.text = widgets.HTML()
        self.criteria_box = widgets.VBox()
        self.criteria: list[widgets.RadioButtons] = []
        self.points = widgets.Text(description="Punten", placeholder="bijv. 1,5")
        self.remark = widgets.Textarea(
            description="Opmerking",
            placeholder="Wat de student van je leest (mag leeg)",
            layout=widgets.Layout(width="40em", height="6em"),
        )
        self.save_button = widgets.Button(description="Opslaan", button_style="primary")
        self.save_next_button = widgets.Button(description="Opslaan en volgende")
        self.message = widgets.HTML()
        self._loading = False
        for control in (self.lesson_pick, self.item_pick, self.student_pick, self.points, self.remark):
            control.style.description_width = "7em"
        self.lesson_pick.observe(lambda _: self._load_lesson(), names="value")
        self.item_pick.observe(lambda _: self._refresh_students(keep=self.student), names="value")
        self.student_pick.observe(lambda _: self._load_student(), names="value")
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(1))
        self.save_button.on_click(lambda _: self.save())
        self.save_next_button.on_click(lambda _: self._save_and_next())
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.lesson_pick, self.item_pick]),
                widgets.HBox([self.student_pick, self.previous, self.next]),
                self.text,
                self.criteria_box,
                self.points,
                self.remark,
                widgets.HBox([self.save_button, self.save_next_button]),
                self.message,
            ]
        )
        self._load_lesson()

    # -- reading the gradebook ------------------------------------------------------------------
    def _gradebook(self) -> Any:
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def _graded_lessons(self) -> list[str]:
        if self.db_url.startswith("sqlite") and not (self.folder / "gradebook.db").exists():
            return []
        with self._gradebook() as gb:
            names = {a.name for a in gb.assignments if gb.assignment_submissions(a.name)}
        return [lid for lid in lesson_ids() if lid in names and graded_items(load_lesson(lid), auto=False)]

    @property
    def lesson(self) -> str:
        return self.lesson_pick.value

    @property
    def item(self) -> dict[str, Any]:
        return load_lesson(self.lesson)["items"][self.item_pick.value]

    @property
    def student(self) -> str | None:
        return self.student_pick.value

    def _student_options(self) -> list[tuple[str, str]]:
        with self._gradebook() as gb:
            rows = []
            for sub in sorted(gb.assignment_submissions(self.lesson), key=lambda s: s.student.id):
                grade = gb.find_grade(self.item_pick.value, self.lesson, self.lesson, sub.student.id)
                state = (
                    "nog nakijken"
                    if grade.needs_manual_grade
                    else f"{msg.number(grade.score or 0)} van {msg.number(grade.max_score)}"
                )
                person = " ".join(x for x in (sub.student.first_name, sub.student.last_name) if x)
                who = f"{person} ({sub.student.id})" if person else sub.student.id
                rows.append((f"{who}: {state}", sub.student.id))
        return rows

    # -- showing -------------------------------------------------------------------------------
    def _load_lesson(self) -> None:
        items = graded_items(load_lesson(self.lesson), auto=False)
        self._loading = True
        try:
            self.item_pick.options = [(i.get("label", i["id"]), i["id"]) for i in items]
            self.item_pick.value = items[0]["id"]
        finally:
            self._loading = False
        self.item_pick.layout.display = None if len(items) > 1 else "none"
        self._refresh_students(keep=None)

    def _refresh_students(self, keep: str | None) -> None:
        options = self._student_options()
        ids = [sid for _, sid in options]
        self._loading = True
        try:
            self.student_pick.options = options
            self.student_pick.value = keep if keep in ids else (ids[0] if ids else None)
        finally:
            self._loading = False
        self._load_student()

    def _load_student(self) -> None:
        if self._loading:
            return
        item = self.item
        rubric = item.get("rubric")
        self.message.value = ""
        if self.student is None or self.item_pick.value is None:
            self.text.value = f"<p>{html.escape(msg.GRADING_NO_SUBMISSIONS)}</p>"
            return
        text = reflection_text(self.folder, self.lesson, self.student, item["id"])
        shown = (
            (
                f'<div style="white-space: pre-wrap; border-left: 4px solid #666; padding: .5em; '
                f'background: #f5f5f5">{html.escape(text)}</div>'
            )
            if text
            else f"<p><i>{html.escape(msg.GRADING_EMPTY_TEXT)}</i></p>"
        )
        self.text.value = (
            f"<h3>{html.escape(item.get('label', item['id']))} "
            f"({html.escape(msg.points_label(item['points']))})</h3>"
            f"<p><b>Tekst van de student</b> ({len(text.split())} woorden):</p>{shown}"
        )
        with self._gradebook() as gb:
            grade = gb.find_grade(item["id"], self.lesson, self.lesson, self.student)
            comment = gb.find_comment(item["id"], self.lesson, self.lesson, self.student)
            manual, score, note, waiting = (
                grade.manual_score,
                grade.score,
                comment.manual_comment,
                grade.needs_manual_grade,
            )
        chosen, remark = rubrics.read_comment(rubric, note) if rubric else ([], note or "")
        self.criteria = []
        if rubric:
            for criterion, level in zip(rubric["criteria"], chosen):
                radio = widgets.RadioButtons(
                    options=[
                        (f"{msg.points_label(v)}: {d}", n)
                        for n, (v, d) in enumerate(zip(rubric["levels"], criterion["levels"]))
                    ],
                    value=level,
                    description=criterion["name"],
                    layout=widgets.Layout(width="auto"),
                    style={"description_width": "12em"},
                )
                radio.observe(lambda _: self._sum_rubric(), names="value")
                self.criteria.append(radio)
        self.criteria_box.children = [widgets.HTML("<b>Rubric</b>: kies per criterium een niveau."), *self.criteria]
        # a reflection left empty was scored 0 by nbgrader and needs no grading; an open one shows no number
        self.points.value = msg.number(manual) if manual is not None else ("" if waiting else msg.number(score or 0))
        self.remark.value = remark

    def _sum_rubric(self) -> None:
        total = rubrics.total(self.item["rubric"], [r.value for r in self.criteria])
        if total is not None:
            self.points.value = msg.number(total)

    # -- acting (also the Python API the tests drive) -----------------------------------------------
    def choose(self, levels: list[int]) -> None:
        """Click a level (index, lowest first) for every criterion."""
        for radio, level in zip(self.criteria, levels):
            radio.value = level

    def step(self, delta: int) -> None:
        """Go to the previous (-1) or next (+1) learner."""
        ids = [sid for _, sid in self.student_pick.options]
        if self.student in ids and 0 <= ids.index(self.student) + delta < len(ids):
            self.student_pick.value = ids[ids.index(self.student) + delta]

    def save(self) -> bool:
        """Write the points and comment into the gradebook and remake this learner's feedback.
        Return whether it was saved (a Dutch message says why not)."""
        from course.lecturer.docent import DocentError, remake_feedback

        item, student = self.item, self.student
        if student is None:
            return False
        try:
            value = rubrics.parse_points(self.points.value, float(item["points"]))
        except ValueError as exc:
            self.message.value = (
                f'<p role="alert" style="color: #a40000"><b>Niet opgeslagen.</b> {html.escape(str(exc))}</p>'
            )
            return False
        chosen = [r.value for r in self.criteria]
        note = (
            rubrics.comment_text(item["rubric"], chosen, self.remark.value) if item.get("rubric") else self.remark.value
        )
        with self._gradebook() as gb:
            grade = gb.find_grade(item["id"], self.lesson, self.lesson, student)
            comment = gb.find_comment(item["id"], self.lesson, self.lesson, student)
            grade.manual_score = value
            grade.needs_manual_grade = False
            comment.manual_comment = note
            gb.db.commit()
        try:
            remade = remake_feedback(self.folder, self.lesson, [student])
        except DocentError as exc:
            remade, problem = [], str(exc)
        else:
            problem = ""
        total = rubrics.total(item["rubric"], chosen) if item.get("rubric") else value
        who = next((label.split(":")[0] for label, sid in self.student_pick.options if sid == student), student)
        lines = [msg.GRADING_SAVED.format(who=who, score=msg.number(value), max=msg.number(item["points"]))]
        if total is not None and abs(total - value) > 1e-9:
            lines.append(msg.GRADING_NOT_RUBRIC.format(total=msg.points_label(total)))
        lines.append(
            msg.GRADING_FEEDBACK_DONE if remade else msg.GRADING_FEEDBACK_FAILED.format(problem=problem[-200:])
        )
        self.message.value = '<p role="status">' + "<br>".join(html.escape(line) for line in lines) + "</p>"
        self._refresh_students(keep=student)
        self.message.value = '<p role="status">' + "<br>".join(html.escape(line) for line in lines) + "</p>"
        return True

    def _save_and_next(self) -> None:
        """Save, then (only when saved) go to the next learner: the 'Opslaan en volgende' button."""
        if self.save():
            self.step(1)


def beoordelen(folder: str | Path = ".", lesson: str | None = None) -> widgets.Widget:
    """Show the grading view (the cell of grading/beoordelen.ipynb)."""
    try:
        view = GradingView(folder, lesson)
    except ValueError as exc:
        return widgets.HTML(f"<p>{html.escape(str(exc))}</p>")
    return view.widget
