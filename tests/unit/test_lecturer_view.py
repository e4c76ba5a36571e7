"""The render step of the formgrader and the feedback (course/lecturer/lecturer_view.py), wired as
grading/nbgrader_config.py wires it: a notebook graded before the rebuild wrote reflections as text
(raw HTML in the answer, script in an output) still reaches the lecturer's browser as text, while
the course's own Markdown and figures render as before."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from nbgrader.server_extensions.formgrader import handlers
from nbgrader.utils import compute_checksum
from traitlets.config.loader import PyFileConfigLoader

from course.learner_text import as_text
from course.lecturer.lecturer_view import clean_html

REPO = Path(__file__).resolve().parents[2]
STUB = "_Schrijf hier je antwoord. Dubbelklik op deze cel om te typen._"
RAW = (
    "Mijn reflectie.\n\n<img src=x onerror=\"__xss('r1')\">\n\n<script>__xss('r2')</script>\n\n"
    "![pixel](http://tracker.invalid/r3.png)\n\n[klik](javascript:__xss('r4'))\n\n$\\href{javascript:x}{r5}$"
)
PNG = "data:image/png;base64,iVBORw0KGgo="
FIGURE = (
    f'<figure style="margin:0"><img src="{PNG}" alt="Een figuur" style="max-width:100%">'
    "<figcaption>Bijschrift</figcaption></figure>"
)
BAD_OUTPUT = (
    '<img src="http://tracker.invalid/o1.png"><a href="javascript:__xss(\'o2\')">o2</a>'
    "<svg onload=\"__xss('o3')\"></svg><script>__xss('o4')</script><p onclick=\"__xss('o5')\">o5</p>"
)


def nbgrader_cell(cell, grade_id, **meta):
    cell.metadata["nbgrader"] = {
        "grade_id": grade_id,
        "schema_version": 3,
        "locked": False,
        "solution": False,
        "grade": False,
        "task": False,
        **meta,
    }
    cell.metadata["nbgrader"]["checksum"] = compute_checksum(cell)
    return cell


def graded_notebook(reflection: str):
    """A graded notebook as nbgrader stores it: course cells with their checksums, the learner's
    reflection (changed after the checksum was taken), outputs of the course's blocks."""
    nb = nbformat.v4.new_notebook()
    intro = nbgrader_cell(
        nbformat.v4.new_markdown_cell("## Les\n\n> 'Als het met een kind niet goed gaat'"), "intro", locked=True
    )
    code = nbgrader_cell(nbformat.v4.new_code_cell("show()"), "blok", locked=True)
    code.outputs = [
        nbformat.v4.new_output("display_data", {"text/html": FIGURE, "text/plain": "Een figuur"}),
        nbformat.v4.new_output("display_data", {"text/html": BAD_OUTPUT, "text/plain": "o"}),
        nbformat.v4.new_output("display_data", {"application/javascript": "__xss('o6')", "text/plain": "js"}),
        nbformat.v4.new_output("stream", name="stdout", text="<b>o7</b>\n"),
    ]
    answer = nbgrader_cell(
        nbformat.v4.new_markdown_cell(STUB), "reflectie", solution=True, grade=True, points=3, score=0.0
    )  # GetGrades's, for the feedback
    answer.source = reflection
    nb.cells = [intro, code, answer]
    return nb


@pytest.fixture(scope="module")
def config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(REPO / "grading")).load_config()


def render(config, nb, template: str) -> BeautifulSoup:
    """Render as nbgrader does: the formgrader (formgrader.py, build_extra_config) or feedback."""
    cfg = copy.deepcopy(config)
    cfg.HTMLExporter.template_name = template
    cfg.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    css = Path(handlers.static_path) / "node_modules" / "bootstrap" / "dist" / "css"  # as GenerateFeedback sets it
    cfg.HTMLExporter.extra_template_paths = [str(css)]
    resources = {
        "base_url": "",
        "index": 0,
        "total": 1,
        "submission_id": "s",
        "notebook_id": "les",
        "assignment_id": "les",
        "student": "Lotte",
        "last_name": None,
        "first_name": None,
        "notebook_path": "les.ipynb",
        "nbgrader": {"notebook": "les", "score": 0, "max_score": 3, "late_penalty": 0},
    }
    html, _ = HTMLExporter(config=cfg).from_notebook_node(nb, resources=resources)
    return BeautifulSoup(html, "html.parser")


AREA = {
    "formgrade": "div.nbgrader_cell:has(#reflectie) .panel-body",
    "feedback": "div.nbgrader_cell:has(a[name='reflectie']) .panel-body",
}


@pytest.mark.parametrize("template", ["formgrade", "feedback"])
def test_an_answer_graded_before_the_rebuild_is_text(config, template):
    soup = render(config, graded_notebook(RAW), template)
    area = soup.select_one(AREA[template])
    assert {t.name for t in area.find_all(True)} <= {"div", "p", "br"}, area
    assert " ".join(area.get_text().split()) == " ".join(RAW.split())


@pytest.mark.parametrize("template", ["formgrade", "feedback"])
def test_outputs_keep_the_course_figure_and_lose_every_script(config, template):
    soup = render(config, graded_notebook(as_text("Al tekst.")), template)
    html = str(soup)
    notebook = soup.select_one("#notebook-container")  # the notebook: the template's own page around it aside
    assert notebook.find("img", src=PNG, alt="Een figuur") is not None and notebook.find("figcaption") is not None
    assert notebook.find("blockquote") is not None  # the course's own Markdown is left alone
    assert not [t for t in notebook.find_all(src=True) if "tracker.invalid" in t["src"]]
    assert not [t for t in notebook.find_all(href=True) if t["href"].lower().startswith("javascript")]
    assert not [t for t in notebook.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not notebook.find_all(["script", "svg", "iframe"])
    assert "__xss('o6')" not in html
    assert "&lt;script&gt;__xss('o4')&lt;/script&gt;" in html  # shown, not run
    assert "&lt;b&gt;o7&lt;/b&gt;" in html  # a stream stays text


def test_text_already_written_as_text_and_an_untouched_answer_are_left_as_they_are(config):
    written = as_text("Regel (1)\nRegel *2*")
    area = render(config, graded_notebook(written), "formgrade").select_one(AREA["formgrade"])
    assert area.get_text(" ", strip=True) == "Regel (1) Regel *2*"
    untouched = graded_notebook(STUB)
    untouched.cells[2].metadata.nbgrader["checksum"] = compute_checksum(untouched.cells[2])
    area = render(config, untouched, "formgrade").select_one(AREA["formgrade"])
    assert area.find("em") is not None  # the course's own stub, in italics


def test_clean_html_keeps_course_tags_and_shows_the_rest_as_text():
    out = clean_html(
        '<table class="t"><tr><th scope="col">a</th></tr></table><iframe srcdoc="x"></iframe>'
        '<div style="background:url(http://tracker.invalid/c.png);max-width:5px">c</div>'
    )
    assert '<th scope="col">a</th>' in out and "&lt;iframe" in out
    assert "tracker.invalid" not in out and '<div style="max-width:5px;">c</div>' in out


def test_roster_names_reach_the_template_escaped():
    from course.lecturer.lecturer_view import LecturerView

    resources = {"student": "s1", "first_name": "<img src=x onerror=alert(1)>", "last_name": "D'Hondt & Zn", "index": 3}
    _, out = LecturerView().preprocess(nbformat.v4.new_notebook(), resources)
    assert out["first_name"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert out["last_name"] == "D&#x27;Hondt &amp; Zn" and out["student"] == "s1" and out["index"] == 3
