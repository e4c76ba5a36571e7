"""The self-check "Controleer of alles is ingevuld": lists unanswered graded items and empty reflections,
never verdicts. Toets answers come from the answer file; a reflection is written in the notebook itself
(a Markdown cell that nbgrader collects), so the check reads the saved notebook beside the answer file
and says so: what the learner typed since the last save is not there yet."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from course import messages as msg
from course.display import Block
from course.learner_text import without_placeholder
from course.scoring import progress
from course.store import AnswerStore


def open_items(lesson: dict[str, Any], store: AnswerStore) -> list[tuple[str, int, int]]:
    """Return (label, parts answered, parts in total) of every graded item kept in the answer file."""
    return [
        (item["label"], *progress(item, store.get(item_id)))
        for item_id, item in lesson["items"].items()
        if item["mode"] == "graded" and item["type"] != "reflection"
    ]


def reflection_words(lesson: dict[str, Any], notebook: Path) -> list[tuple[str, int]] | None:
    """Return (label, words written) of every reflection, read from the saved ``notebook``; None when
    the notebook is not there or cannot be read. The course's placeholder counts as nothing written."""
    wanted = [(item_id, item["label"]) for item_id, item in lesson["items"].items() if item["type"] == "reflection"]
    if not wanted:
        return []
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        written = {}
        for cell in cells:
            grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            written[grade_id] = len(without_placeholder(source).split())
    except (OSError, ValueError, AttributeError):
        return None
    return [(label, written.get(item_id, 0)) for item_id, label in wanted]


class SelfCheck(Block):
    """A button that reports, for one lesson folder, which graded items and reflections are still open."""

    def __init__(self, lesson: dict[str, Any], store: AnswerStore):
        self.lesson = lesson
        self.store = store
        self.button = widgets.Button(
            description=msg.SELFCHECK_BUTTON,
            tooltip=msg.SELFCHECK_TOOLTIP,
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.report = widgets.HTML(value="")
        self.button.on_click(lambda _button: self.run())
        # The hand-in: a zip of the lesson folder as a download, in the browser edition and on a laptop alike (ninth
        # walk, high: on a laptop the obvious route, Bestand > Downloaden, gave the notebook without antwoorden.json)
        from course.learner.widgets.download import HandInDownload

        self.download = HandInDownload(store.path.parent, still_open=self._open_parts)
        self.widget = widgets.VBox([self.button, self.report, self.download.widget])

    @property
    def notebook(self) -> Path:
        return self.store.path.parent / f"{self.lesson['lesson']}.ipynb"

    def _open_parts(self) -> tuple[list[str], int]:
        """The open parts (the report's list) and how many of them are reflections, for the hand-in download."""
        _head, open_rows, _notes, reflections_open = self._parts()
        return open_rows, reflections_open

    def _report(self) -> tuple[str, list[str], list[str]]:
        """Return the head line, the open parts and the notes, from the answer file and the saved notebook."""
        return self._parts()[:3]

    def _parts(self) -> tuple[str, list[str], list[str], int]:
        """The report (head line, open parts, notes) and how many of the open parts are reflections."""
        self.store.reload()
        rows = open_items(self.lesson, self.store)
        open_rows = [f"{label} ({done} van {total})" if done else label for label, done, total in rows if done < total]
        reflections = reflection_words(self.lesson, self.notebook)
        notes: list[str] = []
        reflections_open = 0
        if reflections is None:
            notes.append(msg.SELFCHECK_NO_NOTEBOOK.format(name=self.notebook.name))
        elif reflections:
            # A reflection counts as done from the fewest words the lesson asks (the word count under it says
            # the same; issue 24: "ingevuld, je kunt inleveren" at 39 of at least 100 words).
            fewest = [i["words"][0] for i in self.lesson["items"].values() if i["type"] == "reflection"]
            for (label, words), least in zip(reflections, fewest):
                reflections_open += words < least
                if not words:
                    open_rows.append(msg.SELFCHECK_REFLECTION_EMPTY.format(label=label))
                elif words < least:
                    open_rows.append(msg.SELFCHECK_REFLECTION_SHORT.format(label=label, words=words, fewest=least))
                else:
                    notes.append(msg.SELFCHECK_REFLECTION_WORDS.format(label=label, words=words))
        if any(b.get("kind") == "my_conversation" for b in self.lesson.get("blocks", {}).values()):
            # the reflection's rubric asks for a conversation written in Mijn gesprek (issue 24)
            from course.model.my_conversation import STORE_KEY, from_saved

            turns = from_saved(self.store.get(STORE_KEY))[0]
            if not turns:
                open_rows.append(msg.SELFCHECK_MY_CONVERSATION_EMPTY)
            else:  # said, so that a learner sees it was looked at too (issue 24, fifth walk)
                notes.append(msg.SELFCHECK_MY_CONVERSATION_DONE.format(turns=msg.counted(len(turns), msg.TURNS)))
        if reflections:  # last: it is about all that was counted (thirteenth walk: Mijn gesprek came after it)
            notes.append(msg.SELFCHECK_SAVE_FIRST)
        if not rows and not reflections:
            return msg.SELFCHECK_NONE, [], notes, reflections_open
        done = len(rows) - sum(1 for _label, d, total in rows if d < total)
        if open_rows and done == len(rows):  # only a reflection (or Mijn gesprek) is still open
            return (
                msg.SELFCHECK_OPEN_REFLECTION.format(answered=msg.answered(len(rows))),
                open_rows,
                notes,
                reflections_open,
            )
        if open_rows:
            return msg.SELFCHECK_OPEN.format(done=done, total=len(rows)), open_rows, notes, reflections_open
        if reflections is None:  # every toets item answered; whether the reflection is, cannot be seen
            return msg.SELFCHECK_ITEMS_DONE.format(answered=msg.answered(len(rows))), [], notes, reflections_open
        if reflections:
            head = msg.SELFCHECK_ALL_REFLECTION if len(reflections) == 1 else msg.SELFCHECK_ALL_REFLECTIONS
            return head.format(answered=msg.answered(len(rows)), n=len(reflections)), [], notes, reflections_open
        return msg.SELFCHECK_ALL.format(answered=msg.answered(len(rows))), [], notes, reflections_open

    def run(self) -> str:
        """Fill in and return the report (HTML). The lesson is about to be handed in: its answer
        file gets the learner's name and number now (course/identity.py), if they were given."""
        try:
            self.store.stamp_identity()
        except OSError:
            pass  # the report below is what the learner asked for; the next saved answer carries them
        self.report.value = self.html()
        self.download.link.value = ""  # a zip made before this check may lack what the learner saved since
        return self.report.value

    def text(self) -> str:
        head, open_rows, notes = self._report()
        return "\n".join([head, *(f"- {row}" for row in open_rows), *notes])

    def html(self) -> str:
        head, open_rows, notes = self._report()
        items = "".join(f"<li>{html.escape(row)}</li>" for row in open_rows)
        after = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
        return html.escape(head) + (f"<ul>{items}</ul>" if items else "") + after
