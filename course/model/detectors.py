"""Rule-based hints on a learner's own Dutch sentence: open or closed question, asking permission,
acknowledgement, judging language, reassuring and defending yourself. Word lists live in course/data/detectors.yaml. The detectors
give formative hints only, never a grade."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from course.content import DATA_DIR, ContentError, read_yaml

QUESTION_KINDS = ("open", "closed", "none")
MAX_CHARS = 500  # the detectors read one or two sentences; longer input is cut (bounded time)


@dataclass(frozen=True)
class Analysis:
    """What the detectors recognised in one sentence."""

    question: str  # "open", "closed" or "none"
    why: bool  # a question built on 'waarom' / 'hoezo'
    permission: bool
    acknowledgement: bool
    judgement: bool
    judgement_words: tuple[str, ...] = field(default=())
    but: bool = False  # after the acknowledgement comes 'maar' or 'toch' (lesson 02: that is walking on)
    reassurance: bool = False  # taking the tension away quickly ('Maak je geen zorgen', lesson 06)
    defence: bool = False  # defending yourself or your work ('Zo zijn nu eenmaal de regels', lesson 03)
    # where the judging words stand: (start, end) in normalise(sentence), in order; a phrase said twice has two
    # spans and is named once in judgement_words
    judgement_spans: tuple[tuple[int, int], ...] = field(default=())


# The labels of the hand-labelled example sets (tests/unit/data/detector_*.yaml) and the Analysis field each names:
# the unit tests hold the detectors to them, the benchmark prints the agreement per set.
LABELLED_FIELDS = {
    "question": "question",
    "waarom": "why",
    "permission": "permission",
    "acknowledgement": "acknowledgement",
    "judgement": "judgement",
}


@dataclass(frozen=True)
class _Rules:
    open_openers: re.Pattern[str]
    not_open: re.Pattern[str]
    exclamations: re.Pattern[str]
    remarks: re.Pattern[str]
    invitations: re.Pattern[str]
    verb_first: re.Pattern[str]
    imperatives: re.Pattern[str]
    why_words: frozenset[str]
    permission: tuple[re.Pattern[str], ...]
    answer_left_open: tuple[re.Pattern[str], ...]
    told_min_words: int
    acknowledgement: tuple[re.Pattern[str], ...]
    judgement: tuple[re.Pattern[str], ...]
    reassurance: tuple[re.Pattern[str], ...]
    defence: tuple[re.Pattern[str], ...]
    irony: tuple[re.Pattern[str], ...]
    reproach: re.Pattern[str]
    negative_question: re.Pattern[str]
    curious_after_why: re.Pattern[str]
    curious_anywhere: tuple[re.Pattern[str], ...]
    polite_words: dict[str, str]  # 'je' -> 'u' in a tip's quoted examples (detectors.yaml, 'polite')
    polite_verbs: dict[str, str]  # a verb before 'je' -> its u-form ("wil" -> "wilt")
    polite_inverted: re.Pattern[str]  # a verb of polite_verbs followed by 'je' or 'jij'
    messages: dict[str, str]
    templates: dict[str, tuple[str, ...]]  # each message split at '{person}', to be joined with the person
    own_wording: frozenset[str]  # the messages an exercise may word its own way (its item's 'tips')


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) if " " not in w else w for w in words), key=len, reverse=True))


def _compile_all(patterns: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for n, pattern in enumerate(patterns):
        try:
            out.append(re.compile(pattern))
        except re.error as exc:
            raise ContentError(
                f"course/data/detectors.yaml: {where}[{n}]: invalid pattern {pattern!r} ({exc})"
            ) from None
    return tuple(out)


@cache
def rules() -> _Rules:
    """Return the compiled rules from course/data/detectors.yaml (read once)."""
    data: dict[str, Any] = read_yaml(DATA_DIR / "detectors.yaml")
    q, j = data["question"], data["judgement"]
    return _Rules(
        open_openers=re.compile(rf"^({_alternatives(q['open_openers'])})\b"),
        not_open=re.compile("^(" + "|".join(q["not_open"]) + ")"),
        exclamations=re.compile("^(" + "|".join(q["exclamations"]) + ")"),
        remarks=re.compile("^(" + "|".join(q["exclamations"] + q["remarks"]) + ")"),
        invitations=re.compile("^(" + "|".join(q["invitations"]) + ")"),
        verb_first=re.compile(rf"^({_alternatives(q['finite_verbs'])}) ({_alternatives(q['subjects'])})\b"),
        imperatives=re.compile("^(" + "|".join(q["imperatives"]) + ")"),
        why_words=frozenset(q["why_words"]),
        permission=_compile_all(data["permission"]["patterns"], "permission.patterns"),
        answer_left_open=_compile_all(data["permission"]["answer_left_open"], "permission.answer_left_open"),
        told_min_words=int(data["permission"]["told_min_words"]),
        acknowledgement=_compile_all(data["acknowledgement"]["patterns"], "acknowledgement.patterns"),
        judgement=_compile_all(j["patterns"], "judgement.patterns"),
        reassurance=_compile_all(data["reassurance"]["patterns"], "reassurance.patterns"),
        defence=_compile_all(data["defence"]["patterns"], "defence.patterns"),
        irony=_compile_all(j.get("irony", []), "judgement.irony"),
        reproach=re.compile(rf"\b({_alternatives(j['reproach_words'])})\b"),
        negative_question=re.compile(
            rf"^(?!({_alternatives(j['negative_question']['friendly_verbs'])}) )"
            rf"({_alternatives(q['finite_verbs'])}) ({_alternatives(j['negative_question']['subjects'])})"
            rf"( \S+){{0,1}} ({_alternatives(j['negative_question']['negations'])})\b"
        ),
        curious_after_why=re.compile(rf"^\S+ ({_alternatives(j['curious_after_why'])})\b"),
        curious_anywhere=_compile_all(j["curious_anywhere"], "judgement.curious_anywhere"),
        polite_words=data["polite"]["words"],
        polite_verbs=data["polite"]["verbs"],
        polite_inverted=re.compile(rf"\b({'|'.join(data['polite']['verbs'])}) (je|jij)\b", re.IGNORECASE),
        messages=data["messages"],
        templates={key: text.split("{person}") for key, text in data["messages"].items()},
        own_wording=frozenset(k for k in data["messages"] if k.startswith("tip_") or k in OWN_WORDING),
    )


def normalise(text: str) -> str:
    """Return ``text`` in lower case, without accents, with plain apostrophes and single spaces."""
    if not isinstance(text, str):
        raise TypeError(f"expected a sentence as str, got {type(text).__name__}")
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS])
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text.lower()).strip()


class _Clause(NamedTuple):
    """One clause of a normalised sentence: its words ``text`` stand at ``sentence[start:end]``, its closing
    punctuation ends at ``stop``."""

    start: int
    end: int
    text: str
    stop: int
    asked: bool  # its punctuation holds a question mark


_CLAUSE = re.compile(r"[^.!?;]+([.!?;]*)")


def _clauses(text: str) -> list[_Clause]:
    """Split ``text`` into clauses at . ! ? ; with their spans. A piece of spaces and punctuation only (" ?") is
    kept with empty ``text``: it holds no words, but where it asks it still counts as asked."""
    out = []
    for match in _CLAUSE.finditer(text):
        words = match.group(0).strip(" .!?;")
        start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" "))
        out.append(_Clause(start, start + len(words), words, match.end(), "?" in match.group(1)))
    return out


def _parts(clause: _Clause) -> list[tuple[int, str]]:
    """Split a clause at commas into (where the part starts in the sentence, part); a part that starts with 'maar'
    starts after it ("…, maar waarom …")."""
    out = []
    at = clause.start
    for piece in clause.text.split(","):
        part = piece.strip(" '\"")
        if part:
            start = at + len(piece) - len(piece.lstrip(" '\""))
            out.append((start + 5, part[5:]) if part.startswith("maar ") else (start, part))
        at += len(piece) + 1
    return out


def _question_kind(clauses: list[_Clause], r: _Rules) -> tuple[str, bool]:
    kind, why = "none", False
    for clause in clauses:
        parts = [part for _, part in _parts(clause)]
        for n, part in enumerate(parts):
            # an exclamation ("Wat schrik je, …") asks nothing unless its clause has a question mark
            exclaims = not clause.asked and r.exclamations.match(part)
            opens = r.open_openers.match(part) and not r.not_open.match(part) and not exclaims
            if (opens and (n == 0 or clause.asked)) or r.invitations.match(part):
                kind = "open"
                why = why or part.split(" ", 1)[0] in r.why_words
        verb_first = any(r.verb_first.match(p) and not r.imperatives.match(p) for p in parts[:1])
        if kind != "open" and (clause.asked or verb_first):
            kind = "closed"
    return kind, why


def analyse(sentence: str) -> Analysis:
    """Return what the detectors recognise in ``sentence`` (any text; never raises on content)."""
    r = rules()
    text = normalise(sentence)
    pieces = _clauses(text)
    clauses = [clause for clause in pieces if clause.text]
    question, why = _question_kind(clauses, r)
    permission = any(
        p.search(part)
        for clause in clauses
        for _, part in _parts(clause)
        if not r.open_openers.match(part) or r.not_open.match(part)
        for p in r.permission
    )
    ironic = [m for p in r.irony for m in [p.search(text)] if m]
    acknowledged_at = [m.end() for p in r.acknowledgement for m in [p.search(text)] if m]
    acknowledgement = not ironic and bool(acknowledged_at)
    but = acknowledgement and bool(re.search(r"\b(maar|toch)\b", text[min(acknowledged_at) :]))
    # a reassurance is said, not asked ("Dus het gaat wel goed met ...?" asks how it goes); a question runs up to
    # the end of its punctuation
    asked = [(piece.start, piece.stop) for piece in pieces if piece.asked]
    reassured = [
        m.span()
        for p in r.reassurance
        for m in p.finditer(text)
        if not any(start <= m.start() < stop for start, stop in asked)
    ]
    defence = any(p.search(text) for p in r.defence)
    judged = ironic + [
        m
        for p in r.judgement
        for m in [p.search(text)]
        if m and not any(start <= m.start() and m.end() <= end for start, end in reassured)
    ]
    found = [m.span() for m in judged]
    spans = list(found)
    for clause in clauses:
        m = r.negative_question.match(clause.text)
        # the opening of a negative question is named only when nothing else in its clause judges (issue 24:
        # 'heeft u het niet' was named for "Heeft u het niet te druk ...?", where 'te druk' judges)
        inside = any(clause.start <= start and end <= clause.end for start, end in found)
        if m and not inside and not any(start <= clause.start <= end for start, end in reassured):
            spans.append((clause.start, clause.start + m.end()))
    if why:
        for clause in clauses:
            for at, part in _parts(clause):
                first = part.split(" ", 1)[0]
                curious = r.curious_after_why.match(part) or any(p.search(clause.text) for p in r.curious_anywhere)
                if first in r.why_words and not curious:
                    spans += [(at + m.start(), at + m.end()) for m in [r.reproach.search(part)] if m]
    merged = _merged(spans, text)
    words = tuple(dict.fromkeys(text[start:end] for start, end in merged))
    return Analysis(
        question, why, permission, acknowledgement, bool(spans), words, but, bool(reassured), defence, merged
    )


def _merged(spans: list[tuple[int, int]], text: str) -> tuple[tuple[int, int], ...]:
    """Where the judging words stand, each part of the sentence once: overlapping matches ('te laat',
    'altijd te laat', 'je bent altijd') become one span ('je bent altijd te laat'), in the sentence's order
    (issue 24, third walk: one phrase was listed four times)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    for start, end in merged:  # without the spaces around a span
        word = text[start:end]
        start += len(word) - len(word.lstrip())
        out.append((start, start + len(word.strip())))
    return tuple(out)


# Besides the tips, what an exercise may word its own way: 'Je zin is geen vraag.' where a statement is asked.
OWN_WORDING = ("question_none",)


def feedback(
    sentence: str, tips: Mapping[str, str] | None = None, here: str | None = None, person: str | None = None
) -> str:
    """Return Dutch feedback: what was recognised, then one suggestion, then that it is a hint.

    ``tips``: an exercise's own wording of some tips (its item's ``tips``), for a situation the general examples
    do not fit (issue 24: "Wat hebben jullie al geprobeerd?" after a friendly pick-up where nothing was wrong).
    ``here``: the lesson the learner is in ("04_vier_handreikingen" or "04"): a tip does not send the learner
    to the lesson they are reading (issue 24: "Die leer je in les 04" in lesson 04).
    ``person``: who the sentence is for (its item's ``person``, "opa Ramon"), named where the messages say
    ``{person}``; without it the messages' own ``person`` ("de ouder")."""
    r = rules()
    unknown = sorted(set(tips or {}) - r.own_wording)
    if unknown:
        raise ValueError(f"no such tip: {unknown}")
    who = person or r.messages["person"]

    def msg(key: str) -> str:
        if tips and key in tips:
            return tips[key].replace("{person}", who)
        return who.join(r.templates[key])

    if not normalise(sentence):
        return msg("empty")
    a = analyse(sentence)
    offer = a.permission and a.question == "closed"  # a question the parent may say no to (H3)
    told = offer and _told_at_once(sentence)
    told_before = offer and not told and _judged_before_asking(sentence, a)
    # a 'waarom' question is not praised as open first (issue 24: "Waarom is hij weer zo laat?" began
    # with "Je stelt een open vraag")
    # only the words that make a 'waarom' question a reproach ('niet', 'weer'): named with the 'waarom', not as a
    # judgement of their own (thirteenth walk: "… aanname kunnen klinken: 'niet'")
    reproach_only = a.why and a.judgement and all(rules().reproach.fullmatch(w.lower()) for w in a.judgement_words)
    judged = a.judgement and not reproach_only
    if offer:
        first = "question_permission_judged" if judged or told or told_before else "question_permission"
    elif a.why:
        first = "question_why"
    else:
        first = "question_open_judged" if a.question == "open" and judged else f"question_{a.question}"
    lines = [msg(first)]
    if a.why:
        lines.append(msg("why"))
    if told:
        lines.append(msg("told_anyway"))
    if told_before:
        lines.append(msg("told_before"))
    if a.permission and not offer:
        lines.append(msg("permission"))
    if a.acknowledgement:
        lines.append(msg("acknowledgement_but" if a.but else "acknowledgement"))
    if a.judgement:
        words = ", ".join(f"'{w}'" for w in a.judgement_words)
        lines.append(msg("why_reproach" if reproach_only else "judgement").format(words=words))
    if a.defence:
        lines.append(msg("defence"))
    if a.reassurance:
        lines.append(msg("reassurance"))
    if judged:
        tip = "tip_judgement"
    elif a.defence:
        tip = "tip_defence"
    elif a.reassurance:
        tip = "tip_reassurance"
    elif a.but:
        tip = "tip_but"
    elif a.why:
        tip = "tip_why"
    elif a.question == "closed" and not a.permission:
        tip = "tip_closed"
    elif a.question == "none" and not (a.permission or a.acknowledgement):
        tip = "tip_remark" if r.remarks.match(normalise(sentence)) else "tip_permission"
    elif told:
        tip = "tip_wait"
    else:  # an offer or a permission question is good as it is (handreiking 3): no 'begin met erkenning'
        tip = (
            "tip_good_both"  # both handreikingen named (issue 24: an H3 sentence was praised as H1 only)
            if a.acknowledgement and (a.permission or offer)
            else ("tip_good_presence" if _names_presence(sentence, a) else "tip_good_acknowledgement")
            if a.acknowledgement
            else "tip_good_permission"
            if a.permission or offer
            else "tip_good_open"
        )
    lines += [polite(msg(tip)) if _speaks_with_u(sentence) else msg(tip), msg("hint_only")]
    return references_from("\n".join(lines), here)


# A quoted example in a message: an apostrophe after no letter up to one followed by no letter (not "opa's").
_QUOTED = re.compile(r"(?<![\w])'(?=\S)(.+?)(?<=\S)'(?![\w])")
_JE_WORDS = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def _speaks_with_u(sentence: str) -> bool:
    """Whether ``sentence`` speaks to the parent with 'u' (and never with 'je')."""
    text = normalise(sentence)
    return re.search(r"\b(u|uw|uzelf)\b", text) is not None and _JE_WORDS.search(text) is None


def polite(text: str) -> str:
    """``text`` with its quoted example sentences in the u-form (detectors.yaml, 'polite'); the rest unchanged."""
    r = rules()
    words, verbs = r.polite_words, r.polite_verbs

    def same_case(new: str, old: str) -> str:
        return new[:1].upper() + new[1:] if old[:1].isupper() else new

    def verb_first(m: re.Match[str]) -> str:
        verb, pronoun = m.group(1), m.group(2)
        return f"{same_case(verbs[verb.lower()], verb)} {same_case(words[pronoun.lower()], pronoun)}"

    def example(m: re.Match[str]) -> str:
        said = r.polite_inverted.sub(verb_first, m.group(1))
        said = _JE_WORDS.sub(lambda w: same_case(words[w.group(1).lower()], w.group(1)), said)
        return f"'{said}'"

    return _QUOTED.sub(example, text)


def _judged_before_asking(sentence: str, analysis: Analysis) -> bool:
    """Whether ``sentence`` says a judgement or advice before it asks permission ("Hij moet echt eerder naar bed,
    zal ik uitleggen waarom?"; tenth walk: praised as a choice)."""
    text = normalise(sentence)
    asked_at = min((m.start() for p in rules().permission for m in [p.search(text)] if m), default=None)
    return asked_at is not None and any(end <= asked_at for _, end in analysis.judgement_spans)


def _told_at_once(sentence: str) -> bool:
    """Whether ``sentence`` asks permission and then, before any answer, says what it asked permission for: a
    statement of a few words after the first question that asks permission, other than one that keeps the parent's
    no open or adds to the offer (detectors.yaml, permission.answer_left_open, told_min_words). A second question
    leaves the choice open."""
    parts = sentence.split("?")
    for n in range(1, len(parts)):
        if analyse("?".join(parts[:n]) + "?").permission:
            rest = "?".join(parts[n:]).strip()
            said = normalise(rest)
            if len(said.split()) < rules().told_min_words or "?" in rest or analyse(rest).question != "none":
                return False
            return not any(p.search(said) for p in rules().answer_left_open)
    return False


def _names_presence(sentence: str, analysis: Analysis) -> bool:
    """Whether ``sentence`` names what the parent is there for, every day: Mijn gesprek's proposal rule for the 'goede
    ouder'-ervaring (detectors.yaml, 'proposals'), so that the hint and the proposal agree (on the same analysis)."""
    from course.model.my_conversation import propose

    return propose(sentence, analysis) == "goede_ouder"


def references_from(text: str, here: str | None) -> str:
    """``text`` as read in lesson ``here``: its references to that lesson dropped (", les NN)", " (les NN)" and
    " (zie les NN)", as the messages write them), and those to a later lesson said as such ("komt in les NN":
    seventh walk, lesson 03's turning points sent the learner to lessons 04 and 05 as if already read)."""
    if not here:
        return text
    number = here[:2]
    text = text.replace(f", les {number})", ")").replace(f" (les {number})", "").replace(f" (zie les {number})", "")

    def later(match: re.Match[str]) -> str:
        lead, lesson = match.group(1), match.group(2)
        if lesson <= number:
            return match.group(0)
        return f"{lead}komt in les {lesson})"

    return re.sub(r"((?:\(|, ))(?:zie )?les (\d\d)\)", later, text)
