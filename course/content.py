"""Loading and validating the course content (lesson items, concept map) from course/data/."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

DATA_DIR = Path(__file__).parent / "data"
LESSON_DIR = DATA_DIR / "lessons"


class ContentError(ValueError):
    """A data file is missing or invalid; the message names the file and the field."""


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(DATA_DIR.parent.parent))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """Return the parsed content of the YAML file ``path`` (safe loader only)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise ContentError(f"{_display_path(path)}: file not found") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{_display_path(path)}: not valid YAML ({exc})") from None


@lru_cache(maxsize=None)
def _schema(name: str) -> dict[str, Any]:
    with open(DATA_DIR / "schema" / name, encoding="utf-8") as fh:
        return json.load(fh)


def _field(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".") or "(top level)"


def validate(data: Any, schema_name: str, source: Path) -> None:
    """Raise ContentError naming ``source`` and the first invalid field when ``data`` fails."""
    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        err = errors[0]
        raise ContentError(f"{_display_path(source)}: {_field(err.absolute_path)}: {err.message}")


def load_concepts(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Return the concept map: concept id -> {label, source, lesson}."""
    path = path or DATA_DIR / "concepts.yaml"
    data = read_yaml(path)
    validate(data, "concepts.schema.json", path)
    return {c["id"]: c for c in data["concepts"]}


def lesson_path(lesson_id: str) -> Path:
    """Return the data file of ``lesson_id``."""
    return LESSON_DIR / f"{lesson_id}.yaml"


def load_lesson(lesson_id: str, path: Path | None = None) -> dict[str, Any]:
    """Return the validated content of a lesson; ``items`` maps item id -> item (in file order)."""
    path = path or lesson_path(lesson_id)
    data = read_yaml(path)
    validate(data, "lesson.schema.json", path)
    where = _display_path(path)
    if data["lesson"] != lesson_id:
        raise ContentError(f"{where}: lesson: expected {lesson_id!r}, found {data['lesson']!r}")
    concepts = load_concepts()
    for cid in data["concepts"]:
        if cid not in concepts:
            raise ContentError(f"{where}: concepts: unknown concept id {cid!r}")
    items: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(data["items"]):
        here = f"{where}: items[{n}] ({item['id']})"
        if item["id"] in items:
            raise ContentError(f"{here}: duplicate item id")
        _check_item(item, here)
        items[item["id"]] = item
    data["items"] = items
    return data


def _unique_ids(entries: list[dict[str, Any]], what: str, here: str) -> set[str]:
    ids = [e["id"] for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ContentError(f"{here}: {what}: duplicate id(s) {', '.join(dupes)}")
    return set(ids)


def _check_item(item: dict[str, Any], here: str) -> None:
    """Checks the schema cannot express: unique ids, a key that points to something real."""
    formative = item["mode"] == "formative"
    kind = item["type"]
    if kind in ("choice", "multiselect"):
        _unique_ids(item["options"], "options", here)
        correct = sum(bool(o.get("correct")) for o in item["options"])
        if formative and not correct:
            raise ContentError(f"{here}: options: a formative item needs an option with correct: true")
        if formative and kind == "choice" and correct > 1:
            raise ContentError(f"{here}: options: a choice item has one correct option; use type multiselect")
    elif kind == "order":
        _unique_ids(item["steps"], "steps", here)
    elif kind in ("categorise", "match"):
        cats = _unique_ids(item["categories"], "categories", here)
        _unique_ids(item["statements"], "statements", here)
        for s in item["statements"]:
            if formative and s["answer"] not in cats:
                raise ContentError(
                    f"{here}: statements ({s['id']}): answer {s['answer']!r} is not one of "
                    f"the categories {sorted(cats)}"
                )


def lesson_ids() -> list[str]:
    """Return the ids of all lessons that have a data file, sorted."""
    return sorted(p.stem for p in LESSON_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def _item_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lid in lesson_ids():
        for item_id in load_lesson(lid)["items"]:
            if item_id in index:
                raise ContentError(
                    f"item id {item_id!r} is used in lessons {index[item_id]} and {lid}; "
                    "item ids must be unique across the course"
                )
            index[item_id] = lid
    return index


def find_item(item_id: str) -> tuple[str, dict[str, Any]]:
    """Return (lesson id, item) of the item with the course-wide unique id ``item_id``."""
    try:
        lid = _item_index()[item_id]
    except KeyError:
        raise ContentError(f"no lesson has an item with id {item_id!r}") from None
    return lid, load_lesson(lid)["items"][item_id]
