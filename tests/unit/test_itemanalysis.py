"""The item analysis is honest about what it can say (issue 19, part 6): below 20 hand-ins it judges
no item, and its figure never puts one label over another."""

from __future__ import annotations

import itertools

from matplotlib.text import Text

from course.content import graded_items, load_lesson
from course.figures.plots import plt
from course.lecturer import itemanalysis as ia

LESSON = "02_ouderschap_en_opvoederschap"
ITEMS = graded_items(load_lesson(LESSON))


def shares(n: int) -> dict[str, dict[str, float]]:
    """n learners: learner k gets item i right when (k + i) % 3 != 0 (so p and r vary a little)."""
    return {f"s{k:02d}": {item["id"]: float((k + i) % 3 != 0) for i, item in enumerate(ITEMS)} for k in range(n)}


def test_four_hand_ins_judge_no_item_and_say_why():
    stats = ia.analyse(shares(4), LESSON)
    assert all(s.flags == ["te weinig inzendingen om te beoordelen (n = 4, minstens 20)"] for s in stats)
    rows = ia.table(stats)
    assert all("te moeilijk" not in r["let op"] and "te weinig" in r["let op"] for r in rows)
    fig = ia.figure(stats, "Itemanalyse les 02 (n = 4)")
    assert "te weinig inzendingen" in fig.axes[0].get_title()
    plt.close(fig)


def test_from_twenty_hand_ins_items_are_judged():
    stats = ia.analyse(shares(30), LESSON)
    assert not any("te weinig" in f for s in stats for f in s.flags)
    fig = ia.figure(stats, "x")
    assert "te weinig" not in fig.axes[0].get_title()
    plt.close(fig)


def _overlaps(fig) -> list[tuple[str, str]]:
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text()]
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts]  # the label, not its line
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_labels_of_items_close_together_never_overlap():
    stats = [
        ia.ItemStats(f"i{k}", f"Toetsvraag {k}", 30, 0.50 + 0.004 * k, 0.10 + 0.003 * (k % 4)) for k in range(1, 13)
    ]
    fig = ia.figure(stats, "dicht bij elkaar")
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_text()]
    assert sorted(", ".join(labels).split(", ")) == sorted(f"V{k}" for k in range(1, 13))  # every item labelled
    assert _overlaps(fig) == []
    plt.close(fig)


def test_items_at_the_same_place_share_one_label():
    stats = [ia.ItemStats(f"i{k}", f"Toetsvraag {k}", 30, 1.0, None) for k in range(1, 5)]
    fig = ia.figure(stats, "allemaal goed")
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_text()]
    assert labels == ["V1, V2, V3, V4"]
    plt.close(fig)
