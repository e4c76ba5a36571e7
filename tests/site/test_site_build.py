"""The browser edition's build (lite/build_site.py): the supply check that keeps an altered Pyodide
package out, the CDN flag, the install cell, and the built site's contents (no lecturer tools)."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "lite"))
import build_site  # noqa: E402
import verify_lock  # noqa: E402

SITE = REPO / "_site"


def official_lock(files: dict[str, bytes]) -> dict:
    return {
        "info": {"version": "0.27.7"},
        "packages": {
            name.split("-")[0]: {"file_name": name, "sha256": hashlib.sha256(data).hexdigest(), "depends": []}
            for name, data in files.items()
        },
    }


def site_folder(tmp_path: Path, lock: dict, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "pyodide"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    return folder


def test_the_supply_check_passes_the_official_files(tmp_path):
    files = {"numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl": b"numpy"}
    lock = official_lock(files)
    assert verify_lock.check_dir(lock, site_folder(tmp_path, lock, files)) == []


def test_the_supply_check_refuses_an_altered_or_unknown_file(tmp_path):
    files = {"numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl": b"numpy"}
    lock = official_lock(files)
    folder = site_folder(tmp_path, lock, {**files, "evil-1.0-py3-none-any.whl": b"x"})
    (folder / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl").write_bytes(b"numpy, changed")
    errors = verify_lock.check_dir(lock, folder)
    assert any("sha256" in e for e in errors) and any("evil" in e and "no entry" in e for e in errors)


def test_pyodide_from_the_cdn_is_a_build_flag_and_pypi_is_never_asked():
    own = build_site.lite_config("site", "0.27.7")["jupyter-config-data"]["litePluginSettings"]
    cdn = build_site.lite_config("cdn", "0.27.7")["jupyter-config-data"]["litePluginSettings"]
    kernel = "@jupyterlite/pyodide-kernel-extension:kernel"
    assert "pyodideUrl" not in own[kernel] and own[kernel]["disablePyPIFallback"] is True
    assert cdn[kernel]["pyodideUrl"] == "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.js"


def test_the_site_switches_off_what_the_learners_jupyterlab_does_but_the_launcher():
    """Seventh walk: the browser edition left out the learner page config (English debugger and kernel texts, the
    command palette). Its first page has no lesson open: the Launcher stays."""
    page = json.loads((REPO / "jupyter-settings" / "learner" / "labconfig" / "page_config.json").read_text("utf-8"))
    off = {name for name, value in page["disabledExtensions"].items() if value}
    listed = build_site.lite_config("site", "0.27.7")["jupyter-config-data"]["disabledExtensions"]
    assert set(listed) == off - {"@jupyterlab/launcher-extension:plugin"} and len(listed) == len(off) - 1
    assert "@jupyterlab/apputils-extension:palette" in listed


def test_the_pins_are_exact():
    pins = build_site.pins()
    assert all("==" in req for req in [*pins["build"], *pins["wheels"], pins["pyodide_packages"]])
    assert pins["pyodide"].count(".") == 2


@pytest.fixture(scope="module")
def site_config() -> dict:
    assert (SITE / "jupyter-lite.json").is_file(), "build the site first: make site (make test does)"
    return json.loads((SITE / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]


def test_the_built_site_holds_the_lessons_the_course_and_no_lecturer_tools(site_config):
    extensions = {e["name"] for e in site_config["federated_extensions"]}
    assert "@jupyter-widgets/jupyterlab-manager" in extensions
    assert not [e for e in extensions if "nbgrader" in e], extensions
    assert site_config["settingsOverrides"]["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"
    assert "@jupyterlab/apputils-extension:palette" in site_config["disabledExtensions"]
    lessons = sorted(p.name for p in (SITE / "files").iterdir() if p.is_dir())
    assert lessons == sorted(p.name for p in (REPO / "notebooks").iterdir() if p.is_dir())
    wheels = {p.name.split("-")[0].lower() for p in (SITE / "pypi").glob("*.whl")}
    assert {"ouders_zien", "ipywidgets", "pyyaml", "comm", "jupyterlab_widgets"} <= wheels
    for notebook in (SITE / "files").glob("*/*.ipynb"):
        first = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]
        assert first["source"] == build_site.INSTALL_CELL and first["metadata"]["jupyter"]["source_hidden"]
        assert first["source"].startswith("# Deze cel zet de cursus klaar")  # the collapsed cell's line: Dutch
    assert not list((SITE / "files").rglob("antwoorden*.json")), "no answers in the site"


def test_every_pyodide_file_of_the_built_site_is_the_official_one(site_config):
    official = json.loads((build_site.npm_pyodide(build_site.pins()["pyodide"]) / "pyodide-lock.json").read_text())
    assert verify_lock.check_dir(official, SITE / "static" / "pyodide") == []


@pytest.mark.parametrize("platform, installs", [("emscripten", 2), ("linux", 0), ("win32", 0)])
def test_the_install_cell_installs_only_in_the_browser(monkeypatch, platform, installs):
    """The same notebook, downloaded from the site and opened on a laptop or graded, installs nothing
    (there the course is installed already, and 'ouders-zien' is not on PyPI)."""
    from IPython.core.inputtransformer2 import TransformerManager

    calls = []

    class Shell:
        def run_line_magic(self, name, line, *args):
            calls.append((name, line))

    monkeypatch.setattr(sys, "platform", platform)
    code = TransformerManager().transform_cell(build_site.INSTALL_CELL)
    exec(code, {"get_ipython": Shell})  # noqa: S102 (our own cell, transformed as IPython does)
    assert len(calls) == installs and all(name == "pip" for name, _ in calls)
