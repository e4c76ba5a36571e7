"""JupyterLab as ``ouders-zien start`` runs it: ``python -m course.learner.lab <JupyterLab's arguments>``.

The same as ``python -m jupyterlab`` (it calls JupyterLab's own entry point, ``jupyterlab.labapp.main``), with one
difference: the few English lines that jupyter_server still logs in the learner's console window at
``--log-level=ERROR`` become calm Dutch lines. They are CRITICAL messages of the ServerApp (jupyter_server 2.x,
serverapp.py): "Shutting down..." (Ctrl+C with ``answer_yes``), "received signal 2, stopping" (a second Ctrl+C, or
SIGTERM), "Shutdown confirmed", and the port error with ``port_retries=0``. A standard ``logging.Filter`` on the
ServerApp and LabApp loggers prints the Dutch line itself (without the log prefix "[C 2025-… ServerApp]") and drops
the English record. traitlets configures these loggers with ``logging.config.dictConfig``, which replaces a logger's
handlers but keeps its filters (and ``disable_existing_loggers`` is False), so a filter added before the launch stays
(tests/unit/test_start.py runs the real command). jupyter_server translates its messages with gettext (domain
"notebook"), which has no Dutch: the English sentences below are what it logs.

The address with the token is not logged at all: ``ouders-zien start`` gives the token (JUPYTER_TOKEN) and the Dutch
line with the address (ADDRESS_LINE in the environment); this process prints that line once the address answers as a
Jupyter server (:func:`announce_when_listening`; eighth walk: printed about 11 s before the server listened, a learner
who pasted it at once got "connection refused").
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import threading
import time
import urllib.request

STOPPING = "JupyterLab stopt. Even geduld..."
STOPPED = "JupyterLab is gestopt. Je kunt dit venster nu sluiten."
PORT_TAKEN = "Poort {port} is al in gebruik. Start opnieuw zonder --poort: dan kiest de cursus zelf een vrije poort."

# jupyter_server's English console messages (after %-formatting) and the Dutch line shown instead.
REPLACED = [
    (re.compile(r"Shutting down\.\.\.|Shutdown confirmed|received signal \d+, stopping"), STOPPING),
    (
        re.compile(r"ERROR: the Jupyter server could not be started because port (?P<port>\d+) is not available\."),
        PORT_TAKEN,
    ),
]
LOGGERS = ("ServerApp", "LabApp")
# The environment of this process: the line that gives the learner the address (start.py), and the port it is on.
ADDRESS_LINE = "OUDERS_ZIEN_ADRESREGEL"
PORT = "OUDERS_ZIEN_POORT"


class DutchConsole(logging.Filter):
    """Print the Dutch line for a known English message (once: Ctrl+C twice logs two) and drop the message."""

    def __init__(self) -> None:
        super().__init__()
        self.said: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern, text in REPLACED:
            match = pattern.fullmatch(message)
            if match:
                line = text.format(**match.groupdict())
                if line not in self.said:
                    self.said.add(line)
                    print(line, flush=True)
                return False
        return True


def _answers(port: int) -> bool:
    """Whether http://localhost:``port``/api answers as this Jupyter server would: jupyter_server's unauthenticated
    version route, with the version installed here (not another program that holds the port for a moment)."""
    import jupyter_server

    try:
        with urllib.request.urlopen(f"http://localhost:{port}/api", timeout=2) as response:
            return bool(json.load(response).get("version") == jupyter_server.__version__)
    except (OSError, ValueError, AttributeError):
        return False


def announce_when_listening(line: str, port: int, every: float = 0.2, patience: float = 300) -> threading.Thread:
    """Print ``line`` as soon as the server answers on ``port`` (for at most ``patience`` seconds; a server that does
    not start says so itself, PORT_TAKEN). A daemon thread: it never keeps a stopping server alive."""

    def wait() -> None:
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            if _answers(port):
                print(line, flush=True)
                return
            time.sleep(every)

    thread = threading.Thread(target=wait, name="ouders-zien-adres", daemon=True)
    thread.start()
    return thread


def main() -> None:
    """Run JupyterLab with the Dutch console filter; print the address once it answers; say when it has stopped."""
    if os.environ.get(ADDRESS_LINE) and os.environ.get(PORT, "").isdigit():
        announce_when_listening(os.environ.pop(ADDRESS_LINE), int(os.environ[PORT]))
    console = DutchConsole()
    for name in LOGGERS:
        logging.getLogger(name).addFilter(console)
    from jupyterlab.labapp import main as jupyterlab

    try:
        jupyterlab()
    except KeyboardInterrupt:  # Ctrl+C before the server runs its loop (which handles it itself)
        pass
    # Nothing is left to stop: a second Ctrl+C that comes now ends nothing and prints no (English) traceback
    # (without this the process ended by SIGINT once the server had stopped)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print(STOPPED, flush=True)


if __name__ == "__main__":
    main()
