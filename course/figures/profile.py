"""The course profile (lesson 06): per lesson what the learner did, from their own answer files.

Other lessons are sibling folders (``../<id>/antwoorden.json``), only read: a corrupt file is reported
in Dutch, not moved, and counts as unanswered. Practice is judged with its formative key; graded items
are only counted as answered (the learner has no key, nor has this module). Lesson 00 is left out."""

from __future__ import annotations

import html
from dataclasses import dataclass
from operator import ge
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course import messages as msg
from course.content import ContentError, lesson_ids, load_lesson
from course.display import Block
from course.scoring import JUDGED_TYPES, formative_key, judge, progress
from course.store import STORE_NAME, AnswerStore

if TYPE_CHECKING:  # matplotlib is imported only when the profile is drawn
    from matplotlib.figure import Figure

SKIPPED = ("00_start",)
STYLES = (("#0072B2", ""), ("#E69F00", "//"), ("#009E73", ".."))  # Okabe-Ito colours, and patterns
HEAD = (msg.PROFILE_LESSON, msg.PROFILE_PRACTICE_ANSWERED, msg.PROFILE_PRACTICE_RIGHT, msg.PROFILE_TOETS_ANSWERED)


@dataclass(frozen=True)
class LessonProfile:
    """What the learner did in one lesson. Reflections and open-text practice are not counted."""

    lesson: str
    title: str
    practice_total: int = 0
    practice_answered: int = 0
    practice_right: int = 0
    toets_total: int = 0
    toets_answered: int = 0
    problem: str | None = None  # Dutch notice when the answer file could not be read

    label = property(lambda self: f"{self.lesson[:2]} · {self.title}")
    answered = property(lambda self: bool(self.practice_answered or self.toets_answered))

    def counts(self) -> list[tuple[int, int]]:  # (done, total): practice answered, right; toets answered
        return [
            (self.practice_answered, self.practice_total),
            (self.practice_right, self.practice_total),
            (self.toets_answered, self.toets_total),
        ]


def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


def _right(item: dict[str, Any], answer: Any) -> bool:
    try:
        return judge(item, answer, formative_key(item)).correct
    except (TypeError, ValueError, StopIteration):  # a malformed answer, or an item without a key
        return False


def lesson_profile(lesson_id: str, folder: str | Path) -> LessonProfile:
    """Return the profile of ``lesson_id`` from the answer file in ``folder`` (read only)."""
    lesson = load_lesson(lesson_id)
    store = AnswerStore(path=Path(folder) / STORE_NAME, read_only=True)  # read only: never set aside
    try:
        store.reload()
    except OSError:  # unreadable: permissions, a folder named antwoorden.json, ...
        store.notices.append("onleesbaar")
    problem = msg.PROFILE_CORRUPT.format(lesson=lesson_id[:2]) if store.notices else None
    answers = {} if problem else store.answers()
    judged = [i for i in lesson["items"].values() if i["type"] in JUDGED_TYPES]
    practice, toets = ([i for i in judged if i["mode"] == mode] for mode in ("formative", "graded"))
    done = [sum(ge(*progress(i, answers.get(i["id"]))) for i in items) for items in (practice, toets)]  # all parts
    right = sum(_right(i, answers[i["id"]]) for i in practice if i["id"] in answers)
    return LessonProfile(lesson_id, lesson["title"], len(practice), done[0], right, len(toets), done[1], problem)


def course_profile(folder: str | Path, current: str | None = None) -> list[LessonProfile]:
    """Return the profiles; ``folder`` holds lesson ``current``, the others are its siblings."""
    rows = []
    for lid in (lid for lid in lesson_ids() if lid not in SKIPPED):
        try:
            rows.append(lesson_profile(lid, Path(folder) if lid == current else Path(folder).parent / lid))
        except ContentError:
            continue
    return rows


def messages(rows: list[LessonProfile]) -> list[tuple[bool, str]]:
    """Return (is a warning, Dutch text) above the profile: corrupt files, lessons without answers."""
    notes = [(True, r.problem) for r in rows if r.problem]
    empty = [r.lesson[:2] for r in rows if not r.answered]
    if empty:
        template = msg.PROFILE_EMPTY if len(empty) == len(rows) else msg.PROFILE_SOME_EMPTY
        notes.append((False, template.format(lessons=msg.join_and(empty))))
    return notes


def cells(row: LessonProfile) -> list[str]:
    return [
        msg.PROFILE_CELL.format(done=d, total=t, percent=percent(d, t)) if t else msg.PROFILE_NO_ITEMS
        for d, t in row.counts()
    ]


def alt_text(rows: list[LessonProfile]) -> str:
    """The alt text of the figure, generated from the numbers."""
    parts = [msg.PROFILE_ALT_ROW.format(lesson=r.label, pa=a, pr=b, ta=c) for r in rows for a, b, c in [cells(r)]]
    return msg.PROFILE_ALT.format(rows=" ".join(parts))


def draw_profile(rows: list[LessonProfile]) -> Figure:
    """Return a matplotlib figure: per lesson a group of three horizontal bars (shares, 0-100 %)."""
    from course.figures.plots import plt

    fig, ax = plt.subplots(figsize=(8, 1.8 + 0.9 * len(rows)), dpi=100)
    for k, (name, (colour, hatch)) in enumerate(zip(HEAD[1:], STYLES)):
        shares = [percent(*r.counts()[k]) for r in rows]
        bars = ax.barh(
            [n + (k - 1) * 0.27 for n in range(len(rows))],
            shares,
            height=0.25,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.5,
            label=name,
        )
        ax.bar_label(bars, labels=[f"{s} %" for s in shares], padding=2, fontsize=8)
    ax.set(
        xlim=(0, 112),
        xticks=range(0, 101, 25),
        xlabel=msg.PROFILE_XLABEL,
        title=msg.PROFILE_TITLE,
        yticks=range(len(rows)),
        yticklabels=[r.label for r in rows],
        ylim=(len(rows) - 0.5, -0.5),
    )  # 1st on top
    fig.legend(loc="lower center", ncol=3, fontsize=9, frameon=False)  # below the axes
    fig.tight_layout(rect=(0, 0.45 / fig.get_figheight(), 1, 1))
    return fig


class ProfileBlock(Block):
    """The course profile: a figure and the same numbers as a table, read afresh on every display and on a click
    of its button (issue 24, fourth walk: to rerun the cell a learner clicked its grey bar and the code unfolded)."""

    def __init__(self, folder: str | Path, current: str | None = None):
        import ipywidgets as widgets

        self.folder, self.current = Path(folder), current
        self.page = widgets.HTML()
        self.refresh_button = widgets.Button(
            description=msg.PROFILE_REFRESH, tooltip=msg.PROFILE_REFRESH_TOOLTIP, layout=widgets.Layout(width="auto")
        )
        self.refresh_button.on_click(lambda _button: self.refresh())
        self.widget = widgets.VBox([self.refresh_button, self.page])

    def refresh(self) -> str:
        """Read every lesson's answers again and show the profile; return its HTML."""
        self.page.value = self.html()
        return self.page.value

    def bundle(self, live: bool = True) -> dict[str, Any]:
        if live:
            self.refresh()
        return super().bundle(live)

    def text(self) -> str:
        rows = course_profile(self.folder, self.current)
        table = [" | ".join(HEAD)] + [" | ".join([r.label, *cells(r)]) for r in rows]
        return "\n".join([n for _, n in messages(rows)] + [msg.PROFILE_TITLE, *table, msg.PROFILE_NOTE])

    def html(self) -> str:
        rows, esc = course_profile(self.folder, self.current), html.escape
        notes = "".join(f'<p role="alert">⚠ {esc(n)}</p>' if warn else f"<p>{esc(n)}</p>" for warn, n in messages(rows))
        figure = ""
        if any(r.answered for r in rows):  # no figure of empty bars
            from course.figures.plots import figure_html

            figure = figure_html(draw_profile(rows), alt_text(rows), msg.PROFILE_CAPTION)
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in HEAD)
        body = "".join(
            f'<tr><th scope="row">{esc(r.label)}</th>' + "".join(f"<td>{esc(c)}</td>" for c in cells(r)) + "</tr>"
            for r in rows
        )
        return (
            f'<div role="region" aria-label="{esc(msg.PROFILE_TITLE)}">{notes}{figure}<table><caption>'
            f"{esc(msg.PROFILE_TITLE)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p><small>{esc(msg.PROFILE_NOTE)}</small></p></div>"
        )
