"""Headless Chromium (Playwright, sync API) for the browser tests, and the evidence kept on failure.

Not a test module. Chromium must be at /usr/bin/chromium: :func:`require_chromium` skips the
test without it, except on CI (env ``CI`` set), where it fails. :func:`chromium_page` opens one
page, shared by the flows of a test module; :meth:`BrowserPage.evidence` wraps one flow and, when
it fails, saves a screenshot and prints the tail of the server log. Screenshots that belong in the
repository (assets/) are refreshed only with env ``OUDERS_ZIEN_SCREENSHOTS=1``: see
:func:`screenshot_dir`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_TIMEOUT = 60_000  # ms: page load, kernel start
# Set to "1" to refresh the screenshots kept in the repository (assets/); else they go to tmp.
SCREENSHOTS_ENV = "OUDERS_ZIEN_SCREENSHOTS"


def require_chromium() -> None:
    """Skip the calling test when Chromium is missing; fail instead when env ``CI`` is set."""
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run the browser test"
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def screenshot_dir(repo_dir: Path, tmp_dir: Path) -> Path:
    """Return ``repo_dir`` when screenshots are to be refreshed (env ``OUDERS_ZIEN_SCREENSHOTS=1``),
    else ``tmp_dir``; the directory exists on return."""
    target = repo_dir if os.environ.get(SCREENSHOTS_ENV) == "1" else tmp_dir
    target.mkdir(parents=True, exist_ok=True)
    return target


def shoot(page: Any, element: Any, path: Path) -> None:
    """Save an element screenshot of ``element`` at ``path``, mouse out of the way."""
    page.mouse.move(0, 0)  # no hover shading on the last button clicked
    element.screenshot(path=str(path), animations="disabled")
    assert path.stat().st_size > 0, path


class BrowserPage:
    """One Playwright page; page errors (uncaught JavaScript exceptions) collect in :attr:`problems`."""

    def __init__(self, page: Any, server_log: Callable[[], str]):
        self.page = page
        self.problems: list[str] = []
        self._server_log = server_log
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))

    def save_evidence(self, evidence_dir: Path) -> None:
        """Save what the page looks like as ``evidence_dir/failure.png``; print the server log tail."""
        shot = evidence_dir / "failure.png"
        with contextlib.suppress(Exception):
            evidence_dir.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(shot))
        print(f"screenshot: {shot}\njupyter lab log (tail):\n{self._server_log()}")

    @contextlib.contextmanager
    def evidence(self, evidence_dir: Path) -> Iterator[Any]:
        """Run one flow on the page (yielded): keep evidence when it fails; fail it when it
        caused a page error."""
        start = len(self.problems)
        try:
            yield self.page
        except (Exception, pytest.fail.Exception):
            self.save_evidence(evidence_dir)
            raise
        new = self.problems[start:]
        assert not new, new


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (the Debian package), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_page(lab: Any, evidence_dir: Path, viewport: dict[str, int] | None = None) -> Iterator[BrowserPage]:
    """Yield a :class:`BrowserPage` in headless Chromium for JupyterLab server ``lab``.

    The browser language is left at its default (en-US), so any Dutch must come from the
    course's settings. When the block itself raises (e.g. while a module fixture sets up), the
    evidence goes to ``evidence_dir``; the browser is closed on exit.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport=viewport or {"width": 1400, "height": 1000})
            page.set_default_timeout(PAGE_TIMEOUT)
            ui = BrowserPage(page, lab.log_tail)
            try:
                yield ui
            except (Exception, pytest.fail.Exception):
                ui.save_evidence(evidence_dir)
                raise
        finally:
            browser.close()
