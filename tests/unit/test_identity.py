"""Name and student number, given once in lesson 00, travel in every lesson's answer file."""

from __future__ import annotations

import json

import pytest

from course import identity
from course.content import load_lesson
from course.learner.widgets.identity import IdentityBlock
from course.learner.widgets.selfcheck import SelfCheck
from course.store import AnswerStore


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv(identity.HOME_ENV, str(tmp_path / "home"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return tmp_path / "home"


@pytest.mark.parametrize(
    "name, number, kept",
    [
        ("  Zoë   de Vries ", "1234567", {"naam": "Zoë de Vries", "nummer": "1234567"}),
        ("Jan Jansen", "s 123 4567", {"naam": "Jan Jansen", "nummer": "s1234567"}),
        ("Ayşe Yılmaz", "500812345", {"naam": "Ayşe Yılmaz", "nummer": "500812345"}),
    ],
)
def test_a_name_and_number_are_kept_cleaned_up(name, number, kept):
    assert identity.check(name, number) == kept


@pytest.mark.parametrize(
    "name, number, why",
    [
        ("", "1234567", "Vul je naam in"),
        ("12", "1234567", "Vul je naam in"),
        ("Jan\x1b[31m", "1234567", "vreemde tekens"),
        ("J" * 81, "1234567", "te lang"),
        ("Jan", "", "^Vul je studentnummer in"),  # fourteenth walk: was "'' lijkt geen studentnummer"
        ("Jan", "   ", "^Vul je studentnummer in"),
        ("Jan", "123", "lijkt geen studentnummer"),
        ("Jan", "<script>1234</script>", "lijkt geen studentnummer"),
        ("Jan", "12345678901234", "lijkt geen"),
    ],
)
def test_what_cannot_be_a_name_or_number_is_refused_in_dutch(name, number, why):
    with pytest.raises(ValueError, match=why):
        identity.check(name, number)


def test_the_block_saves_changes_and_says_so(tmp_path, home):
    store = AnswerStore.in_folder(tmp_path)
    block = IdentityBlock(store)
    assert "Vul je naam en je studentnummer in" in block.message.value
    block.name.value, block.number.value = "Jan", "abc"
    assert block.save() is False and "Niet bewaard." in block.message.value and identity.load() is None
    block.number.value = "s1234567"
    assert block.save() is True
    assert "Bewaard: Jan, studentnummer s1234567." in block.message.value
    assert json.loads((home / "student.json").read_text(encoding="utf-8")) == {"naam": "Jan", "nummer": "s1234567"}
    # stamped into this lesson's answer file at once, even before any answer
    assert json.loads((tmp_path / "antwoorden.json").read_text(encoding="utf-8"))["student"]["nummer"] == "s1234567"
    # changeable: a new block shows what was kept, a new save replaces it
    again = IdentityBlock(store)
    assert (again.name.value, again.number.value) == ("Jan", "s1234567")
    again.name.value = "Jan Jansen"
    assert again.save() is True and identity.load() == {"naam": "Jan Jansen", "nummer": "s1234567"}


def test_every_lesson_file_carries_the_identity_on_its_next_save_and_at_the_self_check(tmp_path):
    lesson = tmp_path / "01_waarom_ouders"
    lesson.mkdir()
    store = AnswerStore.in_folder(lesson)
    store.set("w_oefen_x", "a")
    assert "student" not in json.loads((lesson / "antwoorden.json").read_text(encoding="utf-8"))
    identity.save("Ada Lovelace", "1815")
    SelfCheck(load_lesson("01_waarom_ouders"), store).run()
    data = json.loads((lesson / "antwoorden.json").read_text(encoding="utf-8"))
    assert data["student"] == {"naam": "Ada Lovelace", "nummer": "1815"} and data["answers"] == {"w_oefen_x": "a"}
    assert identity.from_answers(data) == {"naam": "Ada Lovelace", "nummer": "1815"}


def test_while_grading_nothing_is_written_and_no_one_is_named(tmp_path, monkeypatch):
    identity.save("Docent Zelf", "99999")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    store = AnswerStore.in_folder(tmp_path)
    block = IdentityBlock(store)
    assert "Docent" not in block.text() and block.name.value == ""
    store.stamp_identity()
    assert not (tmp_path / "antwoorden.json").exists()


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"student": "Jan"},
        {"student": {"naam": "Jan", "nummer": "x"}},
        {"student": {"naam": "<b>", "nummer": "1234567"}},
    ],
)
def test_an_answer_file_without_a_valid_identity_gives_none(data):
    assert identity.from_answers(data) is None
