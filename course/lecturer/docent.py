"""The lecturer's tool: ``ouders-zien docent <opdracht>``, in Dutch, on nbgrader's Python API.

    ouders-zien docent status                       wat is vrijgegeven, verzameld, nagekeken, teruggegeven
    ouders-zien docent klassenlijst LIJST.csv       de klassenlijst uit de leeromgeving inlezen
    ouders-zien docent vrijgeven LES                les klaarzetten (en via JupyterHub uitdelen: --hub)
    ouders-zien docent verzamelen LES               inzendingen ophalen via JupyterHub
    ouders-zien docent verzamelen LES --zip Z.zip   of uit een download van de leeromgeving
    ouders-zien docent nakijken LES                 nieuwe inzendingen nakijken, controleren, feedback maken
    ouders-zien docent feedback LES                 feedback opnieuw maken waar punten veranderd zijn
    ouders-zien docent rapport [LES ...]            cijfers, itemanalyse en wat je nog moet nakijken

Run it in the course folder ``grading/`` (or pass ``--map``). English aliases: status, release,
collect, grade, report. Nothing here grades by itself: nbgrader's API does (NbGraderAPI,
ZipCollectApp); the course adds the rebuild of submissions (course/lecturer/rebuild.py), the independent
cross-check (course/lecturer/crosscheck.py), the cijfer (course/lecturer/cijfers.py) and the item analysis.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from course import messages as msg
from course.cli_nl import DutchArgumentParser
from course.content import ContentError, lesson_ids
from course.learner_text import csv_cell, shown, student_id

ALIASES = {
    "roster": "klassenlijst",
    "release": "vrijgeven",
    "collect": "verzamelen",
    "grade": "nakijken",
    "report": "rapport",
}

# File names of a submission in the download of a Dutch school's learning environment, as
# nbgrader's FileNameCollectorPlugin regular expressions (the LMS's id of the learner, the name it
# shows, and the file inside the submission). The id is only a fallback: a hand-in carries the
# learner's student number (lesson 00, course/identity.py) and course/lecturer/handin.py joins by that.
# Sources per LMS: docs/lms.md.
LMS_PATTERNS = {
    # Moodle ("Download all submissions"): a folder per learner, "Jan Jansen_123456_assignsubmission_file/"
    # (Moodle 4.1 and later, mod/assign/classes/downloader.php) or "..._assignsubmission_file_/"
    # (before, mod/assign/locallib.php download_submissions), or flat "..._assignsubmission_file_<file>"
    # when the lecturer switched "download as folders" off. 123456 is get_uniqueid_for_user(): a
    # participant id per assignment, not the student number. Moodle's own test of the format:
    # mod/assign/feedback/file/tests/importziplib_test.php (test_is_valid_filename_for_import).
    "moodle": r".*/(?P<name>[^/_]*)_(?P<student_id>\d+)_assignsubmission_file(?:_?/|_)(?P<file_id>.+)$",
    # Canvas: "jansenjan_4501_7890123_antwoorden.json": sortable name without non-word characters, the
    # Canvas user id, the attachment id; late: "jansenjan_LATE_4501_..." (lib/content_zipper.rb,
    # get_filename and add_submission).
    "canvas": r".*/(?P<name>[^/]+?)_(?:LATE_)?(?P<student_id>\d+)_\d+_(?P<file_id>[^/]+)$",
    # Brightspace: "12345-67890 - Jan Jansen - 29 nov. 2026 1405 - antwoorden.json", or a folder
    # "12345-67890 - Jan Jansen - Oct 10, 2025 1022 AM/antwoorden.json" (D2L does not document its
    # download; both forms are in use, docs/lms.md). It writes no student number: the learner's name
    # is the id, and the class list's names find the number when the hand-in has none.
    "brightspace": r".*/\d+-\d+ - (?P<student_id>[^/]+?) - (?P<timestamp>[^/]+?)(?: - |/)(?P<file_id>[^/]+)$",
}


class DocentError(Exception):
    """A problem the lecturer can fix; the message is Dutch."""


DB_ENV = "OUDERS_ZIEN_DB"  # the gradebook URL; grading/nbgrader_config.py reads the same variable


def course_api(folder: Path) -> Any:
    """Return nbgrader's API for the course folder, configured by its nbgrader_config.py (and the
    gradebook URL in $OUDERS_ZIEN_DB, set by ``--db``)."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    config_file = folder / "nbgrader_config.py"
    if not config_file.exists():
        raise DocentError(f"{folder} is geen cursusmap: nbgrader_config.py ontbreekt. Start in de map grading/.")
    # nbgrader runs alembic by name: put this Python's bin folder first, as for the subprocesses
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])
    config = PyFileConfigLoader(config_file.name, path=str(folder)).load_config()
    config.CourseDirectory.root = str(folder.resolve())
    if os.environ.get(DB_ENV):
        config.CourseDirectory.db_url = os.environ[DB_ENV]
    return NbGraderAPI(config=config)


def check_lesson(lesson: str) -> str:
    if lesson not in lesson_ids():
        raise DocentError(f"Onbekende les '{lesson}'. Kies uit: {', '.join(lesson_ids())}.")
    return lesson


def _bar(n: int, total: int, label: str) -> None:
    width = 30
    done = int(width * n / total) if total else width
    print(
        f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {shown(label)[:30]:<30}",
        end="",
        file=sys.stderr,
        flush=True,
    )


def status(folder: Path) -> list[dict[str, Any]]:
    """Return per lesson: released, submissions collected, graded, feedback made, and how many
    feedback pages are older than their grades ("verouderd": a reflection graded after them)."""
    from course.lecturer.feedback_page import stale

    rows = []
    with _gradebook(folder) as gb:
        graded = {a.name for a in gb.assignments} if gb is not None else set()
        for lesson in lesson_ids():

            def count(where: str, lesson: str = lesson) -> int:
                return sum(1 for p in (folder / where).glob(f"*/{lesson}") if p.is_dir())

            rows.append(
                {
                    "les": lesson,
                    "vrijgegeven": (folder / "release" / lesson).is_dir(),
                    "ingeleverd": count("submitted"),
                    "nagekeken": count("autograded"),
                    "feedback": count("feedback"),
                    "verouderd": len(stale(folder, gb, lesson)) if lesson in graded else 0,
                }
            )
    return rows


@contextlib.contextmanager
def _gradebook(folder: Path) -> Iterator[Any]:
    """The course's gradebook, or None when there is none yet (nothing graded)."""
    from nbgrader.api import Gradebook

    api = course_api(folder)
    db = api.coursedir.db_url
    if db.startswith("sqlite") and not (folder / "gradebook.db").exists():
        yield None
        return
    with quiet_gradebook(), Gradebook(db, api.coursedir.course_id) as gb:
        yield gb


def remake_feedback(folder: Path, lesson: str, students: list[str] | None = None) -> list[str]:
    """Make the feedback page of every learner of ``lesson`` (or of ``students``) whose page is
    missing or older than their grades, and only theirs; return those learners."""
    from course.lecturer.feedback_page import stale

    api = course_api(folder)
    with _gradebook(folder) as gb:
        if gb is None:
            return []
        todo = [s for s in stale(folder, gb, check_lesson(lesson)) if students is None or s in students]
        everyone = len(gb.assignment_submissions(lesson))
    if not todo:
        return []
    with quiet_gradebook():
        results = (
            [api.generate_feedback(lesson, force=True)]
            if len(todo) == everyone
            else [api.generate_feedback(lesson, student, force=True) for student in todo]
        )
    failed = [r for r in results if not r["success"]]
    if failed:
        raise DocentError(f"Feedback maken is mislukt:\n{(failed[0]['error'] or failed[0]['log']).strip()[-500:]}")
    return todo


def release(folder: Path, lesson: str, hub: bool = False) -> None:
    api = course_api(folder)
    result = api.generate_assignment(check_lesson(lesson))
    if not result["success"]:
        raise DocentError(f"Vrijgeven van {lesson} is mislukt:\n{result['error'] or result['log']}")
    if hub:
        result = api.release_assignment(lesson)
        if not result["success"]:
            raise DocentError(f"Uitdelen via JupyterHub is mislukt:\n{result['error'] or result['log']}")


def _roster(folder: Path) -> dict[str, dict[str, str]]:
    """Return the learners in the gradebook by student id, with name and LMS user id (empty when
    there is no class list yet)."""
    with _gradebook(folder) as gb:
        if gb is None:
            return {}
        return {
            s.id: {"name": " ".join(x for x in (s.first_name, s.last_name) if x), "lms_user_id": s.lms_user_id or ""}
            for s in gb.students
        }


def import_roster(folder: Path, path: Path) -> list[str]:
    """Read the LMS's class list into the gradebook (course/lecturer/roster.py); return Dutch report lines."""
    from nbgrader.api import Gradebook

    from course.lecturer.roster import RosterError, import_into, read

    try:
        lms, people, notes = read(path)
    except RosterError as exc:
        raise DocentError(f"Klassenlijst niet ingelezen: {exc}.") from None
    api = course_api(folder)
    with quiet_gradebook(), Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        new, updated = import_into(gb, people)
    return [f"Klassenlijst van {lms}: {len(people)} studenten ({new} nieuw, {updated} bijgewerkt).", *notes]


def collect_zip(folder: Path, lesson: str, archive: Path, lms: str) -> tuple[list[str], str]:
    """Put an LMS download into submitted/: course/lecturer/handin.py sorts it per learner (repairs what it
    can, refuses one learner, never the class), nbgrader's zip_collect takes in the clean result.
    Return one Dutch line per learner and a summary; the lines also go to
    downloaded/<les>/verzamelverslag.txt."""
    import subprocess

    from course.lecturer import handin

    check_lesson(lesson)
    if not archive.is_file():
        raise DocentError(f"Het bestand {archive} bestaat niet.")
    try:
        with zipfile.ZipFile(archive) as zf:
            if not [i for i in zf.infolist() if not i.is_dir()]:
                raise DocentError(f"{archive.name} is leeg: er zitten geen inzendingen in.")
            bad = zf.testzip()
            if bad is not None:
                raise DocentError(f"{archive.name} is beschadigd: {shown(bad)} kan niet worden uitgepakt.")
            learners, stray = handin.read_download(zf, LMS_PATTERNS[lms])
    except zipfile.BadZipFile:
        raise DocentError(
            f"{archive.name} is geen geldig zip-bestand (beschadigd of niet helemaal gedownload)."
        ) from None
    if not learners:
        raise DocentError(
            f"In {archive.name} herken ik geen inzendingen van {lms}: kies de goede --lms "
            f"({', '.join(sorted(LMS_PATTERNS))})."
        )
    handin.decide(learners, lesson, handin.lesson_marks(), _roster(folder))
    lines = handin.report(learners)
    if stray:
        lines.append(
            f"{len(stray)} bestand(en) in de download horen bij geen student en zijn overgeslagen: "
            f"{shown(', '.join(stray[:3]))}{' ...' if len(stray) > 3 else ''}"
        )
    base = folder / "downloaded" / lesson
    target = base / "archive"
    if target.exists():
        shutil.rmtree(target)  # only this download counts (a learner handed in again: download again)
    target.mkdir(parents=True)
    handin.write_clean(learners, target / archive.name, base / "apart")
    ids_file = base / "lms_ids.json"  # how the LMS names each learner, for the feedback package; a later download adds
    try:
        ids = json.loads(ids_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        ids = {}
    ids.update(handin.lms_ids(learners, lms))
    ids_file.write_text(json.dumps(ids, ensure_ascii=False, indent=1), encoding="utf-8")
    (base / "verzamelverslag.txt").write_text("\n".join([handin.summary(learners), *lines]) + "\n", encoding="utf-8")
    if not any(not x.refused for x in learners.values()):
        raise DocentError("Geen enkele inzending verzameld:\n" + "\n".join(lines))
    from course.authoring.release import tool_env

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "zip_collect",
            lesson,
            "--force",
            "--ZipCollectApp.collector_plugin=nbgrader.plugins.zipcollect.FileNameCollectorPlugin",
            f"--FileNameCollectorPlugin.named_regexp={handin.CLEAN_PATTERN}",
            "--FileNameCollectorPlugin.valid_ext=['.ipynb', '.json']",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env=tool_env(),
    )
    if proc.returncode != 0:
        raise DocentError(f"nbgrader zip_collect is mislukt:\n{proc.stderr[-2000:]}")
    return lines, handin.summary(learners)


def place_missing_notebooks(folder: Path, lesson: str) -> list[str]:
    """Give every submission folder without the lesson notebook the released one (its reflections
    count as empty), so no learner with answers is left out of grading; return what was done."""
    released = folder / "release" / lesson / f"{lesson}.ipynb"
    done = []
    for sub in sorted((folder / "submitted").glob(f"*/{lesson}")):
        target = sub / f"{lesson}.ipynb"
        if sub.is_dir() and not target.exists() and not target.is_symlink():
            if not released.exists():
                raise DocentError(f"Les {lesson} is nog niet vrijgegeven: `ouders-zien docent vrijgeven {lesson}`.")
            shutil.copy2(released, target)
            done.append(
                f"{sub.parent.name}: geen notebook ingeleverd; nagekeken met de lege les (reflectie telt als leeg)"
            )
    return done


@contextlib.contextmanager
def quiet_gradebook() -> Iterator[None]:
    """A context in which nbgrader's gradebook does not print SQLAlchemy's "Object of type
    <SubmittedAssignment> not in session, add operation along ... will not proceed" on the
    lecturer's screen. The cause is nbgrader's own code (nbgrader/api.py, Gradebook.add_submission
    and SubmittedNotebook): it builds a submission through relationships before adding it to the
    session, which SQLAlchemy 2 no longer cascades by backref; nbgrader adds it right after, so
    nothing is lost. Only that warning, only from nbgrader.api, is silenced."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"Object of type <Submitted\w+> not in session", module=r"nbgrader\.api"
        )
        yield


def hand_in_fingerprint(folder: Path, lesson: str, student: str) -> str:
    """A fingerprint of what a learner handed in (every file of submitted/<student>/<lesson>)."""
    import hashlib

    base = folder / "submitted" / student / lesson
    digest = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _graded_log(folder: Path, lesson: str) -> Path:
    return folder / ".ouders-zien" / f"nagekeken_{lesson}.json"


def _autograde_one(job: tuple[str, str, str]) -> tuple[str, dict[str, Any]]:
    folder, lesson, student = job
    return student, course_api(Path(folder)).autograde(lesson, student)


def grade(
    folder: Path, lesson: str, feedback: bool = True, workers: int = 1, again: bool = False
) -> dict[str, list[str]]:
    """Autograde every new or changed submission of ``lesson`` (continuing past a broken one),
    cross-check the gradebook against the answer files, and make the feedback that is missing or
    out of date. Return Dutch report lines by kind.

    A submission graded before and unchanged since is left alone (``again`` grades it anyway):
    nbgrader puts a reflection it grades again back on "needs manual grade", so a late hand-in
    must not undo the lecturer's grading of the others.

    ``workers`` > 1 grades in parallel processes; only with a server gradebook (PostgreSQL):
    nbgrader's SQLite gradebook takes one writer. The first submission is graded alone, so that
    the gradebook's tables are made once before the workers start."""
    from nbgrader.api import Gradebook

    from course.lecturer.crosscheck import crosscheck

    check_lesson(lesson)
    api = course_api(folder)
    report: dict[str, list[str]] = {
        "hersteld": place_missing_notebooks(folder, lesson),
        "mislukt": [],
        "verschillen": [],
    }
    found = sorted(p.parent.name for p in (folder / "submitted").glob(f"*/{lesson}") if p.is_dir())
    if not found:
        raise DocentError(f"Er zijn nog geen inzendingen van les {lesson} in submitted/. Eerst: verzamelen.")
    students = [s for s in found if student_id(s) is not None]
    report["mislukt"] += [
        f"{shown(s)}: geen geldige studentnaam (nbgrader zou hem als HTML tonen); niet nagekeken. "
        "Geef de map in submitted/ een naam van letters, cijfers en spaties."
        for s in found
        if s not in students
    ]
    if not students:
        raise DocentError(
            f"Geen inzending van les {lesson} met een geldige studentnaam: {shown(', '.join(found[:5]))}."
        )
    log_path = _graded_log(folder, lesson)
    try:
        graded_before = {} if again else json.loads(log_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        graded_before = {}
    prints = {s: hand_in_fingerprint(folder, lesson, s) for s in students}
    unchanged = [
        s for s in students if graded_before.get(s) == prints[s] and (folder / "autograded" / s / lesson).is_dir()
    ]
    students = [s for s in students if s not in unchanged]
    report["ongewijzigd"] = (
        [
            f"{len(unchanged)} inzending(en) al nagekeken en niet veranderd: niet opnieuw "
            "nagekeken (opnieuw toch: --opnieuw)"
        ]
        if unchanged
        else []
    )
    if workers > 1 and api.coursedir.db_url.startswith("sqlite"):
        raise DocentError(
            "Parallel nakijken kan alleen met een PostgreSQL-cijferboek (--db postgresql+psycopg2://...): "
            "het SQLite-cijferboek kan maar één schrijver tegelijk aan."
        )

    failed: set[str] = set()

    def record(n: int, student: str, result: dict[str, Any]) -> None:
        _bar(n, len(students), student)
        report["hersteld"].extend(
            line.split("Ouders zien: ", 1)[1] for line in (result["log"] or "").splitlines() if "Ouders zien: " in line
        )
        if not result["success"]:
            failed.add(student)
            report["mislukt"].append(f"{student}: {(result['error'] or result['log']).strip().splitlines()[-1][:200]}")

    with quiet_gradebook():
        if students:
            record(1, students[0], api.autograde(lesson, students[0]))
        rest = [(str(folder), lesson, s) for s in students[1:]]
        if workers > 1 and rest:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for n, (student, result) in enumerate(pool.imap_unordered(_autograde_one, rest), start=2):
                    record(n, student, result)
        else:
            for n, (_, _, student) in enumerate(rest, start=2):
                record(n, student, api.autograde(lesson, student))
        _bar(len(students), len(students), "klaar")
        print(file=sys.stderr)
        with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
            checks = crosscheck(folder, lesson, folder, gb)
    graded_before.update({s: prints[s] for s in students if s not in failed})
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_text(json.dumps(graded_before, indent=1, sort_keys=True), encoding="utf-8")
    report["verschillen"] = [d for c in checks for d in c.differences()]
    report["opmerkingen"] = [f"{c.student}: {note}" for c in checks for note in c.notes]
    if feedback:
        try:
            remade = remake_feedback(folder, lesson)
        except DocentError as exc:
            report["mislukt"].append(f"feedback: {str(exc)[-200:]}")
        else:
            report["feedback"] = [f"feedback gemaakt voor {len(remade)} student(en)"] if remade else []
    return report


def write_report(folder: Path, lessons: list[str], out: Path, notes: list[str] | None = None) -> list[Path]:
    """Write cijfers.csv, per lesson the item analysis (CSV and PNG), and what is still to grade;
    append to ``notes`` what the lecturer should know (too few hand-ins to judge the items)."""
    import csv

    from nbgrader.api import Gradebook

    from course.figures.plots import plt
    from course.lecturer import itemanalysis as ia
    from course.lecturer import lms_export
    from course.lecturer.cijfers import results, write_csv

    api = course_api(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with quiet_gradebook(), Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        released = {a.name for a in gb.assignments}
    for lesson in sorted(released):  # the feedback that goes out is never older than the grades
        if lesson in lesson_ids():
            remade = remake_feedback(folder, lesson)
            if remade and notes is not None:
                notes.append(f"feedback van {lesson} opnieuw gemaakt voor {len(remade)} student(en) (punten veranderd)")
    with quiet_gradebook(), Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        rows = results(gb)
        write_csv(rows, out / "cijfers.csv")
        write_csv(rows, out / "cijfers_excel.csv", excel_nl=True)  # the same, for Excel with Dutch settings
        lms_export.moodle_grades(rows, out / "moodle_cijfers.csv")
        lms_export.canvas_grades(rows, out / "canvas_cijfers.csv")
        lms_export.brightspace_grades(rows, out / "brightspace_cijfers.csv")
        written += [
            out / name
            for name in (
                "cijfers.csv",
                "cijfers_excel.csv",
                "moodle_cijfers.csv",
                "canvas_cijfers.csv",
                "brightspace_cijfers.csv",
            )
        ]
        for lesson in sorted(released):
            packed, left = lms_export.moodle_feedback_zip(folder, lesson, out / f"moodle_feedback_{lesson[:2]}.zip")
            if packed:
                written.append(out / f"moodle_feedback_{lesson[:2]}.zip")
            if left and notes is not None:
                notes.append(f"Moodle-feedbackzip van {lesson}: {len(left)} student(en) zonder feedback")
        todo = []
        for lesson in [check_lesson(lesson) for lesson in lessons] or sorted(released):
            if lesson not in released:
                raise DocentError(f"Les {lesson} staat nog niet in het cijferboek: eerst vrijgeven en nakijken.")
            shares = ia.shares_from_gradebook(gb, lesson)
            if not shares:
                continue
            folders = [folder / "submitted" / s / lesson for s in shares]
            stats = ia.analyse(shares, lesson, ia.option_counts(folders, lesson))
            if len(shares) < ia.MIN_N and notes is not None:
                notes.append(f"itemanalyse van {lesson}: {ia.too_few(len(shares))}; geen vraag krijgt een oordeel")
            path = out / f"itemanalyse_{lesson}.csv"
            with open(path, "w", newline="", encoding="utf-8") as fh:
                table = ia.table(stats)
                writer = csv.DictWriter(fh, fieldnames=list(table[0]))
                writer.writeheader()
                writer.writerows(table)
            fig = ia.figure(stats, f"Itemanalyse les {lesson[:2]} (n = {len(shares)})")
            fig.savefig(out / f"itemanalyse_{lesson}.png")
            plt.close(fig)
            written += [path, out / f"itemanalyse_{lesson}.png"]
            for sub in gb.assignment_submissions(lesson):
                waiting = [g.name for nb in sub.notebooks for g in nb.grades if g.needs_manual_grade]
                if waiting:
                    todo.append(f"{csv_cell(shown(sub.student.id))}\t{lesson}\t{', '.join(waiting)}")
        (out / "nog_nakijken.txt").write_text("\n".join(["student\tles\treflectie", *todo]) + "\n", encoding="utf-8")
        written.append(out / "nog_nakijken.txt")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = DutchArgumentParser(prog="ouders-zien docent", description="Nakijken met nbgrader, voor docenten.")
    parser.add_argument("--map", type=Path, default=Path("."), help="de cursusmap (standaard: hier; meestal grading/)")
    parser.add_argument(
        "--db",
        help="het cijferboek als database-URL, bijvoorbeeld postgresql+psycopg2://docent@server/ouders "
        "(standaard: $OUDERS_ZIEN_DB, anders gradebook.db in de cursusmap)",
    )
    sub = parser.add_subparsers(dest="opdracht", required=True)
    sub.add_parser("status", help="wat is vrijgegeven, ingeleverd, nagekeken, teruggegeven")
    p = sub.add_parser("vrijgeven", aliases=["release"], help="een les klaarzetten")
    p.add_argument("les")
    p.add_argument("--hub", action="store_true", help="ook uitdelen via JupyterHub (nbgrader release_assignment)")
    p = sub.add_parser("verzamelen", aliases=["collect"], help="inzendingen ophalen")
    p.add_argument("les")
    p.add_argument("--zip", type=Path, help="een download van de leeromgeving")
    p.add_argument("--lms", choices=sorted(LMS_PATTERNS), default="moodle", help="welke leeromgeving (voor --zip)")
    p = sub.add_parser("klassenlijst", aliases=["roster"], help="de klassenlijst uit de leeromgeving inlezen")
    p.add_argument("bestand", type=Path, help="deelnemers (Moodle) of cijferexport (Canvas, Brightspace), als CSV")
    p = sub.add_parser("nakijken", aliases=["grade"], help="alles nakijken, controleren en feedback maken")
    p.add_argument("les")
    p.add_argument("--geen-feedback", action="store_true")
    p.add_argument("--parallel", type=int, default=1, metavar="N", help="N processen tegelijk (alleen met PostgreSQL)")
    p.add_argument("--opnieuw", action="store_true", help="ook inzendingen die al nagekeken en niet veranderd zijn")
    p = sub.add_parser("feedback", help="feedback maken waar die ontbreekt of ouder is dan de punten")
    p.add_argument("les")
    p = sub.add_parser("rapport", aliases=["report"], help="cijfers, itemanalyse, nog na te kijken")
    p.add_argument("lessen", nargs="*")
    p.add_argument("--uit", type=Path, default=Path("rapport"), help="map voor de bestanden (standaard: rapport/)")
    args = parser.parse_args(argv)
    folder, command = args.map, ALIASES.get(args.opdracht, args.opdracht)
    before = os.environ.get(DB_ENV)
    if args.db:
        os.environ[DB_ENV] = args.db  # also for nbgrader's own processes (zip_collect) and the workers
    try:
        if command == "status":
            print("les                              vrijgegeven  ingeleverd  nagekeken  feedback")
            rows = status(folder)
            for r in rows:
                old = f" ({r['verouderd']} verouderd)" if r["verouderd"] else ""
                print(
                    f"{r['les']:<33}{'ja' if r['vrijgegeven'] else 'nee':<13}{r['ingeleverd']:<12}"
                    f"{r['nagekeken']:<11}{r['feedback']}{old}"
                )
            if any(r["verouderd"] for r in rows):
                print(
                    "Verouderde feedback is gemaakt vóór de laatste punten of opmerkingen: "
                    "`ouders-zien docent feedback LES` maakt hem opnieuw."
                )
        elif command == "klassenlijst":
            for line in import_roster(folder, args.bestand):
                print(shown(line))
        elif command == "vrijgeven":
            release(folder, args.les, args.hub)
            print(f"Les {args.les} is vrijgegeven.")
        elif command == "verzamelen":
            if args.zip:
                lines, total = collect_zip(folder, args.les, args.zip, args.lms)
                for line in lines:
                    print(line)  # handin.py shows every name and file name escaped
                print(total)
            else:
                from course.lecturer.exchange_guard import set_aside_impostors

                api = course_api(folder)
                exchange = api.config.Exchange.get("root", "/srv/nbgrader/exchange")  # nbgrader's default root
                for note in set_aside_impostors(exchange, api.coursedir.course_id, check_lesson(args.les)):
                    print(f"Let op: {note}")
                result = api.collect(args.les)
                if not result["success"]:
                    raise DocentError(f"Ophalen via JupyterHub is mislukt:\n{result['error'] or result['log']}")
            n = sum(1 for p in (folder / "submitted").glob(f"*/{args.les}") if p.is_dir())
            print(f"Verzameld: {n} inzendingen van les {args.les} in submitted/.")
        elif command == "nakijken":
            report = grade(folder, args.les, not args.geen_feedback, args.parallel, args.opnieuw)
            for kind, lines in report.items():
                for line in lines:
                    print(f"{kind}: {shown(line)}")  # lines name learners: no terminal codes
            print(
                f"Klaar. {len(report['mislukt'])} mislukt, {len(report['verschillen'])} verschil(len) met de "
                "antwoordbestanden."
            )
        elif command == "feedback":
            remade = remake_feedback(folder, args.les)
            print(
                f"Feedback gemaakt voor {len(remade)} student(en)."
                if remade
                else "Alle feedback van deze les is al bij: er is niets veranderd sinds hij gemaakt is."
            )
        elif command == "rapport":
            notes: list[str] = []
            for path in write_report(
                folder, args.lessen, args.uit if args.uit.is_absolute() else folder / args.uit, notes
            ):
                print(f"Geschreven: {path}")
            for note in notes:
                print(f"Let op: {note}")
    except (DocentError, ContentError) as exc:
        print(f"Fout: {shown(exc, keep_lines=True)}", file=sys.stderr)
        return 2
    finally:
        if before is None:
            os.environ.pop(DB_ENV, None)
        else:
            os.environ[DB_ENV] = before
    return 0


def cli(argv: list[str] | None = None) -> int:
    """The ``ouders-zien`` console script: ``ouders-zien start`` for learners (course/learner/start.py),
    ``ouders-zien docent <opdracht> ...`` for lecturers."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "start":
        from course.learner.start import main as start

        return start(args[1:])
    if args and args[0] in ("-h", "--help", "help", "hulp"):  # asked for: the usage, and no error (fourteenth walk)
        print(msg.CLI_USAGE)
        return 0
    if not args or args[0] not in ("docent", "lecturer"):
        print(msg.CLI_USAGE, file=sys.stderr)
        return 2
    return main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
