"""Benchmark: time of the phrasing detectors per sentence on the labelled examples (prints figures)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from course.detectors import feedback


def main() -> None:
    rows = yaml.safe_load((Path(__file__).parent.parent / "tests" / "data" / "detector_examples.yaml").read_text("utf-8"))
    feedback("warm-up")
    times = []
    for row in rows:
        start = time.perf_counter()
        feedback(row["text"])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"detectors: {len(times)} sentences, median {statistics.median(times):.3f} ms, "
          f"p95 {times[int(0.95 * len(times)) - 1]:.3f} ms, max {times[-1]:.3f} ms per sentence")


if __name__ == "__main__":
    main()
