"""`ouders-zien start`, the learner's way in without make: where the lessons go, what is copied
(never overwritten), and how JupyterLab is started (argv and environment, no shell)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from course.learner import start
from course.lecturer.docent import cli

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
    argv, env = start.launch(tmp_path, open_browser=False, port=8123, extra=["--allow-root"])
    assert argv[:4] == [sys.executable, "-m", "jupyterlab", "00_start/00_start.ipynb"]
    assert f"--ServerApp.root_dir={tmp_path}" in argv and "--ServerApp.open_browser=False" in argv
    assert "--ServerApp.port=8123" in argv and argv[-1] == "--allow-root"
    first, *rest = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    page = json.loads((Path(first) / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    server = json.loads((Path(first) / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["ContentsManager"]["pre_save_hook"] == "course.learner.save_hook.replace_widget_views"
    assert rest == ["/elders"]  # what the learner had stays on the path


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


def test_the_console_window_shows_the_course_lines_and_the_address_and_no_english_chatter(tmp_path):
    """Issue 24, fourth walk: the window a learner must keep open printed JupyterLab's start lines and
    "[NbGrader | WARNING] No nbgrader_config.py file found". A real `ouders-zien start`, stopped once it gives
    its address."""
    import signal
    import socket
    import subprocess
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "HOME": str(tmp_path / "home"), "OUDERS_ZIEN_HOME": str(tmp_path / "oz")}
    env.pop("JUPYTER_CONFIG_DIR", None)
    argv = [sys.executable, "-m", "course", "start", "--map", str(tmp_path / "lessen"), "--geen-browser"]
    argv += ["--poort", str(port), *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if f"127.0.0.1:{port}/lab?token=" in line:
                break
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    shown = "\n".join(lines)
    assert f"127.0.0.1:{port}/lab?token=" in shown, shown
    assert shown.startswith("Je lessen staan in:"), shown
    assert "WARNING" not in shown and "[I " not in shown and "[W " not in shown, shown
