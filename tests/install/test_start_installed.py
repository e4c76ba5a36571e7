"""`ouders-zien start` from a non-editable install in its own virtual environment (issue 22, part 4).

The environment is `.venv-hub` (`make hub-env`, which `make test` builds on a fresh machine): a new
venv from Debian's Python with the course installed by `pip install .`, not editable. The learner's
command runs with an empty home folder and outside the repository; the test checks what a learner
gets: the seven lessons in their own folder, JupyterLab answering on that folder, in Dutch, without
nbgrader's lecturer tools, and a second start that leaves the learner's work alone.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pgserver import free_port

REPO = Path(__file__).resolve().parents[2]
HUB_BIN = REPO / ".venv-hub" / "bin"
START_TIMEOUT = 90  # s; a cold JupyterLab start on a busy 2-core machine


def installed(what: str) -> str:
    out = subprocess.run([str(HUB_BIN / "python"), "-c", what], capture_output=True, text=True, check=True, cwd="/")
    return out.stdout.strip()


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.status, resp.read()


def start_lab(home: Path, folder: Path, port: int, token: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "PYTHON"))}
    env.update(HOME=str(home), PATH=f"{HUB_BIN}{os.pathsep}/usr/bin:/bin")
    cmd = [
        str(HUB_BIN / "ouders-zien"),
        "start",
        "--map",
        str(folder),
        "--geen-browser",
        "--poort",
        str(port),
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--allow-root",
    ]
    return subprocess.Popen(
        cmd, cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_ready(proc: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ouders-zien start exited ({proc.returncode}):\n{proc.stdout.read().decode()[-3000:]}")
        try:
            if get(url)[0] == 200:
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT} s")


def stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out.decode("utf-8", "replace")


def test_the_installed_course_is_not_the_checkout():
    assert HUB_BIN.joinpath("ouders-zien").exists(), "run `make hub-env` (make test does)"
    where = Path(installed("import course; print(course.__file__)"))
    assert "site-packages" in where.parts and where.parent != REPO / "course", (
        f"{where}: an editable install would hide a file missing from the wheel"
    )


def test_start_from_an_installed_wheel(tmp_path):
    home = tmp_path / "thuis"
    (home / "Documents").mkdir(parents=True)
    folder = home / "Documents" / "Ouders zien"
    port, token = free_port(), secrets.token_hex(16)
    proc = start_lab(home, folder, port, token)
    try:
        wait_ready(proc, f"http://127.0.0.1:{port}/api/status?token={token}")
        _, listing = get(f"http://127.0.0.1:{port}/api/contents?token={token}")
        lessons = sorted(c["name"] for c in json.loads(listing)["content"] if c["type"] == "directory")
        assert len(lessons) == 7 and lessons[0] == "00_start"
        _, page = get(f"http://127.0.0.1:{port}/lab?token={token}")
        assert '"@jupyter/nbgrader:formgrader"' in page.decode().split('"disabledExtensions"', 1)[1][:400]
        _, plugin = get(
            f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        )
        assert json.loads(plugin)["schema"]["properties"]["locale"]["default"] == "nl_NL"
        _, packs = get(f"http://127.0.0.1:{port}/lab/api/translations?token={token}")
        assert "nl_NL" in json.loads(packs)["data"]
    finally:
        out = stop(proc)
    assert f"Je lessen staan in: {folder}" in out and "Nieuw neergezet: 7 les(sen)" in out

    # the learner works; a second start changes nothing of it
    notebook = folder / "02_ouderschap_en_opvoederschap" / "02_ouderschap_en_opvoederschap.ipynb"
    notebook.write_text(
        notebook.read_text(encoding="utf-8").replace("Ouderschap", "Mijn ouderschap", 1), encoding="utf-8"
    )
    mine = notebook.read_text(encoding="utf-8")
    proc = start_lab(home, folder, port, token)
    try:
        wait_ready(proc, f"http://127.0.0.1:{port}/api/status?token={token}")
    finally:
        out = stop(proc)
    assert notebook.read_text(encoding="utf-8") == mine and "Nieuw neergezet" not in out
