"""A reflection's rubric is data (lesson YAML): checked, shown in the prose, scored the Dutch way."""

import copy

import pytest

from course import rubric
from course.authoring.generate import _fill
from course.content import ContentError, graded_items, lesson_ids, load_lesson


def reflections():
    return [(lid, item) for lid in lesson_ids() for item in graded_items(load_lesson(lid), auto=False)]


def test_every_graded_reflection_has_a_rubric_worth_its_points():
    found = reflections()
    assert len(found) == 7
    for lid, item in found:
        r = rubric.rubric_of(lid, item["id"])
        assert r["levels"][-1] * len(r["criteria"]) == item["points"], (lid, item["id"])


def test_the_check_refuses_a_rubric_that_does_not_add_up():
    lesson = copy.deepcopy(load_lesson("02_ouderschap_en_opvoederschap"))
    rubric.check(lesson, "02")
    broken = copy.deepcopy(lesson)
    broken["items"]["reflectie"]["rubric"]["criteria"].pop()
    with pytest.raises(ContentError, match="at most 2 points"):
        rubric.check(broken, "02")
    broken = copy.deepcopy(lesson)
    broken["items"]["reflectie"]["rubric"]["criteria"][0]["levels"].pop()
    with pytest.raises(ContentError, match="describes 2 levels"):
        rubric.check(broken, "02")
    broken = copy.deepcopy(lesson)
    broken["items"]["reflectie"]["rubric"]["levels"] = [1, 0.5, 0]
    with pytest.raises(ContentError, match="must rise"):
        rubric.check(broken, "02")


def test_the_prose_shows_the_rubric_from_the_data():
    lesson = load_lesson("03_de_ouder_achter_het_gedrag")
    text = _fill("{{rubric: g_reflectie}}", lesson, "test")
    lines = text.splitlines()
    assert lines[0] == "| Criterium | 0 punten | 0,5 punt | 1 punt |"
    assert len(lines) == 2 + 4
    assert lines[2].startswith("| **Situatie en eigen reactie** | Geen situatie")
    with pytest.raises(ContentError, match="unknown placeholder"):
        _fill("{{rubric: toets_samen}}", load_lesson("02_ouderschap_en_opvoederschap"), "test")


def test_total_needs_a_level_for_every_criterion():
    r = rubric.rubric_of("02_ouderschap_en_opvoederschap", "reflectie")
    assert rubric.total(r, [2, 1, 0]) == 1.5
    assert rubric.total(r, [2, 2, 2]) == 3.0
    assert rubric.total(r, [2, None, 0]) is None
    assert rubric.total(r, [2, 1]) is None


@pytest.mark.parametrize(
    "typed, value", [("1,5", 1.5), ("1.5", 1.5), (" 2 ", 2.0), ("0", 0.0), ("3", 3.0), ("0,25", 0.25)]
)
def test_a_score_is_read_as_a_dutch_lecturer_types_it(typed, value):
    assert rubric.parse_points(typed, 3) == value


@pytest.mark.parametrize(
    "typed, message",
    [
        ("3,5", "hoogstens 3 punten"),
        ("-1", "geen getal"),
        ("anderhalf", "geen getal"),
        ("", "geen getal"),
        ("1,5,0", "geen getal"),
        ("1e3", "geen getal"),
    ],
)
def test_a_score_outside_the_range_or_not_a_number_is_refused_in_dutch(typed, message):
    with pytest.raises(ValueError, match=message):
        rubric.parse_points(typed, 3)


def test_the_chosen_levels_travel_in_nbgraders_comment_and_come_back():
    r = rubric.rubric_of("02_ouderschap_en_opvoederschap", "reflectie")
    text = rubric.comment_text(r, [2, 1, None], "Mooi voorbeeld.\n— Rubric — in je tekst is geen probleem")
    assert text.splitlines()[-3:] == ["- Situatie: 1 punt", "- Begrippen: 0,5 punt", "- Eigen aanpak: -"]
    assert rubric.read_comment(r, text) == ([2, 1, None], "Mooi voorbeeld.\n— Rubric — in je tekst is geen probleem")
    assert rubric.read_comment(r, rubric.comment_text(r, [0, 0, 2], "")) == ([0, 0, 2], "")
    # typed in the formgrader: all remark, nothing chosen
    assert rubric.read_comment(r, "Goed gedaan") == ([None, None, None], "Goed gedaan")
    assert rubric.read_comment(r, None) == ([None, None, None], "")
