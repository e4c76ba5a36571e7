"""The module frame: the cijfer conversion, checked weights, study times that match the lessons, and
docs/module.md (the lecturers' guide to the module) showing the same frame as the data."""

from __future__ import annotations

import re

import pytest

from course.content import LESSON_DIR, ContentError, lesson_ids
from course.lecturer import cijfers, module

ROOT = LESSON_DIR.parents[2]


@pytest.mark.parametrize(
    "percent, expected",
    [
        (0, 1.0),
        (55, 5.5),
        (100, 10.0),
        (27.5, 3.3),
        (77.5, 7.8),
        (54.9, 5.5),
        (54.0, 5.4),
    ],
)
def test_cijfer_meets_the_cesuur(percent, expected):
    assert module.cijfer(percent, 55) == expected


def test_cijfer_rounds_half_up_and_refuses_impossible_scores():
    # 1 + 4.5 * 9.9 / 55 = 1.81 -> 1.8; 5.5 + 4.5 * 1 / 45 = 5.6 exactly
    assert module.cijfer(9.9, 55) == 1.8 and module.cijfer(56, 55) == 5.6
    assert module.cijfer(50, 50) == 5.5 and module.cijfer(25, 50) == 3.3  # 3.25 rounds up
    with pytest.raises(ValueError):
        module.cijfer(101, 55)


def test_module_lists_every_lesson_and_weights_add_up():
    data = module.load_module()
    assert [e["id"] for e in data["lessons"]] == lesson_ids()
    assert sum(e["weight"][p] for e in data["lessons"] for p in module.PARTS) == 100
    assert all(len(e["note"].split()) >= 25 for e in data["lessons"]), "every lesson has a lecturer note"


def test_bad_weights_are_refused(monkeypatch):
    data = module.read_yaml(module.DATA_DIR / "module.yaml")
    bad = {**data, "lessons": [dict(e, weight={"toets": 50, "reflectie": 0}) for e in data["lessons"]]}
    monkeypatch.setattr(module, "read_yaml", lambda path: bad)
    with pytest.raises(ContentError, match="weights add up to 350, not 100"):
        module.load_module()


def test_study_times_match_the_lessons():
    for entry in module.load_module()["lessons"]:
        prose = (LESSON_DIR / f"{entry['id']}.md").read_text(encoding="utf-8")
        said = re.search(r"\*\*Studietijd:\*\* ongeveer (\d+) minuten", prose)
        assert said and int(said[1]) == entry["study_minutes"], entry["id"]


def test_the_docs_show_the_module_frame():
    doc = " ".join((ROOT / "docs" / "module.md").read_text(encoding="utf-8").split())
    for line in module.markdown().splitlines():
        assert " ".join(line.split()) in doc, (
            f"docs/module.md lacks (run python -m course.lecturer.module): {line[:80]}"
        )


def test_cijfers_without_a_gradebook_says_so_in_dutch(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cijfers.main([]) == 2
    assert "geen cijferboek gevonden" in capsys.readouterr().err
