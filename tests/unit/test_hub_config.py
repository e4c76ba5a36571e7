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
