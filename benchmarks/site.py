"""The browser edition (issue 22): site size and time to a ready kernel, cold and warm (``make bench``).

Serves _site/ (``make site``) on loopback and opens lesson 02 in headless Chromium with every other
host refused: cold = a new browser profile (nothing cached, no service worker); warm = a new tab in
the same profile (HTTP cache, service worker and IndexedDB kept). "Ready" is the first moment the
notebook's Pyodide kernel is connected and idle; then "lesson run" is run-all of lesson 02 (the hidden
first cell installs the course from the site, then the lesson's cells). Prints figures; no goal is
asserted here.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "browser"), str(REPO / "tests" / "site")]

from browser_page import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from pgserver import free_port  # noqa: E402
from test_site_browser import LESSON_02, SITE, open_lesson, run_all  # noqa: E402

ROUNDS = 2


def main() -> None:
    from playwright.sync_api import sync_playwright

    size = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file()) / 1e6
    pyodide = sum(f.stat().st_size for f in (SITE / "static" / "pyodide").rglob("*") if f.is_file()) / 1e6
    print(f"site: {size:.0f} MB (Pyodide and its packages {pyodide:.0f} MB)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(SITE)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    cold, warm, runs = [], [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
            )
            for _ in range(ROUNDS):
                context = browser.new_context(service_workers="allow")
                context.route(
                    "**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:", "blob:")) else r.abort()
                )
                started = time.monotonic()
                page = open_lesson(base, context, LESSON_02)
                cold.append(time.monotonic() - started)
                runs.append(run_all(page))
                page.close()
                started = time.monotonic()
                page = open_lesson(base, context, LESSON_02)
                warm.append(time.monotonic() - started)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    print(
        f"kernel ready, lesson 02: cold median {statistics.median(cold):.1f} s ({', '.join(f'{t:.1f}' for t in cold)}), "
        f"warm median {statistics.median(warm):.1f} s ({', '.join(f'{t:.1f}' for t in warm)})"
    )
    print(f"run all of lesson 02 (install of the course included): median {statistics.median(runs):.1f} s")


if __name__ == "__main__":
    main()
