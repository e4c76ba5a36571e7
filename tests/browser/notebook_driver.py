"""Driving a lesson notebook in JupyterLab as a learner: open it, run all cells, find cells and widgets.

Not a test module. :func:`executed_lesson` starts a lab on a lesson, opens it in Chromium and
runs it: the module fixture of each browser test file. :func:`open_notebook` and :func:`run_all_cells` open a lesson and run it
through the Dutch "Uitvoeren" menu; :func:`restart_and_run_all` starts the kernel afresh (the
widgets then restore what ``antwoorden.json`` holds). :class:`LessonPage` is the executed notebook
that the flows of one test module share: :meth:`LessonPage.cell` finds a cell by its nbgrader
``grade_id`` and :meth:`LessonPage.flow` wraps one flow (evidence on failure; no page error and
nothing in the log console may come of it).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from browser_page import PAGE_TIMEOUT, BrowserPage, chromium_page
from labserver import start_lab

# The course's own nl_NL language pack (the community pack plus what it leaves in English; issue 24).
LANGUAGE_PACK = (
    Path(__file__).resolve().parents[2]
    / "course"
    / "learner"
    / "jupyterlab_nl"
    / "locale"
    / "nl_NL"
    / "LC_MESSAGES"
    / "jupyterlab.json"
)
RUN_ALL_TIMEOUT = 120_000  # ms: run all cells on a small machine
WIDGET_TIMEOUT = 15_000  # ms: a click reaching the kernel and back

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
# The index of the cell whose nbgrader grade_id is the argument (-1: none).
CELL_INDEX = """grade_id => window.jupyterapp.shell.currentWidget.content.widgets.findIndex(
    cell => (cell.model.getMetadata("nbgrader") || {}).grade_id === grade_id)"""
# A fresh kernel, without the old outputs and execution counts (no dialog: the session's own call).
RESTART_KERNEL = """async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    await window.jupyterapp.commands.execute("notebook:clear-all-cell-outputs");
    await panel.sessionContext.restartKernel();
}"""


def translation(msgid: str, context: str | None = None) -> str | None:
    """Return the Dutch translation of ``msgid`` in the installed language pack, if any."""
    catalog = json.loads(LANGUAGE_PACK.read_text(encoding="utf-8"))
    key = f"{context}\x04{msgid}" if context else msgid
    value = catalog.get(key)
    return value[0] if value and value[0] else None


def open_notebook(page: Any, lab: Any) -> Any:
    """Open the lesson notebook of server ``lab`` and wait until its kernel is connected and idle.

    Returns the locator of the notebook panel.
    """
    from playwright.sync_api import expect

    page.goto(lab.notebook_url())
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=PAGE_TIMEOUT)
    wait_for_kernel(page, panel)
    return panel


def wait_for_kernel(page: Any, panel: Any) -> None:
    """Wait until the notebook's kernel is connected and idle."""
    from playwright.sync_api import expect

    # The toolbar's execution indicator says "idle" before any kernel is there, so ask the
    # session itself: run-all on a kernel that is not connected yet runs nothing.
    page.wait_for_function(KERNEL_READY, timeout=PAGE_TIMEOUT)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute("data-status", "idle")


def settle_widgets(page: Any, pause_ms: int = 300) -> None:
    """Wait until a widget's value changes have reached the kernel. ipywidgets sends one state update
    at a time and buffers the next until the kernel is idle again (@jupyter-widgets/base, WidgetModel:
    ``_pending_msgs``, ``_msg_buffer``), while a button click goes out at once: after quick arrow keys in
    a drop-down, a click can overtake the chosen value (seen: the builder added the move before it)."""
    for _ in range(2):  # the buffered update leaves when the kernel is idle, then is handled
        page.wait_for_function(KERNEL_READY, timeout=PAGE_TIMEOUT)
        page.wait_for_timeout(pause_ms)
    page.wait_for_function(KERNEL_READY, timeout=PAGE_TIMEOUT)


def run_all_cells(page: Any, panel: Any) -> None:
    """Run all cells from the Dutch "Uitvoeren" menu; fail on an error output; wait until idle."""
    from playwright.sync_api import expect

    run_label = translation("Run", "menu")
    assert run_label == "Uitvoeren", f"language pack label of the Run menu changed: {run_label!r}"
    page.locator("#jp-menu-panel").get_by_role("menuitem", name=run_label, exact=True).click()
    run_all_label = translation("Run All Cells")
    assert run_all_label == "Alle cellen uitvoeren", run_all_label
    run_all = page.locator(".lm-Menu").get_by_role("menuitem", name=run_all_label, exact=True)
    expect(run_all).to_be_visible()
    run_all.click()
    # The lessons hide code inputs, so the "[12]:" prompts are not on the page: read the
    # execution counts from the cell models instead. Done when every code cell has one (the
    # last one included) and the kernel is idle again.
    errors = page.wait_for_function(RUN_ALL_DONE, timeout=RUN_ALL_TIMEOUT).json_value()
    assert not errors, "run all cells stopped at an error:\n" + "\n".join(errors)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
        "data-status", "idle", timeout=RUN_ALL_TIMEOUT
    )


def restart_and_run_all(page: Any, panel: Any, from_menu: bool = False, shot: Path | None = None) -> None:
    """Clear the outputs, restart the kernel and run all cells again (as a learner who comes back).
    ``from_menu``: restart as a learner does, through the Kernel menu and its dialog, in Dutch (``shot``: a
    screenshot of the dialog)."""
    if from_menu:
        page.evaluate('() => window.jupyterapp.commands.execute("notebook:clear-all-cell-outputs")')
        restart_from_menu(page, shot)
    else:
        page.evaluate(RESTART_KERNEL)
    wait_for_kernel(page, panel)
    run_all_cells(page, panel)


def restart_from_menu(page: Any, shot: Path | None = None) -> None:
    """Menu Kernel, "Herstart Kernel…", and the restart dialog: every word of it Dutch (issue 24: the English
    "All variables will be lost" on a red button made a learner fear for her answers)."""
    from playwright.sync_api import expect

    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Kernel", exact=True).click()
    restart = translation("Restart Kernel…")
    assert restart, "no Dutch for Restart Kernel…"
    # a menu item's accessible name ends with its shortcut ("0, 0")
    page.locator(".lm-Menu").get_by_role("menuitem", name=re.compile(rf"^{re.escape(restart)}")).click()
    dialog = page.locator(".jp-Dialog-content")
    expect(dialog).to_contain_text(translation("Restart Kernel?"))
    body = translation("Do you want to restart the kernel of %1? All variables will be lost.")
    assert body and "%1" in body
    for part in body.split("%1"):
        expect(dialog).to_contain_text(part)
    expect(dialog).to_contain_text(translation("Do not ask me again."))
    for english in ("Restart Kernel?", "All variables", "Cancel", "Do not ask"):
        expect(dialog).not_to_contain_text(english)
    expect(dialog.get_by_role("button", name=translation("Cancel Kernel Restart"))).to_have_text(translation("Cancel"))
    confirm = dialog.get_by_role("button", name=translation("Confirm Kernel Restart"))
    expect(confirm).to_have_text(translation("Restart"))
    if shot is not None:
        page.locator(".jp-Dialog-content").screenshot(path=str(shot), animations="disabled")
    confirm.click()
    expect(dialog).to_have_count(0)


def assert_no_errors(page: Any, panel: Any) -> None:
    """Fail on an error output, a traceback or error on stderr, or a widget that did not render."""
    from playwright.sync_api import expect

    errors = page.evaluate(ERROR_OUTPUTS)
    assert not errors, "error output in the notebook:\n" + "\n".join(errors)
    stderr = panel.locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')
    for text in stderr.all_inner_texts():
        assert "Traceback" not in text and "Error" not in text, f"error output in the notebook:\n{text}"
    # in an output (ipywidgets writes it into the output node); the lessons name the message in their prose
    expect(panel.locator(".jp-OutputArea").get_by_text("Error displaying widget")).to_have_count(0)
    expect(panel.get_by_text("Loading widget...")).to_have_count(0)


def widget_log(page: Any) -> list[str] | None:
    """Return what widget callbacks wrote to the log console (None: the log cannot be read)."""
    return page.evaluate(WIDGET_LOG)


def shown_blocks(notebook: Path, lesson_id: str) -> dict[str, str]:
    """Return grade_id -> id of every ``show("<lesson_id>", "<id>")`` in the notebook's code cells."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    pattern = rf"""show\(\s*["']{re.escape(lesson_id)}["']\s*,\s*["']([\w-]+)["']\s*\)"""
    shown = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            for block_id in re.findall(pattern, "".join(cell["source"])):
                shown[cell["metadata"]["nbgrader"]["grade_id"]] = block_id
    return shown


def item_cell(item: dict[str, Any]) -> str:
    """The grade_id of the cell that shows exercise ``item``: the item id itself for a graded item
    (the cell that nbgrader grades), ``widget_<id>`` for a formative one."""
    return item["id"] if item["mode"] == "graded" else f"widget_{item['id']}"


def exercise_box(scope: Any, label: str) -> Any:
    """The widget box in ``scope`` whose HTML header starts with <b>label</b>."""
    pattern = re.compile(rf"^{re.escape(label)}$")
    return scope.locator(".widget-vbox").filter(has=scope.page.locator(".widget-html b", has_text=pattern))


def button(scope: Any, label: str) -> Any:
    """The button whose accessible name is exactly ``label`` (no icon glyph in front of it)."""
    return scope.get_by_role("button", name=label, exact=True)


class LessonPage:
    """The lesson notebook, open in Chromium and run once, shared by the flows of a test module.

    The flows answer different exercises, so none depends on another having run (or not) first.
    """

    def __init__(self, lab: Any, browser: BrowserPage, panel: Any):
        self.lab, self.browser, self.panel = lab, browser, panel

    @property
    def page(self) -> Any:
        return self.browser.page

    @property
    def answer_file(self) -> Path:
        return self.lab.answer_file

    def cell(self, grade_id: str) -> Any:
        """The notebook cell whose nbgrader grade_id is ``grade_id``."""
        index = self.page.evaluate(CELL_INDEX, grade_id)
        assert index >= 0, f"the notebook has no cell {grade_id!r}"
        return self.panel.locator(f'.jp-Cell[data-windowed-list-index="{index}"]')

    def exercise(self, item: dict[str, Any]) -> Any:
        """The widget box of exercise ``item``, in its own cell."""
        return exercise_box(self.cell(item_cell(item)), item["label"])

    def restart_and_run_all(self, from_menu: bool = False, shot: Path | None = None) -> None:
        restart_and_run_all(self.page, self.panel, from_menu, shot)

    @contextlib.contextmanager
    def flow(self, evidence_dir: Path) -> Iterator[LessonPage]:
        """Run one flow: evidence when it fails; it fails when it caused a page error or when a
        widget callback wrote to the log console while it ran (a traceback, a warning, a print)."""
        from playwright.sync_api import expect

        with self.browser.evidence(evidence_dir):
            self.page.keyboard.press("Escape")  # no menu or dialog left open by an earlier flow
            before = widget_log(self.page)
            yield self
            after = widget_log(self.page)
            if after is None:  # the log cannot be read: its status item must at least be hidden
                expect(self.page.locator(".jp-LogConsoleStatusItem")).to_have_class(re.compile(r"\blm-mod-hidden\b"))
            else:
                new = after[len(before or []) :]
                assert not new, "widget callbacks wrote to the log console:\n" + "\n".join(new)


@contextlib.contextmanager
def executed_lesson(base: Path, lesson_id: str, viewport: dict[str, int] | None = None) -> Iterator[LessonPage]:
    """Start a lab on a fresh copy of lesson ``lesson_id`` under ``base``, open the notebook in
    Chromium and run all cells from the Dutch menu; yield it as a :class:`LessonPage`."""
    with start_lab(base, lesson_id) as lab, chromium_page(lab, base, viewport) as browser:
        panel = open_notebook(browser.page, lab)
        run_all_cells(browser.page, panel)
        yield LessonPage(lab, browser, panel)
