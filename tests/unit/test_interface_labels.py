"""Lessons and the docs (README.md, docs/*.md) name JupyterLab's menus and commands exactly as a
learner sees them in the Dutch interface: the Dutch label where the course's language pack has one
(course/learner/jupyterlab_nl/), the English one where it has none."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "course" / "learner" / "jupyterlab_nl" / "locale" / "nl_NL" / "LC_MESSAGES" / "jupyterlab.json"
# "menu **Uitvoeren** de opdracht **Run All Cells**" and "menu **Uitvoeren** → **Run All Cells**"
MENU_STEP = re.compile(r"menu \*\*([^*]+)\*\*(?: de opdracht | → )\*\*([^*]+)\*\*")
TEXTS = sorted((REPO / "course" / "data" / "lessons").glob("*.md")) + [
    REPO / "README.md",
    *sorted((REPO / "docs").glob("*.md")),
]


LAB_JS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"


def catalog() -> dict[str, str]:
    """msgid (without context) -> its Dutch text; the pack leaves out what it does not translate."""
    raw = json.loads(PACK.read_text(encoding="utf-8"))
    return {
        key.split("\x04")[-1]: value[0] for key, value in raw.items() if key and isinstance(value, list) and value[0]
    }


MENUS = (
    Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / "mainmenu-extension" / "plugin.json"
)


def english_in_lab(label: str) -> bool:
    """Whether JupyterLab itself has ``label`` as a translatable English string (``__("...")``), or as the
    title of one of its main menus (the settings schema of the main menu: "Kernel")."""
    needle = f'__("{label}")'.encode()
    titles = {m.get("label") for m in json.loads(MENUS.read_text(encoding="utf-8"))["jupyter.lab.menus"]["main"]}
    return label in titles or any(needle in js.read_bytes() for js in LAB_JS.glob("*.js"))


def as_seen(label: str, texts: dict[str, str]) -> bool:
    """A Dutch label of the pack, or an English label of JupyterLab that the pack leaves in English."""
    return label in set(texts.values()) or (label not in texts and english_in_lab(label))


def test_the_checker_tells_a_translated_label_from_one_left_in_english():
    texts = catalog()
    assert as_seen("Uitvoeren", texts) and as_seen("Alle cellen uitvoeren", texts)
    assert not as_seen("Run", texts)  # the learner sees "Uitvoeren", not "Run"
    assert not as_seen("Run All Cells", texts)  # the course's pack translates it (issue 24)
    assert not as_seen("Run Every Cell", texts)  # no such English label in JupyterLab


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.name)
def test_menu_steps_use_the_labels_a_learner_sees(text):
    texts = catalog()
    steps = MENU_STEP.findall(text.read_text(encoding="utf-8"))
    wrong = [label for step in steps for label in step if not as_seen(label, texts)]
    assert wrong == [], f"{text.name}: labels not as shown in the Dutch JupyterLab"


def test_every_lesson_tells_how_to_run_it():
    lessons = [t for t in TEXTS if t.parent.name == "lessons"]
    assert lessons and all(MENU_STEP.search(t.read_text(encoding="utf-8")) for t in lessons)


def test_the_learners_guide_tells_how_to_run_a_lesson():
    """The menu step the README held moved to docs/leerling.md: the check above still reads it."""
    guide = REPO / "docs" / "leerling.md"
    assert guide in TEXTS and MENU_STEP.search(guide.read_text(encoding="utf-8"))
