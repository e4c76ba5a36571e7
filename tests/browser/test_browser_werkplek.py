"""End to end: a second `ouders-zien start` opens the lesson the learner last answered in, and no other tab.

Issue 24, fifth walk: the next day JupyterLab reopened every lesson tab of the day before (five lessons, five
kernels). The real command runs twice on one folder of lessons, in headless Chromium (Playwright): the first time it
opens lesson 00, the learner opens lessons 01 and 03 beside it, answers in 01 and goes on reading 03; after a stop,
the second start opens lesson 03 only, the lesson that was open last. The page is opened at the address the console window prints.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from browser_page import PAGE_TIMEOUT, chromium, require_chromium, screenshot_dir, shoot

from course.learner import lesson_files, old_tab, start

ADDRESS = re.compile(
    r"Plak dan dit adres in je browser: (?P<url>http://localhost:\d+/lab/tree/\S+\?file-browser-path=/&token=\w+)"
)
LESSON_01 = "01_waarom_ouders/01_waarom_ouders.ipynb"
LESSON_03 = "03_de_ouder_achter_het_gedrag/03_de_ouder_achter_het_gedrag.ipynb"


@contextlib.contextmanager
def _started(folder: Path, home: Path, *extra: str) -> Iterator[tuple[str, list[str]]]:
    """Run `ouders-zien start --geen-browser` on ``folder``; yield its printed address and console lines."""
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(start.REPO)}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_TOKEN", "JUPYTER_TOKEN_FILE"):
        env.pop(name, None)
    argv = [sys.executable, "-m", "course", "start", "--map", str(folder), "--geen-browser", *extra]
    argv += ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # jupyter_server refuses root
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if match := ADDRESS.search(line):
                yield match["url"], lines
                break
        else:
            raise AssertionError("no address printed:\n" + "\n".join(lines))
    finally:
        process.terminate()
        process.wait(timeout=30)


def _notebook_tabs(page) -> list[str]:
    """The titles of the open notebook tabs, once JupyterLab has restored its layout and opened the lesson."""
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first.wait_for(timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(3000)  # the layout restorer opens the rest of the workspace after the first panel
    return page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").all_inner_texts()


def _wait_until_listening(page, url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            page.goto(url, timeout=PAGE_TIMEOUT)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_a_second_start_opens_only_the_lesson_answered_last(tmp_path):
    require_chromium()
    folder, home = tmp_path / "Ouders zien", tmp_path / "home"
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        with _started(folder, home) as (url, lines):
            assert "/lab/tree/00_start/00_start.ipynb?file-browser-path=/&token=" in url, lines
            _wait_until_listening(page, url)
            assert _notebook_tabs(page) == ["00_start.ipynb"]
            # seventh walk: the file browser shows every lesson's folder, not the inside of 00_start
            page.locator(".jp-DirListing-itemText", has_text="06_tot_slot_en_nu").first.wait_for(timeout=PAGE_TIMEOUT)
            listed = page.locator(".jp-DirListing-itemText").all_inner_texts()
            assert {"00_start", "01_waarom_ouders", "06_tot_slot_en_nu"} <= set(listed), listed
            base = url.split("/lab/")[0]
            for lesson in (LESSON_01, LESSON_03):  # the learner opens two more lessons in this start
                page.goto(f"{base}/lab/tree/{lesson}", timeout=PAGE_TIMEOUT)
                tabs = _notebook_tabs(page)  # and JupyterLab saved its workspace before the next address
            assert sorted(tabs) == [
                "00_start.ipynb",
                "01_waarom_ouders.ipynb",
                "03_de_ouder_achter_het_gedrag.ipynb",
            ]
            # the workspace of this start keeps them (a reload within one start restores its tabs)
            assert any((folder / start.WORKSPACE).iterdir())
            # the learner answered in 01, then moved on to 03 (eighth walk: 03 was expected, not 01)
            (folder / LESSON_01).parent.joinpath("antwoorden.json").write_text("{}", encoding="utf-8")
            page.close()  # the next day the browser of the day before is closed (a tab left open: the test below)
        with _started(folder, home) as (url, lines):  # the next day
            assert f"/lab/tree/{LESSON_03}?file-browser-path=/&token=" in url, lines
            assert f"{start.GOING_ON_OPEN.format(lesson='les 03, de ouder achter het gedrag')}" in lines, lines
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            _wait_until_listening(page, url)
            assert _notebook_tabs(page) == ["03_de_ouder_achter_het_gedrag.ipynb"]


def test_a_tab_left_open_across_a_restart_cannot_write_into_the_new_start(tmp_path):
    """The walkers' 'old tab after a restart' (seen once in CI, 2026-12-02): the first day's page stays open while the
    server stops and starts again on the same address. With a cookie secret kept in HOME's runtime folder that tab
    stayed logged in to the new server and saved its three-tab layout into the fresh workspace, so the next day
    opened three lessons again. Each start now has a fresh cookie secret: the old tab's requests are refused, with a
    Dutch reason that its save dialog shows."""
    require_chromium()
    folder, home = tmp_path / "Ouders zien", tmp_path / "home"
    port = str(start.free_port(9300))  # both starts on one address, as on a learner's laptop (the first free port)
    with chromium() as browser:
        # one browser, two tabs, as on a learner's laptop: the tabs share the browser's cookies (thirteenth walk)
        tabs_of_one_browser = browser.new_context(viewport={"width": 1366, "height": 768})
        old = tabs_of_one_browser.new_page()
        with _started(folder, home, "--poort", port) as (url, lines):
            _wait_until_listening(old, url)
            assert _notebook_tabs(old) == ["00_start.ipynb"]
            base = url.split("/lab/")[0]
            for lesson in (LESSON_01, LESSON_03):
                old.goto(f"{base}/lab/tree/{lesson}", timeout=PAGE_TIMEOUT)
                tabs = _notebook_tabs(old)
            assert len(tabs) >= 2, tabs  # (the layout is saved after a pause: one goto may come before it)
            (folder / LESSON_03).parent.joinpath("antwoorden.json").write_text("{}", encoding="utf-8")
        with _started(folder, home, "--poort", port) as (url, lines):  # the old page is still open
            workspace = folder / start.WORKSPACE
            _wait_until_listening(browser.new_page(), base + "/api/status")  # the new server listens
            # the old tab changes its layout (the learner clicks another lesson's tab): JupyterLab saves it
            with old.expect_response(
                lambda r: "/lab/api/workspaces" in r.url and r.request.method == "PUT", timeout=PAGE_TIMEOUT
            ) as saved:
                old.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="01_waarom_ouders").first.click()
            assert saved.value.status == 403, saved.value.status
            assert saved.value.json()["message"] == old_tab.OLD_TAB
            assert not list(workspace.glob("*.jupyterlab-workspace")), list(workspace.iterdir())
            # a save in the old tab says why it failed and what to do, in Dutch (was "Forbidden")
            old.keyboard.press("Control+s")
            dialog = old.locator(".jp-Dialog-content")
            dialog.wait_for(timeout=PAGE_TIMEOUT)
            assert old_tab.OLD_TAB in " ".join(dialog.inner_text().split()), dialog.inner_text()
            old.locator(".jp-Dialog").get_by_role("button").last.click()
            page = tabs_of_one_browser.new_page()
            _wait_until_listening(page, url)
            assert _notebook_tabs(page) == ["03_de_ouder_achter_het_gedrag.ipynb"]
            # thirteenth walk (high): with the new tab open, the browser holds the new start's cookie, and the old tab
            # saved its old copy over the lesson (Ctrl+S, no dialog). The tab's start is in the token it sends.
            lesson = folder / LESSON_01
            before = lesson.read_bytes()
            with old.expect_response(lambda r: "/api/contents/" in r.url, timeout=PAGE_TIMEOUT) as saved:
                old.keyboard.press("Control+s")  # (JupyterLab asks for the file's date first, then saves)
            assert saved.value.status == 403 and saved.value.json()["message"] == old_tab.OLD_TAB, saved.value.status
            assert lesson.read_bytes() == before
            dialog.wait_for(timeout=PAGE_TIMEOUT)
            assert old_tab.OLD_TAB in " ".join(dialog.inner_text().split()), dialog.inner_text()


def test_an_old_tab_across_a_restart_shows_its_questions_stopped(tmp_path):
    """Eleventh walk (high): a tab left open from the day before, after the next `ouders-zien start`, showed English
    "Kernel died unexpectedly" dialogs, and its questions stayed live: a new choice moved the radio and the line
    still said "✔ Je antwoord is opgeslagen", while nothing was saved. While the server is away, and in the old tab
    after the next start, every question shows the course's notice that nothing is saved, its controls out of
    reach."""
    require_chromium()
    from playwright.sync_api import expect

    from course import messages as msg
    from course.learner.widgets.frame import BLOCK_CLASS

    notice = """(blocks) => blocks.map(b => [getComputedStyle(b, '::before').content,
        getComputedStyle(b.firstElementChild).pointerEvents])"""
    folder, home = tmp_path / "Ouders zien", tmp_path / "home"
    port = str(start.free_port(9400))
    with chromium() as browser:
        old = browser.new_page(viewport={"width": 1366, "height": 768})
        with _started(folder, home, "--poort", port) as (url, lines):
            _wait_until_listening(old, url)
            panel = old.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            indicator = panel.locator(".jp-Notebook-ExecutionIndicator")
            expect(indicator).to_have_attribute("data-status", "idle", timeout=PAGE_TIMEOUT)
            old.wait_for_timeout(2000)  # the kernel connected (the indicator says idle before a kernel is there)
            old.locator("#jp-menu-panel").get_by_role("menuitem", name="Uitvoeren", exact=True).click()
            old.locator(".lm-Menu").get_by_role("menuitem", name="Alle cellen uitvoeren", exact=True).click()
            blocks = panel.locator(f".{BLOCK_CLASS}")
            expect(blocks.last).to_be_attached(timeout=PAGE_TIMEOUT)
            expect(indicator).to_have_attribute("data-status", "idle", timeout=PAGE_TIMEOUT)
            live = blocks.evaluate_all(notice)
            assert live and all(content in ("none", "normal") and events != "none" for content, events in live), live
        # the console window is closed: the server is away
        expect(indicator).not_to_have_attribute("data-status", "idle", timeout=PAGE_TIMEOUT)
        away = blocks.evaluate_all(notice)
        assert all(msg.LOST_BLOCK in content and events == "none" for content, events in away), away[:2]
        # the next day, the old tab still open: it asks for its kernel once the new server answers; JupyterLab showed
        # its English "Error Starting Kernel / Kernel died unexpectedly" for each open lesson (thirteenth walk: five)
        with _started(folder, home, "--poort", port) as (url, lines):
            kernel = re.compile(r"/api/kernels/[0-9a-f-]{36}")
            with old.expect_response(lambda r: bool(kernel.search(r.url)), timeout=120_000) as asked:
                _wait_until_listening(browser.new_page(), base_url(url) + "/api/status")
            assert asked.value.status == 424 and asked.value.json()["message"] == old_tab.OLD_TAB, asked.value.status
            expect(indicator).to_have_attribute("data-status", re.compile("connecting|disconnected"), timeout=60_000)
            old.wait_for_timeout(1000)
            assert old.locator(".jp-Dialog").count() == 0, old.locator(".jp-Dialog").all_inner_texts()
            after = blocks.evaluate_all(notice)
            shots = screenshot_dir(start.REPO / "assets" / "walk" / "na", tmp_path / "na")
            blocks.nth(1).scroll_into_view_if_needed()
            shoot(old, blocks.nth(1), shots / "oude-tab-vraag.png")
            assert len(after) == len(live), (len(after), len(live))
            assert all(msg.LOST_BLOCK in content and events == "none" for content, events in after), after[:2]


def base_url(url: str) -> str:
    return url.split("/lab/")[0]


def test_a_lesson_or_its_answers_dragged_onto_a_folder_stay_where_they_are(tmp_path):
    """Fourteenth walk (mid): antwoorden.json cut and pasted into another folder left its lesson with a new, empty
    answer file; pasting it back asked JupyterLab's English "Overwrite file?". Knippen/Plakken are off (settings);
    JupyterLab's file browser still moves what is dragged onto a folder, and the learner's server refuses that for a
    lesson's files (course/learner/lesson_files.py), in Dutch, before any overwrite question."""
    require_chromium()
    folder, home = tmp_path / "Ouders zien", tmp_path / "home"
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        with _started(folder, home) as (url, lines):
            (folder / LESSON_01).parent.joinpath("antwoorden.json").write_text('{"a": 1}', encoding="utf-8")
            _wait_until_listening(page, url)
            _notebook_tabs(page)
            listing = page.locator(".jp-DirListing-content")
            dragged = listing.locator(".jp-DirListing-item", has_text="01_waarom_ouders")
            target = listing.locator(".jp-DirListing-item", has_text="00_start")
            dragged.wait_for(timeout=PAGE_TIMEOUT)
            # a right click on a lesson's folder offers neither 'Knippen' nor 'Kopiëren'
            dragged.click(button="right")
            menu = page.locator(".lm-Menu").last
            menu.wait_for(timeout=PAGE_TIMEOUT)
            labels = menu.locator(".lm-Menu-itemLabel").all_inner_texts()
            assert labels and not {"Knippen", "Kopiëren", "Plakken", "Dupliceren"} & set(labels), labels
            page.keyboard.press("Escape")
            start_box, end_box = dragged.bounding_box(), target.bounding_box()
            assert start_box and end_box
            with page.expect_response(
                lambda r: "/api/contents/" in r.url and r.request.method == "PATCH", timeout=PAGE_TIMEOUT
            ) as moved:
                page.mouse.move(start_box["x"] + 40, start_box["y"] + start_box["height"] / 2)
                page.mouse.down()
                for step in range(1, 11):  # Lumino starts a drag after a few pixels of movement
                    y = start_box["y"] + (end_box["y"] - start_box["y"]) * step / 10 + start_box["height"] / 2
                    page.mouse.move(end_box["x"] + 40, y)
                    page.wait_for_timeout(50)
                page.mouse.up()
            assert moved.value.status == 403, moved.value.status
            dialog = page.locator(".jp-Dialog")
            dialog.wait_for(timeout=PAGE_TIMEOUT)
            text = " ".join(dialog.inner_text().split())
            assert "Verplaatsen lukt niet" in text and lesson_files.KEEP_IN_PLACE in text, text
            assert "Overwrite" not in text
            shots = screenshot_dir(start.REPO / "assets" / "walk" / "na", tmp_path / "na")
            shoot(page, dialog, shots / "verplaatsen-lukt-niet.png")
            assert (folder / LESSON_01).is_file() and not (folder / "00_start" / "01_waarom_ouders").exists()
