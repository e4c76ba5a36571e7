"""JSON Schema checks of the data files: run by the tests and the lesson generator, never at kernel start.

jsonschema is slow to import (about 0.2 s, far more with its optional format checkers), so the
loaders in :mod:`course.content` do not use it; this module does, for authors and CI.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from course.content import DATA_DIR, ContentError, _display_path, lesson_ids, lesson_path, read_yaml

SCHEMA_DIR = DATA_DIR / "schema"
# data file (relative to course/data) -> schema file, besides the lessons
FILES = {
    "concepts.yaml": "concepts.schema.json",
    "trust_model.yaml": "trust_model.schema.json",
}
CONVERSATION_SCHEMA = "conversation.schema.json"  # every file in course/data/conversations/


@cache
def _schema(name: str) -> dict[str, Any]:
    with open(SCHEMA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def _field(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".") or "(top level)"


def validate(data: Any, schema_name: str, source: Path) -> None:
    """Raise ContentError naming ``source`` and the first invalid field when ``data`` fails."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        err = errors[0]
        raise ContentError(f"{_display_path(source)}: {_field(err.absolute_path)}: {err.message}")


def validate_lesson(lesson_id: str, path: Path | None = None) -> None:
    """Check a lesson's data file against the lesson schema (ContentError when it fails)."""
    path = path or lesson_path(lesson_id)
    validate(read_yaml(path), "lesson.schema.json", path)


def check_all(lessons: list[str] | None = None) -> list[str]:
    """Validate every data file of the course (or, with ``lessons``, the shared files and those
    lessons); return the files checked (ContentError on the first problem). Item ids must also be
    unique across the course (answer files are per lesson, but lecturers' reports name items
    without their lesson)."""
    from course import rubric
    from course.content import load_lesson

    checked = []
    for name, schema in FILES.items():
        validate(read_yaml(DATA_DIR / name), schema, DATA_DIR / name)
        checked.append(name)
    for path in sorted((DATA_DIR / "conversations").glob("*.yaml")):
        validate(read_yaml(path), CONVERSATION_SCHEMA, path)
        checked.append(f"conversations/{path.name}")
    owner: dict[str, str] = {}
    for lid in lessons or lesson_ids():
        validate_lesson(lid)
        rubric.check(load_lesson(lid), f"lessons/{lid}.yaml")
        for item_id in load_lesson(lid)["items"]:
            if item_id in owner:
                raise ContentError(
                    f"item id {item_id!r} is used in lessons {owner[item_id]} and {lid}; "
                    "item ids must be unique across the course"
                )
            owner[item_id] = lid
        checked.append(f"lessons/{lid}.yaml")
    return checked
