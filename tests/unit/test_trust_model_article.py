"""The oefenmodel never teaches the opposite of the article (findings of a careful read, as properties).

1. After the parent feels seen and has agreed to hear it, the child's behaviour can be named
   without closing the door (A5: first the parenthood, *then* what goes wrong).
2. A judgement closes an open door (the rule's own source).
3. Acknowledgement or praise alone, however often, does not open the door (H4: something sincere).
4. The scenario's ending follows what was said: no "eerste kleine stap" without the offer.
Also: every rule's quote is the article's own text, and learners see which numbers are the
course's own choices.
"""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import replace

import pytest
from course_texts import in_seed, seed_grams

from course import messages as msg
from course.content import DATA_DIR, read_yaml
from course.figures.trust_table import rules_html
from course.model.conversation import load_conversation
from course.model.trust_model import State, choices_note, load_model, rules_table, step, use_of

MODEL = load_model()
ALL = list(MODEL.moves)


def states_after(max_len: int) -> set[State]:
    seen = {MODEL.start}
    frontier = {MODEL.start}
    for _ in range(max_len):
        frontier = {replace(s, move=None) for f in frontier for s in (step(f, m) for m in ALL)}
        seen |= frontier
    return seen


REACHABLE = states_after(4)


def test_enough_states_are_checked():
    assert len(REACHABLE) > 150
    assert sum(s.door_open and s.acknowledged and s.permission for s in REACHABLE) >= 5


def test_behaviour_can_be_named_once_the_parent_feels_seen_and_agreed():
    prepared = [s for s in REACHABLE if s.door_open and s.acknowledged and s.permission]
    for state in prepared:
        after = step(state, "gedrag_benoemen")
        assert after.door_open and after.trust >= state.trust, f"{state} -> {after}"
    # the article's conversation, then permission, then what goes wrong with the child
    end = MODEL.start
    for move in (*MODEL.article_sequence[:4], "toestemming_vragen", "gedrag_benoemen"):
        end = step(end, move)
    assert end.door_open


def test_behaviour_named_first_still_costs():
    assert step(MODEL.start, "gedrag_benoemen").trust < MODEL.start.trust


def test_a_judgement_closes_an_open_door():
    open_states = [s for s in REACHABLE if s.door_open]
    assert len(open_states) > 30
    for state in open_states:
        assert not step(state, "oordeel").door_open, state
    end = MODEL.start
    for move in (*MODEL.article_sequence, "oordeel"):
        end = step(end, move)
    assert not end.door_open


def test_acknowledgement_and_praise_alone_never_open_the_door():
    for n in range(1, 7):
        for seq in itertools.product(["erkenning", "goede_ouder"], repeat=n):
            state = MODEL.start
            for move in seq:
                state = step(state, move)
                assert not state.door_open, seq


def test_repeating_acknowledgement_builds_no_more_trust():
    once = step(step(MODEL.start, "rustig_benaderen"), "erkenning")
    again = step(once, "erkenning")
    assert (again.trust, again.safety) == (once.trust, once.safety)


OPHALEN = load_conversation("scenario_ophalen")


def test_the_ending_follows_what_was_said():
    small_step = "kleine stap"
    seen = {"open": 0, "no offer": 0}
    for turns in OPHALEN.paths():
        moves = [t.move for t in turns]
        text = OPHALEN.ending(turns)
        state = turns[-1].state
        landed = any(t.move == "samen_kijken" and t.state.door_open for t in turns)
        if small_step in text:
            assert "samen_kijken" in moves and landed and state.door_open, (moves, text)
            seen["open"] += 1
        elif state.door_open:
            seen["no offer"] += 1
    assert seen["open"] and seen["no offer"], seen
    silent_end = OPHALEN.article_path[:-1] + [
        next(o["id"] for o in OPHALEN.nodes["jas"]["options"] if o["move"] == "stilte")
    ]
    assert small_step not in OPHALEN.ending(OPHALEN.play(silent_end))


def test_every_rule_quotes_the_article_exactly():
    article = seed_grams(4, ("koster",))
    for move in read_yaml(DATA_DIR / "trust_model.yaml")["moves"]:
        for quote in [v for k, v in move["source"].items() if k in ("quote", "says")]:
            assert in_seed(quote, article, 4), f"{move['id']}: not the article's text: {quote!r}"
            assert len(quote.split()) <= 25


def test_learners_see_which_numbers_are_the_courses_own_choices():
    rows = rules_table()
    marked = {(r["zet"], r["als"]) for r in rows if r["keuze"]}
    labels = {m["id"]: m["label"] for m in MODEL.moves.values()}
    assert any(z == labels["stilte"] for z, _ in marked), "silence at low safety is the course's choice"
    assert any(z == labels["informatie_geven"] for z, _ in marked), "the cost of unasked information too"
    page = " ".join(re.sub(r"<[^>]+>", " ", rules_html()).split())
    assert "beginwaarden" in page and "open- of dichtgaat" in page and "geen onderzoek" in page, page[:300]


def test_the_model_practice_item_does_not_key_every_rule_as_the_articles():
    from course.content import load_lesson

    item = load_lesson("05_praktijkvoorbeeld")["items"]["oefen_lesmodel"]
    keyed = [o["text"].lower() for o in item["options"] if o.get("correct")]
    assert keyed
    assert not any("elke regel" in t or "alle regels" in t for t in keyed), keyed


def test_the_model_practice_item_keys_what_the_model_does():
    """oefen_lesmodel (was the graded toets_lesmodel until 0.3.0): the statements marked correct hold in the
    model, the others do not.

    b: the model computes the same for every parent (its state holds nothing about a parent);
    e: a silence at the start makes things worse; d (wrong): a judgement never leaves the door open;
    a (wrong): the model tracks no child; c (wrong): the numbers are the course's own choice."""
    from dataclasses import fields

    from course.content import load_lesson

    item = load_lesson("05_praktijkvoorbeeld")["items"]["oefen_lesmodel"]
    assert item["mode"] == "formative"  # the toets no longer grades the course's own model (issue 24)
    assert sorted(o["id"] for o in item["options"] if o.get("correct")) == ["b", "e"]
    state_fields = {f.name for f in fields(type(MODEL.start))}
    assert state_fields == {"safety", "trust", "door_open", "permission", "acknowledged", "praised", "move"}  # b, a
    after = step(MODEL.start, "stilte")
    assert after.safety < MODEL.start.safety  # e
    assert not any(step(s, "oordeel").door_open for s in REACHABLE)  # d is false
    page = " ".join(re.sub(r"<[^>]+>", " ", rules_html()).split())
    assert "geen onderzoek" in page  # c is false: the lesson says the numbers are the makers' choice


def test_a_good_parent_experience_builds_trust_also_after_an_acknowledgement():
    """Issue 20, finding 8: H4 'Dat versterkt hun vertrouwen' (Koster, z.d.), also when the parent was
    acknowledged before; only the same praise again adds nothing."""
    for state in REACHABLE:
        if state.safety >= 4 and not state.praised and state.trust < MODEL.hi:
            assert step(state, "goede_ouder").trust > state.trust, state
    after_ack = step(step(step(MODEL.start, "rustig_benaderen"), "open_vraag_ouder"), "erkenning")
    praised = step(after_ack, "goede_ouder")
    assert praised.trust > after_ack.trust
    assert step(praised, "goede_ouder").trust == praised.trust


def test_every_rule_the_article_is_silent_on_is_marked_as_the_courses_choice():
    """Issue 20, finding 7: each of these rules is the course's own; the rules table marks it."""

    def marked(move_id, **when):
        effect = next(e for e in MODEL.moves[move_id]["effects"] if e.get("when", {}) == when)
        return effect.get("choice") is True

    assert marked("erkenning", acknowledged=True)  # the same acknowledgement again adds nothing
    assert marked("goede_ouder", praised=True)  # the same praise again adds nothing
    assert marked("samen_kijken", acknowledged=True) and marked("samen_kijken")  # the offer below safety 6
    assert marked("gedrag_benoemen", acknowledged=True, permission=True)  # naming it then: +1
    assert marked("oordeel")  # a judgement always closes the door
    assert marked("verdediging")  # fidelity reading 5, F8: Koster names the pitfall, not what it does
    assert marked("aanname")  # Koster: avoid assumptions; what one costs is the makers' number
    page = " ".join(re.sub(r"<[^>]+>", " ", rules_html()).split())
    assert "de deur dicht bij het begin" in page  # the door starts closed


def test_each_move_has_at_most_one_rule_that_is_the_articles():
    """Fidelity reading 3, F8, and the rest of its kind: the article describes one effect per move (how it
    works in her example or her handreiking). Every other branch (advice later in the conversation, an
    open question at low safety, an offer without an acknowledgement) is the makers' distinction, and so
    is any move but an acknowledgement that counts as one."""
    unmarked = {
        m: [e.get("when", {}) for e in move["effects"] if not e.get("choice")] for m, move in MODEL.moves.items()
    }
    several = {m: whens for m, whens in unmarked.items() if len(whens) > 1}
    assert not several, f"more than one unmarked rule (mark the makers' own with choice: true): {several}"
    counts = [
        m
        for m, move in MODEL.moves.items()
        if m != "erkenning"
        for e in move["effects"]
        if e.get("sets", {}).get("acknowledged") and not e.get("choice")
    ]
    assert not counts, f"counted as an acknowledgement without a mark: {counts}"


def test_a_mother_may_say_no_to_a_permission_question_and_the_conversation_goes_on():
    """Issue 20, finding 10: a parent who does not feel safe says 'nee'; the model then has no
    permission, and a conversation can still end with the door open."""
    low = step(step(MODEL.start, "aanname"), "toestemming_vragen")
    assert not low.permission
    assert step(low, "informatie_geven").trust <= low.trust  # telling it anyway is unasked information
    ends = [
        turns[-1].state.door_open
        for turns in OPHALEN.paths()
        if any(t.move == "toestemming_vragen" and t.reply.startswith("'Nee") for t in turns)
    ]
    assert ends, "no path where the mother says 'nee'"
    assert any(ends), "after a 'nee' the conversation can still open up"


# The article's conversation, beat by beat, in its own order (Koster z.d., praktijkvoorbeeld: the
# question, "falen", the acknowledgement, "Er valt een stilte", "De moeder zucht diep", "Ze hoeft
# zich even niet te verdedigen", then the offer, then "ruimte"). Each beat as it may show in a reply.
ARTICLE_BEATS = [
    ("hulpeloos", r"faal|geen idee"),
    ("stilte", r"\bstil"),
    ("zucht", r"zucht"),
    ("niet verdedigen", r"verdedig|verwe(?:er|ren)"),
    ("ruimte", r"ruimte|kleine stap"),
]


def test_the_article_path_of_the_scenario_keeps_the_articles_order():
    """Fidelity reading 8, finding 1: playing the article's own moves, the mother sighed and stopped
    defending herself *before* the silence; in the article she does so after it (graded in
    toets_stilte and toets_volgorde_artikel). Each beat may first show no earlier than the article has it."""
    replies = [turn.reply for turn in OPHALEN.play(OPHALEN.article_path)]
    assert [turn.move for turn in OPHALEN.play(OPHALEN.article_path)] == list(MODEL.article_sequence)
    first = {}
    for name, pattern in ARTICLE_BEATS:
        hits = [i for i, text in enumerate(replies) if re.search(pattern, text, re.I)]
        assert hits, f"the article path never shows {name!r}: {replies}"
        first[name] = hits[0]
    order = [first[name] for name, _ in ARTICLE_BEATS]
    assert order == sorted(order), f"beats out of the article's order: {first} in {replies}"
    silence = MODEL.article_sequence.index("stilte")
    assert first["zucht"] >= silence and first["niet verdedigen"] >= silence, replies


def test_the_comparison_figure_alt_text_says_what_the_model_does():
    """Fidelity reading 8, remark: the alt text of lesson 05's comparison said safety *and* trust rise
    at every step of the article's conversation, while its first step raises only safety."""
    from course.content import load_lesson
    from course.model.trust_model import run

    alt = " ".join(load_lesson("05_praktijkvoorbeeld")["blocks"]["gesprek_vergelijking"]["alt"].split())
    article = run(MODEL.article_sequence)
    rises = [(b.safety > a.safety, b.trust > a.trust) for a, b in zip(article, article[1:])]
    safety_steps = next((i for i, (s, _) in enumerate(rises) if not s), len(rises))
    trust_from = 1 + next(i for i, (_, t) in enumerate(rises) if t)
    numbers = {1: "eerste", 2: "tweede", 3: "drie", 4: "vier", 5: "vijf"}
    said = (
        f"de veiligheid stijgt bij de eerste {numbers[safety_steps]} stappen, het vertrouwen vanaf de "
        f"{numbers[trust_from]} stap"
    )
    assert "bij elke stap" not in alt or all(s and t for s, t in rises), "not every step raises both"
    assert said in alt, f"say what the model does: {said!r}"
    opens = next(s.move for s in article if s.door_open)
    assert f"na de {opens}" in alt, f"the door opens after {opens!r} in the model: {alt}"
    straight = run(MODEL.straight_sequence)
    assert ("deur blijft dicht" in alt) == (not any(s.door_open for s in straight))


def test_naming_the_behaviour_cites_the_article_on_the_behaviour():
    """Fidelity reading 11, F14: Koster's 'eerst stilstaan bij het ouderschap' is about what goes wrong in
    the upbringing; the sentence about the child's behaviour is the praktijkvoorbeeld's."""
    source = MODEL.moves["gedrag_benoemen"]["source"]
    assert source["part"] == "Praktijkvoorbeeld" and "gedrag" in source["quote"], source


def test_information_without_permission_is_a_turning_point_that_names_handreiking_3():
    """Fidelity reading 11, F13: Koster's only word on information is 'Vraag toestemming als je informatie
    wilt geven'. Told without permission, information costs; the end of a conversation says so, names the
    move as information without permission and points to the permission question (H3)."""
    from course.content import load_concepts
    from course.messages import SCENARIO_TURNING
    from course.model.conversation import conversation_ids

    h3 = load_concepts()["H3"]["label"]
    seen = 0
    for cid in conversation_ids():
        conversation = load_conversation(cid)
        for path in itertools.islice(conversation.paths(), 200):
            points = conversation.turning_points(path, SCENARIO_TURNING)
            for t in path:
                if t.move != "informatie_geven":
                    continue
                at = SCENARIO_TURNING["at"].format(n=t.number, label="")[:-1]  # 'Stap 3 ('
                mine = [p for p in points if p.startswith(at)]
                if t.before.permission:
                    assert not any(h3 in p for p in mine), (cid, t.node, mine)
                else:
                    seen += 1
                    assert any(h3 in p and "zonder toestemming" in p for p in mine), (cid, t.node, mine)
    assert seen >= 20, "paths with information without permission are checked"


def test_a_good_parent_experience_strengthens_trust_as_the_article_says():
    """Fidelity reading 12, F8: Koster writes that naming what is already there strengthens the parents'
    trust (handreiking 4): the table credits the article with that direction. Reading 16, F3: the
    condition (after an acknowledgement) and trust in the contact are the makers', so every rule is starred."""
    effects = MODEL.moves["goede_ouder"]["effects"]
    assert all(e.get("choice") for e in effects), effects
    assert "versterkt hun vertrouwen" in MODEL.moves["goede_ouder"]["source"]["says"]
    assert all(e.get("direction") for e in effects if e["change"].get("trust", 0) > 0)
    rows = [r for r in rules_table() if r["zet"] == MODEL.moves["goede_ouder"]["label"]]
    assert sum(r["keuze"] == MODEL.texts["direction_mark"] for r in rows) == 3 and all(
        "versterkt" in r["bron"] for r in rows
    )


def test_where_the_article_says_what_a_move_does_the_star_does_not_deny_it():
    """Fidelity reading 16, F2: Koster writes that acknowledgement 'opent de deur voor samenwerking' and that
    open questions invite 'reflectie en verbinding'; a * that said 'het artikel zegt daar niets over' understated
    her. Such rules stay the makers' (how much safety and trust) but the table and its note name the direction."""
    note = choices_note()
    assert "zegt daar niets over" not in note and "richting uit het artikel" in note
    for move_id in ("erkenning", "open_vraag_ouder"):
        gains = [e for e in MODEL.moves[move_id]["effects"] if sum(e["change"].values()) > 0]
        assert gains and all(e.get("choice") and e.get("direction") for e in gains), move_id
    repeat = next(e for e in MODEL.moves["erkenning"]["effects"] if e.get("when") == {"acknowledged": True})
    assert not repeat.get("direction")  # the same acknowledgement again: the makers' rule, no direction given


def test_a_direction_needs_what_the_article_says(tmp_path, monkeypatch):
    import yaml

    from course.content import ContentError
    from course.model import trust_model

    data = copy.deepcopy(read_yaml(trust_model.MODEL_FILE))  # read_yaml hands out its cached dict
    rustig = next(m for m in data["moves"] if m["id"] == "rustig_benaderen")
    rustig["effects"][0]["direction"] = True  # the article says nothing about what walking calmly does
    bad = tmp_path / "trust_model.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(trust_model, "MODEL_FILE", bad)
    trust_model.load_model.cache_clear()
    try:
        with pytest.raises(ContentError, match="source.says"):
            trust_model.load_model()
    finally:
        trust_model.load_model.cache_clear()


def test_the_article_is_not_credited_with_what_calm_questions_and_acknowledgement_add():
    """Fidelity reading 13, F11: Koster shows the calm approach, the open question and the acknowledgement
    in her example and names what handreiking 1 and 2 give (competence, connection); trust she links to
    handreiking 4. What they add to safety and trust in the model is the makers' rule: starred."""
    for move in ("rustig_benaderen", "open_vraag_ouder", "erkenning"):
        unmarked = [e for e in MODEL.moves[move]["effects"] if not e.get("choice")]
        assert not unmarked, (move, unmarked)


def test_advice_later_in_the_conversation_is_not_said_to_be_warned_against():
    """Fidelity reading 13, F12: Koster warns against starting with what must improve; advice once the
    parent feels safe is the makers' rule, so the end of a conversation points to handreiking 3 without
    saying the article warns against it."""
    from course.model.trust_model import use_of

    late = use_of("ongevraagd_advies", State(safety=7, trust=5, acknowledged=True), MODEL)
    early = use_of("ongevraagd_advies", State(safety=3, trust=2), MODEL)
    assert late.warned and late.steered and late.instead == "H3"
    assert early.warned and not early.steered


def test_what_the_course_adds_to_handreiking_3_is_marked_at_the_end_of_a_conversation():
    """Fidelity reading 14, F11 (and F10): information without permission is what handreiking 3 speaks
    of; that advice later in a conversation and naming the behaviour after an acknowledgement fall under
    it too is the course's extension, and the end of the conversation says so. None says 'waarschuwt'."""
    from course.messages import SCENARIO_TURNING

    after = State(safety=7, trust=5, acknowledged=True)
    # Fidelity reading 15, F4: Koster's own example of handreiking 3 is telling what the group sees
    # ('Zal ik je vertellen wat ons in de groep opvalt?'), so naming the behaviour without permission is
    # the article's case, not the course's extension; only advice is.
    for move, extended in (("informatie_geven", False), ("ongevraagd_advies", True), ("gedrag_benoemen", False)):
        use = (
            use_of(move, after, MODEL) if move != "informatie_geven" else use_of(move, State(safety=7, trust=5), MODEL)
        )
        assert use.steered and use.extended is extended, (move, use)
    text = SCENARIO_TURNING["steered_course"]
    assert "keuze van deze cursus" in text and "waarschuwt" not in text
    assert "advies" in text and "kind" not in text, "only advice is the course's extension of handreiking 3"
    assert "waarschuwt" not in SCENARIO_TURNING["steered"]


def test_lesson_05_says_how_the_door_works_with_the_models_own_numbers():
    """Issue 24: the text named only 'dicht onder veiligheid 3'; the figure showed the door shut at the start
    (safety 3) and the builder said 'veiligheid 6, vertrouwen 4, deur dicht'. The lesson now says the door starts
    shut, when it opens and when it shuts again, with the numbers the model uses."""
    text = " ".join((DATA_DIR / "lessons" / "05_praktijkvoorbeeld.md").read_text(encoding="utf-8").split())
    assert "Aan het begin is de deur **dicht**" in text
    assert f"veiligheid {MODEL.opens_safety} of meer is, én het vertrouwen {MODEL.opens_trust} of meer" in text
    assert f"dicht** als de veiligheid onder {MODEL.closes_below} komt" in text
    assert not MODEL.start.door_open and MODEL.start.safety >= MODEL.closes_below  # shut, though not below 3


def test_a_shut_door_says_what_keeps_it_shut(tmp_path):
    """Issue 24: 'veiligheid 6, vertrouwen 4, deur dicht' left a learner in doubt; the builder now says why."""
    from course.learner.widgets.builder import SequenceBuilder
    from course.model.trust_model import door_text, run
    from course.store import AnswerStore

    assert door_text(State(safety=6, trust=4)) == "deur dicht: het vertrouwen is nog onder 5"
    assert door_text(State(safety=5, trust=6)) == "deur dicht: de veiligheid is nog onder 6"
    assert door_text(State(safety=6, trust=5, door_open=True)) == "deur open"
    moves = ["rustig_benaderen", "open_vraag_ouder", "erkenning"]
    builder = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    for move in moves:
        builder.add(move)
    end = run(moves)[-1]
    assert door_text(end) in builder.summary.text and f"veiligheid {end.safety}" in builder.summary.text


def test_the_table_says_where_the_model_reads_a_word_of_the_article_its_own_way():
    """Fidelity reading 17, F2: Koster's 'hun vertrouwen' (handreiking 4) is the parents' trust in themselves;
    the model counts it as trust in the contact. The rules table says so where the learner meets the rule."""
    rows = [r for r in rules_table() if r["zet"] == MODEL.moves["goede_ouder"]["label"]]
    assert rows and all("vertrouwen van ouders in zichzelf" in r["bron"] for r in rows)
    assert all("keuze van de makers" in r["bron"] for r in rows)
    page = " ".join(re.sub(r"<[^>]+>", " ", rules_html()).split())
    assert "vertrouwen van ouders in zichzelf" in page


def test_the_offer_after_an_acknowledgement_is_the_makers_rule_and_the_article_tells_one_conversation():
    """Fidelity reading 18, F2: Koster describes one conversation in which the offer came after the
    acknowledgement and the talk opened; that this is a rule is the makers' (starred). Reading 22, F2: that
    narrated end is no direction (Koster says nothing of what an offer does in general), so no direction
    mark; the table says how the course reads her conversation."""
    first = MODEL.moves["samen_kijken"]["effects"][0]
    assert first["when"] == {"safety_at_least": 6, "acknowledged": True}
    assert first.get("choice") and not first.get("direction")
    source = MODEL.moves["samen_kijken"]["source"]
    assert "Voor samenwerking" in source["says"] and "lezen wij zo" in source["reading"]


def test_a_direction_rests_on_a_general_sentence_not_on_the_one_conversation_she_tells():
    """Fidelity reading 22, F2: the praktijkvoorbeeld narrates one conversation; a direction needs a sentence
    in which Koster says what such a move does (her principle, her handreikingen)."""
    for move_id, move in MODEL.moves.items():
        if any(e.get("direction") for e in move["effects"]):
            where = move["source"].get("says_part", move["source"]["part"])
            assert where != "Praktijkvoorbeeld", f"{move_id}: a narrated outcome is no direction"


def test_every_rule_is_the_makers_and_the_article_gives_at_most_its_direction():
    """Fidelity readings 12-19 pulled single rules both ways (a rule shown as the article's while Koster
    describes one conversation, or a star that denied what she does say). The model now says one thing of
    every rule: the makers wrote it (*); where Koster says what such a move does, the table quotes her and
    marks the rule '* (richting uit het artikel)'."""
    for move_id, move in MODEL.moves.items():
        for effect in move["effects"]:
            assert effect.get("choice") is True, (move_id, effect)
            if effect.get("direction"):
                assert "says" in move["source"], move_id
    marks = {r["keuze"] for r in rules_table()}
    assert marks == {MODEL.texts["choice_mark"], MODEL.texts["direction_mark"]}
    note = choices_note()
    assert "principe en vier handreikingen" in note and "geen regels" not in note  # reading 20, F3


def test_advice_at_the_start_points_to_attending_to_the_parenthood():
    """Fidelity reading 20, F1: unasked advice at the start is what handreiking 1 warns against (begin niet
    direct over wat er beter moet); what would have helped is H1, not asking permission."""
    early = use_of("ongevraagd_advies", State(safety=3, trust=2), MODEL)
    assert early.warned and early.instead == "H1" and early.turning == "instead"


def test_a_quote_from_another_part_of_the_article_names_that_part():
    """Fidelity reading 20, F2: 'dan gaat de deur dicht' is from 'Opvoederschap en ouderschap'."""
    for move_id in ("gedrag_benoemen", "ongevraagd_advies"):
        move = MODEL.moves[move_id]
        labels = {move["label"], *(e["label"] for e in move["effects"] if "label" in e)}
        rows = [r for r in rules_table() if r["zet"] in labels]
        assert rows and all("(Opvoederschap en ouderschap: 'De kans bestaat anders" in r["bron"] for r in rows), rows


def test_a_direction_rests_on_what_a_move_does_not_on_an_instruction():
    """Fidelity reading 21, F3: information without permission was marked 'richting uit het artikel' on the
    strength of handreiking 3's title, an instruction ('Vraag toestemming als je informatie wilt geven'):
    Koster says what asking permission does, not what telling without it does. A direction needs a `says`
    that tells what such a move does, so an instruction (a sentence opening with a command) is no ground."""
    commands = ("vraag", "sluit", "stel", "begin", "benoem", "toon", "zoek", "geef", "zet")
    for move in MODEL.moves.values():
        says = move["source"].get("says", "")
        if any(e.get("direction") for e in move["effects"]):
            assert says.split(" ", 1)[0].lower() not in commands, (
                f"{move['id']}: an instruction is no direction: {says!r}"
            )
    unasked = [e for e in MODEL.moves["informatie_geven"]["effects"] if e.get("warned")]
    assert unasked and not any(e.get("direction") for e in unasked)


def test_the_praktijkvoorbeeld_question_as_handreiking_2_is_marked_as_the_courses_reading():
    """Fidelity reading 26, F2: Koster ties her pick-up question to no handreiking; the model's example of an
    open question (handreiking 2) quotes it, so it says the link is the course's."""
    example = MODEL.moves["open_vraag_ouder"]["example"]
    assert "elke dag zo" in example and "lezen wij zo" in example


QUOTED_EXAMPLE = re.compile(
    r"^'[^']+' \(citaat uit (?:het praktijkvoorbeeld|het artikel, (handreiking \d))(;[^)]*)?\)$"
)


def test_an_example_quoted_from_the_article_names_its_part_and_whose_link_it_is():
    """Fidelity reading 28, F3: 'Ik zie hoeveel je probeert.' stands in the praktijkvoorbeeld, yet the rules table
    showed it as "(citaat uit het artikel)" beside handreiking 1. A quoted example names the part it stands in;
    where that is not the move's own source part, it says the link is the course's ("lezen wij zo")."""
    quoted = [m for m in MODEL.moves.values() if m.get("example", "").startswith("'")]
    assert len(quoted) >= 3
    for move in quoted:
        example, part = move["example"], move["source"]["part"].lower()
        match = QUOTED_EXAMPLE.match(example)
        assert match, f"{move['id']}: a quoted example names its part: {example!r}"
        named = match.group(1) or "praktijkvoorbeeld"
        assert named == part or "lezen wij zo" in (match.group(2) or ""), (
            f"{move['id']}: quoted from {named}, shown under {part}, without saying the link is ours"
        )


def test_a_door_a_judgement_just_shut_says_so(tmp_path):
    """Issue 24, fourth walk: after '! Oordeel' the builder said 'deur dicht: de veiligheid is nog onder 6', as if the
    door had never been open; the door was open one move before and the judgement shut it."""
    from course.learner.widgets.builder import SequenceBuilder
    from course.model.trust_model import door_text, run
    from course.store import AnswerStore

    moves = ["rustig_benaderen", "open_vraag_ouder", "erkenning", "stilte", "samen_kijken"]
    assert run(moves)[-1].door_open  # the test starts from an open door
    builder = SequenceBuilder(AnswerStore.in_folder(tmp_path), plot=False)
    for move in [*moves, "oordeel"]:
        builder.add(move)
    end = run([*moves, "oordeel"])[-1]
    assert not end.door_open and door_text(end) == "deur dicht: een oordeel doet de deur dicht"
    assert "een oordeel doet de deur dicht" in builder.summary.text
    after = run([*moves, "oordeel", "erkenning"])[-1]
    assert "oordeel" not in door_text(after)  # one move later the numbers say why again


def test_a_warned_move_after_a_yes_to_permission_says_the_asking_was_right():
    """Fourteenth walk (mid): opa said "Ja, vertel maar", the learner named the fight, and the next line read "het
    artikel raadt dit af", as if asking had been wrong too. After a yes, a warned move's turning point first says
    that asking was good, then what the article asks before it; without a yes the text stays as it was."""
    asked = use_of("gedrag_benoemen", State(safety=4, trust=2, permission=True), MODEL)
    assert asked.warned and asked.turning == "instead_asked"
    assert use_of("gedrag_benoemen", State(safety=4, trust=2), MODEL).turning == "instead"
    opa = load_conversation("gesprek_bso_opa")
    seen = 0
    for turns in opa.paths():
        for t, point in itertools.product(turns, opa.turning_points(turns, msg.SCENARIO_TURNING)):
            use = use_of(t.move, t.before, MODEL)
            if point.startswith(f"Stap {t.number} (") and use.warned and use.turning == "instead_asked":
                assert "opa zei ja. Dat was goed." in point and "raadt dit af" not in point, point
                seen += 1
    assert seen
