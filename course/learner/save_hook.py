"""What the learner's JupyterLab saves where a live block was shown.

A saved lesson keeps each widget's output (``application/vnd.jupyter.widget-view+json``: only a model id).
No new kernel has that model, so a reopened lesson showed ipywidgets' English "Error displaying widget: model
not found" at every question (issue 24, third walk). The learner's server config
(``jupyter-settings/learner/jupyter_server_config.json``) runs :func:`replace_widget_views` before every save
(jupyter_server's ``ContentsManager.pre_save_hook``, an import string): each such output is stored as a short
Dutch notice that says how to bring the question back. Only the file changes; the open page keeps its live
widgets. Answers live in ``antwoorden.json``, which nbgrader reads, never in these outputs. A notebook that saves
its widget state (``metadata.widgets``, JupyterLab's "Save Widget State Automatically") can show its widgets
again, so it is saved as it is.
"""

from __future__ import annotations

import html
from typing import Any

from course import messages as msg

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def saved_notice() -> dict[str, Any]:
    """The output stored in place of a live block: the Dutch notice, as HTML and as plain text."""
    return {
        "output_type": "display_data",
        "data": {
            "text/html": f'<p class="oz-saved-block"><i>{html.escape(msg.SAVED_BLOCK)}</i></p>',
            "text/plain": msg.SAVED_BLOCK,
        },
        "metadata": {},
    }


def replace_widget_views(model: dict[str, Any], **_kwargs: Any) -> None:
    """jupyter_server pre-save hook: in a notebook about to be saved, store every widget view as the notice
    (one notice per run of widget outputs in a cell). Anything else is saved as it is."""
    notebook = model.get("content")
    if model.get("type") != "notebook" or not isinstance(notebook, dict):
        return
    if (notebook.get("metadata") or {}).get("widgets"):
        return
    for cell in notebook.get("cells") or []:
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        if not outputs:
            continue
        kept: list[Any] = []
        noticed = False  # the last output kept is a notice
        for output in outputs:
            if isinstance(output, dict) and WIDGET_VIEW in (output.get("data") or {}):
                if not noticed:
                    kept.append(saved_notice())
                noticed = True
            else:
                kept.append(output)
                noticed = False
        cell["outputs"] = kept
