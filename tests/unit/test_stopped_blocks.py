"""Issue 24 (third walk): a block whose kernel is gone must say so in Dutch, and a saved lesson must not hold
widget outputs that no new kernel can show (ipywidgets' English 'Error displaying widget: model not found').

The frame (course/learner/widgets/frame.py) and the learner server's pre-save hook
(course/learner/save_hook.py, named in jupyter-settings/learner/jupyter_server_config.json). The browser
tests (tests/browser/test_browser.py) check both in a real JupyterLab."""

from __future__ import annotations

import json
import re

import nbformat
from conftest import LESSON_02, REPO

from course import messages as msg
from course.content import load_lesson
from course.learner.save_hook import WIDGET_VIEW, replace_widget_views
from course.learner.widgets import make_exercise
from course.learner.widgets.frame import BLOCK_CLASS, BLOCK_CSS, DISCONNECTED, css_string
from course.store import AnswerStore

LEARNER_CONFIG = REPO / "jupyter-settings" / "learner" / "jupyter_server_config.json"
ITEM = next(i for i in load_lesson(LESSON_02)["items"].values() if i["mode"] == "graded" and i["type"] == "choice")


def _widget_output(model_id: str = "abc") -> dict:
    return {
        "output_type": "display_data",
        "data": {WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0}, "text/plain": "Vraag"},
        "metadata": {},
    }


def _lesson(*outputs: dict, widgets_state: bool = False) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show('02', 'x')")
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Les"), cell]
    if widgets_state:
        notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return notebook


def test_a_live_block_is_shown_in_the_frame_that_names_a_stopped_kernel(tmp_path):
    exercise = make_exercise(ITEM, AnswerStore.in_folder(tmp_path))
    assert BLOCK_CLASS not in exercise.widget._dom_classes  # framed when shown, not before
    exercise.bundle(live=True)
    exercise.bundle(live=True)
    assert BLOCK_CLASS in exercise.widget._dom_classes
    styles = [c for c in exercise.widget.children if getattr(c, "value", None) == BLOCK_CSS]
    assert len(styles) == 1, "the frame's CSS once, however often the block is shown"
    assert f".{BLOCK_CLASS}.{DISCONNECTED}::before{{content:{css_string(msg.STOPPED_BLOCK)}" in BLOCK_CSS
    assert "pointer-events:none" in BLOCK_CSS


def test_the_stopped_notice_is_dutch_and_names_the_menu_the_learner_has():
    pack = (REPO / "course" / "data" / "jupyterlab_nl" / "cursus.yaml").read_text(encoding="utf-8")
    assert '"Run All Cells": "Alle cellen uitvoeren"' in pack
    for notice in (msg.STOPPED_BLOCK, msg.SAVED_BLOCK):
        assert "Uitvoeren → Alle cellen uitvoeren" in notice
        assert not re.search(r"\b(the|widget|error|model)\b", notice, re.IGNORECASE)
    assert "niet opgeslagen" in msg.STOPPED_BLOCK


def test_css_string_escapes_what_would_end_the_string_or_the_style():
    assert css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert "</style>" not in css_string("</style>")


def test_a_saved_lesson_holds_the_notice_where_a_widget_was():
    stream = {"output_type": "stream", "name": "stdout", "text": "klaar\n"}
    notebook = _lesson(_widget_output("a"), _widget_output("b"), stream, _widget_output("c"))
    model = {"type": "notebook", "content": notebook}
    replace_widget_views(model=model, path="les.ipynb", contents_manager=None)
    outputs = model["content"]["cells"][1]["outputs"]
    assert [o["output_type"] for o in outputs] == ["display_data", "stream", "display_data"]
    assert all(WIDGET_VIEW not in o.get("data", {}) for o in outputs)
    assert outputs[0]["data"]["text/plain"] == msg.SAVED_BLOCK and outputs[2]["data"]["text/plain"] == msg.SAVED_BLOCK
    assert outputs[1] == stream
    nbformat.validate(nbformat.from_dict(model["content"]))


def test_a_notebook_with_its_widget_state_and_other_files_are_saved_as_they_are():
    notebook = _lesson(_widget_output(), widgets_state=True)
    model = {"type": "notebook", "content": notebook}
    replace_widget_views(model=model, path="les.ipynb", contents_manager=None)
    assert WIDGET_VIEW in model["content"]["cells"][1]["outputs"][0]["data"]
    text = {"type": "file", "format": "text", "content": json.dumps(_widget_output())}
    replace_widget_views(model=text, path="x.txt", contents_manager=None)
    assert text["content"] == json.dumps(_widget_output())


def test_the_learners_server_runs_the_hook_on_every_save(tmp_path):
    """Through jupyter_server's own ContentsManager and the learner config as JupyterLab loads it: the file on
    disk holds the notice, the model the page keeps is not the concern of the hook."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config import Config

    config = Config(json.loads(LEARNER_CONFIG.read_text(encoding="utf-8")))
    manager = FileContentsManager(root_dir=str(tmp_path), config=config)
    assert manager.pre_save_hook is replace_widget_views
    manager.save({"type": "notebook", "content": _lesson(_widget_output())}, "les.ipynb")
    saved = nbformat.read(tmp_path / "les.ipynb", as_version=4)
    (output,) = saved["cells"][1]["outputs"]
    assert WIDGET_VIEW not in output["data"] and output["data"]["text/plain"] == msg.SAVED_BLOCK
