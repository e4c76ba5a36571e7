"""The learner-facing text of the course, for tests that read it against the two seed texts.

Every string a learner can see: the lessons' prose (without directives), every string value in the
lesson data (prompts, options, feedback, figure texts), the lesson model's rules and the scenario.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from course.content import DATA_DIR, LESSON_DIR, read_yaml

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seeds"
SEEDS = {"koster": "000_475b77365298a5fd.txt", "nji": "004_b2d85d2b7222fbbe.txt"}
# The seeds are not part of the repository (their README: do not copy them into the project), and
# CI may not have them. The tests read a one-way fingerprint instead: hashes of every run of
# FINGERPRINT_SIZES words. `python tests/course_texts.py` rewrites it from ../shared/seeds.
FINGERPRINT = ROOT / "tests" / "unit" / "data" / "seed_fingerprint.json"
FINGERPRINT_SIZES = (4, 8)
# keys whose values are identifiers or code names, not text
NOT_TEXT = {
    "id",
    "lesson",
    "type",
    "mode",
    "kind",
    "draw",
    "answer",
    "concept",
    "concepts",
    "level",
    "scenario",
    "from",
    "to",
    "move",
    "next",
    "source_id",
    "first",
    "article_path",
    "answers",
    "instead",
    "quote",
    "says",
}  # the oefenmodel's quotes: exact by a test of their own, shown in quote marks
DIRECTIVE = re.compile(r"^<!--.*-->\s*$")


def _strings(node: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _strings(value, f"{where}[{n}]")


def learner_texts() -> list[tuple[str, str]]:
    """Return (where, text) for every piece of learner-facing text of the course."""
    out: list[tuple[str, str]] = []
    for md in sorted(LESSON_DIR.glob("*.md")):
        lines = [ln for ln in md.read_text(encoding="utf-8").splitlines() if not DIRECTIVE.match(ln)]
        out.append((f"lessons/{md.name}", "\n".join(lines)))
    for data in sorted(LESSON_DIR.glob("*.yaml")):
        out.extend(_strings(read_yaml(data), f"lessons/{data.name}"))
    for name in ("trust_model.yaml", "concepts.yaml"):
        out.extend(_strings(read_yaml(DATA_DIR / name), name))
    for conversation in sorted((DATA_DIR / "conversations").glob("*.yaml")):
        out.extend(_strings(read_yaml(conversation), f"conversations/{conversation.name}"))
    return out


def seed_text(name: str) -> str:
    return (SEED_DIR / SEEDS[name]).read_text(encoding="utf-8")


def gram_hash(gram: tuple[str, ...] | list[str]) -> str:
    return hashlib.blake2b(" ".join(gram).encode("utf-8"), digest_size=5).hexdigest()


def make_fingerprint() -> dict[str, dict[str, list[str]]]:
    """Return {seed: {n: sorted hashes of its n-word runs}} from the seed texts."""
    return {
        name: {str(n): sorted({gram_hash(g) for g in _grams(words(seed_text(name)), n)}) for n in FINGERPRINT_SIZES}
        for name in SEEDS
    }


def seed_grams(n: int, names: tuple[str, ...] = tuple(SEEDS)) -> set[str]:
    """Return the hashes of every ``n``-word run of the named seeds (from the fingerprint)."""
    data = json.loads(FINGERPRINT.read_text(encoding="utf-8"))
    return {h for name in names for h in data[name][str(n)]}


def in_seed(text: str, grams: set[str], n: int) -> bool:
    """Whether ``text`` (at least ``n`` words) occurs in a seed: every n-word run of it does."""
    w = words(text)
    return len(w) >= n and all(gram_hash(g) in grams for g in _grams(w, n))


def _grams(w: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(w[i : i + n]) for i in range(len(w) - n + 1)]


def words(text: str) -> list[str]:
    """Lower-case words, with HTML tags, Markdown marks and typographic quotes taken out."""
    text = re.sub(r"<[^>]+>", " ", text).replace("’", "'").replace("‘", "'").lower()
    return re.findall(r"[a-zà-ÿ0-9]+(?:'[a-z]+)?", text)


QUOTED = re.compile(r"(?<![\w])['‘\"“](?=\S)(.+?)(?<=\S)['’\"”](?![\w])", re.S)
BIBLIOGRAPHY = re.compile(r"^\s*- (Koster, J\.|Nederlands Jeugdinstituut).*?(?=^\s*-|\Z)", re.M | re.S)


def unquoted(text: str) -> str:
    """The text without marked quotes ('...', "...", blockquote lines) and bibliography entries."""
    text = BIBLIOGRAPHY.sub(" ", text)
    text = "\n".join("" if ln.lstrip().startswith(">") else ln for ln in text.splitlines())
    return QUOTED.sub(" ¶ ", text)


@functools.cache
def _title_parts() -> tuple[str, ...]:
    """The sources' titles (as sources.yaml gives them, in italics), split where a title is often cited in
    two parts; read once."""
    entries = [
        src["entry"] for src in read_yaml(DATA_DIR / "sources.yaml")["sources"].values() if isinstance(src, dict)
    ]
    return tuple(
        part.rstrip(".")
        for e in entries
        for title in re.findall(r"\*(.+?)\*", e)
        for part in re.split(r"(?<=[.?!])\s+", title)
        if len(part.split()) >= 4
    )


def without_titles(text: str) -> str:
    """The text with the sources' titles taken out."""
    flat = " ".join(text.split())
    for part in _title_parts():
        flat = flat.replace(part, " ¶ ")
    return flat


def shared_runs(text: str, seed_hashes: set[str], n: int, *, in_quotes: bool = False) -> list[str]:
    """Return every run of ``n`` or more words of ``text`` that a seed also has: outside quote marks,
    or (``in_quotes``) anywhere but in bibliography entries and the sources' titles."""
    if in_quotes:
        chunks = without_titles(BIBLIOGRAPHY.sub(" ", text)).split("¶")
    else:
        chunks = unquoted(text).split("¶")
    runs: list[str] = []
    for chunk in chunks:
        w = words(chunk)
        i = 0
        while i + n <= len(w):
            if gram_hash(w[i : i + n]) in seed_hashes:
                j = i + n
                while j < len(w) and gram_hash(w[j - n + 1 : j + 1]) in seed_hashes:
                    j += 1
                runs.append(" ".join(w[i:j]))
                i = j
            else:
                i += 1
    return runs


if __name__ == "__main__":
    FINGERPRINT.write_text(json.dumps(make_fingerprint(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"written: {FINGERPRINT.relative_to(ROOT)}")
