"""Generate a lesson's nbgrader source notebook from its one source: data, prose and key.

A lesson is three files:

- ``course/data/lessons/<lesson>.yaml``: items (exercises and the reflection), points, blocks;
- ``course/data/lessons/<lesson>.md``: the prose, with a directive line where a cell starts:
  ``<!-- cell: NAME -->`` starts a Markdown cell, ``<!-- show: ID -->`` puts item or block ``ID``
  there; in the prose ``{{points: toets}}`` (the automatically graded points), ``{{questions: toets}}`` (how many),
  ``{{points: ITEM}}``, ``{{rubric: ITEM}}`` (a reflection's rubric as a table), ``{{words: ITEM}}``
  (a reflection's length, "100 tot 200 woorden"; ``{{words: reflecties}}`` for all together) and
  ``{{scoring}}`` ("Zo tellen de punten" for the lesson's item types) are filled in; under a reflection's
  cell comes its word count;
- ``grading/keys/<lesson>.yaml``: the key of every automatically graded item.

Usage: ``python -m course.authoring.generate [--check] [LESSON ...]`` in the repository (``make lessons``,
``make lesson L=<lesson>``). It writes ``grading/source/<lesson>/<lesson>.ipynb``; with
``--check`` it writes nothing and exits 1 when a committed notebook differs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

from course import messages as msg
from course import rubric
from course.content import ContentError, graded_items, lesson_ids, load_lesson, prose_path
from course.keys import load_keys
from course.schemas import check_all, validate_lesson
from course.scoring import JUDGED_TYPES

DIRECTIVE = re.compile(r"^<!--\s*(?P<verb>[a-z]+)\s*:\s*(?P<arg>[A-Za-z0-9_]+)\s*-->\s*$")
TEACHES = re.compile(r"^<!--\s*teaches\s*:\s*(?P<ids>[A-Z][0-9](?:\s*,\s*[A-Z][0-9])*)\s*-->\s*$")
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[a-z]+)\s*(?::\s*(?P<arg>[a-z0-9_]+)\s*)?\}\}")
SETUP_ID = "setup"
NB_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def _nbgrader(
    grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = True, points: float | None = None
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def _markdown(grade_id: str, source: str, **nbgrader: Any) -> Any:
    cell = nbformat.v4.new_markdown_cell(source, id=grade_id)
    cell.metadata = {"nbgrader": _nbgrader(grade_id, **nbgrader)}
    return cell


def _code(grade_id: str, source: str, **nbgrader: Any) -> Any:
    cell = nbformat.v4.new_code_cell(source, id=grade_id)
    cell.metadata = {"jupyter": {"source_hidden": True}, "nbgrader": _nbgrader(grade_id, **nbgrader)}
    return cell


def parse_prose(text: str, where: str) -> list[tuple[str, str, str]]:
    """Return the prose as (verb, argument, markdown) parts: ``("cell", name, text)``,
    ``("show", id, "")`` or ``("teaches", concept id, name of the cell it is in)``, in order.
    A ``<!-- teaches: A1, A2 -->`` line says which concepts the cell teaches; it is not part of the
    cell's text. ContentError (naming the line) on text outside a cell, an unknown directive or an
    empty cell."""
    parts: list[tuple[str, str, str]] = []
    teaches: list[tuple[str, str, str]] = []
    lines: list[str] = []
    cell = None  # index in parts of the open Markdown cell

    def close() -> None:
        nonlocal cell
        if cell is not None:
            body = "\n".join(lines).strip("\n")
            if not body.strip():
                raise ContentError(f"{where}: cell {parts[cell][1]!r} is empty")
            parts[cell] = ("cell", parts[cell][1], body)
            parts[cell + 1 : cell + 1] = teaches
        teaches.clear()
        lines.clear()
        cell = None

    for n, line in enumerate(text.splitlines(), start=1):
        taught = TEACHES.match(line)
        if taught:
            if cell is None:
                raise ContentError(f"{where}:{n}: <!-- teaches: ... --> belongs inside a Markdown cell")
            teaches.extend(("teaches", cid.strip(), parts[cell][1]) for cid in taught["ids"].split(","))
            continue
        match = DIRECTIVE.match(line)
        if match is None:
            if line.lstrip().startswith("<!--") and any(v in line for v in ("cell", "show", "teaches")):
                raise ContentError(
                    f"{where}:{n}: not a directive; write <!-- cell: NAME -->, <!-- show: ID --> "
                    "or <!-- teaches: A1, A2 -->"
                )
            if line.strip() and cell is None:
                raise ContentError(f"{where}:{n}: text outside a cell; start it with <!-- cell: NAME -->")
            lines.append(line)
            continue
        verb, arg = match["verb"], match["arg"]
        if verb not in ("cell", "show"):
            raise ContentError(f"{where}:{n}: unknown directive {verb!r}; use 'cell' or 'show'")
        close()
        parts.append((verb, arg, ""))
        if verb == "cell":
            cell = len(parts) - 1
    close()
    if not parts or parts[0][0] != "cell":
        raise ContentError(f"{where}: the prose must start with a Markdown cell (the title and learning goals)")
    return parts


def _fill(text: str, lesson: dict[str, Any], where: str) -> str:
    """Fill in the ``{{points: ...}}`` and ``{{scoring}}`` placeholders of one Markdown cell."""

    def replace(match: re.Match[str]) -> str:
        name, arg = match["name"], match["arg"]
        if name == "points" and arg == "toets":
            return msg.points_label(sum(float(i["points"]) for i in graded_items(lesson)))
        if name == "questions" and arg == "toets":  # seventh walk: 'Toets (12 punten)' beside '1 van 9 toetsvragen'
            return msg.questions_label(len(graded_items(lesson)))
        if name == "points" and arg == "reflecties":
            return msg.points_label(sum(float(i["points"]) for i in graded_items(lesson, auto=False)))
        if name == "points" and arg in lesson["items"] and lesson["items"][arg]["mode"] == "graded":
            return msg.points_label(lesson["items"][arg]["points"])
        if name == "words" and arg == "reflecties":
            ranges = [i["words"] for i in graded_items(lesson, auto=False)]
            return msg.WORDS_RANGE.format(fewest=sum(r[0] for r in ranges), most=sum(r[1] for r in ranges))
        if name == "words" and arg in lesson["items"] and "words" in lesson["items"][arg]:
            fewest, most = lesson["items"][arg]["words"]
            return msg.WORDS_RANGE.format(fewest=fewest, most=most)
        if name == "rubric" and arg in lesson["items"] and "rubric" in lesson["items"][arg]:
            return rubric.markdown(lesson["items"][arg]["rubric"])
        if name == "scoring" and arg is None:
            kinds = [k for k in msg.SCORING_RULES if any(i["type"] == k for i in graded_items(lesson))]
            return "\n".join([msg.SCORING_HEAD, "", *(f"- {msg.SCORING_RULES[k]}" for k in kinds)])
        raise ContentError(
            f"{where}: unknown placeholder {match[0]!r}; use {{{{points: toets}}}}, {{{{questions: toets}}}}, "
            "{{points: reflecties}}, {{points: ITEM}}, {{rubric: ITEM}}, {{words: ITEM}}, {{words: reflecties}} "
            "or {{scoring}}"
        )

    return PLACEHOLDER.sub(replace, text)


def _show_call(lesson_id: str, block_id: str) -> str:
    return f'from course import show\nshow("{lesson_id}", "{block_id}")'


def _shown_cell(lesson_id: str, lesson: dict[str, Any], arg: str) -> Any:
    """A hidden cell that shows a block or a practice item, its first line in Dutch for the learner."""
    item = lesson["items"].get(arg)
    line = msg.CELL_LINE_BLOCK if item is None else msg.CELL_LINE_ITEM.format(label=item["label"])
    return _code(arg if item is None else f"widget_{arg}", f"{line}\n{_show_call(lesson_id, arg)}")


def _graded_cell(lesson_id: str, item: dict[str, Any], key: Any) -> Any:
    """One grade cell: the widget (visible) and its score from the key (hidden test)."""
    literal = json.dumps(key, ensure_ascii=False)
    source = "\n".join(
        [
            msg.CELL_LINE_GRADED.format(label=item["label"], points=msg.points_label(item["points"])),
            _show_call(lesson_id, item["id"]),
            "### BEGIN HIDDEN TESTS",
            "from course import grade",
            f'grade("{lesson_id}", "{item["id"]}", {literal})',
            "### END HIDDEN TESTS",
        ]
    )
    return _code(item["id"], source, grade=True, points=item["points"])


def build_notebook(lesson_id: str, grading_dir: Path) -> Any:
    """Return the nbgrader source notebook of ``lesson_id`` (ContentError on any problem)."""
    validate_lesson(lesson_id)
    lesson = load_lesson(lesson_id)
    keys = load_keys(lesson_id, grading_dir)
    where = f"course/data/lessons/{lesson_id}.md"
    try:
        prose = prose_path(lesson_id).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{where}: file not found (every lesson has its prose beside its data)") from None
    cells: list[Any] = []
    shown: set[str] = set()
    for verb, arg, body in parse_prose(prose, where):
        if verb == "teaches":
            continue
        if verb == "cell":
            text = _fill(body, lesson, f"{where} ({arg})")
            if not cells:  # the first cell carries the anchor the last cell links back to
                text = f'<a id="{msg.lesson_top_id(lesson_id)}"></a>\n\n{text}'
            cells.append(_markdown(arg, text))
            if len(cells) == 1:
                cells.append(
                    _code(
                        SETUP_ID,
                        f"{msg.CELL_LINE_SETUP}\n"  # open_lesson reports a problem with antwoorden.json, in Dutch
                        f'from course import open_lesson\nopen_lesson("{lesson_id}");',
                    )
                )
            continue
        if arg in shown:
            raise ContentError(f"{where}: {arg!r} is shown twice")
        shown.add(arg)
        item = lesson["items"].get(arg)
        if item is None and arg not in lesson["blocks"]:
            known = ", ".join([*lesson["items"], *lesson["blocks"]])
            raise ContentError(
                f"{where}: <!-- show: {arg} -->: no item or block {arg!r} in the lesson data; known: {known}"
            )
        if item is None or item["mode"] == "formative":
            cells.append(_shown_cell(lesson_id, lesson, arg))
        elif item["type"] == "reflection":
            cells.append(
                _markdown(
                    arg, msg.REFLECTION_PLACEHOLDER, grade=True, solution=True, locked=False, points=item["points"]
                )
            )
            # under it, the word count (a Markdown cell cannot count its own words)
            cells.append(_code(f"woorden_{arg}", f"{msg.CELL_LINE_WORDS}\n{_show_call(lesson_id, arg)}"))
        elif item["type"] in JUDGED_TYPES:
            cells.append(_graded_cell(lesson_id, item, keys[arg]))
        else:
            raise ContentError(
                f"{where}: graded {item['type']} item {arg!r}: not supported; use a reflection for work graded by hand"
            )
    cells.append(_markdown("einde", msg.LESSON_END.format(anchor=msg.lesson_top_id(lesson_id))))
    missing = [i for i in lesson["items"] if i not in shown]
    if missing:
        raise ContentError(f"{where}: item(s) {', '.join(missing)} of the lesson data are never shown")
    ids = [c.id for c in cells]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ContentError(f"{where}: cell name(s) {', '.join(dupes)} used twice (they become nbgrader grade ids)")
    nb = nbformat.v4.new_notebook(cells=cells, metadata=NB_METADATA)
    nbformat.validate(nb)
    return nb


def source_notebook(lesson_id: str, grading_dir: Path) -> Path:
    """Return the path of the generated source notebook of ``lesson_id``."""
    return grading_dir / "source" / lesson_id / f"{lesson_id}.ipynb"


def render(nb: Any) -> str:
    """Return the notebook as the exact text written to disk."""
    return nbformat.writes(nb) + "\n"


def generate(lesson_id: str, grading_dir: Path, check: bool = False) -> bool:
    """Write (or with ``check`` only compare) the source notebook; return whether it changed."""
    text = render(build_notebook(lesson_id, grading_dir))
    path = source_notebook(lesson_id, grading_dir)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        return False
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.authoring.generate", description=__doc__.split("\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson ids (default: every lesson in course/data/lessons)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a notebook differs")
    parser.add_argument("--grading", type=Path, default=Path("grading"), help="the nbgrader course folder")
    args = parser.parse_args(argv)
    if not (args.grading / "nbgrader_config.py").exists():
        print(
            f"Fout: {args.grading} is geen nbgrader-cursusmap (geen nbgrader_config.py). "
            "Start dit in de map van de cursus.",
            file=sys.stderr,
        )
        return 2
    try:
        check_all(args.lessons or None)
        changed = [lid for lid in (args.lessons or lesson_ids()) if generate(lid, args.grading, args.check)]
    except ContentError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    for lid in changed:
        print(f"{'Verschilt' if args.check else 'Gemaakt'}: {source_notebook(lid, args.grading)}")
    if not changed:
        print("Alle lessen zijn bij.")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
