"""The answer store: widget answers kept in a JSON file beside the lesson notebook."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STORE_NAME = "antwoorden.json"
LOCK_NAME = ".antwoorden.lock"  # beside the answers: taken around every read-change-write
LOCK_WAIT = 0.5  # s: how long a save waits for another process before it gives up (and keeps the answer)
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)  # s: a failed save is tried again after these, then every 30 s
FORMAT_VERSION = 1
GRADING_ENV = "NBGRADER_EXECUTION"
FILE_MODE = 0o644  # a new answer file is readable by others, as a notebook saved by Jupyter is


class CorruptStoreError(ValueError):
    """Raised internally when an answer file cannot be read as an answer store."""


class StoreBusyError(OSError):
    """Another process held the lesson's lock for longer than LOCK_WAIT: the answer was not saved
    yet (it is kept, retried in the background and saved with the next change)."""


@dataclass
class AnswerStore:
    """Answers of one lesson folder, saved atomically on every change.

    The file is plain JSON: ``{"format": 1, "answers": {item_id: value}}``. A missing file means
    "nothing answered yet". A file that is not a valid store is never overwritten: outside
    grading it is renamed to ``antwoorden.beschadigd-<time>.json`` and a Dutch notice is kept in
    :attr:`notices`; during nbgrader grading (read-only) it is left in place and read as empty.
    """

    path: Path
    read_only: bool = False
    notices: list[str] = field(default_factory=list)
    _answers: dict[str, Any] = field(default_factory=dict, repr=False)
    _pending: dict[str, Any] = field(default_factory=dict, repr=False)
    # a save may run from a retry timer's thread: one at a time, and not while set() changes the dicts
    _mutex: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    _retry: threading.Timer | None = field(default=None, repr=False, compare=False)
    _retries: int = field(default=0, repr=False, compare=False)
    _listeners: list[Callable[[list[str]], None]] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def in_folder(cls, folder: str | os.PathLike[str] | None = None) -> AnswerStore:
        """Return the store of ``folder`` (default: the working directory, the lesson folder).

        The store is read-only while nbgrader executes the notebook (autograde or validate).
        """
        base = Path(folder) if folder is not None else Path.cwd()
        store = cls(path=base / STORE_NAME, read_only=bool(os.environ.get(GRADING_ENV)))
        store.reload()
        return store

    def reload(self) -> None:
        """Read the file again; a corrupt file is handled as described on the class. Answers not
        saved yet (see :meth:`set`) stay on top of what the file holds."""
        try:
            self._answers = _read(self.path)
        except CorruptStoreError as exc:
            self._answers = {}
            self.notices.append(self._set_aside(exc))
        self._answers.update(self._pending)

    @property
    def unsaved(self) -> list[str]:
        """Items whose latest answer is kept in memory only (a save failed); a retry or the next change saves them."""
        return sorted(self._pending)

    def get(self, item_id: str, default: Any = None) -> Any:
        """Return the saved answer of ``item_id``, or ``default`` when there is none."""
        return self._answers.get(item_id, default)

    def answers(self) -> dict[str, Any]:
        """Return a copy of all saved answers."""
        return json.loads(json.dumps(self._answers))

    def set(self, item_id: str, value: Any) -> None:
        """Save ``value`` as the answer of ``item_id`` and write the file at once (atomically).

        The read-change-write runs under the lesson's lock (:func:`_locked`), so processes with
        the same lesson open (two kernels, two servers on one home folder) never undo each other's
        answers. If the save fails (``OSError``: a full disk, a read-only folder; or
        :class:`StoreBusyError` when another process holds the lock too long) the answer is kept
        in memory (:attr:`unsaved`), a retry is scheduled in the background (RETRY_DELAYS), and
        the next change saves it too; the error is raised for the caller to tell the learner.
        ``value`` must be JSON-serialisable.
        """
        if not isinstance(item_id, str) or not item_id:
            raise ValueError(f"item_id must be a non-empty string, got {item_id!r}")
        json.dumps(value)  # fail early, before touching the file, on a value JSON cannot hold
        with self._mutex:
            self._answers[item_id] = value
            if self.read_only:
                return
            self._pending[item_id] = value
        try:
            self.save()
        except OSError:
            self._schedule_retry()
            raise

    def save(self) -> None:
        """Write what is not saved yet (after a failed save); a no-op when everything is on disk."""
        with self._mutex:
            if self.read_only or not self._pending:
                return
            with _locked(self.path.with_name(LOCK_NAME)):
                self.reload()
                _write_atomic(self.path, self._contents())
                _remove_stray_temps(self.path)  # under the lock no one else is writing: a temp file is a crash's
            self._pending.clear()
            self._retries = 0

    def _contents(self) -> dict[str, Any]:
        """What the file holds: the answers and, once given (lesson 00), who the learner is
        (course/identity.py), so that every hand-in says whose it is."""
        from course.identity import load

        data: dict[str, Any] = {"format": FORMAT_VERSION, "answers": self._answers}
        who = load()
        if who:
            data["student"] = who
        return data

    def stamp_identity(self) -> None:
        """Write the learner's name and number into this lesson's file now (they were just given or
        changed, or the lesson is about to be handed in); nothing happens while grading."""
        with self._mutex:
            if self.read_only:
                return
            with _locked(self.path.with_name(LOCK_NAME)):
                self.reload()
                _write_atomic(self.path, self._contents())
                _remove_stray_temps(self.path)
            self._pending.clear()

    def _schedule_retry(self) -> None:
        """Try the save again later, in a daemon thread, backing off (RETRY_DELAYS), until it works."""
        with self._mutex:
            if self._retry is not None and self._retry.is_alive():
                return
            delay = RETRY_DELAYS[min(self._retries, len(RETRY_DELAYS) - 1)]
            self._retries += 1
            retry = threading.Timer(delay, self._retry_save)
            retry.daemon = True
            try:
                retry.start()
            except RuntimeError:  # no threads (Pyodide): the answer stays pending, the next save writes it
                return
            self._retry = retry

    def on_saved_later(self, callback: Callable[[list[str]], None]) -> None:
        """Call ``callback(item_ids)`` when a background retry has saved these items (a widget
        can then take back its "not saved yet" message)."""
        self._listeners.append(callback)

    def _retry_save(self) -> None:
        with self._mutex:
            self._retry = None
            items = sorted(self._pending)
        try:
            self.save()
        except OSError:
            self._schedule_retry()
            return
        for callback in list(self._listeners):
            try:
                callback(items)
            except Exception:  # noqa: BLE001 - one widget's trouble must not keep the others uninformed
                pass

    def _set_aside(self, exc: CorruptStoreError) -> str:
        if self.read_only:
            return (
                f"Het antwoordenbestand '{self.path.name}' is beschadigd en kon niet worden "
                f"gelezen ({exc}). Alle vragen tellen als niet beantwoord."
            )
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.beschadigd-{stamp}{self.path.suffix}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.stem}.beschadigd-{stamp}-{n}{self.path.suffix}")
        os.replace(self.path, aside)
        return (
            f"Je antwoordenbestand '{self.path.name}' was beschadigd en kon niet worden gelezen. "
            f"Het is bewaard als '{aside.name}' (er is niets weggegooid). Je kunt de vragen "
            "opnieuw beantwoorden. Mis je eerdere antwoorden? Laat dit bestand dan aan je docent zien."
        )


MAX_STORE_BYTES = 2_000_000  # a lesson's answers take a few kB; a larger file is not a store


def _read(path: Path) -> dict[str, Any]:
    """Return the answers in ``path``; {} when it does not exist; CorruptStoreError when invalid
    (not JSON, another layout, a symbolic link, or larger than MAX_STORE_BYTES)."""
    if path.is_symlink():
        raise CorruptStoreError("een verwijzing naar een ander bestand, geen antwoordenbestand")
    try:
        if path.stat().st_size > MAX_STORE_BYTES:
            raise CorruptStoreError(f"te groot ({path.stat().st_size // 1_000_000} MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptStoreError("geen geldige JSON") from exc
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise CorruptStoreError("onbekende opbouw")
    if data.get("format") != FORMAT_VERSION:
        raise CorruptStoreError(f"onbekende versie {data.get('format')!r}")
    return data["answers"]


@contextmanager
def _locked(lock_path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (made if missing); raise StoreBusyError after
    ``wait`` seconds (default LOCK_WAIT) without it.

    Pyodide's ``fcntl`` (the browser edition) has no ``flock``: no lock there either.
    ``flock`` is released by the kernel when its holder dies (a killed kernel leaves no stale
    lock), and Linux maps it to POSIX locks on NFS, which home folders on JupyterHub often use.
    Where a filesystem has no locks at all (ENOLCK, EOPNOTSUPP) the save goes ahead unlocked, as
    before the lock: a learner's answer is never refused for want of a lock. Without ``fcntl``
    (Windows) there is no lock either.
    """
    try:
        import fcntl
    except ImportError:  # Windows: one kernel per lesson is the normal case there
        yield
        return
    if not hasattr(fcntl, "flock"):  # Pyodide (the browser edition): one kernel per tab, no locks
        yield
        return
    wait = LOCK_WAIT if wait is None else wait
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(errno.EBUSY, "een ander proces slaat deze les op") from None
                time.sleep(0.005)
            except OSError as exc:
                if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    break  # no locks on this filesystem: write as before
                raise
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_stray_temps(path: Path) -> None:
    """Remove temp files a killed writer left (call with the lock held)."""
    for stray in path.parent.glob(f".{path.stem}-*.tmp"):
        try:
            stray.unlink()
        except OSError:
            pass


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` via a temp file, fsync and rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); keep the old file's mode, or make it readable
        # like any saved file, so a lecturer or nbgrader's exchange (another user) can read it.
        _chmod = getattr(os, "fchmod", None)
        if _chmod is not None:
            _chmod(fd, path.stat().st_mode & 0o777 if path.exists() else FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
