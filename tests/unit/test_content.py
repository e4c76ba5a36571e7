"""Content data files: schema validation with clear errors, no key in graded items, concept map.

Schema checks run here and in the lesson generator (course.schemas), not at kernel start."""

from __future__ import annotations

import copy
import re
import subprocess
import sys

import pytest
import yaml
from conftest import LESSON_02

from course import content, schemas
from course.content import ContentError, lesson_ids, load_concepts, load_lesson, read_yaml


def checked(lesson_id, path):
    """Validate as the generator does (schema, then the loader's own checks)."""
    schemas.validate_lesson(lesson_id, path)
    return load_lesson(lesson_id, path)


def write_lesson(tmp_path, data):
    path = tmp_path / f"{data['lesson']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def raw02():
    return yaml.safe_load(content.lesson_path(LESSON_02).read_text(encoding="utf-8"))


def test_every_lesson_file_loads():
    assert LESSON_02 in lesson_ids()
    for lid in lesson_ids():
        assert load_lesson(lid)["items"]


def test_lesson_02_has_the_promised_shape():
    lesson = load_lesson(LESSON_02)
    assert lesson["concepts"] == ["A1", "A2", "A3", "A4", "A5"]
    graded = [i for i in lesson["items"].values() if i["mode"] == "graded"]
    assert len(graded) >= 5
    assert {i["type"] for i in lesson["items"].values()} == {"choice", "categorise", "reflection"}
    assert {i["mode"] for i in lesson["items"].values()} == {"formative", "graded"}


def test_graded_items_carry_no_answer_key_in_the_data():
    for lid in lesson_ids():
        for item in load_lesson(lid)["items"].values():
            if item["mode"] == "graded":
                for entry in item.get("options", []) + item.get("statements", []):
                    assert set(entry) <= {"id", "text"}, (lid, item["id"], entry)


def test_schema_refuses_a_key_on_a_graded_item(tmp_path, raw02):
    data = copy.deepcopy(raw02)
    graded = next(i for i in data["items"] if i["mode"] == "graded" and i["type"] == "choice")
    graded["options"][0]["correct"] = True
    path = write_lesson(tmp_path, data)
    with pytest.raises(ContentError) as err:
        checked(LESSON_02, path)
    idx = data["items"].index(graded)
    assert str(path) in str(err.value) and f"items[{idx}].options[0]" in str(err.value)


@pytest.mark.parametrize(
    "break_it, expect",
    [
        (lambda d: d["items"][0].pop("prompt"), r"items\[0\]: 'prompt' is a required property"),
        (lambda d: d["items"][0].update(type="essay"), r"items\[0\]\.type: 'essay' is not one of"),
        (lambda d: d["items"][0]["options"][1].pop("feedback"), r"items\[0\]\.options\[1\]: 'feedback' is a required"),
        (lambda d: d["items"][1].update(id="Bad Id"), r"items\[1\]\.id: 'Bad Id' does not match"),
        (lambda d: d.update(concepts=["Z9"]), r"concepts: unknown concept id 'Z9'"),
        (lambda d: d["items"].append(copy.deepcopy(d["items"][0])), r"duplicate item id"),
        (lambda d: d["items"][1]["statements"][0].update(answer="nope"), r"answer 'nope' is not one of the categories"),
        (lambda d: [o.pop("correct", None) for o in d["items"][0]["options"]], r"needs an option with correct: true"),
        (
            lambda d: d["items"][0]["options"].append(copy.deepcopy(d["items"][0]["options"][0])),
            r"options: duplicate id",
        ),
        (lambda d: d["items"][3].pop("points"), r"'points' is a required property"),
    ],
    ids=[
        "no-prompt",
        "bad-type",
        "no-feedback",
        "bad-id",
        "unknown-concept",
        "dup-item",
        "answer-not-a-category",
        "no-correct-option",
        "dup-option",
        "graded-without-points",
    ],
)
def test_invalid_content_gets_an_error_naming_file_and_field(tmp_path, raw02, break_it, expect):
    data = copy.deepcopy(raw02)
    break_it(data)
    path = write_lesson(tmp_path, data)
    with pytest.raises(ContentError, match=expect) as err:
        checked(LESSON_02, path)
    assert str(err.value).startswith(str(path))


def test_wrong_lesson_id_and_bad_yaml(tmp_path, raw02):
    path = write_lesson(tmp_path, raw02)
    with pytest.raises(ContentError, match="expected '03_x'"):
        load_lesson("03_x", path)
    path.write_text("lesson: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_lesson(LESSON_02, path)
    with pytest.raises(ContentError, match="file not found"):
        load_lesson("99_missing")


def test_concept_map_has_every_seed_concept():
    seed_ids = "A1 A2 A3 A4 A5 A6 H1 H2 H3 H4 P1 T1 O1 O2 O3 O4 O5 O6 O7 O8".split()
    concepts = load_concepts()
    assert sorted(concepts) == sorted(seed_ids)
    for lid in lesson_ids():
        for cid in load_lesson(lid)["concepts"]:
            assert concepts[cid]["lesson"] == lid, f"{cid} is taught in {concepts[cid]['lesson']}, not {lid}"


def test_every_data_file_passes_its_schema_and_item_ids_are_unique_across_the_course():
    checked_files = schemas.check_all()
    assert "concepts.yaml" in checked_files and f"lessons/{LESSON_02}.yaml" in checked_files
    ids = [i for lid in lesson_ids() for i in load_lesson(lid)["items"]]
    assert len(ids) == len(set(ids))


def test_a_kernel_start_imports_no_schema_validator_widgets_or_plots():
    code = (
        f"import sys, course; course.load_lesson('{LESSON_02}'); "
        "print(sorted(m for m in ('jsonschema', 'ipywidgets', 'matplotlib', 'nbgrader') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_each_data_file_is_parsed_once_while_unchanged(tmp_path, raw02):
    path = write_lesson(tmp_path, raw02)
    assert load_lesson(LESSON_02, path) is load_lesson(LESSON_02, path)
    raw02["title"] = "Nieuwe titel"
    import os

    path.write_text(yaml.safe_dump(raw02, allow_unicode=True), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, as an editor's save gives
    assert load_lesson(LESSON_02, path)["title"] == "Nieuwe titel"


def test_learner_text_quotes_are_marked_and_short():
    """Quotes from the seeds in lesson data are in <i>'...'</i> and at most 25 words."""
    text = content.lesson_path(LESSON_02).read_text(encoding="utf-8")
    for quote in re.findall(r"<i>'(.*?)'</i>", text):
        assert len(quote.split()) <= 25


def graded_comments(text: str) -> list[str]:
    """The comment lines of a lesson's data that sit among its graded items (between any two graded items,
    or from a graded item to the next formative one), section headers (# --- ...) left out."""
    import re

    out, graded = [], False
    for line in text.splitlines():
        mode = re.match(r"\s+mode:\s*(\w+)", line)
        if mode:
            graded = mode[1] == "graded"
        elif re.match(r"\s+- id:", line):
            pass  # a new item: its mode follows
        elif graded and line.lstrip().startswith("#") and not line.lstrip().startswith("# ---"):
            out.append(line.strip())
    return out


def test_the_data_that_ships_to_learners_says_nothing_about_what_decides_a_toets_answer():
    """Fidelity reading 23 (observation): comments in the lesson data explained what decides each toets
    answer ('bewustzijn = ... not verbinding'), and that file ships to learners (a hub learner can read the
    installed package). Those notes live beside the keys, in grading/keys/."""
    from course.content import DATA_DIR

    for lid in lesson_ids():
        text = (DATA_DIR / "lessons" / f"{lid}.yaml").read_text(encoding="utf-8")
        # the section of graded items: from the toets header to the reflection header
        toets = text.split("# --- Toets", 1)[1].split("# --- Reflecti", 1)[0] if "# --- Toets" in text else ""
        notes = [line.strip() for line in toets.splitlines()[1:] if line.lstrip().startswith("#")]
        assert not notes, f"{lid}: notes among the toets items (move them to grading/keys/{lid}.yaml): {notes[:2]}"
        assert not graded_comments(text), (lid, graded_comments(text)[:2])


def test_a_key_given_twice_in_a_data_file_is_an_error(tmp_path):
    """Eleventh session: course/data/jupyterlab_nl/cursus.yaml gave "File Browser" twice ("Bestandsbrowser", then
    "Bestanden") and "Shut Down All" twice; YAML keeps the last without a word, so a translation, a quiz option or a
    rule can vanish unseen. Every data file is read with a loader that refuses a second key, naming file and line."""
    path = tmp_path / "twice.yaml"
    path.write_text('"File Browser": "Bestandsbrowser"\nander: 1\n"File Browser": "Bestanden"\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"(?s)twice\.yaml.*'File Browser' is given twice.*line 3"):
        read_yaml(path)
    nested = tmp_path / "nested.yaml"
    nested.write_text("items:\n  a: {label: x, label: y}\n", encoding="utf-8")
    with pytest.raises(ContentError, match="'label'"):
        read_yaml(nested)
    fine = tmp_path / "fine.yaml"
    fine.write_text("a: {label: x}\nb: {label: x}\n", encoding="utf-8")
    assert read_yaml(fine) == {"a": {"label": "x"}, "b": {"label": "x"}}
