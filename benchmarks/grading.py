"""Benchmark: seconds per submission for the kernel-free scorer and for the full nbgrader run
(prints figures; `make bench`). Lesson 02, a small class of identical right answers.

nbgrader's gradebook is SQLite with one writer, so autograde runs one submission at a time
(sequential only: no parallel run is measured, because none is safe with this gradebook).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LESSON = "02_ouderschap_en_opvoederschap"
CLASS = 8


def main() -> None:
    sys.path.insert(0, str(REPO))
    from nbgrader.api import Gradebook

    from course.authoring.release import tool_env
    from course.keys import load_keys
    from course.lecturer.crosscheck import crosscheck

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copytree(REPO / "grading" / "source" / LESSON, course / "source" / LESSON)

        def run(*a: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "nbgrader", *a],
                cwd=course,
                capture_output=True,
                text=True,
                env=tool_env(),
                check=True,
            )

        run("generate_assignment", LESSON, "--force")
        key = load_keys(LESSON, REPO / "grading")
        for n in range(CLASS):
            folder = course / "submitted" / f"s{n:02d}" / LESSON
            folder.mkdir(parents=True)
            shutil.copy2(course / "release" / LESSON / f"{LESSON}.ipynb", folder)
            (folder / "antwoorden.json").write_text(json.dumps({"format": 1, "answers": key}))
        start = time.perf_counter()
        run("autograde", LESSON)
        full = (time.perf_counter() - start) / CLASS
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            start = time.perf_counter()
            rounds = 20
            for _ in range(rounds):
                checks = crosscheck(course, LESSON, REPO / "grading", gb)
            scorer = (time.perf_counter() - start) / (rounds * CLASS)
        assert not [d for c in checks for d in c.differences()]
    print(
        f"grading: kernel-free scorer {scorer * 1000:.1f} ms per submission (goal <= 100 ms); "
        f"nbgrader autograde {full:.2f} s per submission, sequential ({CLASS} submissions of lesson 02)"
    )


if __name__ == "__main__":
    main()
