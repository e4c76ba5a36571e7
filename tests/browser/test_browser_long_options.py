"""Issue 24 (a learner's walk): on a narrow notebook (a laptop with the file browser open) a long option
wrapped onto two lines inside a label one line high; the options ran into each other and a click on an
option's second line picked the next one, in a graded question. Every option's label must hold its own
text, and a click anywhere on it must pick that option."""

from __future__ import annotations

import pytest
from browser_page import screenshot_dir, shoot
from conftest import REPO
from notebook_driver import WIDGET_TIMEOUT, executed_lesson, exercise_box, item_cell

from course.content import load_lesson

LESSON = "03_de_ouder_achter_het_gedrag"
ITEMS = load_lesson(LESSON)["items"]
NARROW = {"width": 1000, "height": 768}  # about a 1366 px laptop's notebook with the file browser open


# The height of an element's text as laid out, overflow included.
TEXT_HEIGHT = (
    "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().height; }"
)


def _longest(kind):
    items = [i for i in ITEMS.values() if i["type"] == kind and i["mode"] == "graded"]
    return max(items, key=lambda i: max(len(o["text"]) for o in i["options"]))


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    with executed_lesson(tmp_path_factory.mktemp("long"), LESSON, viewport=NARROW) as executed:
        yield executed


@pytest.mark.parametrize("kind, control", [("choice", "radio"), ("multiselect", "checkbox")])
def test_a_long_option_wraps_inside_its_own_label_and_a_click_on_it_picks_it(lesson, tmp_path, kind, control):
    from playwright.sync_api import expect

    item = _longest(kind)
    with lesson.flow(tmp_path):
        cell = lesson.cell(item_cell(item))
        box = exercise_box(cell, item["label"])
        labels = box.locator("label").filter(has=lesson.page.locator(f'input[type="{control}"]'))
        expect(labels).to_have_count(len(item["options"]), timeout=WIDGET_TIMEOUT)
        labels.first.scroll_into_view_if_needed()
        lesson.page.wait_for_timeout(500)  # the notebook settles (JupyterLab renders cells as they scroll in)
        boxes = [labels.nth(n).bounding_box() for n in range(len(item["options"]))]
        # how tall each option's text is as drawn (it may overflow its label)
        texts = [labels.nth(n).evaluate(TEXT_HEIGHT) for n in range(len(item["options"]))]
        assert max(texts) > 30, f"no option wraps at {NARROW['width']} px: the test would prove nothing ({texts})"
        for bbox, text in zip(boxes, texts):
            assert bbox["height"] >= text - 1, f"an option's text ({text:.0f} px) overflows its label ({bbox})"
        for n in range(len(item["options"])):  # the circle or box stays in front of its text (the walk after the fix)
            where = labels.nth(n).locator(f'input[type="{control}"]').bounding_box()
            assert where["x"] <= boxes[n]["x"] + 8, (
                f"option {n + 1}: its {control} {where} is not in front ({boxes[n]})"
            )
        for upper, lower in zip(boxes, boxes[1:]):
            assert upper["y"] + upper["height"] <= lower["y"] + 1, f"labels overlap: {upper} / {lower}"
        for n in range(len(item["options"])):
            b = labels.nth(n).bounding_box()
            # the last line of the label's text: where a click used to land on the next option
            labels.nth(n).click(position={"x": b["width"] / 2, "y": b["height"] - 4})
            expect(labels.nth(n).locator(f'input[type="{control}"]')).to_be_checked(timeout=WIDGET_TIMEOUT)
        # the walk's after picture (assets/walk/na/, refreshed with OUDERS_ZIEN_SCREENSHOTS=1)
        shoot(lesson.page, box, screenshot_dir(REPO / "assets" / "walk" / "na", tmp_path) / f"lange-opties-{kind}.png")
