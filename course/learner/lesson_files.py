"""The learner's server keeps a lesson's files where the course looks for them.

A lesson reads and writes its answers in ``antwoorden.json`` beside the notebook, and the hand-in and nbgrader take
the notebook by its name in its folder. The learner's menus and keys no longer rename, cut or paste files
(jupyter-settings/ouders-zien.json), yet JupyterLab's file browser still moves a file dragged onto a folder or a
breadcrumb (DirListing's drop handler calls docmanager's ``renameFile``, read in the installed jlab_core bundle).
Fourteenth walk: antwoorden.json moved out of its lesson, the lesson quietly started a new, empty answer file, and
moving it back asked JupyterLab's English "Overwrite file?".

:class:`LessonFiles` is jupyter_server's default contents manager (``AsyncLargeFileManager``; set with
``ServerApp.contents_manager_class`` in jupyter-settings/learner/jupyter_server_config.json) that refuses, with a
Dutch reason, to move or rename a course file: a notebook, an answer file, or a folder that holds one. The refusal
comes before jupyter_server's own 409 "File already exists", so JupyterLab never reaches its English overwrite dialog
(docmanager's renameFile asks only on a 409) and shows the reason under its own title ("Verplaatsen lukt niet").
Anything else a learner made may still be renamed.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web

from course.store import STORE_NAME

KEEP_IN_PLACE = (
    "Een les en haar antwoorden blijven op hun plek: daar vindt de les je antwoorden terug, en daar haalt je docent de "
    "les op. Verplaatsen of een andere naam geven kan daarom niet."
)


def is_course_file(path: Path) -> bool:
    """Whether ``path`` is a file the course needs in its place, or a folder that holds one: a notebook
    (``.ipynb``) or an answer file (antwoorden.json and its kept copies, ``antwoorden*.json``)."""
    if path.is_dir():
        for _root, _dirs, files in os.walk(path):
            if any(_needed(name) for name in files):
                return True
        return False
    return _needed(path.name)


def _needed(name: str) -> bool:
    stem, suffix = os.path.splitext(STORE_NAME)
    return name.endswith(".ipynb") or (name.startswith(stem) and name.endswith(suffix))


class LessonFiles(AsyncLargeFileManager):
    """jupyter_server's default contents manager; a course file is not moved or renamed (403, in Dutch)."""

    async def rename_file(self, old_path: str, new_path: str) -> None:
        if old_path.strip("/") != new_path.strip("/") and is_course_file(Path(self._get_os_path(old_path.strip("/")))):
            raise web.HTTPError(403, KEEP_IN_PLACE)
        await super().rename_file(old_path, new_path)
