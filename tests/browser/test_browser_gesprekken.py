"""End to end: the new conversations and Mijn gesprek in a learner's JupyterLab, by keyboard only.

A real ``jupyter lab`` on a copy of ``notebooks/06_tot_slot_en_nu``, opened in headless Chromium and
run once from the Dutch "Uitvoeren" menu (the module fixture); lesson 04's conversation is in
``test_browser_nee.py`` (one Playwright per module). Two flows:

* a new conversation to practise (``gesprek_weinig_nederlands``, a mother with little Dutch): a
  path on which the door opens and then closes is played by keyboard (each reply read out as an
  alert and saved); the ending, the turning points and the figure follow; the learner replays
  from the step where it closed and this time the door stays open.
* "Mijn gesprek": three turns typed and added by keyboard (the cursor goes back to the text box
  after each; the speaker switches; the detectors' proposal is pre-chosen, a turn without one is
  labelled with the arrow keys); the summary is a polite live region, the figure's alt text names
  the moves, ``antwoorden.json`` holds the turns; a new kernel restores them; "Weg" moves the focus
  to the row that took its place; "Alles wissen" asks once more before it clears.

Gallery: element screenshots go to ``assets/gallery/gesprek_weinig_nederlands.png`` and
``mijn_gesprek.png`` with env ``OUDERS_ZIEN_SCREENSHOTS=1``, else to the test's tmp dir. Needs
Chromium at /usr/bin/chromium: skipped without it, except on CI (env ``CI`` set).
"""

from __future__ import annotations

import re

import pytest
from answer_file import wait_for_answer
from browser_page import screenshot_dir, shoot
from conftest import REPO
from notebook_driver import WIDGET_TIMEOUT, button, executed_lesson, exercise_box, settle_widgets
from scenario_driver import PlayedScenario

from course import messages as msg
from course.content import load_lesson
from course.learner.widgets.my_conversation import MyConversation
from course.model.conversation import load_conversation
from course.model.my_conversation import ME, PARENT, STORE_KEY, propose
from course.model.trust_model import load_model
from course.store import AnswerStore

LESSON = "06_tot_slot_en_nu"
BLOCKS = load_lesson(LESSON)["blocks"]
CONVERSATION = load_conversation(BLOCKS["gesprek_weinig_nederlands"]["scenario"])
GALLERY = REPO / "assets" / "gallery"
MODEL = load_model()
VIEWPORT = {"width": 1400, "height": 1800}
# Mijn gesprek: (who, text, the move the learner ends up with). The first and last own turns are
# recognised by the detectors; the middle own turn is not, so the learner labels it by hand.
MINE = [
    (ME, "Hoe is het vandaag met jou?", "open_vraag_ouder"),
    (PARENT, "Druk. Ik sta er alleen voor deze week.", None),
    (ME, "Dat is veel, alleen.", "erkenning"),
    (PARENT, "Dank je.", None),
    (ME, "Zullen we samen kijken wat hem helpt?", "samen_kijken"),
]


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    with executed_lesson(tmp_path_factory.mktemp("browser-gesprekken"), LESSON, VIEWPORT) as executed:
        yield executed


@pytest.fixture
def gallery(tmp_path):
    return screenshot_dir(GALLERY, tmp_path / "gallery")


def _ids(turns) -> list[str]:
    return [t.option["id"] for t in turns]


def _opened_then_closed():
    """A path that starts like the article's, on which the door opens and later closes for good,
    and the step where it closed."""
    article = CONVERSATION.article_path
    for turns in CONVERSATION.paths():
        closed_at = next((t.number for t in turns if t.before.door_open and not t.state.door_open), None)
        if (
            closed_at
            and not turns[-1].state.door_open
            and any(t.state.door_open for t in turns)
            and _ids(turns)[: closed_at - 1] == article[: closed_at - 1]
        ):
            return turns, closed_at
    raise AssertionError(f"{CONVERSATION.id}: no path opens the door and then closes it")


def test_a_new_conversation_played_by_keyboard_and_replayed(lesson, tmp_path, gallery):
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        box = exercise_box(lesson.cell("gesprek_weinig_nederlands"), CONVERSATION.title)
        expect(box).to_have_count(1)
        played = PlayedScenario(lesson.page, box, CONVERSATION, lesson.answer_file)
        turns, closed_at = _opened_then_closed()
        played.play_by_keyboard(turns)
        img = played.check_ending(turns)
        # The turning points name both doors: where it opened and where it closed.
        points = CONVERSATION.turning_points(turns, msg.SCENARIO_TURNING)
        assert any(msg.SCENARIO_TURNING["opened"] in p for p in points)
        assert any(msg.SCENARIO_TURNING["closed"] in p for p in points)
        shoot(lesson.page, box, gallery / f"{CONVERSATION.id}.png")

        # Replay from the step where the door closed; this time follow the article: it stays open.
        played.replay_from(closed_at)
        expect(img).to_have_count(0)
        article = CONVERSATION.play(CONVERSATION.article_path)
        assert _ids(article)[: closed_at - 1] == played.chosen
        played.play_by_keyboard(article[closed_at - 1 :])
        assert article[-1].state.door_open
        played.check_ending(article)


def _row(box, n: int):
    """Row ``n`` (1-based) of Mijn gesprek: the turn's text, its move chooser, its Weg button."""
    return box.locator(".widget-hbox").filter(has=button(box.page, msg.MY_REMOVE)).nth(n - 1)


def _chooser(box, n: int, proposed: bool = False):
    """Turn ``n``'s move chooser; a proposal left as it came is labelled as the helper's (seventh walk)."""
    return box.get_by_role("combobox", name=(msg.MY_MOVE_PROPOSED if proposed else msg.MY_MOVE).format(n=n))


def _move_label(move: str) -> str:
    return ("+ " if MODEL.moves[move]["kind"] == "helpful" else "! ") + MODEL.moves[move]["label"]


def test_my_conversation_by_keyboard(lesson, tmp_path, gallery):
    from playwright.sync_api import expect

    with lesson.flow(tmp_path):
        page = lesson.page
        box = exercise_box(lesson.cell("mijn_gesprek"), msg.MY_TITLE)
        expect(box).to_have_count(1)
        expect(box).to_contain_text(msg.MY_PRIVACY)
        line = box.get_by_role("textbox")
        expect(line).to_have_count(1)
        add = button(box, msg.MY_ADD)
        status = box.get_by_role("status")
        expect(status).to_have_text(msg.MY_EMPTY)

        saved = []
        for n, (who, text, move) in enumerate(MINE, start=1):
            speaker = msg.MY_WHO_ME if who == ME else msg.MY_WHO_PARENT
            # The speaker switches by itself after each turn; the learner never has to touch it here.
            expect(button(box, speaker)).to_have_class(re.compile(r"\bmod-active\b"), timeout=WIDGET_TIMEOUT)
            line.focus()
            page.keyboard.type(text)
            settle_widgets(page)  # the kernel has the text before "Voeg beurt toe"
            page.keyboard.press("Tab")
            expect(add).to_be_focused()
            page.keyboard.press("Enter")
            expect(_row(box, n)).to_contain_text(f"{n}. {speaker}: {text}", timeout=WIDGET_TIMEOUT)
            expect(line).to_be_focused(timeout=WIDGET_TIMEOUT)  # ready for the next turn
            expect(line).to_have_value("")
            proposal = propose(text) if who == ME else None
            saved.append({"who": who, "text": text, "move": proposal, **({"chosen": False} if who == ME else {})})
            if who == ME:
                expect(_chooser(box, n, proposed=proposal is not None)).to_be_visible()
                if proposal is None:  # nothing recognised: the learner picks the move with the arrows
                    expect(_chooser(box, n)).to_have_value(msg.MY_NO_MOVE)
                    _chooser(box, n).focus()
                    target = _move_label(move)
                    for _ in range(len(MODEL.moves) + 1):
                        if _chooser(box, n).input_value() == target:
                            break
                        page.keyboard.press("ArrowDown")
                    saved[-1].update(move=move, chosen=True)
                chooser = _chooser(box, n, proposed=proposal is not None)
                expect(chooser).to_have_value(_move_label(move), timeout=WIDGET_TIMEOUT)
            else:
                expect(_chooser(box, n)).to_be_hidden()
            wait_for_answer(lesson.answer_file, STORE_KEY, {"turns": saved})

        assert any(propose(text) is None for who, text, _ in MINE if who == ME), "every own turn was proposed"
        own = [m for who, _, m in MINE if who == ME]
        expect(status).to_contain_text(
            f"{len(MINE)} beurten, waarvan {len(own)} van jou met een zet", timeout=WIDGET_TIMEOUT
        )
        alt = msg.MY_ALT.format(moves=", ".join(MODEL.moves[m]["label"] for m in own))
        img = box.get_by_role("img", name=alt, exact=True)
        expect(img).to_have_count(1, timeout=WIDGET_TIMEOUT)
        same = MyConversation(AnswerStore.in_folder(tmp_path / "same"), plot=False)  # the hints the widget gives
        for who, text, move in MINE:
            same.add(who, text)
            if who == ME and propose(text) is None:
                same.set_move(len(same.turns) - 1, move)
        for hint in same.hint_lines():
            expect(box.locator("p", has_text=hint)).to_have_count(1)
        shoot(page, box, gallery / "mijn_gesprek.png")

        # A new kernel restores the conversation from antwoorden.json, moves included.
        lesson.restart_and_run_all()
        box = exercise_box(lesson.cell("mijn_gesprek"), msg.MY_TITLE)
        for n, (who, text, move) in enumerate(MINE, start=1):
            speaker = msg.MY_WHO_ME if who == ME else msg.MY_WHO_PARENT
            expect(_row(box, n)).to_contain_text(f"{n}. {speaker}: {text}", timeout=WIDGET_TIMEOUT)
            if who == ME:
                expect(_chooser(box, n, proposed=propose(text) is not None)).to_have_value(_move_label(move))
        expect(box.get_by_role("img", name=alt, exact=True)).to_have_count(1)

        # "Weg" on turn 2: the focus goes to the Weg of the row that took its place.
        button(_row(box, 2), msg.MY_REMOVE).focus()
        page.keyboard.press("Enter")
        del saved[1]
        wait_for_answer(lesson.answer_file, STORE_KEY, {"turns": saved})
        expect(_row(box, 2)).to_contain_text(f"2. {msg.MY_WHO_ME}: {MINE[2][1]}", timeout=WIDGET_TIMEOUT)
        expect(button(_row(box, 2), msg.MY_REMOVE)).to_be_focused(timeout=WIDGET_TIMEOUT)

        # "Alles wissen" asks first (an alert, the button says so); a second Enter clears.
        clear = button(box, msg.MY_CLEAR)
        clear.focus()
        page.keyboard.press("Enter")
        expect(box.get_by_role("alert")).to_contain_text(
            msg.MY_CLEAR_ASK.format(turns=msg.counted(len(saved), msg.TURNS)), timeout=WIDGET_TIMEOUT
        )
        confirm = button(box, msg.MY_CLEAR_CONFIRM)
        expect(confirm).to_be_focused()
        wait_for_answer(lesson.answer_file, STORE_KEY, {"turns": saved})  # nothing lost yet
        page.keyboard.press("Enter")
        wait_for_answer(lesson.answer_file, STORE_KEY, {"turns": []})
        expect(status).to_have_text(msg.MY_EMPTY, timeout=WIDGET_TIMEOUT)
        expect(box.get_by_role("img")).to_have_count(0)


OVERFLOW = """() => Array.from(document.querySelectorAll('.oz-block')).filter(b => b.offsetParent !== null)
    .flatMap(b => [b, ...b.querySelectorAll('*')])
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.className} ${e.scrollWidth}>${e.clientWidth}`)"""


def test_no_block_scrolls_sideways(lesson, tmp_path):
    """Issue 24, third walk: the 'je eigen zin' boxes and Mijn gesprek had a horizontal scrollbar underneath ("it
    looks as if something is cut off")."""
    with lesson.flow(tmp_path):
        assert lesson.page.locator(".oz-block").count() >= 3
        sideways = lesson.page.evaluate(OVERFLOW)
        # and what a learner writes is in the lesson's font (fourth walk: Mijn gesprek's box was monospace)
        fonts = lesson.page.evaluate(
            "() => Array.from(document.querySelectorAll('.oz-block textarea, .oz-block input[type=text]'))"
            ".map(e => getComputedStyle(e).fontFamily)"
        )
    assert not sideways, sideways
    assert fonts and not [f for f in fonts if "mono" in f.lower()], fonts
