"""Every doc link and command is tested: README.md and docs/*.md name only what exists.

For each of these files: every relative link or image points at a file that exists, and an ``#anchor`` at a
heading of that file (GitHub's anchor rules); every ``make <target>`` is a rule of the Makefile; every
``python -m course...`` is a module that runs as a script; every ``ouders-zien ...`` command is one the CLI
accepts; and every repository path written in backticks exists (or is one git ignores: an output the course
makes, such as ``grading/rapport/``). Each checker is also tried on a small broken text, so each can fail.
"""

from __future__ import annotations

import contextlib
import fnmatch
import io
import itertools
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
PATH_PREFIXES = (
    "course/",
    "tests/",
    "grading/",
    "notebooks/",
    "docs/",
    "assets/",
    "lite/",
    "hub/",
    "benchmarks/",
    "jupyter-settings/",
    ".ci/",
)

FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)


# -- reading a Markdown text ------------------------------------------------------------------------


def fenced_blocks(text: str) -> list[str]:
    return [m[2] for m in FENCE.finditer(text)]


def inline_code(text: str) -> list[str]:
    return [m[2].strip() for m in INLINE_CODE.finditer(FENCE.sub("", text))]


def code(text: str) -> list[str]:
    """Everything a reader would type: fenced blocks and inline code spans."""
    return fenced_blocks(text) + inline_code(text)


def prose(text: str) -> str:
    """The text without code, so a link-like piece of code is no link."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


# -- (1) links and anchors ----------------------------------------------------------------------------


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: its text lowercased, punctuation dropped (except '-' and '_'),
    each space a '-'; letters of any script stay."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading counts by its text
    text = re.sub(r"<[^>]+>", "", text).lower()
    kept = "".join(
        ch for ch in text if ch in " -_" or ch.isalnum() or unicodedata.category(ch).startswith(("L", "M", "N"))
    )
    return kept.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """All anchors of a Markdown text; a repeated heading gets -1, -2, ... as on GitHub."""
    seen: dict[str, int] = {}
    out = set()
    for m in HEADING.finditer(FENCE.sub("", text)):
        base = anchor(m[2])
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def broken_links(text: str, folder: Path) -> list[str]:
    """Relative links and images of ``text`` (a file in ``folder``) whose file or heading is missing."""
    broken = []
    for m in LINK.finditer(prose(text)):
        target = m[1]
        if not target or re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
            continue
        path, _, fragment = target.partition("#")
        file = (folder / path).resolve() if path else None
        if file is not None and not file.exists():
            broken.append(f"{target}: no such file")
        elif fragment:
            heads = anchors(file.read_text(encoding="utf-8") if file else text)
            if file is not None and file.suffix != ".md":
                broken.append(f"{target}: an anchor in a file that is no Markdown")
            elif fragment not in heads:
                broken.append(f"{target}: no heading '#{fragment}' (headings: {sorted(heads)})")
    return broken


# -- (2) make targets --------------------------------------------------------------------------------


def makefile_targets(makefile: str) -> set[str]:
    """Rule names of a Makefile: ``name [name ...]:`` at the start of a line (not ``:=``, not ``$(VAR):``)."""
    names: set[str] = set()
    for m in re.finditer(r"^([A-Za-z0-9_][\w.-]*(?:[ \t]+[A-Za-z0-9_][\w.-]*)*)[ \t]*:(?!=)", makefile, re.M):
        names.update(m[1].split())
    return names


def make_targets_named(text: str) -> set[str]:
    """Targets of every ``make ...`` in the code of a text: ``make lab ARGS=...`` -> lab,
    ``make lesson L=<les>`` -> lesson, ``make hub-env hub-proxy`` -> both."""
    named: set[str] = set()
    for snippet in code(text):
        for m in re.finditer(r"(?<![\w/.$-])make((?:[ \t]+\S+)*)", snippet):
            for word in m[1].split():
                if re.fullmatch(r"[A-Z_][A-Z0-9_]*=\S*", word) or word.startswith("-"):
                    continue  # a variable (ARGS=..., L=...) or an option
                if not re.fullmatch(r"[a-z][a-z0-9_-]*", word):
                    break  # &&, #, a comment, a path: the command ends
                named.add(word)
    return named


@cache
def real_make_targets() -> frozenset[str]:
    return frozenset(makefile_targets((REPO / "Makefile").read_text(encoding="utf-8")))


# -- (3) python -m course... -----------------------------------------------------------------------


def modules_named(text: str) -> set[str]:
    return {m[1] for snippet in code(text) for m in re.finditer(r"python3? -m (course(?:\.\w+)*)\b", snippet)}


def runs_as_script(module: str, root: Path = REPO) -> bool:
    """Whether ``python -m module`` runs something: a package with ``__main__.py``, or a module file
    with a ``__main__`` guard."""
    path = root.joinpath(*module.split("."))
    if path.is_dir():
        return (path / "__main__.py").is_file()
    file = path.with_suffix(".py")
    guard = r"""^if __name__ == ["']__main__["']:"""
    return file.is_file() and bool(re.search(guard, file.read_text(encoding="utf-8"), re.M))


# -- (4) ouders-zien commands ----------------------------------------------------------------------


def commands_named(text: str) -> set[tuple[str, ...]]:
    """``ouders-zien start`` -> ("start",); ``ouders-zien docent nakijken LES`` -> ("docent", "nakijken")."""
    named: set[tuple[str, ...]] = set()
    for snippet in code(text):
        for m in re.finditer(r"(?<![\w/-])ouders-zien((?:[ \t]+[a-z][\w-]*){1,2})", snippet):
            words = tuple(m[1].split())
            named.add(words if words[0] in ("docent", "lecturer") else words[:1])
    return named


def cli_accepts(words: tuple[str, ...]) -> bool:
    """Whether the ``ouders-zien`` console script (course.lecturer.docent:cli) accepts these words: asking it for
    their help exits with 0; an unknown command is refused (exit 2)."""
    from course.lecturer.docent import cli

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli([*words, "--help"])
    except SystemExit as done:
        status = done.code
    return status == 0


# -- (5) repository paths ------------------------------------------------------------------------


def expand_braces(word: str) -> list[str]:
    """``tests/{unit,grading}`` -> ``tests/unit``, ``tests/grading`` (one level, as in the docs)."""
    parts = re.split(r"\{([^{}]*)\}", word)
    options = [[p] if i % 2 == 0 else p.split(",") for i, p in enumerate(parts)]
    return ["".join(combo) for combo in itertools.product(*options)]


def paths_named(text: str) -> set[str]:
    """Repository paths written in inline code (each word of a span), without placeholders such as
    ``<les>`` or ``NN_naam`` and without glob patterns."""
    paths: set[str] = set()
    for span in inline_code(text):
        for word in span.split():
            word = word.lstrip("(\"'").rstrip(".,;:)'\"")
            placeholder = "<" in word or "NN" in word or any(c in word for c in "*?…$")
            if not word.startswith(PATH_PREFIXES) or placeholder:
                continue
            paths.update(expand_braces(word))
    return paths


def ignored_by_git(path: str, root: Path = REPO) -> bool:
    """Whether ``.gitignore`` names ``path`` (or a folder above it): an output of the course, such as
    ``grading/rapport/`` or ``grading/gradebook.db``, that a fresh clone does not hold."""
    patterns = [
        line.strip()
        for line in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "!"))
    ]
    parts = path.rstrip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        bare = pattern.rstrip("/")
        if "/" not in bare:  # a name anywhere
            if any(fnmatch.fnmatch(part, bare) for part in parts):
                return True
        elif any(fnmatch.fnmatch(prefix, bare.lstrip("/").replace("**/", "*")) for prefix in prefixes):
            return True
    return False


def missing_paths(text: str, root: Path = REPO) -> list[str]:
    return sorted(p for p in paths_named(text) if not (root / p).exists() and not ignored_by_git(p, root))


# -- the checkers, tried on broken texts -------------------------------------------------------------


def test_anchors_follow_githubs_rules():
    assert anchor("Beginnen: drie manieren") == "beginnen-drie-manieren"
    assert anchor("Meet de toets wat de cursus leert? (blind panel)") == "meet-de-toets-wat-de-cursus-leert-blind-panel"
    assert anchor("Eén bron, drie bestanden") == "eén-bron-drie-bestanden"
    assert anchor("The answer store: flock on `antwoorden.json`") == "the-answer-store-flock-on-antwoordenjson"
    assert anchor("make_targets and hub-env") == "make_targets-and-hub-env"
    assert anchors("# A\n## A\n```\n# not a heading\n```\n") == {"a", "a-1"}


def test_the_link_checker_finds_a_missing_file_and_a_missing_heading():
    good = "See [the README](README.md#beginnen-drie-manieren), [docs](docs/docent.md) and [up](#doel).\n\n# Doel\n"
    assert broken_links(good, REPO) == []
    bad = (
        "[gone](docs/nosuch.md), ![gone](assets/nosuch.png), [no heading](README.md#nosuch-heading), "
        "[here](#nowhere), [web](https://example.org/nosuch) and `[code](nosuch.md)`"
    )
    found = broken_links(bad, REPO)
    assert [f.split(":")[0] for f in found] == [
        "docs/nosuch.md",
        "assets/nosuch.png",
        "README.md#nosuch-heading",
        "#nowhere",
    ]


def test_the_make_checker_reads_targets_and_finds_an_unknown_one():
    makefile = "X := 1\n.PHONY: lab\n$(STAMP): x\nlab: $(STAMP)\n\tdo\nhub-env hub-proxy: y\ntest:\n"
    assert makefile_targets(makefile) == {"lab", "hub-env", "hub-proxy", "test"}
    text = "Run `make lab ARGS=--no-browser`, `make lesson L=<les>`.\n```bash\nmake hub-env hub-proxy  # both\n```\n"
    assert make_targets_named(text) == {"lab", "lesson", "hub-env", "hub-proxy"}
    assert make_targets_named("`make test && cd grading`, zonder `make`, to make sure") == {"test"}
    assert make_targets_named("`make nosuchtarget`") - real_make_targets() == {"nosuchtarget"}


def test_the_module_checker_finds_a_module_that_does_not_run():
    assert modules_named("`python -m course start`, `python -m course.lecturer.module` and `python -m pip`") == {
        "course",
        "course.lecturer.module",
    }
    assert runs_as_script("course") and runs_as_script("course.lecturer.module")
    assert not runs_as_script("course.nosuch")
    assert not runs_as_script("course.content")  # a module without a __main__ guard


def test_the_cli_checker_refuses_an_unknown_command():
    text = "`ouders-zien start --map x`, `ouders-zien docent nakijken LES`, `ouders-zien docent` and `ouders-zien nee`"
    assert commands_named(text) == {("start",), ("docent", "nakijken"), ("docent",), ("nee",)}
    assert cli_accepts(("start",)) and cli_accepts(("docent",)) and cli_accepts(("docent", "nakijken"))
    assert not cli_accepts(("nee",))
    assert not cli_accepts(("docent", "nosuchcommand"))


def test_the_path_checker_finds_a_missing_path_and_skips_placeholders():
    text = (
        "`course/store.py`, `tests/{unit,grading}`, `grading/rapport/`, `grading/keys/<les>.yaml`, "
        "`course/data/lessons/NN_naam.yaml`, `bash .ci/run`, `course/nosuch.py` and `docs/nosuch/`."
    )
    assert paths_named(text) == {
        "course/store.py",
        "tests/unit",
        "tests/grading",
        "grading/rapport/",
        ".ci/run",
        "course/nosuch.py",
        "docs/nosuch/",
    }
    assert missing_paths(text) == ["course/nosuch.py", "docs/nosuch/"]
    assert ignored_by_git("grading/rapport/") and ignored_by_git("grading/gradebook.db")
    assert not ignored_by_git("grading/keys/")


# -- the docs themselves -----------------------------------------------------------------------------


def _id(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_links_and_anchors_exist(doc):
    assert broken_links(doc.read_text(encoding="utf-8"), doc.parent) == []


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_make_targets_exist(doc):
    unknown = make_targets_named(doc.read_text(encoding="utf-8")) - real_make_targets()
    assert not unknown, f"not a target of the Makefile: {sorted(unknown)}"


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_python_modules_run(doc):
    not_run = sorted(m for m in modules_named(doc.read_text(encoding="utf-8")) if not runs_as_script(m))
    assert not not_run, f"python -m of a module with no __main__: {not_run}"


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_cli_commands_are_accepted(doc):
    refused = sorted(" ".join(c) for c in commands_named(doc.read_text(encoding="utf-8")) if not cli_accepts(c))
    assert not refused, f"ouders-zien does not accept: {refused}"


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_repository_paths_exist(doc):
    assert missing_paths(doc.read_text(encoding="utf-8")) == []


def test_the_docs_name_commands_at_all():
    """The checks above read something: the README's two commands, a module, the CLI, paths and links."""
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in DOCS)
    assert {"lab", "test", "lessons", "release", "site"} <= make_targets_named(text)
    assert {
        "course",
        "course.lecturer.module",
        "course.authoring.generate",
        "course.authoring.release",
    } <= modules_named(text)
    assert {("start",), ("docent", "nakijken"), ("docent", "rapport")} <= commands_named(text)
    assert len(paths_named(text)) > 40
    assert len(LINK.findall(prose(text))) > 40
