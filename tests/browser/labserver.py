"""Starting a learner's JupyterLab server on a tmp copy of one lesson folder (not a test module).

:func:`start_lab` runs the real ``jupyter lab`` of this environment with the user's own Jupyter
settings kept out and the learner's page config of ``make lab``
(``JUPYTER_CONFIG_PATH=jupyter-settings/learner``); :class:`Lab` says where things are.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_page import require_chromium

from course.store import GRADING_ENV, STORE_NAME

REPO = Path(__file__).resolve().parents[2]

SERVER_START_TIMEOUT = 60  # s


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A running JupyterLab server on a copy of one lesson folder."""

    def __init__(self, root: Path, lesson_id: str, port: int, token: str, log: Path, path: str | None = None):
        self.root, self.lesson_id, self.port, self.token, self.log = root, lesson_id, port, token, log
        self.path = path or f"{lesson_id}/{lesson_id}.ipynb"  # the notebook to open, under root

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
        return self.url(f"lab/tree/{self.path}")

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


@contextlib.contextmanager
def start_lab(base: Path, lesson_id: str) -> Iterator[Lab]:
    """Run ``jupyter lab`` on a fresh copy of ``notebooks/<lesson_id>`` under ``base``.

    Skips (or, on CI, fails) first when Chromium is missing: there is no point in a server then.
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
    # As `make lab` does: the learner's page config switches off nbgrader's lecturer tools.
    with _serve(root, base, lesson_id, None, str(REPO / "jupyter-settings" / "learner")) as server:
        yield server


@contextlib.contextmanager
def start_lecturer_lab(base: Path, course: Path, notebook: str) -> Iterator[Lab]:
    """Run ``jupyter lab`` as a lecturer does, in the course folder ``course`` (grading/), opening
    ``notebook`` there (the grading view). Same isolation as :func:`start_lab`, no learner config."""
    require_chromium()
    with _serve(course, base, course.name, notebook, None) as server:
        yield server


@contextlib.contextmanager
def _serve(root: Path, base: Path, lesson_id: str, notebook: str | None, config_path: str | None) -> Iterator[Lab]:
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    env.pop(GRADING_ENV, None)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    if config_path:
        env["JUPYTER_CONFIG_PATH"] = config_path
    # Keep the user's own Jupyter settings (and runtime files) out; the app settings dir, with
    # the course's overrides.d, is deliberately left alone.
    for var, name in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
    ]:
        env[var] = str(base / name)
        (base / name).mkdir()

    port, token = _free_port(), secrets.token_hex(16)
    server = Lab(root, lesson_id, port, token, base / "jupyter.log", notebook)
    cmd = [
        str(bin_dir / "jupyter"),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",
        # window.jupyterapp, to read cell models; changes nothing the learner sees.
        "--LabApp.expose_app_in_browser=True",
    ]
    with run_jupyter(cmd, root, env, server.log, server.url("api/status"), SERVER_START_TIMEOUT, "jupyter lab"):
        yield server


@contextlib.contextmanager
def run_jupyter(
    cmd: list[str], cwd: Path, env: dict[str, str], log: Path, ready_url: str, timeout: float, what: str
) -> Iterator[subprocess.Popen]:
    """Run a Jupyter server (``cmd``, output to ``log``) until ``ready_url`` answers 200; stop it on exit.
    A server that exits or does not answer within ``timeout`` fails the test with its log."""

    def tail() -> str:
        return log.read_text(encoding="utf-8", errors="replace")[-4000:]

    with open(log, "wb") as log_fh:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log_fh, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{what} exited with code {proc.returncode}:\n{tail()}")
            try:
                with urllib.request.urlopen(ready_url, timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not answer within {timeout} s:\n{tail()}")
            time.sleep(0.25)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
