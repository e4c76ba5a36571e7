"""A class on a real JupyterHub, on this machine (127.0.0.1): the lecturer releases lesson 02 to
nbgrader's exchange; learners log in, start their servers, fetch, answer through the course's
answer store in a kernel of their own server, and submit, concurrently; the lecturer collects and
grades in parallel into PostgreSQL; every learner gets exactly what their answers earn.

Two sizes: 3 learners for everyday runs (`pytest -m "not klas30"`), and the whole class of 30,
which `make test` (and so CI) runs too.
"""

from __future__ import annotations

import json
import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from browser_page import CHROMIUM, require_chromium
from conftest import LESSON_02, REPO
from hubserver import Learner, hub
from nbgrader.api import Gradebook
from pgserver import postgres

from course.content import graded_items, load_lesson
from course.keys import load_keys

KEY = load_keys(LESSON_02, REPO / "grading")
ITEMS = graded_items(load_lesson(LESSON_02))


def answers_of(n: int) -> tuple[dict, float]:
    """A learner's answers (every choice item right with a chance of one half) and their score."""
    rng = random.Random(n)
    answers, score = {}, 0.0
    for item in ITEMS:
        key = KEY[item["id"]]
        if item["type"] == "choice":
            right = rng.random() < 0.5
            answers[item["id"]] = key if right else next(o["id"] for o in item["options"] if o["id"] != key)
            score += right
        else:
            answers[item["id"]] = key
            score += float(item["points"])
    return answers, score


def answer_code(answers: dict) -> str:
    """Code for a kernel of the learner's server: store the answers through the course's answer store."""
    return (
        "import json\nfrom course.store import AnswerStore\n"
        f"store = AnswerStore.in_folder({LESSON_02!r})\n"
        f"for item, value in json.loads({json.dumps(json.dumps(answers))}).items():\n"
        "    store.set(item, value)\n"
        "print(len(store.answers()), 'opgeslagen')\n"
    )


def used_mb() -> float:
    info = dict(line.split(":", 1) for line in open("/proc/meminfo"))
    return (int(info["MemTotal"].split()[0]) - int(info["MemAvailable"].split()[0])) / 1024


class PeakMemory(threading.Thread):
    """Samples the machine's used memory every 0.5 s; ``peak`` minus ``base`` is what the class took."""

    def __init__(self):
        super().__init__(daemon=True)
        self.base = self.peak = used_mb()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, used_mb())
            time.sleep(0.5)


TIMES: dict[str, list[float]] = {"ready": [], "fetch_submit": []}


def learner_session(h, n: int) -> tuple[str, float]:
    name = f"leerling{n:02d}"
    start = time.perf_counter()
    learner = Learner(h, name)
    learner.start()
    learner.wait_ready()
    TIMES["ready"].append(time.perf_counter() - start)
    start = time.perf_counter()
    assert [a["assignment_id"] for a in learner.assignments()] == [LESSON_02]
    learner.fetch(LESSON_02)
    answers, score = answers_of(n)
    if n == 1:  # kernels reach their server over Unix sockets: no TCP ports to collide (hub config)
        transport = "from ipykernel.kernelapp import IPKernelApp\nprint(IPKernelApp.instance().transport)"
        assert learner.run(transport, cwd="").strip() == "ipc"
    out = learner.run(answer_code(answers), cwd="")
    assert out.strip() == f"{len(answers)} opgeslagen", out
    assert json.loads(learner.file(f"{LESSON_02}/antwoorden.json"))["answers"] == answers  # nothing lost
    learner.submit(LESSON_02)
    TIMES["fetch_submit"].append(time.perf_counter() - start)
    return name, score


def browser_session(h, n: int) -> tuple[str, float]:
    """One learner in Chromium: the hub's login page, the Dutch lab, nbgrader's Assignments list
    (Fetch, then Submit); the answers go in through a kernel of the same server, as the others."""
    from playwright.sync_api import expect, sync_playwright

    name = f"leerling{n:02d}"
    answers, score = answers_of(n)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_default_timeout(180_000)  # the whole class starts its servers at the same time
            page.goto(f"{h.url}/hub/login")
            page.fill("#username_input", name)
            page.fill("#password_input", h.password)
            page.click("#login_submit")
            page.wait_for_selector(".jp-LabShell", timeout=180_000)
            expect(page.locator(".lm-MenuBar-itemLabel", has_text="Bestand")).to_be_visible()  # Dutch lab
            # the first page says how to fetch a lesson (seventh walk: an empty grey area), rendered, not as source
            welcome = page.locator(".jp-RenderedMarkdown h1", has_text="Welkom bij Ouders zien")
            expect(welcome).to_be_visible(timeout=60_000)
            expect(page.locator(".jp-RenderedMarkdown")).to_contain_text("Assignment List")
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            items = [t.strip() for t in page.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]
            assert items == ["Assignment List"], items  # no formgrader or course list for learners
            page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
            page.get_by_role("button", name="Fetch", exact=True).click(timeout=60_000)
            submit = page.get_by_role("button", name="Submit", exact=True)
            expect(submit).to_be_visible(timeout=60_000)
            learner = Learner(h, name)
            with ThreadPoolExecutor(1) as own_loop:  # Playwright's sync API holds this thread's event loop
                out = own_loop.submit(learner.run, answer_code(answers), "").result()
            assert out.strip() == f"{len(answers)} opgeslagen", out
            submit.click()
            inbound = h.exchange / "ouders-zien" / "inbound"
            deadline = time.monotonic() + 60
            while not any(d.name.startswith(f"{name}+{LESSON_02}+") for d in inbound.glob("*")):
                assert time.monotonic() < deadline, "the submission did not reach the exchange"
                time.sleep(0.5)
        finally:
            browser.close()
    return name, score


@pytest.mark.parametrize("class_size", [3, pytest.param(30, marks=pytest.mark.klas30)])
def test_a_class_fetches_answers_and_hands_in_and_is_graded_exactly(class_size):
    require_chromium()
    with postgres() as db, hub((LESSON_02,)) as h:
        lecturer = Learner(h, "docent")  # the lecturer logs in first: their server opens the course folder
        lecturer.start()
        lecturer.wait_ready()
        done = h.lecturer("vrijgeven", LESSON_02, "--hub", db=db)  # in a terminal of the lecturer's server
        assert done.returncode == 0, done.stderr
        TIMES["ready"].clear(), TIMES["fetch_submit"].clear()
        memory = PeakMemory()
        memory.start()
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=class_size + 1) as pool:
            in_browser = pool.submit(browser_session, h, 0)
            expected = dict(pool.map(lambda n: learner_session(h, n), range(1, class_size + 1)))
            expected.update([in_browser.result()])
        learners = time.perf_counter() - start
        memory.running = False
        done = h.lecturer("verzamelen", LESSON_02, db=db)
        assert done.returncode == 0, done.stderr
        start = time.perf_counter()
        done = h.lecturer("nakijken", LESSON_02, "--parallel", "2", "--geen-feedback", db=db)
        assert done.returncode == 0, done.stderr
        grading = time.perf_counter() - start
        with Gradebook(db, "ouders-zien") as gb:
            got = {s.student.id: s.code_score for s in gb.assignment_submissions(LESSON_02)}
        listing = {e["name"] for e in lecturer.get("/api/contents/").json()["content"]}
        formgrader = [a["name"] for a in lecturer.get("/formgrader/api/assignments").json()]
        owners = {p.owner() for p in h.course.rglob("*")}
    print(
        f"\nklas van {class_size}: alle servers klaar na {max(TIMES['ready']):.1f} s; ophalen→inleveren per "
        f"student mediaan {statistics.median(TIMES['fetch_submit']):.1f} s (max {max(TIMES['fetch_submit']):.1f} s); "
        f"studentenfase {learners:.1f} s; geheugen piek +{memory.peak - memory.base:.0f} MB; "
        f"nakijken met 2 processen (PostgreSQL) {grading:.1f} s"
    )
    assert got == expected
    assert {"nbgrader_config.py", "source", "submitted", "autograded"} <= listing and formgrader == [LESSON_02]
    assert owners == {"docent"}  # everything in the course folder is the lecturer's
