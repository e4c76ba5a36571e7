"""Write the course's Dutch language pack for JupyterLab (course/learner/jupyterlab_nl/).

``python -m course.authoring.language_pack`` merges the community pack's translations
(course/data/jupyterlab_nl/community-*.json, vendored) with the course's own
(course/data/jupyterlab_nl/cursus.yaml) into the pack's jupyterlab.json. A course translation may not
replace one of the community's: that would change what other Dutch JupyterLab users know.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from course.content import DATA_DIR, ContentError, read_yaml

SOURCE = DATA_DIR / "jupyterlab_nl"
COURSE = SOURCE / "cursus.yaml"
PACK = Path(__file__).resolve().parents[1] / "learner" / "jupyterlab_nl"
CATALOG = PACK / "locale" / "nl_NL" / "LC_MESSAGES" / "jupyterlab.json"


def community_file() -> Path:
    found = sorted(SOURCE.glob("community-*.json"))
    if len(found) != 1:
        raise ContentError(f"{SOURCE}: expected one community-<version>.json, found {[p.name for p in found]}")
    return found[0]


def merged() -> dict[str, Any]:
    """The community catalog with the course's translations added (msgid -> [translation, ...])."""
    catalog: dict[str, Any] = json.loads(community_file().read_text(encoding="utf-8"))
    known = {key for key, value in catalog.items() if key and value and value[0]}  # msgids with their context
    for msgid, dutch in read_yaml(COURSE).items():
        forms = [dutch] if isinstance(dutch, str) else list(dutch)
        if msgid in known:
            raise ContentError(f"{COURSE}: {msgid!r} is translated by the community pack already")
        if not forms or not all(isinstance(f, str) and f.strip() for f in forms) or len(forms) > 2:
            raise ContentError(f"{COURSE}: {msgid!r}: give one Dutch text, or [singular, plural]")
        catalog[msgid] = forms
    return catalog


def render() -> str:
    return json.dumps(merged(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    CATALOG.write_text(render(), encoding="utf-8")
    print(f"Geschreven: {CATALOG}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
