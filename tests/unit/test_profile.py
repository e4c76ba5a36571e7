"""The course profile of lesson 06 (course/figures/profile.py): read from the learner's own answer files in
sibling lesson folders, never changing them, and never judging graded items."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields

import pytest
from conftest import LESSON_02, REPO

from course.content import lesson_ids, load_lesson
from course.figures import profile
from course.learner.lesson import Lesson

HERE = "06_tot_slot_en_nu"
LESSON_05 = "05_praktijkvoorbeeld"


def write_answers(root, lesson_id, answers):
    folder = root / lesson_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "antwoorden.json").write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")
    return folder


@pytest.fixture
def course_dir(tmp_path):
    """A learner's course folder: one folder per lesson, as nbgrader fetches them; 06 is where we run."""
    for lid in lesson_ids():
        (tmp_path / lid).mkdir()
    return tmp_path


def row_of(rows, lesson_id):
    return next(r for r in rows if r.lesson == lesson_id)


PARTLY_02 = {
    "oefen_samen": "b",  # practice, right
    "oefen_deur": "a",  # practice, answered but wrong
    "oefen_rol_of_wie": {"bedtijd": "rol"},  # practice, only partly placed: not answered
    "toets_opvoederschap": "a",  # graded, answered (wrong: must not matter)
    "toets_samen": "d",  # graded, answered
    "toets_rol_of_wie": {"kees": "wie"},  # graded, partly: not answered
}


def test_a_partly_answered_lesson_gets_the_right_counts(course_dir):
    write_answers(course_dir, LESSON_02, PARTLY_02)
    rows = profile.course_profile(course_dir / HERE, HERE)
    row = row_of(rows, LESSON_02)
    graded = [
        i for i in load_lesson(LESSON_02)["items"].values() if i["mode"] == "graded" and i["type"] != "reflection"
    ]
    assert (row.practice_total, row.practice_answered, row.practice_right) == (3, 2, 1)
    assert (row.toets_total, row.toets_answered) == (len(graded), 2)
    assert row.title == load_lesson(LESSON_02)["title"] and row.problem is None
    assert "00_start" not in [r.lesson for r in rows] and HERE in [r.lesson for r in rows]
    text = profile.ProfileBlock(course_dir / HERE, HERE).text()
    assert f"02 · {row.title} | 2 van 3 (67 %) | 1 van 3 (33 %) | 2 van {len(graded)} (" in text
    assert "Je hebt nog geen antwoorden in les" in text and "02" not in text.splitlines()[0]


def test_the_lesson_itself_is_read_from_its_own_folder(tmp_path):
    own = write_answers(tmp_path, "les6-kopie", {"t_oefen_aanwezig": "b", "t_toets_moed": "a"})
    row = row_of(profile.course_profile(own, HERE), HERE)
    assert (row.practice_answered, row.practice_right, row.toets_answered) == (1, 1, 1)


def test_a_corrupt_file_is_reported_in_dutch_and_left_as_it_is(course_dir):
    broken = course_dir / LESSON_05 / "antwoorden.json"
    broken.write_bytes(b'{"format": 1, "answers": {"toets_stilte": "b"')
    write_answers(course_dir, LESSON_02, PARTLY_02)
    before = sorted(p.name for p in broken.parent.iterdir())
    block = profile.ProfileBlock(course_dir / HERE, HERE)
    text, page = block.text(), block.html()
    assert broken.read_bytes() == b'{"format": 1, "answers": {"toets_stilte": "b"'
    assert sorted(p.name for p in broken.parent.iterdir()) == before  # nothing set aside or added
    row = row_of(profile.course_profile(course_dir / HERE, HERE), LESSON_05)
    assert row.problem and "les 05" in row.problem and "beschadigd" in row.problem
    assert (row.practice_answered, row.toets_answered) == (0, 0)
    assert row.problem in text and 'role="alert"' in page
    assert row_of(profile.course_profile(course_dir / HERE, HERE), LESSON_02).practice_answered == 2


def test_no_answers_anywhere_gives_an_empty_profile_with_a_dutch_message(course_dir, tmp_path):
    for folder in (course_dir / HERE, tmp_path / "los" / "ergens"):  # also without sibling folders
        block = profile.ProfileBlock(folder, HERE)
        text, page = block.text(), block.html()
        assert text.startswith("Je hebt nog geen antwoorden in les 0") and "Maak eerst" in text
        assert "<img" not in page and "<table>" in page and "0 van " in page
    rows = profile.course_profile(course_dir / HERE, HERE)
    assert rows and not any(r.answered for r in rows)


def test_the_block_is_registered_and_built_for_the_lesson_folder(course_dir):
    write_answers(course_dir, LESSON_02, PARTLY_02)
    lesson = Lesson(HERE, course_dir / HERE)
    block = lesson.block("profiel")
    assert isinstance(block, profile.ProfileBlock)
    assert "application/vnd.jupyter.widget-view+json" in block.bundle(live=True)
    page = block.page.value
    assert page.count("<img") == 1 and "Oefenvragen goed" in page and "2 van 3 (67 %)" in page
    assert block.bundle(live=False)["text/html"] == page  # while graded: the same, as static HTML


def test_the_profile_is_read_again_with_a_click(course_dir):
    """Issue 24, fourth walk: to rerun the profile cell a learner clicked its grey bar and Python code unfolded.
    A button reads the answers again."""
    lesson = Lesson(HERE, course_dir / HERE)
    block = lesson.block("profiel")
    block.bundle(live=True)
    assert "2 van 3" not in block.page.value
    write_answers(course_dir, LESSON_02, PARTLY_02)
    block.refresh_button.click()
    assert "2 van 3 (67 %)" in block.page.value
    # ninth walk: "nog geen antwoorden in les 06" after answering there; the line says how to see new answers
    from course import messages as msg

    assert msg.PROFILE_REFRESH in msg.PROFILE_SOME_EMPTY and block.refresh_button.description == msg.PROFILE_REFRESH


def test_the_figure_has_one_bar_group_per_lesson_and_a_generated_alt_text(course_dir):
    write_answers(course_dir, LESSON_02, PARTLY_02)
    rows = profile.course_profile(course_dir / HERE, HERE)
    fig = profile.draw_profile(rows)
    try:
        ax = fig.axes[0]
        assert len(ax.patches) == 3 * len(rows)
        assert [t.get_text() for t in ax.get_yticklabels()] == [r.label for r in rows]
        legend = fig.legends[0] if fig.legends else ax.get_legend()
        assert [t.get_text() for t in legend.get_texts()] == list(profile.HEAD[1:])
        widths = sorted(round(p.get_width()) for p in ax.patches)
        assert widths[-3:] == [29, 33, 67]  # 2 of 7 toets, 1 of 3 right, 2 of 3 answered (lesson 02)
        assert len({p.get_facecolor() for p in ax.patches}) == 3
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
    alt = profile.alt_text(rows)
    assert "2 van 3 (67 %)" in alt and "1 van 3 (33 %)" in alt and alt.count("Les ") == len(rows)


def test_no_graded_key_is_read_and_graded_correctness_is_not_reported(course_dir):
    source = (REPO / "course" / "figures" / "profile.py").read_text(encoding="utf-8")
    assert "keys" not in source.replace("formative_key", "")
    assert {f.name for f in fields(profile.LessonProfile)} == {
        "lesson",
        "title",
        "practice_total",
        "practice_answered",
        "practice_right",
        "toets_total",
        "toets_answered",
        "problem",
    }
    key = {"toets_opvoederschap": "b", "toets_ouderschap": "a", "toets_anderen": "a"}  # right
    write_answers(course_dir, LESSON_02, key)
    right = profile.ProfileBlock(course_dir / HERE, HERE).text()
    write_answers(course_dir, LESSON_02, {item: "c" for item in key})  # all wrong
    assert profile.ProfileBlock(course_dir / HERE, HERE).text() == right
    code = (
        "import sys; from course.figures.profile import ProfileBlock; "
        f"b = ProfileBlock({str(course_dir / HERE)!r}, {HERE!r}); b.text(); b.html(); "
        "print('course.keys' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"
