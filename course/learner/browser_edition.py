"""The course in a browser tab (JupyterLite, a Pyodide kernel): what differs there.

In JupyterLite the lesson folder lives in the browser's own storage (IndexedDB), reached by the
kernel as ``/drive/<lesson>``; a file written there with plain ``open`` is kept (JupyterLite's
DriveFS, through its service worker). Clearing the browser's site data, a private window or
another browser means another storage: the answers are not there. So the lesson says so and
offers the whole lesson folder as a download at any time: the zip a learner hands in through the
LMS, which ``ouders-zien docent verzamelen`` takes (course/lecturer/handin.py reads zips in a download).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from course.store import STORE_NAME

IN_BROWSER = sys.platform == "emscripten"


def handin_files(folder: Path) -> list[Path]:
    """The files of a lesson folder that are handed in: its notebooks and the answer file (no
    checkpoints, no hidden files, no set-aside copies)."""
    files = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if (folder / STORE_NAME).is_file():
        files.append(folder / STORE_NAME)
    return files


def handin_zip(folder: Path) -> tuple[str, bytes]:
    """Return the file name and bytes of a zip of the lesson folder: ``<lesson>/<file>`` for every
    file :func:`handin_files` names (the folder as the learner would zip it on a laptop)."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in handin_files(folder):
            archive.write(path, f"{folder.name}/{path.name}")
    return f"{folder.name}.zip", buffer.getvalue()
