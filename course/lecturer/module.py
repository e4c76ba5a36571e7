"""The module frame for lecturers (course/data/module.yaml): outcomes, study load, assessment plan.

``python -m course.lecturer.module`` prints the frame as Markdown (docs/module.md holds the same
text; a test keeps them equal). The cijfer: :func:`cijfer` turns a weighted score into a Dutch 1-10
with the stated cesuur; :mod:`course.lecturer.cijfers` applies it to an nbgrader gradebook.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from course.content import DATA_DIR, ContentError, graded_items, lesson_ids, load_lesson, read_yaml
from course.messages import number

PARTS = ("toets", "reflectie")


def load_module() -> dict[str, Any]:
    """Return the module frame, checked: known lessons, every lesson listed, weights adding up to 100."""
    where = "course/data/module.yaml"
    data = read_yaml(DATA_DIR / "module.yaml")
    listed = [entry["id"] for entry in data["lessons"]]
    if sorted(listed) != lesson_ids():
        raise ContentError(f"{where}: lessons: {listed} differs from the lessons of the course {lesson_ids()}")
    total = sum(entry["weight"][part] for entry in data["lessons"] for part in PARTS)
    if total != 100:
        raise ContentError(f"{where}: the weights add up to {total}, not 100")
    for entry in data["lessons"]:
        if not points(entry["id"])["reflectie"] and entry["weight"]["reflectie"]:
            raise ContentError(f"{where}: {entry['id']}: a weight for a reflection the lesson does not have")
    cesuur = data["assessment"]["cesuur"]
    if not 0 < cesuur < 100:
        raise ContentError(f"{where}: assessment.cesuur must lie between 0 and 100, found {cesuur}")
    return data


def points(lesson_id: str) -> dict[str, float]:
    """Return the lesson's maximum points: {"toets": automatically graded, "reflectie": by hand}."""
    lesson = load_lesson(lesson_id)
    return {
        "toets": sum(float(i["points"]) for i in graded_items(lesson)),
        "reflectie": sum(float(i["points"]) for i in graded_items(lesson, auto=False)),
    }


def cijfer(percent: float, cesuur: float, step: float = 0.1) -> float:
    """Return the Dutch 1-10 cijfer of a weighted score ``percent`` (0-100).

    Two straight lines meet at the cesuur: 0 % gives 1.0, the cesuur gives 5.5, 100 % gives 10.0.
    Rounded half up to ``step`` (so 5.45 becomes 5.5).
    """
    if not 0 <= percent <= 100:
        raise ValueError(f"a score lies between 0 and 100 %, got {percent}")
    if percent < cesuur:
        raw = 1 + 4.5 * percent / cesuur
    else:
        raw = 5.5 + 4.5 * (percent - cesuur) / (100 - cesuur)
    q = Decimal(str(step))
    return float((Decimal(repr(raw)) / q).quantize(Decimal(1), rounding=ROUND_HALF_UP) * q)


def study_load(data: dict[str, Any]) -> tuple[int, int]:
    """Return (minutes of the lessons, hours of contact time)."""
    return sum(e["study_minutes"] for e in data["lessons"]), data["contact_hours"]


def markdown(data: dict[str, Any] | None = None) -> str:
    """Return the frame as Dutch Markdown for docs/module.md."""
    data = data or load_module()
    a = data["assessment"]
    minutes, contact = study_load(data)
    lines = ["**Leeruitkomsten.** Na de module:", ""]
    lines += [f"{n}. {outcome}" for n, outcome in enumerate(data["learning_outcomes"], start=1)]
    lines += [
        "",
        f"**Studielast.** Lessen samen ongeveer {minutes} minuten (zo'n {round(minutes / 60)} uur: lezen, oefenen, "
        f"de toets en de reflecties), plus {contact} uur contacttijd (bijeenkomsten met rollenspel en intervisie). "
        "De studietijd per les is een schatting uit wat een les vraagt (`python -m course.authoring.study_time`), "
        "getoetst aan proefrondes waarin een tester elke les als student doorliep, met de klok erbij "
        "(elke les minstens vier keer; de tijden staan in course/data/study_time.yaml).",
        "",
        "**Toetsplan.** Het eindcijfer komt uit alle lessen samen. Per les telt de toets (automatisch "
        "nagekeken) en de reflectie (door jou nagekeken) mee met dit gewicht:",
        "",
        "| les | studietijd | toets: punten | toets: gewicht | reflectie: punten | reflectie: gewicht |",
        "|---|---|---|---|---|---|",
    ]
    for entry in data["lessons"]:
        p, w = points(entry["id"]), entry["weight"]
        title = load_lesson(entry["id"])["title"]
        lines.append(
            f"| {entry['id'][:2]} {title} | {entry['study_minutes']} min | {number(p['toets'])} | "
            f"{w['toets']} % | {number(p['reflectie'])} | {w['reflectie']} % |"
        )
    lines += [
        "",
        f"Per deel telt je score als deel van de punten (bijvoorbeeld 6 van 12 punten = 50 %), maal het "
        f"gewicht. Opgeteld geeft dat een score van 0 tot 100 %. De **cesuur** ligt op {a['cesuur']} %: "
        f"die score geeft een 5,5. Daaronder loopt het cijfer recht op van 1,0 (0 %) naar 5,5; daarboven "
        f"van 5,5 naar 10,0 (100 %). Het cijfer wordt afgerond op één decimaal. Elke les krijgt ook een eigen "
        f"cijfer, met dezelfde regel. Zolang niet alle lessen in het cijferboek staan of er nog reflecties "
        f"wachten, is het eindcijfer **voorlopig**: het telt dan alleen de lessen tot nu toe.",
        "",
        f"**Geslaagd.** {' '.join(a['pass'].split())}",
        "",
        f"**Herkansing.** {' '.join(a['resit'].split())}",
        "",
        "**Per les: wat doe je in de bijeenkomst?**",
        "",
    ]
    for entry in data["lessons"]:
        lines.append(f"- **{entry['id'][:2]} {load_lesson(entry['id'])['title']}.** {' '.join(entry['note'].split())}")
    return "\n".join(lines)


def main() -> int:
    try:
        print(markdown())
    except ContentError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
