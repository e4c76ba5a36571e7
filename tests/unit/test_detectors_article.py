"""The phrasing hints agree with the article: its own lines get the advice the article would give,
and the forms a careful read found missing are recognised (findings of issue 9, as tests).

These sentences were written for the tests from the issue's list; the held-out set
(tests/unit/data/detector_heldout2.yaml) only measures, see test_detectors.py.
"""

from __future__ import annotations

import pytest

from course.model.detectors import analyse, feedback, rules

# Every professional line of the article (Koster, z.d.): the praktijkvoorbeeld and the examples
# of the handreikingen, with what the article makes of it.
ARTICLE_LINES = [
    ("Hoe is dit voor jou, elke dag zo?", "open"),
    ("Ik zie hoeveel je probeert. En hoe zwaar dit is voor jullie allebei.", "acknowledgement"),
    (
        "Zou je het fijn vinden om samen een keer te kijken wat voor hem, en voor jou, helpend zou kunnen zijn "
        "bij het ophalen?",
        "permission",
    ),
    ("Hoe is dit voor jou als ouder?", "open"),
    ("Wat hebben jullie al geprobeerd?", "open"),
    ("Wat zou kunnen helpen?", "open"),
    ("Zal ik je vertellen wat ons in de groep opvalt?", "permission"),
    ("Mag ik je uitleggen wat wij zouden kunnen bieden?", "permission"),
]
WRONG_TIPS = ("tip_closed", "tip_judgement", "tip_why")


@pytest.mark.parametrize("line, what", ARTICLE_LINES)
def test_the_articles_own_lines_get_the_articles_advice(line, what):
    a = analyse(line)
    assert not a.judgement, f"{line!r} judged: {a.judgement_words}"
    assert {"open": a.question == "open", "permission": a.permission, "acknowledgement": a.acknowledgement}[what], (
        f"{line!r}: {a}"
    )
    text = feedback(line)
    for tip in WRONG_TIPS:
        assert rules().messages[tip] not in text, f"{line!r} got {tip}"


@pytest.mark.parametrize(
    "sentence",
    [
        "Zou je het fijn vinden als we samen een plan maken?",
        "Wil je een keer met mij kijken wat kan helpen?",
        "Wilt u samen met ons kijken wat hem helpt bij het afscheid?",
        "Zou je het niet fijn vinden om samen te kijken?",
    ],
)
def test_offers_that_ask_permission_are_not_closed_questions_to_open(sentence):
    a = analyse(sentence)
    assert a.permission and not a.judgement, a
    text = feedback(sentence)
    assert rules().messages["tip_closed"] not in text and "gesloten vraag" not in text
    assert "toestemming" in text


@pytest.mark.parametrize(
    "sentence",
    [
        "Je bent een goede moeder voor hem.",
        "U bent een betrokken vader.",
        "Wat zwaar voor je.",
        "Wat vervelend voor jullie, zo'n week.",
        "Ik merk dat het je raakt.",
        "Ik hoor dat het thuis ook pittig is voor je.",
        "Knap hoe je dat allemaal regelt naast je werk.",
        "Je doet zoveel voor hem.",
        "Ik waardeer het dat je vandaag gekomen bent.",
    ],
)
def test_acknowledgement_in_its_other_forms(sentence):
    a = analyse(sentence)
    assert a.acknowledgement and not a.judgement, a


@pytest.mark.parametrize(
    "sentence",
    [
        "Heb je niet gezien dat zijn jas kapot is?",
        "Kan het niet eens op tijd?",
        "Ben je nu weer te laat?",
        "Is hij alweer zijn gymtas vergeten?",
        "Voor de zoveelste keer: zijn tas is niet mee.",
        "Heeft u nog steeds geen afspraak gemaakt?",
        "Je bent altijd te laat.",
        "Jullie komen nooit naar de ouderavond.",
    ],
)
def test_reproach_in_its_other_forms(sentence):
    assert analyse(sentence).judgement, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Je mag altijd bellen.",
        "U kunt altijd even binnenlopen.",
        "Het is nooit makkelijk als ouder.",
        "Hij heeft altijd zin in de bso.",
        "Ik ben er altijd voor jullie.",
    ],
)
def test_altijd_and_nooit_judge_only_failings(sentence):
    assert not analyse(sentence).judgement, analyse(sentence).judgement_words
