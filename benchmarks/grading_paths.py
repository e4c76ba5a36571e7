"""Benchmark: one class of lesson 02 graded on one path (`ouders-zien docent nakijken`, nbgrader's
Python API) three ways: SQLite sequential, PostgreSQL sequential, PostgreSQL with 2 workers.
Prints seconds per submission (`make bench`). Needs Debian's PostgreSQL (tests/pgserver.py)."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]
LESSON = "02_ouderschap_en_opvoederschap"
CLASS = 12


def course(root: Path, key: dict, db: list[str]) -> Path:
    from course.lecturer import docent

    root.mkdir(parents=True)
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON, root / "source" / LESSON)
    shutil.copytree(REPO / "grading" / "keys", root / "keys")
    assert docent.main(["--map", str(root), *db, "vrijgeven", LESSON]) == 0
    for n in range(CLASS):
        folder = root / "submitted" / f"s{n:02d}" / LESSON
        folder.mkdir(parents=True)
        shutil.copy2(root / "release" / LESSON / f"{LESSON}.ipynb", folder)
        (folder / "antwoorden.json").write_text(json.dumps({"format": 1, "answers": key}))
    return root


def timed(root: Path, db: list[str], workers: int) -> float:
    from course.lecturer import docent

    start = time.perf_counter()
    assert (
        docent.main(["--map", str(root), *db, "nakijken", LESSON, "--parallel", str(workers), "--geen-feedback"]) == 0
    )
    return (time.perf_counter() - start) / CLASS


def main() -> None:
    from pgserver import postgres

    from course.keys import load_keys

    key = load_keys(LESSON, REPO / "grading")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        figures["SQLite, sequential"] = timed(course(Path(tmp) / "a", key, []), [], 1)
        for workers in (1, 2):
            with postgres() as url:
                root = course(Path(tmp) / f"pg{workers}", key, ["--db", url])
                figures[f"PostgreSQL, {workers} worker(s)"] = timed(root, ["--db", url], workers)
    print(
        "grading paths ("
        + f"{CLASS} submissions of lesson 02, ouders-zien docent nakijken): "
        + "; ".join(f"{k} {v:.2f} s per submission" for k, v in figures.items())
    )


if __name__ == "__main__":
    main()
