"""The reading of a lesson flows (issue 24, a learner's walk: "the reading is mostly about what the source does and
does not say"). The precision remarks stay, but in a folded box after the paragraph they belong to:

    <details>
    <summary>Precies gelezen: ...</summary>

    ... Markdown ...

    </details>

The blank line after the summary and before </details> makes the box's inside Markdown (CommonMark HTML blocks end at
a blank line; JupyterLab's marked and nbconvert's mistune both follow that), and JupyterLab's sanitizer keeps
<details> and <summary>.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course.content import LESSON_DIR, lesson_ids

# Words in the longest paragraph (or list item) of a lesson's main text, outside the folded boxes, tables, headings.
# Before the boxes: 01: 191, 02: 126, 03: 205, 06: 268. After: 100 (the "Zo werk je" paragraph of every lesson).
MAIN_MAX = 100
FLOWING = [
    "01_waarom_ouders",
    "02_ouderschap_en_opvoederschap",
    "03_de_ouder_achter_het_gedrag",
    "05_praktijkvoorbeeld",  # 230 before its model section was folded (fourth walk, 05-1)
    "06_tot_slot_en_nu",
]
SUMMARY = "Precies gelezen"
DIRECTIVE = re.compile(r"^\s*<!--.*-->\s*$")
BOX = re.compile(r"<details>.*?</details>", re.S)


def _text(lesson_id: str) -> str:
    return (LESSON_DIR / f"{lesson_id}.md").read_text(encoding="utf-8")


def main_paragraphs(text: str) -> list[str]:
    """The paragraphs and list items of the main text: outside <details>, without directives, headings, tables."""
    out = []
    for block in re.split(r"\n\s*\n", BOX.sub("", text)):
        lines = [ln for ln in block.splitlines() if ln.strip() and not DIRECTIVE.match(ln)]
        if not lines or lines[0].lstrip().startswith(("|", "#")):
            continue
        item: list[str] = []
        for line in lines:
            if re.match(r"^\s*(?:[-*]|\d+\.)\s", line) and item:
                out.append(" ".join(item))
                item = []
            item.append(line)
        out.append(" ".join(item))
    return out


def test_main_paragraphs_counts_paragraphs_and_list_items_outside_the_boxes():
    text = "<!-- cell: x -->\n## Kop\n\nEen twee drie.\n- vier vijf\n- zes\n\n<details>\n<summary>S</summary>\n\nacht\n\n</details>\n"
    assert [len(p.split()) for p in main_paragraphs(text)] == [3, 3, 2]


@pytest.mark.parametrize("lesson_id", [*FLOWING, "04_vier_handreikingen"])  # 04: 148 before, split only
def test_no_paragraph_of_the_main_text_is_long(lesson_id):
    long = [(len(p.split()), p[:80]) for p in main_paragraphs(_text(lesson_id)) if len(p.split()) > MAIN_MAX]
    assert not long, f"{lesson_id}: split these, or fold their precision remarks into a box: {long}"


def _cells(text: str) -> list[str]:
    return re.split(r"^<!-- cell: ", text, flags=re.M)


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_every_box_has_a_summary_is_closed_and_stays_in_its_cell(lesson_id):
    text = _text(lesson_id)
    assert text.count("<details>") == text.count("</details>"), f"{lesson_id}: a <details> is not closed"
    for cell in _cells(text):
        boxes = BOX.findall(cell)
        assert cell.count("<details>") == len(boxes), f"{lesson_id}: a box runs over a cell's end"
        assert len(boxes) <= 1, f"{lesson_id}: one folded box per cell at most"
        for box in boxes:
            lines = box.splitlines()
            assert lines[0] == "<details>" and "<details>" not in box[1:], f"{lesson_id}: a box of its own: {box[:80]}"
            assert re.fullmatch(rf"<summary>{SUMMARY}: [^<]+</summary>", lines[1]), f"{lesson_id}: {lines[1]!r}"
            assert lines[2] == "" and lines[-2] == "" and lines[-1] == "</details>", (
                f"{lesson_id}: a blank line after the summary and before </details>, or Markdown inside stays raw"
            )
            assert not any(DIRECTIVE.match(ln) for ln in lines), f"{lesson_id}: a directive inside a box"


class _Boxes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.boxes: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self.boxes.append({"first": None, "tags": [], "text": ""})
        elif self.stack and "details" in self.stack:
            box = self.boxes[-1]
            box["first"] = box["first"] or tag
            box["tags"].append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if "details" in self.stack:
            self.boxes[-1]["text"] += data


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_every_box_renders_with_its_summary_first_and_markdown_inside(lesson_id):
    """nbconvert's renderer (the formgrader and the feedback page show the lesson's cells with it) follows CommonMark
    for HTML blocks, as JupyterLab's marked does."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    for cell in _cells(_text(lesson_id)):
        if "<details>" not in cell:
            continue
        parser = _Boxes()
        parser.feed(markdown2html_mistune(cell))
        parser.close()
        assert not parser.stack or set(parser.stack) <= {"p"}, f"{lesson_id}: unclosed {parser.stack}"
        for box in parser.boxes:
            assert box["first"] == "summary", f"{lesson_id}: a box starts with <{box['first']}>"
            assert {"p", "ul", "table"} & set(box["tags"]), f"{lesson_id}: the box's Markdown stayed raw"
            assert "**" not in box["text"] and "\n- " not in box["text"], f"{lesson_id}: raw Markdown in a box"


def test_the_flowing_lessons_have_their_boxes():
    for lesson_id in FLOWING:
        assert "<summary>Precies gelezen" in _text(lesson_id), lesson_id


def _lab_sanitizer_tags() -> set[str] | None:
    static = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
    for js in sorted(static.glob("jlab_core*.js")):
        for found in re.findall(r"allowedTags:\[([^\]]*)\]", js.read_text(encoding="utf-8", errors="replace")):
            tags = set(re.findall(r'"([a-z0-9]+)"', found))
            if "table" in tags:
                return tags
    return None


def test_jupyterlabs_sanitizer_keeps_the_box():
    tags = _lab_sanitizer_tags()
    if tags is None:
        pytest.skip("no JupyterLab build in this environment")
    assert {"details", "summary"} <= tags


# The toets is open book: a notebook lets a learner scroll back, and the fifth walk's learner feared that the toets
# asked which text said which words from memory. Every toets intro says that looking back is allowed, boxes included.
LOOK_BACK = re.compile(r"Kijk terug in de les, ook in de blokken \*Precies gelezen\*\. Dat mag\.")


@pytest.mark.parametrize("lesson_id", [lid for lid in lesson_ids() if lid != "00_start"])
def test_every_toets_intro_says_that_looking_back_is_allowed(lesson_id):
    cells = re.split(r"<!-- cell: ", _text(lesson_id))
    intro = next(c for c in cells if c.startswith("toets_uitleg -->"))
    assert LOOK_BACK.search(intro), f"{lesson_id}: the toets intro does not say that looking back is allowed"


@pytest.mark.parametrize("lesson_id", [lid for lid in lesson_ids() if lid != "00_start"])
def test_every_lesson_says_how_to_hand_in_with_a_zip_and_saving_is_the_last_step_of_a_reflection(lesson_id):
    """Sixth walk: lesson 05's hand-in had no zip hint; "Druk op Shift + Enter als je klaar bent" under a reflection
    competed with "Sla eerst op (Ctrl + S)" (two keys for "done", and only one saves)."""
    cells = re.split(r"<!-- cell: ", _text(lesson_id))
    hand_in = next(c for c in cells if "## Inleveren" in c).split("## Inleveren")[1].split("\n## ")[0]
    assert "hele map" in hand_in and "zip" in hand_in and "les 00" in hand_in, hand_in
    text = _text(lesson_id)
    assert "Shift + Enter* als je klaar bent" not in text
    for before_reflection in re.findall(r"Schrijf je antwoord in de cel hieronder:.*?(?=\n\n)", text, re.S):
        assert "Sla\nop met *Ctrl + S*" in before_reflection or "Sla op met *Ctrl + S*" in before_reflection, (
            before_reflection
        )
