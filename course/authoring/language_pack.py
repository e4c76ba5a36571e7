"""Write the course's Dutch language pack for JupyterLab (course/learner/jupyterlab_nl/).

``python -m course.authoring.language_pack`` merges the community pack's translations
(course/data/jupyterlab_nl/community-*.json, vendored) with the course's own
(course/data/jupyterlab_nl/cursus.yaml) into the pack's jupyterlab.json. A course translation in cursus.yaml
may not replace one of the community's; the few the course does replace are listed, each with its reason, in
vervangen.yaml (the course says 'je' where the community pack says 'u', and two community texts say something
else than JupyterLab).

Extensions translate in their own domain (``translator.load("notebook")``): ``cursus.<domain>.yaml`` becomes
the pack's ``<domain>.json`` (jupyterlab_server reads every JSON file of a pack's LC_MESSAGES, one per domain).
A msgid with a context (a menu label: context ``menu``) is written as gettext keys it, ``"menu\x04Appearance"``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from course.authoring import lab_msgids
from course.content import DATA_DIR, ContentError, read_yaml

SOURCE = DATA_DIR / "jupyterlab_nl"
COURSE = SOURCE / "cursus.yaml"
REPLACED = SOURCE / "vervangen.yaml"
PACK = Path(__file__).resolve().parents[1] / "learner" / "jupyterlab_nl"
CATALOG = PACK / "locale" / "nl_NL" / "LC_MESSAGES" / "jupyterlab.json"


def community_file() -> Path:
    found = sorted(SOURCE.glob("community-*.json"))
    if len(found) != 1:
        raise ContentError(f"{SOURCE}: expected one community-<version>.json, found {[p.name for p in found]}")
    return found[0]


def domain_files() -> dict[str, Path]:
    """The course's translations per domain: cursus.yaml is JupyterLab's, cursus.<domain>.yaml an extension's."""
    found = {"jupyterlab": COURSE}
    for path in sorted(SOURCE.glob("cursus.*.yaml")):
        found[path.name.split(".")[1]] = path
    return found


def _header(domain: str) -> dict[str, str]:
    return {"domain": domain, "language": "nl-NL", "plural_forms": "nplurals=2; plural=(n != 1);", "version": domain}


def merged(domain: str = "jupyterlab") -> dict[str, Any]:
    """The catalog of ``domain``: for JupyterLab the community's with the course's translations added, for an
    extension the course's own (msgid -> [translation, ...])."""
    if domain == "jupyterlab":
        catalog: dict[str, Any] = json.loads(community_file().read_text(encoding="utf-8"))
        course = COURSE
    else:
        catalog, course = {"": _header(domain)}, domain_files()[domain]
    known = {key for key, value in catalog.items() if key and value and value[0]}  # msgids with their context
    for msgid, dutch in read_yaml(course).items():
        forms = [dutch] if isinstance(dutch, str) else list(dutch)
        if msgid in known:
            raise ContentError(f"{course}: {msgid!r} is translated by the community pack already")
        if not forms or not all(isinstance(f, str) and f.strip() for f in forms) or len(forms) > 2:
            raise ContentError(f"{course}: {msgid!r}: give one Dutch text, or [singular, plural]")
        # JupyterLab's gettext (@jupyterlab/translation, Gettext.dcnpgettext) uses a translation of a counted
        # text (_n) only if it has more than one form, and of any other text only if it has exactly one.
        counted = ("", msgid) in lab_msgids.plural_msgids().get(domain, ())
        if counted != (len(forms) == 2):
            need = "[singular, plural]" if counted else "one Dutch text"
            raise ContentError(
                f"{course}: {msgid!r}: JupyterLab {'counts' if counted else 'does not count'} it: give {need}"
            )
        catalog[msgid] = forms
    if domain == "jupyterlab":
        _replace(catalog, known)
    return catalog


def _replace(catalog: dict[str, Any], known: set[str]) -> None:
    """Put the course's replacements (vervangen.yaml) over the community's translations, in place."""
    for msgid, entry in read_yaml(REPLACED).items():
        if msgid not in known:
            raise ContentError(
                f"{REPLACED}: {msgid!r} is not translated by the community pack: put it in {COURSE.name}"
            )
        if (
            not isinstance(entry, dict)
            or set(entry) != {"dutch", "why"}
            or not all(isinstance(entry[k], str) and entry[k].strip() for k in entry)
        ):
            raise ContentError(f"{REPLACED}: {msgid!r}: give 'dutch' (the course's text) and 'why' (the reason)")
        if len(catalog[msgid]) != 1:
            raise ContentError(f"{REPLACED}: {msgid!r} is counted (two forms): not supported here")
        catalog[msgid] = [entry["dutch"]]


def render(domain: str = "jupyterlab") -> str:
    return json.dumps(merged(domain), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def catalog_path(domain: str) -> Path:
    return CATALOG.with_name(f"{domain}.json")


def main(argv: list[str] | None = None) -> int:
    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    for domain in domain_files():
        catalog_path(domain).write_text(render(domain), encoding="utf-8")
        print(f"Geschreven: {catalog_path(domain)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
