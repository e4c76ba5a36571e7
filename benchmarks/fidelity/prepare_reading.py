"""Lay out what a fresh fidelity reader gets: the two texts and everything the course says about them.

    python benchmarks/fidelity/prepare_reading.py /tmp/read16

The folder holds ``bronnen/`` (the seeds and their README), ``lessen/`` (every lesson's .md and .yaml),
``sleutels/`` (the answer keys), ``gesprekken/`` (the practice conversations), ``trust_model.yaml``,
``village.yaml`` and ``widget_teksten.txt`` (the learner-facing texts of the model widgets). Comment
blocks that tell the history of earlier readings (reading, lezing, finding, issue) are left out whole,
so a reader neither sees earlier findings nor half a comment.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
HISTORY = re.compile(r"reading|lezing|finding|issue|fidelity", re.IGNORECASE)
WIDGET_PREFIXES = ("MY_", "SCENARIO_", "PROFILE_", "BUILDER_", "HINT")


def strip_history(text: str) -> str:
    """Drop every run of full-line comments that mentions an earlier reading, and such inline comments."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not any(HISTORY.search(line) for line in block):
            out.extend(block)
        block.clear()

    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            block.append(line)
            continue
        flush()
        code, sep, comment = line.partition("  # ")
        out.append(code.rstrip() if sep and HISTORY.search(comment) else line)
    flush()
    return "\n".join(out) + "\n"


def widget_texts() -> str:
    sys.path.insert(0, str(ROOT))
    from course import messages

    lines = []
    for name in sorted(vars(messages)):
        value = getattr(messages, name)
        if name.startswith(WIDGET_PREFIXES) and isinstance(value, (str, dict)):
            lines.append(f"{name} = {value!r}")
    return "\n".join(lines) + "\n"


def prepare(target: Path) -> None:
    if target.exists():
        raise SystemExit(f"{target} exists: give a new folder")
    data = ROOT / "course" / "data"
    shutil.copytree(SEEDS, target / "bronnen")
    for folder, sources in (
        ("lessen", sorted((data / "lessons").glob("*.*"))),
        ("sleutels", sorted((ROOT / "grading" / "keys").glob("*.yaml"))),
        ("gesprekken", sorted((data / "conversations").glob("*.yaml"))),
    ):
        (target / folder).mkdir(parents=True)
        for src in sources:
            text = src.read_text(encoding="utf-8")
            (target / folder / src.name).write_text(
                strip_history(text) if src.suffix == ".yaml" else text, encoding="utf-8"
            )
    for name in ("trust_model.yaml", "village.yaml"):
        (target / name).write_text(strip_history((data / name).read_text(encoding="utf-8")), encoding="utf-8")
    (target / "widget_teksten.txt").write_text(widget_texts(), encoding="utf-8")
    left = [
        p
        for p in target.rglob("*")
        if p.is_file() and p.parent.name != "bronnen" and HISTORY.search(p.read_text(encoding="utf-8"))
    ]
    print(
        f"{target}: {sum(1 for p in target.rglob('*') if p.is_file())} files;"
        f" files still naming a reading/issue: {[str(p.relative_to(target)) for p in left]}"
    )


if __name__ == "__main__":
    prepare(Path(sys.argv[1]))
