"""'Mijn gesprek': a conversation the learner really had or role-played, turn by turn, drawn on the
trust model. The learner labels each of their own turns with a move; :func:`propose` suggests one
from the phrasing detectors (course/model/detectors.py, rules in course/data/detectors.yaml), the
learner decides. Parent turns are shown, not scored: the model has no moves for the parent.

Stored in the answer store under :data:`STORE_KEY` as ``{"turns": [{"who", "text", "move", "chosen"}]}``
(``chosen``: the learner set the move; false while it is the helper's proposal, left as it came).
Learner text is data: it is never read as HTML or code (the widget and the graded copy escape it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from course.content import ContentError
from course.model.trust_model import Model, State, load_model, step, use_of

if TYPE_CHECKING:  # detectors imports this module's propose at call time; no import cycle at load time
    from course.model.detectors import Analysis

STORE_KEY = "mijn_gesprek"
ME, PARENT = "ik", "ouder"
MAX_TURNS = 30
SIGNALS = ("judgement", "defence", "permission", "acknowledgement", "open_question")  # what a proposal rule reads
MAX_CHARS = 500  # one turn is a sentence or two; longer text is refused with a Dutch message


@dataclass(frozen=True)
class Turn:
    who: str  # ME or PARENT
    text: str
    move: str | None = None  # a model move, only for ME; None while the learner has not chosen
    chosen: bool = False  # the learner set ``move``; False while it is the helper's proposal (seventh walk)

    def as_json(self) -> dict[str, Any]:
        own = {"chosen": self.chosen} if self.who == ME else {}
        return {"who": self.who, "text": self.text, "move": self.move, **own}


def check_turn(who: Any, text: Any, move: Any, model: Model | None = None, chosen: Any = False) -> Turn:
    """Return a Turn, or raise ValueError with a Dutch message a learner can act on."""
    model = model or load_model()
    if who not in (ME, PARENT):
        raise ValueError(f"Kies wie er praat: '{ME}' of '{PARENT}'.")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("Schrijf eerst op wat er gezegd werd.")
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        raise ValueError(
            f"Houd één beurt kort: hoogstens {MAX_CHARS} tekens (nu {len(text)}). Splits hem in twee beurten."
        )
    if who == PARENT and move is not None:
        raise ValueError("Alleen je eigen beurten krijgen een zet; wat de ouder zegt, telt het model niet.")
    if move is not None and move not in model.moves:
        raise ValueError(f"Onbekende zet {move!r}.")
    return Turn(who, text, move, chosen is True)


def from_saved(saved: Any) -> tuple[list[Turn], int]:
    """Return the turns read from the answer store, and how many saved turns were unreadable
    (skipped, never a crash: an answer file may have been edited by hand)."""
    raw = saved.get("turns") if isinstance(saved, dict) else None
    if not isinstance(raw, list):
        return [], 0 if saved is None else 1
    turns, bad = [], 0
    for entry in raw[:MAX_TURNS]:
        try:
            chosen = entry.get("chosen")
            if chosen is None and entry.get("who") == ME and entry.get("move") is not None:
                # saved before 'chosen' existed: a move other than the proposal was the learner's own choice
                chosen = entry.get("move") != propose(entry.get("text") or "")
            turns.append(check_turn(entry.get("who"), entry.get("text"), entry.get("move"), chosen=chosen))
        except (ValueError, AttributeError):
            bad += 1
    return turns, bad + max(0, len(raw) - MAX_TURNS)


@lru_cache(maxsize=1)
def _proposals() -> tuple[tuple[str, Any, tuple[str, ...], str], ...]:
    """The detectors' proposal rules (detectors.yaml 'proposals'): (signal, pattern or None, the signals that stop
    the rule, move)."""
    import re

    from course.content import DATA_DIR, read_yaml

    data = read_yaml(DATA_DIR / "detectors.yaml").get("proposals")
    model = load_model()
    out = []
    for n, rule in enumerate(data or []):
        if rule["move"] not in model.moves:
            raise ContentError(f"course/data/detectors.yaml: proposals[{n}]: unknown move {rule['move']!r}")
        unknown = set(rule.get("unless", ())) - set(SIGNALS)
        if unknown:
            raise ContentError(
                f"course/data/detectors.yaml: proposals[{n}]: unknown signal in unless {sorted(unknown)}"
            )
        pattern = re.compile(rule["pattern"]) if "pattern" in rule else None
        out.append((rule["when"], pattern, tuple(rule.get("unless", ())), rule["move"]))
    return tuple(out)


def propose(text: str, analysis: Analysis | None = None) -> str | None:
    """Return the move the detectors recognise in ``text`` (None when they recognise none). ``analysis``: the
    detectors' analysis of ``text`` when the caller has it already (the sentence hints: detectors.feedback)."""
    from course.model.detectors import analyse, normalise

    a = analysis or analyse(text)
    signals = {
        "judgement": a.judgement,
        "defence": a.defence,
        "permission": a.permission,
        "acknowledgement": a.acknowledgement,
        "open_question": a.question == "open" and not a.why,
    }
    plain = normalise(text)
    for signal, pattern, unless, move in _proposals():
        fired = (True if signal == "pattern" else signals[signal]) and not any(signals[u] for u in unless)
        if fired and (pattern is None or pattern.search(plain)):
            return move
    return None


def moves_in(text: str) -> list[str]:
    """The moves the detectors recognise in each sentence of ``text``, in order, each once. More than one: the turn
    does more than one thing, while the model counts one move per turn (twelfth walk)."""
    import re

    moves: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        move = propose(sentence) if sentence else None
        if move and move not in moves:
            moves.append(move)
    return moves


# the one move a parent's question opens the way for (fifteenth walk: "Hoe was hij?" answered with information)
INFORMATION = "informatie_geven"


def asked_by_parent(turns: list[Turn], index: int) -> bool:
    """Whether turn ``index`` gives information right after a parent's turn that asks something (has a '?').
    A parent who asks has asked to be told: the course counts that as permission for this one telling, as a yes
    after a permission question. The model itself has no moves for the parent; this is the course's choice, and
    the hint says so (messages.MY_HINT_PARENT_ASKED)."""
    t = turns[index]
    before = turns[index - 1] if index > 0 else None
    return t.who == ME and t.move == INFORMATION and before is not None and before.who == PARENT and "?" in before.text


def question_used(turns: list[Turn], index: int) -> int | None:
    """The 0-based index of the parent's question that an earlier telling already answered, when turn ``index``
    tells more after it with no parent turn between (the question counts once, as a yes does); else None."""
    t = turns[index]
    if t.who != ME or t.move != INFORMATION or asked_by_parent(turns, index):
        return None
    for j in range(index - 1, -1, -1):
        if turns[j].who == PARENT:
            return None
        if asked_by_parent(turns, j):
            return j - 1
    return None


def state_before(state: State, turns: list[Turn], index: int) -> State:
    """The state the model steps from at turn ``index``: ``state``, with permission where the parent asked."""
    return replace(state, permission=True) if asked_by_parent(turns, index) else state


def walk(turns: list[Turn], model: Model | None = None) -> Iterator[tuple[int, State, State]]:
    """For each of the learner's own turns with a move, in order: its 0-based index, the state the model steps from
    (with the parent's question as permission, state_before) and the state after it. The one walk the figure, its
    names and the hints share."""
    model = model or load_model()
    state = model.start
    for i, t in enumerate(turns):
        if t.who == ME and t.move:
            before = state_before(state, turns, i)
            state = step(before, t.move, model)
            yield i, before, state


def states(turns: list[Turn], model: Model | None = None) -> list[State]:
    """The start state, then the state after each of the learner's own turns that has a move."""
    model = model or load_model()
    return [model.start, *(after for _, _, after in walk(turns, model))]


def labels(turns: list[Turn], model: Model | None = None) -> list[str]:
    """The name of each own move as the model used it, in order, from the state it was used in (with the parent's
    question as permission: sixteenth walk, the figure said "zonder toestemming" where the hint said "als gevraagd")."""
    model = model or load_model()
    return [use_of(str(turns[i].move), before, model).label for i, before, _ in walk(turns, model)]
