"""Generate the learners' notebooks (notebooks/<lesson>/) from grading/source/ with nbgrader.

Usage: ``python -m course.authoring.release [LESSON ...]`` (``make release``) in the repository: it reads
``grading/`` and writes ``notebooks/`` of the working directory (so it also works from a
non-editable install). nbgrader runs in a temporary copy of the course directory, so the
lecturer's gradebook and release folder are never touched.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GRADING_DIR = Path("grading")
NOTEBOOKS_DIR = Path("notebooks")
# Files of a learner that a release must never ship, nor delete when it refreshes a folder.
ANSWER_PATTERNS = ("antwoorden.json", "antwoorden.beschadigd-*.json", ".antwoorden-*.tmp")
SKIP_PATTERNS = ANSWER_PATTERNS + (".ipynb_checkpoints", "__pycache__")


class ReleaseError(RuntimeError):
    """The release could not be made; the message says why and what to do (in Dutch)."""


def _skipped(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in SKIP_PATTERNS)


def tool_env() -> dict[str, str]:
    """Return the environment for nbgrader subprocesses: this Python's bin folder first on PATH.

    nbgrader runs helper programs (alembic) by name, which fails in a virtual environment that
    was not activated.
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def source_lessons(grading_dir: Path = GRADING_DIR) -> list[str]:
    """Return the lesson ids that have a source folder, sorted."""
    return sorted(p.name for p in (grading_dir / "source").iterdir() if p.is_dir() and not _skipped(p.name))


def generate(lesson_id: str, dest_root: Path, grading_dir: Path = GRADING_DIR) -> Path:
    """Generate the student version of ``lesson_id`` into ``dest_root/lesson_id`` and return it.

    Files in the destination that the release does not contain are removed, except a learner's
    answer files. Raises ReleaseError when the source folder holds answer files (they would
    otherwise be shipped to every learner) or when nbgrader fails.
    """
    src = grading_dir / "source" / lesson_id
    if not src.is_dir():
        raise ReleaseError(f"Les {lesson_id!r} bestaat niet in {src.parent}.")
    stray = [p.name for p in src.iterdir() if any(fnmatch.fnmatch(p.name, pat) for pat in ANSWER_PATTERNS)]
    if stray:
        raise ReleaseError(
            f"In {src} staan antwoordbestanden ({', '.join(sorted(stray))}). Die zouden met de les "
            "worden meegegeven. Verplaats of verwijder ze en probeer het opnieuw."
        )
    with tempfile.TemporaryDirectory(prefix="ouders-zien-release-") as tmp:
        course = Path(tmp)
        shutil.copy2(grading_dir / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copytree(src, course / "source" / lesson_id, ignore=shutil.ignore_patterns(*SKIP_PATTERNS))
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", lesson_id, "--force"],
            cwd=course,
            capture_output=True,
            text=True,
            env=tool_env(),
        )
        built = course / "release" / lesson_id
        if proc.returncode != 0 or not built.is_dir():
            raise ReleaseError(f"nbgrader generate_assignment faalde voor {lesson_id}:\n{proc.stdout}\n{proc.stderr}")
        dest = dest_root / lesson_id
        dest.mkdir(parents=True, exist_ok=True)
        wanted = {p.relative_to(built) for p in built.rglob("*") if p.is_file()}
        for old in sorted(dest.rglob("*"), reverse=True):
            rel = old.relative_to(dest)
            if any(_skipped(part) for part in rel.parts):
                continue
            if old.is_file() and rel not in wanted:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
        for rel in sorted(wanted):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built / rel, dest / rel)
    return dest


def main(argv: list[str] | None = None) -> int:
    """Release the lessons named in ``argv`` (default: all) into notebooks/."""
    if not (GRADING_DIR / "nbgrader_config.py").exists():
        print("Fout: geen grading/nbgrader_config.py hier. Start dit in de map van de cursus.", file=sys.stderr)
        return 2
    lessons = (argv if argv is not None else sys.argv[1:]) or source_lessons()
    try:
        for lesson_id in lessons:
            dest = generate(lesson_id, NOTEBOOKS_DIR)
            print(f"Vrijgegeven: {lesson_id} -> {dest}")
    except ReleaseError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
