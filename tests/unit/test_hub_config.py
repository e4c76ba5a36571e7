"""The class hub's configuration (hub/jupyterhub_config.py), read as JupyterHub reads it."""

from __future__ import annotations

import runpy
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from traitlets.config import Config

REPO = Path(__file__).resolve().parents[2]


def load(monkeypatch, state: Path) -> dict:
    monkeypatch.setenv("OUDERS_ZIEN_HUB_STATE", str(state))
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


def test_each_server_gets_its_own_short_runtime_folder(monkeypatch, short_dir):
    tmp_path = short_dir
    hub = load(monkeypatch, tmp_path / "s")
    spawner = SimpleNamespace(user=SimpleNamespace(name="leerling07"), environment={"A": "1"})
    hub["c"].Spawner.pre_spawn_hook(spawner)
    run = Path(spawner.environment["JUPYTER_RUNTIME_DIR"])
    assert run == tmp_path / "s" / "run" / "leerling07" and run.is_dir()
    assert oct(run.stat().st_mode & 0o777) == "0o700"
    assert spawner.environment["A"] == "1" and "JUPYTER_CONFIG_PATH" not in spawner.environment


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

    monkeypatch.setenv("OUDERS_ZIEN_SERVER_PORTS", "20000-29999")
    hub = load(monkeypatch, short_dir / "s")
    low, _high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    first = hub["server_port"]()
    with socket.socket() as taken:  # something listens on the next one: it is skipped
        taken.bind(("127.0.0.1", first + 1))
        taken.listen()
        second = hub["server_port"]()
    ports = [first, second] + [hub["server_port"]() for _ in range(40)]
    assert second == first + 2 and len(set(ports)) == len(ports) and max(ports) < low
    spawner = SimpleNamespace(user=SimpleNamespace(name="leerling01"), environment={}, port=0)
    hub["c"].Spawner.pre_spawn_hook(spawner)
    assert spawner.port == ports[-1] + 1
