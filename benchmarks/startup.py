"""Start-up and run-time of the course, as ratios to floors measured in the same run (``make bench``).

1. ``import course`` against ``import ipywidgets`` (each in a fresh interpreter, median of 7);
2. each released lesson executed by a bare nbclient against the floor: a kernel that imports
   ipywidgets and matplotlib and saves one figure (median of 3, kernel start included);
3. the whole course under ``pytest --nbval-lax`` (every notebook in notebooks/ and
   grading/source/), with the figure scaled to seven lessons.
Targets (issue 7): ratio 1 <= 1.3, ratio 2 <= 1.5 per lesson, 3 <= 60 s with seven lessons.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat

REPO = Path(__file__).resolve().parent.parent
FLOOR_CELL = """import io, ipywidgets, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1], [1, 0])
fig.savefig(io.BytesIO(), format="png")"""


def import_seconds(module: str, runs: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def run_seconds(nb: nbformat.NotebookNode, folder: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        for f in folder.glob("antwoorden*"):
            f.unlink()
        copy = nbformat.from_dict(nb)
        start = time.perf_counter()
        nbclient.NotebookClient(copy, timeout=300, resources={"metadata": {"path": str(folder)}}).execute()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    course_s, widgets_s = import_seconds("course"), import_seconds("ipywidgets")
    print(
        f"1. import course {course_s * 1000:.0f} ms / import ipywidgets {widgets_s * 1000:.0f} ms "
        f"= {course_s / widgets_s:.2f}x  (target <= 1.3x)"
    )
    with tempfile.TemporaryDirectory(prefix="ouders-zien-bench-") as tmp:
        floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
        floor = run_seconds(floor_nb, Path(tmp))
        print(f"2. floor (kernel + ipywidgets + matplotlib + one saved figure): {floor:.2f} s")
        for lesson_dir in sorted(p for p in (REPO / "notebooks").iterdir() if p.is_dir()):
            folder = Path(tmp) / lesson_dir.name
            shutil.copytree(lesson_dir, folder)
            nb = nbformat.read(str(folder / f"{lesson_dir.name}.ipynb"), as_version=4)
            took = run_seconds(nb, folder)
            print(f"   {lesson_dir.name}: {took:.2f} s = {took / floor:.2f}x floor  (target <= 1.5x)")
    notebooks = sorted((REPO / "notebooks").rglob("*.ipynb")) + sorted((REPO / "grading" / "source").rglob("*.ipynb"))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider", *map(str, notebooks)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - start
    lessons = len(notebooks) // 2
    status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    print(
        f"3. pytest --nbval-lax over {len(notebooks)} notebooks ({lessons} lessons): {took:.1f} s, {status}; "
        f"scaled to 7 lessons: {took / lessons * 7:.0f} s  (target <= 60 s)"
    )
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
