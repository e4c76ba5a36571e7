"""The lecturer's screen shows the course's own Dutch lines only (issue 19, part 6): no library
warnings while collecting and grading. Grading kernels talk over Unix sockets (no "Kernel is running
over TCP without encryption"), and nbgrader's SQLAlchemy "not in session" warnings are handled
(course/lecturer/docent.quiet_gradebook). Runs the tool as the lecturer does, as a process of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from course.authoring.release import tool_env
from course.store import STORE_NAME

from conftest import LESSON_02, REPO


def docent(course, *args):
    return subprocess.run([sys.executable, "-m", "course.lecturer.docent", "--map", str(course), *args],
                          capture_output=True, text=True, env=tool_env(), timeout=600)


@pytest.mark.skipif(os.name == "nt", reason="Unix sockets for kernels: not on Windows")
def test_collecting_and_grading_print_no_library_warnings(tmp_path):
    course = tmp_path / "grading"
    course.mkdir()
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "grading" / "source" / LESSON_02, course / "source" / LESSON_02)
    shutil.copytree(REPO / "grading" / "keys", course / "keys")
    assert docent(course, "vrijgeven", LESSON_02).returncode == 0
    notebook = (course / "release" / LESSON_02 / f"{LESSON_02}.ipynb").read_bytes()
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for n in range(3):
            folder = f"Student {n}_{100 + n}_assignsubmission_file_/"
            zf.writestr(folder + f"{LESSON_02}.ipynb", notebook)
            zf.writestr(folder + STORE_NAME, json.dumps({"format": 1, "answers": {"toets_samen": "a"}}))
    collected = docent(course, "verzamelen", LESSON_02, "--zip", str(archive))
    graded = docent(course, "nakijken", LESSON_02)
    assert collected.returncode == 0 and graded.returncode == 0, graded.stdout + graded.stderr
    assert "Klaar. 0 mislukt" in graded.stdout
    screen = (collected.stderr + graded.stderr).replace("\r", "\n")
    noise = [line for line in screen.splitlines() if line.strip() and not line.lstrip().startswith("[#")
             and not line.lstrip().startswith("[.")]
    assert noise == [], "\n".join(noise)[:2000]
