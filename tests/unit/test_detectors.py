"""Phrasing detectors: accuracy on labelled Dutch examples, robustness on any text, feedback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course.model import detectors
from course.model.detectors import LABELLED_FIELDS as LABELS
from course.model.detectors import analyse, feedback, normalise

DATA = Path(__file__).parent / "data"
THRESHOLD = 0.90


def examples(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def accuracy(rows, label):
    right = sum(getattr(analyse(r["text"]), LABELS[label]) == r[label] for r in rows)
    return right / len(rows)


# detector_examples.yaml (221) was used to write the rules. detector_heldout.yaml (100) was written
# independently afterwards; the rules were later revised after its figures were read, so it is spent
# as a held-out set. detector_dev2.yaml (160, a helper blind to the rules) was used to revise them in
# issue 9. detector_heldout2.yaml (208) was written by another helper blind to the rules (issue 9)
# and is used to measure only: its figures are the honest ones. The goal on it is 95 % per detector;
# THRESHOLD is the floor that fails the build (docs/design.md: "Detector accuracy" has the figures).
# Issue 20: detector_dev3.yaml (220, a helper blind to the rules) revised them again; detector_heldout3.yaml
# (220, another blind helper, written at the same time) was measured once before and once after that
# revision: acknowledgement 88.6 -> 90.0 %, judgement 88.2 -> 89.5 % (heldout2: 92.8 -> 91.8 %, 92.3 -> 90.9 %).
# The 95 % goal is not met; the held-out floor (HELDOUT_FLOOR) only catches a collapse.
SETS = {
    "examples": ("detector_examples.yaml", 150),
    "dev2": ("detector_dev2.yaml", 150),
    "dev3": ("detector_dev3.yaml", 200),
    "heldout": ("detector_heldout.yaml", 100),
    "heldout2": ("detector_heldout2.yaml", 200),
    "heldout3": ("detector_heldout3.yaml", 200),
}
HELDOUT_FLOOR = 0.88


@pytest.mark.parametrize("label", list(LABELS))
@pytest.mark.parametrize("which", list(SETS))
def test_detector_accuracy_on_labelled_examples(which, label):
    name, minimum = SETS[which]
    rows = examples(name)
    assert len(rows) >= minimum
    acc = accuracy(rows, label)
    print(f"\n{which} {label}: {acc:.1%} of {len(rows)} labelled sentences")
    floor = HELDOUT_FLOOR if which == "heldout3" else THRESHOLD
    assert acc >= floor, f"{label} detector accuracy {acc:.1%} on {name} is under {floor:.0%}"


def test_labelled_examples_are_well_formed():
    for name, _minimum in SETS.values():
        rows = examples(name)
        assert len({r["text"] for r in rows}) == len(rows), "duplicate sentences"
        for r in rows:
            assert set(r) == {"text", *LABELS}
            assert r["question"] in detectors.QUESTION_KINDS
            assert not r["waarom"] or r["question"] != "none"


@pytest.mark.parametrize(
    "sentence, question, why, permission, ack, judgement",
    [
        ("Hoe is dit voor jou, elke dag zo?", "open", False, False, False, False),
        ("hoe is dit voor jou elke dag zo", "open", False, False, False, False),
        ("Gaat het goed thuis?", "closed", False, False, False, False),
        ("gaat t goed thuis", "closed", False, False, False, False),
        ("Zal ik je vertellen wat ons in de groep opvalt?", "closed", False, True, False, False),
        ("Ik zie hoeveel je probeert.", "none", False, False, True, False),
        ("Waarom grijp je niet in?", "open", True, False, False, True),
        ("Waarom denk je dat het ophalen zo moeilijk is?", "open", True, False, False, False),
        ("Je moet strenger zijn.", "none", False, False, False, True),
        ("Je hoeft niet alles alleen te doen.", "none", False, False, False, False),
        ("WAT HEBBEN JULLIE AL GEPROBEERD", "open", False, False, False, False),
        ("Wat een zware week voor je.", "none", False, False, True, False),
    ],
)
def test_seed_phrasings_and_variations(sentence, question, why, permission, ack, judgement):
    a = analyse(sentence)
    assert (a.question, a.why, a.permission, a.acknowledgement, a.judgement) == (
        question,
        why,
        permission,
        ack,
        judgement,
    )


def test_feedback_names_what_was_recognised_and_gives_one_tip():
    text = feedback("Waarom heb je hem niet eerder naar bed gebracht?")
    assert "vraag met 'waarom'" in text and "verwijt" in text
    assert sum(line.startswith("Tip:") for line in text.splitlines()) == 1
    assert "geen beoordeling" in text
    closed = feedback("Slaapt hij wel genoeg?")
    assert "gesloten vraag" in closed and "Tip: maak er een open vraag van" in closed
    info = feedback("Hij heeft vandaag weer geslagen.")
    assert "geen vraag" in info and "Tip: vraag eerst" in info
    good = feedback("Ik zie hoeveel je probeert. Hoe is het voor jou?")
    assert "erkent" in good and "Mooi" in good
    assert feedback("   ") == "Schrijf eerst een zin."


def test_bad_input_is_refused_clearly():
    with pytest.raises(TypeError, match="expected a sentence"):
        analyse(None)


def test_normalise_removes_accents_and_case():
    assert normalise("  Één   Vráag\u2019s ") == "een vraag's"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_detectors_never_crash_on_any_text(text):
    """Any text gets an analysis and feedback (the time per sentence is a benchmark:
    benchmarks/detectors.py prints it, `make bench`)."""
    a = analyse(text)
    assert a.question in detectors.QUESTION_KINDS
    assert isinstance(feedback(text), str)


def test_the_detector_benchmark_runs(capsys):
    """benchmarks/detectors.py reads the labelled sets where they are (it broke once when they moved)."""
    import runpy

    runpy.run_path(str(Path(__file__).resolve().parents[2] / "benchmarks" / "detectors.py"), run_name="__main__")
    assert "sentences, median" in capsys.readouterr().out


def test_praise_that_the_parent_is_a_good_father_is_no_judgement():
    """Issue 20, finding 12: 'Ik zie dat je een goede vader bent.' was read as acknowledgement and judgement."""
    from course.model.detectors import analyse

    a = analyse("Ik zie dat je een goede vader bent.")
    assert a.acknowledgement and not a.judgement
    assert analyse("Een goede vader zou dat toch weten.").judgement  # measuring him against one still is


@pytest.mark.parametrize(
    "sentence, handreiking, not_said",
    [
        ("Hoe is dit voor jou?", "handreiking 2", "sluit aan bij de ouder"),
        ("Wat merk jij thuis?", "handreiking 2", "sluit aan bij de ouder"),
        ("Ik zie hoeveel je probeert.", "handreiking 1", "vanuit nieuwsgierigheid"),
    ],
)
def test_the_praise_names_the_handreiking_the_sentence_follows(sentence, handreiking, not_said):
    """Issue 20, finding 12: an open question is handreiking 2 (nieuwsgierig vragen), not 1 (aansluiten)."""
    from course.model.detectors import feedback

    text = feedback(sentence)
    assert handreiking in text and not_said not in text, text


@pytest.mark.parametrize(
    "sentence",
    [
        "Zou je het fijn vinden om samen te kijken wat kan helpen?",
        "Zullen we samen kijken wat kan helpen?",
        "Wil je dat we samen kijken wat hem kan helpen?",
        "Zal ik je vertellen wat ons in de groep opvalt?",
    ],
)
def test_a_good_offer_or_permission_question_is_named_good_not_sent_back_for_acknowledgement(sentence):
    """Issue 24: in lesson 05's oefenvraag 2 (write an offer as a question) a good offer got only
    'Tip: begin met erkenning', so the learner never heard that the offer itself was right."""
    text = feedback(sentence)
    assert "Mooi" in text and "handreiking 3" in text, text
    assert "Tip: begin met erkenning" not in text, text


def test_a_sentence_with_an_acknowledgement_and_a_permission_question_is_praised_for_both():
    """Issue 24 (a learner's walk): in an exercise on handreiking 3 a sentence that also acknowledged the parent
    was praised for handreiking 1 only."""
    text = feedback("Ik snap dat het zwaar is. Mag ik vertellen wat ik zie in de groep?")
    assert "handreiking 1" in text and "handreiking 3" in text, text


def test_an_acknowledgement_followed_by_maar_is_not_praised():
    """Issue 24 (a learner's walk): "Ik snap dat je boos bent, maar we hebben gewoon regels." got "Je erkent de
    inzet of de gevoelens van de ouder."; lesson 02 teaches that a friendly line and then 'maar' is walking on."""
    text = feedback("Ik snap dat je boos bent, maar we hebben gewoon regels.")
    assert "'maar'" in text and "Mooi" not in text and "Je erkent de inzet" not in text, text
    text = feedback("Ik zie hoeveel je probeert, maar hij slaat nog steeds.")
    assert "Tip: laat je erkenning even staan" in text and "Mooi" not in text, text
    assert "Mooi" in feedback("Ik snap dat je boos bent. Hoe is dit voor jou?")  # no 'maar': praised as before


def test_a_waarom_question_is_not_first_called_open():
    """Issue 24 (a learner's walk): the sentence to rewrite, "Waarom is hij weer zo laat?", began with "Je stelt een
    open vraag"."""
    first = feedback("Waarom is hij weer zo laat?").splitlines()[0]
    assert "open vraag" not in first and "waarom" in first.lower()


def test_a_welcome_is_not_an_acknowledgement_of_effort_or_worries():
    """Issue 24 (a learner's walk, lesson 06): "Hoi, goed dat je er bent. Hoe is het voor jou, de laatste tijd?" was
    proposed as 'Erkenning van inzet of zorgen' in Mijn gesprek, against lesson 04's open question. Being glad the
    parent came names the parent's presence, not her effort or worries; the open question decides."""
    from course.model.my_conversation import propose

    for welcome in (
        "Goed dat je er bent.",
        "Fijn dat jullie er zijn!",
        "Fijn dat je kon komen.",
        "Mooi dat u hier bent.",
    ):
        assert not analyse(welcome).acknowledgement, welcome
    assert propose("Hoi, goed dat je er bent. Hoe is het voor jou, de laatste tijd?") == "open_vraag_ouder"
    for praise in ("Fijn dat je zo goed voor hem zorgt.", "Goed dat je dit vertelt.", "Knap dat jullie dit volhouden."):
        assert analyse(praise).acknowledgement, praise


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik snap dat het zwaar is. Mag ik vertellen wat ik zie in de groep?",
        "Hoe is dit voor jou?",
        "Ik zie hoeveel je probeert.",
    ],
)
def test_feedback_in_a_lesson_does_not_send_the_learner_to_that_lesson(sentence):
    """Issue 24, third walk: lesson 04's open exercise said "Die leer je in les 04"."""
    assert "les 04" in feedback(sentence)
    inside = feedback(sentence, here="04_vier_handreikingen")
    assert "les 04" not in inside and "handreiking" in inside and "()" not in inside and "( " not in inside, inside


def test_every_lesson_reference_in_a_tip_has_the_form_that_can_be_left_out():
    """A tip names a lesson as ', les NN)' or ' (les NN)': the only forms feedback(..., here=) removes."""
    for key, text in detectors.rules().messages.items():
        for match in re.finditer(r"les \d\d", text):
            before, after = text[: match.start()], text[match.end() :]
            assert after.startswith(")") and before.endswith((", ", " (")), (key, text)


def test_an_open_exercise_knows_the_lesson_it_is_shown_in(tmp_path):
    from course.learner.blocks import build
    from course.learner.lesson import Lesson

    lesson = Lesson("04_vier_handreikingen", folder=tmp_path)
    item = next(i for i, v in lesson.content["items"].items() if v["type"] == "open_text")
    exercise = build(lesson, item)
    exercise.write("Ik zie hoeveel je probeert.")
    assert "handreiking 1" in exercise.check() and "les 04" not in exercise.check()


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Je bent altijd te laat.", ("je bent altijd te laat",)),
        ("Hij is altijd te laat, altijd weer.", ("altijd te laat",)),
        ("Dat is toch niet normaal, je moet gewoon op tijd komen.", ("je moet", "gewoon")),
    ],
)
def test_each_judging_phrase_is_named_once(sentence, words):
    """Issue 24, third walk: 'te laat', 'altijd te laat', 'altijd' ... one phrase was listed four times."""
    assert analyse(sentence).judgement_words == words
    said = feedback(sentence)
    for word in words:
        assert said.count(f"'{word}'") == 1, said


def test_an_exercise_that_asks_for_a_statement_words_the_no_question_line_itself():
    """Issue 24, fourth walk: lesson 06 asks for 'één zin waarmee je laat merken dat je hem ziet en hoort' and the
    hint began 'Je zin is geen vraag.' before 'Mooi'. Lesson 05 asks for an offer as a question and the tip said
    'maak er een open vraag van'."""
    from course.content import load_lesson

    henk = load_lesson("06_tot_slot_en_nu")["items"]["t_oefen_eigen_zin"]
    said = feedback("Wat zwaar klinkt dat. Ik zie hoe u er elke dag voor hem bent.", henk["tips"])
    assert "Je zin is geen vraag." not in said and said.startswith(henk["tips"]["question_none"]), said
    offer = load_lesson("05_praktijkvoorbeeld")["items"]["oefen_aanbod_zin"]
    said = feedback("Wil je hulp?", offer["tips"])
    assert "open vraag van" not in said and "ja/nee-vraag" in said, said
    with pytest.raises(ValueError, match="no such tip"):
        feedback("Hoi.", {"question_open": "Anders."})


REASSURANCE = [
    "Ach, u bent helemaal niet te oud, hoor!",
    "Maak je geen zorgen.",
    "Dat valt best mee.",
    "Dat komt vast goed.",
    "Dat hebben alle kinderen.",
]


@pytest.mark.parametrize("sentence", REASSURANCE)
def test_reassurance_is_recognised_as_taking_the_tension_away(sentence):
    """Issue 24 (a learner's walk, lesson 06, opa Henk): "Ach, u bent helemaal niet te oud, hoor!" got only 'Je zin is
    geen vraag' and 'vraag eerst of de ouder dit wil horen'. Lesson 06 calls reassuring 'de spanning snel wegnemen';
    lesson 04 says it makes the parent's worries smaller."""
    a = analyse(sentence)
    assert a.reassurance and not a.judgement, a
    said = feedback(sentence)
    messages = detectors.rules().messages
    assert messages["reassurance"].replace("{person}", "de ouder") in said, said
    tip = messages["tip_reassurance"].replace("{person}", "de ouder")
    assert (detectors.polite(tip) if re.search(r"\bu\b", sentence) else tip) in said, said  # 'u': the u-form
    assert "gesloten vraag" not in said and "Mooi" not in said, said


DEFENCE = [
    "We bellen alleen bij echte ongelukken, dat staat in het protocol.",
    "Zo zijn nu eenmaal de regels.",
    "Daar kunnen wij niets aan doen.",
    "Wij doen ook ons best.",
]


@pytest.mark.parametrize("sentence", DEFENCE)
def test_defending_yourself_is_recognised(sentence):
    """Issue 24 (a learner's walk, lesson 03, vader Jeroen): "We bellen alleen bij echte ongelukken, dat staat in het
    protocol." got only 'vraag eerst of de ouder dit wil horen'; lesson 03 calls explaining the rules or saying that it
    is not so 'in de verdediging schieten'."""
    assert analyse(sentence).defence
    said = feedback(sentence)
    messages = detectors.rules().messages
    assert messages["defence"] in said and messages["tip_defence"].replace("{person}", "de ouder") in said, said
    assert "Mooi" not in said, said
    from course.model.my_conversation import propose

    assert propose(sentence) == "verdediging"  # Mijn gesprek proposes 'In de verdediging schieten'


GOOD = [
    "Hoe is dit voor jou?",
    "Ik zie hoeveel je probeert.",
    "Wat hebben jullie al geprobeerd?",
    "Dat klinkt alsof het soms veel voor je is.",
    "Het valt niet mee, hè, om elke dag alles te regelen.",
    "Komt het goed uit als ik je morgen even bel?",
    "Hoe gaat het nu met je, nu hij weer naar school gaat?",
    "Wat maakt dat je je zorgen maakt?",
    "Ik zie dat je je zorgen maakt om hem.",
    "Ik zie hoe u er elke dag voor hem bent.",
    "Zullen we samen kijken wat kan helpen?",
    "Dus het gaat wel goed met het zindelijk worden?",  # a question, no reassurance (detector_heldout.yaml)
    "Mag ik je vertellen wat we in de groep afspreken over ongelukjes?",
    "Hoe komt het, denk je, dat het thuis beter gaat?",
]


@pytest.mark.parametrize("sentence", GOOD)
def test_a_good_sentence_gets_no_new_warning(sentence):
    """The reassurance, defence and 'weer' rules (issue 24, a learner's walk) do not warn about a good sentence."""
    a = analyse(sentence)
    assert not (a.reassurance or a.defence or a.judgement), a
    said = feedback(sentence)
    for key in ("reassurance", "defence", "tip_reassurance", "tip_defence", "tip_judgement"):
        assert detectors.rules().messages[key].split("(")[0].split("{")[0] not in said, said
    if sentence in ("Hoe is dit voor jou?", "Ik zie hoeveel je probeert."):
        assert "Mooi" in said, said


@pytest.mark.parametrize(
    "sentence, word",
    [("Je bent weer laat, hè?", "weer laat"), ("Shanti was weer te druk vandaag, hoor.", "weer te druk")],
)
def test_a_judgement_with_weer_is_named(sentence, word):
    """Issue 24 (a learner's walk): these got only 'Je stelt een gesloten vraag' / 'Je zin is geen vraag', though
    lesson 04 lists 'weer' and 'te laat' as judging words."""
    a = analyse(sentence)
    assert a.judgement and a.judgement_words == (word,), a
    assert f"'{word}'" in feedback(sentence)
    assert not analyse("Hij gaat weer te voet naar school.").judgement  # 'weer te' + a judging word only


def test_a_negative_question_names_its_judging_part():
    """Issue 24 (a learner's walk): for "Heeft u het niet te druk om hem steeds op te halen?" the judging phrase named
    was 'heeft u het niet'; the judging part is 'te druk'. The opening of a negative question is named only when
    nothing else in that clause judges."""
    assert analyse("Heeft u het niet te druk om hem steeds op te halen?").judgement_words == ("te druk",)
    assert analyse("Heb je niet gezien dat hij huilde?").judgement_words == ("heb je niet",)  # as before


def test_the_hint_names_the_exercise_s_person_not_de_ouder(tmp_path):
    """Issue 24 (a learner's walk, lesson 01): to opa Ramon the hint said 'de ouder kan in eigen woorden vertellen'.
    An exercise names its person (item 'person'); the hint uses that name, and stays HTML-escaped."""
    from course.learner.blocks import build
    from course.learner.lesson import Lesson

    lesson = Lesson("01_waarom_ouders", folder=tmp_path)
    assert lesson.content["items"]["w_oefen_eerste_zin"]["person"] == "opa Ramon"
    exercise = build(lesson, "w_oefen_eerste_zin")
    exercise.write("Hoe was jouw dag?")
    said = exercise.check()
    assert "opa Ramon kan in eigen woorden vertellen" in said and "de ouder" not in said, said
    exercise.write("Jij <b>& co</b> moet op tijd komen.")  # the judging words shown are the learner's own
    said = exercise.check()
    assert "<b>" not in said and "&lt;b&gt;" in said and "&amp;" in said, said
    assert "de ouder" in feedback("Hoe was jouw dag?")  # without a person: the general wording


def test_each_clause_is_placed_where_it_stands():
    """Review: one splitter gives every clause its span in the normalised sentence; a repeated question is placed
    where it stands (text.find placed it at its first occurrence)."""
    text = normalise("Waarom ben je zo laat? Waarom ben je zo laat?")
    clauses = [c for c in detectors._clauses(text) if c.text]
    assert [(c.start, c.end, c.asked) for c in clauses] == [(0, 21, True), (23, 44, True)]
    assert all(text[c.start : c.end] == c.text for c in clauses)


@pytest.mark.parametrize(
    "sentence, spans, words",
    [
        # the first 'maak je niet druk' reassures; the repeated one, asked, is a negative question of its own
        ("Maak je niet druk. Maak je niet druk?", ((19, 31),), ("maak je niet",)),
        # a repeated 'waarom' question judges in both places, and is named once
        ("Waarom kom je niet? Waarom kom je niet?", ((14, 18), (34, 38)), ("niet",)),
        # the reproach 'niet' of the question is its own, not the 'niet' of 'nog steeds niet' before it
        ("Hij slaapt nog steeds niet. Waarom lukt het niet?", ((11, 26), (44, 48)), ("nog steeds niet", "niet")),
        # the reproach 'weer' is the one in the question, not the weather before it
        ("Fijn weer vandaag. Waarom heeft ze weer geen jas bij zich?", ((35, 44),), ("weer geen",)),
    ],
)
def test_a_judging_span_is_marked_where_it_stands(sentence, spans, words):
    """Review: a clause or word that occurs twice was placed at its first occurrence (text.find), so a hint that
    marks where the judging words stand would mark the wrong place."""
    a = analyse(sentence)
    assert a.judgement_words == words, a
    assert a.judgement_spans == spans, a
    text = normalise(sentence)
    assert tuple(dict.fromkeys(text[start:end] for start, end in spans)) == words


@pytest.mark.parametrize(
    "sentence",
    [
        "Wat schrik je, Evi heeft een flinke bult. Ik snap dat je boos bent.",
        "Wat schrok je, hè.",
        "Wat baal je ervan, dat snap ik.",
        "Wat ben jij geduldig met hem.",
    ],
)
def test_an_exclamation_with_wat_is_no_open_question(sentence):
    """Learner walk (lesson 03, oefenvraag 5): "Wat schrik je, …" (how startled you are) without a question mark
    was praised as an open question ("Jeroen kan in eigen woorden vertellen")."""
    assert analyse(sentence).question == "none"
    assert "open vraag" not in feedback(sentence, person="Jeroen").splitlines()[0]


@pytest.mark.parametrize(
    "sentence, question",
    [
        ("Wat schrik je?", "open"),  # asked: a question after all
        ("wat denk jij dat hem zou kunnen helpen", "open"),  # 'wat' as the object of the verb, no '?'
        ("Wat vind je er zelf van, hoe het gaat met zijn huiswerk", "open"),
        ("Wat heeft u zelf al geprobeerd?", "open"),
        ("Wat zie je bij hem, als hij thuiskomt?", "open"),
        # seventh walk (lesson 00): how someone looks is an exclamation, also in a sentence with a question mark;
        # what follows it is a closed question (and 'zeker' an assumption)
        ("Wat zie je er moe uit, het is zeker druk thuis?", "closed"),
        ("Wat zie je er moe uit!", "none"),
        ("Wat klink je gehaast vandaag.", "none"),
    ],
)
def test_a_wat_question_without_a_question_mark_stays_a_question(sentence, question):
    assert analyse(sentence).question == question


def _asks_for_a_sentence(prompt):
    """An open-text prompt that asks for a sentence ('Schrijf één zin …', 'Schrijf de eerste zin …'), not for a
    question ('Herschrijf deze vraag tot een open vraag', 'een aanbod … als vraag', 'een zin waarin je eerst
    toestemming vraagt')."""
    return re.search(r"\bschrijf (één|een|de eerste) zin\b", prompt, re.IGNORECASE) is not None


def test_an_exercise_that_asks_for_a_sentence_does_not_fault_a_statement():
    """Learner walk (lesson 01, oefenvraag 2: 'Schrijf één zin waarmee je even contact met hem maakt'): a warm
    statement got 'Je zin is geen vraag. Tip: met een vraag …', which felt like a wrong answer. Every open-text item
    that asks for a sentence, not a question, words the no-question line itself (as lesson 06 does)."""
    from course.content import lesson_ids, load_lesson

    statement_items = []
    for lesson in lesson_ids():
        for item_id, item in load_lesson(lesson)["items"].items():
            if item.get("type") != "open_text" or not _asks_for_a_sentence(item["prompt"]):
                continue
            statement_items.append(item_id)
            tips = item.get("tips") or {}
            for sentence in ("Fijn je te zien!", "Goedemiddag, fijn dat je er bent.", "Ik zie hoeveel je probeert."):
                said = feedback(sentence, tips, lesson, item.get("person"))
                assert "Je zin is geen vraag" not in said, (item_id, said)
                assert said.startswith(tips.get("question_none", "-")), (item_id, said)
    assert {"start_eigen_zin", "w_oefen_eerste_zin", "g_oefen_eerste_zin", "t_oefen_eigen_zin"} <= set(statement_items)


@pytest.mark.parametrize(
    "sentence, move",
    [
        ("Hoe gaat het thuis met Sem?", None),  # seventh walk: about the child, not the parent
        ("Hoi, fijn dat je er bent. Hoe gaat het thuis met Sem?", None),  # eighth walk: 'je' outside the question
        ("Fijn dat je er bent. Hoe is het voor jou, de laatste tijd?", "open_vraag_ouder"),
        ("Vertel eens, hoe is het voor jou", "open_vraag_ouder"),
        ("Wat doet Noor het liefst na school?", None),
        ("Wie hier vecht, mag een week niet komen.", None),  # 'wie' opens no question to the parent here
        ("Hoe gaat het met jou, de laatste tijd?", "open_vraag_ouder"),
        ("Hoe is dit voor u?", "open_vraag_ouder"),
        ("Wat hebben jullie al geprobeerd?", "open_vraag_ouder"),
        # tenth walk: 'bij jullie thuis' names the place, the question is about the child's eating
        ("Hoe gaat het eten bij jullie thuis?", None),
        ("Hoe gaat het slapen bij je thuis?", None),
        ("Hoe gaat het bij jullie?", "open_vraag_ouder"),
        ("Hoe is het thuis voor jou?", "open_vraag_ouder"),
    ],
)
def test_an_open_question_is_proposed_as_one_about_the_parent_only_when_it_speaks_to_the_parent(sentence, move):
    from course.model.my_conversation import propose

    assert propose(sentence) == move


@pytest.mark.parametrize(
    "sentence, tip",
    [
        ("Je zorgt elke dag voor hem, Henk, en ik zie hoe hij naar je toe rent.", "tip_good_presence"),
        ("Ik zie dat je haar elke dag zelf komt halen.", "tip_good_presence"),
        ("Ik zie hoeveel je probeert.", "tip_good_acknowledgement"),  # effort: handreiking 1, as lesson 05 reads it
    ],
)
def test_naming_the_parents_daily_presence_is_praised_as_handreiking_4(sentence, tip):
    """Eighth walk (lesson 06): "Je zorgt elke dag voor hem, …" was praised as handreiking 1, while lesson 04 files
    a parent's concrete presence under handreiking 4; the hint now agrees with Mijn gesprek's proposal."""
    from course.model.my_conversation import propose

    said = feedback(sentence)
    other = {"tip_good_presence", "tip_good_acknowledgement"} - {tip}
    messages = detectors.rules().messages
    assert messages[tip].split("{")[0] in said and messages[other.pop()].split("{")[0] not in said, said
    assert (propose(sentence) == "goede_ouder") == (tip == "tip_good_presence")


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Rustig maar, het is maar een bultje!", "reassurance"),  # eighth walk, lesson 03
        ("Ach, het is maar een schrammetje.", "reassurance"),
        ("Ach welnee Henk, je doet het hartstikke goed!", "reassurance"),  # fourteenth walk, lesson 06
        ("Nee joh, je bent een prima vader.", "reassurance"),
        ("Ach joh, dat komt bij iedereen voor.", "reassurance"),
        ("Wij hebben de regels gewoon gevolgd.", "defence"),  # eighth walk: only 'gewoon' was named
        ("We hebben het protocol netjes nageleefd.", "defence"),
    ],
)
def test_making_a_worry_small_and_pointing_at_the_rules_are_named(sentence, kind):
    a = analyse(sentence)
    assert getattr(a, kind), a
    assert detectors.rules().messages[kind].split("(")[0].split("{")[0] in feedback(sentence), feedback(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Het is maar een idee, hoor.", "Doe maar rustig aan met de tas.", "Ach nee, wat vervelend voor je!"],
)
def test_maar_and_rustig_alone_are_no_reassurance(sentence):
    assert not analyse(sentence).reassurance


@pytest.mark.parametrize(
    "sentence, told",
    [
        ("Mag ik je een tip geven? Hij moet eerder naar bed.", True),  # eighth walk: praised as a choice
        ("Zal ik je vertellen wat ons opvalt? Ze is 's middags vaak moe.", True),
        ("Mag ik je een tip geven? Misschien helpt een vast ritueel bij het slapen.", True),
        ("Zal ik je vertellen wat ons in de groep opvalt?", False),  # the article's own sentence: it stops there
        ("Mag ik je iets vragen? Hoe gaat het thuis?", False),  # a second question leaves the choice open
        ("Zal ik je vertellen wat ons opvalt? Je mag ook nee zeggen.", False),  # it says the parent may decline
        ("Zal ik je vertellen wat ons opvalt? Het hoeft niet, hoor.", False),
        ("Zullen we samen kijken wat Mees en jou helpt? Zijn ouders mogen er ook bij.", False),  # adds to the offer
        ("Zullen we binnenkort samen kijken wat haar kan helpen? Jij zegt wanneer.", False),
        ("Mag ik iets vertellen? Over eten, hier.", False),  # names the topic (weinig Nederlands)
    ],
)
def test_a_permission_question_followed_at_once_by_the_tip_is_not_praised_as_a_choice(sentence, told):
    """Eighth walk (low): "Mag ik je een tip geven? Hij moet eerder naar bed." was answered with "Een ja/nee-vraag is
    hier goed: de ouder mag nee zeggen." The question leaves no room for that no when the tip follows at once."""
    messages = detectors.rules().messages
    said = feedback(sentence)
    assert analyse(sentence).permission, sentence
    assert (messages["told_anyway"].split("{")[0] in said) == told, said
    if told and not analyse(sentence).judgement:
        assert messages["tip_wait"].split("{")[0] in said and messages["tip_good_permission"].split("{")[0] not in said
    if not told:
        assert messages["tip_wait"].split("{")[0] not in said


@pytest.mark.parametrize(
    "sentence, remark",
    [
        ("Wat zie je er moe uit!", True),  # eighth walk: answered with the permission tip
        ("Wat klink je moe.", True),
        ("Wat schrik je, Evi heeft een flinke bult.", True),
        ("Hij was vandaag erg druk.", False),  # information: ask first whether the parent wants to hear it
    ],
)
def test_a_remark_on_how_the_parent_looks_gets_the_tip_to_ask_not_the_permission_tip(sentence, remark):
    messages = detectors.rules().messages
    said = feedback(sentence)
    assert analyse(sentence).question == "none"
    assert (messages["tip_remark"].split("{")[0] in said) == remark, said
    assert (messages["tip_permission"].split("{")[0] in said) == (not remark), said


@pytest.mark.parametrize(
    "sentence, ironic",
    [
        ("Ik zie dat hij vandaag wel heel moe is.", False),  # eighth walk: 'vandaag wel' named as a judgement
        ("Fijn dat u er vandaag wel bent.", True),
        ("Wat knap dat je vandaag wel op tijd bent.", True),
    ],
)
def test_vandaag_wel_is_irony_only_when_it_is_said_of_the_parent(sentence, ironic):
    a = analyse(sentence)
    assert a.judgement == ironic and not a.acknowledgement, a


@pytest.mark.parametrize(
    "sentence, before",
    [
        ("Hij moet echt eerder naar bed, zal ik uitleggen waarom?", True),  # tenth walk, lesson 04 oefenvraag 4
        ("Zal ik je vertellen wat ons opvalt?", False),
        ("Ik zie dat je je best doet. Zal ik je vertellen wat ons opvalt?", False),  # acknowledgement first: fine
    ],
)
def test_a_judgement_before_the_permission_question_is_named(sentence, before):
    said = feedback(sentence)
    assert (detectors.rules().messages["told_before"].split("{")[0] in said) == before, said


@pytest.mark.parametrize(
    "sentence, example",
    [
        ("Heeft u het druk gehad vandaag?", "'Hoe is dit voor u?'"),  # tip_closed
        ("Wat ziet u er moe uit!", "'Hoe gaat het met u?'"),  # tip_remark
        ("Uw zoon heeft vandaag geslagen.", "'Zal ik u vertellen wat ons in de groep opvalt?'"),  # tip_permission
        ("Heb je het druk gehad vandaag?", "'Hoe is dit voor jou?'"),  # 'je' stays 'je'
    ],
)
def test_a_tip_speaks_to_the_parent_the_way_the_learner_did(sentence, example):
    """Tenth walk: a learner who wrote to the parent with 'u' got tips whose examples said 'je' and 'jou'. The
    example sentences in a tip (between single quotes) follow the learner: 'u' when the learner's sentence says
    'u' or 'uw' and no 'je'; the tip's own words to the learner stay 'je'."""
    said = feedback(sentence)
    assert example in said, said


def test_every_tip_example_can_be_said_with_u():
    """Every quoted example in the detectors' tips and the exercises' own tips, made polite, keeps no 'je', 'jij',
    'jou' or 'jouw', and a verb before 'je' takes the u-form ('Wil je' -> 'Wilt u')."""
    from course.content import lesson_ids, load_lesson

    texts = [v for k, v in detectors.rules().messages.items() if k.startswith("tip_")]
    texts += [
        v
        for lesson in lesson_ids()
        for item in load_lesson(lesson)["items"].values()
        for v in (item.get("tips") or {}).values()
    ]
    quoted = [q for text in texts for q in re.findall(r"'([^']+)'", detectors.polite(text))]
    assert len(quoted) > 20
    left = [q for q in quoted if re.search(r"\b(je|jij|jou|jouw|jezelf)\b", q, re.IGNORECASE)]
    assert not left, left
    assert (
        detectors.polite("Vraag: 'Wil je dat ik het uitleg? Kun je morgen?'")
        == "Vraag: 'Wilt u dat ik het uitleg? Kunt u morgen?'"
    )
    assert detectors.polite("Zeg: 'Je schrok, hè, toen je die bult zag. Hoe was jouw dag?'") == (
        "Zeg: 'U schrok, hè, toen u die bult zag. Hoe was uw dag?'"
    )
    assert detectors.polite("Kijk je eerst? 'Hoe is dit voor jou?'") == "Kijk je eerst? 'Hoe is dit voor u?'"


@pytest.mark.parametrize(
    "sentence",
    ["Waarom lukt het niet om op tijd te komen?", "Waarom eet ze thuis niks?", "Waarom gaat het steeds mis?"],
)
def test_a_word_that_makes_a_why_question_a_reproach_is_named_with_the_why(sentence):
    """Thirteenth walk (low, lesson 04): "Waarom lukt het niet om op tijd te komen?" got "Je gebruikt woorden die als
    een oordeel of aanname kunnen klinken: 'niet'": 'niet' alone judges nothing; with 'waarom' it makes a reproach.
    The hint says so, and the tip is the 'waarom' tip; a judgement of its own keeps the judgement hint."""
    messages = detectors.rules().messages
    hint = feedback(sentence)
    assert messages["judgement"].split("{")[0] not in hint, hint
    assert messages["why_reproach"].split("{")[0] in hint and messages["tip_why"] in hint, hint
    judged = feedback("Waarom heb je thuis geen regels?")
    assert messages["judgement"].split("{")[0] in judged and messages["tip_judgement"].split("{")[0] in judged, judged


def test_an_exercises_own_tip_answers_any_sentence_that_gets_it():
    """Fourteenth walk (low, lesson 03 oefenvraag 5): "Evi is gevallen …" got the tip "begin bij Jeroen zelf, niet bij
    de regels", while the sentence said nothing of rules (a line about the rules gets the defence tip). A lesson's own
    wording of the permission tip fits every plain statement, so it names nothing such a statement may not hold."""
    from course.content import lesson_ids, load_lesson

    checked = 0
    for lesson in lesson_ids():
        for item_id, item in load_lesson(lesson)["items"].items():
            own = (item.get("tips") or {}).get("tip_permission")
            if not own:
                continue
            said = feedback("Evi is vandaag op het plein gevallen.", item["tips"], lesson, item.get("person"))
            assert own.replace("{person}", item.get("person") or "de ouder") in said, (item_id, said)
            assert "regel" not in own.lower(), (item_id, own)
            checked += 1
    assert checked


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("Hoe komt het dat hij altijd zo laat is?", "altijd zo laat"),
        ("Hoe kan het dat ze steeds zo laat is?", "steeds zo laat"),
        ("Hoe komt het dat jullie nooit op tijd zijn?", "nooit op tijd"),
    ],
)
def test_a_reproach_inside_a_hoe_question_is_named(sentence, word):
    """Fifteenth walk (mid): "Hoe komt het dat hij altijd zo laat is?" was praised as an open question ('altijd zo
    laat' judged nothing, while 'altijd te laat' did)."""
    a = analyse(sentence)
    assert a.judgement and word in " ".join(a.judgement_words), a
    assert "Mooi" not in feedback(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Het regent alweer.",
        "Hoe komt het dat hij altijd zo vrolijk is?",
        "Is hij thuis wel eens zo boos?",
        "Hoe laat kom je hem morgen halen?",
        "Gaat het thuis wel goed met jou?",
    ],
)
def test_words_near_those_reproaches_judge_nothing(sentence):
    """The other side of the rules above (fifteenth walk, low: "Het regent alweer." was proposed as Oordeel)."""
    assert not analyse(sentence).judgement, analyse(sentence)


@pytest.mark.parametrize(
    "lesson, item_id",
    [("03_de_ouder_achter_het_gedrag", "g_oefen_eerste_zin"), ("06_tot_slot_en_nu", "t_oefen_eigen_zin")],
)
def test_a_remark_to_an_upset_parent_gets_the_exercise_s_own_question_not_small_talk(lesson, item_id):
    """Fifteenth walk (low, lesson 03 oefenvraag 5): "U ziet er boos uit!" to the frightened, angry father Jeroen got
    the general tip "'Hoe gaat het met u?'". Where the exercise's parent is upset, a remark's tip is its own."""
    from course.content import load_lesson

    item = load_lesson(lesson)["items"][item_id]
    # sixteenth walk: "U ziet er boos uit!" (said plainly) got the permission tip
    for sentence in ("Wat zie je er boos uit!", "Wat zie je er moe uit!", "U ziet er boos uit!", "Je klinkt moe."):
        said = feedback(sentence, item["tips"], lesson, item.get("person"))
        own = item["tips"]["tip_remark"].replace("{person}", item.get("person") or "de ouder")
        assert "Hoe gaat het met" not in said and (own in said or detectors.polite(own) in said), said


@pytest.mark.parametrize(
    "sentence, praise",
    [
        ("Hoe komt het dat hij altijd zo laat is?", "in eigen woorden vertellen"),
        ("Wat doen jullie thuis verkeerd?", "in eigen woorden vertellen"),
        ("Hij moet echt eerder naar bed, mag ik dat zeggen?", "hier goed"),
        ("Mag ik je vertellen wat hij verkeerd doet?", "hier goed"),
    ],
)
def test_a_question_with_a_judgement_in_it_is_not_first_praised(sentence, praise):
    """Sixteenth walk (mid, lessons 01 and 04): "Hoe komt het dat hij altijd zo laat is?" began with "Je stelt een open
    vraag: opa Ramon kan in eigen woorden vertellen." and "Hij moet echt eerder naar bed, mag ik dat zeggen?" with
    "Een ja/nee-vraag is hier goed", before the judgement was named: mixed signals. The first line says the form
    without praise; the judgement line and its tip follow. Without a judgement the praise stays."""
    said = feedback(sentence)
    assert praise not in said and detectors.rules().messages["judgement"].split("{")[0] in said, said
    assert detectors.rules().messages["tip_judgement"].split("{")[0] in said, said
    assert "in eigen woorden vertellen" in feedback("Hoe komt het, denk je, dat hij moe is?")
    assert "hier goed" in feedback("Mag ik je vertellen wat ons in de groep opvalt?")
