"""The browser edition (issue 22), in Chromium, offline: the built site (`make site`, _site/) served
on loopback, every request elsewhere refused and counted.

Lesson 02 as a learner meets it: run all (the hidden first cell installs the course in the Pyodide
kernel from the site), answer every graded item and the reflection, save, reload the page: the
answers are back. Then the hand-in: "Inleveren: download de map" gives the zip, which goes into a
Moodle download and through ``ouders-zien docent verzamelen`` and ``nakijken`` to the exact points
the answers earn by the keys. Lesson 05 runs with its figures. Needs Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_page import CHROMIUM, CHROMIUM_ARGS, require_chromium
from conftest import LESSON_02, REPO
from notebook_driver import CELL_INDEX, ERROR_OUTPUTS, KERNEL_READY, RUN_ALL_DONE, exercise_box
from pgserver import free_port

from course import messages as msg
from course.authoring.release import tool_env
from course.content import load_lesson
from course.keys import load_keys

SITE = REPO / "_site"
LESSON_05 = "05_praktijkvoorbeeld"
LOOPBACK = {"127.0.0.1", "localhost"}
KERNEL_TIMEOUT = 240_000  # ms: Pyodide, numpy and matplotlib on a busy 2-core machine
REFLECTION = "Ik vroeg eerst hoe het met haar ging, en pas daarna over Sem. <b>niet vet</b>"
WRONG = {"toets_samen"}  # one choice answered wrong on purpose: the points must not be all


@pytest.fixture(scope="module")
def site():
    """The site on a loopback web server, and Chromium with every other host refused."""
    require_chromium()
    assert (SITE / "lab" / "index.html").is_file(), "build the site first: make site (make test does)"
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(SITE)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    refused: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOOPBACK:
            r.continue_()
        else:
            refused.append(url)
            r.abort()

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
            )
            context = browser.new_context(
                service_workers="allow", accept_downloads=True, viewport={"width": 1400, "height": 1000}
            )
            context.route("**/*", route)
            context.set_default_timeout(60_000)
            yield f"http://127.0.0.1:{port}", context, refused
            context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


def open_lesson(base: str, context, lesson: str):
    page = context.pages[0] if context.pages else context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}/lab/index.html?path={lesson}/{lesson}.ipynb")
    wait_ready(page)
    return page


def wait_ready(page) -> None:
    """Wait until JupyterLab shows the notebook and its Pyodide kernel is idle."""
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=KERNEL_TIMEOUT,
    )
    page.wait_for_function(KERNEL_READY, timeout=KERNEL_TIMEOUT)


def run_all(page) -> float:
    """Run all cells from the Dutch menu; return the seconds until every cell ran, without error."""
    started = time.monotonic()
    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Uitvoeren", exact=True).click()
    page.locator(".lm-Menu").get_by_role("menuitem", name="Alle cellen uitvoeren", exact=True).click()
    errors = page.wait_for_function(RUN_ALL_DONE, timeout=KERNEL_TIMEOUT).json_value()
    assert not errors, "\n".join(errors)
    page.wait_for_function(KERNEL_READY, timeout=KERNEL_TIMEOUT)
    assert page.evaluate(ERROR_OUTPUTS) == []
    stderr = page.locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    assert not [t for t in stderr if "Error" in t or "Traceback" in t], stderr
    return time.monotonic() - started


# JupyterLab draws only the cells near the view (windowing): scroll a cell into it before using it.
SCROLL_TO = """async index => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    await notebook.scrollToItem(index, "center");
}"""


def cell(page, grade_id: str | None = None, index: int | None = None):
    """The notebook cell with nbgrader ``grade_id`` (or at ``index``), scrolled into view."""
    if index is None:
        index = page.evaluate(CELL_INDEX, grade_id)
        assert index >= 0, f"no cell {grade_id!r}"
    page.evaluate(SCROLL_TO, index)
    located = page.locator(f'.jp-Cell[data-windowed-list-index="{index}"]')
    located.wait_for(state="visible")
    return located


def graded(lesson: str) -> list[dict]:
    return [i for i in load_lesson(lesson)["items"].values() if i["mode"] == "graded" and i["type"] != "reflection"]


def answers_for(keys: dict) -> dict:
    out = {}
    for item in graded(LESSON_02):
        key = keys[item["id"]]
        if item["id"] in WRONG:
            key = next(o["id"] for o in item["options"] if o["id"] != key)
        out[item["id"]] = key
    return out


def answer(page, item: dict, value) -> None:
    from playwright.sync_api import expect

    box = exercise_box(cell(page, item["id"]), item["label"])
    if item["type"] == "choice":
        text = next(o["text"] for o in item["options"] if o["id"] == value)
        box.get_by_role("radio", name=text, exact=True).click()
    elif item["type"] == "categorise":
        labels = {c["id"]: c["label"] for c in item["categories"]}
        for statement in item["statements"]:  # shown in an order of their own per learner, numbered as shown
            name = re.compile(rf"^\d+\. {re.escape(statement['text'])}$")
            box.get_by_role("combobox", name=name).select_option(label=labels[value[statement["id"]]])
    else:
        raise AssertionError(f"no driver for {item['type']}")
    expect(box).to_contain_text(re.compile(r"opgeslagen \(\d{2}:\d{2}(:\d{2})?\)"), timeout=60_000)


def write_reflection(page, text: str) -> None:
    markdown = cell(page, "reflectie")
    markdown.dblclick()
    editor = markdown.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)


def test_lesson_02_offline_from_answers_to_points(site, tmp_path):
    from playwright.sync_api import expect

    base, context, refused = site
    keys = load_keys(LESSON_02, REPO / "grading")
    given = answers_for(keys)
    started = time.monotonic()
    page = open_lesson(base, context, LESSON_02)
    ready = time.monotonic() - started
    run_all(page)
    expect(cell(page, "setup").get_by_text(msg.BROWSER_NOTICE)).to_be_visible()
    items = {i["id"]: i for i in graded(LESSON_02)}
    for item_id, value in given.items():
        answer(page, items[item_id], value)
    write_reflection(page, REFLECTION)

    # a reload (a closed tab, the next day): the answers come back from the browser's storage
    page.close()  # a closed tab; the same browser opens the lesson again
    page = open_lesson(base, context, LESSON_02)
    run_all(page)
    for item_id, value in given.items():
        item = items[item_id]
        box = exercise_box(cell(page, item_id), item["label"])
        expect(box).to_contain_text(msg.LIVE_ANSWERED)
        if item["type"] == "choice":
            text = next(o["text"] for o in item["options"] if o["id"] == value)
            expect(box.get_by_role("radio", name=text, exact=True)).to_be_checked()
    expect(cell(page, "reflectie")).to_contain_text("Ik vroeg eerst hoe het met haar ging")

    # the hand-in: the top of the lesson offers the download
    setup = cell(page, "setup")
    setup.get_by_role("button", name=msg.DOWNLOAD_BUTTON).click()
    with page.expect_download() as download:
        zip_name = re.escape(LESSON_02) + r"-\d\du\d\d-\d\d\.zip"  # the lesson and the time it was made
        setup.get_by_role("link", name=re.compile(msg.DOWNLOAD_LINK.format(name=zip_name))).click()
    handed_in = tmp_path / f"{LESSON_02}.zip"
    download.value.save_as(handed_in)
    with zipfile.ZipFile(handed_in) as archive:
        assert sorted(archive.namelist()) == [f"{LESSON_02}/{LESSON_02}.ipynb", f"{LESSON_02}/antwoorden.json"]
        stored = json.loads(archive.read(f"{LESSON_02}/antwoorden.json"))["answers"]
    assert {k: stored[k] for k in given} == given

    # the lecturer: a Moodle download with this zip, collected and graded by the course's tool
    course = lecturer_course(tmp_path / "grading")
    moodle = tmp_path / "moodle.zip"
    with zipfile.ZipFile(moodle, "w") as lms:
        lms.writestr(f"Ada Jansen_4711_assignsubmission_file/{handed_in.name}", handed_in.read_bytes())
    assert docent(course, "verzamelen", LESSON_02, "--zip", str(moodle)).returncode == 0
    graded_run = docent(course, "nakijken", LESSON_02)
    assert graded_run.returncode == 0, graded_run.stdout + graded_run.stderr
    expected = sum(float(items[i]["points"]) for i, v in given.items() if v == keys[i])
    assert 0 < expected < sum(float(i["points"]) for i in items.values())
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(LESSON_02, "4711")
        assert submission.score == pytest.approx(expected)
        reflection = gb.find_grade("reflectie", LESSON_02, LESSON_02, "4711")
        assert reflection.needs_manual_grade
    submitted = (course / "submitted" / "4711" / LESSON_02 / f"{LESSON_02}.ipynb").read_text(encoding="utf-8")
    assert "Ik vroeg eerst hoe het met haar ging" in submitted
    assert refused == [], f"requests that tried to leave the machine: {refused[:5]}"
    print(f"\nsite: kernel ready {ready:.1f} s after opening lesson 02")


def test_lesson_05_with_its_figures(site):
    from playwright.sync_api import expect

    base, context, refused = site
    page = open_lesson(base, context, LESSON_05)
    run_all(page)
    with_figure = page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .map((cell, index) => [cell, index]).filter(([cell]) => cell.model.type === "code"
            && cell.model.outputs.toJSON().some(o => o.data && (o.data["image/png"]
                || String(o.data["text/html"] || "").includes("data:image/png"))))
        .map(([, index]) => index)""")
    assert len(with_figure) >= 2, f"lesson 05 showed figures in {len(with_figure)} cells"
    expect(cell(page, index=with_figure[0]).locator(".jp-OutputArea-output img").first).to_be_visible()
    assert refused == []


def lecturer_course(course: Path) -> Path:
    import shutil

    course.mkdir()
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    assert docent(course, "vrijgeven", LESSON_02).returncode == 0
    return course


def docent(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "course.lecturer.docent", "--map", str(course), *args],
        capture_output=True,
        text=True,
        env=tool_env(),
        timeout=600,
    )


@pytest.mark.parametrize(
    "lesson", sorted({p.name for p in (REPO / "notebooks").iterdir() if p.is_dir()} - {LESSON_02, LESSON_05})
)
def test_every_other_lesson_runs_without_an_error(site, lesson):
    """Lessons 02 and 05 are walked above; the other five must run all their cells in the browser
    too, with no error output and nothing fetched from outside the machine."""
    from playwright.sync_api import expect

    base, context, refused = site
    page = open_lesson(base, context, lesson)
    run_all(page)
    expect(cell(page, "setup").get_by_role("button", name=msg.DOWNLOAD_BUTTON)).to_be_visible()
    assert refused == []
