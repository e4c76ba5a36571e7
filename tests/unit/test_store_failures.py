"""A save that cannot happen now: a full disk, a read-only lesson folder, a lock another process
holds. The learner gets a Dutch message at once, nothing saved earlier is lost, and the answer is
saved with the next change once the cause is gone.

A full disk and a read-only folder are real where this machine lets the test mount a small tmpfs
(root with mount rights, as in CI here); elsewhere they are simulated (ENOSPC, EROFS).
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

import course.store as store_mod
from course.content import load_lesson
from course.learner.widgets import make_exercise
from course.store import LOCK_NAME, STORE_NAME, AnswerStore, StoreBusyError

ITEMS = load_lesson("00_start")["items"]
FORK = multiprocessing.get_context("fork")


def _mount(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    return (
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True).returncode
        == 0
    )


@contextmanager
def small_disk(base: Path, real: bool):
    """Yield (disk, lesson folder): a 64 kB filesystem at ``base/schijf`` with the lesson folder on
    it; disk None (folder under ``base``) when not ``real`` or when it cannot be mounted here (the
    test then simulates the error)."""
    where = base / "schijf"
    mounted = real and _mount(where, "size=64k")
    folder = (where if mounted else base) / "les"
    folder.mkdir()
    try:
        yield (where if mounted else None), folder
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=False)


def _saved_without_a_change(store: AnswerStore, folder: Path, item_id: str, value, wait: float = 10.0) -> float:
    """Wait for the background retry to write ``item_id`` (no new change by the learner); return the wait."""
    start = time.monotonic()
    while store.unsaved or _on_disk(folder).get(item_id) != value:
        assert time.monotonic() - start < wait, f"the answer was not saved within {wait} s after the cause was gone"
        time.sleep(0.02)
    return time.monotonic() - start


def _eventually(condition, wait: float = 5.0) -> None:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < wait, "not within the time"
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(store_mod, "RETRY_DELAYS", (0.05, 0.1))


def _on_disk(folder: Path) -> dict:
    return json.loads((folder / STORE_NAME).read_text(encoding="utf-8"))["answers"]


def _fill(folder: Path) -> Path:
    filler = folder / "vuller.bin"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


MODES = [True, False]  # a real filesystem where possible, and always the simulation as well


@pytest.mark.parametrize("real", MODES, ids=["echt", "nagebootst"])
def test_a_full_disk_gives_a_dutch_message_loses_nothing_and_saves_when_space_returns(tmp_path, monkeypatch, real):
    with small_disk(tmp_path, real) as (disk, folder):
        store = AnswerStore.in_folder(folder)
        first = make_exercise(ITEMS["start_keuze"], store, "formative")
        second = make_exercise(ITEMS["start_meerkeuze"], store, "formative")
        first.choose("b")
        before = (folder / STORE_NAME).read_bytes()
        real_fsync = os.fsync
        if disk:
            filler = _fill(disk)
        else:  # simulated: the disk is full when the temp file is written

            def full(*_args, **_kwargs):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(store_mod.os, "fsync", full)
        second.toggle(second.item["options"][0]["id"], True)
        assert "de schijf is vol" in second.feedback.text and "onthouden" in second.feedback.text
        assert second.feedback.value.startswith('<div role="alert">')
        assert (folder / STORE_NAME).read_bytes() == before  # what was saved is still there, whole
        assert store.unsaved == [second.item_id] and store.get(second.item_id) == second.answer
        time.sleep(0.3)  # retries meanwhile fail and keep the answer
        assert store.unsaved == [second.item_id]
        if disk:
            filler.unlink()
        else:
            monkeypatch.setattr(store_mod.os, "fsync", real_fsync)
        waited = _saved_without_a_change(store, folder, second.item_id, second.answer)
        _eventually(lambda: "nu toch opgeslagen" in second.feedback.text)  # the question takes its warning back
        assert "opgeslagen" not in first.feedback.text  # only the question whose answer waited is told
        first.choose("a")  # and the next change saves as usual
        assert _on_disk(folder) == {first.item_id: "a", second.item_id: second.answer}
        assert store.unsaved == [] and list(folder.glob("*.tmp")) == []
    print(
        f"\nvolle schijf: {'echt (tmpfs van 64 kB)' if disk else 'nagebootst (ENOSPC)'}; "
        f"opgeslagen {waited:.2f} s nadat er weer ruimte was, zonder nieuwe wijziging"
    )


@pytest.mark.parametrize("real", MODES, ids=["echt", "nagebootst"])
def test_a_read_only_folder_gives_a_dutch_message_and_saves_when_writable_again(tmp_path, monkeypatch, real):
    with small_disk(tmp_path, real) as (disk, folder):
        store = AnswerStore.in_folder(folder)
        ex = make_exercise(ITEMS["start_keuze"], store, "formative")
        ex.choose("b")
        if disk:
            assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
        elif real and os.geteuid() != 0:
            real = True
            folder.chmod(0o555)
        else:  # simulated (root without mount rights: permissions do not stop root)
            real = False

            def read_only(*_args, **_kwargs):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))

            real_mkstemp = store_mod.tempfile.mkstemp
            monkeypatch.setattr(store_mod.tempfile, "mkstemp", read_only)
        ex.choose("c")
        assert any(reason in ex.feedback.text for reason in ("alleen-lezen", "niet schrijven")), ex.feedback.text
        assert _on_disk(folder) == {ex.item_id: "b"} and store.get(ex.item_id) == "c"
        if disk:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        elif real:
            folder.chmod(0o755)
        else:
            monkeypatch.setattr(store_mod.tempfile, "mkstemp", real_mkstemp)
        _saved_without_a_change(store, folder, ex.item_id, "c")  # the retry wrote it
        ex.choose("a")
        assert _on_disk(folder) == {ex.item_id: "a"} and store.unsaved == []
    print(f"\nalleen-lezen: {'echt' if disk or real else 'nagebootst (EROFS)'}")


def _hold_lock(folder: str, seconds: float, holding) -> None:
    import fcntl

    fd = os.open(os.path.join(folder, LOCK_NAME), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    holding.set()
    time.sleep(seconds)


def test_a_stuck_lock_does_not_freeze_the_widget(tmp_path):
    store = AnswerStore.in_folder(tmp_path)
    ex = make_exercise(ITEMS["start_keuze"], store, "formative")
    ex.choose("b")
    holding = FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(str(tmp_path), 30, holding))  # a stuck kernel
    holder.start()
    try:
        assert holding.wait(10)
        start = time.perf_counter()
        ex.choose("c")
        waited = time.perf_counter() - start
        assert waited < store_mod.LOCK_WAIT + 0.5, f"the widget was blocked for {waited:.2f} s"
        assert "ander venster" in ex.feedback.text and "onthouden" in ex.feedback.text
        assert _on_disk(tmp_path) == {ex.item_id: "b"} and store.unsaved == [ex.item_id]
        with pytest.raises(StoreBusyError):
            store.save()
    finally:
        holder.kill()
        holder.join()
    _saved_without_a_change(store, tmp_path, ex.item_id, "c")  # the holder is gone, its lock with it: the retry saved
    ex.choose("a")
    assert _on_disk(tmp_path) == {ex.item_id: "a"} and store.unsaved == []
    print(f"\nvastzittend slot: de widget wachtte {waited:.2f} s en gaf een melding")


def test_the_save_benchmark_runs_and_restores_the_lock(capsys, monkeypatch):
    import runpy

    bench = runpy.run_path(str(Path(__file__).resolve().parents[2] / "benchmarks" / "store_save.py"))
    monkeypatch.setitem(bench["main"].__globals__, "CLICKS", 20)
    bench["main"]()
    out = capsys.readouterr().out
    assert "save with lock: median" in out and "save without lock: median" in out and "(20 clicks)" in out
    assert store_mod._locked.__name__ == "_locked"  # the benchmark put the real lock back


def test_the_builder_and_the_scenario_say_when_a_retry_saved_them(tmp_path, monkeypatch):
    from course.learner.widgets.builder import SequenceBuilder
    from course.learner.widgets.scenario import ScenarioExercise

    store = AnswerStore.in_folder(tmp_path)
    builder, scenario = SequenceBuilder(store, plot=False), ScenarioExercise(store, plot=False)
    real_fsync = os.fsync

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_mod.os, "fsync", full)
    builder.add(builder.chooser.value)
    scenario.choose(scenario.current_options()[0]["id"])
    assert "de schijf is vol" in builder.summary.text and "de schijf is vol" in scenario.message.text
    monkeypatch.setattr(store_mod.os, "fsync", real_fsync)
    _eventually(lambda: "nu toch opgeslagen" in builder.summary.text and "nu toch opgeslagen" in scenario.message.text)
    assert store.unsaved == []
