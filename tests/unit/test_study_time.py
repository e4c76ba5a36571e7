"""Issue 24: the study time a lesson states matches what it asks of a learner (within 15 %), and the
estimate matches every lesson a learner timed (within 15 %)."""

from __future__ import annotations

import copy

import pytest

from course.authoring import study_time
from course.content import DATA_DIR, lesson_ids, load_lesson, read_yaml

RATES = study_time.rates()


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_the_lesson_and_the_module_state_the_estimate(lesson_id):
    estimate = study_time.estimate(lesson_id).total
    said = study_time.stated(lesson_id)
    assert said is not None, f"{lesson_id} states no Studietijd"
    assert abs(said - estimate) <= RATES["tolerance"] * estimate, (lesson_id, said, round(estimate, 1))
    module = {e["id"]: e["study_minutes"] for e in read_yaml(DATA_DIR / "module.yaml")["lessons"]}
    assert module[lesson_id] == said


def _walked_minutes() -> dict[str, float]:
    """Each walked lesson's mean time over its walks."""
    by_lesson: dict[str, list[float]] = {}
    for walk in RATES["walks"]:
        by_lesson.setdefault(walk["lesson"], []).append(walk["minutes"])
    return {lid: sum(times) / len(times) for lid, times in by_lesson.items()}


def test_every_lesson_was_walked_with_a_clock():
    assert set(_walked_minutes()) == set(lesson_ids())


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_the_estimate_and_the_stated_time_match_the_walks(lesson_id):
    walked = _walked_minutes()[lesson_id]
    estimate = study_time.estimate(lesson_id).total
    said = study_time.stated(lesson_id)
    assert abs(estimate - walked) <= RATES["tolerance"] * walked, (lesson_id, round(estimate, 1), walked)
    assert said is not None and abs(said - walked) <= RATES["tolerance"] * walked, (lesson_id, said, walked)


def test_more_to_read_answer_or_write_takes_longer(monkeypatch):
    lid = "05_praktijkvoorbeeld"
    base = study_time.estimate(lid)
    lesson = copy.deepcopy(load_lesson(lid))
    reflection = next(i for i in lesson["items"].values() if i["type"] == "reflection")
    reflection["words"] = [w * 2 for w in reflection["words"]]
    extra = copy.deepcopy(next(i for i in lesson["items"].values() if i["type"] == "choice"))
    extra["id"] = "extra"
    lesson["items"]["extra"] = extra
    monkeypatch.setattr(study_time, "load_lesson", lambda _lid: lesson)
    longer = study_time.estimate(lid)
    assert (
        longer.writing == 2 * base.writing
        and longer.exercises == base.exercises + RATES["minutes_per_exercise"]["choice"]
    )
    assert longer.reading > base.reading


def test_the_printout_runs(capsys):
    assert study_time.main() == 0
    out = capsys.readouterr().out
    assert all(lid in out for lid in lesson_ids())


def test_the_learners_guide_states_the_same_study_times():
    import re

    from conftest import REPO

    guide = (REPO / "docs" / "leerling.md").read_text(encoding="utf-8")
    for lid in lesson_ids():
        row = re.search(rf"^\| {lid[:2]} \|.*\| (\d+) min \|$", guide, re.MULTILINE)
        assert row and int(row[1]) == study_time.stated(lid), lid
