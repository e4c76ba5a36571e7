"""A throwaway PostgreSQL server for tests: Debian's PostgreSQL, run as the ``postgres`` user on a
free port of 127.0.0.1, stopped (by its own process id) when the test is done.

The data directory lives under /tmp in a folder the ``postgres`` user owns (pytest's own tmp root
is 0700, which that user cannot enter). Connections over TCP need the password (scram-sha-256), which
only the URL handed to the lecturer holds: on the class hub every learner's kernel can reach
127.0.0.1, and must not reach the gradebook.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (apt-get install postgresql; .ci/run does this)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str], **kw) -> subprocess.CompletedProcess:
    cmd = args if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def _connect_env(password: str) -> dict[str, str]:
    return {**os.environ, "PGPASSWORD": password}


@contextmanager
def postgres(database: str = "nbgrader") -> Iterator[str]:
    """Start PostgreSQL, create ``database``, yield its SQLAlchemy URL (psycopg2 driver), stop it."""
    root = Path(tempfile.mkdtemp(prefix="ouders-zien-pg-", dir="/tmp"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port, password = free_port(), secrets.token_hex(16)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    if os.geteuid() == 0:
        shutil.chown(pwfile, "postgres", "postgres")
    proc = None
    try:
        init = _as_postgres(
            [
                _bin("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth-local=peer",
                "--auth-host=scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
            ]
        )
        pwfile.unlink()
        if init.returncode:
            raise RuntimeError(f"initdb failed: {init.stderr[-1000:]}")
        cmd = [
            _bin("postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-k",
            str(root),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=100",
        ]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if (
                _as_postgres(
                    [_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)], env=_connect_env(password)
                ).returncode
                == 0
            ):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"postgres stopped: {proc.stderr.read().decode()[-1000:]}")
            time.sleep(0.2)
        else:
            raise RuntimeError("postgres did not start within 30 s")
        made = _as_postgres(
            [_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database],
            env=_connect_env(password),
        )
        if made.returncode:
            raise RuntimeError(f"createdb failed: {made.stderr}")
        yield f"postgresql+psycopg2://postgres:{password}@127.0.0.1:{port}/{database}"
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # fast shutdown of this server only (its own process group)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        shutil.rmtree(root, ignore_errors=True)
