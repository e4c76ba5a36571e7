"""Benchmark: time of one redraw of the sequence builder (model + figure + PNG), budget 150 ms."""

from __future__ import annotations

import statistics
import tempfile
import time

from course.learner.widgets.builder import SequenceBuilder
from course.store import AnswerStore

BUDGET_MS = 150


def main(repeats: int = 15) -> None:
    with tempfile.TemporaryDirectory() as folder:
        builder = SequenceBuilder(AnswerStore.in_folder(folder))
        for length in (5, 10):
            builder.moves = (["rustig_benaderen", "open_vraag_ouder", "erkenning", "stilte", "samen_kijken"] * 2)[
                :length
            ]
            builder.redraw()  # warm-up: fonts, caches
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                builder.redraw()
                times.append((time.perf_counter() - start) * 1000)
            print(
                f"builder redraw, {length} moves: median {statistics.median(times):.0f} ms, "
                f"max {max(times):.0f} ms over {repeats} redraws (budget {BUDGET_MS} ms)"
            )


if __name__ == "__main__":
    main()
