"""The test-wise reader's cues, as course/authoring/item_checks.py measures them, tried on small made-up items
(issue 18, part 3). The course-wide goals are asserted once the items are rewritten; until then
`python -m course.authoring.item_checks` prints the figures."""

from __future__ import annotations

from course.authoring import item_checks as ic


def choice(iid: str, prompt: str, options: list[str]) -> dict:
    return {
        "id": iid,
        "type": "choice",
        "prompt": prompt,
        "options": [{"id": chr(97 + n), "text": t} for n, t in enumerate(options)],
    }


FILLER = [choice(f"f{n}", f"Vraag over onderwerp{n}.", [f"antwoordtekst{n}", f"anderetekst{n}"]) for n in range(4)]


def test_an_item_whose_text_holds_another_items_key_words_is_a_leak():
    asked = choice(
        "q1",
        "Wat vraagt Koster eerst?",
        ["Toestemming vragen vóór informatie geven.", "Meteen advies geven.", "Het gedrag benoemen."],
    )
    telling = choice(
        "q2",
        "Een medewerker vraagt eerst toestemming, daarna volgt informatie. Waarom?",
        ["Omdat het hoort.", "Omdat de ouder dan luistert."],
    )
    quiet = choice("q3", "Wat doe je bij het ophalen?", ["Groeten.", "Wachten."])
    items = [(asked, "a"), (telling, "b"), (quiet, "a")] + [(f, "a") for f in FILLER]
    found = ic.leaks(items)
    assert [(a, b) for a, b, _ in found] == [("q1", "q2")]
    assert set(found[0][2]) >= {"toest", "infor"}


def test_words_every_option_or_the_prompt_uses_are_no_leak():
    asked = choice(
        "q1", "Wat zegt de tekst over toestemming?", ["Toestemming vragen helpt.", "Toestemming vragen remt."]
    )
    other = choice("q2", "Toestemming vragen, wanneer?", ["Altijd.", "Soms."])
    assert ic.leaks([(asked, "a"), (other, "a")] + [(f, "a") for f in FILLER]) == []


def test_a_word_many_items_share_ties_no_two_together():
    items = [
        (choice(f"q{n}", f"Casus {n} met moeder en haar zoon.", ["moeder vertelt zorgen", "iets anders"]), "a")
        for n in range(6)
    ]
    assert ic.leaks(items) == []


def test_a_statement_sharing_a_word_with_its_own_label_echoes_it():
    item = {
        "id": "k",
        "type": "categorise",
        "prompt": "Deel in.",
        "categories": [{"id": "s", "label": "De samenleving"}, {"id": "j", "label": "Jij als professional"}],
        "statements": [
            {"id": "buurt", "text": "Een samenleving die omkijkt."},
            {"id": "werk", "text": "Plezier in je werk."},
        ],
    }
    assert ic.label_echoes(item, {"buurt": "s", "werk": "j"}) == [("buurt", "s", ["samen"])]
    assert ic.label_echoes(item, {"buurt": "j", "werk": "s"}) == []  # keyed elsewhere: the echo misleads, no cue


def test_absolute_words_are_counted_by_side():
    item = choice("q", "Wat doe je?", ["Je vraagt het.", "Je zegt altijd wat goed is.", "Je doet nooit iets."])
    assert ic.absolute_words([(item, "a")]) == {"key": 0, "keys": 1, "distractor": 2, "distractors": 2}
    assert ic.absolute_words([(item, "b")]) == {"key": 1, "keys": 1, "distractor": 1, "distractors": 2}


def test_key_positions_count_where_the_key_stands():
    items = [(choice(f"q{n}", "Vraag?", ["een", "twee", "drie"]), key) for n, key in enumerate("abba")]
    assert ic.key_positions(items) == {1: 2, 2: 2}


def test_a_key_repeating_a_prompt_word_alone_is_an_echo():
    item = choice("q", "Hoe ga je <b>naast</b> ouders staan?", ["Naast de ouder gaan staan.", "Tegenover de ouder."])
    assert ic.prompt_echoes(item, "a") == ["naast", "staan"]
    assert ic.prompt_echoes(item, "b") == []


def test_the_course_report_names_every_figure():
    text = ic.report()
    for line in (
        "graded items with a key: ",
        "leaks",
        "statements echoing",
        "absolute words",
        "key positions",
        "keys repeating",
    ):
        assert line in text
    # every keyed graded item of the course is counted (44 since 0.3.0: toets_lesmodel became practice and
    # t_toets_veerkracht was dropped); counted here from the key files, independently of item_checks
    from pathlib import Path

    import yaml

    keys = Path(__file__).resolve().parents[2] / "grading" / "keys"
    keyed = sum(len(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in keys.glob("0[0-6]_*.yaml"))
    assert int(text.splitlines()[0].rsplit(" ", 1)[1]) == keyed >= 40
