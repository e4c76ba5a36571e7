"""The answer keys of graded items: ``grading/keys/<lesson>.yaml``, the one place a key lives.

The lesson generator writes them into the hidden tests of ``grading/source/<lesson>/``, which
nbgrader strips from what learners receive. The keys folder is never installed with the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from course.content import ContentError, graded_items, load_lesson
from course.scoring import check_key


def keys_dir(grading_dir: Path) -> Path:
    """Return the keys folder of an nbgrader course folder."""
    return grading_dir / "keys"


def load_keys(lesson_id: str, grading_dir: Path) -> dict[str, Any]:
    """Return item id -> key of every automatically graded item of ``lesson_id``.

    ContentError when the file is missing, a key is missing or invalid, or it names an item the
    lesson does not grade automatically.
    """
    path = keys_dir(grading_dir) / f"{lesson_id}.yaml"
    graded = {i["id"]: i for i in graded_items(load_lesson(lesson_id))}
    if not path.exists():
        if graded:
            raise ContentError(f"{path}: file not found (lesson {lesson_id} has graded items {sorted(graded)})")
        return {}
    with open(path, encoding="utf-8") as fh:
        keys = yaml.safe_load(fh) or {}
    if not isinstance(keys, dict):
        raise ContentError(f"{path}: expected a mapping item id -> key")
    extra, missing = sorted(set(keys) - set(graded)), sorted(set(graded) - set(keys))
    if extra:
        raise ContentError(f"{path}: {', '.join(extra)}: not an automatically graded item of {lesson_id}")
    if missing:
        raise ContentError(f"{path}: no key for {', '.join(missing)}")
    for item_id, key in keys.items():
        try:
            check_key(graded[item_id], key)
        except ValueError as exc:
            raise ContentError(f"{path}: {exc}") from None
    return keys
