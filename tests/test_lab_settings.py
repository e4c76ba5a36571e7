"""The learner's JupyterLab: Dutch by default, no news pop-up, no lecturer tools, with no manual step."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import REPO

OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "ouders-zien.json"


def test_installing_the_course_installs_the_lab_defaults():
    assert OVERRIDES.exists(), "pip install of the course should place the JupyterLab overrides"
    installed = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert installed == json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))
    assert installed["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"
    assert installed["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_the_dutch_language_pack_is_installed():
    import jupyterlab_language_pack_nl_NL  # noqa: F401

    from jupyterlab_server.translation_utils import get_language_packs

    packs, _ = get_language_packs()
    assert "nl_NL" in packs


def test_the_overrides_match_jupyterlabs_settings_schemas():
    import jsonschema

    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, values in json.loads(OVERRIDES.read_text(encoding="utf-8")).items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        for key, value in values.items():
            assert key in schema["properties"], f"{plugin}: unknown setting {key}"
            jsonschema.validate(value, schema["properties"][key])


def test_make_lab_hides_nbgrader_lecturer_tools_from_learners():
    page = json.loads((REPO / "jupyter-settings" / "learner" / "labconfig" / "page_config.json").read_text("utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-settings/learner"' in makefile
