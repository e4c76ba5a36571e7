"""The class hub for tests: JupyterHub (hub/jupyterhub_config.py) with its npm proxy on free ports of
127.0.0.1, and a learner's actions through the REST APIs a browser uses: log in (a token), start the
server, fetch and submit through nbgrader's Assignments API, answer through the course's answer
store in a kernel of the learner's own server.

The hub runs as root and starts every server as its user's own Unix account (made on first start);
the accounts a hub made are removed again when it stops. The lecturer's commands run as the
lecturer's account (:meth:`Hub.lecturer`), as in a terminal of the lecturer's server.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from pgserver import free_port

REPO = Path(__file__).resolve().parents[1]
PROXY = REPO / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
HUB_BIN = REPO / ".venv-hub" / "bin"  # `make hub-env`: a Python every learner's account may run
COURSE = "ouders-zien"


def proxy_command() -> str:
    found = os.environ.get("OUDERS_ZIEN_PROXY") or (
        str(PROXY) if PROXY.exists() else shutil.which("configurable-http-proxy")
    )
    if not found:
        raise RuntimeError("configurable-http-proxy is not installed: run `make hub-proxy` (npm)")
    return found


LECTURER = "docent"


def require_root() -> None:
    """The class hub starts servers as other Unix users: only root can (CI runs as root)."""
    import pytest

    if os.geteuid() != 0:
        pytest.skip("the class hub needs root: it starts each server as its user's own Unix account")


def course_accounts() -> set[str]:
    """The Unix accounts in the course's groups (hub/accounts.py)."""
    import grp

    import accounts

    names = set()
    for group in (accounts.LEARNERS_GROUP, accounts.LECTURERS_GROUP):
        try:
            names |= set(grp.getgrnam(group).gr_mem)
        except KeyError:
            pass
    return names


@dataclass
class Hub:
    url: str
    token: str
    state: Path
    exchange: Path
    password: str
    course: Path

    def api(self, method: str, path: str, **kw) -> requests.Response:
        r = requests.request(
            method, f"{self.url}/hub/api{path}", headers={"Authorization": f"token {self.token}"}, timeout=60, **kw
        )
        r.raise_for_status()
        return r

    def lecturer(self, *args: str, db: str | None = None) -> subprocess.CompletedProcess:
        """Run ``ouders-zien docent ARGS`` as the lecturer's Unix account, in the course folder."""
        return self.as_lecturer(["ouders-zien", "docent", *args], db=db)

    def as_lecturer(self, argv: list[str], db: str | None = None) -> subprocess.CompletedProcess:
        """Run a program of the hub's environment as the lecturer's Unix account, in the course folder."""
        import pwd

        home = pwd.getpwnam(LECTURER).pw_dir
        env = {
            "PATH": os.pathsep.join([str(HUB_BIN), "/usr/bin:/bin"]),
            "HOME": home,
            "LANG": "C.UTF-8",
            "OUDERS_ZIEN_EXCHANGE": str(self.exchange),
            **({"OUDERS_ZIEN_DB": db} if db else {}),
        }
        return subprocess.run(
            [str(HUB_BIN / argv[0]), *argv[1:]],
            cwd=self.course,
            env=env,
            user=LECTURER,
            group=LECTURER,
            extra_groups=[],
            capture_output=True,
            text=True,
            timeout=900,
        )


def _free_block() -> int:
    """A port p with p, p+1 and p+2 free (public, hub API, proxy API)."""
    for _ in range(50):
        port = free_port()
        if port < 65000 and all(_is_free(port + k) for k in (1, 2)):
            return port
    raise RuntimeError("no three free ports in a row")


def _is_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@contextmanager
def hub(lessons: tuple[str, ...] = (), subdomains: bool = False, env: dict[str, str] | None = None) -> Iterator[Hub]:
    """Start the class hub (test login) with a course folder of its own holding ``lessons``.

    ``subdomains``: every server on its own origin, <user>.localhost (Chromium resolves *.localhost)."""
    require_root()
    state = Path(tempfile.mkdtemp(prefix="oz-hub-", dir="/tmp"))
    course = state / "cursus"
    course.mkdir()
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    for lesson in lessons:
        shutil.copytree(REPO / "grading" / "source" / lesson, course / "source" / lesson)
    port, token, password = _free_block(), secrets.token_hex(16), secrets.token_hex(8)
    before = course_accounts()
    env = {
        **os.environ,
        "OUDERS_ZIEN_HUB_STATE": str(state),
        "OUDERS_ZIEN_HUB_PORT": str(port),
        "OUDERS_ZIEN_HUB_TOKEN": token,
        "OUDERS_ZIEN_HUB_LOGIN": "test",
        "OUDERS_ZIEN_HUB_PASSWORD": password,
        "OUDERS_ZIEN_PROXY": proxy_command(),
        "OUDERS_ZIEN_COURSE": str(course),
        **({"OUDERS_ZIEN_HUB_SUBDOMAIN_HOST": f"http://localhost:{port}"} if subdomains else {}),
        "PATH": os.pathsep.join([str(HUB_BIN), os.environ.get("PATH", "")]),
        **(env or {}),
    }
    (state / "hub").mkdir(mode=0o700)
    log = open(state / "hub" / "hub.log", "w")
    if not (HUB_BIN / "jupyterhub").exists():
        raise RuntimeError("the class hub's environment is missing: run `make hub-env`")
    proc = subprocess.Popen(
        [str(HUB_BIN / "jupyterhub"), "-f", str(REPO / "hub" / "jupyterhub_config.py")],
        cwd=state / "hub",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    h = Hub(f"http://127.0.0.1:{port}", token, state, state / "exchange", password, course)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{h.url}/hub/api/", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start:\n{(state / 'hub' / 'hub.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield h
    except BaseException:
        _print_log_problems(state / "hub" / "hub.log")  # pytest shows it with the failure
        raise
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the hub stops its servers and proxy, then itself
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        _end_leftovers(state)
        for name in sorted(course_accounts() - before):  # the accounts this hub made
            subprocess.run(["userdel", "--force", name], capture_output=True)
        shutil.rmtree(state, ignore_errors=True)


def _print_log_problems(log: Path, most: int = 120) -> None:
    """The hub's (and its servers') warnings and errors, for a failing test's report."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return
    problems = [
        line
        for line in lines
        if line[:3] in ("[W ", "[E ", "[C ")
        or "Traceback" in line
        or line.startswith(("    ", "  File"))
        or "Error" in line
    ]
    print(f"--- hub.log: {len(problems)} warning/error lines of {len(lines)}; the last {most}:")
    print("\n".join(problems[-most:]))


def _end_leftovers(state: Path) -> None:
    """End, by process id, any process still running from this hub's state folder."""
    for pid_dir in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            env = (pid_dir / "environ").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if str(state) in cmd or str(state) in env:  # the hub, its proxy, and servers (JUPYTER_RUNTIME_DIR)
            try:
                os.kill(int(pid_dir.name), signal.SIGKILL)
            except ProcessLookupError:
                pass


class Learner:
    """One learner on the hub, driven through the same HTTP APIs as the browser."""

    def __init__(self, h: Hub, name: str):
        self.hub, self.name = h, name
        made = requests.post(f"{h.url}/hub/api/users/{name}", headers={"Authorization": f"token {h.token}"}, timeout=60)
        if made.status_code != 409:  # 409: the user exists already (the lecturer, an admin of the hub)
            made.raise_for_status()
        self.token = h.api("POST", f"/users/{name}/tokens", json={"expires_in": 3600}).json()["token"]
        self.base = f"{h.url}/user/{name}"

    def start(self) -> None:
        r = requests.post(
            f"{self.hub.url}/hub/api/users/{self.name}/server",
            headers={"Authorization": f"token {self.hub.token}"},
            timeout=60,
        )
        if r.status_code not in (201, 202, 400):  # 400: already running
            r.raise_for_status()

    def wait_ready(self, timeout: float = 240) -> None:
        """Wait until the hub calls the server ready AND it answers through the proxy (under load the
        route can come a moment after 'ready')."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.hub.api("GET", f"/users/{self.name}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                try:
                    answer = requests.get(
                        f"{self.base}/api/status", timeout=10, headers={"Authorization": f"token {self.token}"}
                    )
                    if answer.status_code == 200:
                        return
                except requests.RequestException:
                    pass
            time.sleep(0.5)
        raise TimeoutError(f"{self.name}: server not ready after {timeout} s")

    def get(self, path: str) -> requests.Response:
        return self._req("GET", path)

    def file(self, path: str) -> str:
        """The text of a file in the learner's server (contents API)."""
        return self._req("GET", f"/api/contents/{path}", params={"content": 1, "format": "text"}).json()["content"]

    def _req(self, method: str, path: str, **kw) -> requests.Response:
        r = requests.request(
            method, f"{self.base}{path}", headers={"Authorization": f"token {self.token}"}, timeout=120, **kw
        )
        r.raise_for_status()
        return r

    def assignments(self) -> list[dict]:
        return self._req("GET", "/assignments", params={"course_id": COURSE}).json()["value"]

    def fetch(self, lesson: str) -> None:
        result = self._req("POST", "/assignments/fetch", data={"course_id": COURSE, "assignment_id": lesson}).json()
        assert result["success"], result

    def submit(self, lesson: str) -> None:
        result = self._req("POST", "/assignments/submit", data={"course_id": COURSE, "assignment_id": lesson}).json()
        assert result["success"], result

    def run(self, code: str, cwd: str, timeout: float = 120) -> str:
        """Execute ``code`` in a new kernel of the learner's server (in folder ``cwd``); return its output."""
        import asyncio

        kernel = self._req("POST", "/api/kernels", json={"name": "python3", "path": cwd}).json()["id"]
        try:
            return asyncio.run(self._execute(kernel, code, timeout))
        finally:
            requests.delete(
                f"{self.base}/api/kernels/{kernel}", headers={"Authorization": f"token {self.token}"}, timeout=30
            )

    async def _execute(self, kernel: str, code: str, timeout: float) -> str:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = f"{self.base.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels"
        # generous timeouts: 30 servers starting at once keep 2 cores busy
        ws = await websocket_connect(
            HTTPRequest(
                url, headers={"Authorization": f"token {self.token}"}, connect_timeout=timeout, request_timeout=timeout
            )
        )
        session = uuid.uuid4().hex

        def send(kind: str, content: dict) -> str:
            msg_id = uuid.uuid4().hex
            ws.write_message(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "msg_type": kind,
                            "username": self.name,
                            "session": session,
                            "version": "5.3",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "channel": "shell",
                        "content": content,
                    }
                )
            )
            return msg_id

        # Ask for kernel_info until it answers: then its output channel is connected, and no output of
        # the code below can be lost (a known race right after connecting, seen under load).
        import asyncio

        deadline = time.monotonic() + timeout
        asked: set[str] = set()
        ready = False
        while not ready:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: the kernel did not answer")
            asked.add(send("kernel_info_request", {}))  # asked again each second, as Jupyter's clients do
            try:
                while not ready:
                    raw = await asyncio.wait_for(ws.read_message(), 1.0)
                    if raw is None:
                        raise RuntimeError(f"{self.name}: the kernel connection closed")
                    msg = json.loads(raw)
                    ready = (
                        msg["msg_type"] == "kernel_info_reply" and msg.get("parent_header", {}).get("msg_id") in asked
                    )
            except asyncio.TimeoutError:
                continue
        msg_id = send(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        out: list[str] = []
        while time.monotonic() < deadline:
            raw = await ws.read_message()
            if raw is None:
                raise RuntimeError(f"{self.name}: the kernel connection closed while running")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                raise RuntimeError(f"{self.name}: {content['ename']}: {content['evalue']}")
            elif kind == "status" and content["execution_state"] == "idle":
                break
        ws.close()
        return "".join(out)
