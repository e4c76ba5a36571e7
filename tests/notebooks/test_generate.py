"""The lesson generator: one source per lesson (data, prose, key) -> the nbgrader source notebook."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from course.authoring import generate
from course.content import ContentError, lesson_ids
from course.keys import load_keys

from conftest import LESSON_02, REPO

GRADING = REPO / "grading"


@pytest.mark.parametrize("lesson", lesson_ids())
def test_committed_source_notebook_is_what_the_generator_makes(lesson):
    path = generate.source_notebook(lesson, GRADING)
    assert path.read_text(encoding="utf-8") == generate.render(generate.build_notebook(lesson, GRADING)), (
        f"{path} differs from its source: run `make lessons`"
    )


def test_every_lesson_with_data_has_a_source_and_a_release():
    sources = sorted(p.name for p in (GRADING / "source").iterdir() if p.is_dir())
    assert sources == lesson_ids() == sorted(p.name for p in (REPO / "notebooks").iterdir() if p.is_dir())


def test_check_mode_of_the_command_reports_no_difference():
    proc = subprocess.run([sys.executable, "-m", "course.authoring.generate", "--check"], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Alle lessen zijn bij." in proc.stdout


def test_the_command_refuses_to_run_outside_the_course(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "course.authoring.generate"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and "geen nbgrader-cursusmap" in proc.stderr


def _holds(path, key):
    """Whether ``path`` contains ``key``: as a value of a YAML/JSON file, in a notebook cell, or as text."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".yaml", ".yml"):
        def values(node):
            yield node
            children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
            for child in children:
                yield from values(child)
        return any(v == key for v in values(yaml.safe_load(text)))
    if path.suffix == ".ipynb":
        text = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                         for c in json.loads(text)["cells"])
    return json.dumps(key, ensure_ascii=False) in text or repr(key) in text


def test_a_key_lives_only_in_the_keys_file_and_the_generated_source():
    key = load_keys(LESSON_02, GRADING)["toets_rol_of_wie"]
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    holders = [f for f in files if not f.startswith("tests/") and (REPO / f).is_file() and _holds(REPO / f, key)]
    assert sorted(holders) == [f"grading/keys/{LESSON_02}.yaml", f"grading/source/{LESSON_02}/{LESSON_02}.ipynb"]


def test_points_are_written_once_and_filled_in_from_the_data():
    nb = generate.build_notebook(LESSON_02, GRADING)
    cells = {c.id: c for c in nb.cells}
    from course.content import graded_items, load_lesson

    toets = graded_items(load_lesson(LESSON_02))
    points = sum(float(i["points"]) for i in toets)
    assert len(toets) > 1 and points > len(toets)  # the heading below says both (seventh walk: '12 punten' beside
    # 'n van 9 toetsvragen' in the self-check read as two different tests)
    assert f"## Toets ({len(toets)} vragen, {points:g} punten)" in cells["toets_uitleg"].source
    assert "## Reflectie (3 punten," in cells["reflectie_opdracht"].source
    assert "**Zo tellen de punten**" in cells["toets_uitleg"].source and "Indelen:" in cells["toets_uitleg"].source
    assert "Volgorde:" not in cells["toets_uitleg"].source  # only the types this lesson's test uses
    assert cells["toets_rol_of_wie"].source.startswith("# Toetsvraag 7 (3 punten): je antwoordt hieronder")
    assert cells["reflectie"].metadata["nbgrader"] == {
        "grade": True, "grade_id": "reflectie", "locked": False, "points": 3, "schema_version": 3,
        "solution": True, "task": False}
    assert all(c.metadata["jupyter"]["source_hidden"] for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("prose, message", [
    ("Tekst zonder cel.\n", "text outside a cell"),
    ("<!-- show: x -->\n", "must start with a Markdown cell"),
    ("<!-- cell: a -->\n\n<!-- cell: b -->\nTekst\n", "cell 'a' is empty"),
    ("<!-- cell: a -->\nTekst\n<!-- shwo: b -->\n", "unknown directive 'shwo'"),
    ("<!-- cell: a -->\nTekst\n<!-- show b -->\n", "not a directive"),
])
def test_prose_errors_name_the_file_and_line(prose, message):
    with pytest.raises(ContentError, match=message):
        generate.parse_prose(prose, "les.md")


def _lesson_with_prose(tmp_path, monkeypatch, prose):
    path = tmp_path / f"{LESSON_02}.md"
    path.write_text(prose, encoding="utf-8")
    monkeypatch.setattr(generate, "prose_path", lambda _lesson: path)


@pytest.mark.parametrize("change, message", [
    (lambda p: p.replace("<!-- show: toets_samen -->", ""), "toets_samen of the lesson data are never shown"),
    (lambda p: p.replace("<!-- show: toets_samen -->", "<!-- show: toets_samen -->\n<!-- show: toets_samen -->"),
     "'toets_samen' is shown twice"),
    (lambda p: p.replace("<!-- show: toets_samen -->", "<!-- show: toets_samen -->\n<!-- show: toets_nieuw -->"),
     "no item or block 'toets_nieuw'"),
    (lambda p: p.replace("{{points: toets}}", "{{punten}}"), "unknown placeholder"),
    (lambda p: p.replace("<!-- cell: afsluiting -->", "<!-- cell: intro -->"), "intro used twice"),
])
def test_authoring_mistakes_get_a_clear_error(tmp_path, monkeypatch, change, message):
    prose = (REPO / "course" / "data" / "lessons" / f"{LESSON_02}.md").read_text(encoding="utf-8")
    _lesson_with_prose(tmp_path, monkeypatch, change(prose))
    with pytest.raises(ContentError, match=message):
        generate.build_notebook(LESSON_02, GRADING)


@pytest.mark.parametrize("change, message", [
    (lambda k: k.pop("toets_samen"), "no key for toets_samen"),
    (lambda k: k.update(oefen_deur="c"), "oefen_deur: not an automatically graded item"),
    (lambda k: k.update(toets_samen="z"), "one of the options"),
])
def test_key_file_mistakes_get_a_clear_error(tmp_path, change, message):
    shutil.copytree(GRADING / "keys", tmp_path / "keys")
    path = tmp_path / "keys" / f"{LESSON_02}.yaml"
    keys = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(keys)
    path.write_text(yaml.safe_dump(keys), encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        load_keys(LESSON_02, tmp_path)


@pytest.mark.parametrize("lesson", [lid for lid in lesson_ids() if lid != "00_start"])
def test_a_released_reflection_starts_with_the_placeholder_the_lesson_explains(lesson):
    """Issue 24, fifth walk: the learner's reflection cell still said '_Schrijf hier je antwoord. Dubbelklik op deze
    cel om te typen._' (nbgrader's ClearSolutions.text_stub replaces a solution cell on release, and
    grading/nbgrader_config.py still named the 0.1 text), so the line that may stay and does not count was never
    shown. The stub is the course's placeholder."""
    from course import messages as msg

    released = json.loads((REPO / "notebooks" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    reflections = [
        "".join(cell["source"])
        for cell in released["cells"]
        if cell["cell_type"] == "markdown" and cell["metadata"].get("nbgrader", {}).get("solution")
    ]
    assert reflections and all(text == msg.REFLECTION_PLACEHOLDER for text in reflections), reflections
    # seventh walk: in edit mode the learner read the underscores of '_…_'; the line has no Markdown marks
    assert not set("_*`#>[]<") & set(msg.REFLECTION_PLACEHOLDER), msg.REFLECTION_PLACEHOLDER
