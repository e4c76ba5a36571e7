"""CHANGELOG.md keeps up with what changes grades (issue 23): the newest entry is the package's version, and a
fingerprint per lesson of its graded items and keys stands in that entry. Rewrite a toets item or a key and this
test fails until the CHANGELOG says what changed and carries the new fingerprint (and the version is bumped)."""

from __future__ import annotations

import hashlib
import json
import re
import sys

import pytest
import yaml
from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

CHANGELOG = REPO / "CHANGELOG.md"
# What does not change a grade: which concept an item is filed under, its level, its label.
# Fields that never change a grade: tags, the label, and the length a reflection asks (its rubric grades it).
NOT_GRADED = {"concept", "concepts", "level", "label", "words"}
ENTRY = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$", re.MULTILINE)
FINGERPRINT = re.compile(r"^\| (\d\d)_\w+ \| (\d+) \| `([0-9a-f]{12})` \|$", re.MULTILINE)


def graded_fingerprints(
    lessons=REPO / "course" / "data" / "lessons", keys=REPO / "grading" / "keys"
) -> dict[str, tuple[int, str]]:
    """Per lesson: the number of graded items and a digest of those items (text, options, points) and their keys."""
    out = {}
    for source in sorted(lessons.glob("*.yaml")):
        items = [
            i for i in yaml.safe_load(source.read_text(encoding="utf-8")).get("items", []) if i.get("mode") == "graded"
        ]
        key_file = keys / source.name
        key = yaml.safe_load(key_file.read_text(encoding="utf-8")) if key_file.exists() else {}
        blob = json.dumps(
            [[{k: v for k, v in i.items() if k not in NOT_GRADED}, key.get(i["id"])] for i in items],
            sort_keys=True,
            ensure_ascii=False,
        )
        out[source.stem[:2]] = (len(items), hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12])
    return out


def newest_entry() -> tuple[str, str]:
    text = CHANGELOG.read_text(encoding="utf-8")
    entries = list(ENTRY.finditer(text))
    assert entries, "CHANGELOG.md has no entry '## X.Y.Z (YYYY-MM-DD)'"
    end = entries[1].start() if len(entries) > 1 else len(text)
    return entries[0].group(1), text[entries[0].start() : end]


def test_the_newest_entry_is_the_packages_version():
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert newest_entry()[0] == version, "bump the version in pyproject.toml with each CHANGELOG entry (and back)"


def test_the_versions_go_down_the_page():
    versions = [tuple(map(int, m.group(1).split("."))) for m in ENTRY.finditer(CHANGELOG.read_text(encoding="utf-8"))]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)


def test_the_newest_entry_carries_the_toets_as_it_is():
    _, entry = newest_entry()
    written = {m.group(1): (int(m.group(2)), m.group(3)) for m in FINGERPRINT.finditer(entry)}
    changed = {lesson: now for lesson, now in graded_fingerprints().items() if written.get(lesson) != now}
    assert not changed, (
        "graded items or keys changed since the newest CHANGELOG entry: say what changed for lecturers "
        f"(grades may differ), bump the version and write these fingerprints: {changed}"
    )


def test_a_changed_key_changes_the_fingerprint(tmp_path):
    lessons, keys = tmp_path / "lessons", tmp_path / "keys"
    lessons.mkdir()
    keys.mkdir()
    item = {"id": "q", "type": "choice", "mode": "graded", "points": 1, "concept": "A1", "prompt": "?", "options": []}
    (lessons / "01_x.yaml").write_text(yaml.safe_dump({"items": [item]}), encoding="utf-8")
    (keys / "01_x.yaml").write_text("q: a\n", encoding="utf-8")
    before = graded_fingerprints(lessons, keys)
    (keys / "01_x.yaml").write_text("q: b\n", encoding="utf-8")
    after_key = graded_fingerprints(lessons, keys)
    item["concept"] = "A2"  # filing an item under another concept changes no grade
    (lessons / "01_x.yaml").write_text(yaml.safe_dump({"items": [item]}), encoding="utf-8")
    assert before != after_key and graded_fingerprints(lessons, keys) == after_key
