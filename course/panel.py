"""A blind panel for the toets (issue 18): readers who never see a key answer the graded items, and
their answers are scored by the course's own judge (course/scoring.py).

    python -m course.panel blad [LES ...]            the items as a reader sees them: no key, no lesson
    python -m course.panel score ANTWOORDEN.json     points per reader and per item

The sheet lists each auto-graded item with its id, prompt and options (statements and categories,
steps), and says how to answer: a JSON object {item id: answer}, with an option id for a choice,
a list for multiselect and order, and {statement id: category id} for categorise and match. The
answers file holds {reader: {item id: answer}}; a reader who left an item out gets 0 for it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .item_checks import course_items, plain
from .scoring import points

HOW = """Beantwoord elke vraag zo goed als je kunt. Geef je antwoorden als één JSON-object:
{"<vraag-id>": <antwoord>, ...}. Een keuzevraag: de letter ("b"). Meer antwoorden: een lijst (["a", "c"]).
Volgorde: de ids van de stappen in jouw volgorde. Indelen of koppelen: {"<uitspraak-id>": "<categorie-id>"}."""


def sheet(lessons: list[str] | None = None) -> str:
    """The auto-graded items of ``lessons`` (default: all) as a reader sees them, keys left out."""
    out = [HOW, ""]
    for lid, item, _key in course_items():
        if lessons and lid not in lessons:
            continue
        out.append(f"### {item['id']} ({item['type']}, {item['points']} punt(en))")
        out.append(plain(item.get("prompt", "")))
        for part, label in (("options", "keuze"), ("statements", "uitspraak"), ("steps", "stap")):
            for entry in item.get(part, []):
                out.append(f"- {label} `{entry['id']}`: {plain(entry['text'])}")
        for category in item.get("categories", []):
            out.append(f"- categorie `{category['id']}`: {plain(category.get('label', category['id']))}")
        out.append("")
    return "\n".join(out)


def score(answers: dict[str, dict[str, Any]], lessons: list[str] | None = None) -> dict[str, Any]:
    """Points per reader (and share of the maximum) and per item, from the readers' answers."""
    rows = [(lid, item, key) for lid, item, key in course_items() if not lessons or lid in lessons]
    most = sum(float(item["points"]) for _, item, _ in rows)
    readers: dict[str, dict[str, Any]] = {}
    for reader, given in answers.items():
        per_item = {}
        for _, item, key in rows:
            answer = given.get(item["id"])
            try:
                per_item[item["id"]] = 0.0 if answer is None else float(points(item, answer, key))
            except (KeyError, TypeError, ValueError):  # an answer of the wrong shape earns nothing
                per_item[item["id"]] = 0.0
        total = sum(per_item.values())
        readers[reader] = {"punten": total, "van": most, "aandeel": total / most if most else 0.0, "items": per_item}
    return readers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.panel", description="Een blind panel voor de toets.")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    p = sub.add_parser("blad", help="de toetsvragen zonder sleutel")
    p.add_argument("lessen", nargs="*")
    p = sub.add_parser("score", help="punten per lezer en per vraag")
    p.add_argument("antwoorden", type=Path)
    p.add_argument("lessen", nargs="*")
    args = parser.parse_args(argv)
    if args.opdracht == "blad":
        print(sheet(args.lessen))
        return 0
    try:
        answers = json.loads(args.antwoorden.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"Fout: {args.antwoorden} is niet te lezen als JSON ({exc})", file=sys.stderr)
        return 2
    for reader, result in score(answers, args.lessen).items():
        print(f"{reader}: {result['punten']:.1f} van {result['van']:.0f} ({result['aandeel']:.0%})")
        for iid, got in result["items"].items():
            print(f"  {iid}: {got:g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
