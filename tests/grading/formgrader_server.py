"""nbgrader's formgrader as the lecturer runs it: a real Jupyter server in the course folder, and a
headless Chromium page that counts every script, dialog and remote request (not a test module).

:func:`start_formgrader` runs ``jupyter server`` with the course folder as working directory and
root (so the formgrader extension reads its ``nbgrader_config.py``), token auth, the user's own
Jupyter config kept out. :class:`Watch` instruments a browser context before any page script
runs: ``window.__xss(marker)`` (what the vectors call), ``alert``/``confirm``/``prompt``, real
dialogs and every request to a host other than the server.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from course.store import GRADING_ENV

from browser_page import chromium  # noqa: F401  (re-exported for the grading tests)
from labserver import run_jupyter

START_TIMEOUT = 60  # s
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# MathJax, from the formgrade and feedback templates themselves (nbconvert's mathjax macro):
# asked for on every page, learner text or not; everything else remote counts against the page.
TEMPLATE_HOSTS = {"cdnjs.cloudflare.com"}

INSTRUMENT = """
(() => {
  const hit = (m) => { try { window.__xssHit(String(m)); } catch (e) {} };
  window.__xss = hit;
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (m) => hit(name + ':' + m);
  }
})();
"""


CLICK = "e => e.click ? e.click() : e.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))"


class Formgrader:
    def __init__(self, port: int, token: str, log: Path):
        self.port, self.token, self.log = port, token, log

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?token={self.token}"

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def start_formgrader(course: Path, base: Path) -> Iterator[Formgrader]:
    """Run ``jupyter server`` in ``course`` (the formgrader loads); stop it on exit."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    env.pop(GRADING_ENV, None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    for var, name in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime")]:
        env[var] = str(base / name)
        (base / name).mkdir(parents=True, exist_ok=True)
    port, token = _free_port(), secrets.token_hex(16)
    server = Formgrader(port, token, base / "formgrader.log")
    cmd = [str(bin_dir / "jupyter"), "server", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}", "--ServerApp.allow_root=True"]
    with run_jupyter(cmd, course, env, server.log, server.url("formgrader/manage_students"), START_TIMEOUT,
                     "the formgrader's jupyter server"):
        yield server


def is_remote(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


class Watch:
    """One browser context, instrumented before any page script runs; what fired collects here."""

    def __init__(self, browser: Any):
        self.hits: list[str] = []
        self.dialogs: list[str] = []
        self.remote: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.expose_binding("__xssHit", lambda _source, marker: self.hits.append(str(marker)))
        self.context.add_init_script(INSTRUMENT)
        self.context.on("request", self._request)
        # No internet here, and none needed: a remote request is counted, then refused at once.
        self.context.route("**/*", lambda route: route.abort() if is_remote(route.request.url) else route.continue_())
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("dialog", self._dialog)

    def _request(self, request: Any) -> None:
        if is_remote(request.url) and urlsplit(request.url).hostname not in TEMPLATE_HOSTS:
            self.remote.append(request.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):
            dialog.dismiss()

    def visit(self, url: str, area: str | None = None) -> tuple[str, set[str]]:
        """Open ``url`` and wait for timers and autofocus; within ``area`` (a CSS selector) note the
        element names, hover over every element and click every link, button and summary. Return
        the area's text (the page's without ``area``) and its element names."""
        page = self.page
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1500)
        if area is None:
            return self._eval("() => document.body.innerText") or "", set()
        text = self._eval("(sel) => document.querySelector(sel)?.innerText ?? ''", area)
        tags = self._eval("(sel) => [...document.querySelectorAll(sel + ' *')].map(e => e.tagName.toLowerCase())",
                          area)
        self._eval("""(sel) => {
            for (const el of document.querySelectorAll(sel + ' *')) {
              for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'focus']) {
                el.dispatchEvent(new Event(type, {bubbles: type.endsWith('over')}));
              }
            }
        }""", area)
        clickable = f"{area} a, {area} button, {area} summary, {area} x, {area} [onclick]"
        for i in range(self._count(clickable)):
            if page.url.split("?")[0] != url.split("?")[0]:
                page.goto(url, wait_until="load")
            with contextlib.suppress(Exception):  # the element's own activation, as a click does it
                page.locator(clickable).nth(i).evaluate(CLICK, timeout=2000)
            page.wait_for_timeout(300)
        page.wait_for_timeout(500)
        # A page that navigated away (a meta refresh, a base href) before it could be read counts too.
        return text or "", set(tags) if tags is not None else {"(page navigated away)"}

    def _eval(self, script: str, arg: Any = None) -> Any:
        try:
            return self.page.evaluate(script, arg)
        except Exception:  # noqa: BLE001 - the page navigated away: nothing to read
            return None

    def _count(self, selector: str) -> int:
        try:
            return self.page.locator(selector).count()
        except Exception:  # noqa: BLE001
            return 0

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()


