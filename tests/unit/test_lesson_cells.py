"""The notebook entry points show(lesson, id) and grade(lesson, item, key), and the one display contract."""

from __future__ import annotations

import json
import re

import pytest
from conftest import LESSON_02, REPO

from course import grade, open_lesson, show
from course.content import lesson_ids
from course.learner.lesson import Lesson
from course.store import AnswerStore

CAT_KEY = {"liefde": "wie", "kees": "wie", "sanne": "rol", "marieke": "wie", "ramon": "rol", "ellen": "wie"}


def test_grade_returns_the_points_and_says_them_in_dutch(tmp_path, capsys):
    lesson = Lesson(LESSON_02, tmp_path)
    assert lesson.grade("toets_opvoederschap", "d") == 0.0
    AnswerStore.in_folder(tmp_path).set("toets_opvoederschap", "d")
    assert lesson.grade("toets_opvoederschap", "d") == 1.0  # the store is read again: no stale answer
    AnswerStore.in_folder(tmp_path).set("toets_rol_of_wie", {**CAT_KEY, "liefde": "rol"})
    assert lesson.grade("toets_rol_of_wie", CAT_KEY) == 2.5
    out = capsys.readouterr()
    assert out.err == ""
    assert "Toetsvraag 1: niet beantwoord." in out.out and "Toetsvraag 1: 1 van 1 punt." in out.out
    assert "Toetsvraag 7: 2,5 van 3 punten." in out.out


def test_grade_refuses_a_formative_item_a_reflection_and_a_broken_key(tmp_path):
    lesson = Lesson(LESSON_02, tmp_path)
    with pytest.raises(ValueError, match="no graded item 'oefen_deur'"):
        lesson.grade("oefen_deur", "c")
    with pytest.raises(ValueError, match="cannot be judged"):
        lesson.grade("reflectie", "x")
    with pytest.raises(ValueError, match="one of the options"):
        lesson.grade("toets_opvoederschap", "z")


def test_show_knows_items_and_blocks_and_names_what_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lesson = open_lesson(LESSON_02)
    assert open_lesson(LESSON_02) is lesson  # one lesson object per folder and kernel
    assert lesson.block("toets_samen") is lesson.block("toets_samen")
    assert lesson.block("zelfcontrole").text().startswith("Nog niet klaar")
    with pytest.raises(KeyError, match="no item or block 'nope'.*toets_samen"):
        show(LESSON_02, "nope")


def test_while_graded_show_displays_text_and_grade_reads_the_answer(tmp_path, monkeypatch, capsys):
    AnswerStore.in_folder(tmp_path).set("toets_samen", "a")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.chdir(tmp_path)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw=False: shown.append(data))
    show(LESSON_02, "toets_samen")
    assert set(shown[0]) == {"text/plain", "text/html"} and "Jouw antwoord:" in shown[0]["text/plain"]
    assert grade(LESSON_02, "toets_samen", "a") == 1.0
    assert "1 van 1 punt" in capsys.readouterr().out


# Issue 24: JupyterLab shows the first line of a hidden code cell in its collapsed placeholder. A learner saw
# "# Open the lesson; a problem with antwoorden.json…" and code such as '"""Toetsvraag 1 (1 punt)."""'. Every
# code cell of a learner's lesson now opens with one Dutch line that says what the cell does.
ENGLISH = re.compile(r"\b(the|open|lesson|problem|reported|here|widget|show|import|from|course)\b", re.IGNORECASE)


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_every_code_cell_starts_with_a_dutch_line_for_the_learner(lesson_id):
    nb = json.loads((REPO / "notebooks" / lesson_id / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        first = "".join(cell["source"]).split("\n", 1)[0]
        assert first.startswith("# ") and first.rstrip().endswith((".", ")")), (lesson_id, cell["id"], first)
        assert not ENGLISH.search(first[2:]), (lesson_id, cell["id"], first)
        assert cell["metadata"]["jupyter"]["source_hidden"] is True


def test_every_reflection_cell_has_its_word_count_under_it_and_the_prose_says_the_range_asked():
    """Issue 24: a Markdown cell cannot count its words, so the generator puts a word count under it; the
    range it counts against is the one the prose asks ({{words: ITEM}}, filled from the item's data)."""
    import nbformat

    from course import messages as msg
    from course.content import lesson_ids, load_lesson

    seen = 0
    for lid in lesson_ids():
        lesson = load_lesson(lid)
        nb = nbformat.read(str(REPO / "notebooks" / lid / f"{lid}.ipynb"), as_version=4)
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "{{" not in prose
        for item_id, item in lesson["items"].items():
            if item["type"] != "reflection":
                continue
            seen += 1
            at = ids.index(item_id)
            under = nb.cells[at + 1]
            assert ids[at + 1] == f"woorden_{item_id}" and under.cell_type == "code"
            assert under.source.startswith(msg.CELL_LINE_WORDS) and f'show("{lid}", "{item_id}")' in under.source
            fewest, most = item["words"]
            assert msg.WORDS_RANGE.format(fewest=fewest, most=most) in prose, (lid, item_id)
    assert seen == 7


def test_every_lesson_ends_with_a_link_back_to_its_first_cell():
    """Issue 24: after "Alle cellen uitvoeren" the learner is at the bottom; one link takes them back up."""
    import nbformat

    from course import messages as msg
    from course.content import lesson_ids

    anchors = []
    for lid in lesson_ids():
        nb = nbformat.read(str(REPO / "notebooks" / lid / f"{lid}.ipynb"), as_version=4)
        first, last = nb.cells[0], nb.cells[-1]
        anchor = msg.lesson_top_id(lid)
        assert first.source.startswith(f'<a id="{anchor}"></a>'), lid
        assert last.cell_type == "markdown" and f"](#{anchor})" in last.source, lid
        anchors.append(anchor)
        assert "Naar het begin van de les" in " ".join(c.source for c in nb.cells[:6]), lid  # the lesson says so
    # JupyterLab finds an anchor in the whole page: two open lessons must not share one (issue 24, fourth walk)
    assert len(set(anchors)) == len(anchors) == len(lesson_ids()), anchors
