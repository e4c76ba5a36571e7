"""Helpers for the browser tests: a learner's JupyterLab on a copy of a lesson, driven by Chromium.

Not a test module. :func:`start_lab` runs the real ``jupyter lab`` of this environment on a tmp
copy of one lesson folder, with the user's own Jupyter settings kept out and the learner's page
config of ``make lab`` (``JUPYTER_CONFIG_PATH=jupyter-settings/learner``). :func:`chromium_page`
opens headless Chromium (Playwright, sync API) and keeps evidence when a test fails;
:func:`open_notebook` and :func:`run_all_cells` open a lesson and run it through the Dutch
"Uitvoeren" menu, and the remaining helpers find exercise widgets and read ``antwoorden.json``.

Chromium must be at /usr/bin/chromium: :func:`require_chromium` skips the test without it,
except on CI (env ``CI`` set), where it fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from course.store import GRADING_ENV, STORE_NAME

REPO = Path(__file__).resolve().parent.parent

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LANGUAGE_PACK = (
    Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    / "site-packages" / "jupyterlab_language_pack_nl_NL" / "locale" / "nl_NL" / "LC_MESSAGES"
    / "jupyterlab.json"
)
# Set to "1" to refresh the screenshots kept in the repository (assets/); else they go to tmp.
SCREENSHOTS_ENV = "OUDERS_ZIEN_SCREENSHOTS"

SERVER_START_TIMEOUT = 60  # s
PAGE_TIMEOUT = 60_000  # ms: page load, kernel start
RUN_ALL_TIMEOUT = 120_000  # ms: run all cells on a small machine
WIDGET_TIMEOUT = 15_000  # ms: a click reaching the kernel and back
FILE_TIMEOUT = 15  # s

# JavaScript run in the page on the open notebook (window.jupyterapp: --LabApp.expose_app_in_browser).
CODE_CELLS = """(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    return panel.content.widgets.filter(cell => cell.model.type === "code");
})()"""
KERNEL_READY = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return !!kernel && panel.sessionContext.isReady && kernel.connectionStatus === "connected"
        && kernel.status === "idle";
}"""
# The error outputs of all code cells, as "cell <id>: <ename>: <evalue>" lines.
ERROR_OUTPUTS = f"""() => {{
    const errors = [];
    for (const cell of {CODE_CELLS}) {{
        for (const output of cell.model.outputs.toJSON()) {{
            if (output.output_type === "error") {{
                errors.push(`cell ${{cell.model.id}}: ${{output.ename}}: ${{output.evalue}}`);
            }}
        }}
    }}
    return errors;
}}"""
# What widget callbacks wrote: JupyterLab sends it to the log console, not to a cell output,
# so a traceback in a click handler is invisible in the notebook. Returns the entries of the
# log console's registry (a private but stable handle), or null when it cannot be reached.
WIDGET_LOG = """() => {
    const plugin = window.jupyterapp.pluginRegistry._plugins.get("@jupyterlab/logconsole-extension:plugin");
    const registry = plugin && plugin.service;
    if (!registry || !registry.getLoggers) return null;
    const entries = [];
    for (const logger of registry.getLoggers()) {
        for (const output of logger.outputAreaModel.toJSON()) {
            const text = output.output_type === "error" ? `${output.ename}: ${output.evalue}`
                : output.output_type === "stream" ? `${output.name}: ${output.text}`
                : JSON.stringify(output.data || output);
            entries.push(`${logger.source || "(no source)"} [${output.output_type}] ${text}`);
        }
    }
    return entries;
}"""
# Run-all is over when every code cell has an execution count, or as soon as one has an error
# output (JupyterLab then stops, the rest never runs). Returns the errors found ([] = none).
RUN_ALL_DONE = f"""() => {{
    const cells = {CODE_CELLS};
    const errors = ({ERROR_OUTPUTS})();
    if (errors.length) return errors;
    const done = cells.length > 0 && cells.every(cell => typeof cell.model.executionCount === "number");
    return done ? [] : null;
}}"""


def require_chromium() -> None:
    """Skip the calling test when Chromium is missing; fail instead when env ``CI`` is set."""
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run the browser test"
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def translation(msgid: str, context: str | None = None) -> str | None:
    """Return the Dutch translation of ``msgid`` in the installed language pack, if any."""
    catalog = json.loads(LANGUAGE_PACK.read_text(encoding="utf-8"))
    key = f"{context}\x04{msgid}" if context else msgid
    value = catalog.get(key)
    return value[0] if value and value[0] else None


def screenshot_dir(repo_dir: Path, tmp_dir: Path) -> Path:
    """Return ``repo_dir`` when screenshots are to be refreshed (env ``OUDERS_ZIEN_SCREENSHOTS=1``),
    else ``tmp_dir``; the directory exists on return."""
    target = repo_dir if os.environ.get(SCREENSHOTS_ENV) == "1" else tmp_dir
    target.mkdir(parents=True, exist_ok=True)
    return target


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A running JupyterLab server on a copy of one lesson folder."""

    def __init__(self, root: Path, lesson_id: str, port: int, token: str, log: Path):
        self.root, self.lesson_id, self.port, self.token, self.log = root, lesson_id, port, token, log

    @property
    def lesson_dir(self) -> Path:
        """The lesson folder the learner works in (the kernel's working directory)."""
        return self.root / self.lesson_id

    @property
    def notebook(self) -> Path:
        """The lesson notebook in :attr:`lesson_dir`."""
        return self.lesson_dir / f"{self.lesson_id}.ipynb"

    @property
    def answer_file(self) -> Path:
        """The lesson's ``antwoorden.json``."""
        return self.lesson_dir / STORE_NAME

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path}?token={self.token}"

    def notebook_url(self) -> str:
        """The address that opens the lesson notebook in JupyterLab."""
        return self.url(f"lab/tree/{self.lesson_id}/{self.lesson_id}.ipynb")

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


@contextlib.contextmanager
def start_lab(base: Path, lesson_id: str) -> Iterator[Lab]:
    """Run ``jupyter lab`` on a fresh copy of ``notebooks/<lesson_id>`` under ``base``.

    The copy has no ``antwoorden.json`` (a learner who answered nothing yet). The user's Jupyter
    config, lab settings, workspaces and runtime files are replaced by empty dirs under ``base``;
    the app settings dir, with the course's ``overrides.d``, is left alone, and the learner page
    config of ``make lab`` is used. Yields once the server answers; stops it on exit.
    """
    require_chromium()
    root = base / "lab"
    lesson_dir = root / lesson_id
    shutil.copytree(REPO / "notebooks" / lesson_id, lesson_dir)
    (lesson_dir / STORE_NAME).unlink(missing_ok=True)  # a fresh learner: nothing answered yet

    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    env.pop(GRADING_ENV, None)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    # As `make lab` does: the learner's page config switches off nbgrader's lecturer tools.
    env["JUPYTER_CONFIG_PATH"] = str(REPO / "jupyter-settings" / "learner")
    # Keep the user's own Jupyter settings (and runtime files) out; the app settings dir, with
    # the course's overrides.d, is deliberately left alone.
    for var, name in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
                      ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("JUPYTER_RUNTIME_DIR", "runtime")]:
        env[var] = str(base / name)
        (base / name).mkdir()

    port, token = _free_port(), secrets.token_hex(16)
    log = base / "jupyter.log"
    with open(log, "wb") as log_fh:
        proc = subprocess.Popen(
            [str(bin_dir / "jupyter"), "lab", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True",
             # window.jupyterapp, to read execution counts; changes nothing the learner sees.
             "--LabApp.expose_app_in_browser=True"],
            cwd=root, env=env, stdout=log_fh, stderr=subprocess.STDOUT,
        )
    server = Lab(root, lesson_id, port, token, log)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with code {proc.returncode}:\n{server.log_tail()}")
            try:
                with urllib.request.urlopen(server.url("api/status"), timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def chromium_page(lab: Lab, evidence_dir: Path, problems: list[str],
                  viewport: dict[str, int] | None = None) -> Iterator[Any]:
    """Yield a Playwright page in headless Chromium; page errors are appended to ``problems``.

    The browser language is left at its default (en-US), so any Dutch must come from the
    course's settings. When the block raises, a screenshot of the page is saved as
    ``evidence_dir/failure.png`` and the tail of the server log is printed.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = None
        try:
            page = browser.new_page(viewport=viewport or {"width": 1400, "height": 1000})
            page.set_default_timeout(PAGE_TIMEOUT)
            page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
            yield page
        except Exception:
            # Evidence for a failure: what the page looked like and what the server said.
            shot = evidence_dir / "failure.png"
            if page is not None:
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(shot))
            print(f"screenshot: {shot}\njupyter lab log (tail):\n{lab.log_tail()}")
            raise
        finally:
            browser.close()


def open_notebook(page: Any, lab: Lab) -> Any:
    """Open the lesson notebook and wait until its kernel is connected and idle.

    Returns the locator of the notebook panel.
    """
    from playwright.sync_api import expect

    page.goto(lab.notebook_url())
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=PAGE_TIMEOUT)
    # The toolbar's execution indicator says "idle" before any kernel is there, so ask the
    # session itself: run-all on a kernel that is not connected yet runs nothing.
    page.wait_for_function(KERNEL_READY, timeout=PAGE_TIMEOUT)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute("data-status", "idle")
    return panel


def run_all_cells(page: Any, panel: Any) -> None:
    """Run all cells from the Dutch "Uitvoeren" menu; fail on an error output; wait until idle."""
    from playwright.sync_api import expect

    run_label = translation("Run", "menu")
    assert run_label == "Uitvoeren", f"language pack label of the Run menu changed: {run_label!r}"
    page.locator("#jp-menu-panel").get_by_role("menuitem", name=run_label, exact=True).click()
    # The language pack (4.5.post3) has no Dutch for "Run All Cells"; accept either.
    run_all_label = translation("Run All Cells") or "Run All Cells"
    run_all = page.locator(".lm-Menu").get_by_role("menuitem", name=run_all_label, exact=True)
    expect(run_all).to_be_visible()
    run_all.click()
    # The lessons hide code inputs, so the "[12]:" prompts are not on the page: read the
    # execution counts from the cell models instead. Done when every code cell has one (the
    # last one included) and the kernel is idle again.
    errors = page.wait_for_function(RUN_ALL_DONE, timeout=RUN_ALL_TIMEOUT).json_value()
    assert not errors, "run all cells stopped at an error:\n" + "\n".join(errors)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
        "data-status", "idle", timeout=RUN_ALL_TIMEOUT)


def open_and_run_all(page: Any, lab: Lab) -> Any:
    """Open the lesson notebook, wait for its kernel, run all cells; return the notebook panel."""
    panel = open_notebook(page, lab)
    run_all_cells(page, panel)
    return panel


def assert_no_errors(page: Any, panel: Any) -> None:
    """Fail on an error output, a traceback or error on stderr, or a widget that did not render."""
    from playwright.sync_api import expect

    errors = page.evaluate(ERROR_OUTPUTS)
    assert not errors, "error output in the notebook:\n" + "\n".join(errors)
    stderr = panel.locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')
    for text in stderr.all_inner_texts():
        assert "Traceback" not in text and "Error" not in text, f"error output in the notebook:\n{text}"
    expect(panel.get_by_text("Error displaying widget")).to_have_count(0)
    expect(panel.get_by_text("Loading widget...")).to_have_count(0)


def assert_no_widget_log(page: Any) -> None:
    """Fail when a widget callback wrote anything (a traceback, a warning, a print).

    Such output lands in JupyterLab's log console, not in the notebook. When the log registry
    cannot be reached, the log console's status bar item must at least be hidden (no entries).
    """
    from playwright.sync_api import expect

    entries = page.evaluate(WIDGET_LOG)
    if entries is None:
        expect(page.locator(".jp-LogConsoleStatusItem")).to_have_class(re.compile(r"\blm-mod-hidden\b"))
        return
    assert not entries, "widget callbacks wrote to the log console:\n" + "\n".join(entries)


def items_shown(notebook: Path, items: dict[str, Any]) -> list[str]:
    """Return the ids of the lesson ``items`` the notebook's code cells show, in order."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            found += [m for m in re.findall(r"""show\(\s*["']([\w-]+)["']""", source) if m in items]
    return found


def exercise_box(panel: Any, item: dict[str, Any]) -> Any:
    """The widget box of ``item``: a VBox whose HTML header starts with <b>label</b>."""
    label = re.compile(rf"^{re.escape(item['label'])}$")
    return panel.locator(".widget-vbox").filter(has=panel.page.locator(".widget-html b", has_text=label))


def read_answers(path: Path) -> dict[str, Any]:
    """Return the answers in ``antwoorden.json`` at ``path`` ({} while it is missing or partial)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def wait_for_answer(path: Path, item_id: str, expected: Any) -> dict[str, Any]:
    """Poll the answer file until ``item_id`` has ``expected`` (bounded); return its answers."""
    return wait_for_answers(path, lambda answers: answers.get(item_id) == expected,
                            f"{item_id!r}: {expected!r}")


def wait_for_answers(path: Path, done: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    """Poll the answer file until ``done(answers)`` holds (bounded); return its answers."""
    deadline = time.monotonic() + FILE_TIMEOUT
    answers: dict[str, Any] = {}
    while time.monotonic() < deadline:
        answers = read_answers(path)
        if done(answers):
            return answers
        time.sleep(0.2)
    raise AssertionError(f"{path.name} did not get {what} within {FILE_TIMEOUT} s; it holds {answers!r}")
