"""The package's folders show its architecture (issue 23): each part imports only from its own layer or
the ones below it, at module level. An import inside a function (lazy by design: a lecturer's command
loads the learner's start only when asked) and a type-only import under TYPE_CHECKING are not held."""

from __future__ import annotations

import ast

import pytest
from conftest import REPO

PACKAGE = REPO / "course"
# Lowest first. The foundation: the course's data (content, keys, rubric, schemas, messages), scoring,
# the learner's answers (store, identity) and safe text; every other part builds on it.
LAYERS = ["foundation", "model", "figures", "authoring", "learner", "lecturer"]
FOUNDATION = {
    "content",
    "scoring",
    "keys",
    "rubric",
    "schemas",
    "messages",
    "learner_text",
    "identity",
    "store",
    "display",
    "images",
    "cli_nl",
}


def layer_of(module: str) -> str | None:
    """'course.model.conversation' -> 'model'; None for the package's entry points."""
    parts = module.split(".")
    if parts[0] != "course" or len(parts) < 2 or parts[1] in {"__init__", "__main__"}:
        return None
    if parts[1] in FOUNDATION:
        return "foundation"
    if parts[1] in LAYERS:
        return parts[1]
    raise AssertionError(f"{module}: in no layer; add it to a folder (or FOUNDATION) and to docs/design.md")


def module_name(path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Imports that run when the module is imported: not in a function, not under TYPE_CHECKING."""
    found = []

    def visit(body):
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.extend((node.lineno, a.name) for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [f"{node.module}.{a.name}" for a in node.names] if node.module == "course" else [node.module]
                found.extend((node.lineno, n) for n in names)
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                visit(node.body)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
                visit(getattr(node, "orelse", []))

    visit(tree.body)
    return found


def upward_imports(path) -> list[str]:
    me = module_name(path)
    mine = layer_of(me)
    if mine is None:
        return []
    wrong = []
    for line, target in top_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
        theirs = layer_of(target) if target.startswith("course.") else None
        if theirs is not None and LAYERS.index(theirs) > LAYERS.index(mine):
            wrong.append(f"{path.relative_to(REPO)}:{line} ({mine}) imports {target} ({theirs})")
    return wrong


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_higher_layer(path):
    assert not upward_imports(path)


def test_the_folders_are_the_layers():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(LAYERS) - {"foundation"}
    loose = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert loose == FOUNDATION, "a module at the top of course/ is foundation only"


def test_an_upward_import_is_found(tmp_path, monkeypatch):
    bad = PACKAGE / "model" / "_probe_upward.py"
    try:
        bad.write_text("from course.learner.lesson import Lesson\n\ndef f():\n    from course.lecturer import docent\n")
        assert upward_imports(bad) == [
            "course/model/_probe_upward.py:1 (model) imports course.learner.lesson (learner)"
        ]
    finally:
        bad.unlink()


def test_the_notebooks_api_is_unchanged():
    import course

    assert {"open_lesson", "show", "grade"} <= set(course.__all__)
