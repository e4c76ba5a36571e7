"""The answer store between processes: real processes (fork), not monkeypatching alone.

A learner may have one lesson open in two kernels (a copy of the notebook in the same folder, two
servers on one home folder). Before the lock, two processes that each saved 200 different answers
ended with 205–210 of the 400 on disk. Each round's figures are printed (pytest -s).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from course.store import STORE_NAME, AnswerStore, StoreBusyError

FORK = multiprocessing.get_context("fork")


def _save_many(folder: str, prefix: str, count: int, start, ready, busy) -> None:
    """Save ``count`` answers as a widget does: a save that finds the lock busy for too long keeps
    its answer, which goes to disk with the next save (and at the end, as with a learner's next change)."""
    store = AnswerStore.in_folder(folder)
    ready.put(prefix)
    start.wait()
    for n in range(count):
        try:
            store.set(f"{prefix}_{n:03d}", n)
        except StoreBusyError:
            busy.put(prefix)
    while store.unsaved:
        try:
            store.save()
        except StoreBusyError:
            busy.put(prefix)


def _on_disk(folder: Path) -> dict:
    return json.loads((folder / STORE_NAME).read_text(encoding="utf-8"))["answers"]


def _race(folder: Path, writers: int, count: int) -> tuple[dict, int]:
    start, ready, busy = FORK.Event(), FORK.Queue(), FORK.Queue()
    procs = [
        FORK.Process(target=_save_many, args=(str(folder), f"p{w}", count, start, ready, busy)) for w in range(writers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=30)
    start.set()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0, f"a writer failed (exit code {p.exitcode})"
    waits = 0
    while not busy.empty():
        busy.get()
        waits += 1
    return _on_disk(folder), waits


@pytest.mark.parametrize(("writers", "count", "rounds"), [(2, 200, 10), (8, 50, 5)])
def test_processes_saving_different_answers_at_once_lose_none(tmp_path, writers, count, rounds):
    checked = waits = 0
    for r in range(rounds):
        folder = tmp_path / f"ronde{r}"
        folder.mkdir()
        answers, busy = _race(folder, writers, count)
        waits += busy
        expected = {f"p{w}_{n:03d}": n for w in range(writers) for n in range(count)}
        missing = sorted(set(expected) - set(answers))
        assert missing == [], f"round {r}: {len(missing)} of {len(expected)} answers lost"
        assert answers == expected
        checked += len(expected)
    print(
        f"\n{writers} processen × {count} antwoorden × {rounds} rondes: {checked} antwoorden gecontroleerd, 0 kwijt "
        f"({waits} keer het slot te lang bezet: antwoord onthouden en later opgeslagen)"
    )


def _change_one(folder: str, name: str, count: int, start, ready) -> None:
    store = AnswerStore.in_folder(folder)
    ready.put(name)
    start.wait()
    for n in range(count):
        try:
            store.set("zelfde", {"door": name, "n": n, "tekst": f"{name}-{n}" * 20})
        except StoreBusyError:
            pass  # kept; written with the next save
    while store.unsaved:
        try:
            store.save()
        except StoreBusyError:
            pass


def test_two_processes_changing_one_answer_leave_one_whole_value(tmp_path):
    start, ready = FORK.Event(), FORK.Queue()
    names, count = ("links", "rechts"), 150
    procs = [FORK.Process(target=_change_one, args=(str(tmp_path), name, count, start, ready)) for name in names]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=30)
    start.set()
    reads = 0
    while any(p.is_alive() for p in procs):  # read along while they write: never a broken file
        if (tmp_path / STORE_NAME).exists():
            value = _on_disk(tmp_path)["zelfde"]
            assert value["tekst"] == f"{value['door']}-{value['n']}" * 20, "a mix of two writes"
            reads += 1
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    final = _on_disk(tmp_path)["zelfde"]
    assert final["door"] in names and final["n"] == count - 1  # the last write of one of the two
    assert final["tekst"] == f"{final['door']}-{count - 1}" * 20
    print(f"\n2 processen × {count} keer hetzelfde antwoord: {reads} keer meegelezen, altijd heel")


def _save_until_killed(folder: str, acks) -> None:
    store = AnswerStore.in_folder(folder)
    n = len(store.answers())
    while True:
        try:
            store.set(f"vraag_{n:05d}", n)
        except StoreBusyError:  # not saved yet: no acknowledgement (the next save writes it)
            n += 1
            continue
        os.write(acks, f"{n}\n".encode())  # after the save returned: this answer must survive
        n += 1


def test_a_writer_killed_at_random_moments_never_loses_a_saved_answer(tmp_path):
    rng = random.Random(13)
    rounds, acked, kills_mid_write = 300, set(), 0
    for _ in range(rounds):
        strays_before = {p.name for p in tmp_path.glob("*.tmp")}
        read_end, write_end = os.pipe()
        proc = FORK.Process(target=_save_until_killed, args=(str(tmp_path), write_end))
        proc.start()
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(timeout=30)
        with os.fdopen(read_end) as acks:
            acked |= {int(line) for line in acks.read().split()}
        answers = _on_disk(tmp_path) if (tmp_path / STORE_NAME).exists() else {}
        lost = sorted(n for n in acked if f"vraag_{n:05d}" not in answers)
        assert lost == [], f"answers saved before the kill are gone: {lost[:10]}"
        kills_mid_write += bool({p.name for p in tmp_path.glob("*.tmp")} - strays_before)
    assert acked, "no writer ever saved an answer: the test did not test anything"
    AnswerStore.in_folder(tmp_path).set("na_afloop", 1)  # the next save clears what killed writers left
    assert list(tmp_path.glob("*.tmp")) == []
    print(
        f"\n{rounds} keer SIGKILL: {len(acked)} bevestigde antwoorden gecontroleerd, 0 kwijt; "
        f"{kills_mid_write} keer midden in een schrijfactie (tijdelijk bestand achtergebleven)"
    )
