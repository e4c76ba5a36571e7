"""The conversations to practise and the sequence builder, driven through their Python API."""

from __future__ import annotations

import html
import re

import pytest

from course import messages as msg
from course.learner.widgets.builder import STORE_KEY, SequenceBuilder
from course.learner.widgets.scenario import ScenarioExercise
from course.model.conversation import conversation_ids, load_conversation
from course.model.trust_model import State, load_model, run
from course.store import AnswerStore

OPHALEN = load_conversation("scenario_ophalen")
MODEL = load_model()


def article_path():
    """The option ids that follow the article's praktijkvoorbeeld, step by step."""
    return list(OPHALEN.article_path)


def test_the_article_path_plays_the_articles_moves():
    assert [t.move for t in OPHALEN.play(article_path())] == list(MODEL.article_sequence)
    for node in OPHALEN.nodes.values():
        assert 3 <= len(node["options"]) <= 4
        assert len({o["move"] for o in node["options"]}) == len(node["options"])


def test_following_the_article_opens_the_door(tmp_path):
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    replies = [sc.choose(oid) for oid in article_path()]
    assert sc.finished and sc.moves == list(MODEL.article_sequence)
    assert "De deur staat open" in sc.message.value
    assert replies[-1] == OPHALEN.replies["samen_kijken"]["hoog"]
    assert sc.say_button.disabled and sc.options.options == ()
    assert sc.say_button.layout.display == "none"  # seventh walk: not a blue button that does nothing
    assert sc.transcript.value.count("<b>Moeder:</b>") == len(replies)
    sc.restart()
    assert not sc.say_button.disabled and sc.say_button.layout.display is None


def test_the_mothers_reply_and_the_next_moment_follow_the_state_not_a_fixed_script(tmp_path):
    """The same move gets a different reply, at a different moment, after a different start."""
    good = ScenarioExercise(AnswerStore.in_folder(tmp_path / "a"), plot=False)
    bad = ScenarioExercise(AnswerStore.in_folder(tmp_path / "b"), plot=False)
    behaviour = next(o["id"] for o in OPHALEN.nodes["begin"]["options"] if o["move"] == "gedrag_benoemen")
    good.choose(article_path()[0])
    bad.choose(behaviour)
    assert good.situation.value != bad.situation.value
    question = article_path()[1]
    assert good.choose(question) != bad.choose(question)


def test_straight_to_the_problem_keeps_the_door_closed(tmp_path):
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    while not sc.finished:
        warned = [o for o in sc.current_options() if MODEL.moves[o["move"]]["kind"] == "warned"]
        sc.choose((warned or sc.current_options())[0]["id"])
    assert html.escape(OPHALEN.ending_text(sc.turns, msg.SCENARIO_WHY_CLOSED)) in sc.message.value
    assert "Wat had kunnen helpen" in sc.turning.value


@pytest.mark.parametrize("name", conversation_ids())
def test_the_widget_names_what_kept_the_door_shut_and_leaves_an_open_ending_as_it_was(tmp_path, name):
    """Issue 24, sixth walk: at a closed door the widget's ending says, in one sentence, which step kept the door shut
    (the first that lowered what stayed too low), or that a number never got high enough; the turning points give
    no threshold. Played through the widget's Python API as a click does: the first closed path of each
    conversation, then the path drawn beside the learner's (open, or shut without any cost)."""
    conv = load_conversation(name)
    closed = next(p for p in conv.paths() if not p[-1].state.door_open)
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), name, plot=False)
    for turn in closed:
        sc.choose(turn.option["id"])
    shown = html.unescape(sc.message.value)
    assert "Wat de deur dicht hield (oefenmodel): " in shown and "{why}" not in shown, shown
    assert sc.ending() in shown
    short = {
        "veiligheid": sc.turns[-1].state.safety < MODEL.opens_safety,
        "vertrouwen": sc.turns[-1].state.trust < MODEL.opens_trust,
    }
    first = next(
        (
            t
            for t in sc.turns
            if (short["veiligheid"] and t.state.safety < t.before.safety)
            or (short["vertrouwen"] and t.state.trust < t.before.trust)
        ),
        None,
    )
    if conv.door_can_open() and first is not None and not any(t.state.door_open for t in sc.turns):
        assert f"bij stap {first.number} " in shown, shown
    assert "vanaf veiligheid" not in sc.turning.value and "hier was die" not in sc.turning.value
    sc.restart()
    for oid in conv.article_path:
        sc.choose(oid)
    shown = html.unescape(sc.message.value)
    if sc.turns[-1].state.door_open:
        assert conv.ending(sc.turns) in shown and "Wat de deur dicht hield" not in shown
    else:  # buurthuis: shut whatever you choose, and the ending says so
        assert "wat je ook kiest" in shown and "bij stap" not in shown, shown


def test_path_is_saved_restored_restartable_and_replayable_from_any_step(tmp_path):
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    sc.choose(article_path()[0])
    sc.choose(article_path()[1])
    again = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    assert again.path == article_path()[:2] and "Stap 3" in again.situation.value
    for oid in article_path()[2:]:
        again.choose(oid)
    assert again.finished and [v for _, v in again.replay_step.options] == [1, 2, 3, 4, 5]
    again.replay_step.value = 3
    again.replay_button.click()
    assert again.path == article_path()[:2] and not again.finished and "Stap 3" in again.situation.value
    assert AnswerStore.in_folder(tmp_path).get("scenario_ophalen") == article_path()[:2]
    again.restart()
    assert again.path == [] and AnswerStore.in_folder(tmp_path).get("scenario_ophalen") == []
    assert "Stap 1" in again.situation.value and again.replay_box.layout.display == "none"
    with pytest.raises(ValueError, match="step must be"):
        again.replay_from(3)


def test_say_button_asks_for_a_choice_first_and_bad_options_are_refused(tmp_path):
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    sc.say_button.click()
    assert "Kies eerst" in sc.message.value
    sc.options.value = sc.options.options[0][1]
    sc.say_button.click()
    assert len(sc.path) == 1
    with pytest.raises(ValueError, match="unknown option"):
        sc.choose("z")
    for oid in article_path()[1:]:
        sc.choose(oid)
    with pytest.raises(RuntimeError, match="over"):
        sc.choose("a")


@pytest.mark.parametrize("saved", [["q", "r"], "a", ["a", "a", "a", "a", "a", "a"], [1, 2], {"a": 1}])
def test_a_corrupted_saved_path_is_ignored(tmp_path, saved):
    AnswerStore.in_folder(tmp_path).set("scenario_ophalen", saved)
    assert ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False).path == []


def test_end_plot_shows_your_path_beside_the_article_and_names_the_turning_points(tmp_path):
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=True)
    for oid in article_path():
        sc.choose(oid)
    html = sc.result.outputs[0]["data"]["text/html"]
    # eighth walk: the article's own moves drew the same figure twice; now one figure and a sentence that says why
    assert html.count("data:image/png;base64,") == 1, "the learner played the comparison's moves: one image"
    from html import escape

    assert escape(msg.SCENARIO_COMPARE_SAME.format(name="In de volgorde van het artikel")) in html
    end = sc.turns[-1].state
    labels = ", ".join(MODEL.moves[m]["label"] for m in MODEL.article_sequence)
    assert (
        f'alt="Jouw gesprek, in het oefenmodel: {labels}. Aan het eind: veiligheid {end.safety}, '
        f'vertrouwen {end.trust}, deur open."'
    ) in html
    assert "Geen meting" in html  # the model's note goes with the figure
    assert (
        "Stap 4 (Stilte laten vallen): hier ging de deur open: veiligheid en vertrouwen waren nu allebei"
        in sc.turning.value
    )
    first = sc._figure
    sc.replay_from(5)
    sc.choose("b")  # another ending: your image changes, the article's is not drawn again
    assert sc._figure is first, "the figure is redrawn in place, not made again"
    again = sc.result.outputs[0]["data"]["text/html"]
    article = sc._article_html
    assert again.count("data:image/png;base64,") == 2, "your conversation and the article's, two images"
    assert (
        article
        and article in again
        and again.index('alt="Jouw gesprek') < again.index('alt="In de volgorde van het artikel')
    )
    # seventh walk: the comparison's length beside the learner's, said in words between the two figures
    compare = msg.SCENARIO_COMPARE.format(n=len(article_path()), m=len(sc.turns))
    assert again.index(compare) < again.index('alt="In de volgorde van het artikel'), again[-600:]
    sc.replay_from(5)
    sc.choose("b")
    assert sc._article_html is article  # drawn once per widget, not again for the next ending


def test_reply_bands():
    assert OPHALEN.band(State(safety=0, trust=0)) == "laag"
    assert OPHALEN.band(State(safety=4, trust=0)) == "midden"
    assert OPHALEN.band(State(safety=10, trust=0)) == "hoog"
    option = next(o for o in OPHALEN.nodes["stil"]["options"] if o["move"] == "stilte")
    assert OPHALEN.reply(option, State(safety=2, trust=2)) == OPHALEN.replies["stilte"]["laag"]


# --- builder ---------------------------------------------------------------------------------


def test_builder_add_reorder_remove_and_summary(tmp_path):
    b = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    assert "Voeg een zet toe" in b.summary.value
    for move in MODEL.article_sequence:
        b.chooser.value = move
        b.add_button.click()
    end = run(MODEL.article_sequence)[-1]
    assert f"vertrouwen {end.trust}" in b.summary.value and "deur open" in b.summary.value
    b.move(4, -1)  # offer before the silence
    assert b.moves[3] == "samen_kijken"
    up = b.rows.children[4].children[0]
    up.click()  # the silence back up, through its button
    assert b.moves == list(MODEL.article_sequence)
    b.remove(0)
    assert len(b.moves) == 4 and AnswerStore.in_folder(tmp_path).get(STORE_KEY) == b.moves
    b.clear_button.click()
    assert b.moves == [] and AnswerStore.in_folder(tmp_path).get(STORE_KEY) == []


def test_builder_restores_after_a_restart_and_redraws(tmp_path):
    b = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=True)
    b.add("erkenning")
    b.add("samen_kijken")
    assert "data:image/png;base64," in b.output.outputs[-1]["data"]["text/html"]
    again = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    assert again.moves == ["erkenning", "samen_kijken"]
    assert len(again.rows.children) == 2


def test_builder_refuses_bad_input(tmp_path):
    b = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    with pytest.raises(ValueError, match="unknown move"):
        b.add("vliegen")
    with pytest.raises(IndexError, match="no move at position"):
        b.remove(0)
    b.add("stilte")
    with pytest.raises(ValueError, match="one place at a time"):
        b.move(0, 3)


def test_builder_keeps_its_rows_and_the_focus_follows_the_move(tmp_path, monkeypatch):
    import ipywidgets as widgets

    focused = []
    monkeypatch.setattr(widgets.Button, "focus", lambda self: focused.append(self))
    monkeypatch.setattr(widgets.Dropdown, "focus", lambda self: focused.append(self))
    b = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    for move in MODEL.article_sequence[:3]:
        b.add(move)
    rows = list(b.rows.children)
    rows[2].children[0].click()  # Omhoog in row 3: the focus goes to Omhoog in row 2
    assert b.moves[1] == MODEL.article_sequence[2] and focused[-1] is b.rows.children[1].children[0]
    b.rows.children[1].children[0].click()  # to the top, where Omhoog is off: the focus goes to Omlaag
    assert focused[-1] is b.rows.children[0].children[1]
    assert list(b.rows.children) == rows  # the same row widgets: nothing re-rendered under the focus
    b.rows.children[2].children[2].click()  # Verwijder the last: the focus goes to the row above it
    assert len(b.moves) == 2 and focused[-1] is b.rows.children[1].children[2]
    b.remove(0), b.remove(0)
    assert focused[-1] is b.chooser  # nothing left: back to the choice of a move
    assert b.summary.value.startswith('<div role="status">')  # the summary is read out when it changes


def test_scenario_reads_out_the_reply_and_the_ending(tmp_path):
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    assert sc.message.value == ""
    path = article_path()
    sc.choose(path[0])
    mother = f"<b>{OPHALEN.parent}:</b>"
    assert sc.message.value.startswith('<div role="alert">') and mother in sc.message.text
    # Issue 24: the reply and the next situation are on the screen already: read out, not shown twice
    assert sc.message.text.startswith('<span class="oz-sr-only"') and "clip:rect(0,0,0,0)" in sc.message.text
    for oid in path[1:]:
        sc.choose(oid)
    assert sc.message.value.startswith('<div role="alert">') and "De deur staat open" in sc.message.text
    visible = re.sub(r'<span class="oz-sr-only".*?</span>', "", sc.message.text)
    assert "De deur staat open" in visible and mother not in visible  # the ending shown, the reply only read out


def test_replay_without_choosing_a_step_replays_the_last_one_and_never_raises(tmp_path):
    """The replay list starts on the last step (the most likely retry), and the button on an empty
    choice says in Dutch what to do instead of raising in a click handler."""
    sc = ScenarioExercise(AnswerStore.in_folder(tmp_path), plot=False)
    for oid in article_path()[:3]:
        sc.choose(oid)
    assert sc.replay_step.value == 3
    sc.replay_button.click()
    assert len(sc.turns) == 2 and sc.path == article_path()[:2]
    sc.replay_step.value = None
    sc.replay_button.click()  # no step chosen: a message, nothing lost
    assert len(sc.turns) == 2 and "Kies eerst een stap" in sc.message.value


def test_the_builder_counts_one_move_as_one_zet(tmp_path):
    """Issue 24, third walk: a count of one said the plural ("1 beurten"); the builder said "Na 1 zetten"."""
    b = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    b.add("rustig_benaderen")
    assert "Na 1 zet:" in b.summary.value
    b.add("open_vraag_ouder")
    assert "Na 2 zetten:" in b.summary.value


def test_a_turning_point_does_not_send_the_learner_to_the_lesson_they_are_in(tmp_path):
    """Walk 2026-12-02, finding 4: '(zie les 05)' inside lesson 05 itself. The widget knows its lesson; its turning
    points drop references to that lesson, and keep those to other lessons."""
    from course.learner.lesson import Lesson

    bad = ["d", "b", "b", "b", "b", "b", "b", "b", "b", "b", "b"]

    def play(sc):
        for oid in bad:
            if sc.finished:
                break
            sc.choose(oid)
        assert sc.finished
        return " ".join(sc.turning_points())

    anywhere = play(ScenarioExercise(AnswerStore.in_folder(tmp_path / "a"), plot=False))
    assert "(les 04)" in anywhere
    here = play(ScenarioExercise(AnswerStore.in_folder(tmp_path / "b"), plot=False, lesson="04_vier_handreikingen"))
    assert "les 04" not in here and "(zie )" not in here and "()" not in here, here
    elsewhere = play(ScenarioExercise(AnswerStore.in_folder(tmp_path / "c"), plot=False, lesson="06_x"))
    assert elsewhere == anywhere
    # seventh walk: in lesson 03 a reference to a later lesson says that lesson is still to come
    earlier = play(ScenarioExercise(AnswerStore.in_folder(tmp_path / "e"), plot=False, lesson="03_x"))
    assert "(komt in les 04)" in earlier and "(les 04)" not in earlier, earlier
    assert re.findall(r"les (\d\d)", earlier) == re.findall(r"les (\d\d)", anywhere)  # the same lessons, in order
    assert all(n <= "03" for n in re.findall(r"(?<!komt in )les (\d\d)", earlier)), earlier
    # the lesson of each reference is the one after it: no "(komt in les 05)" after "raadt dit af" (eighth walk)
    assert "af, zoals wij het lezen." in anywhere and "lezen (" not in anywhere, anywhere
    # the lesson's block passes its id
    lesson = Lesson("05_praktijkvoorbeeld", tmp_path / "d")
    block = next(k for k, v in lesson.content["blocks"].items() if v["kind"] == "trust_scenario")
    assert lesson.block(block).lesson == "05_praktijkvoorbeeld"


def test_the_builders_list_names_each_move_as_the_figure_does(tmp_path):
    """Tenth walk (mid, lesson 05): after an Oordeel the figure said "Toestemming vragen, te vroeg" and "Informatie
    geven, zonder toestemming" while the list above it said "2. Toestemming vragen"."""
    from course.learner.widgets.builder import SequenceBuilder
    from course.store import AnswerStore

    b = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    for move in ("oordeel", "toestemming_vragen", "informatie_geven"):
        b.add(move)
    rows = [row.children[3].value for row in b.rows.children]
    assert "Toestemming vragen, te vroeg" in rows[1] and "Informatie geven, zonder toestemming" in rows[2], rows
