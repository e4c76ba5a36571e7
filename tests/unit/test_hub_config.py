"""The class hub's configuration (hub/jupyterhub_config.py), read as JupyterHub reads it."""

from __future__ import annotations

import grp
import os
import pwd
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import accounts
import pytest
from traitlets.config import Config

REPO = Path(__file__).resolve().parents[2]


def load(monkeypatch, state: Path) -> dict:
    monkeypatch.setenv("OUDERS_ZIEN_HUB_STATE", str(state))
    # as from `make hub-env`: a Python every account may run (this test's own may lie under /root)
    monkeypatch.setattr(sys, "executable", "/bin/sh")
    config = Config()
    names = runpy.run_path(str(REPO / "hub" / "jupyterhub_config.py"), init_globals={"get_config": lambda: config})
    return {"c": config, **names}


def test_kernels_use_unix_sockets_not_tcp_ports(monkeypatch, tmp_path):
    # 31 servers picking "free" TCP ports for their kernels collided (class-of-30 test, CI)
    hub = load(monkeypatch, tmp_path / "s")
    assert "--KernelManager.transport=ipc" in hub["c"].Spawner.args


@pytest.fixture
def short_dir():
    """A folder with a short path (pytest's tmp_path is too long for a socket path)."""
    path = Path(tempfile.mkdtemp(prefix="oz", dir="/tmp"))
    yield path
    shutil.rmtree(path)


@pytest.fixture
def unix_accounts():
    """Names of Unix accounts a test lets the hub make; removed afterwards (root only: CI runs as root)."""
    if os.geteuid() != 0:
        pytest.skip("making Unix accounts needs root")
    made: list[str] = []
    yield made
    for name in made:
        subprocess.run(["userdel", "--force", name], capture_output=True)


def test_each_server_runs_as_its_own_account_with_private_folders(monkeypatch, short_dir, unix_accounts):
    hub = load(monkeypatch, short_dir / "s")
    unix_accounts.append("ozunit07")
    spawner = SimpleNamespace(user=SimpleNamespace(name="ozunit07"), environment={"A": "1"}, port=0)
    hub["c"].Spawner.pre_spawn_hook(spawner)
    account = pwd.getpwnam("ozunit07")
    run, home = Path(spawner.environment["JUPYTER_RUNTIME_DIR"]), Path(account.pw_dir)
    assert run == short_dir / "s" / "run" / "ozunit07" and home == short_dir / "s" / "home" / "ozunit07"
    for folder in (run, home):
        info = folder.stat()
        assert (info.st_uid, oct(info.st_mode & 0o777)) == (account.pw_uid, "0o700"), folder
    assert "ouders-zien" in {g.gr_name for g in grp.getgrall() if "ozunit07" in g.gr_mem}
    assert spawner.environment["A"] == "1" and "JUPYTER_CONFIG_PATH" not in spawner.environment  # not the course
    # seventh walk: the first page was an empty grey area (no Launcher for learners); now how to fetch a lesson
    welcome = home / "welkom.md"
    assert spawner.default_url == "/lab/tree/welkom.md"
    assert welcome.read_text(encoding="utf-8") == (REPO / "course" / "data" / "hub_welkom.md").read_text(
        encoding="utf-8"
    )
    info = welcome.stat()
    assert (info.st_uid, oct(info.st_mode & 0o777)) == (account.pw_uid, "0o600")
    # written anew at the next start, also where the learner left a link to another file
    elsewhere = short_dir / "elders.txt"
    elsewhere.write_text("van root\n")
    welcome.unlink()
    welcome.symlink_to(elsewhere)
    hub["c"].Spawner.pre_spawn_hook(spawner)
    assert not welcome.is_symlink() and elsewhere.read_text() == "van root\n"
    assert "Assignment List" in welcome.read_text(encoding="utf-8")


def test_the_lecturer_owns_the_course_folder_and_nobody_else_enters_it(monkeypatch, short_dir, unix_accounts):
    course = short_dir / "cursus"
    (course / "keys").mkdir(parents=True)
    (course / "keys" / "les.yaml").write_text("a: b\n")
    monkeypatch.setenv("OUDERS_ZIEN_COURSE", str(course))
    monkeypatch.setenv("OUDERS_ZIEN_DOCENTEN", "ozdocent")
    hub = load(monkeypatch, short_dir / "s")
    assert oct(course.stat().st_mode & 0o777) == "0o700"  # closed as soon as the hub starts
    unix_accounts.append("ozdocent")
    spawner = SimpleNamespace(user=SimpleNamespace(name="ozdocent"), environment={}, port=0)
    hub["c"].Spawner.pre_spawn_hook(spawner)
    owner = pwd.getpwnam("ozdocent").pw_uid
    assert {p.stat().st_uid for p in [course, *course.rglob("*")]} == {owner}
    assert all(not p.stat().st_mode & 0o077 for p in [course, *course.rglob("*")])
    assert spawner.notebook_dir == str(course) and spawner.environment["JUPYTER_CONFIG_PATH"] == str(course)
    assert not hasattr(spawner, "default_url")  # the lecturer's first page stays JupyterLab's with the formgrader


@pytest.mark.parametrize("name", ["root", "nobody", "daemon"])
def test_no_server_is_started_as_an_account_outside_the_course(monkeypatch, short_dir, name):
    if os.geteuid() != 0:
        pytest.skip("the hub's accounts need root")
    hub = load(monkeypatch, short_dir / "s")
    spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={}, port=0)
    with pytest.raises(hub["accounts"].AccountError, match="not one of this course"):
        hub["c"].Spawner.pre_spawn_hook(spawner)


@pytest.mark.parametrize("name", ["Jan", "jan.jansen@school.nl", "../etc", "-rf", "a" * 40, ""])
def test_a_user_name_that_is_no_account_name_is_refused(monkeypatch, tmp_path, name):
    hub = load(monkeypatch, tmp_path / "s")
    assert hub["c"].Authenticator.username_pattern == hub["accounts"].NAME_PATTERN
    with pytest.raises(hub["accounts"].AccountError):
        hub["accounts"].check_name(name)


def test_the_default_login_is_the_machines_own_passwords(monkeypatch, tmp_path):
    monkeypatch.delenv("OUDERS_ZIEN_HUB_LOGIN", raising=False)
    c = load(monkeypatch, tmp_path / "s")["c"]
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.LocalAuthenticator.allowed_groups == {"ouders-zien", "ouders-zien-docent"}
    assert "allow_all" not in c.Authenticator and "user_password" not in c.SharedPasswordAuthenticator


@pytest.mark.parametrize("password", ["", "kort", "elf-tekens!"])
def test_the_test_login_refuses_an_empty_or_short_password(monkeypatch, tmp_path, password):
    monkeypatch.setenv("OUDERS_ZIEN_HUB_LOGIN", "test")
    monkeypatch.setenv("OUDERS_ZIEN_HUB_PASSWORD", password)
    with pytest.raises(SystemExit, match="at least 12 characters"):
        load(monkeypatch, tmp_path / "s")


def test_an_unknown_login_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("OUDERS_ZIEN_HUB_LOGIN", "dummy")
    with pytest.raises(SystemExit, match="choose pam, surfconext or test"):
        load(monkeypatch, tmp_path / "s")


def test_surfconext_needs_its_client_and_a_class_list(monkeypatch, tmp_path):
    monkeypatch.setenv("OUDERS_ZIEN_HUB_LOGIN", "surfconext")
    with pytest.raises(SystemExit, match="OUDERS_ZIEN_OIDC_CLIENT_ID"):
        load(monkeypatch, tmp_path / "s")
    for var, value in (
        ("OUDERS_ZIEN_OIDC_CLIENT_ID", "hub.school.nl"),
        ("OUDERS_ZIEN_OIDC_CLIENT_SECRET", "geheim"),
        ("OUDERS_ZIEN_OIDC_CALLBACK_URL", "https://hub.school.nl/hub/oauth_callback"),
    ):
        monkeypatch.setenv(var, value)
    with pytest.raises(SystemExit, match="OUDERS_ZIEN_KLASLIJST"):
        load(monkeypatch, tmp_path / "s")
    (tmp_path / "klas.txt").write_text("leerling01\n\nleerling02\n")
    monkeypatch.setenv("OUDERS_ZIEN_KLASLIJST", str(tmp_path / "klas.txt"))
    c = load(monkeypatch, tmp_path / "s")["c"]
    assert c.JupyterHub.authenticator_class == "generic-oauth"
    assert c.GenericOAuthenticator.authorize_url.startswith("https://connect.surfconext.nl/")
    assert c.Authenticator.allowed_users == {"leerling01", "leerling02"} and "allow_all" not in c.Authenticator
    name = c.GenericOAuthenticator.username_claim
    assert name({"uids": ["JJansen"], "sub": "x"}) == "jjansen" and name({"sub": "x"}) == ""


def test_a_python_the_learners_cannot_run_is_found(tmp_path):
    closed = tmp_path / "closed"
    (closed / "bin").mkdir(parents=True)
    (closed / "bin" / "python").write_text("")
    (closed / "bin" / "python").chmod(0o755)
    closed.chmod(0o700)
    assert accounts.closed_to_others(closed / "bin" / "python")[-1] == str(closed)
    closed.chmod(0o755)
    assert accounts.closed_to_others(closed / "bin" / "python") == [p for p in accounts.closed_to_others(tmp_path)]


def test_a_state_folder_too_long_for_sockets_is_refused_with_a_reason(monkeypatch, tmp_path):
    hub = load(monkeypatch, tmp_path / ("x" * 60))
    with pytest.raises(ValueError, match="too long for kernel sockets"):
        hub["runtime_dir"]("leerling07")


def test_servers_fail_rather_than_move_to_another_port(monkeypatch, tmp_path):
    # a server that moved on to the next port was reached at its classmate's (class-of-30 test, CI)
    hub = load(monkeypatch, tmp_path / "s")
    assert "--ServerApp.port_retries=0" in hub["c"].Spawner.args


def test_server_ports_are_handed_out_in_turn_below_the_ephemeral_range(monkeypatch, short_dir):
    import socket

    monkeypatch.setenv("OUDERS_ZIEN_SERVER_PORTS", "28000-28999")  # not the ports hub tests just used (TIME_WAIT)
    hub = load(monkeypatch, short_dir / "s")
    low, _high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    first = hub["server_port"]()
    with socket.socket() as taken:  # something listens on the next one: it is skipped
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do (hub tests leave TIME_WAITs)
        taken.bind(("127.0.0.1", first + 1))
        taken.listen()
        second = hub["server_port"]()
    ports = [first, second] + [hub["server_port"]() for _ in range(40)]
    assert second == first + 2 and len(set(ports)) == len(ports) and max(ports) < low
    assert hub["server_port"]() == ports[-1] + 1


def test_a_class_list_becomes_accounts_with_a_first_password_pam_accepts(tmp_path, unix_accounts):
    import pamela

    unix_accounts += ["ozklas01", "ozklas02"]
    (tmp_path / "klas.txt").write_text("ozklas01\n\nozklas02\n")
    homes, passwords = Path(tempfile.mkdtemp(prefix="oz", dir="/tmp")), tmp_path / "wachtwoorden.csv"
    try:
        assert (
            accounts.main([str(tmp_path / "klas.txt"), "--thuismappen", str(homes), "--wachtwoorden", str(passwords)])
            == 0
        )
        rows = dict(line.split(";") for line in passwords.read_text().splitlines()[1:])
        assert set(rows) == {"ozklas01", "ozklas02"} and oct(passwords.stat().st_mode & 0o777) == "0o600"
        for name, password in rows.items():
            pamela.authenticate(name, password, service="login")  # raises when refused
            with pytest.raises(pamela.PAMError):
                pamela.authenticate(name, password + "x", service="login")
        assert (
            accounts.main([str(tmp_path / "klas.txt"), "--thuismappen", str(homes), "--wachtwoorden", str(passwords)])
            == 0
        )
        assert passwords.read_text().splitlines()[1:] == []  # existing accounts keep their password
        (tmp_path / "fout.txt").write_text("nobody\n")
        assert (
            accounts.main([str(tmp_path / "fout.txt"), "--thuismappen", str(homes), "--wachtwoorden", str(passwords)])
            == 2
        )
    finally:
        shutil.rmtree(homes)


def test_the_test_login_is_jupyterhubs_shared_password_with_a_long_password(monkeypatch, tmp_path):
    monkeypatch.setenv("OUDERS_ZIEN_HUB_LOGIN", "test")
    monkeypatch.setenv("OUDERS_ZIEN_HUB_PASSWORD", "twaalf-tekens")
    c = load(monkeypatch, tmp_path / "s")["c"]
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == "twaalf-tekens" and c.Authenticator.allow_all is True
    assert "admin_password" not in c.SharedPasswordAuthenticator  # lecturers then log in with a token only
