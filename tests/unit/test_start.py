"""`ouders-zien start`, the learner's way in without make: where the lessons go, what is copied
(never overwritten), and how JupyterLab is started (argv and environment, no shell)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from course.learner import lab, start
from course.lecturer.docent import cli


@pytest.fixture(autouse=True)
def _own_runtime_folder(tmp_path, monkeypatch):
    """`ouders-zien start` replaces its cookie secret in Jupyter's runtime folder: here a folder of the test's own."""
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))


LESSONS = sorted(p.name for p in start.lessons_source().iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def test_the_lessons_are_found_in_a_checkout():
    assert len(LESSONS) == 7 and LESSONS[0] == "00_start"


@pytest.mark.parametrize("system", ["Windows", "Darwin", "Linux"])
def test_the_default_folder_is_in_the_documents(tmp_path, system):
    (tmp_path / "Documents").mkdir()
    assert start.documents_folder(tmp_path, system) == tmp_path / "Documents"
    assert start.choose_folder(None, cwd=tmp_path, home=tmp_path) == tmp_path / "Documents" / "Ouders zien"


def test_without_a_documents_folder_the_home_folder(tmp_path):
    assert start.documents_folder(tmp_path, "Windows") == tmp_path


def test_linux_reads_the_xdg_documents_folder(tmp_path):
    (tmp_path / "Documenten").mkdir()
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Documenten"\n', encoding="utf-8")
    assert start.documents_folder(tmp_path, "Linux") == tmp_path / "Documenten"
    assert start.documents_folder(tmp_path, "Windows") == tmp_path  # only Linux reads it


def test_a_learner_who_starts_inside_their_folder_stays_there(tmp_path):
    start.copy_lessons(start.lessons_source(), tmp_path / "mijn lessen")
    assert (
        start.choose_folder(None, cwd=tmp_path / "mijn lessen", home=tmp_path) == (tmp_path / "mijn lessen").resolve()
    )


def test_a_given_folder_wins_and_a_file_is_refused(tmp_path):
    assert start.choose_folder(str(tmp_path / "elders"), cwd=tmp_path) == (tmp_path / "elders").resolve()
    (tmp_path / "bestand.txt").write_text("x", encoding="utf-8")
    with pytest.raises(start.StartError, match="is een bestand, geen map"):
        start.choose_folder(str(tmp_path / "bestand.txt"))


def test_lessons_are_copied_once_and_never_overwritten(tmp_path):
    target = tmp_path / "Ouders zien"
    copied = start.copy_lessons(start.lessons_source(), target)
    assert sorted({p.parts[0] for p in copied}) == LESSONS
    notebook = target / "01_waarom_ouders" / "01_waarom_ouders.ipynb"
    json.loads(notebook.read_text(encoding="utf-8"))  # a real notebook
    notebook.write_text("mijn eigen versie", encoding="utf-8")
    (target / "01_waarom_ouders" / "antwoorden.json").write_text("{}", encoding="utf-8")
    assert start.copy_lessons(start.lessons_source(), target) == []
    assert notebook.read_text(encoding="utf-8") == "mijn eigen versie"
    # a lesson that is new in a later version is added, the rest stays
    import shutil

    shutil.rmtree(target / "06_tot_slot_en_nu")
    again = start.copy_lessons(start.lessons_source(), target)
    assert {p.parts[0] for p in again} == {"06_tot_slot_en_nu"}


def test_a_copied_lesson_opens_saved_it_names_the_kernels_language_as_the_kernel_will(tmp_path):
    """Issue 24 (a learner's walk): a lesson was marked unsaved the moment it opened, because JupyterLab writes the
    kernel's language_info into the notebook (tried in Chromium: with the kernel's own language_info in the file the
    notebook stays saved on open). The copy names it as this environment's kernel will (ipykernel's
    IPythonKernel.language_info); the cells are the lesson's own."""
    import json

    from ipykernel.ipkernel import IPythonKernel

    copied = start.copy_lessons(start.lessons_source(), tmp_path / "doel")
    notebooks = [p for p in copied if p.suffix == ".ipynb"]
    assert len(notebooks) == len([p for p in start.lessons_source().iterdir() if p.is_dir() and p.name[0] != "_"])
    for relative in notebooks:
        mine = json.loads((tmp_path / "doel" / relative).read_text(encoding="utf-8"))
        theirs = json.loads((start.lessons_source() / relative).read_text(encoding="utf-8"))
        assert mine["metadata"]["language_info"] == IPythonKernel.language_info
        assert mine["cells"] == theirs["cells"] and mine["metadata"]["kernelspec"] == theirs["metadata"]["kernelspec"]


def test_answers_and_hidden_files_beside_a_lesson_are_never_handed_on(tmp_path):
    source = tmp_path / "bron"
    lesson = source / "00_start"
    (lesson / ".ipynb_checkpoints").mkdir(parents=True)
    (lesson / "00_start.ipynb").write_text("{}", encoding="utf-8")
    (lesson / "antwoorden.json").write_text('{"van": "iemand anders"}', encoding="utf-8")
    (lesson / "antwoorden.beschadigd-1.json").write_text("{}", encoding="utf-8")
    (lesson / ".antwoorden.lock").write_text("", encoding="utf-8")
    (lesson / ".ipynb_checkpoints" / "00_start-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    copied = start.copy_lessons(source, tmp_path / "doel")
    assert copied == [Path("00_start") / "00_start.ipynb"]


def test_jupyterlab_starts_on_the_folder_with_the_learner_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/elders")
    argv, env = start.launch(tmp_path, 8123, "geheim", open_browser=False, extra=["--allow-root"])
    assert argv[:4] == [
        sys.executable,
        "-m",
        "course.learner.lab",
        "--ServerApp.default_url=/lab/tree/00_start/00_start.ipynb?file-browser-path=/",
    ]
    assert f"--ServerApp.root_dir={tmp_path}" in argv and "--ServerApp.open_browser=False" in argv
    assert "--ServerApp.port=8123" in argv and "--ServerApp.port_retries=0" in argv and argv[-1] == "--allow-root"
    assert env["JUPYTER_TOKEN"] == "geheim" and not any("geheim" in a for a in argv)  # never in the process list
    first, *rest = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    page = json.loads((Path(first) / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    server = json.loads((Path(first) / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["ContentsManager"]["pre_save_hook"] == "course.learner.save_hook.replace_widget_views"
    assert rest == ["/elders"]  # what the learner had stays on the path


def test_a_port_whose_server_just_stopped_is_free_again():
    """A second start on the port of the first (fresh-clone CI, tests/install): the old server's connections were in
    TIME_WAIT and a plain bind refused the port ("Poort … is al in gebruik"), where JupyterLab's own bind succeeds."""
    import socket

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as tornado's bind_sockets (JupyterLab's server)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.close()  # the server side closes first: its end of the connection waits in TIME_WAIT
    server.close()
    client.close()
    assert start.port_is_free(port)
    with socket.socket() as listening:  # a port someone listens on is not free
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        assert not start.port_is_free(listening.getsockname()[1])


def test_the_lesson_answered_last_is_opened_and_lesson_00_before_any_answer(tmp_path):
    """Fifth walk: the next day JupyterLab reopened every lesson of the day before. A start opens one lesson: where the
    learner last saved an answer."""
    start.copy_lessons(start.lessons_source(), tmp_path)
    assert start.last_lesson(tmp_path) == start.FIRST_LESSON
    for lesson, when in (
        ("01_waarom_ouders", 1000),
        ("03_de_ouder_achter_het_gedrag", 3000),
        ("02_ouderschap_en_opvoederschap", 2000),
    ):
        store = tmp_path / lesson / "antwoorden.json"
        store.write_text("{}", encoding="utf-8")
        os.utime(store, (when, when))
    assert start.last_lesson(tmp_path) == Path("03_de_ouder_achter_het_gedrag") / "03_de_ouder_achter_het_gedrag.ipynb"
    (tmp_path / "los").mkdir()
    (tmp_path / "los" / "antwoorden.json").write_text("{}", encoding="utf-8")  # no lesson beside it: not opened
    assert start.last_lesson(tmp_path).parts[0] == "03_de_ouder_achter_het_gedrag"


def _workspace(folder: Path, current: str) -> None:
    """The workspace JupyterLab saved in the last start, with ``current`` as its active tab (jupyterlab_server's
    file, as a real start writes it: tests/browser/test_browser_werkplek.py)."""
    saved = folder / start.WORKSPACE / "default-37a8.jupyterlab-workspace"
    saved.parent.mkdir(exist_ok=True)
    layout = {"main": {"dock": {"type": "tab-area", "widgets": [current]}, "current": current}}
    saved.write_text(json.dumps({"data": {"layout-restorer:data": layout}, "metadata": {"id": "default"}}), "utf-8")


def test_the_next_start_opens_the_lesson_that_was_open_last_even_before_an_answer(tmp_path):
    """Eighth walk (low): after lesson 03 the learner opened 04 and stopped before answering in it; the next start
    opened 03 (answered last), while the learner expected 04. The tab that was active when JupyterLab last saved its
    layout wins; without one (or one that is not a lesson) the lesson answered last, then lesson 00."""
    start.copy_lessons(start.lessons_source(), tmp_path)
    (tmp_path / "03_de_ouder_achter_het_gedrag" / "antwoorden.json").write_text("{}", encoding="utf-8")
    lesson_04 = Path("04_vier_handreikingen") / "04_vier_handreikingen.ipynb"
    _workspace(tmp_path, "notebook:" + lesson_04.as_posix())
    assert start.last_lesson(tmp_path) == lesson_04
    assert start.going_on(tmp_path, lesson_04) == start.GOING_ON_OPEN.format(lesson="les 04, vier handreikingen")
    for current in (
        "notebook:../buiten/buiten.ipynb",  # not a lesson in this folder
        "notebook:/etc/passwd",
        "notebook:04_vier_handreikingen/antwoorden.json",
        "notebook:99_weg/99_weg.ipynb",  # no such lesson (any more)
        "editor:04_vier_handreikingen/04_vier_handreikingen.ipynb",  # not a notebook tab
        "welkom",
    ):
        _workspace(tmp_path, current)
        assert start.last_lesson(tmp_path).parts[0] == "03_de_ouder_achter_het_gedrag", current
    (tmp_path / start.WORKSPACE / "default-37a8.jupyterlab-workspace").write_text("{niet: json", encoding="utf-8")
    lesson_03 = start.last_lesson(tmp_path)
    assert lesson_03.parts[0] == "03_de_ouder_achter_het_gedrag"
    assert start.going_on(tmp_path, lesson_03) == start.GOING_ON.format(lesson="les 03, de ouder achter het gedrag")


def test_each_start_has_a_fresh_workspace_in_the_lessons_folder(tmp_path):
    """JupyterLab restores the tabs of its workspace: each start gets an empty one (hidden, beside the lessons), so only
    the lesson in the command opens; the lessons themselves are not touched."""
    start.copy_lessons(start.lessons_source(), tmp_path)
    old = tmp_path / start.WORKSPACE / "default-37a8.jupyterlab-workspace"
    old.parent.mkdir()
    old.write_text('{"data": {"layout-restorer:data": {}}}', encoding="utf-8")
    workspace = start.fresh_workspace(tmp_path)
    assert workspace == tmp_path / ".werkplek" and workspace.is_dir() and not any(workspace.iterdir())
    assert (tmp_path / "00_start" / "00_start.ipynb").is_file()
    lesson = Path("04_vier_handreikingen") / "04_vier_handreikingen.ipynb"
    argv, _ = start.launch(tmp_path, 8123, "geheim", open_browser=False, lesson=lesson)
    # seventh walk: the file browser shows the folder of every lesson, not the lesson's own folder
    assert (
        argv[3]
        == "--ServerApp.default_url=/lab/tree/04_vier_handreikingen/04_vier_handreikingen.ipynb?file-browser-path=/"
    )
    assert f"--LabApp.workspaces_dir={workspace}" in argv
    assert (
        start.address(8123, "t", lesson)
        == "http://localhost:8123/lab/tree/04_vier_handreikingen/04_vier_handreikingen.ipynb?file-browser-path=/&token=t"
    )


def test_each_start_has_a_fresh_cookie_secret_so_a_tab_of_an_earlier_start_is_logged_out(tmp_path, monkeypatch):
    """The default cookie secret lives as long as HOME: a tab left open from the day before stayed logged in to the
    next start and saved its old layout into the fresh workspace (test_browser_werkplek keeps such a tab open). Each
    start removes its port's secret file, so jupyter_server writes a new one; the secret itself is never in argv."""
    runtime = tmp_path / "runtime"
    secret = start.fresh_cookie_secret(8123)
    assert secret.parent == runtime and not secret.exists()
    secret.write_bytes(b"gisteren")
    assert start.fresh_cookie_secret(8123) == secret and not secret.exists()  # the next start: the old one is gone
    other = start.fresh_cookie_secret(8124)
    secret.write_bytes(b"vandaag")
    assert other != secret and secret.read_bytes() == b"vandaag"  # a start on another port leaves this one alone
    calls = []
    monkeypatch.setattr(start, "run", lambda argv, folder, env: calls.append(argv) or 0)
    assert cli(["start", "--map", str(tmp_path / "les"), "--geen-browser", "--poort", "8125"]) == 0
    ((argv,),) = [calls]
    assert f"--ServerApp.cookie_secret_file={runtime / 'ouders-zien-8125-cookie-secret'}" in argv
    assert "--ServerApp.identity_provider_class=course.learner.old_tab.OldTabIdentity" in argv


def test_the_command_says_where_the_learner_goes_on(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(start, "run", lambda argv, folder, env: calls.append((argv, env)) or 0)
    folder = tmp_path / "les"
    start.copy_lessons(start.lessons_source(), folder)
    (folder / "02_ouderschap_en_opvoederschap" / "antwoorden.json").write_text("{}", encoding="utf-8")
    assert cli(["start", "--map", str(folder), "--geen-browser"]) == 0
    out = capsys.readouterr().out
    assert "Je gaat verder waar je het laatst een antwoord gaf: les 02, ouderschap en opvoederschap." in out
    path = "/lab/tree/02_ouderschap_en_opvoederschap/02_ouderschap_en_opvoederschap.ipynb?file-browser-path=/"
    ((argv, env),) = calls
    assert path + "&token=" in env[lab.ADDRESS_LINE]  # printed by JupyterLab's process once it answers
    assert argv[3] == "--ServerApp.default_url=" + path
    # eleventh walk: with --geen-browser no "Opent je browser niet vanzelf?"
    assert env[lab.ADDRESS_LINE].startswith("Open je browser. Plak dan dit adres in je browser: "), env[
        lab.ADDRESS_LINE
    ]


def test_the_command_copies_then_runs_jupyterlab_in_the_folder(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(start, "run", lambda argv, folder, env: calls.append((argv, folder)) or 0)
    assert cli(["start", "--map", str(tmp_path / "les"), "--geen-browser"]) == 0
    ((argv, cwd),) = calls
    assert cwd == (tmp_path / "les").resolve() and (cwd / "00_start" / "00_start.ipynb").is_file()
    out = capsys.readouterr().out
    assert f"Je lessen staan in: {cwd}" in out and "Nieuw neergezet: 7 les(sen)" in out


def test_bad_input_gets_a_dutch_message(tmp_path, capsys):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert cli(["start", "--map", str(tmp_path / "f")]) == 2
    assert "is een bestand, geen map" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli(["start", "los-woord"])
    assert "onbekend: los-woord" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["posix", "nt"])
def test_posix_becomes_jupyterlab_and_windows_waits_for_it(tmp_path, monkeypatch, name):
    """The one per-system branch of the launch (Windows has no exec that keeps the console)."""
    seen = {}
    monkeypatch.setattr(start.os, "name", name)
    monkeypatch.setattr(start.os, "chdir", lambda folder: seen.setdefault("chdir", folder))
    monkeypatch.setattr(start.os, "execve", lambda path, argv, env: seen.setdefault("exec", argv))
    monkeypatch.setattr(start.subprocess, "call", lambda argv, cwd, env: seen.setdefault("call", (argv, cwd)) or 0)
    start.run(["python", "-m", "jupyterlab"], tmp_path, {})
    if name == "nt":
        assert seen == {"call": (["python", "-m", "jupyterlab"], tmp_path)}
    else:
        assert seen == {"chdir": tmp_path, "exec": ["python", "-m", "jupyterlab"]}


def test_python_m_course_start_is_the_same_command(tmp_path):
    """Without the script folder on PATH, `python -m course start` does the same."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-m", "course", "start", "--map", str(tmp_path / "f"), "--poort", "x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 2 and "--poort" in out.stderr and "ouders-zien start" in out.stderr


def test_help_is_dutch(capsys):
    """A learner walk: `ouders-zien start --help` printed argparse's English ("usage:", "options:", "show this help
    message and exit"). The lecturer's `ouders-zien docent` uses the same Dutch parser."""
    for argv, prog in (
        (["start", "--help"], "ouders-zien start"),
        (["docent", "--help"], "ouders-zien docent"),
        (["docent", "nakijken", "-h"], "ouders-zien docent nakijken"),
    ):
        with pytest.raises(SystemExit) as stop:
            cli(argv)
        assert stop.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith(f"Gebruik: {prog} [-h]"), out
        assert "\nopties:\n" in out and "-h, --help" in out and "toon deze hulp en stop" in out, out
        for english in ("usage:", "options:", "show this help", "positional arguments", "optional arguments"):
            assert english not in out, out
        if prog == "ouders-zien start":  # sixth walk: how to stop, and that nothing is lost, in the learner's words
            flat = " ".join(out.split())
            assert "Je werk blijft bewaard" in flat and "druk hier op Ctrl+C" in flat, out


@pytest.mark.parametrize(
    ("argv", "dutch"),
    [
        (["start", "--poort", "x"], "--poort: 'x' is geen poortnummer"),
        (["start", "--poort", "70000"], "--poort: '70000' is geen poortnummer"),
        (["start", "--map"], "--map: hier hoort nog een waarde achter"),
        (["start", "los-woord"], "onbekend: los-woord"),
        (["docent", "onzin"], "opdracht: 'onzin' bestaat niet. Kies uit: 'status'"),
        (["docent", "nakijken"], "dit ontbreekt nog: les"),
        (["docent", "nakijken", "01", "--parallel", "veel"], "--parallel: 'veel' is geen geldige waarde"),
    ],
)
def test_a_wrong_command_gets_a_dutch_error_and_exit_code_2(argv, dutch, capsys, monkeypatch):
    """argparse's errors ("error: argument --poort: invalid int value: 'x'", "expected one argument",
    "unrecognized arguments") in Dutch, with a pointer to --help."""
    monkeypatch.setattr(start, "run", lambda argv, folder, env: pytest.fail("JupyterLab started"))
    with pytest.raises(SystemExit) as stop:
        cli(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    prog = "ouders-zien " + " ".join(a for a in argv[:2] if a in ("start", "docent", "nakijken"))
    assert f"{prog}: fout: {dutch}" in err, err
    assert f"Hulp: {prog} --help" in err, err
    for english in ("usage:", "error:", "argument", "invalid", "expected", "unrecognized", "choose from", "required"):
        assert english not in err, err


def test_the_port_is_a_free_one_from_8888_and_a_taken_port_is_refused_in_dutch(tmp_path, monkeypatch, capsys):
    """The course chooses the port itself (JupyterLab gets it with port_retries=0, so the address it prints is the
    one the server serves); a port the learner gives that is taken gets a Dutch message before anything starts."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert start.free_port(port) > port and start.port_is_free(start.free_port(port))
        monkeypatch.setattr(start, "run", lambda argv, folder, env: pytest.fail("started on a taken port"))
        assert cli(["start", "--map", str(tmp_path / "les"), "--poort", str(port)]) == 2
    assert f"Poort {port} is al in gebruik. Start opnieuw zonder --poort" in capsys.readouterr().err
    calls = []
    monkeypatch.setattr(start, "run", lambda argv, folder, env: calls.append((argv, env)) or 0)
    assert cli(["start", "--map", str(tmp_path / "les"), "--geen-browser"]) == 0
    ((argv, env),) = calls
    chosen = int(next(a for a in argv if a.startswith("--ServerApp.port=")).split("=")[1])
    assert chosen >= 8888 and "--ServerApp.port_retries=0" in argv
    token = env["JUPYTER_TOKEN"]
    assert len(token) == 48 and not any(token in a for a in argv)
    assert env[lab.PORT] == str(chosen)
    assert (
        f"http://localhost:{chosen}/lab/tree/00_start/00_start.ipynb?file-browser-path=/&token={token}"
        in env[lab.ADDRESS_LINE]
    )
    assert "token=" not in capsys.readouterr().out  # not yet: JupyterLab's process prints it once it answers


# What `ouders-zien start` may print in the window a learner keeps open while JupyterLab runs: the course's own
# Dutch lines, nothing of JupyterLab's (English) log.
COURSE_LINES = [
    r"Je lessen staan in: .+",
    r"Nieuw neergezet: \d+ les\(sen\)\. Wat er al stond, is niet veranderd\.",
    r"Je gaat verder waar je het laatst een antwoord gaf: les \d\d, [a-z ]+\.",
    r"Je gaat verder bij de les die je het laatst open had: les \d\d, [a-z ]+\.",
    r"JupyterLab start\. Stoppen: sla eerst op \(Ctrl\+S in JupyterLab\), sluit dan dit venster of druk hier op "
    r"Ctrl\+C\.",
    r"(Opent je browser niet vanzelf\? |Open je browser\. )Plak dan dit adres in je browser: "
    r"(?P<url>http://localhost:(?P<port>\d+)/lab/tree/(?P<lesson>\d\d_[a-z_]+)/(?P=lesson)\.ipynb"
    r"\?file-browser-path=/&token=(?P<token>[0-9a-f]{48}))",
    r"JupyterLab stopt\. Even geduld\.\.\.",
    r"JupyterLab is gestopt\. Je kunt dit venster nu sluiten\.",
]


ADDRESS_LINE = COURSE_LINES[5]


def _start_and_stop(tmp_path, stop_signal, port=None):
    """Run the real `ouders-zien start --geen-browser` as a learner would, in a terminal (stdin a tty: jupyter_server
    then handles Ctrl+C itself), wait until its address answers, then stop it with ``stop_signal``. Return the
    lines of the console window, the address, what the address answered, and the server's command line."""
    import pty
    import re
    import subprocess
    import threading
    import time
    import urllib.request

    env = {**os.environ, "HOME": str(tmp_path / "home"), "OUDERS_ZIEN_HOME": str(tmp_path / "oz")}
    env["PYTHONPATH"] = os.pathsep.join([str(start.REPO), *filter(None, [env.get("PYTHONPATH")])])
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_TOKEN", "JUPYTER_TOKEN_FILE"):
        env.pop(name, None)
    argv = [sys.executable, "-m", "course", "start", "--map", str(tmp_path / "lessen"), "--geen-browser"]
    argv += ["--poort", str(port)] if port else []
    argv += ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # jupyter_server refuses root
    terminal, tty = pty.openpty()
    process = subprocess.Popen(
        argv, stdin=tty, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True
    )
    os.close(tty)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.rstrip("\n") for line in process.stdout), daemon=True)
    reader.start()
    found = answer = cmdline = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and answer is None:
            found = found or next(filter(None, (re.fullmatch(ADDRESS_LINE, line) for line in lines)), None)
            if found:
                try:
                    with urllib.request.urlopen(found["url"], timeout=5) as response:
                        answer = (response.status, response.geturl(), response.read().decode("utf-8", "replace"))
                except OSError as refused:  # the address was printed before the server listened (eighth walk)
                    raise AssertionError(f"the printed address did not answer: {refused}") from refused
            time.sleep(0.2)
        if answer:  # the same address without the token: JupyterLab's login page
            with urllib.request.urlopen(found["url"].split("?")[0], timeout=5) as response:
                answer += (response.geturl(),)
        with open(f"/proc/{process.pid}/cmdline", "rb") as f:
            cmdline = f.read().decode("utf-8", "replace").split("\0")
        process.send_signal(stop_signal)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(terminal)
    reader.join(timeout=10)
    return lines, found, answer, cmdline


def _check_console(lines, found, answer, cmdline):
    import re

    shown = "\n".join(lines)
    assert found, shown
    status, final_url, page, without_token = answer
    assert status == 200 and "/login" not in final_url and "JupyterLab" in page, (final_url, shown)
    assert "/login" in without_token
    assert found["token"] not in " ".join(cmdline) and "course.learner.lab" in cmdline, cmdline
    for english in ("To access the server", "Shut down this Jupyter server", "received signal", "Shutting down"):
        assert english not in shown, shown
    assert "WARNING" not in shown and "[I " not in shown and "[W " not in shown and "[C " not in shown, shown
    for line in lines:  # every line is one of the course's own
        assert not line.strip() or any(re.fullmatch(pattern, line) for pattern in COURSE_LINES), (line, shown)
    assert shown.startswith("Je lessen staan in:"), shown
    # jupyter_server's own stop lines ("Shutting down...", "received signal 15, stopping") come through in Dutch
    assert [line for line in lines if line.startswith("JupyterLab ")][-2:] == [
        "JupyterLab stopt. Even geduld...",
        "JupyterLab is gestopt. Je kunt dit venster nu sluiten.",
    ], shown


def test_the_console_window_shows_only_the_course_lines_ctrl_c_stops_it(tmp_path):
    """Issue 24, fourth walk: the window a learner must keep open printed JupyterLab's start lines and
    "[NbGrader | WARNING] No nbgrader_config.py file found"; a later walk found the English address block ("To access
    the server, open this file in a browser: ...") and, on Ctrl+C, "Shut down this Jupyter server (y/[n])?". A real
    `ouders-zien start` with a port it chooses itself, stopped with one Ctrl+C (SIGINT with a terminal on stdin)."""
    import signal

    lines, found, answer, cmdline = _start_and_stop(tmp_path, signal.SIGINT)
    _check_console(lines, found, answer, cmdline)
    assert int(found["port"]) >= 8888
    assert "--ServerApp.port_retries=0" in cmdline


def test_the_console_window_shows_only_the_course_lines_when_it_is_stopped_otherwise(tmp_path):
    """The same with a port the learner gives and SIGTERM (a closed window, a shutdown) instead of Ctrl+C."""
    import signal
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lines, found, answer, cmdline = _start_and_stop(tmp_path, signal.SIGTERM, port=port)
    _check_console(lines, found, answer, cmdline)
    assert int(found["port"]) == port


def test_the_address_is_printed_once_the_server_answers_not_before(tmp_path, capsys):
    """Eighth walk (low): the console printed the address about 11 s before JupyterLab listened, and a learner who
    pasted it at once got "connection refused". course/learner/lab.py now prints it when the address answers as a
    Jupyter server (its /api route says its version), in a thread beside the server's own start."""
    import http.server
    import json
    import socket
    import threading
    import time

    import jupyter_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    line = f"Plak dan dit adres: http://localhost:{port}/lab?token=t"
    waiter = lab.announce_when_listening(line, port, every=0.05, patience=30)
    time.sleep(0.5)
    assert capsys.readouterr().out == ""  # nothing listens yet: nothing said

    class Api(http.server.BaseHTTPRequestHandler):
        version = {"version": "0.0.0-not-jupyter"}

        def do_GET(self):
            body = json.dumps(self.version).encode()
            self.send_response(200 if self.path == "/api" else 404)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", port), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        time.sleep(0.5)
        assert capsys.readouterr().out == ""  # something else on the port: not our server, nothing said
        Api.version = {"version": jupyter_server.__version__}
        waiter.join(timeout=10)
        assert not waiter.is_alive()
        assert capsys.readouterr().out == line + "\n"
    finally:
        server.shutdown()
        server.server_close()
