"""Issue 24: figures a learner can read at 1366x768: the caption once (below the image, not also inside it),
no text under 9 pt, two lines that lie on top of each other said in words, and the overview's headers in
two rows (what, then when) instead of six crowded ones."""

from __future__ import annotations

import re

import pytest
from matplotlib.text import Text

from course.figures import export as figures
from course.figures import trust_plots
from course.model.trust_model import load_model, run

MODEL = load_model()
MIN_POINTS = 9


def texts_of(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def words(text):
    return set(re.findall(r"[a-zà-ÿ]{4,}", text.lower()))


FIGURES = figures.all_figures()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_caption_is_said_once_below_the_image_not_again_inside_it(name):
    spec = FIGURES[name]
    caption = words(spec["caption"])
    fig = figures.draw(spec)
    echoed = [t.get_text() for t in texts_of(fig) if len(words(t.get_text()) & caption) >= 4]
    assert not echoed, f"{name}: the caption again inside the image: {echoed}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_text_in_a_lesson_figure_is_smaller_than_9_points(name):
    fig = figures.draw(FIGURES[name])
    fig.canvas.draw()  # tick labels exist once drawn
    small = sorted({(t.get_text()[:30], t.get_fontsize()) for t in texts_of(fig) if t.get_fontsize() < MIN_POINTS})
    assert not small, f"{name}: text under {MIN_POINTS} pt: {small[:6]}"


def test_the_conversation_widget_figure_has_no_text_under_9_points():
    plot, _ = trust_plots.conversation_output(None, run(MODEL.straight_sequence, MODEL), "titel", MODEL, "alt")
    plot.png()
    small = [
        (t.get_text()[:30], t.get_fontsize())
        for t in plot.figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_POINTS
    ]
    assert not small, small


def _coincide_label(ax):
    return [
        t.get_text() for t in ax.texts if t.get_visible() and MODEL.texts["both_lines"].split("{")[0] in t.get_text()
    ]


def test_two_lines_on_top_of_each_other_are_named_in_words():
    """In the straight run safety and trust are both 0 from the third step on: one line hides the other."""
    states = run(MODEL.straight_sequence, MODEL)
    assert sum(s.safety == s.trust for s in states) >= 2  # the case the learner met
    fig = trust_plots.article_versus_straight()
    straight = fig.axes[1]
    labels = _coincide_label(straight)
    assert labels == [MODEL.texts["both_lines"].format(value=states[-1].safety)], labels
    assert not _coincide_label(fig.axes[0])  # the article's run: the lines stay apart
    plot, _ = trust_plots.conversation_output(None, states, "titel", MODEL, "alt")  # the widgets too
    assert _coincide_label(plot.conversation.ax)
    trust_plots.conversation_output(plot, run(MODEL.article_sequence, MODEL), "titel", MODEL, "alt")
    assert not _coincide_label(plot.conversation.ax)  # redrawn in place: the label goes


def test_the_overview_names_each_moment_once_above_its_two_columns():
    fig = trust_plots.moves_overview()
    ax = fig.axes[0]
    heads = [t.get_text() for t in ax.get_xticklabels()]
    assert set(heads) == {MODEL.texts["safety"], MODEL.texts["trust"]}, heads
    shown = " ".join(t.get_text().replace("\n", " ") for t in texts_of(fig))
    for moment in (MODEL.texts["low"], MODEL.texts["high"], MODEL.texts["prepared"]):
        assert shown.count(" ".join(moment.split())) == 1, moment


def _overlaps(texts, renderer):
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]
    return [(a, b) for n, (a, box) in enumerate(boxes) for b, other in boxes[n + 1 :] if box.overlaps(other)]


def test_the_step_names_under_a_conversation_do_not_run_into_each_other():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = trust_plots.article_versus_straight()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    for ax in fig.axes:
        assert not _overlaps(ax.get_xticklabels(), renderer), [t.get_text() for t in ax.get_xticklabels()]
    for moves in (MODEL.article_sequence, MODEL.straight_sequence):
        plot, _ = trust_plots.conversation_output(None, run(moves, MODEL), "titel", MODEL, "alt")
        plot.png()
        assert not _overlaps(plot.conversation._labels, plot.canvas.get_renderer())


# A 1366x768 laptop shows about 600 px of a notebook under JupyterLab's bars; the overview of every move
# is a table read row by row and may scroll.
MAX_HEIGHT_PX = 600
MAY_SCROLL = {"zetten_overzicht"}


@pytest.mark.parametrize("name", sorted(set(FIGURES) - MAY_SCROLL))
def test_a_lesson_figure_fits_on_a_laptop_screen(name):
    fig = figures.draw(FIGURES[name])
    height = fig.get_figheight() * fig.dpi
    assert height <= MAX_HEIGHT_PX, f"{name}: {height:.0f} px tall"


def _coinciding_run(states, x):
    """The steps around ``x`` (a label's middle) where safety and trust are equal: the run the label names."""
    n = int(x)  # the middle of a run of even length lies between two steps
    assert states[n].safety == states[n].trust, (x, states)
    first, last = n, n
    while first > 0 and states[first - 1].safety == states[first - 1].trust:
        first -= 1
    while last + 1 < len(states) and states[last + 1].safety == states[last + 1].trust:
        last += 1
    return states[first : last + 1]


def test_the_coinciding_label_is_true_of_the_lines_under_it_on_every_path():
    """Walk 2026-12-02: 'veiligheid en vertrouwen allebei 1' above two lines that went from 1 down to 0. On every
    path of every conversation, a named value is the value of both lines at every step of the run under the label,
    and the label stands above the run."""
    from matplotlib.figure import Figure

    from course.model.conversation import conversation_ids, load_conversation

    drawn = trust_plots.ConversationAxes(Figure().subplots(), MODEL)  # the widget's figure, without its PNG
    checked = 0
    for cid in conversation_ids():
        conversation = load_conversation(cid)
        for turns in conversation.paths():
            states = conversation.states(turns)
            drawn.show(states, "titel")
            both = drawn.both
            if not both.get_visible():
                assert not any(a.safety == a.trust and b.safety == b.trust for a, b in zip(states, states[1:])), states
                continue
            x, y = both.get_position()
            run_ = _coinciding_run(states, x)
            assert len(run_) >= 2
            values = {s.safety for s in run_}
            if len(values) == 1:
                assert both.get_text() == MODEL.texts["both_lines"].format(value=values.pop()), (cid, states)
            else:
                assert both.get_text() == MODEL.texts["both_equal"], (cid, states, both.get_text())
            assert y > max(s.safety for s in run_), (cid, states, y)
            checked += 1
    assert checked > 100, checked
