"""Lesson notebooks: clean on commit, generated from source, no key for learners, friendly when run."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

import re

from course.authoring import release
from course.content import graded_items, load_lesson
from course.keys import load_keys
from course.scoring import points
from course.store import STORE_NAME, AnswerStore

from conftest import LESSON_02, REPO
from nbtools import RELEASE_DIR, SOURCE_DIR, all_notebooks, execute_copy, grade_id, lessons, released_nb, source_nb, text_of

NB_METADATA = {"kernelspec", "language_info"}
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def answer_key(lesson):
    return load_keys(lesson, REPO / "grading")


def graded_ids(lesson):
    return {i["id"] for i in graded_items(load_lesson(lesson))}
CELL_METADATA = {"nbgrader", "jupyter", "deletable", "editable", "tags"}


def test_there_are_lessons_and_each_is_released():
    assert LESSON_02 in lessons()
    assert sorted(p.name for p in RELEASE_DIR.iterdir() if p.is_dir()) == lessons()


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_committed_without_outputs_and_with_small_metadata(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    assert set(nb.metadata) <= NB_METADATA
    for cell in nb.cells:
        assert set(cell.metadata) <= CELL_METADATA, (grade_id(cell), set(cell.metadata))
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, grade_id(cell)


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_code_cells_are_hidden_from_learners(path):
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, grade_id(cell)


@pytest.mark.parametrize("lesson", lessons())
def test_notebooks_equal_what_make_release_generates(lesson, tmp_path):
    built = release.generate(lesson, tmp_path)
    committed = RELEASE_DIR / lesson
    files = lambda root: sorted(p.relative_to(root) for p in root.rglob("*")
                                if p.is_file() and not release._skipped(p.name))
    assert files(built) == files(committed)
    for rel in files(built):
        if rel.suffix == ".ipynb":
            assert json.loads((built / rel).read_text("utf-8")) == json.loads((committed / rel).read_text("utf-8")), (
                f"notebooks/{lesson}/{rel} differs from grading/source: run `make release`"
            )
        else:
            assert (built / rel).read_bytes() == (committed / rel).read_bytes()


@pytest.mark.parametrize("lesson", lessons())
def test_released_notebooks_contain_no_answer_key(lesson):
    key = answer_key(lesson)
    assert key, "every lesson has automatically graded items"
    text = released_nb(lesson).read_text("utf-8")
    assert "HIDDEN TESTS" not in text and "grade(" not in text
    released = nbformat.read(str(released_nb(lesson)), as_version=4)
    for cell in released.cells:
        assert not HIDDEN.findall(cell.source)
    for value in key.values():
        if isinstance(value, (dict, list)):  # distinctive enough to search for
            assert json.dumps(value, ensure_ascii=False) not in text and repr(value) not in text
    assert not list((RELEASE_DIR / lesson).glob("antwoorden*"))


@pytest.mark.parametrize("lesson", lessons())
def test_every_graded_item_is_one_grade_cell_with_its_widget_and_the_key_hidden(lesson):
    items = load_lesson(lesson)["items"]
    key = answer_key(lesson)
    assert set(key) == graded_ids(lesson)
    nb = nbformat.read(str(source_nb(lesson)), as_version=4)
    cells = {grade_id(c): c for c in nb.cells}
    for item_id in graded_ids(lesson):
        cell = cells[item_id]
        meta = cell.metadata["nbgrader"]
        assert meta["grade"] and meta["locked"] and float(meta["points"]) == float(items[item_id]["points"])
        visible, hidden = cell.source.split("### BEGIN HIDDEN TESTS")
        assert f'show("{lesson}", "{item_id}")' in visible and "grade" not in visible
        assert f'grade("{lesson}", "{item_id}", {json.dumps(key[item_id], ensure_ascii=False)})' in hidden
        assert points(items[item_id], key[item_id], key[item_id]) == items[item_id]["points"]
    assert not any(gid.startswith("check_") for gid in cells)  # no separate status cells any more


def test_lesson_02_has_a_manually_graded_reflection_with_its_rubric():
    nb = nbformat.read(str(source_nb(LESSON_02)), as_version=4)
    manual = [c for c in nb.cells if c.metadata["nbgrader"].get("solution") and c.metadata["nbgrader"].get("grade")]
    assert len(manual) >= 1 and all(c.cell_type == "markdown" for c in manual)
    before = nb.cells[nb.cells.index(manual[0]) - 1]
    assert "zo wordt je antwoord beoordeeld" in before.source.lower() and "| Criterium |" in before.source  # the rubric


@pytest.mark.parametrize("lesson", lessons())
def test_released_lesson_run_unanswered_shows_dutch_messages_and_no_errors(lesson, tmp_path):
    nb = execute_copy(released_nb(lesson), tmp_path / lesson)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{grade_id(cell)}: {out.get('ename')}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"{grade_id(cell)}: {out.text}"
    checks = [c for c in nb.cells if grade_id(c) in graded_ids(lesson)]
    assert len(checks) == len(graded_ids(lesson)) >= 1
    for cell in checks:
        assert "(niet beantwoord)" in text_of(cell)
    assert not (tmp_path / lesson / STORE_NAME).exists()  # running cells does not write answers


def test_released_lesson_restores_answers_and_confirms_them(tmp_path):
    folder = tmp_path / LESSON_02
    folder.mkdir()
    store = AnswerStore.in_folder(folder)
    items = load_lesson(LESSON_02)["items"]
    for item_id, item in items.items():
        if item["type"] == "reflection":
            continue
        if item["type"] == "choice":
            store.set(item_id, item["options"][0]["id"])
        else:
            store.set(item_id, {s["id"]: item["categories"][0]["id"] for s in item["statements"]})
    nb = execute_copy(released_nb(LESSON_02), folder)
    for cell in nb.cells:
        if grade_id(cell) in graded_ids(LESSON_02):
            assert "Jouw antwoord:" in text_of(cell) and "niet beantwoord" not in text_of(cell)
        assert all(o.output_type != "error" for o in cell.get("outputs", []))


def test_corrupt_answer_file_is_reported_in_the_notebook_and_kept(tmp_path):
    folder = tmp_path / LESSON_02
    folder.mkdir()
    (folder / STORE_NAME).write_text('{"format": 1, "answers": {"toets_', encoding="utf-8")
    nb = execute_copy(released_nb(LESSON_02), folder)
    setup = next(c for c in nb.cells if grade_id(c) == "setup")
    assert "beschadigd" in text_of(setup) and "niets weggegooid" in text_of(setup)
    assert len(list(folder.glob("antwoorden.beschadigd-*.json"))) == 1
    assert all(o.output_type != "error" for c in nb.cells for o in c.get("outputs", []))


def test_release_refuses_a_source_folder_with_answer_files(tmp_path):
    grading = tmp_path / "grading"
    shutil.copytree(SOURCE_DIR.parent / "source" / LESSON_02, grading / "source" / LESSON_02)
    shutil.copy2(SOURCE_DIR.parent / "nbgrader_config.py", grading / "nbgrader_config.py")
    (grading / "source" / LESSON_02 / STORE_NAME).write_text("{}", encoding="utf-8")
    with pytest.raises(release.ReleaseError, match="antwoordbestanden"):
        release.generate(LESSON_02, tmp_path / "out", grading)


def test_release_refreshes_a_folder_but_keeps_a_learners_answers(tmp_path):
    dest = tmp_path / LESSON_02
    dest.mkdir()
    (dest / STORE_NAME).write_text('{"format": 1, "answers": {"x": "a"}}', encoding="utf-8")
    (dest / "stale.txt").write_text("old", encoding="utf-8")
    release.generate(LESSON_02, tmp_path)
    assert (dest / STORE_NAME).read_text(encoding="utf-8") == '{"format": 1, "answers": {"x": "a"}}'
    assert not (dest / "stale.txt").exists()
    assert (dest / f"{LESSON_02}.ipynb").exists()


def test_each_cell_works_on_its_own_after_a_kernel_restart(tmp_path):
    """A learner who restarts the kernel and runs one question cell gets no NameError."""
    folder = tmp_path / LESSON_02
    folder.mkdir()
    AnswerStore.in_folder(folder).set("toets_samen", "a")
    nb = nbformat.read(str(released_nb(LESSON_02)), as_version=4)
    nb.cells = [c for c in nb.cells if grade_id(c) in ("toets_samen", "levensloop")]
    target = tmp_path / "los.ipynb"
    nbformat.write(nb, str(target))
    ran = execute_copy(target, folder)
    assert [grade_id(c) for c in ran.cells] == ["levensloop", "toets_samen"]
    assert all(o.output_type != "error" for c in ran.cells for o in c.get("outputs", []))
    assert "Jouw antwoord:" in text_of(ran.cells[1])
