"""Branching conversations to practise (one data file each in course/data/conversations/).

A conversation is a graph of nodes. Each node is a moment (``situation``) with options; each
option is one move of the trust model (trust_model.yaml). What the parent says back depends on the
move and on the model's state after it (the band: laag, midden, hoog); where the conversation goes
next depends on the option and, where the data says so, on that band too. A conversation may start
from its own state (a parent who arrives angry) and may have a ceiling (a parent whose day is such
that, whatever you do, the door stays shut today): the model's rules stay the same for every parent.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from course.content import DATA_DIR, ContentError, load_concepts, read_yaml
from course.model.trust_model import Model, State, effect_for, load_model, not_yet, step, use_labels, use_of

CONVERSATION_DIR = DATA_DIR / "conversations"
BANDS = ("laag", "midden", "hoog")
END = "einde"  # the 'next' of an option that ends the conversation
OTHERWISE = "anders"  # in a band-dependent 'next': every band not named
MAX_STEPS = 12  # a guard against cycles in the data
WHY = "{why}"  # in a closed door's ending: where the sentence goes that says what kept it shut


@dataclass(frozen=True)
class Turn:
    """One exchange: at ``node`` the learner chose ``option``; the parent replied ``reply``."""

    number: int  # 1-based step number
    node: str
    option: dict[str, Any]
    before: State
    state: State  # after the move
    reply: str

    @property
    def move(self) -> str:
        return self.option["move"]


def _for_door(line: str | dict[str, str], state: State) -> str:
    """A reply's line for ``state``: the line itself, or its 'open' or 'dicht' line by the door after the move
    (fifteenth walk: a hesitant "'Misschien wel,' … 'Ik laat het je weten.'" ended "deur open" on one path and
    "deur dicht" on another)."""
    if isinstance(line, dict):
        return str(line["open" if state.door_open else "dicht"])
    return str(line)


class Conversation:
    """One conversation: its graph, its parent's replies and its endings (see the module docstring)."""

    def __init__(self, data: dict[str, Any], model: Model, where: str):
        self.data = data
        self.model = model
        self.where = where
        self.id: str = data["id"]
        self.title: str = data["title"]
        self.intro: str = data["intro"]
        self.parent: str = data["parent"]
        self.nodes: dict[str, dict[str, Any]] = data["nodes"]
        self.first: str = data["first"]
        # per move and band a line, or {open, dicht}: one for an open door after the move and one for a shut door
        self.replies: dict[str, dict[str, str | dict[str, str]]] = data["replies"]
        # per move and band, what the parent says instead when the line of 'replies' was said already on this path
        self.replies_again: dict[str, dict[str, list[str]]] = data.get("replies_again") or {}
        self.answers: dict[str, list[str]] = data.get("answers") or {}
        # the course's words for 'the parent' that this conversation's person is not (opa: 'Rustig naar opa toe gaan')
        self.words: dict[str, str] = data.get("words") or {}
        self.endings: dict[str, str] = data["endings"]
        self.bands: dict[str, int] = data.get("bands") or {"laag": 0, "midden": 4, "hoog": 7}
        start = data.get("start") or {}
        self.start = State(safety=start.get("safety", model.start.safety), trust=start.get("trust", model.start.trust))
        self.ceiling: dict[str, int] = data.get("ceiling") or {}
        self.article_path: list[str] = list(data["article_path"])
        self._check()

    # --- checks of the data (ContentError naming the file and field) -------------------------
    def _check(self) -> None:
        where = self.where
        if self.first not in self.nodes:
            raise ContentError(f"{where}: first: no node {self.first!r}")
        for name, node in self.nodes.items():
            ids = [o["id"] for o in node["options"]]
            if len(set(ids)) != len(ids):
                raise ContentError(f"{where}: nodes.{name}.options: duplicate option id")
            for o in node["options"]:
                at = f"{where}: nodes.{name}.options ({o['id']})"
                if o["move"] not in self.model.moves:
                    raise ContentError(f"{at}: unknown move {o['move']!r}")
                if o["move"] not in self.replies and "reply" not in o:
                    raise ContentError(f"{at}: no reply for move {o['move']!r} (replies) and no own reply")
                targets = o["next"].values() if isinstance(o["next"], dict) else [o["next"]]
                unknown = [t for t in targets if t != END and t not in self.nodes]
                if unknown:
                    raise ContentError(f"{at}: next: no node {unknown[0]!r}")
                if "note" in o and not (isinstance(o["note"], str) and o["note"].strip()):
                    raise ContentError(f"{at}: note: an option's note needs a text")
                if isinstance(o["next"], dict) and OTHERWISE not in o["next"] and set(o["next"]) != set(BANDS):
                    raise ContentError(f"{at}: next: name every band ({', '.join(BANDS)}) or '{OTHERWISE}'")
        for kind, text in self.endings.items():
            needs = kind.startswith("closed")
            if text.count(WHY) != (1 if needs else 0) or text.replace(WHY, "").count("{"):
                what = f"one {WHY} (where the sentence goes that says what kept the door shut)" if needs else "no {"
                raise ContentError(f"{where}: endings.{kind}: needs {what}")
        for move, bands in self.replies_again.items():
            if move not in self.replies:
                raise ContentError(f"{where}: replies_again.{move}: no reply for this move in 'replies'")
            unknown = [b for b in bands if b not in BANDS]
            if unknown:
                raise ContentError(f"{where}: replies_again.{move}: unknown band(s) {unknown}")
        for move, answering in self.answers.items():
            unknown = [m for m in [move, *answering] if m not in self.model.moves]
            if unknown:
                raise ContentError(f"{where}: answers: unknown move(s) {unknown}")
        try:
            turns = self.play(self.article_path)
        except ValueError as exc:
            raise ContentError(f"{where}: article_path: {exc}") from None
        if not self.finished(turns):
            raise ContentError(f"{where}: article_path: the conversation is not over after {self.article_path}")

    # --- the model, per conversation -----------------------------------------------------------
    def band(self, state: State) -> str:
        """Return 'laag', 'midden' or 'hoog' for the parent's safety in ``state``."""
        return [name for name in BANDS if state.safety >= self.bands[name]][-1]

    def step(self, state: State, move: str) -> State:
        """Return the state after ``move``: the model's rules, held under this parent's ceiling."""
        after = step(state, move, self.model)
        if not self.ceiling:
            return after
        safety = min(after.safety, self.ceiling.get("safety", self.model.hi))
        trust = min(after.trust, self.ceiling.get("trust", self.model.hi))
        door = after.door_open and (
            state.door_open or (safety >= self.model.opens_safety and trust >= self.model.opens_trust)
        )
        return replace(after, safety=safety, trust=trust, door_open=door)

    def reply(self, option: dict[str, Any], state: State, said: tuple[str, ...] | list[str] = ()) -> str:
        """Return what the parent says after ``option``, given the state after it. ``said``: what the parent
        said before on this path; a line of 'replies' said already gives way to the first of 'replies_again'
        not said yet (a parent does not repeat herself word for word)."""
        band = self.band(state)
        if "reply" in option:
            return _for_door(option["reply"][band], state)
        line = _for_door(self.replies[option["move"]][band], state)
        if line in said:
            fresh = [t for t in self.replies_again.get(option["move"], {}).get(band, []) if t not in said]
            if fresh:
                return fresh[0]
        return line

    def next_node(self, option: dict[str, Any], state: State) -> str:
        """Return the node after ``option`` (or END), given the state after it."""
        nxt = option["next"]
        if isinstance(nxt, dict):
            target = nxt.get(self.band(state), nxt.get(OTHERWISE))
            assert target is not None  # _check: a band-dependent 'next' names every band or OTHERWISE
            return target
        return nxt

    def option(self, node: str, option_id: str) -> dict[str, Any]:
        for o in self.nodes[node]["options"]:
            if o["id"] == option_id:
                return o
        raise ValueError(
            f"unknown option {option_id!r} at {node!r}; "
            f"choose from {', '.join(o['id'] for o in self.nodes[node]['options'])}"
        )

    # --- playing ------------------------------------------------------------------------------
    def play(self, option_ids: list[str]) -> list[Turn]:
        """Return the turns of the path ``option_ids`` (ValueError for an option that is not there,
        or for a step after the end)."""
        turns: list[Turn] = []
        node, state = self.first, self.start
        for n, oid in enumerate(option_ids, start=1):
            if node == END:
                raise ValueError(f"the conversation ended after step {n - 1}; no step {n}")
            option = self.option(node, oid)
            after = self.step(state, option["move"])
            turns.append(Turn(n, node, option, state, after, self.reply(option, after, [t.reply for t in turns])))
            node, state = self.next_node(option, after), after
        return turns

    def shown_options(self, node: str) -> list[dict[str, Any]]:
        """The options of ``node`` in the order a learner sees them: an order of the step's own, the same
        every time and for every learner (seeded by conversation and step), so that the helpful move is not
        always first (issue 24: learners learned to click the top one). The data keeps its own order."""
        options = list(self.nodes[node]["options"])
        random.Random(f"{self.id}:{node}").shuffle(options)
        return options

    def current(self, turns: list[Turn]) -> str:
        """Return the node the learner is at after ``turns`` (END when the conversation is over)."""
        if not turns:
            return self.first
        return self.next_node(turns[-1].option, turns[-1].state)

    def finished(self, turns: list[Turn]) -> bool:
        return self.current(turns) == END

    def is_path(self, option_ids: Any) -> bool:
        """True when ``option_ids`` (e.g. read from an answer file) is a valid path or prefix."""
        if not (isinstance(option_ids, list) and all(isinstance(o, str) for o in option_ids)):
            return False
        try:
            self.play(option_ids)
        except ValueError:
            return False
        return True

    def states(self, turns: list[Turn]) -> list[State]:
        """The start state, then the state after every turn (what the figure draws)."""
        return [self.start, *(t.state for t in turns)]

    def ending_key(self, turns: list[Turn]) -> str:
        """Which ending fits, following what was actually said and the final state: the first small step
        ('open') only when the offer to look together landed with the door open; a closed door after only
        helpful moves (none of which cost anything, 'closed_helpful') says that the order helps but
        guarantees nothing; 'closed_helpful_no', where the data has it, when a permission question got a no (an
        ending speaks of that no only on a path where it was said)."""
        final = turns[-1].state if turns else self.start
        landed = any(t.move == "samen_kijken" and t.state.door_open for t in turns)
        if final.door_open:
            return "open" if landed else "open_no_offer"
        if all(
            not use_of(t.move, t.before, self.model).warned
            and t.state.safety >= t.before.safety
            and t.state.trust >= t.before.trust
            for t in turns
        ):
            refused = any(t.move == "toestemming_vragen" and not t.state.permission for t in turns)
            # every move helped, or at least cost nothing, here
            return "closed_helpful_no" if refused and "closed_helpful_no" in self.endings else "closed_helpful"
        return "closed"

    def ending(self, turns: list[Turn]) -> str:
        """Return the closing line as the data has it (a closed door's still holds the place {why} of the
        sentence that says what kept it shut: see ending_text)."""
        return self.endings[self.ending_key(turns)]

    def ending_text(self, turns: list[Turn], texts: dict[str, str]) -> str:
        """Return the closing line the learner reads: a closed door's names what kept it shut (why_closed).
        ``texts`` is course.messages.SCENARIO_WHY_CLOSED."""
        ending = self.ending(turns)
        return self.worded(ending.replace(WHY, self.why_closed(turns, texts)) if WHY in ending else ending)

    def worded(self, text: str) -> str:
        """``text`` in this conversation's own words (its ``words``: ninth walk, opa was offered 'sluit aan bij het
        ouderschap' while lesson 04 says the ouderschap stays with Mees's parents)."""
        for general, own in self.words.items():
            text = text.replace(general, own)
        return text

    def use_labels(self, states: list[State]) -> list[str]:
        """The names of the moves along ``states`` (trust_model.use_labels), in this conversation's own words."""
        return [self.worded(label) for label in use_labels(states, self.model)]

    def door_can_open(self) -> bool:
        """False when this parent's ceiling keeps safety or trust under the door's threshold, whatever is said."""
        return (
            self.ceiling.get("safety", self.model.hi) >= self.model.opens_safety
            and self.ceiling.get("trust", self.model.hi) >= self.model.opens_trust
        )

    def why_closed(self, turns: list[Turn], texts: dict[str, str]) -> str:
        """One sentence, read from the played path by the model, that says what kept the door shut ('' when it
        is open): this parent's ceiling, with what rose from the start to the end and the first step that lowered
        something; else the last step that shut an open door again; else the first step
        that lowered what stayed too low (safety, trust or both), 'too early' when a rule of that move would
        have helped later in the conversation; else that what stayed too low never got high enough.
        ``texts`` is course.messages.SCENARIO_WHY_CLOSED."""
        final = turns[-1].state if turns else self.start
        if final.door_open:
            return ""
        m = self.model
        low = {"safety": final.safety < m.opens_safety, "trust": final.trust < m.opens_trust}
        if not self.door_can_open():
            key = "ceiling" if self.ceiling.get("safety", m.hi) < m.opens_safety else "ceiling_trust"
            reason = texts[key]
            # 'wat je ook kiest' must not read as 'your choices did not matter': what rose, and the first step that
            # lowered a number
            lowered = [t for t in turns if t.state.safety < t.before.safety or t.state.trust < t.before.trust]
            # what rose from the start to the end, so a good run does not read like a bad one (seventh and eighth
            # walk); 'Wel' when nothing lowered anything, 'Al met al' before the step that did
            rose_s, rose_t = final.safety > self.start.safety, final.trust > self.start.trust
            if rose_s or rose_t:
                key = _which("ceiling_net" if lowered else "ceiling_rose", rose_s, rose_t)
                reason += ". " + texts[key].format(
                    s0=self.start.safety, s1=final.safety, t0=self.start.trust, t1=final.trust
                )
            if lowered:
                t = lowered[0]
                fell_s, fell_t = t.state.safety < t.before.safety, t.state.trust < t.before.trust
                also = _which("ceiling_fell", fell_s, fell_t)
                reason += ". " + texts[also].format(n=t.number, label=use_of(t.move, t.before, m).label)
            sank_s, sank_t = final.safety < self.start.safety, final.trust < self.start.trust
            if not (rose_s or rose_t) and (sank_s or sank_t):  # a bad run says where it ended, as a good one does
                reason += ". " + texts[_which("ceiling_sank", sank_s, sank_t)].format(
                    s0=self.start.safety, s1=final.safety, t0=self.start.trust, t1=final.trust
                )
            return texts["lead"].format(reason=reason)
        shut = [t for t in turns if t.before.door_open and not t.state.door_open]
        if shut:
            t = shut[-1]
            label = use_of(t.move, t.before, m).label
            judged = effect_for(t.move, t.before, m).get("closes_door", False)
            reason = texts["shut_judgement" if judged else "shut_safety"].format(n=t.number, label=label)
            return texts["lead"].format(reason=reason)
        for t in turns:
            fell = {
                "safety": low["safety"] and t.state.safety < t.before.safety,
                "trust": low["trust"] and t.state.trust < t.before.trust,
            }
            if not any(fell.values()):
                continue
            use = use_of(t.move, t.before, m)
            missing = () if use.warned else not_yet(t.move, t.before, m)
            if missing:
                words = " en ".join(texts[f"not_yet_{name}"] for name in missing)
                reason = texts["early"].format(n=t.number, label=use.label, missing=words)
            else:
                key = _which("fell", fell["safety"], fell["trust"])
                reason = texts[key].format(n=t.number, label=use.label)
            return texts["lead"].format(reason=reason)
        if not any(low.values()):  # the data cannot reach this: a closed door after no judgement has a low number
            raise ValueError(f"{self.where}: the door is shut, but no number is low and no step shut it")
        key = _which("low", low["safety"], low["trust"])
        reason = texts[key]
        helps = self.still_helps(turns)
        if helps:  # no turning point says what was missing: the helpful moves not played that would still raise it
            reason += ". " + texts["still_helps"].format(moves=", ".join(helps))
        return texts["lead"].format(reason=reason)

    def still_helps(self, turns: list[Turn]) -> list[str]:
        """The labels of the helpful moves offered in this conversation but not played on ``turns`` that, by the
        model's rules, would raise in the final state what stayed under the door's threshold (in the model's order)."""
        m = self.model
        final = turns[-1].state if turns else self.start
        low = [k for k, v in (("safety", final.safety < m.opens_safety), ("trust", final.trust < m.opens_trust)) if v]
        played = {t.move for t in turns}
        offered = {o["move"] for node in self.nodes.values() for o in node["options"]}
        return [
            use_of(move, final, m).label
            for move in m.helpful()
            if move in offered
            and move not in played
            and not use_of(move, final, m).warned
            and any(effect_for(move, final, m)["change"].get(k, 0) > 0 for k in low)
        ]

    def comparison_label(self, texts: Any) -> str:
        """What the path drawn beside the learner's is called: the article's order only when it plays
        the moves of Koster's example; otherwise it is the course's composition of the handreikingen.
        ``texts`` is course.messages (SCENARIO_ARTICLE, SCENARIO_COURSE_PATH)."""
        moves = [t.move for t in self.play(self.article_path)]
        return texts.SCENARIO_ARTICLE if moves == list(self.model.article_sequence) else texts.SCENARIO_COURSE_PATH

    def paths(self) -> Iterator[list[Turn]]:
        """Yield every complete path (ContentError when a path runs longer than MAX_STEPS: a cycle)."""

        def walk(node: str, state: State, turns: list[Turn]) -> Iterator[list[Turn]]:
            if node == END:
                yield turns
                return
            if len(turns) >= MAX_STEPS:
                raise ContentError(
                    f"{self.where}: a path is longer than {MAX_STEPS} steps (a cycle?): {[t.node for t in turns]}"
                )
            for option in self.nodes[node]["options"]:
                after = self.step(state, option["move"])
                said = [t.reply for t in turns]
                turn = Turn(len(turns) + 1, node, option, state, after, self.reply(option, after, said))
                yield from walk(self.next_node(option, after), after, [*turns, turn])

        yield from walk(self.first, self.start, [])

    # --- what the learner sees at the end ------------------------------------------------------
    def turning_points(self, turns: list[Turn], texts: dict[str, str], here: str | None = None) -> list[str]:
        """Return the turning points of a played path, in Dutch: where the door opened or closed,
        and at each move the article warns against, what would have helped (the move's ``instead``:
        a concept of the course, with the lesson that teaches it); an option's own ``note`` last at its step.
        ``texts`` holds the templates; ``here``: the id of the lesson the learner is in (its references dropped)."""
        from course.model.detectors import references_from

        concepts = load_concepts()
        points: list[str] = []
        said: set[str] = set()  # 'too early' reasons given already: the same one again is said shorter
        refused = False  # the step before asked permission too early: the parent said no
        for t in turns:
            use = use_of(t.move, t.before, self.model)
            where = texts["at"].format(n=t.number, label=use.label)
            fell = "" if use.warned else self._fell(t, texts)
            early = self._early(t, texts) if fell else ""
            if early and early in said:  # sixth and seventh walk: the same sentence twice in one list
                fell = fell.replace(early, texts["fell_early_again"])
            said.add(early)
            if t.state.door_open and not t.before.door_open:
                points.append(f"{where}: {texts['opened']}")
            elif t.before.door_open and not t.state.door_open:
                points.append(f"{where}: {' '.join(filter(None, [texts['closed'], fell]))}")
            elif fell:
                points.append(f"{where}: {fell}")
            note = None if use.warned else effect_for(t.move, t.before, self.model).get("note")
            if note:  # a helpful use with a name of its own ("Toestemming vragen, te vroeg") says what it means
                points.append(f"{where}: {note}")
            if use.warned:
                assert use.instead is not None
                concept = concepts[use.instead]
                # told after a no (tenth walk: "Wat had kunnen helpen: toestemming vragen" right after the learner
                # asked it and heard no)
                template = texts["steered_after_no" if refused and use.turning == "steered" else use.turning]
                points.append(f"{where}: " + template.format(idea=concept["label"], lesson=concept["lesson"][:2]))
            if "note" in t.option:
                points.append(f"{where}: {t.option['note']}")
            refused = (
                t.move == "toestemming_vragen"
                and effect_for(t.move, t.before, self.model).get("sets", {}).get("permission") is False
            )
        return [self.worded(references_from(p, here)) for p in _one_line_per_step(points)]

    def _fell(self, t: Turn, texts: dict[str, str]) -> str:
        """What a move the article does not warn against cost here, and in words what was not there yet when it
        came too early ('' when it cost nothing). A warned move says what would have helped instead."""
        s0, s1, t0, t1 = t.before.safety, t.state.safety, t.before.trust, t.state.trust
        if s1 >= s0 and t1 >= t0:
            return ""
        key = _which("fell", s1 < s0, t1 < t0)
        why = self._early(t, texts) or texts["fell_here"]
        return f"{texts[key].format(s0=s0, s1=s1, t0=t0, t1=t1)} {why}"

    def _early(self, t: Turn, texts: dict[str, str]) -> str:
        """'Hier kwam deze zet te vroeg: …' with in words what was not there yet ('' when nothing was missing)."""
        missing = not_yet(t.move, t.before, self.model)
        # under this parent's ceiling the safety the move needs is out of reach today (ninth walk, buurthuis: "te
        # vroeg" after five helpful moves left the learner unsure what would have been on time)
        capped = "safety_at_least" in missing and self._needs_more_safety_than_ceiling(t.move)
        words = " en ".join(
            texts[f"not_yet_{name}" + ("_ceiling" if capped and name == "safety_at_least" else "")] for name in missing
        )
        return texts["fell_early"].format(missing=words) if missing else ""

    def _needs_more_safety_than_ceiling(self, move_id: str) -> bool:
        """Whether every effect of ``move_id`` that raises safety or trust needs more safety than this parent's
        ceiling allows (so 'te vroeg' here means: not in this conversation)."""
        cap, needed = self.ceiling.get("safety"), self.model.needed_safety(move_id)
        return cap is not None and needed is not None and needed > cap


def _one_line_per_step(points: list[str]) -> list[str]:
    """Join the points of one step ("Stap 1 (…): a", "Stap 1 (…): b") into one line, each part a sentence (eleventh
    walk: "Stap 1" twice in one list)."""
    out: list[str] = []
    for point in points:
        where, said = point.split(": ", 1)
        if out and out[-1].startswith(where + ": "):
            out[-1] += " " + said[:1].upper() + said[1:]
        else:
            out.append(point)
    return out


def _which(prefix: str, safety: bool, trust: bool) -> str:
    """The text key for what a sentence is about: ``prefix``_both, _safety or _trust (at least one is true)."""
    return f"{prefix}_both" if safety and trust else f"{prefix}_safety" if safety else f"{prefix}_trust"


def conversation_ids() -> list[str]:
    """Return the ids of every conversation in the library (file names, sorted)."""
    return sorted(p.stem for p in CONVERSATION_DIR.glob("*.yaml"))


@cache
def load_conversation(name: str) -> Conversation:
    """Return the conversation ``name`` (course/data/conversations/<name>.yaml), checked."""
    path = CONVERSATION_DIR / f"{name}.yaml"
    if not path.is_file():
        raise ContentError(f"no conversation {name!r}; known: {', '.join(conversation_ids())}")
    data = read_yaml(path)
    if data.get("id") != name:
        raise ContentError(f"course/data/conversations/{name}.yaml: id: must be {name!r} (the file name)")
    return Conversation(data, load_model(), f"course/data/conversations/{name}.yaml")
