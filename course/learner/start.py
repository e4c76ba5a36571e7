"""The learner's way in without ``make``: ``ouders-zien start``.

    ouders-zien start                 copy the lessons to a folder of your own and open JupyterLab
    ouders-zien start --map MAP       the same, in MAP
    ouders-zien start --geen-browser  start JupyterLab without opening a browser (a server, a test)

The lessons are copied once: a lesson already in the folder is never overwritten (the learner's
notebook and ``antwoorden.json`` stay as they are); a lesson that is new in this version is added.
JupyterLab starts in Dutch (the settings override the wheel installs in
``share/jupyter/lab/settings/overrides.d``) and with the learner's page config, which hides
nbgrader's lecturer tools (formgrader, create assignment, course list).

Everything goes through ``pathlib`` and ``sys.executable -m jupyterlab``: no shell, no ``make``,
the same on Windows, macOS and Linux. The only per-system branch is where the default folder goes
(:func:`documents_folder`).
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from course.cli_nl import DutchArgumentParser, port_number
from course.learner import lab
from course.learner.lab import PORT_TAKEN
from course.store import STORE_NAME

FOLDER_NAME = "Ouders zien"
FIRST_LESSON = Path("00_start") / "00_start.ipynb"
PACKAGE = Path(__file__).resolve().parents[1]  # course/ (start.py lives in course/learner/)
REPO = PACKAGE.parent
FIRST_PORT = 8888  # JupyterLab's own default
# The console window while JupyterLab runs (JupyterLab's own lines are hidden or Dutch: course/learner/lab.py).
STARTING = (
    "JupyterLab start. Stoppen: sla eerst op (Ctrl+S in JupyterLab), sluit dan dit venster of druk hier op Ctrl+C."
)
ADDRESS = "Opent je browser niet vanzelf? Plak dan dit adres in je browser: {address}"
# with --geen-browser nothing opens by itself (eleventh walk: the line above then asked a question that did not apply)
ADDRESS_NO_BROWSER = "Open je browser. Plak dan dit adres in je browser: {address}"
GOING_ON = "Je gaat verder waar je het laatst een antwoord gaf: {lesson}."
GOING_ON_OPEN = "Je gaat verder bij de les die je het laatst open had: {lesson}."
# The end of --help (sixth walk: "Andere opties … gaan door naar JupyterLab" was jargon, and nothing said how to stop)
EPILOG = (
    "Je werk blijft bewaard: een les die er al staat, wordt nooit overschreven. Stoppen: sla op in JupyterLab "
    "(Ctrl+S) en sluit dit venster, of druk hier op Ctrl+C. Opnieuw starten gaat met dezelfde opdracht; je gaat "
    "dan verder bij de les die je het laatst open had. (Voor wie meer wil: opties die met -- beginnen, "
    "gaan door naar JupyterLab.)"
)
WORKSPACE = ".werkplek"  # JupyterLab's workspace of one start (fresh_workspace)


class StartError(Exception):
    """A problem the learner can fix; the message is Dutch."""


def lessons_source() -> Path:
    """Return the folder with the learner's lessons: inside the installed package (the wheel maps
    the repository's ``notebooks/`` to ``course/_lessen``), or the repository's own in a checkout."""
    for candidate in (PACKAGE / "_lessen", REPO / "notebooks"):
        if (candidate / FIRST_LESSON).is_file():
            return candidate
    raise StartError(
        "De lessen zijn niet gevonden bij deze installatie. Installeer de cursus opnieuw (pip install ouders-zien)."
    )


def learner_config() -> Path:
    """Return the Jupyter config folder with the learner's page config (no lecturer tools)."""
    for candidate in (PACKAGE / "_leerling", REPO / "jupyter-settings" / "learner"):
        if (candidate / "labconfig" / "page_config.json").is_file():
            return candidate
    raise StartError("De instellingen voor leerlingen zijn niet gevonden. Installeer de cursus opnieuw.")


def documents_folder(home: Path | None = None, system: str | None = None) -> Path:
    """Return the learner's documents folder: Windows and macOS call it Documents (Windows shows it
    as 'Documenten'); on Linux ``~/.config/user-dirs.dirs`` names it (XDG, e.g. 'Documenten').
    The home folder when there is none."""
    home = home or Path.home()
    system = system or platform.system()
    if system == "Linux":
        dirs = home / ".config" / "user-dirs.dirs"
        if dirs.is_file():
            for line in dirs.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith("XDG_DOCUMENTS_DIR="):
                    value = line.split("=", 1)[1].strip().strip('"').replace("$HOME", str(home))
                    if Path(value).is_dir():
                        return Path(value)
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def choose_folder(given: str | None, cwd: Path | None = None, home: Path | None = None) -> Path:
    """Return where the lessons go: ``--map`` if given; the current folder if it already holds the
    lessons (a learner who starts inside their own folder); else 'Ouders zien' in the documents."""
    if given:
        folder = Path(given).expanduser()
        if folder.exists() and not folder.is_dir():
            raise StartError(f"{folder} is een bestand, geen map. Kies een map voor je lessen.")
        return folder.resolve()
    cwd = cwd or Path.cwd()
    if (cwd / FIRST_LESSON).is_file():
        return cwd.resolve()
    return documents_folder(home) / FOLDER_NAME


def copy_lessons(source: Path, target: Path) -> list[Path]:
    """Copy every lesson folder of ``source`` that ``target`` does not have yet; return the files
    copied (relative to ``target``). Nothing that is already there is overwritten."""
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for lesson in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for path in sorted(lesson.rglob("*")):
            if not path.is_file() or _private(path.relative_to(lesson)):
                continue
            relative = path.relative_to(source)
            if (target / relative).exists():
                continue
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".ipynb":
                _copy_notebook(path, target / relative)
            else:
                shutil.copy2(path, target / relative)
            copied.append(relative)
    return copied


def _copy_notebook(source: Path, target: Path) -> None:
    """Copy a lesson notebook, naming its language as this environment's kernel will: JupyterLab writes the
    kernel's language_info into an open notebook, and a lesson that only said {"name": "python"} was marked
    unsaved the moment a learner opened it (issue 24)."""
    try:
        from ipykernel.ipkernel import IPythonKernel

        notebook = json.loads(source.read_text(encoding="utf-8"))
        notebook["metadata"]["language_info"] = dict(IPythonKernel.language_info)
    except (ImportError, ValueError, KeyError, TypeError):  # no kernel here, or not a notebook: copied as it is
        shutil.copy2(source, target)
        return
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.copystat(source, target)


def _private(relative: Path) -> bool:
    """Whether a file beside a lesson is someone's data or a cache, never handed on: answers (and
    their set-aside copies), hidden files, checkpoints (a developer's checkout may hold them)."""
    return any(part.startswith((".", "__pycache__")) for part in relative.parts) or relative.name.startswith(
        Path(STORE_NAME).stem
    )


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether nothing listens on ``port`` at ``host`` (tried by binding it). On POSIX the probe binds as the server
    will: tornado's bind_sockets sets SO_REUSEADDR there, so a port whose last server just stopped (its connections in
    TIME_WAIT) is free for the next start. Not on Windows, where SO_REUSEADDR would let a bind share a port in use."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(first: int = FIRST_PORT) -> int:
    """Return the first free port from ``first`` on. The server gets this port and ``port_retries=0``: it never
    moves to another port, so the address printed before it starts is the address it serves (a port taken in
    between makes it stop with a Dutch line, course/learner/lab.py)."""
    for port in range(first, 65536):
        if port_is_free(port):
            return port
    raise StartError("Er is geen vrije poort gevonden. Sluit andere programma's en probeer het opnieuw.")


def last_lesson(folder: Path) -> Path:
    """Return the lesson to open, relative to ``folder``: the one that was open last (:func:`open_last`), else the
    one whose answers were saved last (the learner goes on where they stopped), else lesson 00. A lesson's answers
    are its ``antwoorden.json``."""
    return open_last(folder) or last_answered(folder) or FIRST_LESSON


def last_answered(folder: Path) -> Path | None:
    """The lesson whose ``antwoorden.json`` was saved last, relative to ``folder``; None before any answer."""
    answered = [
        (store.stat().st_mtime, store.parent / f"{store.parent.name}.ipynb")
        for store in folder.glob(f"*/{STORE_NAME}")
        if (store.parent / f"{store.parent.name}.ipynb").is_file()
    ]
    return max(answered)[1].relative_to(folder) if answered else None


def open_last(folder: Path) -> Path | None:
    """The lesson whose tab was active when JupyterLab last saved its layout in the workspace of the last start
    (``folder``/.werkplek, read before :func:`fresh_workspace` empties it; jupyterlab_server's
    ``*.jupyterlab-workspace``, its "layout-restorer:data" main area's ``current``, "notebook:<path>"). Eighth walk:
    a learner who opened lesson 04 and stopped before answering in it expected 04 the next day, not 03. Only a
    lesson of this folder counts (<lesson>/<lesson>.ipynb); anything else in the file, or a file that is not JSON,
    gives None."""
    saved = sorted(
        (path.stat().st_mtime, path) for path in (folder / WORKSPACE).glob("*.jupyterlab-workspace") if path.is_file()
    )
    for _, path in reversed(saved):
        try:
            current = json.loads(path.read_text(encoding="utf-8"))["data"]["layout-restorer:data"]["main"]["current"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not isinstance(current, str) or not current.startswith("notebook:"):
            continue
        lesson = Path(current.removeprefix("notebook:"))
        lessons = {p.relative_to(folder) for p in folder.glob("*/*.ipynb") if p.stem == p.parent.name}
        if lesson in lessons:
            return lesson
    return None


def going_on(folder: Path, lesson: Path) -> str:
    """The console's line that says which lesson opens, and why (:func:`last_lesson`)."""
    said = GOING_ON_OPEN if open_last(folder) == lesson else GOING_ON
    return said.format(lesson=lesson_name(lesson.parent.name))


def lesson_name(folder_name: str) -> str:
    """A lesson's folder name as the console says it: '03_de_ouder_achter_het_gedrag' -> 'les 03, de ouder achter het
    gedrag' (ninth walk: the underscored folder name in the console)."""
    number, _, rest = folder_name.partition("_")
    return f"les {number}, {rest.replace('_', ' ')}" if number.isdigit() and rest else folder_name


def fresh_workspace(folder: Path) -> Path:
    """Return an empty folder for JupyterLab's workspace of this start, in the lessons' folder (hidden, never handed
    in: a hand-in is one lesson's folder). JupyterLab restores every tab of the last time from its workspace (fifth
    walk: five lessons and five kernels the next day); a fresh one per start opens only the lesson named in the
    command, while a reload of the page in the same start keeps its tabs (LabApp.workspaces_dir)."""
    workspace = folder / WORKSPACE
    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True, exist_ok=True)
    return workspace


def fresh_cookie_secret(port: int, runtime: Path | None = None) -> Path:
    """Return the path of this start's cookie secret, with no file there yet: jupyter_server then writes a new random
    secret (0600, jupyter_core.paths.secure_write) when it starts. Its default file in Jupyter's runtime folder lives
    as long as HOME does, so a browser tab left open from the day before stayed logged in to the next start and saved
    its old layout into the fresh workspace (CI and the walks, 2026-12-02). With a new secret that tab's cookie no
    longer counts and the server refuses its requests (jupyter_server ServerApp.cookie_secret_file; the secret is a
    file, never the command line). One file per port: two starts at once never share one, and a restart on the same
    port replaces its own."""
    if runtime is None:
        from jupyter_core.paths import jupyter_runtime_dir

        runtime = Path(jupyter_runtime_dir())
    runtime.mkdir(parents=True, exist_ok=True)
    secret = runtime / f"ouders-zien-{port}-cookie-secret"
    secret.unlink(missing_ok=True)
    return secret


def lesson_path(lesson: Path) -> str:
    """The path that opens ``lesson`` in JupyterLab with the file browser on the folder of every lesson: JupyterLab's
    /lab/tree/<path> route, whose file browser otherwise goes into the lesson's own folder (seventh walk: "where are
    the other lessons?"; the query parameter ``file-browser-path``, https://jupyterlab.readthedocs.io/en/stable/user/urls.html)."""
    return f"/lab/tree/{quote(lesson.as_posix())}?file-browser-path=/"


def address(port: int, token: str, lesson: Path = FIRST_LESSON) -> str:
    """The address that opens ``lesson`` in JupyterLab (:func:`lesson_path`), with the token."""
    return f"http://localhost:{port}{lesson_path(lesson)}&token={token}"


def launch(
    folder: Path,
    port: int,
    token: str,
    open_browser: bool = True,
    extra: list[str] | None = None,
    lesson: Path = FIRST_LESSON,
    cookie_secret: Path | None = None,
) -> tuple[list[str], dict[str, str]]:
    """Return the command and environment that start JupyterLab on ``folder`` with ``lesson`` open (and no other
    tab: its workspace is ``folder``/.werkplek, emptied by :func:`fresh_workspace`), in Dutch and with the
    learner's page config first on the config path. The server logs only errors; ``extra`` goes to JupyterLab as
    it is.

    The console window shows only the course's Dutch lines: the token is ours, so jupyter_server does not log its
    English address block ("To access the server, ..."; it does so only for a token it generated). The token goes
    through the environment (JUPYTER_TOKEN), never the command line, which other users of the machine can read in
    the process list. ``answer_yes`` makes one Ctrl+C stop the server without jupyter_server's English question
    "Shut down this Jupyter server (y/[n])?", and course/learner/lab.py turns its last English stop lines into Dutch.
    ``cookie_secret`` is the file of this start's cookie secret (:func:`fresh_cookie_secret`).
    """
    argv = [
        sys.executable,
        "-m",
        "course.learner.lab",  # JupyterLab itself (jupyterlab.labapp.main), with its console lines in Dutch
        # the page the browser opens (and '/' leads to); not a file to run, whose address has no file browser path
        f"--ServerApp.default_url={lesson_path(lesson)}",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.workspaces_dir={folder / WORKSPACE}",
        f"--ServerApp.open_browser={open_browser}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.answer_yes=True",
        "--log-level=ERROR",
        # JupyterLab's own start lines ("JupyterLab extension loaded from …", "Extension Manager is 'pypi'") are
        # the LabApp's, which --log-level does not reach (issue 24, fourth walk: English lines in the console window)
        "--LabApp.log_level=ERROR",
    ]
    if cookie_secret is not None:
        argv.append(f"--ServerApp.cookie_secret_file={cookie_secret}")
        # a tab of an earlier start is refused with a Dutch reason (course/learner/old_tab.py)
        argv.append("--ServerApp.identity_provider_class=course.learner.old_tab.OldTabIdentity")
    argv += extra or []
    env = dict(os.environ)
    env["JUPYTER_TOKEN"] = token
    env.pop("JUPYTER_TOKEN_FILE", None)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(learner_config()), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])]
    )
    return argv, env


def main(argv: list[str] | None = None) -> int:
    """``ouders-zien start``: copy the lessons, then run JupyterLab until the learner stops it."""
    parser = DutchArgumentParser(
        prog="ouders-zien start", description="Zet de lessen in een eigen map en open JupyterLab."
    )
    parser.add_argument("--map", help=f"de map voor je lessen (standaard: '{FOLDER_NAME}' in je Documenten)")
    parser.add_argument("--geen-browser", action="store_true", help="geen browser openen")
    parser.add_argument(
        "--poort", type=port_number, help=f"de poort van JupyterLab (standaard: de eerste vrije vanaf {FIRST_PORT})"
    )
    parser.epilog = EPILOG
    args, extra = parser.parse_known_args(argv)
    unknown = [a for a in extra if not a.startswith("--")]
    if unknown:
        parser.error(f"onbekend: {' '.join(unknown)}")
    token = secrets.token_hex(24)
    try:
        folder = choose_folder(args.map)
        copied = copy_lessons(lessons_source(), folder)
        if args.poort and not port_is_free(args.poort):
            raise StartError(PORT_TAKEN.format(port=args.poort))
        port = args.poort or free_port()
        lesson = last_lesson(folder)
        said = going_on(folder, lesson) if lesson != FIRST_LESSON else ""
        fresh_workspace(folder)
        secret = fresh_cookie_secret(port)
        command, env = launch(
            folder, port, token, open_browser=not args.geen_browser, extra=extra, lesson=lesson, cookie_secret=secret
        )
    except (StartError, OSError) as error:
        print(f"ouders-zien start: {error}", file=sys.stderr)
        return 2
    print(f"Je lessen staan in: {folder}")
    if copied:
        print(f"Nieuw neergezet: {len({p.parts[0] for p in copied})} les(sen). Wat er al stond, is niet veranderd.")
    # One Ctrl+C stops JupyterLab: on POSIX jupyter_server's handler with answer_yes, on Windows the console's
    # Ctrl+C reaches JupyterLab as KeyboardInterrupt (see run).
    if said:
        print(said)
    print(STARTING)
    sys.stdout.flush()
    # JupyterLab prints the address itself once it answers (course/learner/lab.py), not before
    line = ADDRESS_NO_BROWSER if args.geen_browser else ADDRESS
    env[lab.ADDRESS_LINE] = line.format(address=address(port, token, lesson))
    env[lab.PORT] = str(port)
    return run(command, folder, env)


def run(command: list[str], folder: Path, env: dict[str, str]) -> int:
    """Run JupyterLab in ``folder``. POSIX: this process becomes JupyterLab (exec), so a signal that
    stops it reaches the server itself. Windows has no exec that keeps the console: a child process,
    waited for."""
    if os.name == "nt":
        # Not tested here (no Windows on the test machines); from the sources: jupyter_server installs no SIGINT
        # handler on Windows (init_signal), so the console's Ctrl+C, which reaches every process of the console,
        # is a KeyboardInterrupt in JupyterLab's loop: it stops without the English y/n question, and
        # course.learner.lab prints its Dutch line. This process gets the KeyboardInterrupt too; subprocess.call
        # then gives JupyterLab a moment to stop and kills it if it is still running (closing the window ends
        # both as well).
        try:
            return subprocess.call(command, cwd=folder, env=env)
        except KeyboardInterrupt:
            return 0
    os.chdir(folder)
    os.execve(command[0], command, env)
    return 1  # not reached: execve returns only by raising OSError
