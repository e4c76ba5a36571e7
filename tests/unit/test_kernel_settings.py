"""Issue 24, third walk: the learner's Help menu listed ipykernel's NumPy, SciPy, SymPy and pandas references,
and the learner's console window printed ipykernel's English "Kernel is running over TCP without encryption" for
every lesson. The course's environment gives its kernels a config (jupyter-settings/ipython_kernel_config.json,
installed as <prefix>/etc/ipython/ipython_kernel_config.json, where IPython reads it): checked here on a real
kernel of this environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

CONFIG = "jupyter-settings/ipython_kernel_config.json"


def test_the_package_installs_the_kernel_config_where_ipython_reads_it():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shared = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared[CONFIG] == "etc/ipython/ipython_kernel_config.json"
    from IPython.core.application import ENV_CONFIG_DIRS

    installed = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.json"
    assert str(installed.parent) in ENV_CONFIG_DIRS
    assert installed.read_text(encoding="utf-8") == (REPO / CONFIG).read_text(encoding="utf-8"), (
        "the environment holds another kernel config: reinstall the course (pip install -e .)"
    )


def test_a_kernel_of_this_environment_offers_no_help_links_and_no_english_warning(tmp_path):
    from jupyter_client.manager import start_new_kernel

    log = tmp_path / "kernel.log"
    with log.open("w", encoding="utf-8") as stderr:
        manager, client = start_new_kernel(kernel_name="python3", stderr=stderr)
        try:
            reply = client.kernel_info(reply=True, timeout=60)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["help_links"] == []
    # seventh walk: Help > 'Over de kernel' showed Python's English banner; the banner is the course's, in Dutch
    config = json.loads((REPO / CONFIG).read_text(encoding="utf-8"))["InteractiveShell"]
    assert reply["content"]["banner"] == config["banner1"] + config["banner2"]  # no English 'Tip: …' (enable_tip)
    assert "Python" not in reply["content"]["banner"] and "kernel" in reply["content"]["banner"]
    assert "without encryption" not in log.read_text(encoding="utf-8")
