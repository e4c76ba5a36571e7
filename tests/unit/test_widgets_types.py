"""The other exercise types (multi-select, match, order, open text), hints, shuffling and the
self-check, driven through their Python API in both modes, with restore after a restart."""

from __future__ import annotations

import copy
import html
import json
import re

import ipywidgets as widgets
import pytest
from conftest import REPO

from course import messages as msg
from course.content import lesson_ids, load_lesson
from course.learner.widgets import (
    MatchExercise,
    MultiSelectExercise,
    OpenTextExercise,
    OrderExercise,
    SelfCheck,
    make_exercise,
)
from course.learner.widgets.base import stable_order
from course.store import STORE_NAME, AnswerStore

START = load_lesson("00_start")["items"]
MULTI, MATCH, ORDER, TEXT = (
    START["start_meerkeuze"],
    START["start_koppelen"],
    START["start_volgorde"],
    START["start_eigen_zin"],
)


def stored(folder):
    return json.loads((folder / STORE_NAME).read_text(encoding="utf-8"))["answers"]


def restart(folder, item, mode=None):
    return make_exercise(item, AnswerStore.in_folder(folder), mode)


# --- multi-select ----------------------------------------------------------------------------


def test_multiselect_all_right(store):
    ex = MultiSelectExercise(MULTI, store)
    ex.toggle("koster", True)
    ex.toggle("nji", True)
    ex.check_button.click()
    assert "2 van de 2 goede antwoorden" in ex.feedback.value and "Probeer" not in ex.feedback.value


def test_multiselect_wrong_tick_gets_its_feedback_but_a_missed_one_is_not_given_away(store):
    ex = MultiSelectExercise(MULTI, store)
    ex.toggle("koster", True)
    ex.toggle("wet", True)
    ex.check_button.click()
    fb = ex.feedback.value
    assert "1 van de 2 goede antwoorden" in fb and "1 van je keuzes klopt niet" in fb and "Probeer het nog eens" in fb
    assert "over wetten" in fb  # feedback on the wrong tick
    assert "oproep legt uit" not in fb  # the missed right option stays a secret


def test_multiselect_nothing_ticked(store):
    ex = MultiSelectExercise(MULTI, store)
    ex.check_button.click()
    assert ex.feedback.text == "Kies eerst een of meer antwoorden."


@pytest.mark.parametrize("mode", ["formative", "graded"])
def test_multiselect_saves_and_restores(tmp_path, mode):
    ex = restart(tmp_path, MULTI, mode)
    ex.toggle("nji", True)
    ex.toggle("koster", True)
    assert stored(tmp_path)["start_meerkeuze"] == ["koster", "nji"]
    if mode == "graded":
        assert "opgeslagen" in ex.feedback.value.lower() and "goed" not in ex.feedback.value
    again = restart(tmp_path, MULTI, mode)
    assert {k for k, b in again.boxes.items() if b.value} == {"koster", "nji"}
    again.toggle("nji", False)
    again.toggle("koster", False)
    assert stored(tmp_path)["start_meerkeuze"] is None


def test_multiselect_graded_every_tick_changes_the_line_the_learner_reads(tmp_path):
    # Issue 24: a second tick left the same "opgeslagen" line (same minute), so nothing seemed to happen.
    ex = restart(tmp_path, MULTI, "graded")
    ex.toggle("nji", True)
    first = ex.feedback.text
    ex.toggle("koster", True)
    second = ex.feedback.text
    assert first != second
    assert msg.SAVED_TICKED_ONE.split("{")[0] in html.unescape(first)
    assert "2 antwoorden aangevinkt" in html.unescape(second)
    ex.toggle("koster", False)
    assert html.unescape(ex.feedback.text) != html.unescape(second)
    assert "goed" not in ex.feedback.text.lower()  # never whether the ticks are right


# --- match -----------------------------------------------------------------------------------


def test_match_uses_dropdowns_with_a_placeholder(store):
    ex = MatchExercise(MATCH, store)
    dropdown = ex.choosers["open"]
    assert dropdown.options[0][0] == "— kies —" and dropdown.index == 0 and dropdown.value is None
    for s in MATCH["statements"]:
        ex.place(s["id"], s["answer"])
    ex.check_button.click()
    assert "4 van 4 goed" in ex.feedback.value


@pytest.mark.parametrize("mode", ["formative", "graded"])
def test_match_saves_and_restores(tmp_path, mode):
    restart(tmp_path, MATCH, mode).place("eerst", "h3")
    assert stored(tmp_path)["start_koppelen"] == {"eerst": "h3"}
    assert restart(tmp_path, MATCH, mode).choosers["eerst"].value == "h3"


# --- order -----------------------------------------------------------------------------------


def test_order_moves_with_buttons_and_gives_feedback(store):
    ex = OrderExercise(ORDER, store)
    right = [s["id"] for s in ORDER["steps"]]
    assert ex.answer is None  # nothing chosen before the learner moves or confirms
    for target, sid in enumerate(right):  # bring every step to its place with the Omhoog buttons
        while ex.order.index(sid) > target:
            row = ex.rows.children[ex.order.index(sid)]
            up = row.children[0]
            assert up.description == "Omhoog" and not up.disabled
            up.click()
    assert ex.order == right
    ex.check_button.click()
    assert "Alle 5 stappen" in ex.feedback.value and "Goed" in ex.feedback.value
    ex.move(right[0], +1)  # a swap of two neighbours costs one step, not two (course/scoring.py)
    ex.check_button.click()
    # Issue 24: "4 van de 5 stappen staan in de goede volgorde" read as four in their place; now what to do
    assert "Nog één stap moet" in ex.feedback.value and "van de 5" not in ex.feedback.value
    assert "een paar klikken" in ex.feedback.value  # issue 24, third walk: one 'stap' took three clicks
    ex.move(right[-1], -1)
    ex.move(right[-1], -1)  # the last step two places up: still one step to move
    ex.check_button.click()
    assert "naar een andere plek" in ex.feedback.value


def test_order_first_and_last_buttons_are_disabled_and_labelled(store):
    ex = OrderExercise(ORDER, store)
    first, last = ex.rows.children[0], ex.rows.children[-1]
    assert first.children[0].disabled and not first.children[1].disabled
    assert last.children[1].disabled
    assert all(row.children[2].value for row in ex.rows.children)  # every step has visible text


def test_order_focus_follows_the_moved_step_and_the_rows_stay(store, monkeypatch):
    focused = []
    monkeypatch.setattr(widgets.Button, "focus", lambda self: focused.append(self))
    ex = OrderExercise(ORDER, store)
    rows = list(ex.rows.children)
    step = ex.order[2]
    ex.row_buttons[2][0].click()  # Omhoog in row 3: the step goes to row 2, and so does the focus
    assert ex.order[1] == step and focused[-1] is ex.row_buttons[1][0]
    ex.row_buttons[1][0].click()  # to the top: Omhoog is disabled there, the focus goes to Omlaag
    assert ex.order[0] == step and focused[-1] is ex.row_buttons[0][1]
    ex.row_buttons[0][1].click()  # Omlaag: the same button one row down
    assert ex.order[1] == step and focused[-1] is ex.row_buttons[1][1]
    assert list(ex.rows.children) == rows  # the rows are the same widgets: no focus lost to a re-render
    assert ex.rows.children[1].children[2].value.endswith(html.escape(ex._texts[step]))


def test_order_confirm_saves_and_restores(tmp_path):
    mode = "graded"
    ex = restart(tmp_path, ORDER, mode)
    shown = list(ex.order)
    ex.confirm_button.click()
    assert stored(tmp_path)["start_volgorde"] == shown
    ex.move(shown[-1], -1)
    again = restart(tmp_path, ORDER, mode)
    assert again.order == stored(tmp_path)["start_volgorde"] != shown
    assert again.answer == again.order


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def test_order_formative_has_no_confirm_button(tmp_path):
    # Practice: Controleer judges the order as it stands, so "Dit is mijn volgorde" would do nothing visible.
    ex = restart(tmp_path, ORDER, "formative")
    assert ex.confirm_button not in list(_descendants(ex.widget))


def test_order_graded_says_what_a_move_and_a_confirm_did(tmp_path):
    # Issue 24: "opgeslagen" after one move read as "my answer is taken"; the confirm showed nothing.
    ex = restart(tmp_path, ORDER, "graded")
    assert ex.confirm_button in list(_descendants(ex.widget))
    before = html.unescape(ex.feedback.text)
    assert msg.ORDER_CONFIRM in before  # the empty status says how to answer when the order is already right
    ex.move(ex.order[-1], -1)
    moved = html.unescape(ex.feedback.text)
    assert "opgeslagen" in moved.lower() and "verder" in moved  # saved, and moving on is fine
    assert ex.confirm_button.description == msg.ORDER_CONFIRM
    ex.confirm_button.click()
    confirmed = html.unescape(ex.feedback.text)
    assert confirmed != moved and 'role="alert"' in ex.feedback.value  # visible and announced
    assert ex.confirm_button.description == msg.ORDER_CONFIRMED
    ex.move(ex.order[0], +1)  # a new order is not the confirmed one any more
    assert ex.confirm_button.description == msg.ORDER_CONFIRM
    assert "goed" not in confirmed.lower().replace("goede volgorde", "")  # never whether it is right


def test_order_refuses_bad_moves(store):
    ex = OrderExercise(ORDER, store)
    with pytest.raises(ValueError, match="unknown step"):
        ex.move("zz", 1)
    with pytest.raises(ValueError, match="one place at a time"):
        ex.move(ex.order[0], 2)


# --- open text -------------------------------------------------------------------------------


def test_open_text_gives_detector_hints_and_saves_what_is_typed(tmp_path):
    ex = restart(tmp_path, TEXT)
    assert ex.check_button.description == "Geef feedback"
    ex.write("Waarom ben je zo laat?")
    assert stored(tmp_path)["start_eigen_zin"] == "Waarom ben je zo laat?"
    ex.check_button.click()
    assert "waarom" in ex.feedback.value.lower() and "geen beoordeling" in ex.feedback.value
    ex.write("Hoe is het vandaag met jou?")
    ex.check_button.click()
    assert "open vraag" in ex.feedback.value
    assert restart(tmp_path, TEXT).box.value == "Hoe is het vandaag met jou?"


def test_open_text_uses_its_own_tips_where_the_general_examples_do_not_fit(tmp_path):
    """Issue 24 (a learner's walk): after a friendly pick-up where nothing was wrong (lesson 01) the hint said
    "Wat hebben jullie al geprobeerd?", and to opa Henk (lesson 06) "vraag eerst of de ouder dit wil horen". An
    exercise's `tips` reword those tips for its situation; the others stay the detectors' own."""
    general = "Wat hebben jullie al geprobeerd?"
    for lesson, item_id in (("01_waarom_ouders", "w_oefen_eerste_zin"), ("06_tot_slot_en_nu", "t_oefen_eigen_zin")):
        item = load_lesson(lesson)["items"][item_id]
        assert {"tip_closed", "tip_permission"} <= set(item["tips"])
        ex = restart(tmp_path / item_id, item)
        for sentence, tip in (("Was het een fijne dag?", "tip_closed"), ("Fijn je te zien.", "tip_permission")):
            ex.write(sentence)
            ex.check_button.click()
            shown = html.unescape(ex.feedback.value)
            assert item["tips"][tip] in shown, (item_id, sentence)
            assert general not in shown and "de ouder dit wil horen" not in shown
    ex = restart(tmp_path / "start", TEXT)  # an exercise without its own tips keeps the general ones
    ex.write("Was het een fijne dag?")
    ex.check_button.click()
    assert general in html.unescape(ex.feedback.value)


def test_an_exercise_tip_must_be_one_of_the_detectors_tips():
    from course.model.detectors import feedback

    with pytest.raises(ValueError, match="no such tip"):
        feedback("Was het een fijne dag?", {"tip_closd": "Tip: ..."})


def test_open_text_graded_saves_and_confirms_without_hints(tmp_path):
    ex = restart(tmp_path, TEXT, "graded")
    assert isinstance(ex, OpenTextExercise) and ex.check_button.disabled
    ex.write("Waarom ben je zo laat?")
    assert "opgeslagen" in ex.feedback.value and "waarom" not in ex.feedback.value.lower()
    assert stored(tmp_path)["start_eigen_zin"] == "Waarom ben je zo laat?"
    with pytest.raises(RuntimeError):
        ex.check()
    assert "Jouw antwoord:" in ex.text() and "Waarom ben je zo laat?" in ex.text()
    assert restart(tmp_path, TEXT, "graded").box.value == "Waarom ben je zo laat?"


# --- hints and shuffling ---------------------------------------------------------------------


def test_hint_is_shown_on_request_in_formative_mode_only(store):
    item = START["start_keuze"]
    ex = make_exercise(item, store)
    ex.hint_button.click()
    assert item["hint"] in ex.feedback.value
    graded = make_exercise(item, store, mode="graded")
    assert graded.hint_button.disabled
    with pytest.raises(RuntimeError):
        graded.hint()


def test_a_hint_after_a_check_keeps_the_verdict_and_a_new_answer_drops_both(store):
    """Tenth walk (lesson 00): after "✘ Nog niet goed." the Hint button replaced that line with the hint, so the
    learner no longer saw that the choice was wrong. The hint now comes under the verdict; a second hint is not
    repeated; a new choice clears both (they described the old one)."""
    item = START["start_keuze"]
    ex = make_exercise(item, store)
    ex.choose("c")
    ex.check_button.click()
    assert msg.INCORRECT in ex.feedback.text
    ex.hint_button.click()
    assert msg.INCORRECT in ex.feedback.text and html.escape(item["hint"]) in ex.feedback.text
    ex.hint_button.click()
    assert ex.feedback.text.count(html.escape(item["hint"])) == 1
    ex.choose("b")
    assert ex.feedback.text == ""
    ex.hint_button.click()  # no verdict for this choice yet: the hint alone
    assert msg.INCORRECT not in ex.feedback.text and html.escape(item["hint"]) in ex.feedback.text


def test_shuffle_is_stable_per_learner_and_differs_between_learners(monkeypatch):
    entries = [{"id": str(n)} for n in range(8)]
    orders = {}
    for user in ("anna", "bram", "anna"):
        monkeypatch.setenv("JUPYTERHUB_USER", user)
        orders.setdefault(user, []).append([e["id"] for e in stable_order(entries, "item")])
    assert orders["anna"][0] == orders["anna"][1]
    assert orders["anna"][0] != orders["bram"][0]
    assert sorted(orders["bram"][0]) == [e["id"] for e in entries]
    assert [e["id"] for e in stable_order(entries, "item", shuffle=False)] == [e["id"] for e in entries]


def test_shuffled_choice_restores_by_id_not_by_position(tmp_path, monkeypatch):
    item = START["start_keuze"]
    monkeypatch.setenv("JUPYTERHUB_USER", "anna")
    restart(tmp_path, item).choose("a")
    monkeypatch.setenv("JUPYTERHUB_USER", "bram")
    assert restart(tmp_path, item).radio.value == "a"


# --- self-check and scoring ------------------------------------------------------------------


def _some_answer(item):
    """An answer of the right shape for any judged item (right or wrong does not matter here)."""
    if item["type"] == "choice":
        return item["options"][0]["id"]
    if item["type"] == "multiselect":
        return [item["options"][0]["id"]]
    if item["type"] == "order":
        return [s["id"] for s in item["steps"]]
    return {s["id"]: item["categories"][0]["id"] for s in item["statements"]}


def test_selfcheck_lists_open_items_without_verdicts(tmp_path):
    check = SelfCheck(load_lesson("02_ouderschap_en_opvoederschap"), AnswerStore.in_folder(tmp_path))
    check.button.click()
    assert "0 van 7" in check.report.value and "Toetsvraag 1" in check.report.value
    store = AnswerStore.in_folder(tmp_path)
    store.set("toets_opvoederschap", "a")  # a wrong answer still counts as answered
    store.set("toets_rol_of_wie", {"liefde": "wie"})
    report = check.run()
    assert "1 van 7" in report and "Toetsvraag 1<" not in report and "Toetsvraag 7 (1 van 6)" in report
    for item_id, item in load_lesson("02_ouderschap_en_opvoederschap")["items"].items():
        if item["mode"] == "graded" and item["type"] != "reflection":
            store.set(item_id, _some_answer(item))
    assert "Alle 7 toetsvragen zijn beantwoord" in check.run()
    assert "goed" not in check.run().replace("Alle", "")


def test_every_type_is_in_lesson_00():
    assert {i["type"] for i in START.values()} == {"choice", "multiselect", "categorise", "match", "order", "open_text"}
    assert any(i["mode"] == "graded" for i in START.values())


def test_match_checked_too_early_asks_to_match_not_to_categorise(store):
    ex = MatchExercise(MATCH, store)
    ex.check()
    assert "Koppel eerst alle zinnen" in ex.feedback.value


# --- feedback markup -------------------------------------------------------------------------


def test_feedback_quotes_show_in_italics_and_nothing_else_becomes_markup(store):
    """Lessons quote the seeds in <i>'...'</i> in feedback; any other tag stays text."""
    item = copy.deepcopy(MULTI)
    item["options"][0]["feedback"] = "Koster: <i>'hoe klein ook'</i>. <script>alert(1)</script> <b>ja</b> <img src=x>"
    ex = MultiSelectExercise(item, store)
    ex.toggle(item["options"][0]["id"], True)
    ex.check_button.click()
    fb = ex.feedback.value
    assert "<i>&#x27;hoe klein ook&#x27;</i>" in fb and "<b>ja</b>" in fb
    assert "<script>" not in fb and "&lt;script&gt;" in fb and "&lt;img src=x&gt;" in fb


def test_course_feedback_uses_no_tag_a_learner_would_see_as_text():
    import glob
    import re
    from pathlib import Path

    from course.learner.widgets.base import FEEDBACK_TAGS

    bad = []
    for path in sorted(glob.glob(str(Path(__file__).resolve().parents[2] / "course/data/lessons/*.yaml"))):
        lesson = load_lesson(Path(path).stem)
        for item in lesson["items"].values():
            entries = [item, *(e for part in ("options", "statements", "steps") for e in item.get(part, []))]
            for entry in entries:
                for tag in re.findall(r"</?([a-zA-Z]+)[^>]*>", entry.get("feedback", "")):
                    if tag not in FEEDBACK_TAGS:
                        bad.append(f"{item['id']}/{entry.get('id')}: <{tag}>")
    assert not bad, bad


# --- issue 24: the self-check forgot the reflection ("Alle 5 toetsvragen zijn beantwoord. Je kunt inleveren."
# with the 3-point reflection still empty) -------------------------------------------------------------------


def _lesson_folder(tmp_path, lesson_id):
    """The learner's lesson folder: the released notebook beside the answer file."""
    import shutil

    folder = tmp_path / lesson_id
    folder.mkdir()
    shutil.copy(REPO / "notebooks" / lesson_id / f"{lesson_id}.ipynb", folder)
    return folder


def _answer_everything(lesson, store):
    for item_id, item in lesson["items"].items():
        if item["mode"] == "graded" and item["type"] != "reflection":
            store.set(item_id, _some_answer(item))


def _write_reflection(folder, lesson_id, item_id, text):
    import json

    path = folder / f"{lesson_id}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == item_id)
    cell["source"] = text
    path.write_text(json.dumps(nb), encoding="utf-8")


def _all_answered_but_the_reflection(tmp_path, lid="05_praktijkvoorbeeld"):
    """Lesson ``lid`` in a folder, every toets item answered: (folder, lesson, its self-check, its reflection)."""
    folder = _lesson_folder(tmp_path, lid)
    lesson = load_lesson(lid)
    store = AnswerStore.in_folder(folder)
    _answer_everything(lesson, store)
    reflection = next(i for i in lesson["items"].values() if i["type"] == "reflection")
    return folder, lesson, SelfCheck(lesson, store), reflection


def test_selfcheck_is_not_done_while_a_reflection_is_empty(tmp_path):
    lid = "05_praktijkvoorbeeld"
    folder, lesson, check, reflection = _all_answered_but_the_reflection(tmp_path, lid)
    report = check.run()
    assert "Je kunt inleveren" not in report and "Nog niet klaar" in report
    # every toets item answered: the report does not open with "n van n … beantwoord" (sixth walk: read as done)
    assert "Nog niet klaar. Alle 4 toetsvragen zijn beantwoord, maar dit moet nog:" in report, report
    assert "van 4 toetsvragen" not in report
    assert f"<li>{msg.SELFCHECK_REFLECTION_EMPTY.format(label=reflection['label'])}</li>" in report
    assert msg.SELFCHECK_SAVE_FIRST in report  # the check reads the saved notebook: say so
    _write_reflection(
        folder,
        lid,
        next(k for k, i in lesson["items"].items() if i["type"] == "reflection"),
        "Ik zou eerst vragen hoe het met haar gaat, en dan pas over het slaan beginnen.",
    )
    report = check.run()  # 16 words where the lesson asks at least 150: not done yet (issue 24)
    fewest = reflection["words"][0]
    assert "Je kunt inleveren" not in report and f"(nog kort: 16 van minstens {fewest} woorden)" in report
    _write_reflection(folder, lid, reflection["id"], " ".join(["woord"] * fewest))
    report = check.run()
    assert "Je kunt inleveren" in report and "reflectie is ingevuld" in report and f"({fewest} woorden)" in report
    assert "goed" not in report.replace("Alle", "")


def test_the_hand_in_download_says_what_is_still_open_in_what_was_saved_and_when_it_was_made(tmp_path):
    """Eleventh walk (high): "Inleveren: download de map" gave a zip without the reflection the learner had written but
    not saved, without a word; after a click, a save and a click on the link, the zip was the one from before the
    save. The download now names what the saved lesson still lacks (the self-check's list), says when the zip was
    made, and to click again after a save; a click after saving holds the reflection."""
    import base64
    import io
    import zipfile

    lid = "05_praktijkvoorbeeld"
    folder, _lesson, check, reflection = _all_answered_but_the_reflection(tmp_path, lid)
    page = check.download.prepare()
    assert msg.DOWNLOAD_STILL_OPEN.split("{")[0] in page, page
    assert html.escape(msg.SELFCHECK_REFLECTION_EMPTY.format(label=reflection["label"])) in page
    made = re.search(r"gemaakt om (\d\d):(\d\d):(\d\d)", page)
    assert made and html.escape(msg.DOWNLOAD_AGAIN_AFTER_SAVE) in page, page
    # twelfth walk (low): every click saved the same name, and Windows made "(1)", "(2)" of the later ones; the name
    # now says the time it was made, as the text does (no ':' in a Windows file name)
    assert f'download="{lid}-{made[1]}u{made[2]}-{made[3]}.zip"' in page, page
    # the learner saves the reflection, then clicks again: no warning, and the zip holds the text
    text = " ".join(["woord"] * reflection["words"][0])
    _write_reflection(folder, lid, reflection["id"], text)
    # twelfth walk (high): after a save the learner asked the self-check again: "Je kunt inleveren" stood above the
    # old warning and the old link, to the zip without the reflection. A new check takes the old link away.
    check.run()
    assert check.download.link.value == ""
    page = check.download.prepare()
    assert msg.DOWNLOAD_STILL_OPEN.split("{")[0] not in page, page
    data = base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', page).group(1))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert text in archive.read(f"{lid}/{lid}.ipynb").decode("utf-8")


def _lesson_06_answered_with_a_conversation(tmp_path):
    """Lesson 06's folder with every toets item answered and one turn in Mijn gesprek: (folder, lesson, store)."""
    from course.model.my_conversation import STORE_KEY

    lid = "06_tot_slot_en_nu"
    folder = _lesson_folder(tmp_path, lid)
    lesson = load_lesson(lid)
    store = AnswerStore.in_folder(folder)
    _answer_everything(lesson, store)
    store.set(STORE_KEY, {"turns": [{"who": "ik", "text": "Hoe gaat het met je?", "move": "open_vraag_ouder"}]})
    return folder, lesson, store


def test_selfcheck_names_each_of_two_reflections_and_a_missing_notebook(tmp_path):
    lid = "06_tot_slot_en_nu"
    folder, lesson, store = _lesson_06_answered_with_a_conversation(tmp_path)
    ids = [k for k, i in lesson["items"].items() if i["type"] == "reflection"]
    _write_reflection(folder, lid, ids[0], " ".join(["casus"] * lesson["items"][ids[0]]["words"][0]))
    report = SelfCheck(lesson, store).run()
    assert f"<li>{msg.SELFCHECK_REFLECTION_EMPTY.format(label=lesson['items'][ids[1]]['label'])}</li>" in report
    assert lesson["items"][ids[0]]["label"] not in report.split("dit moet nog:")[1].split("</ul>")[0]
    (folder / f"{lid}.ipynb").rename(folder / "kopie.ipynb")
    report = SelfCheck(lesson, store).run()
    assert (
        "Je kunt inleveren" not in report
        and "Alle" in report
        and msg.SELFCHECK_NO_NOTEBOOK.format(name=f"{lid}.ipynb") in report
    )


# --- issue 24: the reflection's placeholder had to be deleted by hand, and the cell has no word count ----------


def test_the_placeholder_left_standing_counts_no_words(tmp_path):
    lid = "05_praktijkvoorbeeld"
    folder = _lesson_folder(tmp_path, lid)
    lesson = load_lesson(lid)
    item_id = next(k for k, i in lesson["items"].items() if i["type"] == "reflection")
    _write_reflection(folder, lid, item_id, f"{msg.REFLECTION_PLACEHOLDER}\n\nIk vroeg eerst hoe het ging.")
    from course.learner.widgets.selfcheck import reflection_words

    assert reflection_words(lesson, folder / f"{lid}.ipynb") == [(lesson["items"][item_id]["label"], 6)]


def test_the_word_count_under_a_reflection_counts_what_is_saved_against_the_range_asked(tmp_path):
    from course.learner.widgets.wordcount import WordCount

    lid = "05_praktijkvoorbeeld"
    folder = _lesson_folder(tmp_path, lid)
    lesson = load_lesson(lid)
    item_id = next(k for k, i in lesson["items"].items() if i["type"] == "reflection")
    fewest, most = lesson["items"][item_id]["words"]
    count = WordCount(lesson, item_id, AnswerStore.in_folder(folder))
    assert count.button.description == msg.WORDS_BUTTON
    assert f"nog niets (gevraagd: {fewest} tot {most} woorden)" in count.text() and "Ctrl+S" in count.text()
    # issue 24, fifth walk: an empty count said "sla op" twice (its own line and the reminder under every count)
    assert count.text().count("Ctrl+S") == 1 and msg.WORDS_SAVE_FIRST not in count.text()
    for words, expect in [
        (10, f"10 woorden. Gevraagd: {fewest} tot {most}, dus nog ongeveer {fewest - 10} woorden"),
        (fewest, f"✔ {lesson['items'][item_id]['label']}: {fewest} woorden."),
        (most + 1, "Kijk of je iets kunt weglaten"),
    ]:
        _write_reflection(folder, lid, item_id, f"{msg.REFLECTION_PLACEHOLDER}\n" + " ".join(["woord"] * words))
        report = html.unescape(count.run())
        assert expect in report and msg.WORDS_SAVE_FIRST in report
        assert "goed" not in report.lower()  # a count, never a grade
    (folder / f"{lid}.ipynb").unlink()
    assert msg.SELFCHECK_NO_NOTEBOOK.format(name=f"{lid}.ipynb") in count.text()
    with pytest.raises(ValueError, match="not a reflection"):
        WordCount(lesson, next(k for k, i in lesson["items"].items() if i["type"] != "reflection"), count.store)


def test_the_learner_text_escapes_in_the_word_count(tmp_path):
    from course.learner.widgets.wordcount import WordCount

    lid = "02_ouderschap_en_opvoederschap"
    folder = _lesson_folder(tmp_path, lid)
    lesson = copy.deepcopy(load_lesson(lid))
    lesson["items"]["reflectie"]["label"] = "<b>x</b>"  # whatever the label holds is shown as text
    assert "<b>x" not in WordCount(lesson, "reflectie", AnswerStore.in_folder(folder)).run()


def test_statements_to_sort_or_match_come_in_an_order_of_their_own_per_learner(monkeypatch, tmp_path):
    """Issue 24: in the data the answers of a practice item came grouped (h1, h1, h2, h2, ...) and a
    learner read the pattern; every categorise and match item now shows its statements shuffled, stable
    for one learner, different between learners."""
    import course.learner.widgets.base as base

    def shown(item):
        ex = make_exercise(item, AnswerStore.in_folder(tmp_path), "graded")
        return tuple(ex.choosers)  # the statements in the order the rows were built

    for lid in ("00_start", "01_waarom_ouders", "04_vier_handreikingen", "06_tot_slot_en_nu"):
        for item in load_lesson(lid)["items"].values():
            if item["type"] not in ("categorise", "match"):
                continue
            orders = set()
            for learner in ("anna", "bram", "chris", "dewi"):
                monkeypatch.setattr(base, "learner_id", lambda who=learner: who)
                assert shown(item) == shown(item)  # stable for one learner
                orders.add(shown(item))
            assert len(orders) > 1, item["id"]


def test_selfcheck_names_mijn_gesprek_while_it_is_empty(tmp_path):
    """Issue 24 (a learner's walk): lesson 06's self-check said "Je kunt inleveren" with Mijn gesprek empty,
    while the reflection's rubric gives 0 for a reflection without a conversation in Mijn gesprek."""
    from course.model.my_conversation import STORE_KEY

    lid = "06_tot_slot_en_nu"
    folder = _lesson_folder(tmp_path, lid)
    lesson = load_lesson(lid)
    store = AnswerStore.in_folder(folder)
    _answer_everything(lesson, store)
    for item_id, item in lesson["items"].items():
        if item["type"] == "reflection":
            _write_reflection(folder, lid, item_id, " ".join(["woord"] * item["words"][0]))
    report = SelfCheck(lesson, store).run()
    assert "Je kunt inleveren" not in report and f"<li>{msg.SELFCHECK_MY_CONVERSATION_EMPTY}</li>" in report
    store.set(STORE_KEY, {"turns": [{"who": "ik", "text": "Hoe gaat het met je?", "move": "open_vraag_ouder"}]})
    report = SelfCheck(lesson, store).run()
    assert "Je kunt inleveren" in report, report
    # fifth walk: "the self-check does not check Mijn gesprek" (it said nothing once it was filled in)
    assert msg.SELFCHECK_MY_CONVERSATION_DONE.format(turns="1 beurt") in html.unescape(report), report


def test_an_order_item_starts_mixed_for_every_learner(monkeypatch):
    """Issue 24, third walk: a toets order said 'door elkaar' and one swap put it in the article's order. A practice
    order starts with at most mixed(steps) steps in the right order relative to each other, for every learner, and
    the same for one learner every time."""
    from course.learner.widgets.order import mixed, shown_order
    from course.scoring import formative_key, longest_ordered_run

    practice = next(
        i for i in load_lesson("00_start")["items"].values() if i["type"] == "order" and i["mode"] == "formative"
    )
    key = formative_key(practice)
    seen = set()
    for n in range(60):
        monkeypatch.setenv("JUPYTERHUB_USER", f"leerling{n}")
        order = shown_order(practice)
        assert sorted(order) == sorted(key) and order == shown_order(practice)
        assert len(longest_ordered_run(order, key)) <= mixed(key), order
        seen.add(tuple(order))
    assert len(seen) > 10  # still varied between learners


def test_a_toets_order_is_shown_as_the_author_mixed_it_far_from_its_key():
    """The learner's package holds no key, so a toets order is shown in the data's order; that order keeps at most
    mixed(steps) steps in the key's order (checked here, with the keys)."""
    from course.keys import load_keys
    from course.learner.widgets.order import mixed, shown_order
    from course.scoring import longest_ordered_run

    checked = 0
    for lesson_id in lesson_ids():
        keys = load_keys(lesson_id, REPO / "grading")
        for item in load_lesson(lesson_id)["items"].values():
            if item["type"] == "order" and item["mode"] == "graded":
                key = keys[item["id"]]
                assert shown_order(item) == [s["id"] for s in item["steps"]]
                assert len(longest_ordered_run(shown_order(item), key)) <= mixed(key), item["id"]
                checked += 1
    assert checked


def test_a_late_value_after_geef_feedback_gets_its_hint_and_later_typing_is_named(store, monkeypatch):
    """Issue 24, third walk: "Geef feedback" twice showed nothing. ipywidgets sends the click at once and holds the
    text box's last value back until the kernel is idle, so the value arrived after the hint and cleared it."""
    from course.learner.widgets import open_text

    clock = [100.0]
    monkeypatch.setattr(open_text.time, "monotonic", lambda: clock[0])
    item = START["start_eigen_zin"]
    ex = make_exercise(item, store)
    ex.write("Waarom is hij weer zo laa")  # the value the kernel has when the click arrives
    ex.check_button.click()
    assert "waarom" in ex.feedback.value.lower()
    clock[0] += 0.4
    ex.write("Hoe is dit voor jou?")  # the learner's last letters, arriving after the click
    assert ex.feedback.value and "nieuwsgierigheid" in ex.feedback.value, ex.feedback.value
    clock[0] += 30
    ex.write("Hoe is dit voor jou, deze week?")  # typed on long after the hint
    assert msg.TEXT_CHANGED in ex.feedback.value


def test_a_matching_question_says_gekoppeld_and_a_sorting_question_ingedeeld(store):
    """Issue 24, fourth walk: lesson 00's 'koppelen' answered with 'Goed ingedeeld', the sorting question's words."""
    match = make_exercise(START["start_koppelen"], store)
    for s in START["start_koppelen"]["statements"]:
        match.place(s["id"], s["answer"])
    assert msg.MATCHED_RIGHT in match.check() and msg.PLACED_RIGHT not in match.check()
    sort = next(i for i in START.values() if i["type"] == "categorise")
    ex = make_exercise(sort, store)
    for s in sort["statements"]:
        ex.place(s["id"], s["answer"])
    assert msg.PLACED_RIGHT in ex.check() and msg.MATCHED_RIGHT not in ex.check()


def test_an_unanswered_question_is_not_marked_as_wrong():
    """Thirteenth walk (low, every lesson): each toets question started with "✘ Nog niet beantwoord.", and the ✘ of
    "✘ Nog niet goed." read as an error before anything was answered. An open question has a mark of its own."""
    wrong = msg.INCORRECT[0]
    for text in (msg.LIVE_EMPTY, msg.ORDER_EMPTY):
        assert "Nog niet beantwoord" in text and wrong not in text, text


def test_the_self_checks_save_first_line_comes_after_everything_it_counted(tmp_path):
    """Thirteenth walk (low, lesson 06): "Mijn gesprek: ingevuld (9 beurten)." stood below "… Sla dan eerst op (Ctrl+S)
    en klik nog een keer.", which reads as the last word; the note to save first now closes the list."""
    lid = "06_tot_slot_en_nu"
    folder, lesson, store = _lesson_06_answered_with_a_conversation(tmp_path)
    for item in (i for i in lesson["items"].values() if i["type"] == "reflection"):
        _write_reflection(folder, lid, item["id"], " ".join(["casus"] * item["words"][0]))
    report = html.unescape(SelfCheck(lesson, store).run())
    done = msg.SELFCHECK_MY_CONVERSATION_DONE.format(turns=msg.counted(1, msg.TURNS))
    assert done in report and report.index(done) < report.index(msg.SELFCHECK_SAVE_FIRST), report


def test_the_hand_in_download_asks_to_save_only_for_a_reflection(tmp_path):
    """Fourteenth walk (low): with a toets item open, the download said "Heb je dat wel gedaan? Sla dan op (Ctrl + S)",
    while toets answers are kept the moment they are given. Ctrl+S is asked for a reflection only (it lives in the
    notebook); an open toets item is to be answered."""
    lid = "05_praktijkvoorbeeld"
    folder = _lesson_folder(tmp_path, lid)
    lesson = load_lesson(lid)
    store = AnswerStore.in_folder(folder)
    reflection = next(i for i in lesson["items"].values() if i["type"] == "reflection")
    _write_reflection(folder, lid, reflection["id"], " ".join(["woord"] * reflection["words"][0]))
    check = SelfCheck(lesson, store)
    page = check.download.prepare()  # nothing answered, the reflection saved
    assert html.escape(msg.DOWNLOAD_ANSWER_FIRST) in page and "Ctrl" not in page, page
    _answer_everything(lesson, store)
    _write_reflection(folder, lid, reflection["id"], "")
    page = check.download.prepare()  # every toets item answered, the reflection empty
    assert html.escape(msg.DOWNLOAD_SAVE_REFLECTION) in page and html.escape(msg.DOWNLOAD_ANSWER_FIRST) not in page
    # fifteenth walk (mid): the line said to save, not to write the reflection; and the link under the warning read
    # as the hand-in itself: it now says it leaves out what is open
    assert "Schrijf eerst je reflectie" in msg.DOWNLOAD_SAVE_REFLECTION
    name = re.search(r'download="([^"]+)"', page).group(1)
    assert html.escape(msg.DOWNLOAD_LINK_INCOMPLETE.format(name=name)) in page, page
    _write_reflection(folder, lid, reflection["id"], " ".join(["woord"] * reflection["words"][0]))
    page = check.download.prepare()  # nothing open: the plain link
    assert msg.DOWNLOAD_LINK.split("{")[0] in page and msg.DOWNLOAD_LINK_INCOMPLETE.split("{")[0] not in page, page
