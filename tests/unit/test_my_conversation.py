"""'Mijn gesprek', driven through its Python API: proposals, the learner's own choice, a hint per
line, saving and restoring, bad input in Dutch, and learner text that stays text."""

from __future__ import annotations

import pytest

from course import messages as msg
from course.learner.widgets.my_conversation import MyConversation
from course.model.my_conversation import MAX_CHARS, MAX_TURNS, STORE_KEY, labels, moves_in, propose, states
from course.model.trust_model import effect_for, load_model, run
from course.store import AnswerStore

MODEL = load_model()


@pytest.mark.parametrize(
    "sentence, move",
    [
        ("Hoe is dit voor jou?", "open_vraag_ouder"),
        ("Zal ik je vertellen wat ons in de groep opvalt?", "toestemming_vragen"),
        ("Ik zie hoeveel je probeert.", "erkenning"),
        ("Je bent veel te toegeeflijk met hem.", "oordeel"),
        ("Zullen we samen kijken wat hem kan helpen?", "samen_kijken"),
        ("Hij heeft vandaag twee keer geslagen.", "gedrag_benoemen"),
        ("Dat is veel, alleen.", None),  # nothing recognised: the learner chooses
        # Sentences not in any conversation: the warned moves are told apart, not all called 'Oordeel'.
        ("Ik zeg even niets.", "stilte"),
        ("Probeer eens een vast ritme.", "ongevraagd_advies"),
        ("Je moet hem gewoon eerder naar bed brengen.", "ongevraagd_advies"),
        ("Jullie eten thuis zeker laat?", "aanname"),
        ("Wij doen echt alles voor hem, hoor.", "verdediging"),
        ("Ze heeft vandaag een kind gebeten.", "gedrag_benoemen"),
        ("Waarom was hij zo boos?", None),  # a 'waarom' question is not proposed as an open question
        ("Waarom kom je altijd te laat?", "oordeel"),  # a reproach in a 'waarom' question
        # fourteenth walk (low): telling what the group sees got no proposal
        ("In de groep zien we dat hij na de lunch snel moe is.", "informatie_geven"),
        ("Wij merken dat overgangen heel moeilijk voor hem zijn.", "informatie_geven"),
        ("Het valt ons op dat ze in de kring weinig zegt.", "informatie_geven"),
        ("Ik wil je even laten weten dat ze erg stil is in de klas.", "informatie_geven"),
        ("Ik zag vanochtend hoe lief je afscheid van hem nam.", None),  # about the parent: not information
        ("Zien jullie dat thuis ook?", None),  # a closed question to the parent: not information
    ],
)
def test_the_detectors_propose_a_move_or_none(sentence, move):
    assert propose(sentence) == move


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik zie dat je haar elke dag zelf komt halen, ook als het druk is",
        "Je komt hem elke dag zelf halen.",
        "Jij brengt haar elke ochtend zelf, ook als het thuis druk is.",
        "Je bent er elke middag voor hem.",
        "Ik zie dat u er iedere dag bent om hem op te halen.",
    ],
)
def test_naming_the_parent_s_presence_proposes_a_goede_ouder_experience(sentence):
    """Learner walk, Mijn gesprek: "Ik zie dat je haar elke dag zelf komt halen, …" was proposed as 'Erkenning
    van inzet of zorgen'. Lesson 04 (oefenvraag 7, 'Je brengt haar elke ochtend zelf …'): being there, every day,
    is what handreiking 4 names (inzet, aanwezigheid, liefdevolle intentie); the zorgen belong to handreiking 1."""
    assert propose(sentence) == "goede_ouder"


@pytest.mark.parametrize(
    "sentence, move",
    [
        ("Ik zie dat je je elke dag zorgen om hem maakt.", "erkenning"),  # zorgen: handreiking 1
        ("Je komt elke dag te laat.", "oordeel"),  # not praise
        ("Ik zie dat je veel voor haar doet.", "erkenning"),  # inzet, no presence named
    ],
)
def test_presence_words_alone_do_not_make_a_goede_ouder_experience(sentence, move):
    assert propose(sentence) == move


def test_a_conversation_is_built_labelled_and_drawn(tmp_path):
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=True)
    assert "Nog geen beurten" in w.message.value and w.output.outputs == ()
    w.add("ik", "Hoe is dit voor jou?")
    w.add("ouder", "Zwaar. Ik weet het soms echt niet meer.")
    w.add("ik", "Ik zie hoeveel je probeert.")
    w.add("ik", "Zullen we samen kijken wat helpt?")
    assert [t.move for t in w.turns] == ["open_vraag_ouder", None, "erkenning", "samen_kijken"]
    assert len(w.hint_lines()) == 4 and w.hint_lines()[1].startswith("Beurt 2 (ouder)")
    expected = run(["open_vraag_ouder", "erkenning", "samen_kijken"])[-1]
    assert states(w.turns)[-1] == expected
    assert f"veiligheid {expected.safety}" in w.message.value
    html_figure = w.output.outputs[0]["data"]["text/html"]
    assert "data:image/png;base64," in html_figure and 'alt="Mijn gesprek in het oefenmodel' in html_figure
    assert (
        "vertrouwen +2. Hier ging de deur open: veiligheid en vertrouwen waren nu allebei hoog genoeg" in w.hints.value
    )  # a sentence after a full stop


def test_the_learner_decides_and_the_hint_says_the_proposal_differed(tmp_path):
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoe is dit voor jou?")
    chooser = w.rows.children[0].children[1]
    chooser.value = "aanname"  # through the row's dropdown, as a learner does
    assert w.turns[0].move == "aanname"
    assert "De hulp dacht aan: Open vraag over de ouder" in w.hint_lines()[0]
    assert "Wat had kunnen helpen" in w.hint_lines()[0]
    w.set_move(0, None)
    assert w.hint_lines()[0] == msg.MY_HINT_NO_MOVE_CHOSEN.format(n=1) and len(states(w.turns)) == 1


def test_information_without_permission_is_named_so_and_points_to_the_permission_question(tmp_path):
    """Fidelity reading 11, F13: information told without permission costs, and the hint says what it
    was and what would have helped; after a permission question the same move is plain information."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Zal ik je vertellen wat ons in de groep opvalt?")
    w.add("ik", "Hij vindt het afscheid moeilijk.")
    w.add("ik", "En in de kring zit hij vaak alleen.")
    w.set_move(0, "toestemming_vragen")
    w.set_move(1, "informatie_geven")
    w.set_move(2, "informatie_geven")  # the permission was for one telling
    first, second = w.hint_lines()[1:]
    assert "zonder toestemming" not in first and "Wat had kunnen helpen" not in first
    assert "Informatie geven, zonder toestemming" in second and "toestemming vragen voor informatie" in second


def test_saved_and_restored_after_a_restart(tmp_path):
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Fijn dat je er bent.")
    w.add("ouder", "Ja, het was een lange dag.")
    w.set_move(0, "rustig_benaderen")
    saved = AnswerStore.in_folder(tmp_path).get(STORE_KEY)
    assert saved == {
        "turns": [
            {"who": "ik", "text": "Fijn dat je er bent.", "move": "rustig_benaderen", "chosen": True},
            {"who": "ouder", "text": "Ja, het was een lange dag.", "move": None},
        ]
    }
    again = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    assert again.turns == w.turns and len(again.rows.children) == 2
    again.remove(0)
    assert [t.who for t in again.turns] == ["ouder"]
    again.clear()
    assert AnswerStore.in_folder(tmp_path).get(STORE_KEY) == {"turns": []}


def test_the_form_adds_a_turn_and_switches_the_speaker(tmp_path):
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.line.value = "Hoe gaat het met je?"
    w.add_button.click()
    assert w.turns[0].who == "ik" and w.line.value == "" and w.who.value == "ouder"
    w.add_button.click()  # empty: a Dutch message, nothing added
    assert len(w.turns) == 1 and "Schrijf eerst op wat er gezegd werd" in w.message.value


@pytest.mark.parametrize(
    "who, text, move, message",
    [
        ("ik", "   ", None, "Schrijf eerst"),
        ("ik", "x" * (MAX_CHARS + 1), None, "hoogstens"),
        ("buurman", "Hallo", None, "Kies wie er praat"),
        ("ouder", "Hallo", "erkenning", "Alleen je eigen beurten"),
        ("ik", "Hallo", "vliegen", "Onbekende zet"),
    ],
)
def test_bad_input_is_refused_in_dutch(tmp_path, who, text, move, message):
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    with pytest.raises(ValueError, match=message):
        w.add(who, text, move)
    assert w.turns == []


def test_at_most_max_turns(tmp_path):
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    for n in range(MAX_TURNS):
        w.add("ouder", f"Zin {n}")
    with pytest.raises(ValueError, match="hoogstens"):
        w.add("ik", "Nog een")


@pytest.mark.parametrize(
    "saved, kept, unreadable",
    [
        ("kapot", 0, 1),
        ({"turns": [{"who": "ik", "text": "Hoi", "move": "erkenning"}, {"who": "ik"}, 7]}, 1, 2),
        ({"turns": [{"who": "ouder", "text": "Hoi", "move": "erkenning"}]}, 0, 1),
    ],
)
def test_a_damaged_answer_file_is_read_as_far_as_it_can_be(tmp_path, saved, kept, unreadable):
    AnswerStore.in_folder(tmp_path).set(STORE_KEY, saved)
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    assert len(w.turns) == kept
    assert f"weggelaten: {unreadable} {'beurt' if unreadable == 1 else 'beurten'} uit" in w.message.value


def test_learner_text_is_text_in_the_widget_and_in_the_graded_copy(tmp_path):
    attack = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", attack)
    w.add("ouder", attack)
    for value in [w.rows.children[0].children[0].value, w.rows.children[1].children[0].value, w.html(), w.hints.value]:
        assert "<img" not in value and "<script" not in value
    assert "&lt;img src=x" in w.html()
    assert attack in w.text()  # plain text keeps what was typed


def test_removing_a_turn_puts_the_focus_on_the_row_that_took_its_place(tmp_path, monkeypatch):
    import ipywidgets as widgets

    focused = []
    monkeypatch.setattr(widgets.Button, "focus", lambda self: focused.append(self))
    monkeypatch.setattr(widgets.Textarea, "focus", lambda self: focused.append(self))
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    for text in ("Een", "Twee", "Drie"):
        w.add("ouder", text)
    w.rows.children[1].children[2].click()
    assert [t.text for t in w.turns] == ["Een", "Drie"] and focused[-1] is w.rows.children[1].children[2]
    w.remove(1), w.remove(0)
    assert focused[-1] is w.line


def test_after_adding_a_turn_the_focus_is_back_in_the_text_box(tmp_path, monkeypatch):
    """Keyboard users type turn after turn: after 'Voeg beurt toe' the cursor is back in the box."""
    import ipywidgets as widgets

    focused = []
    monkeypatch.setattr(widgets.Textarea, "focus", lambda self: focused.append(self))
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.line.value = "Hoe is dit voor jou?"
    w.add_button.click()
    assert focused == [w.line]
    w.add_button.click()  # empty: refused, the focus stays where it was (on the button)
    assert focused == [w.line]


def test_clearing_everything_asks_once_more_and_loses_nothing_by_one_click(tmp_path, monkeypatch):
    """'Alles wissen' in the form asks for a second click (the focus stays on the button); anything
    else in between cancels it."""
    import ipywidgets as widgets

    focused = []
    monkeypatch.setattr(widgets.Button, "focus", lambda self: focused.append(self))
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoe is dit voor jou?")
    w.add("ouder", "Zwaar.")
    w.clear_button.click()
    assert len(w.turns) == 2 and w.clear_button.description == "Ja, wis alles"
    assert focused[-1] is w.clear_button
    assert "nog eens" in w.message.value
    w.add("ik", "Ik zie hoeveel je probeert.")  # doing something else cancels the question
    assert w.clear_button.description == "Alles wissen"
    w.clear_button.click()
    assert len(w.turns) == 3
    w.clear_button.click()
    assert w.turns == [] and w.clear_button.description == "Alles wissen"
    assert AnswerStore.in_folder(tmp_path).get(STORE_KEY) == {"turns": []}


def test_a_long_conversation_numbers_its_steps_instead_of_overlapping_names(tmp_path):
    """Up to 8 labelled turns carry their move's name under the step; beyond that the names would
    overlap, so each step shows the number of its turn (the list above names the move)."""
    from course.figures.trust_plots import MAX_NAMED_STEPS

    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=True)

    def ticks() -> list[str]:
        return w._figure.conversation.step_labels()

    for _ in range(MAX_NAMED_STEPS):
        w.add("ik", "Hoe is dit voor jou?")
        w.add("ouder", "Gaat wel.")
    assert ticks()[0] == "begin" and ticks()[1].replace("\n", " ") == "Open vraag over de ouder"
    w.add("ik", "Ik zie hoeveel je probeert.")
    own = [str(n) for n, t in enumerate(w.turns, start=1) if t.who == "ik"]
    assert ticks() == ["begin", *own] and own[-1] == str(len(w.turns))
    assert w._figure.conversation.axis_label().startswith("Nummer van jouw beurt")


def test_one_turn_is_counted_as_one_beurt(tmp_path):
    """Issue 24, third walk: "1 beurten"."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoe is dit voor jou?")
    assert w.summary().startswith("1 beurt, ") and "1 beurten" not in w.message.value
    w.clear_button.click()
    assert "Dan wis je 1 beurt." in w.message.value
    w.add("ouder", "Zwaar.")
    assert w.summary().startswith("2 beurten, ")


def test_advice_after_a_permission_question_says_the_learner_asked_to_tell_not_to_advise(tmp_path):
    """Issue 24, third walk: after "Mag ik je vertellen…?" and "Ja, vertel maar", advice was met with "Wat had kunnen
    helpen: toestemming vragen voor informatie", as if the learner had not asked."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoe is dit voor jou?", "open_vraag_ouder")
    w.add("ik", "Ik zie hoeveel je probeert.", "erkenning")
    w.add("ik", "Zal ik je vertellen wat ons in de groep opvalt?", "toestemming_vragen")
    w.add("ouder", "Ja, vertel maar.")
    w.add("ik", "Je moet hem eerder naar bed brengen.", "ongevraagd_advies")
    last = w.hint_lines()[-1].lower()
    assert "je vroeg eerder of je iets mocht vertellen" in last and "een tip wil horen" in last, last
    assert "wat had kunnen helpen" not in last, last
    fresh = MyConversation(AnswerStore.in_folder(tmp_path / "ander"), plot=False)
    fresh.add("ik", "Hoe is dit voor jou?", "open_vraag_ouder")
    fresh.add("ik", "Ik zie hoeveel je probeert.", "erkenning")
    fresh.add("ik", "Je moet hem eerder naar bed brengen.", "ongevraagd_advies")
    assert "je vroeg eerder" not in fresh.hint_lines()[-1].lower()


def test_a_move_keeps_one_name_wherever_it_is_used():
    """Issue 24, fourth walk (low): Mijn gesprek named one move three ways ('! Het gedrag van het kind benoemen',
    'Meteen het gedrag van het kind benoemen', 'Het gedrag benoemen zonder toestemming'). The name of a move as it
    was used starts with the move's own name; only what follows a comma says how it was used."""
    from course.model.trust_model import load_model

    model = load_model()
    for move_id, move in model.moves.items():
        for effect in move.get("effects", []):
            label = effect.get("label")
            if label:
                assert label.startswith(move["label"] + ", "), (move_id, label)


def test_a_proposal_left_as_it_came_is_marked_as_the_helpers_and_not_counted_as_chosen(tmp_path):
    """Seventh walk: the proposed move was already selected, nothing marked it as a proposal, and the summary said
    '3 van jou met een zet' though the learner chose nothing. A proposal left as it came says so (the drop-down's
    label, the hint, the summary) until the learner sets a move; that survives a restart."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoe gaat het met jou, de laatste tijd?")  # proposed: open question about the parent
    w.add("ouder", "Gaat wel.")
    w.add("ik", "Ik zie hoeveel je probeert.")  # proposed: erkenning
    assert [t.move for t in w.turns] == ["open_vraag_ouder", None, "erkenning"]
    assert [t.chosen for t in w.turns if t.who == "ik"] == [False, False]
    chooser = w._row_widgets[0][1]
    assert chooser.description == msg.MY_MOVE_PROPOSED.format(n=1)
    assert msg.MY_HINT_PROPOSED in w.hint_lines()[0] and msg.MY_HINT_PROPOSED in w.hint_lines()[2]
    assert msg.MY_SUMMARY_SPLIT.format(chosen=0, proposed=2) in w.summary()
    chooser.value = "erkenning"  # the learner decides, through the drop-down
    assert w.turns[0].chosen and chooser.description == msg.MY_MOVE.format(n=1)
    assert msg.MY_HINT_PROPOSED not in w.hint_lines()[0]
    assert msg.MY_SUMMARY_SPLIT.format(chosen=1, proposed=1) in w.summary()
    again = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    assert [t.chosen for t in again.turns] == [True, False, False]
    assert again._row_widgets[2][1].description == msg.MY_MOVE_PROPOSED.format(n=3)
    again.set_move(2, "erkenning")  # the same move as proposed, now the learner's own
    assert "stelde de hulp voor" not in again.summary() and "Voorstel" not in again._row_widgets[2][1].description


def test_a_conversation_saved_before_chosen_existed_keeps_the_learners_own_choices(tmp_path):
    """Answers saved before 'chosen' was stored: a move that differs from the proposal was the learner's."""
    AnswerStore.in_folder(tmp_path).set(
        STORE_KEY,
        {
            "turns": [
                {"who": "ik", "text": "Hoe gaat het met jou?", "move": "open_vraag_ouder"},
                {"who": "ik", "text": "Hoe gaat het met jou?", "move": "erkenning"},
                {"who": "ouder", "text": "Goed.", "move": None},
            ]
        },
    )
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    assert [t.chosen for t in w.turns] == [False, True, False]


def test_the_marks_before_each_move_are_explained_where_the_moves_are_chosen(tmp_path):
    """Eighth walk (lesson 05): the '+' and '!' before the moves were not explained where the list is. The builder and
    Mijn gesprek show the model's legend, and it names every mark their drop-downs use."""
    from course.learner.widgets.builder import SequenceBuilder

    legend = load_model().texts["kinds_legend"]
    for widget, chooser in (
        (b := SequenceBuilder(AnswerStore.in_folder(tmp_path / "b"), plot=False), b.chooser),
        (m := MyConversation(AnswerStore.in_folder(tmp_path / "m"), plot=False), None),
    ):
        texts = [c.value for c in _descendants(widget.widget) if hasattr(c, "value") and isinstance(c.value, str)]
        assert any(legend in t for t in texts), type(widget)
        options = chooser.options if chooser is not None else m._move_options
        marks = {label.split(" ", 1)[0] for label, value in options if value}
        assert marks == {"+", "!"} and all(f"{mark} = " in legend for mark in marks), (marks, legend)


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def test_an_offer_that_costs_says_why_it_came_too_early(tmp_path):
    """Ninth walk (low, lesson 06): an offer as the first turn got "veiligheid -1, vertrouwen -1" and nothing more,
    where the conversations' turning points say what was not there yet. A helpful move that lowers a number says
    it too; one that raises them says nothing of the kind."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Zullen we samen kijken wat helpt?")
    w.set_move(0, "samen_kijken")
    (first,) = w.hint_lines()
    assert "-1" in first and "Hier kwam deze zet te vroeg:" in first, first
    w.add("ik", "Ik zie hoeveel je probeert.")
    w.set_move(1, "erkenning")
    assert "te vroeg" not in w.hint_lines()[1]


def test_a_closed_question_chosen_as_an_open_question_is_named_closed(tmp_path):
    """Twelfth walk (lesson 06): "Heeft u het druk gehad vandaag?" chosen as "Open vraag over de ouder" got only
    "veiligheid +1, vertrouwen +1", while the practice sentences say such a question is closed. The hint says so;
    an open question chosen as one gets no such line."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Heeft u het druk gehad vandaag?")
    w.add("ik", "Hoe is dit voor jou, elke dag zo?")
    w.set_move(0, "open_vraag_ouder")
    w.set_move(1, "open_vraag_ouder")
    closed, open_ = w.hint_lines()
    assert msg.MY_HINT_CLOSED in closed, closed
    assert msg.MY_HINT_CLOSED not in open_, open_


def test_a_turn_that_does_two_things_says_so_and_how_to_count_both(tmp_path):
    """Twelfth walk (lesson 06): "Ik zie hoeveel je om hem geeft. Hoe is het voor jou?" got one move proposed
    (Erkenning) and the open question in it counted for nothing, without a word. The hint names both moves and
    says how to make both count; a turn that does one thing, in two sentences or one, gets no such line."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Ik zie hoeveel je om hem geeft. Hoe is het voor jou?")
    w.add("ik", "Dat klinkt zwaar. Dat snap ik.")
    w.add("ik", "Hoe is dit voor jou, elke dag zo?")
    two, one_in_two_sentences, one = w.hint_lines()
    labels = [w.model.moves[m]["label"] for m in ("erkenning", "open_vraag_ouder")]
    assert msg.MY_HINT_TWO_MOVES.format(labels=" en ".join(labels)) in two, two
    assert msg.MY_HINT_TWO_MOVES.split("{")[0] not in one_in_two_sentences + one
    assert moves_in("Hoe is dit voor jou, elke dag zo?") == ["open_vraag_ouder"]
    assert moves_in("Mag ik iets vragen? Hoe gaat het thuis?") == ["toestemming_vragen"]
    assert moves_in("") == []


def test_the_intro_says_where_every_conversation_starts_in_the_model(tmp_path):
    """Twelfth walk (low): the figure of Mijn gesprek began at safety 3 and trust 2, and nothing said why. The intro
    says that every conversation starts there, as in lesson 05, with the model's own start values."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    start = load_model().start
    door = "" if start.door_open else msg.MY_START_DOOR_SHUT  # seventeenth check: the door at the start, too
    said = msg.MY_START.format(safety=start.safety, trust=start.trust, door=door)
    assert f"veiligheid {start.safety}" in said and f"vertrouwen {start.trust}" in said
    assert said in w.widget.children[0].value, w.widget.children[0].value


def test_a_permission_question_too_early_says_the_model_does_not_hear_the_parents_yes(tmp_path):
    """Thirteenth walk (mid, lesson 06): "Mag ik je vertellen wat mij deze week in de groep opviel?" was "Toestemming
    vragen, te vroeg" while the parent in the learner's own conversation answered "Ja, vertel maar.". The hint says
    that the model does not read the parent's turns; a question the model grants, or one with no parent turn after
    it, gets no such line."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hij heeft vandaag lekker buiten gespeeld.", "informatie_geven")
    w.add("ik", "Mag ik je vertellen wat mij deze week in de groep opviel?", "toestemming_vragen")
    w.add("ouder", "Ja, vertel maar.")
    early = w.hint_lines()[1]
    assert "te vroeg" in early and msg.MY_HINT_PARENT_NOT_HEARD in early, early
    # what 'te vroeg' means, as in the practice conversations (the effect's note), comes first
    note = effect_for("toestemming_vragen", states(w.turns)[1], load_model())["note"]
    assert early.index(note[1:]) < early.index(msg.MY_HINT_PARENT_NOT_HEARD), early
    fresh = MyConversation(AnswerStore.in_folder(tmp_path / "b"), plot=False)
    fresh.add("ik", "Mag ik je vertellen wat mij deze week in de groep opviel?", "toestemming_vragen")
    fresh.add("ouder", "Ja, vertel maar.")
    assert msg.MY_HINT_PARENT_NOT_HEARD not in fresh.hint_lines()[0]


def test_information_without_permission_says_what_the_model_counts_as_information(tmp_path):
    """Thirteenth walk (mid, lesson 06): "Hoi, fijn dat je er bent. Hij heeft vandaag lekker buiten gespeeld." chosen
    as "Informatie geven" cost safety -2 as information without permission. The hint says what the model means by
    the move (its own example) and that a chat about the day is no move; told after a yes, no such line."""
    model = load_model()
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoi, fijn dat je er bent. Hij heeft vandaag lekker buiten gespeeld.", "informatie_geven")
    (without,) = w.hint_lines()
    asked = MyConversation(AnswerStore.in_folder(tmp_path / "b"), plot=False)
    asked.add("ik", "Mag ik je iets vertellen?", "toestemming_vragen")
    asked.add("ik", "Hij vindt het overgaan naar iets nieuws lastig.", "informatie_geven")
    with_yes = asked.hint_lines()[1]
    said = msg.MY_HINT_INFORMATION.format(example=model.moves["informatie_geven"]["example"], none=msg.MY_NO_MOVE)
    assert said in without, without
    assert said not in with_yes, with_yes
    assert msg.MY_NO_MOVE in said


def test_the_intro_does_not_promise_a_proposal_for_every_sentence():
    """Thirteenth walk (low): "De hulp stelt er een voor", and for two of three sentences it proposed nothing."""
    assert "stelt er een voor" not in msg.MY_INTRO and "herkent" in msg.MY_INTRO.lower()


def test_a_turn_the_learner_set_to_no_move_is_not_asked_to_choose_one(tmp_path):
    """Fourteenth walk (low): after choosing '(geen zet)', as the information hint advises for a chat about the day,
    the line still said "kies een zet". A turn the learner set to no move says it does not count; a turn the helper
    left without a proposal still asks for a choice."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ik", "Hoi, fijn dat je er bent. Hij heeft vandaag lekker buiten gespeeld.", "informatie_geven")
    w.add("ik", "Tot morgen!", None)
    w.set_move(0, None)  # the learner picks '(geen zet)'
    set_none, left = w.hint_lines()
    assert set_none == msg.MY_HINT_NO_MOVE_CHOSEN.format(n=1) and "kies" not in set_none, set_none
    assert left == msg.MY_HINT_NO_MOVE.format(n=2), left


def test_information_that_answers_the_parent_s_own_question_counts_as_asked(tmp_path):
    """Fifteenth walk (mid, lesson 06): the parent asked "Hoe was hij vandaag?" and the learner answered with
    information; the model counted it "Informatie geven, zonder toestemming" (-2/-1). A parent who asks has asked
    to be told: the turn counts as after permission, in the figure, the summary and the hint, and the hint says it
    is the course's choice. After a parent's statement it is still information without permission."""
    w = MyConversation(AnswerStore.in_folder(tmp_path), plot=False)
    w.add("ouder", "Hoe was hij vandaag?")
    w.add("ik", "Hij was na de lunch erg moe en wilde niet buiten spelen.", "informatie_geven")
    start, after = states(w.turns)
    assert (after.safety - start.safety, after.trust - start.trust) == (0, 1), after
    hint = w.hint_lines()[1]
    assert "zonder toestemming" not in hint and msg.MY_HINT_PARENT_ASKED.format(n=1) in hint, hint
    assert "keuze van deze cursus" in msg.MY_HINT_PARENT_ASKED
    assert f"vertrouwen {after.trust}" in w.message.value
    told = MyConversation(AnswerStore.in_folder(tmp_path / "b"), plot=False)
    told.add("ouder", "Hij was vanochtend al moe.")
    told.add("ik", "Hij was na de lunch erg moe en wilde niet buiten spelen.", "informatie_geven")
    assert "zonder toestemming" in told.hint_lines()[1]
    assert msg.MY_HINT_PARENT_ASKED.format(n=1) not in told.hint_lines()[1]
    # the figure and its text name the turn as the hint does (sixteenth walk, high: the figure's label said "Informatie
    # geven, zonder toestemming" under the hint that it counted as asked)
    assert labels(w.turns) == ["Informatie geven"], labels(w.turns)
    drawn = MyConversation(AnswerStore.in_folder(tmp_path), plot=True)
    alt = drawn.output.outputs[0]["data"]["text/html"]
    assert "Informatie geven" in alt and "zonder toestemming" not in alt, alt
    # the parent's question is used once, as a yes is: the next telling is without permission again
    w.add("ik", "En in de kring zat hij alleen.", "informatie_geven")
    assert "zonder toestemming" in w.hint_lines()[2]
    # and says why (seventeenth check, mid: two answers to one question, +1 and then -2, looked like a contradiction)
    assert msg.MY_HINT_PARENT_ASKED_USED.format(n=1) in w.hint_lines()[2], w.hint_lines()[2]
    assert msg.MY_HINT_PARENT_ASKED_USED.format(n=1) not in told.hint_lines()[1]
    # a learner who asked permission before telling more gets no such line (that telling is with permission)
    again = MyConversation(AnswerStore.in_folder(tmp_path / "c"), plot=False)
    again.add("ouder", "Hoe was hij vandaag?")
    again.add("ik", "Hij was na de lunch erg moe en wilde niet buiten spelen.", "informatie_geven")
    again.add("ik", "Mag ik nog iets vertellen over de kring?", "toestemming_vragen")
    again.add("ik", "In de kring zat hij alleen.", "informatie_geven")
    assert msg.MY_HINT_PARENT_ASKED_USED.format(n=1) not in again.hint_lines()[3], again.hint_lines()[3]
