"""Read the answer key of a lesson from the hidden tests of its nbgrader source notebook.

The hidden part of a grade cell holds ``toets.score("<item id>", <key>)``; this module finds those
calls with :mod:`ast` (never by executing anything), so tests and lecturer tools can use the key
without a second copy of it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import nbformat

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def hidden_tests(source: str) -> list[str]:
    """Return the hidden-test blocks of one cell source."""
    return HIDDEN.findall(source)


def _score_calls(code: str) -> list[tuple[str, Any]]:
    calls = []
    for node in ast.walk(ast.parse(code)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "score" and len(node.args) >= 2):
            calls.append((ast.literal_eval(node.args[0]), ast.literal_eval(node.args[1])))
    return calls


def answer_key(notebook_path: str | Path) -> dict[str, Any]:
    """Return item id -> key for every ``toets.score`` call in the notebook's hidden tests."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    key: dict[str, Any] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for block in hidden_tests(cell.source):
            for item_id, value in _score_calls(block):
                if item_id in key:
                    raise ValueError(f"{notebook_path}: item {item_id!r} is scored twice")
                key[item_id] = value
    return key
