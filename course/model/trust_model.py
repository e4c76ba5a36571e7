"""The trust-sequence model of lesson 05: how a parent's safety, trust and 'the door' change with
each conversation move. A small, deterministic TEACHING model whose rules (course/data/
trust_model.yaml) each rest on a passage of Koster (z.d.); it is not a measurement."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from course.content import DATA_DIR, ContentError, load_concepts, read_yaml

MODEL_FILE = DATA_DIR / "trust_model.yaml"


@dataclass(frozen=True)
class State:
    """The parent's state after a move (or at the start)."""

    safety: int
    trust: int
    door_open: bool = False
    permission: bool = False  # permission was asked and not yet used
    acknowledged: bool = False  # effort or feelings were acknowledged earlier
    praised: bool = False  # a 'goede ouder' experience was named earlier
    move: str | None = None  # the move that led here (None at the start)


@dataclass(frozen=True)
class Model:
    """The rules: start state, door thresholds and moves (id -> move) from the data file."""

    lo: int
    hi: int
    start: State
    opens_safety: int
    opens_trust: int
    closes_below: int
    moves: dict[str, dict[str, Any]]
    article_sequence: tuple[str, ...]
    straight_sequence: tuple[str, ...]
    texts: dict[str, str]

    def helpful(self) -> list[str]:
        return [m for m, move in self.moves.items() if move["kind"] == "helpful"]

    def warned(self) -> list[str]:
        return [m for m, move in self.moves.items() if move["kind"] == "warned"]

    def needed_safety(self, move_id: str) -> int | None:
        """The lowest 'safety_at_least' among the effects of ``move_id`` that raise safety or trust: the safety from
        which the move helps in full ('te vroeg' below it); None when no raising effect asks for safety."""
        needs = [
            effect["when"]["safety_at_least"]
            for effect in self.moves[move_id]["effects"]
            if any(v > 0 for v in effect["change"].values()) and "safety_at_least" in effect.get("when", {})
        ]
        return min(needs, default=None)


@cache
def load_model() -> Model:
    """Return the model from course/data/trust_model.yaml (read once)."""
    data = read_yaml(MODEL_FILE)
    where = "course/data/trust_model.yaml"
    moves: dict[str, dict[str, Any]] = {}
    concepts = load_concepts()
    for n, move in enumerate(data["moves"]):
        if move["id"] in moves:
            raise ContentError(f"{where}: moves[{n}]: duplicate move id {move['id']!r}")
        if move["concept"] not in concepts:
            raise ContentError(f"{where}: moves[{n}] ({move['id']}): unknown concept {move['concept']!r}")
        if move.get("instead", move["concept"]) not in concepts:
            raise ContentError(f"{where}: moves[{n}] ({move['id']}): unknown concept {move['instead']!r} (instead)")
        for e in move["effects"]:
            warned = e.get("warned", move["kind"] == "warned")
            instead = e.get("instead", move.get("instead"))
            if warned and instead is None:
                raise ContentError(
                    f"{where}: moves[{n}] ({move['id']}): a warned effect needs 'instead' (its own or the move's)"
                )
            if instead is not None and instead not in concepts:
                raise ContentError(f"{where}: moves[{n}] ({move['id']}): unknown concept {instead!r} (instead)")
            if e.get("direction") and not (e.get("choice") and "says" in move["source"]):
                raise ContentError(
                    f"{where}: moves[{n}] ({move['id']}): 'direction' marks a makers' rule (choice) whose direction "
                    "the article gives: it needs 'choice: true' and the move's source.says"
                )
        if "when" in move["effects"][-1]:
            raise ContentError(
                f"{where}: moves[{n}] ({move['id']}): the last effect must have no 'when' (the fallback)"
            )
        moves[move["id"]] = move
    for name in ("article_sequence", "straight_sequence"):
        unknown = [m for m in data[name] if m not in moves]
        if unknown:
            raise ContentError(f"{where}: {name}: unknown move(s) {unknown}")
    lo, hi = data["scale"]["min"], data["scale"]["max"]
    return Model(
        lo=lo,
        hi=hi,
        start=State(safety=data["start"]["safety"], trust=data["start"]["trust"]),
        opens_safety=data["door"]["opens_when"]["safety_at_least"],
        opens_trust=data["door"]["opens_when"]["trust_at_least"],
        closes_below=data["door"]["closes_when"]["safety_below"],
        moves=moves,
        article_sequence=tuple(data["article_sequence"]),
        straight_sequence=tuple(data["straight_sequence"]),
        texts=data["texts"],
    )


def _holds(when: dict[str, Any], state: State) -> bool:
    checks = {
        "safety_at_least": lambda v: state.safety >= v,
        "safety_below": lambda v: state.safety < v,
        "permission": lambda v: state.permission == v,
        "acknowledged": lambda v: state.acknowledged == v,
        "praised": lambda v: state.praised == v,
    }
    return all(checks[name](value) for name, value in when.items())


def effect_for(move_id: str, state: State, model: Model | None = None) -> dict[str, Any]:
    """Return the effect of ``move_id`` that applies in ``state`` (the first whose 'when' holds)."""
    model = model or load_model()
    move = _move(model, move_id)
    return next(e for e in move["effects"] if _holds(e.get("when", {}), state))


def not_yet(move_id: str, state: State, model: Model | None = None) -> tuple[str, ...]:
    """What was not there yet for ``move_id`` to help in ``state``: the conditions (their names in the data,
    e.g. 'safety_at_least', 'acknowledged') that fail for the nearest effect that raises safety or trust (the
    one with the fewest failing conditions; the first of those). Empty when such an effect applies here, when
    none raises anything, or when each fails on something that cannot come later (e.g. 'safety_below')."""
    model = model or load_model()
    if any(v > 0 for v in effect_for(move_id, state, model)["change"].values()):
        return ()
    failing = []
    for effect in _move(model, move_id)["effects"]:
        if not any(v > 0 for v in effect["change"].values()):
            continue
        names = tuple(name for name, value in effect.get("when", {}).items() if not _holds({name: value}, state))
        # only what can come later: enough safety, or something the conversation has done (acknowledged, ...)
        if all(name == "safety_at_least" or effect["when"][name] is True for name in names):
            failing.append(names)
    return min(failing, key=len) if failing else ()


@dataclass(frozen=True)
class Use:
    """What a move is in a given state: its name there, whether the article warns against it or steers
    away from it, and the idea that would have helped (a concept id). ``steered``: not a move the
    article warns against as such, but this use of it (information without permission, the child's
    behaviour named without permission): the end of a conversation says what the article asks instead."""

    label: str
    warned: bool
    instead: str | None
    steered: bool
    extended: bool = False  # steered by an effect the course adds to handreiking 3 (`extends`)
    asked: bool = False  # permission to tell something was asked before (and not used yet)
    after_yes: bool = False  # a warned use the data marks as following a yes to permission (`after_yes`)

    @property
    def turning(self) -> str:
        """The key of the turning-point text for this use (course.messages.SCENARIO_TURNING). Advice after a
        permission question has its own text: the learner did ask, but to tell something, not to advise (issue
        24, third walk: "Wat had kunnen helpen: toestemming vragen" right after the learner asked it)."""
        if self.extended:
            return "steered_course_asked" if self.asked else "steered_course"
        if self.steered:
            return "steered"
        # a warned move after a yes to permission: the asking was right (fourteenth walk, opa)
        return "instead_asked" if self.after_yes else "instead"  # (an after_yes effect holds only with permission)


def door_text(state: State, model: Model | None = None) -> str:
    """'deur open', or 'deur dicht' with why it is still shut (safety or trust below the threshold)."""
    model = model or load_model()
    t = model.texts
    if state.door_open:
        return t["door_open"]
    if state.move is not None and any(e.get("closes_door") for e in _move(model, state.move)["effects"]):
        return f"{t['door_closed']}: {t['why_closed_judgement']}"
    if state.safety < model.opens_safety:
        return f"{t['door_closed']}: {t['why_closed_safety'].format(n=model.opens_safety)}"
    if state.trust < model.opens_trust:
        return f"{t['door_closed']}: {t['why_closed_trust'].format(n=model.opens_trust)}"
    return t["door_closed"]  # shut by a judgement; the next helpful move may open it


def use_of(move_id: str, state: State, model: Model | None = None) -> Use:
    """Return what ``move_id`` is in ``state``: an effect may name its own use (``label``), say whether it
    is warned against (``warned``, else the move's kind decides) and what would have helped (``instead``)."""
    model = model or load_model()
    move = _move(model, move_id)
    effect = effect_for(move_id, state, model)
    warned = effect.get("warned", move["kind"] == "warned")
    return Use(
        label=effect.get("label", move["label"]),
        warned=warned,
        instead=effect.get("instead", move.get("instead")) if warned else None,
        steered=warned and ("instead" in effect or move["kind"] == "helpful"),
        extended=warned and effect.get("extends", False),
        asked=state.permission,
        after_yes=warned and effect.get("after_yes", False),
    )


def use_labels(states: Sequence[State], model: Model | None = None) -> list[str]:
    """Return the name of each move along ``states`` (a start state, then the state after each move),
    as it was used there: 'Het gedrag van het kind benoemen, meteen' before an acknowledgement,
    'Informatie geven, zonder toestemming' without permission."""
    labels = []
    for before, after in zip(states, states[1:]):
        if after.move is None:  # not a state after a move: refused as _move refuses an unknown move
            known = model or load_model()
            raise ValueError(f"unknown move None; known moves: {', '.join(known.moves)}")
        labels.append(use_of(after.move, before, model).label)
    return labels


def _move(model: Model, move_id: str) -> dict[str, Any]:
    try:
        return model.moves[move_id]
    except (KeyError, TypeError):
        raise ValueError(f"unknown move {move_id!r}; known moves: {', '.join(model.moves)}") from None


def step(state: State, move_id: str, model: Model | None = None) -> State:
    """Return the state after ``move_id``."""
    model = model or load_model()
    effect = effect_for(move_id, state, model)
    change, sets = effect["change"], effect.get("sets", {})
    clamp = lambda v: max(model.lo, min(model.hi, v))  # noqa: E731
    safety = clamp(state.safety + change.get("safety", 0))
    trust = clamp(state.trust + change.get("trust", 0))
    door = state.door_open
    if effect.get("closes_door"):  # a judgement closes the door, whatever the numbers
        door = False
    elif safety >= model.opens_safety and trust >= model.opens_trust:
        door = True
    elif safety < model.closes_below:
        door = False
    return replace(
        state,
        safety=safety,
        trust=trust,
        door_open=door,
        permission=sets.get("permission", state.permission),
        acknowledged=sets.get("acknowledged", state.acknowledged),
        praised=sets.get("praised", state.praised),
        move=move_id,
    )


def run(moves: Iterable[str], model: Model | None = None) -> list[State]:
    """Return the states of a conversation: the start state, then one state per move.

    Raises ValueError for an empty sequence or an unknown move (naming the known moves).
    """
    model = model or load_model()
    if isinstance(moves, str):
        raise ValueError("moves must be a sequence of move ids, not one string")
    moves = list(moves)
    if not moves:
        raise ValueError("a conversation needs at least one move")
    for move_id in moves:
        _move(model, move_id)
    states = [model.start]
    for move_id in moves:
        states.append(step(states[-1], move_id, model))
    return states


def _condition_text(when: dict[str, Any], alone: bool) -> str:
    """Dutch text of an effect's condition: 'altijd', 'anders' (a fallback) or the checks."""
    if not when:
        return "altijd" if alone else "anders"
    numbers = {"safety_at_least": "veiligheid ≥ {}", "safety_below": "veiligheid < {}"}
    flags = {
        "permission": "toestemming gevraagd",
        "acknowledged": "ouder eerder erkend",
        "praised": "'goede ouder'-ervaring al benoemd",
    }
    parts = [numbers[k].format(v) if k in numbers else (flags[k] if v else f"niet {flags[k]}") for k, v in when.items()]
    return ", ".join(parts)


def _memory_text(sets: dict[str, bool]) -> str:
    """Dutch text of what an effect makes the model remember ('' when nothing)."""
    texts = {
        ("permission", True): "toestemming gevraagd",
        ("permission", False): "toestemming gebruikt",
        ("acknowledged", True): "ouder erkend",
        ("acknowledged", False): "erkenning vergeten",
        ("praised", True): "'goede ouder'-ervaring benoemd",
        ("praised", False): "benoeming vergeten",
    }
    return ", ".join(texts[(k, v)] for k, v in sets.items())


def choices_note(model: Model | None = None) -> str:
    """Return the Dutch note that names the course's own choices (start values, door thresholds)."""
    model = model or load_model()
    return " ".join(
        model.texts["choices_note"]
        .format(
            safety=model.start.safety,
            trust=model.start.trust,
            open_safety=model.opens_safety,
            open_trust=model.opens_trust,
            closes=model.closes_below,
        )
        .split()
    )


def _says(source: dict[str, Any]) -> str:
    """What the article says the move does, with its own part when that differs from the quote's."""
    part = source.get("says_part")
    return f" ({part}: '{source['says']}')" if part else f" '{source['says']}'"


def rules_table(model: Model | None = None) -> list[dict[str, str]]:
    """Return one row per move and effect, in Dutch, for showing the rules to learners; ``keuze`` marks
    an effect that is the course makers' own rule, and says when the article gives its direction."""
    model = model or load_model()
    rows = []
    for move in model.moves.values():
        for effect in move["effects"]:
            change = effect["change"]
            rows.append(
                {
                    "zet": effect.get("label", move["label"]),
                    "soort": "waarschuwing" if effect.get("warned", move["kind"] == "warned") else "helpt",
                    "als": _condition_text(effect.get("when", {}), alone=len(move["effects"]) == 1),
                    "veiligheid": f"{change.get('safety', 0):+d}",
                    "vertrouwen": f"{change.get('trust', 0):+d}",
                    "onthoudt": _memory_text(effect.get("sets", {})),
                    # the part of the article, not the course's concept code (sixth walk: "P1, Praktijkvoorbeeld",
                    # "H2, Handreiking 2": codes a learner never meets)
                    "bron": f"{move['source']['part']}: '{move['source']['quote']}'"
                    + (_says(move["source"]) if "says" in move["source"] else "")
                    + (f" ({move['source']['reading']})" if "reading" in move["source"] else ""),
                    "keuze": model.texts["direction_mark" if effect.get("direction") else "choice_mark"]
                    if effect.get("choice")
                    else "",
                }
            )
    return rows
