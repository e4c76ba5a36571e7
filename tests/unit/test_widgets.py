"""Exercise widgets driven through their Python API, in both modes, with restore after restart."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import LESSON_02

from course import messages as msg
from course.content import load_lesson
from course.learner.widgets import CategoriseExercise, ChoiceExercise, make_exercise
from course.store import STORE_NAME, AnswerStore

ITEMS = load_lesson(LESSON_02)["items"]
CHOICE = ITEMS["oefen_deur"]  # formative, with key and feedback
CATEGORISE = ITEMS["oefen_rol_of_wie"]
GRADED_CHOICE = ITEMS["toets_opvoederschap"]  # graded, no key in data
GRADED_CATEGORISE = ITEMS["toets_rol_of_wie"]


def correct_option(item):
    return next(o for o in item["options"] if o.get("correct"))


def wrong_option(item):
    return next(o for o in item["options"] if not o.get("correct"))


def stored(tmp_path):
    return json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))["answers"]


# --- multiple choice -------------------------------------------------------------------------


def test_choice_formative_right_answer_gets_its_own_feedback(store):
    ex = ChoiceExercise(CHOICE, store)
    ex.radio.value = correct_option(CHOICE)["id"]
    ex.check_button.click()
    assert "Goed" in ex.feedback.value
    assert correct_option(CHOICE)["feedback"] in ex.feedback.value


def test_choice_formative_wrong_answer_then_retry(store):
    ex = ChoiceExercise(CHOICE, store)
    wrong = wrong_option(CHOICE)
    ex.choose(wrong["id"])
    ex.check_button.click()
    assert "Nog niet goed" in ex.feedback.value and "Probeer het nog eens" in ex.feedback.value
    assert wrong["feedback"] in ex.feedback.value
    ex.choose(correct_option(CHOICE)["id"])
    assert ex.feedback.text == ""  # old feedback is cleared as soon as the answer changes
    ex.check_button.click()
    assert "Goed" in ex.feedback.value and "Nog niet" not in ex.feedback.value


def test_choice_formative_check_without_answer_asks_to_choose(store):
    ex = ChoiceExercise(CHOICE, store)
    ex.check_button.click()
    assert ex.feedback.text == "Kies eerst een antwoord."


def test_choice_every_change_is_saved_in_both_modes(tmp_path, store):
    f = ChoiceExercise(CHOICE, store)
    g = ChoiceExercise(GRADED_CHOICE, store)
    f.choose("a")
    g.choose("c")
    assert stored(tmp_path) == {CHOICE["id"]: "a", GRADED_CHOICE["id"]: "c"}
    g.choose("d")
    assert stored(tmp_path)[GRADED_CHOICE["id"]] == "d"


def test_choice_graded_confirms_without_revealing_correctness(store):
    item = copy.deepcopy(CHOICE)  # has a key and feedback: graded mode must still hide them
    ex = ChoiceExercise(item, store, mode="graded")
    assert ex.check_button.disabled
    with pytest.raises(RuntimeError):
        ex.check()
    for option in item["options"]:
        ex.choose(option["id"])
        assert "opgeslagen" in ex.feedback.value
        assert "Goed" not in ex.feedback.value and "Nog niet" not in ex.feedback.value
        assert option["feedback"] not in ex.feedback.value


@pytest.mark.parametrize("item", [CHOICE, GRADED_CHOICE], ids=["formative", "graded"])
def test_choice_answer_is_restored_after_a_kernel_restart(tmp_path, item):
    ChoiceExercise(item, AnswerStore.in_folder(tmp_path)).choose("b")
    again = ChoiceExercise(item, AnswerStore.in_folder(tmp_path))
    assert again.radio.value == "b"
    assert again.answer == "b"
    # Restoring is not a change: no new save, no message; a graded item says it is answered.
    assert again.feedback.text == ("" if item["mode"] == "formative" else msg.LIVE_ANSWERED)


def test_choice_stored_answer_that_no_longer_fits_is_not_restored(tmp_path):
    AnswerStore.in_folder(tmp_path).set(CHOICE["id"], "zz")
    ex = ChoiceExercise(CHOICE, AnswerStore.in_folder(tmp_path))
    assert ex.radio.value is None
    assert "niet teruggezet" in ex.feedback.value
    assert stored(tmp_path)[CHOICE["id"]] == "zz"  # but nothing is thrown away


def test_choice_rejects_unknown_option_and_keyless_formative(store):
    ex = ChoiceExercise(CHOICE, store)
    with pytest.raises(ValueError, match="unknown option"):
        ex.choose("zz")
    with pytest.raises(ValueError, match="no answer key"):
        ChoiceExercise(GRADED_CHOICE, store, mode="formative")


# --- categorise ------------------------------------------------------------------------------


def test_categorise_formative_all_right(store):
    ex = CategoriseExercise(CATEGORISE, store)
    for s in CATEGORISE["statements"]:
        ex.choosers[s["id"]].value = s["answer"]
    ex.check_button.click()
    n = len(CATEGORISE["statements"])
    assert f"{n} van {n} goed" in ex.feedback.value
    assert "Probeer" not in ex.feedback.value


def test_categorise_formative_one_wrong_names_it_and_invites_retry(store):
    ex = CategoriseExercise(CATEGORISE, store)
    statements = CATEGORISE["statements"]
    for s in statements:
        ex.place(s["id"], s["answer"])
    first = statements[0]
    other = next(c["id"] for c in CATEGORISE["categories"] if c["id"] != first["answer"])
    ex.place(first["id"], other)
    ex.check_button.click()
    n = len(statements)
    assert f"{n - 1} van {n} goed" in ex.feedback.value and "Probeer het nog eens" in ex.feedback.value
    assert ex.feedback.value.count(msg.PLACED_WRONG) == 1 and ex.feedback.value.count(msg.PLACED_RIGHT) == n - 1


def test_categorise_formative_incomplete_asks_to_finish(store):
    ex = CategoriseExercise(CATEGORISE, store)
    ex.place(CATEGORISE["statements"][0]["id"], "rol")
    ex.check_button.click()
    assert "1 van 6" in ex.feedback.value and "Deel eerst alle uitspraken in" in ex.feedback.value


def test_categorise_graded_saves_progress_without_correctness(tmp_path, store):
    ex = CategoriseExercise(GRADED_CATEGORISE, store)
    ids = [s["id"] for s in GRADED_CATEGORISE["statements"]]
    ex.place(ids[0], "wie")
    assert "1 van 6" in ex.feedback.value and "opgeslagen" in ex.feedback.value.lower()
    for sid in ids[1:]:
        ex.place(sid, "rol")
    assert "Je antwoord is opgeslagen" in ex.feedback.value
    assert "goed" not in ex.feedback.value.lower().replace("opgeslagen", "")
    assert stored(tmp_path)[GRADED_CATEGORISE["id"]] == {ids[0]: "wie", **{sid: "rol" for sid in ids[1:]}}
    ex.place(ids[0], None)  # taking one back out is saved too
    assert ids[0] not in stored(tmp_path)[GRADED_CATEGORISE["id"]]


@pytest.mark.parametrize("item", [CATEGORISE, GRADED_CATEGORISE], ids=["formative", "graded"])
def test_categorise_restored_after_a_kernel_restart(tmp_path, item):
    first = CategoriseExercise(item, AnswerStore.in_folder(tmp_path))
    sids = [s["id"] for s in item["statements"]]
    first.place(sids[0], "rol")
    first.place(sids[1], "wie")
    again = CategoriseExercise(item, AnswerStore.in_folder(tmp_path))
    assert again.choosers[sids[0]].value == "rol"
    assert again.choosers[sids[1]].value == "wie"
    assert all(again.choosers[s].value is None for s in sids[2:])
    assert again.answer == {sids[0]: "rol", sids[1]: "wie"}


def test_categorise_rejects_bad_input(store):
    ex = CategoriseExercise(CATEGORISE, store)
    with pytest.raises(ValueError, match="unknown statement"):
        ex.place("zz", "rol")
    with pytest.raises(ValueError, match="unknown category"):
        ex.place(CATEGORISE["statements"][0]["id"], "zz")


# --- shared behaviour ------------------------------------------------------------------------


def test_save_failure_is_reported_in_dutch(tmp_path, monkeypatch):
    store = AnswerStore.in_folder(tmp_path)
    ex = ChoiceExercise(GRADED_CHOICE, store)

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "set", disk_full)
    ex.choose("a")
    assert "nog niet opgeslagen (de schijf is vol)" in ex.feedback.text  # the reason in Dutch, not the system's
    assert "No space" not in ex.feedback.text


def test_widgets_are_labelled_and_displayable(store):
    for item in ITEMS.values():
        if item["type"] == "reflection":
            continue  # a Markdown cell, not a widget
        ex = make_exercise(item, store)
        header = ex.widget.children[0].value
        assert item["label"] in header and item["prompt"] in header
        bundle = ex._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle


def test_make_exercise_refuses_unknown_type_and_mode(store):
    with pytest.raises(ValueError, match="unknown exercise type"):
        make_exercise({**CHOICE, "type": "essay"}, store)
    with pytest.raises(ValueError, match="mode"):
        make_exercise(CHOICE, store, mode="exam")


def test_summary_gives_the_answer_as_text(store):
    ex = ChoiceExercise(GRADED_CHOICE, store)
    assert "(niet beantwoord)" in ex.text()
    ex.choose("b")
    assert GRADED_CHOICE["options"][1]["text"] in ex.text()
    cat = CategoriseExercise(GRADED_CATEGORISE, store)
    first = GRADED_CATEGORISE["statements"][0]
    cat.place(first["id"], "wie")
    assert f"{first['text']} → Klopt niet met Koster\n" in cat.text() + "\n"


def test_a_graded_item_shows_its_status_live_in_the_same_place(store):
    """Finding: after answering, the learner saw "opgeslagen" and right below "nog niet beantwoord"
    (a status printed once by a separate cell). The status now lives in the widget itself."""
    ex = ChoiceExercise(GRADED_CHOICE, store)
    assert ex.feedback.text == msg.LIVE_EMPTY
    assert "niet beantwoord" in ex.text()
    ex.choose("a")
    assert "opgeslagen" in ex.feedback.value and "niet beantwoord" not in ex.feedback.value
    assert "niet beantwoord" not in ex.bundle()["text/plain"]
    ex.choose(None)
    assert ex.feedback.text == msg.LIVE_EMPTY


def test_a_partly_categorised_graded_item_says_how_far_it_is(store):
    graded = next(i for i in ITEMS.values() if i["mode"] == "graded" and i["type"] == "categorise")
    ex = CategoriseExercise(graded, store)
    first = graded["statements"][0]["id"]
    ex.place(first, graded["categories"][0]["id"])
    assert f"1 van {len(graded['statements'])}" in ex.feedback.value
    again = CategoriseExercise(graded, AnswerStore.in_folder(store.path.parent))
    assert again.feedback.text == msg.LIVE_PARTIAL.format(done=1, total=len(graded["statements"]))


def test_while_graded_a_block_is_shown_as_text_not_as_a_dead_widget(store):
    ex = ChoiceExercise(GRADED_CHOICE, store)
    frozen = ex.bundle(live=False)
    assert set(frozen) == {"text/plain", "text/html"} and "(niet beantwoord)" in frozen["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in ex.bundle(live=True)


def test_a_graded_answer_that_no_longer_fits_says_the_question_is_open_again(tmp_path):
    AnswerStore.in_folder(tmp_path).set(GRADED_CHOICE["id"], "zz")
    ex = ChoiceExercise(GRADED_CHOICE, AnswerStore.in_folder(tmp_path))
    assert "niet teruggezet" in ex.feedback.value and "Nog niet beantwoord" in ex.feedback.value


def test_categorise_feedback_follows_the_order_and_numbers_the_learner_sees(store, monkeypatch):
    """Issue 24, third walk: the statements are shuffled per learner, but the feedback listed them in the data's
    order, without numbers: a learner had to search which remark was about which statement."""
    import html
    import re

    monkeypatch.setenv("JUPYTERHUB_USER", "leerling-volgorde")
    ex = CategoriseExercise(CATEGORISE, store)
    assert [s["id"] for s in ex.shown] != [s["id"] for s in CATEGORISE["statements"]]  # the test can see a difference
    for s in CATEGORISE["statements"]:
        ex.place(s["id"], CATEGORISE["categories"][0]["id"])
    feedback = ex.check()
    places = [feedback.index(f"</b> {n}. {html.escape(s['text'].rstrip('.'))}:") for n, s in enumerate(ex.shown, 1)]
    assert places == sorted(places) and len(re.findall(r"</b> \d+\. ", feedback)) == len(ex.shown)
