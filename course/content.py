"""Loading the course content (lessons, concept map) from course/data/: each file parsed once.

No JSON Schema here: that check (``course.schemas``) runs in the tests and the lesson generator,
so a kernel starts without importing jsonschema. The loaders keep the cheap checks a schema
cannot express (unique ids, keys that point to something real).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

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


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, refusing a key given twice in one mapping (YAML would keep the last without a word:
    cursus.yaml once gave "File Browser" twice)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool):
                continue  # a complex key: the base loader decides
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_LOADER = _UniqueKeyLoader


def read_yaml(path: Path) -> Any:
    """Return the parsed content of the YAML file ``path`` (safe loader only).

    Each file is parsed once per process while it is unchanged; callers must not modify the
    result (it is shared).
    """
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ContentError(f"{_display_path(path)}: file not found") from None
    return _parse(path, stamp)


@cache
def _parse(path: Path, _stamp: int) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise ContentError(f"{_display_path(path)}: file not found") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{_display_path(path)}: not valid YAML ({exc})") from None


def load_concepts(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Return the concept map: concept id -> {label, source, lesson}."""
    return {c["id"]: c for c in read_yaml(path or DATA_DIR / "concepts.yaml")["concepts"]}


def lesson_path(lesson_id: str) -> Path:
    """Return the data file of ``lesson_id``."""
    return LESSON_DIR / f"{lesson_id}.yaml"


def prose_path(lesson_id: str) -> Path:
    """Return the prose file (Markdown with cell directives) of ``lesson_id``."""
    return LESSON_DIR / f"{lesson_id}.md"


def load_lesson(lesson_id: str, path: Path | None = None) -> dict[str, Any]:
    """Return the content of a lesson (parsed once; do not modify it).

    ``items`` maps item id -> item and ``blocks`` block id -> block, both in file order.
    """
    if not isinstance(lesson_id, str) or not lesson_id:
        raise ContentError(f"a lesson id must be a non-empty string, got {lesson_id!r}")
    path = path or lesson_path(lesson_id)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ContentError(f"{_display_path(path)}: file not found") from None
    return _build_lesson(lesson_id, path, stamp)


@cache
def _build_lesson(lesson_id: str, path: Path, stamp: int) -> dict[str, Any]:
    data = _parse(path, stamp)
    where = _display_path(path)
    if not isinstance(data, dict) or "items" not in data:
        raise ContentError(f"{where}: expected a mapping with 'lesson', 'title' and 'items'")
    if data.get("lesson") != lesson_id:
        raise ContentError(f"{where}: lesson: expected {lesson_id!r}, found {data.get('lesson')!r}")
    concepts = load_concepts()
    for cid in data.get("concepts", []):
        if cid not in concepts:
            raise ContentError(f"{where}: concepts: unknown concept id {cid!r}")
    items: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(data["items"]):
        here = f"{where}: items[{n}] ({item.get('id')})"
        if item["id"] in items:
            raise ContentError(f"{here}: duplicate item id")
        unknown = [cid for cid in item_concepts(item) if cid not in concepts]
        if unknown:
            raise ContentError(f"{here}: unknown concept id(s) {', '.join(unknown)}")
        _check_item(item, here)
        items[item["id"]] = item
    blocks = dict(data.get("blocks") or {})
    clash = sorted(set(blocks) & set(items))
    if clash:
        raise ContentError(f"{where}: blocks: id(s) {', '.join(clash)} already used by an item")
    return {**data, "items": items, "blocks": blocks}


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
    elif kind == "reflection" and formative:
        raise ContentError(f"{here}: a reflection is graded by hand: use mode graded")
    if not formative and "points" not in item:
        raise ContentError(f"{here}: a graded item needs points")


def item_concepts(item: dict[str, Any]) -> list[str]:
    """Return the concept ids an item practises (formative) or assesses (graded)."""
    return ([item["concept"]] if "concept" in item else []) + list(item.get("concepts", []))


def lesson_ids() -> list[str]:
    """Return the ids of all lessons that have a data file, sorted."""
    return sorted(p.stem for p in LESSON_DIR.glob("*.yaml"))


def graded_items(lesson: dict[str, Any], auto: bool = True) -> list[dict[str, Any]]:
    """Return the graded items of ``lesson``: the automatically scored ones (``auto``), or those
    graded by hand (reflections and graded open text)."""
    from course.scoring import JUDGED_TYPES

    return [i for i in lesson["items"].values() if i["mode"] == "graded" and (i["type"] in JUDGED_TYPES) == auto]
