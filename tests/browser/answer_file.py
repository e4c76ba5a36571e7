"""Reading the lesson's ``antwoorden.json`` while the kernel writes it (not a test module).

The widgets save on every change, a moment after the click: :func:`wait_for_answer` and
:func:`wait_for_answers` poll the file (bounded) instead of reading it once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FILE_TIMEOUT = 15  # s


def read_answers(path: Path) -> dict[str, Any]:
    """Return the answers in ``antwoorden.json`` at ``path`` ({} while it is missing or partial)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


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


def wait_for_answer(path: Path, item_id: str, expected: Any) -> dict[str, Any]:
    """Poll the answer file until ``item_id`` has ``expected`` (bounded); return its answers."""
    return wait_for_answers(path, lambda answers: answers.get(item_id) == expected, f"{item_id!r}: {expected!r}")
