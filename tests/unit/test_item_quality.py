"""Item quality across the whole course, and the concept map: written like a good exam.

- the key of a graded choice item is not a give-away (not the strictly longest option in more than
  a third of the items; no absolute word that marks only the distractors);
- no graded item can be answered from a practice item's feedback (no shared option, statement or
  step text, nor a near copy of one);
- at least a third of the graded points ask to apply or explain on a case;
- no cue a script can see (course/authoring/item_checks.py, issue 18): no item's key words stand in another
  item, no statement shares a word with its own category's label, absolute words are as common in
  keys as in distractors, keys stand evenly on every position, and few keys repeat a prompt word
  that no distractor repeats;
- every concept of the two texts is taught, practised and graded.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from course.authoring import item_checks
from course.authoring.concept_map import STAGES, coverage, taught_in
from course.authoring.item_checks import ABSOLUTE_FLOOR
from course.content import DATA_DIR, ContentError, lesson_ids, load_concepts, load_lesson, read_yaml
from course.keys import load_keys as _load_keys
from course.scoring import JUDGED_TYPES

GRADING = Path(__file__).resolve().parents[2] / "grading"
ABSOLUTE = ABSOLUTE_FLOOR  # course/authoring/item_checks.py reports a wider set
NEAR_COPY = 0.8  # SequenceMatcher ratio from which two texts count as the same text


def load_keys(lid: str) -> dict:
    return _load_keys(lid, GRADING)


def _graded(auto: bool = True):
    for lid in lesson_ids():
        for item in load_lesson(lid)["items"].values():
            if item["mode"] == "graded" and (item["type"] in JUDGED_TYPES) == auto:
                yield lid, item


def _texts(item) -> list[str]:
    return [e["text"] for part in ("options", "statements", "steps") for e in item.get(part, [])]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>|[^\w\s]", " ", text.lower()).split())


def longest_key_share() -> tuple[int, int, list[str]]:
    """Return (graded choice items whose key is the strictly longest option, all such items, names)."""
    hits, total, names = 0, 0, []
    for lid, item in _graded():
        if item["type"] not in ("choice", "multiselect"):
            continue
        key = load_keys(lid)[item["id"]]
        right = {key} if isinstance(key, str) else set(key)
        lengths = {o["id"]: len(o["text"]) for o in item["options"]}
        longest = max(lengths.values())
        total += 1
        if any(lengths[r] == longest for r in right) and sum(v == longest for v in lengths.values()) == 1:
            hits += 1
            names.append(f"{lid}/{item['id']}")
    return hits, total, names


def test_key_is_seldom_the_longest_option():
    hits, total, names = longest_key_share()
    assert total >= 20, f"only {total} graded choice items in the course"
    assert hits * 3 <= total, f"the key is the strictly longest option in {hits} of {total} items: {names}"


def test_absolute_words_do_not_mark_only_the_distractors():
    wrong = []
    for lid, item in _graded():
        if item["type"] not in ("choice", "multiselect"):
            continue
        key = load_keys(lid)[item["id"]]
        right = {key} if isinstance(key, str) else set(key)
        for word in ABSOLUTE:
            has = {o["id"] for o in item["options"] if re.search(rf"\b{word}\b", o["text"], re.I)}
            if has and not has & right:
                wrong.append(f"{lid}/{item['id']}: '{word}' only in distractors {sorted(has)}")
    assert not wrong, "\n".join(wrong)


def _pairs():
    return [(item, key) for _, item, key in item_checks.course_items()]


def test_no_item_answers_another():
    found = item_checks.leaks(_pairs())
    assert not found, "key words of one item stand in another:\n" + "\n".join(
        f"{a} -> {b}: {', '.join(w)}" for a, b, w in found
    )


def test_no_statement_echoes_its_own_category():
    found = [
        f"{item['id']}: {s} -> {c} ({', '.join(w)})"
        for item, key in _pairs()
        for s, c, w in item_checks.label_echoes(item, key)
    ]
    assert not found, "statements sharing a word with their own category's label:\n" + "\n".join(found)


def test_absolute_words_are_as_common_in_keys_as_in_distractors():
    counts = item_checks.absolute_words(_pairs())
    in_keys, in_distractors = counts["key"] / counts["keys"], counts["distractor"] / counts["distractors"]
    assert abs(in_keys - in_distractors) <= 0.05, (
        f"absolute words in {counts['key']} of {counts['keys']} keys ({in_keys:.0%}) but in "
        f"{counts['distractor']} of {counts['distractors']} distractors ({in_distractors:.0%})"
    )


def test_keys_stand_evenly_on_every_position():
    four = [(item, key) for item, key in _pairs() if item["type"] == "choice" and len(item["options"]) == 4]
    positions = item_checks.key_positions(four)
    total = sum(positions.values())
    assert total >= 12, f"only {total} graded four-option choice items"
    shares = {p: positions.get(p, 0) / total for p in range(1, 5)}
    assert all(0.15 <= share <= 0.35 for share in shares.values()), (
        "key positions of the four-option choice items: "
        + ", ".join(f"{p}: {positions.get(p, 0)}" for p in range(1, 5))
    )


def test_few_keys_repeat_a_prompt_word_alone():
    pairs = _pairs()
    echoed = [f"{item['id']}: {', '.join(w)}" for item, key in pairs if (w := item_checks.prompt_echoes(item, key))]
    assert len(echoed) * 10 <= len(pairs), (
        f"{len(echoed)} of {len(pairs)} keys repeat a prompt word no distractor repeats:\n" + "\n".join(echoed)
    )


def _practice_pairs():
    """(item, key) of the judged practice items of lessons 01-06 (lesson 00 demonstrates the widgets)."""
    from course.scoring import formative_key

    return [
        (item, formative_key(item))
        for lid in lesson_ids()
        if lid != "00_start"
        for item in load_lesson(lid)["items"].values()
        if item["mode"] == "formative" and item["type"] in JUDGED_TYPES
    ]


def test_practice_items_follow_the_same_rules():
    """Issue 18: practice trains the toets's distinctions, so it gives no cue the toets may not give."""
    pairs = _practice_pairs()
    assert len(pairs) >= 15
    echoes = [f"{item['id']}: {s} -> {c}" for item, key in pairs for s, c, _ in item_checks.label_echoes(item, key)]
    assert not echoes, echoes
    counts = item_checks.absolute_words(pairs)
    in_keys, in_distractors = counts["key"] / counts["keys"], counts["distractor"] / counts["distractors"]
    assert abs(in_keys - in_distractors) <= 0.05, counts
    silent = [
        f"{item['id']}/{e['id']}"
        for item, _ in pairs
        for e in [*item.get("options", []), *item.get("statements", [])]
        if len(e.get("feedback", "")) < 40
    ]
    assert not silent, f"practice answers whose feedback gives no reason: {silent}"


def _practice_texts() -> list[tuple[str, str]]:
    out = []
    for lid in lesson_ids():
        for item in load_lesson(lid)["items"].values():
            if item["mode"] == "formative":
                out += [(f"{lid}/{item['id']}", _norm(t)) for t in _texts(item)]
    for path in sorted((DATA_DIR / "conversations").glob("*.yaml")):  # played with instant replies
        nodes = read_yaml(path)["nodes"]
        out += [(f"{path.stem}/{n}", _norm(o["text"])) for n, s in nodes.items() for o in s["options"]]
    return out


def test_no_graded_item_shares_a_text_with_practice():
    practice = _practice_texts()
    shared = []
    for lid, item in _graded():
        for text in map(_norm, _texts(item)):
            for where, other in practice:
                if SequenceMatcher(None, text, other).ratio() >= NEAR_COPY:
                    shared.append(f"{lid}/{item['id']}: {text!r} ~ {where}: {other!r}")
    assert not shared, "graded text (near) equal to a practice text:\n" + "\n".join(shared)


def test_near_copy_check_sees_the_old_give_away():
    """Lesson 00's old practice order held lesson 05's graded steps, worded a little differently."""
    old = _norm("Rustig naar de moeder lopen, zonder iets over het gedrag van het kind te zeggen")
    graded = _norm("Rustig naar de moeder lopen, zonder iets over het gedrag te zeggen")
    assert SequenceMatcher(None, old, graded).ratio() >= NEAR_COPY


def test_graded_items_say_what_they_ask():
    missing = [f"{lid}/{i['id']}" for lid, i in _graded() if i.get("level") not in ("kennen", "toepassen")]
    assert not missing, f"graded items without level (kennen/toepassen): {missing}"


def test_a_third_of_the_graded_points_apply_to_a_case():
    auto = sum(float(i["points"]) for _, i in _graded())
    apply = sum(float(i["points"]) for _, i in _graded() if i.get("level") == "toepassen")
    reflections = sum(float(i["points"]) for _, i in _graded(auto=False))
    assert apply * 3 >= auto, f"auto-graded: {apply} of {auto} points apply to a case"
    assert (apply + reflections) * 3 >= auto + reflections


# --- concept map ---------------------------------------------------------------------------------

SEED_IDS = "A1 A2 A3 A4 A5 A6 H1 H2 H3 H4 P1 T1 O1 O2 O3 O4 O5 O6 O7 O8".split()


def test_every_concept_is_taught_practised_and_graded():
    cov = coverage()
    assert sorted(cov) == sorted(SEED_IDS)
    missing = [f"{cid}: not {stage}" for cid, c in cov.items() for stage in STAGES if not getattr(c, stage)]
    assert not missing, "\n".join(missing)


def test_concepts_are_taught_in_the_lesson_the_map_names():
    concepts = load_concepts()
    for cid, c in coverage().items():
        lessons = {place.split("/")[0] for place in c.taught}
        assert concepts[cid]["lesson"] in lessons, f"{cid}: map says {concepts[cid]['lesson']}, taught in {lessons}"
    for lid in lesson_ids():
        taught = {cid for cid, _ in taught_in(lid)}
        assert set(load_lesson(lid)["concepts"]) == taught, f"{lid}: concepts: differs from its teaches lines"


def test_concept_sources_are_known():
    sources = read_yaml(DATA_DIR / "sources.yaml")["sources"]
    assert {c["source"] for c in load_concepts().values()} <= set(sources)


def test_unknown_concept_id_in_the_prose_is_refused(monkeypatch):
    from course.authoring import concept_map

    monkeypatch.setattr(concept_map, "taught_in", lambda lid: [("Z9", "sectie")])
    with pytest.raises(ContentError, match="teaches unknown concept id 'Z9'"):
        concept_map.coverage()


def test_unknown_concept_id_on_an_item_is_refused(tmp_path):
    import yaml

    data = read_yaml(DATA_DIR / "lessons" / "02_ouderschap_en_opvoederschap.yaml")
    data["items"][0]["concepts"] = ["A1", "Z9"]
    path = tmp_path / "02_ouderschap_en_opvoederschap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match=r"oefen_samen.*unknown concept id\(s\) Z9"):
        load_lesson("02_ouderschap_en_opvoederschap", path)
