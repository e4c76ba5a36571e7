"""The branching scenario of lesson 05 (data in course/data/scenario_ophalen.yaml): steps with
options that are trust-model moves, and the mother's replies chosen by the model's state."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .content import DATA_DIR, ContentError, read_yaml
from .trust_model import State, load_model


@lru_cache(maxsize=None)
def load_scenario(name: str = "scenario_ophalen") -> dict[str, Any]:
    """Return the scenario ``name``; every move exists and has a reply for every band."""
    path = DATA_DIR / f"{name}.yaml"
    data = read_yaml(path)
    where = f"course/data/{name}.yaml"
    moves = load_model().moves
    for n, step in enumerate(data["steps"]):
        ids = [o["id"] for o in step["options"]]
        if len(set(ids)) != len(ids):
            raise ContentError(f"{where}: steps[{n}].options: duplicate option id")
        for o in step["options"]:
            if o["move"] not in moves:
                raise ContentError(f"{where}: steps[{n}].options ({o['id']}): unknown move {o['move']!r}")
            if o["move"] not in data["replies"]:
                raise ContentError(f"{where}: replies: no reply for move {o['move']!r}")
    for move, answering in (data.get("answers") or {}).items():
        unknown = [m for m in [move, *answering] if m not in moves]
        if unknown:
            raise ContentError(f"{where}: answers: unknown move(s) {unknown}")
    return data


def band(state: State, scenario: dict[str, Any]) -> str:
    """Return 'laag', 'midden' or 'hoog' for the parent's safety in ``state``."""
    bands = sorted(scenario["bands"].items(), key=lambda kv: kv[1])
    return [name for name, lowest in bands if state.safety >= lowest][-1]


def reply(move_id: str, state: State, scenario: dict[str, Any]) -> str:
    """Return the mother's reply to ``move_id`` given the state after that move."""
    return scenario["replies"][move_id][band(state, scenario)]


def ending(moves: list[str], scenario: dict[str, Any]) -> str:
    """Return the closing line of a played scenario, following what was actually said: the "first
    small step" only when the offer to look together was made and landed with the door open."""
    from .trust_model import step

    model = load_model()
    state, landed = model.start, False
    for move in moves:
        state = step(state, move, model)
        landed = landed or (move == "samen_kijken" and state.door_open)
    if not state.door_open:
        return scenario["end"]["closed"]
    return scenario["end"]["open"] if landed else scenario["end"]["open_no_offer"]
