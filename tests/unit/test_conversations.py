"""The library of conversations to practise (course/data/conversations/): every path of every
conversation is walked. No dead end, no unreachable moment, no parent question left unanswered,
every ending true to the final state, the article's claims hold on every path, and the graph is a
real one (what comes next depends on what was said and on the state, not only on the step number)."""

from __future__ import annotations

import re

import pytest

from course.content import ContentError, load_concepts
from course.model.conversation import CONVERSATION_DIR, END, Conversation, conversation_ids, load_conversation
from course.model.trust_model import load_model, step, use_labels

MODEL = load_model()
IDS = conversation_ids()


@pytest.fixture(params=IDS)
def conv(request) -> Conversation:
    return load_conversation(request.param)


@pytest.fixture
def paths(conv):
    return list(conv.paths())


def test_the_library_is_checked_against_its_schema():
    from course.schemas import check_all

    checked = check_all(lessons=[])
    assert {f"conversations/{cid}.yaml" for cid in IDS} <= set(checked)


def test_every_moment_is_reachable_and_every_option_is_played(conv, paths):
    seen_nodes = {t.node for turns in paths for t in turns}
    assert seen_nodes == set(conv.nodes), f"unreachable: {set(conv.nodes) - seen_nodes}"
    played = {(t.node, t.option["id"]) for turns in paths for t in turns}
    offered = {(n, o["id"]) for n, node in conv.nodes.items() for o in node["options"]}
    assert played == offered, f"options never reachable (only in an unreachable band): {offered - played}"


def test_every_path_ends_and_is_long_enough(conv, paths):
    """No dead end: every path reaches the end (paths() raises on a cycle); a conversation has at
    least five steps on the article's path and at least three on any path."""
    assert all(conv.finished(turns) for turns in paths)
    assert len(conv.play(conv.article_path)) >= 5
    assert min(len(turns) for turns in paths) >= 3


def test_the_graph_is_real(conv, paths):
    """What comes next depends on what was said and on the state: somewhere the same moment leads
    on to different moments, by option or by the parent's state."""
    after = {}
    for turns in paths:
        for t, nxt in zip(turns, [*turns[1:], None]):
            after.setdefault(t.node, set()).add(nxt.node if nxt else END)
    assert any(len(targets) > 1 for targets in after.values()), "every moment leads to one next moment"


def test_every_question_the_parent_asks_can_be_answered_next(conv, paths):
    """After a reply with a question, the next moment offers a move that answers it
    (the conversation's 'answers')."""
    unanswered = set()
    for turns in paths:
        for t, nxt in zip(turns, turns[1:]):
            if "?" in t.reply:
                offered = {o["move"] for o in conv.nodes[nxt.node]["options"]}
                if not offered & set(conv.answers.get(t.move, [])):
                    unanswered.add((t.node, t.move, t.reply))
    assert not unanswered, sorted(unanswered)


def test_every_ending_is_true_to_the_final_state(conv, paths):
    endings = conv.endings
    for turns in paths:
        final, text = turns[-1].state, conv.ending(turns)
        assert (text in (endings["open"], endings["open_no_offer"])) == final.door_open, (turns, text)
        if text == endings["open"]:
            assert any(t.move == "samen_kijken" and t.state.door_open for t in turns)
        if text == endings["closed_helpful"]:
            assert all(MODEL.moves[t.move]["kind"] == "helpful" for t in turns)
            # 'al koos je alleen zetten die helpen' must be true of what the moves DID here: a move
            # of a helpful kind that cost safety or trust (information without permission) is not
            # one that helped (fidelity reading 11, F6 and F9).
            cost = [t.move for t in turns if t.state.safety < t.before.safety or t.state.trust < t.before.trust]
            assert not cost, f"{conv.id}: 'only helpful moves' after moves that cost: {cost}"


def test_the_articles_claims_hold_on_every_path(conv, paths):
    """A judgement closes the door; moves the article warns against never open it; the door never
    opens at the first move."""
    for turns in paths:
        assert not turns[0].state.door_open
        for t in turns:
            if t.move == "oordeel":
                assert not t.state.door_open, [x.move for x in turns]
            if MODEL.moves[t.move]["kind"] == "warned":
                assert not (t.state.door_open and not t.before.door_open), [x.move for x in turns]


def test_the_article_path_keeps_the_articles_order_and_warns_of_nothing(conv):
    """The path drawn beside the learner's is one the article would recognise: only helpful moves,
    the praktijkvoorbeeld's moves in its order (acknowledge before the offer; the offer last)."""
    moves = [t.move for t in conv.play(conv.article_path)]
    assert all(MODEL.moves[m]["kind"] == "helpful" for m in moves), moves
    order = [m for m in moves if m in MODEL.article_sequence]
    ranks = [MODEL.article_sequence.index(m) for m in order]
    assert ranks == sorted(ranks), moves
    if "samen_kijken" in moves:
        assert moves.index("samen_kijken") > min(moves.index(m) for m in ("erkenning", "goede_ouder") if m in moves)


def test_the_path_drawn_beside_the_learners_never_costs_by_the_courses_own_model(conv):
    """Fidelity reading 30, O5: the buurthuis path ended with an offer that this mother's ceiling (safety 5) made
    cost safety and trust, and then got the ending "wat je ook kiest ... kijk wat zetten die helpen wél
    veranderen". The path the course draws as the good one never lowers safety or trust, and so never gets the
    plain 'closed' ending."""
    turns = conv.play(conv.article_path)
    for turn in turns:
        assert turn.state.safety >= turn.before.safety and turn.state.trust >= turn.before.trust, (
            f"{conv.id}: {turn.move} lowers {turn.before} to {turn.state}"
        )
    assert conv.ending(turns) != conv.endings["closed"]


def test_each_conversation_says_the_parents_lines_are_the_courses(conv, tmp_path):
    import html

    from course import messages as msg
    from course.learner.widgets.scenario import ScenarioExercise
    from course.store import AnswerStore

    head = ScenarioExercise(AnswerStore.in_folder(tmp_path), conv.id, plot=False).widget.children[0].value
    assert html.escape(msg.SCENARIO_OWN_LINES) in head and html.escape(conv.title) in head


def test_a_ceiling_is_kept_whatever_is_said():
    """A parent with a ceiling stays under it on every path (the order helps; it guarantees nothing)."""
    capped = [load_conversation(cid) for cid in IDS if load_conversation(cid).ceiling]
    for conv in capped:
        for turns in conv.paths():
            for t in turns:
                for name, limit in conv.ceiling.items():
                    assert getattr(t.state, name) <= limit


def test_bad_data_is_refused_with_the_file_and_field_named():
    data = {**load_conversation("scenario_ophalen").data}
    data["nodes"] = {
        **data["nodes"],
        "begin": {
            "situation": "x",
            "options": [
                {"id": "a", "text": "x", "move": "rustig_benaderen", "next": "nergens"},
                {"id": "b", "text": "y", "move": "rustig_benaderen", "next": "einde"},
            ],
        },
    }
    with pytest.raises(ContentError, match=r"nodes\.begin\.options \(a\): next: no node 'nergens'"):
        Conversation(data, MODEL, "x.yaml")
    data["nodes"]["begin"]["options"][0]["next"] = {"laag": "einde"}
    with pytest.raises(ContentError, match="name every band"):
        Conversation(data, MODEL, "x.yaml")
    data["nodes"]["begin"]["options"][0]["next"] = "einde"
    data["nodes"]["begin"]["options"][0]["move"] = "vliegen"
    with pytest.raises(ContentError, match="unknown move 'vliegen'"):
        Conversation(data, MODEL, "x.yaml")
    with pytest.raises(ContentError, match="no conversation 'bestaat_niet'"):
        load_conversation("bestaat_niet")


def test_a_cycle_in_the_data_is_found():
    data = {**load_conversation("scenario_ophalen").data}
    nodes = dict(data["nodes"])
    nodes["jas"] = {
        "situation": "x",
        "options": [
            {"id": "a", "text": "x", "move": "samen_kijken", "next": "einde"},
            {"id": "b", "text": "y", "move": "stilte", "next": "jas"},
        ],
    }
    conv = Conversation({**data, "nodes": nodes}, MODEL, "x.yaml")
    with pytest.raises(ContentError, match="cycle"):
        list(conv.paths())


def test_the_state_a_ceiling_keeps_is_the_models_otherwise():
    data = {**load_conversation("scenario_ophalen").data, "ceiling": {"safety": 5}}
    conv = Conversation(data, MODEL, "x.yaml")
    free = load_conversation("scenario_ophalen")
    s = free.start
    for move in MODEL.article_sequence:
        capped_next, free_next = conv.step(s, move), step(s, move)
        assert capped_next.safety == min(free_next.safety, 5) and capped_next.trust == free_next.trust
        assert not capped_next.door_open  # opening needs safety 6
        s = capped_next


def test_every_conversation_is_shown_in_a_lesson_and_every_lesson_block_names_one():
    from course.content import LESSON_DIR, lesson_ids, load_lesson

    shown = {}
    for lid in lesson_ids():
        prose = (LESSON_DIR / f"{lid}.md").read_text(encoding="utf-8")
        for block_id, spec in load_lesson(lid)["blocks"].items():
            if spec["kind"] == "trust_scenario":
                assert spec["scenario"] in IDS, f"{lid}: block {block_id} names no conversation in the library"
                assert f"<!-- show: {block_id} -->" in prose, f"{lid}: block {block_id} is never shown"
                shown[spec["scenario"]] = lid
    assert set(shown) == set(IDS), f"conversations in no lesson: {set(IDS) - set(shown)}"
    assert len(IDS) >= 6


# An option is keyed with a move whose label must fit what it says. 'Het gedrag van het kind benoemen,
# meteen' names what the CHILD did; a remark on the parent's own conduct ('je bent weer te laat')
# is a reproach, not that move (fidelity note on gesprek_onder_druk, 2026-12-01).
ABOUT_THE_PARENT = re.compile(r"\b(je|jij|u) (bent|was|komt|kwam)\b|\bdenk je\b", re.IGNORECASE)


def test_naming_the_childs_behaviour_is_about_the_child(conv):
    wrong = [
        f"{nid}/{o['id']}: {o['text']}"
        for nid, node in conv.nodes.items()
        for o in node["options"]
        if o["move"] == "gedrag_benoemen" and ABOUT_THE_PARENT.search(o["text"])
    ]
    assert not wrong, f"{conv.id}: keyed 'gedrag van het kind benoemen' but about the parent: {wrong}"


# Koster's silence is one in which the professional stays with the parent ('Er valt een stilte, maar
# geen ongemakkelijke'); letting the parent go without a word is what lesson 03 calls dichtklappen
# (fidelity reading 11, F8, F10, F12).
LEAVING = re.compile(r"\blaat (hem|haar|ze|hen)( \w+)? gaan\b|\bzegt niets meer\b", re.IGNORECASE)


def test_a_silence_stays_with_the_parent(conv):
    wrong = [
        f"{nid}/{o['id']}: {o['text']}"
        for nid, node in conv.nodes.items()
        for o in node["options"]
        if o["move"] in ("stilte", "rustig_benaderen") and LEAVING.search(o["text"])
    ]
    assert not wrong, f"{conv.id}: keyed as Koster's silence or calm approach, but the parent is let go: {wrong}"


# Handreiking 4 names what is already there IN THE PARENT (inzet, aanwezigheid, liefdevolle intentie);
# lesson 04: not what the child does or tells (fidelity reading 11, F7, F11). So the option speaks of
# what the parent does or is: 'je', 'jij' or 'jouw' (a child reaching 'naar jou' does not count).
OF_THE_PARENT = re.compile(r"\b(je|jij|jouw)\b", re.IGNORECASE)


def test_a_good_parent_experience_names_the_parent(conv):
    wrong = [
        f"{nid}/{o['id']}: {o['text']}"
        for nid, node in conv.nodes.items()
        for o in node["options"]
        if o["move"] == "goede_ouder" and not OF_THE_PARENT.search(o["text"])
    ]
    assert not wrong, f"{conv.id}: keyed 'goede ouder'-ervaring, but it names the child, not the parent: {wrong}"


def test_the_comparison_is_called_the_articles_only_when_it_is(conv):
    """Only a path with the moves of Koster's example is 'in de volgorde van het artikel'; the other
    comparison paths are the course's compositions of the handreikingen (fidelity reading 11, F15)."""
    from course import messages as msg

    moves = [t.move for t in conv.play(conv.article_path)]
    expected = msg.SCENARIO_ARTICLE if moves == list(MODEL.article_sequence) else msg.SCENARIO_COURSE_PATH
    assert conv.comparison_label(msg) == expected


# Lesson 04 files a parent's presence under handreiking 4 ('aanwezigheid' is in Koster's H4 list only);
# an acknowledgement (H1) names effort, love or worry (fidelity reading 12, F7).
PRESENCE = re.compile(r"\b(sta je hier|ben (je|jij) er|dat je er\b[^.]*\bbent|je bent er)\b", re.IGNORECASE)


def test_an_acknowledgement_does_not_name_the_parents_presence(conv):
    wrong = [
        f"{nid}/{o['id']}: {o['text']}"
        for nid, node in conv.nodes.items()
        for o in node["options"]
        if o["move"] == "erkenning" and PRESENCE.search(o["text"])
    ]
    assert not wrong, f"{conv.id}: keyed erkenning (H1), but it names the parent's presence (H4): {wrong}"


def test_naming_the_behaviour_later_is_not_called_meteen_and_points_to_the_permission_question(conv, paths):
    """Fidelity reading 12, F6: Koster warns against starting with what goes wrong. Named after the
    parent was acknowledged, the child's behaviour is not 'meteen'; without permission, what would have
    helped is asking it (H3), not an acknowledgement that was already there."""
    from course.messages import SCENARIO_TURNING
    from course.model.trust_model import use_of

    h1, h3 = (conv.worded(load_concepts()[c]["label"]) for c in ("H1", "H3"))  # (opa: the conversation's words)
    seen = 0
    for path in paths:
        points = conv.turning_points(path, SCENARIO_TURNING)
        for t in path:
            if t.move != "gedrag_benoemen":
                continue
            use = use_of(t.move, t.before, MODEL)
            mine = [
                p
                for p in points
                if p.startswith(SCENARIO_TURNING["at"].format(n=t.number, label=conv.worded(use.label)))
            ]
            if t.before.acknowledged:
                seen += 1
                assert not use.label.endswith(", meteen"), (conv.id, t.node, use.label)
                assert not any(h1 in p for p in mine), (conv.id, t.node, mine)
                if use.warned:
                    assert any(h3 in p for p in mine), (conv.id, t.node, mine)
            else:  # not acknowledged: 'meteen', or 'zonder erkenning' after a yes (twelfth walk); H1 would have helped
                ending = ", zonder erkenning" if t.before.permission else ", meteen"
                assert use.label.endswith(ending) and any(h1 in p for p in mine), (conv.id, t.node, mine)


def test_telling_anyway_after_a_no_is_information_without_permission(conv, paths):
    """Fidelity reading 12, F6: right after a parent said no to a permission question, telling about
    the child anyway is what handreiking 3 is about: the end of the conversation says so."""
    from course.messages import SCENARIO_TURNING

    h3 = load_concepts()["H3"]["label"]
    for path in paths:
        points = conv.turning_points(path, SCENARIO_TURNING)
        for before, t in zip(path, path[1:]):
            refused = before.move == "toestemming_vragen" and not before.state.permission
            if refused and t.move in ("gedrag_benoemen", "informatie_geven"):
                at = SCENARIO_TURNING["at"].format(n=t.number, label="")[:-1]
                assert any(p.startswith(at) and h3 in p for p in points), (conv.id, t.node, t.option["id"])


# Koster's example of information to ask permission for is 'wat ons in de groep opvalt' (handreiking 3):
# an option that tells what the group or class sees is information, keyed one way in every conversation
# (fidelity reading 13, F10: the same sentence was 'gedrag benoemen' once and 'informatie' elsewhere).
IN_THE_GROUP = re.compile(r"\bin de (groep|klas)\b", re.IGNORECASE)

# Lesson 02 (the course's reading of Koster's 'stilstaan'): one friendly line, straight away followed by
# 'maar' and your worry about the child, is walking on, not standing still. Such a line names the
# behaviour as a problem, whatever it says it saw, and is never keyed as a helpful move (fidelity
# reading 15, F3: 'Dat snap ik. Maar hij was vandaag wel erg onrustig in de groep.' was information,
# and three readers in a row pulled it the other way). This rule comes before the one above.
BUT_TURN = re.compile(r"\bmaar\b", re.IGNORECASE)


def test_a_friendly_line_then_maar_is_not_a_helpful_move(conv):
    wrong = [
        f"{nid}/{o['id']} ({o['move']}): {o['text']}"
        for nid, node in conv.nodes.items()
        for o in node["options"]
        if BUT_TURN.search(o["text"]) and MODEL.moves[o["move"]]["kind"] == "helpful"
    ]
    assert not wrong, f"{conv.id}: a 'maar' turn keyed as a helpful move: {wrong}"


def test_what_the_group_sees_is_information(conv):
    wrong = [
        f"{nid}/{o['id']}: {o['text']}"
        for nid, node in conv.nodes.items()
        for o in node["options"]
        if o["move"] == "gedrag_benoemen" and IN_THE_GROUP.search(o["text"]) and not BUT_TURN.search(o["text"])
    ]
    assert not wrong, f"{conv.id}: tells what the group sees, keyed as naming the behaviour: {wrong}"


def test_the_articles_move_is_not_always_the_first_option(conv):
    """Issue 24: with the article's move first at every step, a learner learned to 'click the top one'. Each
    step shows its options in an order of its own (the same every time, for every learner): along the
    comparison path the chosen option does not always stand in one place, and no option is lost."""
    positions = []
    for turn in conv.play(conv.article_path):
        shown = conv.shown_options(turn.node)
        assert sorted(o["id"] for o in shown) == sorted(o["id"] for o in conv.nodes[turn.node]["options"])
        assert shown == conv.shown_options(turn.node)  # stable
        positions.append([o["id"] for o in shown].index(turn.option["id"]))
    assert len(set(positions)) > 1, f"{conv.id}: the comparison path's option is always number {positions[0] + 1}"
    assert positions[0] != 0 or positions[1] != 0, f"{conv.id}: the comparison path starts with two top options"


# Issue 24: in the bad run the mother snapped 'Hoezo?' and the next step said 'Haar ogen worden vochtig';
# and a reply said 'De deur gaat dicht.' while the figure showed the door shut from the start. What the
# parent does next follows from what she just said: a step that shows her opening up never follows a
# reply given at low safety, and no reply narrates the door (the model's figure shows it).
OPENING_UP = re.compile(r"\b(vochtig|nat|tranen|zucht|glimlacht|lacht)\b", re.IGNORECASE)


def test_what_the_parent_does_next_follows_from_her_reply(conv, paths):
    wrong = set()
    for path in paths:
        for t, nxt in zip(path, path[1:]):
            if conv.band(t.state) == "laag" and OPENING_UP.search(conv.nodes[nxt.node]["situation"]):
                wrong.add(
                    f"{t.node}/{t.option['id']} ({t.reply!r}) -> {nxt.node}: {conv.nodes[nxt.node]['situation']!r}"
                )
    assert not wrong, f"{conv.id}: " + "\n".join(sorted(wrong)[:10])


# Fourteenth walk (low): "Ze pakt haar zoon en gaat." and the next step "De moeder pakt de jas van haar zoon." A parent
# who leaves does so at the last step; before it she may turn to go, not be gone.
LEAVES = re.compile(r"\ben (?:hij |ze )?gaat\.|\bgaat weg\b|loopt naar (?:de deur|buiten)|stapt op|\bvertrekt\b", re.I)


def test_a_parent_leaves_only_at_the_last_step(conv, paths):
    gone = {
        f"{t.node}/{t.option['id']} ({t.reply!r}) -> {nxt.node}: {conv.nodes[nxt.node]['situation']!r}"
        for path in paths
        for t, nxt in zip(path, path[1:])
        if LEAVES.search(t.reply)
    }
    assert not gone, f"{conv.id}: " + "\n".join(sorted(gone)[:10])


def test_no_reply_narrates_the_door(conv):
    texts = list(_strings(conv.replies))
    texts += [r for node in conv.nodes.values() for o in node["options"] for r in _strings(o.get("reply") or {})]
    assert not [r for r in texts if re.search(r"\bdeur gaat (dicht|open)\b", r, re.IGNORECASE)], conv.id


def test_a_move_that_cost_safety_or_trust_is_a_turning_point_that_says_what_fell(conv, paths):
    """Issue 24, third walk ('Op het schoolplein'): an offer at safety 5 lowered safety and trust (5/5 -> 4/4),
    the door stayed shut, the end said 'kijk waar het gesprek een andere kant op ging' and then 'Geen
    kantelpunten'. Every step that lowers a number is now a turning point that names what fell, from what to
    what; a move the article does not warn against also says in words what was not there yet when it came too
    early (the model's conditions of its rules that raise something, course.model.trust_model.not_yet)."""
    from course.messages import SCENARIO_NOT_YET, SCENARIO_TURNING
    from course.model.trust_model import not_yet, use_of

    fell_seen = again_seen = 0
    for path in paths:
        points = conv.turning_points(path, SCENARIO_TURNING)
        reasons: list[str] = []  # the 'too early' reasons in words, step by step
        for t in path:
            if t.state.safety >= t.before.safety and t.state.trust >= t.before.trust:
                continue
            fell_seen += 1
            use = use_of(t.move, t.before, MODEL)
            mine = [
                p
                for p in points
                if p.startswith(SCENARIO_TURNING["at"].format(n=t.number, label=conv.worded(use.label)))
            ]
            assert mine, (conv.id, [x.move for x in path], t.number)
            if use.warned:
                continue  # says what would have helped instead
            said = " ".join(mine)
            if t.state.safety < t.before.safety:
                assert f"{t.before.safety} → {t.state.safety}" in said, said
            if t.state.trust < t.before.trust:
                assert f"{t.before.trust} → {t.state.trust}" in said, said
            missing = not_yet(t.move, t.before, MODEL)
            if not missing:
                continue
            # in words what was not there yet (issue 24, sixth walk: no threshold); the same reason as at an earlier
            # step is said shorter (seventh walk: the same sentence twice in one list)
            reason = conv.worded(" en ".join(SCENARIO_NOT_YET[name] for name in missing))
            if "safety_at_least" in missing and conv.ceiling.get("safety", 99) < (MODEL.needed_safety(t.move) or 0):
                reason += " (not today: the ceiling)"  # a different reason (the test below)
            if reason in reasons:
                again_seen += 1
                assert SCENARIO_TURNING["fell_early_again"] in said and reason not in said, said
            else:
                assert "te vroeg" in said and all(conv.worded(SCENARIO_NOT_YET[name]) in said for name in missing), said
            reasons.append(reason)
    assert fell_seen, f"{conv.id}: no path lowers a number (the test would check nothing)"
    assert again_seen or conv.id == "gesprek_schoolplein", conv.id  # the shorter form is met (schoolplein: never)


def test_an_open_door_without_the_offer_says_how_to_make_it():
    """Issue 24, fifth walk: 'Een aanbod … deed je nog niet. Dat zou de volgende stap zijn', but the conversation had
    ended and no step was left. The ending names the replay control that lets the learner make that step."""
    from course import messages as msg

    for conversation_id in conversation_ids():
        ending = load_conversation(conversation_id).endings["open_no_offer"]
        assert f"'{msg.SCENARIO_REPLAY_FROM}'" in ending, (conversation_id, ending)
        # fourteenth walk: "Dat zou de volgende stap zijn" still read as if a step 6 would come
        assert "volgende stap" not in ending, (conversation_id, ending)


# "De deur" is the model's door to working together (Koster's 'de deur voor samenwerking'). A parent who physically
# opens or slams a door beside an ending that says "De deur is dicht" reads as a contradiction (a walk of 2026-12-02:
# opa "doet de deur open", then "De deur is dicht"). What is said and done in a conversation never opens or shuts one.
A_DOOR_MOVES = re.compile(r"\bdeur\w*\s+(?:\w+\s+){0,2}(?:open|dicht|opent|sluit)\b|\bdoet\s+de\s+deur\b", re.I)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_no_line_of_a_conversation_opens_or_shuts_a_real_door(conv):
    lines = [conv.intro, *_strings(conv.nodes), *_strings(conv.replies)]
    assert len(lines) > 20, "the conversation's lines were not read"
    wrong = [line for line in lines if A_DOOR_MOVES.search(line)]
    assert not wrong, f"{conv.id}: a line moves a real door beside the model's: {wrong}"


def _numbers_left(point: str) -> list[str]:
    """The numbers in a turning point other than its step number, a lesson number and from → to pairs."""
    point = re.sub(r"^Stap \d+ ", "", point)
    point = re.sub(r"\bles \d+\b", "", point)
    point = re.sub(r"\d+ → \d+", "", point)
    return re.findall(r"\d+", point)


def test_no_turning_point_gives_a_threshold_and_every_number_is_one_the_figure_shows(conv, paths):
    """Issue 24, sixth walk: "In het oefenmodel helpt hij pas vanaf veiligheid 5; hier was die 4" felt like maths, and
    the learner cannot see thresholds while playing. No turning point on any path names one; the only numbers left
    are from → to pairs, and each is what the figure beside it draws at that step (safety or trust before and after)."""
    from course.messages import SCENARIO_TURNING

    for path in paths:
        for point in conv.turning_points(path, SCENARIO_TURNING):
            assert "vanaf veiligheid" not in point and "vanaf vertrouwen" not in point, point
            assert not _numbers_left(point), (conv.id, point)
            n = int(re.match(r"Stap (\d+) ", point).group(1))
            t = path[n - 1]
            drawn = {(t.before.safety, t.state.safety), (t.before.trust, t.state.trust)}
            for a, b in re.findall(r"(\d+) → (\d+)", point):
                assert (int(a), int(b)) in drawn, (conv.id, point, drawn)


def _short(conv, state) -> set[str]:
    """What is under the door's threshold in ``state``: 'veiligheid', 'vertrouwen' (the words the texts use)."""
    m = conv.model
    return {
        w
        for w, low in (("veiligheid", state.safety < m.opens_safety), ("vertrouwen", state.trust < m.opens_trust))
        if low
    }


def _lowered(t) -> set[str]:
    return {
        w
        for w, fell in (
            ("veiligheid", t.state.safety < t.before.safety),
            ("vertrouwen", t.state.trust < t.before.trust),
        )
        if fell
    }


def test_a_closed_door_ending_names_what_kept_it_shut_as_the_model_played_it(conv, paths):
    """Issue 24, sixth walk: "De deur is dicht. Kijk in de figuur …": the learner had to read the figure to learn why.
    Every path that ends with the door shut now ends with one sentence that names what kept it shut, and it agrees with
    the model's states along the path (not with fixed strings):
    - a parent whose ceiling keeps the door shut whatever is said: that, and nothing about a step;
    - a door that was open and went shut: the step (number and label) that shut it, and no later step opened it again;
    - else the door never opened: the FIRST step that lowered what stayed under the threshold at the end, naming
      what it lowered of that ('te vroeg' only when a rule of that move raises something once what is missing is
      there, and then in words what was missing);
    - else no step lowered it: what stayed too low, named in words."""
    from course.messages import SCENARIO_NOT_YET, SCENARIO_WHY_CLOSED
    from course.model.trust_model import not_yet, use_of

    lead = SCENARIO_WHY_CLOSED["lead"].split("{")[0]
    kinds = set()
    for path in paths:
        final = path[-1].state
        if final.door_open:
            continue
        text = conv.ending_text(path, SCENARIO_WHY_CLOSED)
        assert "{" not in text and text.count(lead) == 1, (conv.id, text)
        assert text == conv.ending(path).replace("{why}", conv.why_closed(path, SCENARIO_WHY_CLOSED))
        reason = text.split(lead)[1].split(".")[0]
        ever_open = [t for t in path if t.state.door_open]
        short = _short(conv, final)
        step = re.search(r"\bstap (\d+)\b", reason)
        if not conv.door_can_open():
            kinds.add("ceiling")
            assert not step and "wat je ook kiest" in reason and not ever_open, reason
            continue
        if step is None:  # nothing lowered what stayed too low
            kinds.add("low")
            assert not ever_open and short and {w for w in ("veiligheid", "vertrouwen") if w in reason} == short
            assert not [t.number for t in path if _lowered(t) & short], (conv.id, reason)
            continue
        t = path[int(step.group(1)) - 1]
        use = use_of(t.move, t.before, conv.model)
        assert use.label in reason, (conv.id, reason, use.label)
        if ever_open:  # the door was open: the named step shut it, and it stayed shut
            kinds.add("shut")
            assert t.before.door_open and not t.state.door_open, (conv.id, reason)
            assert not any(x.state.door_open for x in path[t.number :]), (conv.id, reason)
            continue
        fell = _lowered(t) & short
        assert fell, (conv.id, reason, t)
        assert not [x.number for x in path[: t.number - 1] if _lowered(x) & short], (conv.id, reason)
        missing = () if use.warned else not_yet(t.move, t.before, conv.model)
        if "te vroeg" in reason:
            kinds.add("early")
            assert missing and all(SCENARIO_NOT_YET[name] in reason for name in missing), (conv.id, reason)
        else:
            kinds.add("fell")
            assert not missing and {w for w in ("veiligheid", "vertrouwen") if w in reason} == fell, (conv.id, reason)
    assert kinds, f"{conv.id}: no path ends with the door shut (the test would check nothing)"


def test_every_kind_of_reason_is_met_somewhere():
    """Each reason above is met on some path of the library (its test checks something), except a ceiling on trust,
    which no conversation has, and a ceiling's rise of only one number (on the buurthuis' paths without a lowering
    step both rise; test_a_ceiling_ending_names_the_first_step_that_lowered_safety_or_trust checks each number)."""
    from course.messages import SCENARIO_WHY_CLOSED

    texts = {
        conv.why_closed(path, SCENARIO_WHY_CLOSED)
        for conv in map(load_conversation, IDS)
        for path in conv.paths()
        if not path[-1].state.door_open
    }
    for key in [
        k
        for k in SCENARIO_WHY_CLOSED
        if k
        not in (
            "lead",
            "ceiling_trust",
            "ceiling_fell_trust",
            "ceiling_rose_safety",
            "ceiling_rose_trust",
            "ceiling_net_trust",
        )
        and not k.startswith("not_yet")
    ]:
        head = SCENARIO_WHY_CLOSED[key].split("{")[0].split("(")[0]
        tail = SCENARIO_WHY_CLOSED[key].split("}")[-1][:20]
        assert any(head in t and tail in t for t in texts), key


def test_an_open_door_ending_is_the_datas_own_and_names_no_reason(conv, paths):
    """An open door's ending is the conversation's own text, as before: no reason, no place holder."""
    from course.messages import SCENARIO_WHY_CLOSED

    lead = SCENARIO_WHY_CLOSED["lead"].split("{")[0]
    for path in paths:
        if path[-1].state.door_open:
            text = conv.ending_text(path, SCENARIO_WHY_CLOSED)
            assert text in (conv.endings["open"], conv.endings["open_no_offer"]) and "{" not in text, text
            assert lead not in text and conv.why_closed(path, SCENARIO_WHY_CLOSED) == ""


def test_a_closed_ending_without_its_place_for_the_reason_is_refused(tmp_path):
    import copy

    from course.content import read_yaml

    data = copy.deepcopy(read_yaml(CONVERSATION_DIR / "scenario_ophalen.yaml"))  # read_yaml's result is shared
    data["endings"]["closed"] = data["endings"]["closed"].replace("{why} ", "")
    with pytest.raises(ContentError, match=r"endings\.closed: needs one \{why\}"):
        Conversation(data, MODEL, "x.yaml")
    data = copy.deepcopy(read_yaml(CONVERSATION_DIR / "scenario_ophalen.yaml"))
    data["endings"]["open"] += " {why}"
    with pytest.raises(ContentError, match=r"endings\.open: needs no"):
        Conversation(data, MODEL, "x.yaml")


# --- learner walk of 2026-12-02 (gesprekken6) --------------------------------------------------------------------
NO = re.compile(r"\bnee\b", re.IGNORECASE)


def test_an_ending_mentions_a_no_only_on_a_path_where_the_parent_said_no(conv, paths):
    """Walk 2026-12-02, finding 1: 'Zei de vader nee, dan …' after the father said 'Ja, vertel maar' read as 'he said
    no?'. An ending speaks of a 'nee' only on a path where a permission question got one (the model kept no
    permission after it), and a no that was said is not lost from the ending."""
    from course.messages import SCENARIO_WHY_CLOSED

    said_no_seen = 0
    for path in paths:
        said_no = any(t.move == "toestemming_vragen" and not t.state.permission for t in path)
        text = conv.ending_text(path, SCENARIO_WHY_CLOSED)
        if NO.search(text):
            assert said_no, (conv.id, [t.reply for t in path], text)
        if said_no and conv.ending_key(path) == "closed_helpful" and "closed_helpful_no" in conv.endings:
            raise AssertionError("closed_helpful chosen after a no, though the data has closed_helpful_no")
        said_no_seen += said_no
    if conv.id == "gesprek_schoolplein":
        assert said_no_seen and any(NO.search(e) for e in conv.endings.values())


def _still_helps(conv, path) -> list[str]:
    """Labels of the helpful moves offered but not played on ``path`` that would raise, played once more in the final
    state, what stayed too low: found by playing each with the model's step function (not by reading its rules, as
    Conversation.still_helps does), and named as the path would name them."""
    from course.model.trust_model import use_of

    final, m = path[-1].state, conv.model
    played = {t.move for t in path}
    offered = {o["move"] for node in conv.nodes.values() for o in node["options"]}
    names = []
    for move in m.helpful():
        if move not in offered or move in played or use_of(move, final, m).warned:
            continue
        after = step(final, move)
        if (final.safety < m.opens_safety and after.safety > final.safety) or (
            final.trust < m.opens_trust and after.trust > final.trust
        ):
            names.append(use_of(move, final, m).label)
    return names


def test_a_door_shut_after_no_lowering_step_says_which_helpful_move_was_not_played_yet(conv, paths):
    """Walk 2026-12-02, finding 1: a path of only helping moves, no turning point, the door shut, and the ending said
    only 'de veiligheid werd niet hoog genoeg'. When no step lowered what stayed too low, the reason also names the
    helpful moves not played that, by the model's rules, would still raise it at the end (none named when none)."""
    from course.messages import SCENARIO_WHY_CLOSED
    from course.model.trust_model import use_of

    seen = 0
    for path in paths:
        if path[-1].state.door_open or not conv.door_can_open():
            continue
        why = conv.why_closed(path, SCENARIO_WHY_CLOSED)
        if re.search(r"\bstap \d+\b", why):
            continue
        helps = _still_helps(conv, path)
        labels = {use_of(mv, path[-1].state, conv.model).label for mv in conv.model.moves}
        named = {label for label in labels if label in why}
        assert named == set(helps), (conv.id, why, helps)
        seen += bool(helps)
    if conv.id == "gesprek_schoolplein":
        assert seen


def test_a_ceiling_ending_names_the_first_step_that_lowered_safety_or_trust():
    """Walk 2026-12-02, finding 3: after a bad run at the buurthuis the ending said only '… wat je ook kiest', as if
    the choices did not matter. With a ceiling, the reason also names the first step that lowered safety or trust
    (number and label), and on a path without one it names no step."""
    from course.messages import SCENARIO_WHY_CLOSED
    from course.model.trust_model import use_of

    conv = load_conversation("gesprek_buurthuis")
    assert not conv.door_can_open()
    with_step = rose = net = 0
    for path in conv.paths():
        why = conv.why_closed(path, SCENARIO_WHY_CLOSED)
        assert "wat je ook kiest" in why
        lowered = [t for t in path if t.state.safety < t.before.safety or t.state.trust < t.before.trust]
        steps = re.findall(r"\bstap (\d+)\b", why)
        if not lowered:
            assert not steps, why
            # seventh walk: a good run ended as bleakly as a bad one; now it names what rose, from the model's states
            final = path[-1].state
            for word, before, after in (
                ("veiligheid", conv.start.safety, final.safety),
                ("vertrouwen", conv.start.trust, final.trust),
            ):
                named = f"{word} van {before} naar {after}" in why
                assert named == (after > before), (why, before, after)
            rose += final.safety > conv.start.safety
            continue
        with_step += 1
        final = path[-1].state  # eighth walk: what rose is named here too, before the step that lowered
        for word, before, after in (
            ("veiligheid", conv.start.safety, final.safety),
            ("vertrouwen", conv.start.trust, final.trust),
        ):
            assert (f"{word} van {before} naar {after}" in why.split("Wel ")[0]) == (after > before), why
        net += final.safety > conv.start.safety or final.trust > conv.start.trust
        t = lowered[0]
        assert steps == [str(t.number)] and f"({use_of(t.move, t.before, conv.model).label})" in why, why
        fell = _lowered(t)
        assert {w for w in ("veiligheid", "vertrouwen") if w in why.split("Wel ")[1].split(". ")[0]} == fell, why
    assert with_step and rose and net
    for path in conv.paths():  # 'wat je ook' at most once in what the learner reads at the end
        assert conv.ending_text(path, SCENARIO_WHY_CLOSED).count("wat je ook") <= 1


def test_a_ceiling_ending_after_a_bad_run_says_it_ended_lower_than_it_began():
    """Twelfth walk: the buurthuis' bad run ended with the same 'niet hoog genoeg … wat je ook kiest' as the good
    one, and only the good one said where the numbers ended. Now a run that ends below the start on a number, with
    nothing risen, says so with the model's numbers; a run that ends at or above the start never does."""
    from course.messages import SCENARIO_WHY_CLOSED

    conv = load_conversation("gesprek_buurthuis")
    heads = [SCENARIO_WHY_CLOSED[f"ceiling_sank_{k}"].split("{")[0] for k in ("safety", "trust", "both")]
    sank_paths = 0
    for path in conv.paths():
        why = conv.why_closed(path, SCENARIO_WHY_CLOSED)
        s0, t0, final = conv.start.safety, conv.start.trust, path[-1].state
        rose = final.safety > s0 or final.trust > t0
        sank = {"veiligheid": final.safety < s0, "vertrouwen": final.trust < t0}
        said = [h for h in heads if h in why]
        if rose or not any(sank.values()):
            assert not said, why
            continue
        sank_paths += 1
        assert len(said) == 1, why
        sentence = why[why.index(said[0]) :].split(". ")[0]
        assert {w for w, low in sank.items() if low} == {w for w in sank if w in sentence}, why
        for word, before, after in (("veiligheid", s0, final.safety), ("vertrouwen", t0, final.trust)):
            if sank[word]:
                assert f"{after} in plaats van {before}" in sentence or (
                    f"{final.safety} en {final.trust} in plaats van {s0} en {t0}" in sentence
                ), sentence
    assert sank_paths


def test_an_option_note_is_shown_with_its_turning_point():
    """Walk 2026-12-02, finding 5: in gesprek_weinig_nederlands the jargon option was only 'Informatie geven, zonder
    toestemming'; the point of that conversation is plain words. An option's own `note` is a turning point of the
    step where it was chosen; this one names the hard words."""
    from course.messages import SCENARIO_TURNING

    conv = load_conversation("gesprek_weinig_nederlands")
    noted = [(n, o) for n, node in conv.nodes.items() for o in node["options"] if "prikkelgevoelig" in o["text"]]
    assert noted and all("note" in o for _n, o in noted)
    for path in conv.paths():
        points = conv.turning_points(path, SCENARIO_TURNING)
        for t in path:
            if "note" in t.option:
                at = SCENARIO_TURNING["at"].format(n=t.number, label="")[:-2]
                mine = [p for p in points if p.startswith(at) and t.option["note"] in p]
                assert len(mine) == 1, (points, t.option["note"])
    for _n, o in noted:
        assert all(w in o["note"].lower() for w in ("prikkelgevoelig", "inname", "fruitmoment")), o["note"]


def test_an_empty_option_note_is_refused():
    import copy

    from course.content import read_yaml

    data = copy.deepcopy(read_yaml(CONVERSATION_DIR / "scenario_ophalen.yaml"))
    first = data["nodes"][data["first"]]["options"][0]
    first["note"] = " "
    with pytest.raises(ContentError, match=r"note"):
        Conversation(data, MODEL, "x.yaml")


def _repeats(path) -> list[str]:
    said, twice = set(), []
    for t in path:
        if t.reply in said:
            twice.append(f"step {t.number} ({t.node}/{t.option['id']}): {t.reply}")
        said.add(t.reply)
    return twice


def test_no_parent_reply_is_said_twice_on_one_path(conv, paths):
    """Walk 2026-12-02, finding 2: "Er komt een kleine glimlach. 'Dat probeer ik ook echt.'" twice in a row, and
    "'Denk je dat ik dat niet al geprobeerd heb?' Ze draait zich om." three times in one conversation. On no path of
    any conversation does the parent say the same line twice."""
    wrong = {r for path in paths for r in _repeats(path)}
    assert not wrong, f"{conv.id}: " + "\n".join(sorted(wrong)[:15])


def test_a_reply_again_is_refused_when_its_move_has_no_reply():
    import copy

    from course.content import read_yaml

    data = copy.deepcopy(read_yaml(CONVERSATION_DIR / "scenario_ophalen.yaml"))
    data["replies_again"] = {"vliegen": {"laag": ["x"]}}
    with pytest.raises(ContentError, match=r"replies_again"):
        Conversation(data, MODEL, "x.yaml")


def _action(reply: str) -> str:
    """What the parent does at the end of a reply, after her last words ("… ,' zegt ze. Ze draait zich om." ->
    "Ze draait zich om."); '' when the reply ends with words or says nothing more."""
    tail = reply.rsplit("'", 1)[-1] if reply.count("'") >= 2 else reply
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", tail) if s.strip()]
    last = sentences[-1] if sentences else ""
    return last if len(last.split()) >= 3 and not last.startswith(("zegt", "vraagt")) else ""


def _twice_in_a_row(conv, paths, part) -> None:
    """Fail when two replies in a row of a path share ``part`` (a function of the reply; '' is no part)."""
    wrong = {
        f"steps {a.number}-{b.number} ({a.node}/{a.option['id']}, {b.node}/{b.option['id']}): {part(b.reply)}"
        for path in paths
        for a, b in zip(path, path[1:])
        if part(b.reply) and part(a.reply) == part(b.reply)
    }
    assert not wrong, f"{conv.id}: " + "\n".join(sorted(wrong)[:15])


def test_a_parent_does_not_do_the_same_thing_in_two_replies_in_a_row(conv, paths):
    """Ninth walk (low): "'Denk je dat ik dat niet al geprobeerd heb?' Ze draait zich om." and then "'Dus het ligt aan
    mij,' zegt ze boos. Ze draait zich om." (lesson 05): she turned away twice. Two replies in a row never end with
    the same action."""
    _twice_in_a_row(conv, paths, _action)


def test_a_gesture_back_answers_a_gesture():
    """Ninth walk (mid, lesson 06): after "Je blijft even bij haar staan, knikt vriendelijk en zegt niets." the mother
    "zwaait terug": nobody waved. A reply in which the parent waves, nods or smiles back follows an option that does."""
    gestures = {"zwaait terug": "zwaai", "knikt terug": "knik", "lacht terug": "lach", "glimlacht terug": "glimlach"}
    wrong = []
    for conv in map(load_conversation, IDS):
        for nid, node in conv.nodes.items():
            for option in node["options"]:
                replies = option.get("reply") or conv.replies.get(option["move"], {})
                for reply in _strings(replies):
                    for back, done in gestures.items():
                        if back in reply and done not in option["text"].lower():
                            wrong.append(f"{conv.id} {nid}/{option['id']}: {option['text']} -> {reply}")
    assert not wrong, "\n".join(wrong)


def test_opa_is_not_spoken_of_as_the_parent():
    """Ninth walk (mid, lesson 04): lesson 04 says the ouderschap of Mees stays with his parents and that with opa you
    connect with what he carries and does as opa; the turning points said "sluit aan bij het ouderschap" and the
    figure "'Goede ouder'-ervaring benoemen" for opa. Every name under the figure, turning point and ending of the
    opa conversation speaks of opa (the conversation's 'words'); the other conversations keep the model's words."""
    from course import messages as msg

    opa = load_conversation("gesprek_bso_opa")
    seen = set()
    for turns in opa.paths():
        states = opa.states(turns)
        texts = [
            *opa.use_labels(states),
            *opa.turning_points(turns, msg.SCENARIO_TURNING, here="04_vier_handreikingen"),
            opa.ending_text(turns, msg.SCENARIO_WHY_CLOSED),
            opa.worded(msg.SCENARIO_COMPARE.format(n=5, m=len(turns))),  # the sentence between the two figures
        ]
        for text in texts:
            assert "ouderschap" not in text and "naar de ouder" not in text and "over de ouder" not in text, text
            assert "dezelfde ouder" not in text and "Wat had kunnen helpen: de ouder" not in text, text
            assert "'Goede ouder'" not in text, text
            seen.update(w for w in opa.words.values() if w in text)
    assert set(opa.words.values()) == seen  # every word of the conversation is met on some path
    school = load_conversation("gesprek_schoolplein")
    turns = next(iter(school.paths()))
    assert school.use_labels(school.states(turns)) == use_labels(school.states(turns), MODEL)


def test_too_early_under_a_ceiling_says_that_it_cannot_come_today(conv, paths):
    """Ninth walk (mid, lesson 03): in the buurthuis, after five helpful moves, the offer was "te vroeg: de ouder
    voelde zich nog niet veilig genoeg", and the learner wondered what would have been on time. When the safety a
    move needs lies above this parent's ceiling, its 'te vroeg' says that this safety does not come today; a move
    that could still help later keeps the plain reason."""
    from course.messages import SCENARIO_TURNING

    capped_text = SCENARIO_TURNING["not_yet_safety_at_least_ceiling"]
    plain = SCENARIO_TURNING["not_yet_safety_at_least"]
    cap = conv.ceiling.get("safety")
    seen = {True: 0, False: 0}
    for path in paths:
        for t in path:
            early = conv._early(t, SCENARIO_TURNING)
            if plain not in early:
                continue
            out_of_reach = cap is not None and (MODEL.needed_safety(t.move) or 0) > cap
            seen[out_of_reach] += 1
            assert (conv.worded(capped_text) in conv.worded(early)) == out_of_reach, (conv.id, t.node, t.move, early)
    if conv.id == "gesprek_buurthuis":
        assert seen[True] and seen[False], seen  # both kinds are met on its paths


def test_telling_after_a_no_is_named_as_such():
    """Tenth walk (mid, lesson 04 schoolplein): after "Zal ik je vertellen…?", "Nee, nu even niet" and "Ik zeg het toch
    even…", the turning point said "Wat had kunnen helpen: toestemming vragen" though the learner had asked."""
    from course.messages import SCENARIO_TURNING

    school = load_conversation("gesprek_schoolplein")
    after_no = SCENARIO_TURNING["steered_after_no"].split("{")[0]
    plain = SCENARIO_TURNING["steered"].split("{")[0]
    seen = 0
    for turns in school.paths():
        points = school.turning_points(turns, SCENARIO_TURNING)
        for prev, t in zip(turns, turns[1:]):
            if t.move == "informatie_geven" and prev.move == "toestemming_vragen" and prev.node != t.node:
                mine = [p for p in points if p.startswith(f"Stap {t.number} (")]
                if prev.state.safety <= 3 and t.node == "nee":
                    seen += 1
                    assert any(after_no in p for p in mine) and not any(plain in p for p in mine), mine
    assert seen


def test_each_step_is_named_once_in_the_turning_points(conv, paths):
    """Eleventh walk (lesson 06, weinig woorden): the turning points listed "Stap 1" twice (the door closed there, and
    the article advises against the move). What a step did is said in one line, its parts as sentences."""
    from course.messages import SCENARIO_TURNING

    merged = 0
    for path in paths:
        points = conv.turning_points(path, SCENARIO_TURNING)
        steps = [re.match(r"Stap (\d+) ", p).group(1) for p in points]
        assert len(steps) == len(set(steps)), (conv.id, points)
        for p in points:
            body = p.split("): ", 1)[1]
            merged += bool(re.search(r"[.!?] [a-z]", body) is None and re.search(r"[.!?] [A-Z]", body))
            assert not re.search(r"[.!?] [a-z]", body), (conv.id, p)  # each part a sentence of its own
    assert merged, conv.id  # some step says more than one thing


def test_a_helpful_move_named_te_vroeg_says_why_at_the_end(conv, paths):
    """Twelfth walk (lesson 04, schoolplein): Koster's own question came first and the figure named it "Toestemming
    vragen, te vroeg", while the end said "Geen kantelpunten" and "al koos je alleen zetten die helpen": was the quote
    wrong? A use of a helpful move with a name of its own says at the end what that name means here."""
    from course.messages import SCENARIO_TURNING
    from course.model.trust_model import effect_for, use_of

    seen = 0
    for path in paths:
        points = conv.turning_points(path, SCENARIO_TURNING)
        for t in path:
            use = use_of(t.move, t.before, MODEL)
            note = effect_for(t.move, t.before, MODEL).get("note")
            if use.warned or use.label == MODEL.moves[t.move]["label"]:
                continue
            assert note, (t.move, use.label)  # every named helpful use carries its note
            seen += 1
            at = SCENARIO_TURNING["at"].format(n=t.number, label=conv.worded(use.label))
            assert any(p.startswith(at) and conv.worded(note)[1:] in p for p in points), (conv.id, points)
    if conv.id == "gesprek_schoolplein":
        assert seen, conv.id


def _spoken(reply: str) -> str:
    """What the parent says first in a reply: the first sentence of the first quoted words, in lower case."""
    found = re.search(r"'([^']{4,}?)[,.!?]?'", reply)
    first = (re.split(r"[.!?]\s", found[1])[0] if found else "").lower().strip(" ,.!?")
    return first if len(first.split()) >= 2 else ""  # a bare 'Ja' or 'Nee' twice is how people talk


def test_a_parent_does_not_say_the_same_words_in_two_replies_in_a_row(conv, paths):
    """Twelfth walk (low, lesson 03 buurthuis): "'Dus het ligt aan mij,' zegt ze boos" twice in a row. Thirteenth walk
    (mid, lesson 06): "'Ik weet. Ik probeer,' zegt ze zacht." and then "'Ik weet,' zegt ze.": the first sentence
    counts, not the whole quote (from two words on)."""
    _twice_in_a_row(conv, paths, _spoken)


def test_after_a_yes_to_hear_what_you_see_the_parent_waits_to_hear_it(conv, paths):
    """Thirteenth walk (low/mid, lesson 05): "'Ja, graag,' zegt ze. 'Wat zien jullie dan?'" and then "De moeder wacht.
    Haar ogen worden vochtig.": the step written for after the open question about her. After a yes to a permission
    question in which the parent asks what you see, the next step shows her waiting to hear it, not in tears."""
    tears = ("vochtig", "tranen", "huil")
    for path in paths:
        for a, b in zip(path, path[1:]):
            if a.move == "toestemming_vragen" and a.state.permission and "?" in a.reply:
                situation = conv.nodes[b.node]["situation"]
                assert not any(t in situation for t in tears), (conv.id, a.reply, situation)


ELSEWHERE = [n for n in conversation_ids() if load_conversation(n).start not in (MODEL.start,)]


def test_some_parents_start_elsewhere():
    assert {"gesprek_schoolplein", "gesprek_buurthuis"} <= set(ELSEWHERE)


@pytest.mark.parametrize("name", ELSEWHERE)
def test_a_parent_who_starts_elsewhere_than_the_model_says_so_in_the_intro(name):
    """Fourteenth walk (mid, lesson 04 schoolplein): the article's own permission sentence at the first step was
    "te vroeg", because this father starts one lower in safety than every other conversation; nothing said so. A
    conversation whose start is not the model's names its start in the intro, and that this is the course's choice."""
    conv = load_conversation(name)
    intro = " ".join(conv.intro.split())
    assert f"veiligheid {conv.start.safety} en vertrouwen {conv.start.trust}" in intro, intro
    assert "keuze van deze cursus" in intro, intro


# Fifteenth walk (mid, lesson 04): on the schoolplein "'Misschien wel,' … 'Ik laat het je weten.'" ended "deur dicht",
# while opa's "'Misschien,' … 'Ik zal het eerst met zijn ouders bespreken.'" ended "deur open": the same hesitation,
# two verdicts. The parent's answer to the offer is what the door verdict is about: after an offer the door is open,
# the parent does not hesitate or refuse; it is shut, the parent does not say yes.
HESITATES = re.compile(r"\bmisschien\b|\bweet (het |ik )?niet\b|\bgeen tijd\b|\blaat het je weten\b", re.I)
SAYS_YES = re.compile(r"^'ja\b|\bgoed\. samen\b|\bja, graag\b|\bdat wil ik\b", re.I)


def test_the_parent_s_answer_to_the_offer_matches_the_door(conv, paths):
    wrong = set()
    for path in paths:
        for t in path:
            if t.option["move"] != "samen_kijken":
                continue
            door = t.state.door_open
            if (door and HESITATES.search(t.reply)) or (not door and SAYS_YES.search(t.reply)):
                wrong.add(f"{t.node}/{t.option['id']} deur {'open' if door else 'dicht'}: {t.reply!r}")
    assert not wrong, f"{conv.id}: " + "\n".join(sorted(wrong))


def test_a_reply_may_depend_on_the_door(tmp_path):
    """A band's reply is a line, or one line for an open door and one for a shut door ({open, dicht})."""
    conv = load_conversation("gesprek_schoolplein")
    option = next(
        o for node in conv.nodes.values() for o in node["options"] if o["move"] == "samen_kijken" and "reply" not in o
    )
    band = conv.replies["samen_kijken"]["midden"]
    assert isinstance(band, dict) and set(band) == {"open", "dicht"}
    from course.model.trust_model import State

    assert conv.reply(option, State(safety=5, trust=6, door_open=True)) == band["open"]
    assert conv.reply(option, State(safety=5, trust=3, door_open=False)) == band["dicht"]
