"""Grade the data, not the notebook: rebuild every submission from the released lesson before
nbgrader executes it.

A learner answers the quiz through widgets (the answers live in ``antwoorden.json``) and writes
reflections in Markdown cells, so nothing a learner typed needs to run. nbgrader, however, executes
the submitted notebook, learner's cells and all, in the kernel that also runs the hidden tests. So
before it does, :class:`RebuildSubmission` (a sanitize preprocessor of ``nbgrader autograde``,
registered in ``grading/nbgrader_config.py``) replaces the submitted cells by the released ones and
copies in only the text of the learner's reflection cells, as text (course/learner_text.py: what the
learner typed, shown literally; never live HTML, Markdown or TeX in the lecturer's browser). Cells
the learner added or edited never run; deleted cells come back. :func:`repair_hook` runs before
that: a notebook nbgrader cannot read (cut off, not JSON) is kept aside and the released notebook
takes its place, so the answers still count and the reflections count as empty.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Int, Unicode

from course.learner_text import as_text, without_placeholder

ASIDE_SUFFIX = ".beschadigd"


def grade_id(cell: Any) -> str | None:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def is_reflection(cell: Any) -> bool:
    """A manually graded answer cell in Markdown (the only cells whose learner text counts)."""
    meta = cell.get("metadata", {}).get("nbgrader") or {}
    return cell.get("cell_type") == "markdown" and bool(meta.get("solution")) and bool(meta.get("grade"))


def released_path(release_root: str | os.PathLike[str], assignment: str, notebook: str) -> Path:
    path = Path(release_root) / assignment / f"{notebook}.ipynb"
    if not path.is_file():
        raise FileNotFoundError(
            f"the released notebook {path} is missing: run `nbgrader generate_assignment {assignment}` first"
        )
    return path


def rebuild(submitted: Any, released: Any, max_chars: int = 20_000) -> tuple[Any, dict[str, Any]]:
    """Return the released notebook with the learner's reflection texts (as text), and what changed.

    ``changes`` counts the learner's cells that were dropped (added, or course cells edited) and the
    released cells put back because the submission lacked them.
    """
    learner = {grade_id(c): c for c in submitted.get("cells", []) if grade_id(c)}
    known = {grade_id(c) for c in released.cells}
    nb = copy.deepcopy(released)
    changes = {"dropped": 0, "restored": 0, "reflections": 0, "cut": 0}
    for cell in nb.cells:
        theirs = learner.get(grade_id(cell))
        if theirs is None:
            changes["restored"] += 1
        elif is_reflection(cell) and theirs.get("cell_type") == "markdown":
            text = theirs.get("source", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            text = without_placeholder(text)  # the course's line the learner may leave standing
            if len(text) > max_chars:
                text, changes["cut"] = text[:max_chars], changes["cut"] + 1
            if text:  # an untouched or emptied answer stays the course's (nbgrader scores it 0)
                cell.source = as_text(text)
            changes["reflections"] += 1
        elif theirs.get("source") != cell.source:
            changes["dropped"] += 1  # an edited course cell: the released version runs
    changes["dropped"] += sum(1 for c in submitted.get("cells", []) if grade_id(c) not in known)
    return nb, changes


class RebuildSubmission(NbGraderPreprocessor):
    """Sanitize step: the submission becomes the released notebook plus the learner's reflections."""

    release_root = Unicode("", help="The course's release folder (release/<lesson>/<notebook>.ipynb).").tag(config=True)
    max_reflection_chars = Int(20_000, help="Longer reflection texts are cut (and reported).").tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        info = resources["nbgrader"]
        path = released_path(self.release_root, info["assignment"], info["notebook"])
        new, changes = rebuild(nb, nbformat.read(str(path), as_version=4), self.max_reflection_chars)
        if changes["dropped"] or changes["restored"] or changes["cut"]:
            self.log.warning(
                "Ouders zien: %s: opnieuw opgebouwd uit de vrijgegeven les: %d cel(len) van de student "
                "niet uitgevoerd, %d cel(len) teruggezet, %d reflectie(s) ingekort",
                info["student"],
                changes["dropped"],
                changes["restored"],
                changes["cut"],
            )
        info["ouders_zien_rebuild"] = changes
        return new, resources


def repair_hook(release_root: str | os.PathLike[str]) -> Callable[..., None]:
    """Return nbgrader's ``pre_convert_hook``: a submitted notebook that cannot be read is kept aside
    (``<name>.ipynb.beschadigd``, byte for byte) and replaced by the released notebook."""

    def hook(assignment: str, student: str, notebooks: list[str], **_: Any) -> None:
        app_log = logging.getLogger("AutogradeApp")  # nbgrader's log: `ouders-zien docent nakijken` reports it
        for folder in {Path(n).parent for n in notebooks}:
            for link in [p for p in folder.rglob("*") if p.is_symlink() and p.suffix != ".ipynb"]:
                link.unlink()  # nbgrader would copy what it points to (another learner's file, /etc/...)
                app_log.warning(
                    "Ouders zien: %s: verwijzing (symlink) %s verwijderd; een inzending bevat "
                    "bestanden, geen verwijzingen",
                    folder.parent.name,
                    link.name,
                )
        for name in notebooks:
            path = Path(name)
            try:
                if path.is_symlink():
                    raise ValueError("a symbolic link, not a notebook")
                nbformat.validate(nbformat.read(str(path), as_version=4))
                continue
            except Exception as exc:  # noqa: BLE001 - any unreadable notebook is repaired the same way
                reason = f"{type(exc).__name__}: {exc}"[:200]
            aside = path.with_name(path.name + ASIDE_SUFFIX)
            n = 1
            while aside.exists() or aside.is_symlink():
                n += 1
                aside = path.with_name(f"{path.name}{ASIDE_SUFFIX}-{n}")
            if path.is_symlink():
                path.unlink()  # keep no link: nbgrader would copy what it points to
            else:
                os.replace(path, aside)
            path.write_bytes(released_path(release_root, assignment, path.stem).read_bytes())
            app_log.warning(
                "Ouders zien: %s: notebook onleesbaar (%s); bewaard als %s, nagekeken met de vrijgegeven "
                "les (reflecties tellen als leeg)",
                path.parent.parent.name,
                reason,
                aside.name,
            )

    return hook
