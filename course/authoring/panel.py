"""A blind panel for the toets (issue 18): readers who never see a key answer the graded items, and
their answers are scored by the course's own judge (course/scoring.py).

    python -m course.authoring.panel blad [LES ...]            the items as a reader sees them: no key, no lesson
    python -m course.authoring.panel score ANTWOORDEN.json     points per reader and per item

The sheet lists each auto-graded item with its prompt and options (statements and categories,
steps), and says how to answer: a JSON object {vraag: answer}, with an option letter for a choice,
a list for multiselect and order, and {statement: category} for categorise and match. A learner
never sees the course's ids, and they tell (``t_toets_mildheid`` names the item's topic, a
category id ``rol`` its label), so the sheet numbers everything instead: items ``v1``, ``v2``, ...,
statements ``u1``, ..., categories ``A``, ``B``, ..., steps ``s1``, ...; option letters stay. The
answers file holds {reader: {vraag: answer}} in those numbers (the course's own ids are accepted
too); a reader who left an item out gets 0 for it.

A panel's record (``benchmarks/panel/*.json``) also says which lessons were asked, at which commit,
and what kind of reader each was, so ``score`` can print the mean per kind::

    {"lessen": [...], "commit": "...", "lezers": {"t1": {"soort": "toetsslim", "antwoorden": {...}}, ...}}

``toetsslim`` readers saw only the sheet; ``voorbereid`` readers studied the lessons (and the two
texts) first. Score a record at its commit: the numbers follow the items of that commit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from course.authoring.item_checks import course_items, plain
from course.scoring import points

HOW = """Beantwoord elke vraag zo goed als je kunt. Geef je antwoorden als één JSON-object:
{"<vraag>": <antwoord>, ...}, bijvoorbeeld {"v1": "b"}. Een keuzevraag: de letter ("b"). Meer antwoorden: een
lijst (["a", "c"]). Volgorde: de stappen in jouw volgorde (["s2", "s1", ...]). Indelen of koppelen:
{"<uitspraak>": "<categorie>"} ({"u1": "A", ...})."""

PART_PREFIX = {"statements": "u", "steps": "s"}


def _aliases(item: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per part, the sheet's neutral name -> the course's id (options keep their letters)."""
    names = {
        part: {f"{prefix}{n}": e["id"] for n, e in enumerate(item.get(part, []), 1)}
        for part, prefix in PART_PREFIX.items()
    }
    names["categories"] = {chr(ord("A") + n): c["id"] for n, c in enumerate(item.get("categories", []))}
    return names


def _rows(lessons: list[str] | None) -> list[tuple[str, dict[str, Any], Any]]:
    """(neutral item name, item, key) of the auto-graded items of ``lessons`` (default: all)."""
    rows = [(item, key) for lid, item, key in course_items() if not lessons or lid in lessons]
    return [(f"v{n}", item, key) for n, (item, key) in enumerate(rows, 1)]


def sheet(lessons: list[str] | None = None, part: tuple[int, int] = (1, 1)) -> str:
    """The auto-graded items of ``lessons`` (default: all) as a reader sees them: neutral names, no key.

    ``part`` (k, n) gives the k-th of n parts, about equal in items, each with the instructions and the
    items' numbers of the whole sheet. A whole sheet of the course is over 30,000 characters: a helper
    session's tool cuts such output in the middle (panel round 5: its readers never saw v20-v23)."""
    k, n = part
    if not 1 <= k <= n:
        raise ValueError(f"deel {k} van {n} bestaat niet")
    rows = _rows(lessons)
    size = -(-len(rows) // n)
    out = (
        [HOW, ""]
        if n == 1
        else [
            HOW,
            "",
            f"(Deel {k} van {n}: vraag {rows[(k - 1) * size][0]} tot en met {rows[min(k * size, len(rows)) - 1][0]}.)",
            "",
        ]
    )
    for name, item, _key in rows[(k - 1) * size : k * size]:
        names = {part: {v: k for k, v in m.items()} for part, m in _aliases(item).items()}
        out.append(f"### {name} ({item['type']}, {item['points']} punt(en))")
        out.append(plain(item.get("prompt", "")))
        for entry in item.get("options", []):
            out.append(f"- keuze `{entry['id']}`: {plain(entry['text'])}")
        for kind, label in (("statements", "uitspraak"), ("steps", "stap")):
            for entry in item.get(kind, []):
                out.append(f"- {label} `{names[kind][entry['id']]}`: {plain(entry['text'])}")
        for category in item.get("categories", []):
            label = plain(category.get("label", category["id"]))
            out.append(f"- categorie `{names['categories'][category['id']]}`: {label}")
        out.append("")
    return "\n".join(out)


def _translate(item: dict[str, Any], answer: Any) -> Any:
    """A reader's answer in the sheet's names, in the course's ids (ids given as such stay)."""
    names = _aliases(item)
    if item["type"] == "order" and isinstance(answer, list):
        return [names["steps"].get(s, s) if isinstance(s, str) else s for s in answer]
    if item["type"] in ("categorise", "match") and isinstance(answer, dict):
        return {
            names["statements"].get(s, s): names["categories"].get(c, c) if isinstance(c, str) else c
            for s, c in answer.items()
        }
    return answer


def score(answers: dict[str, dict[str, Any]], lessons: list[str] | None = None) -> dict[str, Any]:
    """Points per reader (and share of the maximum) and per item, from the readers' answers."""
    rows = _rows(lessons)
    most = sum(float(item["points"]) for _, item, _ in rows)
    readers: dict[str, dict[str, Any]] = {}
    for reader, given in answers.items():
        per_item = {}
        for name, item, key in rows:
            answer = given.get(name, given.get(item["id"]))
            try:
                answer = _translate(item, answer)
                per_item[item["id"]] = 0.0 if answer is None else float(points(item, answer, key))
            except (KeyError, TypeError, ValueError):  # an answer of the wrong shape earns nothing
                per_item[item["id"]] = 0.0
        total = sum(per_item.values())
        readers[reader] = {"punten": total, "van": most, "aandeel": total / most if most else 0.0, "items": per_item}
    return readers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.authoring.panel", description="Een blind panel voor de toets."
    )
    sub = parser.add_subparsers(dest="opdracht", required=True)
    p = sub.add_parser("blad", help="de toetsvragen zonder sleutel")
    p.add_argument("lessen", nargs="*")
    p.add_argument(
        "--deel",
        default="1/1",
        metavar="K/N",
        help="alleen deel K van N (bijvoorbeeld 1/2): korter, met de nummers van het hele blad",
    )
    p = sub.add_parser("score", help="punten per lezer en per vraag")
    p.add_argument("antwoorden", type=Path)
    p.add_argument("lessen", nargs="*")
    args = parser.parse_args(argv)
    if args.opdracht == "blad":
        try:
            k, n = (int(x) for x in args.deel.split("/"))
            print(sheet(args.lessen, (k, n)))
        except ValueError as exc:
            print(f"Fout: --deel {args.deel}: geef K/N, bijvoorbeeld 1/2 ({exc})", file=sys.stderr)
            return 2
        return 0
    try:
        answers, lessons, kinds = read_answers(args.antwoorden)
    except (OSError, ValueError) as exc:
        print(f"Fout: {args.antwoorden} is niet te lezen ({exc})", file=sys.stderr)
        return 2
    results = score(answers, args.lessen or lessons)
    for reader, result in results.items():
        print(f"{reader}: {result['punten']:.1f} van {result['van']:.0f} ({result['aandeel']:.0%})")
        for iid, got in result["items"].items():
            print(f"  {iid}: {got:g}")
    for kind in sorted(set(kinds.values())):
        shares = [results[r]["aandeel"] for r, k in kinds.items() if k == kind]
        print(f"{kind} ({len(shares)} lezers): gemiddeld {sum(shares) / len(shares):.0%}")
    return 0


KINDS = ("toetsslim", "voorbereid")


def read_answers(path: Path) -> tuple[dict[str, dict[str, Any]], list[str] | None, dict[str, str]]:
    """(answers per reader, lessons asked or None, kind per reader) from a plain answers file or a
    panel record. Raises ValueError, in Dutch, for a file of another shape."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("verwacht een JSON-object")
    if "lezers" not in data:
        return data, None, {}
    answers, kinds = {}, {}
    for reader, entry in data["lezers"].items():
        if not (isinstance(entry, dict) and entry.get("soort") in KINDS and isinstance(entry.get("antwoorden"), dict)):
            raise ValueError(f"lezer {reader!r}: verwacht 'soort' ({' of '.join(KINDS)}) en 'antwoorden'")
        answers[reader], kinds[reader] = entry["antwoorden"], entry["soort"]
    lessons = data.get("lessen")
    return answers, list(lessons) if lessons else None, kinds


if __name__ == "__main__":
    raise SystemExit(main())
