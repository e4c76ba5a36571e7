"""The trust model reproduces the article's claims (property tests) and refuses bad input."""

from __future__ import annotations

import html
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.content import load_concepts
from course.model.trust_model import State, effect_for, load_model, rules_table, run, step, use_of

MODEL = load_model()
ALL = list(MODEL.moves)
ARTICLE = list(MODEL.article_sequence)


def final(moves, start=None):
    state = start or MODEL.start
    for m in moves:
        state = step(state, m)
    return state


def beats(a: State, b: State) -> bool:
    """a is better than b: at least as much trust and safety, and more of one of them."""
    return a.trust >= b.trust and a.safety >= b.safety and (a.trust, a.safety) != (b.trust, b.safety)


def reachable_states(max_len=3):
    seen = {MODEL.start}
    for n in range(1, max_len + 1):
        for seq in itertools.product(ALL, repeat=n):
            end = final(seq)
            seen.add(State(end.safety, end.trust, end.door_open, end.permission, end.acknowledged))
    return seen


# States reached by any two moves, away from the ends of the scale: there the model clamps (a
# parent at safety 0 cannot lose more), which would make any comparison of orders meaningless.
REACHABLE = sorted(
    (s for s in reachable_states(2) if 2 <= s.safety <= MODEL.hi - 3 and 2 <= s.trust <= MODEL.hi - 3), key=repr
)


def test_the_pairwise_properties_cover_many_states():
    assert len(REACHABLE) >= 20 and sum(not s.acknowledged for s in REACHABLE) >= 8


def test_the_article_sequence_opens_the_door():
    end = run(ARTICLE)[-1]
    assert end.door_open and end.trust > MODEL.start.trust and end.safety > MODEL.start.safety


@pytest.mark.parametrize("opening", ["gedrag_benoemen", "oordeel"])
def test_article_beats_every_same_length_sequence_that_opens_with_behaviour_or_judgement(opening):
    article = run(ARTICLE)[-1]
    best = -1
    for rest in itertools.product(ALL, repeat=len(ARTICLE) - 1):
        end = final((opening, *rest))
        best = max(best, end.trust)
        assert article.trust > end.trust, (opening, rest, end)
    print(f"\nopening with {opening}: best trust {best} < article {article.trust}")


@pytest.mark.parametrize(
    "state", REACHABLE, ids=lambda s: f"v{s.safety}-t{s.trust}-p{int(s.permission)}-a{int(s.acknowledged)}"
)
def test_permission_then_information_beats_information_alone(state):
    assert beats(final(["toestemming_vragen", "informatie_geven"], state), final(["informatie_geven"], state))


@pytest.mark.parametrize(
    "state", [s for s in REACHABLE if not s.acknowledged], ids=lambda s: f"v{s.safety}-t{s.trust}-p{int(s.permission)}"
)
def test_acknowledging_before_an_offer_beats_the_reverse(state):
    """From any state in which the parent has not been acknowledged yet (once acknowledged
    earlier, the model lets an offer land either way)."""
    first = final(["erkenning", "samen_kijken"], state)
    reverse = final(["samen_kijken", "erkenning"], state)
    assert beats(first, reverse), (state, first, reverse)


def test_information_without_permission_costs_more_when_safety_is_low():
    low = final(["informatie_geven"], State(safety=3, trust=5))
    high = final(["informatie_geven"], State(safety=7, trust=5))
    assert 3 - low.safety > 7 - high.safety


def test_an_offer_lands_only_when_the_parent_feels_safe():
    unsafe = State(safety=MODEL.opens_safety - 1, trust=5, acknowledged=True)
    safe = State(safety=MODEL.opens_safety, trust=5, acknowledged=True)
    assert final(["samen_kijken"], unsafe).trust < unsafe.trust
    assert final(["samen_kijken"], safe).trust > safe.trust


@pytest.mark.parametrize("length", range(1, 6))
def test_no_sequence_of_only_warned_moves_opens_the_door(length):
    for seq in itertools.product(MODEL.warned(), repeat=length):
        assert not any(s.door_open for s in run(seq)), seq


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ALL), min_size=1, max_size=12))
def test_any_sequence_stays_on_the_scale_and_is_deterministic(moves):
    states = run(moves)
    assert len(states) == len(moves) + 1
    assert all(MODEL.lo <= s.safety <= MODEL.hi and MODEL.lo <= s.trust <= MODEL.hi for s in states)
    assert states == run(moves)


@pytest.mark.parametrize(
    "bad, message",
    [
        ([], "at least one move"),
        (["vliegen"], "unknown move 'vliegen'"),
        ("erkenning", "not one string"),
        ([None], "unknown move None"),
    ],
)
def test_bad_sequences_get_a_clear_error(bad, message):
    with pytest.raises(ValueError, match=message):
        run(bad)


def test_every_rule_rests_on_a_seed_passage_and_has_a_fallback():
    concepts = load_concepts()
    for move in MODEL.moves.values():
        assert move["concept"] in concepts and len(move["source"]["quote"]) > 20 and move["source"]["part"]
        assert "when" not in move["effects"][-1]
    assert {"helpful", "warned"} == {m["kind"] for m in MODEL.moves.values()}
    assert effect_for("stilte", State(safety=1, trust=1))["change"] == {"safety": -1}


def test_rules_table_lists_every_effect_in_dutch():
    rows = rules_table()
    assert len(rows) == sum(len(m["effects"]) for m in MODEL.moves.values())
    assert {"zet", "soort", "als", "veiligheid", "vertrouwen", "onthoudt", "keuze", "bron"} == set(rows[0])
    assert any(r["als"] == "veiligheid ≥ 6, ouder eerder erkend" for r in rows)
    assert any(r["als"] == "anders" for r in rows) and any(r["als"] == "altijd" for r in rows)
    assert {"toestemming gevraagd", "toestemming gebruikt", "ouder erkend"} <= {r["onthoudt"] for r in rows}
    # sixth walk: no concept codes ("P1, Praktijkvoorbeeld") in what learners read; the article's part names the source
    assert not any(re.match(r"[A-Z]\d\b", r["bron"]) for r in rows), [r["bron"] for r in rows][:3]
    assert all(r["bron"].split(":")[0] in {m["source"]["part"] for m in load_model().moves.values()} for r in rows)


def test_rules_html_is_a_table_with_every_rule():
    from course.figures.trust_table import rules_html

    html = rules_html()
    assert html.count("<tr>") == len(rules_table()) + 1 and "Uit het artikel (Koster, z.d.)" in html


def test_the_rules_table_says_a_move_and_its_quote_once_for_all_its_rows():
    """Twelfth walk (low): lesson 05's rules table was dense: the article's quote stood in every row of its move (29
    rows, up to four times the same quote). The move's name and its quote now span the move's rows; each row still
    has its own condition and numbers, and the text (nbgrader, screen readers) keeps a row per rule."""
    from course.figures.trust_table import rules_html

    rows = rules_table()
    page = rules_html()
    quotes = [k for k, _ in itertools.groupby(r["bron"] for r in rows)]
    names = [k for k, _ in itertools.groupby(r["zet"] for r in rows)]
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page)
    for quote in set(quotes):
        assert cells.count(html.escape(quote)) == quotes.count(quote), quote
    for name in set(names):
        assert cells.count(html.escape(name)) == names.count(name), name
    assert len(re.findall(r'<th scope="row"', page)) == len(names)
    assert page.count("<tr>") == len(rows) + 1
    for row in rows:  # every rule keeps its own condition and numbers
        assert f"<td>{html.escape(row['als'])}</td><td>{row['veiligheid']}</td><td>{row['vertrouwen']}</td>" in page


def test_the_lesson_shows_the_rules_folded_under_one_line_it_opens():
    """Issue 24, third walk: lesson 05's model section read like a specification (the rules table three screens
    long). The table is folded under a <summary> the learner opens; the text still holds every rule."""
    from course import messages as msg
    from course.figures.trust_table import RulesTable, rules_html

    block = RulesTable()
    shown = block.bundle(live=True)["text/html"]
    summary = re.sub(r"<[^>]+>", "", shown.split("</summary>")[0])
    assert shown.startswith("<details><summary>") and summary == msg.RULES_SUMMARY and shown.endswith("</details>")
    assert rules_html() in shown
    assert block.text().count("\n") == len(rules_table())  # plain text (nbgrader, screen readers): every rule


def test_a_permission_question_that_comes_too_early_is_named_so():
    """Ninth walk (mid, lesson 05's builder): "Toestemming vragen" and right after it "Informatie geven, zonder
    toestemming" read as a contradiction; below safety 3 the parent says no (the model gives no permission), and the
    name of the question now says it came too early."""
    from course.model.trust_model import use_labels

    model = load_model()
    early = use_labels(run(["rustig_benaderen", "informatie_geven", "toestemming_vragen", "informatie_geven"], model))
    assert early[2:] == ["Toestemming vragen, te vroeg", "Informatie geven, zonder toestemming"], early
    states = run(["rustig_benaderen", "toestemming_vragen", "informatie_geven"], model)
    assert states[1].safety >= 3 and use_labels(states, model)[1:] == ["Toestemming vragen", "Informatie geven"]


def test_naming_the_behaviour_after_a_yes_but_before_any_acknowledgement_is_not_called_straight_away():
    """Twelfth walk (bso, opa): "Mag ik iets vertellen?" – "Ja, vertel maar" – then the behaviour was named
    "Het gedrag van het kind benoemen, meteen", though the learner had asked first. What was missing is the
    acknowledgement (the article: first the parenthood), so the name says that; the numbers are those of 'meteen'."""
    from course.model.trust_model import use_labels

    model = load_model()
    asked = run(["rustig_benaderen", "open_vraag_ouder", "toestemming_vragen", "gedrag_benoemen"], model)
    assert asked[3].permission, "the parent said yes"
    assert use_labels(asked, model)[-1] == "Het gedrag van het kind benoemen, zonder erkenning", use_labels(
        asked, model
    )
    straight = run(["rustig_benaderen", "open_vraag_ouder", "gedrag_benoemen"], model)
    assert use_labels(straight, model)[-1] == "Het gedrag van het kind benoemen, meteen"
    for states in (asked, straight):
        before, after = states[-2], states[-1]
        assert (after.safety - before.safety, after.trust - before.trust) == (-2, -2)
    assert use_of("gedrag_benoemen", asked[3], model).instead == "H1"


def test_the_safety_a_move_needs_is_the_lowest_threshold_of_an_effect_that_raises_something():
    """One place says from which safety a move helps in full (the conversation's 'te vroeg, niet vandaag' and two
    tests used to write it out each): effects that raise nothing, or raise at any safety, set no threshold."""
    from dataclasses import replace

    moves = {
        "later": {
            "effects": [
                {"when": {"safety_at_least": 5}, "change": {"trust": 1}},
                {"when": {"safety_at_least": 3}, "change": {"safety": 1, "trust": 1}},
                {"change": {"trust": 1}},
            ]
        },
        "lowers_only": {"effects": [{"when": {"safety_at_least": 4}, "change": {"safety": -1}}, {"change": {}}]},
        "any_time": {"effects": [{"change": {"safety": 1}}]},
    }
    model = replace(load_model(), moves=moves)
    assert model.needed_safety("later") == 3
    assert model.needed_safety("lowers_only") is None
    assert model.needed_safety("any_time") is None
