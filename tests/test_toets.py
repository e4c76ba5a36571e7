"""Grade-cell helpers: Dutch status lines, scoring and partial credit."""

from __future__ import annotations

import pytest

from course import toets
from course.content import find_item
from course.store import AnswerStore

CAT_KEY = {"aankleden": "rol", "liefde": "wie", "opa": "rol", "schaamte": "wie", "schermtijd": "rol", "hoop": "wie"}


def test_status_prints_once_and_returns_nothing(tmp_path, capsys):
    assert toets.status("toets_opvoederschap", tmp_path) is None  # no second copy as cell result
    out = capsys.readouterr()
    assert out.out.count("nog niet beantwoord") == 1 and out.err == ""


def test_status_unanswered_partial_answered(tmp_path, capsys):
    assert "nog niet beantwoord" in toets.status_text("toets_opvoederschap", tmp_path)
    store = AnswerStore.in_folder(tmp_path)
    store.set("toets_rol_of_wie", {"liefde": "wie"})
    assert "1 van 6" in toets.status_text("toets_rol_of_wie", tmp_path)
    store.set("toets_opvoederschap", "a")
    line = toets.status_text("toets_opvoederschap", tmp_path)
    assert "Toetsvraag 1 is beantwoord" in line


def test_status_shows_a_corrupt_store_notice(tmp_path):
    (tmp_path / "antwoorden.json").write_text("{kapot", encoding="utf-8")
    text = toets.status_text("toets_opvoederschap", tmp_path)
    assert "beschadigd" in text and "nog niet beantwoord" in text


def test_score_choice(tmp_path, capsys):
    assert toets.score("toets_opvoederschap", "b", tmp_path) == 0.0
    AnswerStore.in_folder(tmp_path).set("toets_opvoederschap", "b")
    assert toets.score("toets_opvoederschap", "b", tmp_path) == 1.0
    assert toets.score("toets_opvoederschap", "c", tmp_path) == 0.0
    out = capsys.readouterr()
    assert "niet beantwoord" in out.out and "1 van 1 punten" in out.out and out.err == ""


@pytest.mark.parametrize("right", range(7))
def test_score_categorise_gives_half_a_point_per_statement(tmp_path, right):
    answer = {sid: (cat if n < right else ("wie" if cat == "rol" else "rol")) for n, (sid, cat) in enumerate(CAT_KEY.items())}
    AnswerStore.in_folder(tmp_path).set("toets_rol_of_wie", answer)
    assert toets.score("toets_rol_of_wie", CAT_KEY, tmp_path) == right * 0.5


def test_score_refuses_a_broken_key_or_a_formative_item(tmp_path):
    with pytest.raises(ValueError, match="not one of the options"):
        toets.score("toets_opvoederschap", "z", tmp_path)
    with pytest.raises(ValueError, match="must map every statement"):
        toets.score("toets_rol_of_wie", {"liefde": "wie"}, tmp_path)
    with pytest.raises(ValueError, match="formative"):
        toets.score("oefen_deur", "c", tmp_path)


def test_while_grading_status_gives_no_instructions(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert toets.status_text("toets_opvoederschap", tmp_path) == ""
    toets.status("toets_opvoederschap", tmp_path)
    assert capsys.readouterr().out == ""


def test_points_for_handles_odd_answers():
    _, item = find_item("toets_rol_of_wie")
    assert toets.points_for(item, "not a dict", CAT_KEY) == 0.0
    assert toets.points_for(item, None, CAT_KEY) == 0.0
