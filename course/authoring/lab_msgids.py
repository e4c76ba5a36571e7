"""The English texts of the installed JupyterLab that a language pack can translate: its msgids.

JupyterLab translates a text where its code calls ``trans.__("...")``, ``trans._n("...", "...", n)`` or
``trans._p("context", "...")`` (@jupyterlab/translation), and where a settings schema has a text at a
translatable place: a menu's or toolbar item's label (context ``menu`` / ``toolbar``), a title or a
description (jupyterlab_server.translation_utils.DEFAULT_SCHEMA_SELECTORS). Extensions translate in their
own domain (``translator.load("notebook")``); the domain of a schema is its
``jupyter.lab.internationalization.domain``, else ``jupyterlab``.

:func:`msgids` reads them from the built JavaScript and the schemas of the running Python environment, so
tests can tell an untranslated English text on screen from a file name, and check that every course
translation has a msgid to translate.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

SHARE = Path(sys.prefix) / "share" / "jupyter"
# Where the built code of a translation domain lies (the lab itself, and the extensions learners meet).
DOMAIN_CODE = {
    "jupyterlab": [SHARE / "lab" / "static"],
    "notebook": [SHARE / "labextensions" / "@jupyter-notebook" / "lab-extension" / "static"],
    "jupyterlab_widgets": [SHARE / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager" / "static"],
}
SCHEMA_DIRS = [SHARE / "lab" / "schemas", *sorted((SHARE / "labextensions").glob("**/schemas"))]
_STRING = r'"((?:[^"\\]|\\.)*)"'
_CALLS = [
    (re.compile(rf"\b__\({_STRING}"), None),  # __("text")
    (re.compile(rf"\b_n\({_STRING}"), "plural"),  # _n("singular", "plural", n)
    (re.compile(rf"\b_p\({_STRING},\s*{_STRING}"), "context"),  # _p("context", "text")
]
_SCHEMA_PLACES = [
    (re.compile(r"jupyter\.lab\.menus/.*/label$"), "menu"),
    (re.compile(r"jupyter\.lab\.toolbars/.*/label$"), "toolbar"),
]
Msgid = tuple[str, str]  # (context or "", text)


def _unescape(text: str) -> str:
    try:
        return json.loads(f'"{text}"')
    except json.JSONDecodeError:
        return text


def _from_code(folders: list[Path], plural: set[Msgid]) -> set[Msgid]:
    found: set[Msgid] = set()
    for folder in folders:
        for path in folder.glob("*.js"):
            code = path.read_text(encoding="utf-8", errors="replace")
            for pattern, kind in _CALLS:
                for match in pattern.finditer(code):
                    if kind == "context":
                        found.add((_unescape(match.group(1)), _unescape(match.group(2))))
                    else:
                        found.add(("", _unescape(match.group(1))))
                        if kind == "plural":
                            plural.add(("", _unescape(match.group(1))))
    return found


def _schema_labels(node: object, path: str, found: set[Msgid]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}/{key}"
            if isinstance(value, str):
                for place, context in _SCHEMA_PLACES:
                    if place.search(where):
                        found.add((context, value))
            else:
                _schema_labels(value, where, found)
    elif isinstance(node, list):
        for element in node:
            _schema_labels(element, path + "[]", found)


@cache
def _index() -> tuple[dict[str, frozenset[Msgid]], dict[str, frozenset[Msgid]]]:
    plural: dict[str, set[Msgid]] = {domain: set() for domain in DOMAIN_CODE}
    found: dict[str, set[Msgid]] = {
        domain: _from_code(folders, plural[domain]) for domain, folders in DOMAIN_CODE.items()
    }
    for folder in SCHEMA_DIRS:
        for path in folder.glob("**/*.json"):
            schema = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(schema, dict):
                continue
            domain = schema.get("jupyter.lab.internationalization", {}).get("domain", "jupyterlab")
            _schema_labels(schema, "", found.setdefault(domain, set()))
    return (
        {domain: frozenset(ids) for domain, ids in found.items()},
        {domain: frozenset(ids) for domain, ids in plural.items()},
    )


def msgids() -> dict[str, frozenset[Msgid]]:
    """Per translation domain, the (context, English text) pairs the installed JupyterLab can translate."""
    return _index()[0]


def plural_msgids() -> dict[str, frozenset[Msgid]]:
    """Per domain, the msgids JupyterLab translates with a count (``_n``): a catalog gives them [singular, plural],
    else JupyterLab shows the English."""
    return _index()[1]


def key(msgid: Msgid) -> str:
    """The catalog key of a msgid: gettext joins a context and its text with EOT (\\x04)."""
    context, text = msgid
    return f"{context}\x04{text}" if context else text
