"""Playing a conversation to practise (course/learner/widgets/scenario.py) in the browser, by keyboard.

Not a test module: the lesson 05 and lesson 06 browser tests share it. :func:`play_by_keyboard`
chooses each option with Space and says it with Enter on "Zeg het", and checks what a learner
sees and hears after every step (the transcript line, the parent's reply read out as an alert,
the saved path in ``antwoorden.json``). :func:`check_ending` checks the end: the ending read out,
no options left, every turning point listed, the figure with its alt text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from answer_file import wait_for_answer
from notebook_driver import WIDGET_TIMEOUT, button

from course import messages as msg
from course.model.conversation import Conversation, Turn


class PlayedScenario:
    """The scenario box of one conversation in an executed lesson, with what has been said so far."""

    def __init__(self, page: Any, box: Any, conversation: Conversation, answer_file: Path):
        self.page, self.box, self.conversation, self.answer_file = page, box, conversation, answer_file
        you = page.locator("b", has_text=re.compile(rf"^{re.escape(msg.SCENARIO_YOU)}:$"))
        self.lines = box.locator(".widget-html p").filter(has=you)  # one "Jij: ... Ouder: ..." per step
        self.say = button(box, msg.SCENARIO_SAY)
        self.chosen: list[str] = []
        self.expected_lines: list[str] = []

    def expect_step(self, turn: Turn) -> None:
        """Step ``turn.number`` is asked: its counter and situation, and exactly its options."""
        from playwright.sync_api import expect

        node = self.conversation.nodes[turn.node]
        expect(self.box).to_contain_text(
            f"{msg.SCENARIO_STEP.format(n=turn.number)} — {node['situation']}", timeout=WIDGET_TIMEOUT
        )
        expect(self.box.get_by_role("radio")).to_have_count(len(node["options"]))

    def play_by_keyboard(self, turns: list[Turn]) -> None:
        """Say each turn's option by keyboard; after each, the reply is shown, read out and saved."""
        from playwright.sync_api import expect

        c = self.conversation
        for turn in turns:
            self.expect_step(turn)
            radio = self.box.get_by_role("radio", name=turn.option["text"], exact=True)
            radio.focus()
            self.page.keyboard.press("Space")
            expect(radio).to_be_checked()
            expect(self.say).to_be_enabled()
            self.say.focus()
            expect(self.say).to_be_focused()  # nothing (JupyterLab's cell focus) took it back
            self.page.keyboard.press("Enter")
            self.chosen.append(turn.option["id"])
            self.expected_lines.append(f"{msg.SCENARIO_YOU}: {turn.option['text']} {c.parent}: {turn.reply}")
            expect(self.lines).to_have_text(self.expected_lines, use_inner_text=True, timeout=WIDGET_TIMEOUT)
            expect(self.box.get_by_role("alert")).to_contain_text(f"{c.parent}: {turn.reply}", timeout=WIDGET_TIMEOUT)
            wait_for_answer(self.answer_file, c.id, self.chosen)

    def check_ending(self, turns: list[Turn]) -> Any:
        """The end of ``turns``: the ending read out, no options left, "Zeg het" off, every turning
        point listed, the learner's path above the article's, two images whose alt texts name the
        moves and the end state (one, and a sentence why, when the learner played the article's moves). Return the
        learner's image."""
        from playwright.sync_api import expect

        c = self.conversation
        ending = c.ending_text(turns, msg.SCENARIO_WHY_CLOSED)  # a closed door's names what kept it shut
        expect(self.box.get_by_role("alert")).to_contain_text(ending, timeout=WIDGET_TIMEOUT)
        for other in set(c.endings.values()) - {c.ending(turns)}:
            expect(self.box).not_to_contain_text(other.split("{why}")[0].strip())
        expect(self.box.get_by_role("radio")).to_have_count(0)
        expect(self.say).to_be_hidden()  # seventh walk: no blue button that does nothing
        points = c.turning_points(turns, msg.SCENARIO_TURNING)
        assert points, f"{c.id}: the played path has no turning point to show"
        for point in points:
            expect(self.box.get_by_role("listitem").filter(has_text=point)).to_have_count(1)
        article = c.play(c.article_path)
        images = []
        drawn = [(msg.SCENARIO_YOURS, turns), (c.comparison_label(msg), article)]
        if [t.move for t in turns] == [t.move for t in article]:  # eighth walk: not the same figure twice
            expect(self.box).to_contain_text(msg.SCENARIO_COMPARE_SAME.format(name=c.comparison_label(msg)))
            expect(self.box.get_by_role("img")).to_have_count(1)
            drawn = drawn[:1]
        for name, ts in drawn:
            end = ts[-1].state
            door = c.model.texts["door_open"] if end.door_open else c.model.texts["door_closed"]
            alt = msg.SCENARIO_ALT.format(
                name=name,
                # the names under the figure: each move as used there ("Toestemming vragen, te vroeg" before a no),
                # in the conversation's own words (opa)
                moves=", ".join(c.use_labels(c.states(ts))),
                safety=end.safety,
                trust=end.trust,
                door=door,
            )
            img = self.box.get_by_role("img", name=alt, exact=True)
            expect(img).to_have_count(1, timeout=WIDGET_TIMEOUT)
            img.scroll_into_view_if_needed()
            assert img.evaluate("i => i.complete && i.naturalWidth > 0"), f"the figure {name!r} did not load"
            images.append(img)
        yours = images[0]
        assert len(images) == 1 or yours.evaluate(
            "(a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)", images[1].element_handle()
        ), "the learner's conversation comes first"
        img = self.box.get_by_role("img", name=re.compile(rf"^{re.escape(msg.SCENARIO_YOURS)},"))
        return img

    def replay_from(self, step: int) -> None:
        """Choose "vanaf stap <step>" and press "Speel opnieuw" by keyboard: earlier steps stay."""
        from playwright.sync_api import expect

        self.box.get_by_role("combobox", name=msg.SCENARIO_REPLAY_FROM).select_option(
            label=msg.SCENARIO_STEP.format(n=step)
        )
        replay = button(self.box, msg.SCENARIO_REPLAY)
        replay.focus()
        expect(replay).to_be_focused()  # nothing (JupyterLab's cell focus) took it back
        self.page.keyboard.press("Enter")
        del self.chosen[step - 1 :], self.expected_lines[step - 1 :]
        expect(self.lines).to_have_text(self.expected_lines, use_inner_text=True, timeout=WIDGET_TIMEOUT)
        wait_for_answer(self.answer_file, self.conversation.id, self.chosen)
