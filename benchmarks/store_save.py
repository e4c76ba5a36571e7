"""Benchmark: one answer saved through a widget click, with the lesson's lock and without it
(prints figures; goal: a click still answers within 50 ms at the 95th percentile)."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path

import course.store as store_mod
from course.content import load_lesson
from course.learner.widgets import make_exercise
from course.store import AnswerStore

CLICKS = 400


def clicks(folder: Path) -> list[float]:
    store = AnswerStore.in_folder(folder)
    items = load_lesson("02_ouderschap_en_opvoederschap")["items"]
    for item_id in list(items)[:12]:  # a lesson's worth of answers already in the file
        store.set(item_id, "x" * 40)
    ex = make_exercise(load_lesson("00_start")["items"]["start_keuze"], store, "formative")
    times = []
    for n in range(CLICKS):
        start = time.perf_counter()
        ex.choose("abc"[n % 3])
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def line(label: str, times: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(times):.2f} ms, p95 {times[int(0.95 * len(times)) - 1]:.2f} ms, "
        f"max {times[-1]:.2f} ms ({len(times)} clicks)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as locked, tempfile.TemporaryDirectory() as unlocked:
        with_lock = clicks(Path(locked))
        real = store_mod._locked
        store_mod._locked = lambda _path, wait=None: contextlib.nullcontext()
        try:
            without = clicks(Path(unlocked))
        finally:
            store_mod._locked = real
    print("store: " + line("save with lock", with_lock))
    print("store: " + line("save without lock", without))
    print(f"store: the lock costs {statistics.median(with_lock) - statistics.median(without):+.2f} ms at the median")


if __name__ == "__main__":
    main()
