"""Benchmark: time of the phrasing detectors per sentence on the labelled examples, and their agreement with
the labels per set (prints figures; the held-out sets only measure, see tests/unit/test_detectors.py)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from course.model.detectors import LABELLED_FIELDS, analyse, feedback


def main() -> None:
    data = Path(__file__).resolve().parent.parent / "tests" / "unit" / "data"
    sets = {name.stem: yaml.safe_load(name.read_text("utf-8")) for name in sorted(data.glob("detector_*.yaml"))}
    for name, labelled in sets.items():
        found = [analyse(row["text"]) for row in labelled]
        figures = ", ".join(
            f"{label} {sum(getattr(a, field) == row[label] for a, row in zip(found, labelled)) / len(labelled):.1%}"
            for label, field in LABELLED_FIELDS.items()
        )
        print(f"{name} ({len(labelled)} sentences): {figures}")
    rows = [row for labelled in sets.values() for row in labelled]
    rows.append({"text": "Hoe " + "is dit voor jou, " * 40 + "elke dag zo?"})  # long input, cut at MAX_CHARS
    feedback("warm-up")
    times = []
    for row in rows:
        start = time.perf_counter()
        feedback(row["text"])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(
        f"detectors: {len(times)} sentences, median {statistics.median(times):.3f} ms, "
        f"p95 {times[int(0.95 * len(times)) - 1]:.3f} ms, max {times[-1]:.3f} ms per sentence"
    )


if __name__ == "__main__":
    main()
