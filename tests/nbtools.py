"""Helpers for notebook tests: finding lessons, executing a copy, reading outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbclient
import nbformat
from conftest import REPO

SOURCE_DIR = REPO / "grading" / "source"
RELEASE_DIR = REPO / "notebooks"


def lessons() -> list[str]:
    return sorted(p.name for p in SOURCE_DIR.iterdir() if p.is_dir())


def source_nb(lesson: str) -> Path:
    return SOURCE_DIR / lesson / f"{lesson}.ipynb"


def released_nb(lesson: str) -> Path:
    return RELEASE_DIR / lesson / f"{lesson}.ipynb"


GRADING_VIEW = REPO / "grading" / "beoordelen.ipynb"  # the lecturer's rubric grading view


def all_notebooks() -> list[Path]:
    return sorted(SOURCE_DIR.rglob("*.ipynb")) + sorted(RELEASE_DIR.rglob("*.ipynb")) + [GRADING_VIEW]


def execute_copy(notebook: Path, folder: Path, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute a copy of ``notebook`` inside ``folder`` (its lesson folder) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / notebook.name
    shutil.copy2(notebook, target)
    nb = nbformat.read(str(target), as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    )
    if env:
        import os

        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            client.execute()
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    else:
        client.execute()
    return nb


def grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def text_of(cell) -> str:
    """All text a learner would read in the outputs of ``cell``."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("display_data", "execute_result"):
            parts.append(str(out.data.get("text/plain", "")))
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
    return "".join(parts)
