#!/usr/bin/env python3
"""Check the pyodide package files of a JupyterLite site against Pyodide's official lock.

usage: verify_lock.py --official OFFICIAL_LOCK PYODIDE_DIR [PYODIDE_DIR ...]

OFFICIAL_LOCK is the pyodide-lock.json from npm's `pyodide` package of the same version
(`npm pack pyodide@X`). PYODIDE_DIR is the site's static/pyodide folder. Exits non-zero when:
  - the site's pyodide version (lock info / package.json) differs from the official lock's;
  - any package file (.whl/.zip/.tar) in the folder has no entry in the official lock;
  - any file's sha256 differs from the official entry's;
  - the site's own pyodide-lock.json has an entry that differs from the official one
    or whose file is missing (a dangling entry would make pyodide fetch it at run time).
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

PKG_SUFFIXES = (".whl", ".zip", ".tar", ".tar.gz", ".tgz")
CORE_FILES = {"python_stdlib.zip"}  # pyodide core, not a lock package (checked via npm integrity)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_dir(official: dict, folder: Path) -> list[str]:
    errors = []
    by_file = {p["file_name"]: (name, p) for name, p in official["packages"].items()}
    site_lock_path = folder / "pyodide-lock.json"
    if not site_lock_path.exists():
        return [f"{site_lock_path}: missing"]
    site_lock = json.loads(site_lock_path.read_text())
    if site_lock["info"] != official["info"]:
        errors.append(f"lock info differs: {site_lock['info']} != {official['info']}")
    pkg_json = folder / "package.json"
    if pkg_json.exists():
        v = json.loads(pkg_json.read_text()).get("version")
        if v != official["info"]["version"]:
            errors.append(f"package.json version {v} != {official['info']['version']}")

    checked = 0
    for f in sorted(folder.iterdir()):
        if not f.is_file() or f.name in CORE_FILES or not f.name.endswith(PKG_SUFFIXES):
            continue
        if f.name not in by_file:
            errors.append(f"{f.name}: no entry in the official lock")
            continue
        name, entry = by_file[f.name]
        digest = sha256(f)
        if digest != entry["sha256"]:
            errors.append(f"{f.name}: sha256 {digest} != official {entry['sha256']}")
        checked += 1

    for name, entry in site_lock["packages"].items():
        off = official["packages"].get(name)
        if off is None:
            errors.append(f"site lock entry {name!r}: not in the official lock")
        elif entry != off:
            errors.append(f"site lock entry {name!r}: differs from the official entry")
        if not (folder / entry["file_name"]).exists():
            errors.append(f"site lock entry {name!r}: file {entry['file_name']} missing")
    print(
        f"{folder}: {checked} package files, {len(site_lock['packages'])} lock entries "
        f"checked against official pyodide {official['info']['version']}: "
        f"{'OK' if not errors else f'{len(errors)} problem(s)'}"
    )
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--official", required=True, type=Path)
    ap.add_argument("dirs", nargs="+", type=Path)
    args = ap.parse_args()
    official = json.loads(args.official.read_text())
    errors = []
    for d in args.dirs:
        errors += check_dir(official, d)
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
