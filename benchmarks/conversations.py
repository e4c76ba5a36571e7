"""Benchmark: the conversations to practise and Mijn gesprek, driven through their Python API as a
click does (issue 21). Budgets: an answer step replies within 50 ms (p95); a figure redraw (the
last step of a conversation, or a change in Mijn gesprek) within 150 ms (p95). Prints figures."""

from __future__ import annotations

import random
import statistics
import tempfile
import time

from course.learner.widgets.my_conversation import MyConversation
from course.learner.widgets.scenario import ScenarioExercise
from course.model.conversation import conversation_ids
from course.model.my_conversation import ME, PARENT
from course.store import AnswerStore

STEP_BUDGET_MS, DRAW_BUDGET_MS = 50, 150


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _line(what: str, times: list[float], budget: int) -> str:
    return (
        f"{what}: n={len(times)}, median {statistics.median(times):.1f} ms, p95 {_p95(times):.1f} ms, "
        f"max {max(times):.1f} ms  (budget p95 <= {budget} ms)"
    )


def main(paths_per_conversation: int = 12, seed: int = 21) -> None:
    rng = random.Random(seed)
    steps, draws = [], []
    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore.in_folder(folder)
        for cid in conversation_ids():
            exercise = ScenarioExercise(store, cid)
            exercise.choose(exercise.current_options()[0]["id"])  # warm-up: fonts, caches, first figure
            while not exercise.finished:
                exercise.choose(exercise.current_options()[0]["id"])
            for _ in range(paths_per_conversation):
                exercise.restart()
                while not exercise.finished:
                    option = rng.choice(exercise.current_options())["id"]
                    start = time.perf_counter()
                    exercise.choose(option)
                    took = (time.perf_counter() - start) * 1000
                    (draws if exercise.finished else steps).append(took)
        print(_line("conversation step (reply, transcript, save)", steps, STEP_BUDGET_MS))
        print(
            _line("conversation end (your figure redrawn above the article's, turning points)", draws, DRAW_BUDGET_MS)
        )

        mine = MyConversation(AnswerStore.in_folder(folder), plot=True)
        lines = [
            "Hoe is dit voor jou?",
            "Ik zie hoeveel je probeert.",
            "Dat is veel, alleen.",
            "Zullen we samen kijken wat helpt?",
            "Mag ik vertellen wat wij zien?",
        ]
        mine.add(ME, lines[0])  # warm-up
        own_adds, parent_adds = [], []
        for n in range(28):
            who = ME if n % 2 == 0 else PARENT
            start = time.perf_counter()
            mine.add(who, rng.choice(lines) if who == ME else "Ja.")
            (own_adds if who == ME else parent_adds).append((time.perf_counter() - start) * 1000)
        print(
            _line(
                "Mijn gesprek, own turn added (proposal, hints, redraw, save; up to 29 turns)", own_adds, DRAW_BUDGET_MS
            )
        )
        print(_line("Mijn gesprek, parent turn added (hints, redraw, save)", parent_adds, DRAW_BUDGET_MS))
    proposals()


def proposals() -> None:
    """How often Mijn gesprek's proposal is the move of a conversation option (a development set:
    the proposal rules in detectors.yaml were written while looking at these options)."""
    from course.model.conversation import load_conversation
    from course.model.my_conversation import propose

    right = wrong = none = 0
    for cid in conversation_ids():
        for node in load_conversation(cid).nodes.values():
            for option in node["options"]:
                proposal = propose(option["text"])
                if proposal is None:
                    none += 1
                elif proposal == option["move"]:
                    right += 1
                else:
                    wrong += 1
    total = right + wrong + none
    print(
        f"Mijn gesprek proposals on the {total} conversation options (development set): the option's own move "
        f"{right}, another move {wrong}, none {none}; right when proposed {right / max(1, right + wrong):.0%}"
    )


if __name__ == "__main__":
    main()
