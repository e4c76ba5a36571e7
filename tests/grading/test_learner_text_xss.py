"""Learner text is data, everywhere it is shown (issue 17): the real flow, as it happens.

A class hands in lesson 02 through a Brightspace download: one learner wrote ~50 script vectors into
the reflection (and into antwoorden.json), two others carry a vector as their *name* (Brightspace
makes the name the student id). `ouders-zien docent verzamelen` and `nakijken` run for real; then
nbgrader's formgrader runs as a real Jupyter server and headless Chromium opens what the lecturer
opens: the submission page, the student pages and the feedback HTML. Before any page script runs,
the page is instrumented (xss_vectors.py: each vector calls ``__xss('vNN')`` or asks
``tracker.invalid`` for ``vNN``); every link in the learner's answer is clicked. No marker may fire,
no dialog open and no remote request go out, and the learner's words must still be there, as text.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.lecturer import docent
from course.learner_text import as_text, is_text
from course.store import STORE_NAME

from browser_page import require_chromium
from conftest import LESSON_02, REPO
from formgrader_server import Watch, chromium, start_formgrader
from nbtools import grade_id
from xss_vectors import LITERALS, NAME_VECTORS, SENTENCE, VECTORS, reflection

WRITER = "Lotte de Vries"  # the learner who wrote the vectors
# first and last name in the gradebook's roster: the formgrade template prints them unescaped
ROSTER_VECTORS = {"first_name": "<img src=x onerror=__xss('n03')>", "last_name": "<svg onload=__xss('n04')>"}
PLAIN = "Zoë D\u2019Hondt"  # an ordinary name, with a diacritic and a typographic apostrophe in the download
PLAIN_ID = "Zoë D'Hondt"  # ... and as the gradebook has her
OLD = "Sanne Oud"  # her graded notebook is made as nakijken wrote them before the fix (raw, with a script output)
ANSWER_VECTORS = {  # learner-controlled strings in antwoorden.json (values, unknown ids)
    "toets_opvoederschap": "<img src=x onerror=__xss('a01')>",
    "oefen_samen": "<script>__xss('a02')</script>",
    "toets_rol_of_wie": {"<svg onload=__xss('a03')>": "rol"},
    "<img src=x onerror=__xss('a04')>": "$\\href{javascript:__xss('a05')}{a05}$",
}
SUBMISSION_AREA = "div.nbgrader_cell:has(#reflectie) .panel-body"
FEEDBACK_AREA = "section[data-item='reflectie'] .leerling"  # course/lecturer/templates/ouders_zien_feedback
TEXT_TAGS = {"div", "p", "br"}  # all the learner's answer may hold once it is text


def graded_before_the_fix(path):
    """Make ``path`` what `nakijken` wrote before the fix: the reflection as typed, and (as a course
    bug might) learner text as live HTML and script in an output."""
    nb = nbformat.read(str(path), as_version=4)
    next(c for c in nb.cells if grade_id(c) == "reflectie").source = reflection()
    setup = next(c for c in nb.cells if grade_id(c) == "setup")
    setup.outputs += [nbformat.v4.new_output("display_data", {"text/html": "\n".join(VECTORS.values()),
                                                              "text/plain": "o"}),
                      nbformat.v4.new_output("display_data", {"application/javascript": "__xss('o01')",
                                                              "text/plain": "js"})]
    path.chmod(0o644)
    nbformat.write(nb, str(path))


def brightspace(n: int, name: str, file: str) -> str:
    return f"{12345 + n}-67890 - {name} - 29 nov. 2026 1405 - {file}"


def squash(text: str) -> str:
    return " ".join(text.split())


def run_docent(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = docent.main(list(args))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("grading")
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    assert run_docent("--map", str(course), "vrijgeven", LESSON_02)[0] == 0
    released = nbformat.read(str(course / "release" / LESSON_02 / f"{LESSON_02}.ipynb"), as_version=4)

    def notebook(text: str) -> str:
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        next(c for c in nb.cells if grade_id(c) == "reflectie").source = text
        return nbformat.writes(nb)

    downloads = tmp_path_factory.mktemp("lms")
    klas, namen = downloads / "klas.zip", downloads / "namen.zip"
    with zipfile.ZipFile(klas, "w") as zf:
        zf.writestr(brightspace(0, WRITER, f"{LESSON_02}.ipynb"), notebook(reflection()))
        zf.writestr(brightspace(0, WRITER, STORE_NAME), json.dumps({"format": 1, "answers": ANSWER_VECTORS}))
        zf.writestr(brightspace(1, PLAIN, f"{LESSON_02}.ipynb"), notebook("Een gewone reflectie van Zoë."))
        zf.writestr(brightspace(4, OLD, f"{LESSON_02}.ipynb"), notebook("Wordt zo overschreven."))
    with zipfile.ZipFile(namen, "w") as zf:
        for n, (marker, name) in enumerate(NAME_VECTORS.items(), start=2):
            zf.writestr(brightspace(n, name, f"{LESSON_02}.ipynb"), notebook(f"Reflectie van {marker}."))
    collected = {}
    for archive in (klas, namen):
        collected[archive.stem] = run_docent("--map", str(course), "verzamelen", LESSON_02, "--zip", str(archive),
                                             "--lms", "brightspace")
    assert collected["klas"][0] == 0, collected["klas"][1]
    graded = run_docent("--map", str(course), "nakijken", LESSON_02)
    assert graded[0] == 0, graded[1]
    graded_before_the_fix(course / "autograded" / OLD / LESSON_02 / f"{LESSON_02}.ipynb")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submissions = {s.student.id: s.id for s in gb.notebook_submissions(LESSON_02, LESSON_02)}
        # a roster with names, as `nbgrader db student import` of an LMS class list would make it
        gb.update_or_create_student(PLAIN_ID, **ROSTER_VECTORS)
    return course, collected, submissions


@pytest.fixture(scope="module")
def browser(course, tmp_path_factory):
    require_chromium()
    with start_formgrader(course[0], tmp_path_factory.mktemp("server")) as server, chromium() as browser:
        yield server, browser


def verdict(watch: Watch) -> dict[str, list[str]]:
    return {"markers": sorted(set(watch.hits)), "dialogs": watch.dialogs,
            "remote": sorted({u for u in watch.remote})}


def test_the_reflection_is_text_on_the_formgrader_submission_page(course, browser):
    _, _, submissions = course
    server, chromium_browser = browser
    watch = Watch(chromium_browser)
    try:
        url = server.url(f"formgrader/submissions/{submissions[WRITER]}/")
        text, tags = watch.visit(url, SUBMISSION_AREA)
    finally:
        watch.close()
    fired = verdict(watch)
    print(f"formgrader submission page: {fired}")
    assert fired == {"markers": [], "dialogs": [], "remote": []}, fired
    missing = [lit for lit in LITERALS if squash(lit) not in squash(text)]
    assert not missing, f"the learner's words are not on the page: {missing}"
    assert tags <= TEXT_TAGS, f"live elements in the learner's answer: {sorted(tags - TEXT_TAGS)}"


def test_the_reflection_is_text_in_the_feedback(course, browser):
    root, _, _ = course
    _, chromium_browser = browser
    page = root / "feedback" / WRITER / LESSON_02 / f"{LESSON_02}.html"
    watch = Watch(chromium_browser)
    try:
        text, tags = watch.visit(page.as_uri(), FEEDBACK_AREA)
    finally:
        watch.close()
    fired = verdict(watch)
    print(f"feedback page: {fired}")
    assert fired == {"markers": [], "dialogs": [], "remote": []}, fired
    assert SENTENCE in squash(text) and squash(VECTORS["v01"]) in squash(text), text[:500]
    assert tags <= TEXT_TAGS, f"live elements in the learner's answer: {sorted(tags - TEXT_TAGS)}"


def test_a_notebook_graded_before_the_fix_is_shown_as_text_too(course, browser):
    _, _, submissions = course
    server, chromium_browser = browser
    watch = Watch(chromium_browser)
    try:
        text, tags = watch.visit(server.url(f"formgrader/submissions/{submissions[OLD]}/"), SUBMISSION_AREA)
        watch.visit(server.url(f"formgrader/submissions/{submissions[OLD]}/"), "div.output_area")
    finally:
        watch.close()
    fired = verdict(watch)
    print(f"formgrader, notebook graded before the fix: {fired}")
    assert fired == {"markers": [], "dialogs": [], "remote": []}, fired
    missing = [lit for lit in LITERALS if squash(lit) not in squash(text)]
    assert not missing, f"the learner's words are not on the page: {missing}"
    assert tags <= TEXT_TAGS, f"live elements in the learner's answer: {sorted(tags - TEXT_TAGS)}"


def test_a_name_that_is_a_vector_runs_on_no_formgrader_page(course, browser):
    _, _, submissions = course
    server, chromium_browser = browser
    pages = ["formgrader/manage_students", f"formgrader/gradebook/{LESSON_02}/{LESSON_02}"]
    for student, submission in submissions.items():
        pages += [f"formgrader/manage_students/{student}", f"formgrader/manage_students/{student}/{LESSON_02}",
                  f"formgrader/submissions/{submission}/"]
    watch = Watch(chromium_browser)
    try:
        for path in pages:
            watch.visit(server.url(path))
    finally:
        watch.close()
    fired = verdict(watch)
    print(f"student pages ({len(pages)}): {fired}")
    assert fired == {"markers": [], "dialogs": [], "remote": []}, fired
    assert {WRITER, PLAIN_ID, OLD} <= set(submissions)


def test_a_name_that_is_a_vector_is_refused_at_collection_and_named_as_text(course):
    _, collected, submissions = course
    code, out = collected["namen"]
    assert code == 2, out
    assert "geen geldige studentnaam" in out and "<img src=x onerror=__xss('n01')>" in out, out
    assert not set(NAME_VECTORS.values()) & set(submissions)
    assert f"'{PLAIN}' staat in het cijferboek als '{PLAIN_ID}'" in collected["klas"][1]


def test_nakijken_stores_the_reflection_as_text(course):
    root, _, _ = course
    nb = nbformat.read(str(root / "autograded" / WRITER / LESSON_02 / f"{LESSON_02}.ipynb"), as_version=4)
    source = next(c for c in nb.cells if grade_id(c) == "reflectie").source
    assert source == as_text(reflection()) and is_text(source)


def test_the_answer_vectors_are_shown_as_text_or_not_at_all(course):
    root, _, _ = course
    nb = nbformat.read(str(root / "autograded" / WRITER / LESSON_02 / f"{LESSON_02}.ipynb"), as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            assert "<img src=x" not in html and "<script>__xss" not in html and "<svg onload" not in html, html
