"""What a script can see of a toets that a test-wise reader would use (issue 18).

A reader who skipped the lessons passes a toets when its items give themselves or each other away.
These checks measure the cues such a reader uses, over the graded items and their keys:

- :func:`leaks`: an item's key shares distinctive content words with another item's text, so one
  item answers another (lesson 05's items 2-4 spelling out the order item 1 asks for);
- :func:`label_echoes`: a statement of a categorise/match item shares a content word with the label
  of its own category ("wijk" → samenleving);
- :func:`absolute_words`: absolute words in keys and in distractors ("altijd", "nooit", ...);
- :func:`key_positions`: where the key stands among the options of the choice items;
- :func:`prompt_echoes`: the key repeats a content word of the prompt that no distractor repeats.

``python -m course.authoring.item_checks`` prints the figures for the whole course. The checks are plain
functions on item dicts, so tests can try them on small made-up items.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

# Dutch function words and words every item of this course uses: never a cue by themselves.
STOPWORDS = frozenset(
    """
aan al als alles andere ander anders bij dan dat de deze die dit doet doen door dus een eens en er
even geen gaat gaan had heb hebben heeft het hem hen hier hij hoe hun ik in is ja je jij jou jouw
juist kan kind kinderen kunnen komt maar meer met moet moeten na naar niet niets nog nu of om omdat
ook op over ouder ouders te tegen toe tot u uit van veel voor wat want was wel welke wie wil willen
worden wordt zal ze zich zij zijn zo zoals zou zegt zeggen
""".split()
)
# The absolute words tests/unit/test_item_quality.py already holds the course to (never only in
# distractors), and the wider set this report counts.
ABSOLUTE_FLOOR = ("altijd", "nooit", "alleen", "niemand")
ABSOLUTE = ABSOLUTE_FLOOR + ("iedereen", "helemaal", "echt", "moet", "zeker", "elke")
MIN_WORD = 4  # shorter words are too common to cue anything
STEM = 5  # words agreeing in their first STEM letters count as the same word ("overbezorgd", "bezorgd" do not)


def plain(text: str) -> str:
    """``text`` without its HTML tags (prompts may hold <b>)."""
    return re.sub(r"<[^>]+>", " ", text)


def words(text: str) -> set[str]:
    """The content words of ``text`` (lower case, no markup, no stop words), cut to their stem."""
    return {
        w[:STEM] for w in re.findall(r"[a-zà-ÿ]+", plain(text).lower()) if len(w) >= MIN_WORD and w not in STOPWORDS
    }


def key_ids(key: Any) -> set[str]:
    if isinstance(key, str):
        return {key}
    if isinstance(key, list):
        return set(key)
    return set()


def key_text(item: dict[str, Any], key: Any) -> str:
    """The text a reader would have to know to get ``item`` right."""
    if item["type"] in ("choice", "multiselect"):
        return " ".join(o["text"] for o in item["options"] if o["id"] in key_ids(key))
    if item["type"] == "order":
        return " ".join(s["text"] for s in item.get("steps", []))
    if item["type"] in ("categorise", "match"):
        labels = {c["id"]: c.get("label", c["id"]) for c in item.get("categories", [])}
        return " ".join(f"{s['text']} {labels.get(key.get(s['id']), '')}" for s in item.get("statements", []))
    return ""


def visible_text(item: dict[str, Any]) -> str:
    """Everything a reader of ``item`` sees: prompt, options, statements, steps, category labels."""
    parts = [item.get("prompt", "")]
    for part in ("options", "statements", "steps"):
        parts += [e["text"] for e in item.get(part, [])]
    parts += [c.get("label", "") for c in item.get("categories", [])]
    return " ".join(parts)


def rare_words(items: list[tuple[dict[str, Any], Any]], most: int) -> set[str]:
    """Content words that occur in the text of at most ``most`` of ``items``: only such words can tie
    two items together (words of many items, "moeder", "vraag", are the course's common ground)."""
    counts: Counter[str] = Counter()
    for item, _ in items:
        counts.update(words(visible_text(item)))
    return {w for w, n in counts.items() if n <= most}


def distinctive(item: dict[str, Any], key: Any) -> set[str]:
    """Content words of a choice item's key that neither its prompt nor its distractors use: what a
    reader must bring to pick the key."""
    if item["type"] not in ("choice", "multiselect"):
        return set()
    own = words(key_text(item, key)) - words(item.get("prompt", ""))
    for option in item["options"]:
        if option["id"] not in key_ids(key):
            own -= words(option["text"])
    return own


def leaks(items: list[tuple[dict[str, Any], Any]], least: int = 2, most: int = 3) -> list[tuple[str, str, list[str]]]:
    """Pairs (choice item, other item, shared words) where ``least`` or more of the words that single
    out the choice item's key (:func:`distinctive`), each found in at most ``most`` items, also stand
    in the other item's text: reading the other item answers the choice item."""
    rare = rare_words(items, most)
    found = []
    for item, key in items:
        own = distinctive(item, key) & rare
        for other, _ in items:
            if other["id"] != item["id"]:
                shared = sorted(own & words(visible_text(other)))
                if len(shared) >= least:
                    found.append((item["id"], other["id"], shared))
    return found


def label_echoes(item: dict[str, Any], key: Any) -> list[tuple[str, str, list[str]]]:
    """Statements of a categorise/match item that share a content word with their own category's
    label, but not with any other label: (statement id, category id, shared words)."""
    if item["type"] not in ("categorise", "match") or not isinstance(key, dict):
        return []
    labels = {c["id"]: words(c.get("label", c["id"])) for c in item.get("categories", [])}
    found: list[tuple[str, str, list[str]]] = []
    for statement in item.get("statements", []):
        category = key.get(statement["id"])
        if category is None:  # not in the key: no label of its own to echo
            continue
        mine = words(statement["text"]) & labels.get(category, set())
        others = set().union(*(w for c, w in labels.items() if c != category)) if labels else set()
        if mine - others:
            found.append((statement["id"], category, sorted(mine - others)))
    return found


def absolute_words(items: Iterable[tuple[dict[str, Any], Any]]) -> dict[str, int]:
    """How many key options and how many distractors of the choice items use an absolute word."""
    counts = {"key": 0, "keys": 0, "distractor": 0, "distractors": 0}
    for item, key in items:
        if item["type"] not in ("choice", "multiselect"):
            continue
        for option in item["options"]:
            side = "key" if option["id"] in key_ids(key) else "distractor"
            counts[side + "s"] += 1
            if any(re.search(rf"\b{w}\b", option["text"], re.I) for w in ABSOLUTE):
                counts[side] += 1
    return counts


def key_positions(items: Iterable[tuple[dict[str, Any], Any]]) -> Counter[int]:
    """For single-answer choice items: how often the key is the 1st, 2nd, ... option."""
    positions: Counter[int] = Counter()
    for item, key in items:
        if item["type"] == "choice" and isinstance(key, str):
            positions[[o["id"] for o in item["options"]].index(key) + 1] += 1
    return positions


def prompt_echoes(item: dict[str, Any], key: Any) -> list[str]:
    """Content words of the prompt that the key repeats and no distractor does."""
    if item["type"] not in ("choice", "multiselect"):
        return []
    prompt = words(item.get("prompt", ""))
    right = words(key_text(item, key)) & prompt
    for option in item["options"]:
        if option["id"] not in key_ids(key):
            right -= words(option["text"])
    return sorted(right)


def course_items() -> list[tuple[str, dict[str, Any], Any]]:
    """(lesson, item, key) of every auto-graded item of the course, in lesson order."""
    from pathlib import Path

    from course.content import lesson_ids, load_lesson
    from course.keys import load_keys
    from course.scoring import JUDGED_TYPES

    grading = Path(__file__).resolve().parents[2] / "grading"
    found = []
    for lid in lesson_ids():
        keys = load_keys(lid, grading)
        for item in load_lesson(lid)["items"].values():
            if item["mode"] == "graded" and item["type"] in JUDGED_TYPES:
                found.append((lid, item, keys[item["id"]]))
    return found


def report() -> str:
    """The figures for the whole course, one line each."""
    rows = course_items()
    pairs = [(item, key) for _, item, key in rows]
    lines = [f"graded items with a key: {len(rows)}"]
    found = leaks(pairs)
    lines.append(f"leaks (key words in another item): {len(found)}")
    lines += [f"  {a} -> {b}: {', '.join(w)}" for a, b, w in found]
    echoes = [(item["id"], e) for item, key in pairs for e in label_echoes(item, key)]
    lines.append(f"statements echoing their category's label: {len(echoes)}")
    lines += [f"  {i}: {s} -> {c} ({', '.join(w)})" for i, (s, c, w) in echoes]
    ab = absolute_words(pairs)
    lines.append(
        f"absolute words: {ab['key']} of {ab['keys']} keys, {ab['distractor']} of {ab['distractors']} distractors"
    )
    positions = key_positions(pairs)
    lines.append("key positions (choice): " + ", ".join(f"{p}: {n}" for p, n in sorted(positions.items())))
    echoed = [(item["id"], prompt_echoes(item, key)) for item, key in pairs if prompt_echoes(item, key)]
    lines.append(f"keys repeating a prompt word no distractor repeats: {len(echoed)}")
    lines += [f"  {i}: {', '.join(w)}" for i, w in echoed]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
