"""The course's Dutch language pack for JupyterLab (issue 24): the community pack's translations plus the strings
a learner meets that it leaves in English (the restart dialog, the menus Uitvoeren and Kernel)."""

from __future__ import annotations

import json
import re
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml

from course.authoring import lab_msgids, language_pack
from course.content import ContentError, read_yaml

LAB_JS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
# What a learner meets on the way through a lesson: these must be Dutch.
MET = [
    "Run All Cells",
    "Restart Kernel…",
    "Restart Kernel?",
    "Do you want to restart the kernel of %1? All variables will be lost.",
    "Restart",
    "Cancel",
    "Confirm Kernel Restart",
    "Cancel Kernel Restart",
    "Do not ask me again.",
    "Restart Kernel and Run All Cells…",
    "Save",
]


def test_the_committed_pack_is_the_merge_of_its_sources():
    domains = language_pack.domain_files()
    assert {"jupyterlab", "notebook", "jupyterlab_widgets"} <= set(domains)
    for domain in domains:
        assert language_pack.catalog_path(domain).read_text(encoding="utf-8") == language_pack.render(domain), (
            "run python -m course.authoring.language_pack"
        )
    written = {p.stem for p in language_pack.CATALOG.parent.glob("*.json")}
    assert written == set(domains), "a catalog without a source (or the reverse)"


def test_every_course_msgid_is_one_of_jupyterlabs_own():
    """A msgid JupyterLab does not use translates nothing: each is a `__("...")`, `_n("...", ...)` or
    `_p("context", "...")` of the domain's built code, or a menu label of a settings schema (context "menu")."""
    js = b"".join(p.read_bytes() for p in LAB_JS.glob("*.js"))
    assert b'__("Run All Cells")' in js  # the index below reads the same files
    known = lab_msgids.msgids()
    for domain, path in language_pack.domain_files().items():
        keys = {lab_msgids.key(m) for m in known.get(domain, ())}
        missing = [m for m in read_yaml(path) if m not in keys]
        assert not missing, f"{path.name}: not a msgid of the installed JupyterLab ({domain}): {missing}"


def test_the_msgid_index_finds_calls_contexts_and_schema_menu_labels():
    known = lab_msgids.msgids()
    jupyterlab = known["jupyterlab"]
    assert ("", "Run All Cells") in jupyterlab  # trans.__
    assert ("menu", "File") in jupyterlab and ("menu", "Appearance") in jupyterlab  # schema menu labels
    assert ("", "Save Widget State Automatically") in known["jupyterlab_widgets"]
    assert ("", "Open in %1") in known["notebook"]
    assert lab_msgids.key(("menu", "File")) == "menu\x04File"


def test_a_domain_catalog_carries_its_header():
    for domain in language_pack.domain_files():
        header = json.loads(language_pack.catalog_path(domain).read_text(encoding="utf-8"))[""]
        assert header["domain"] == domain and "nplurals=2" in header["plural_forms"]


def test_what_a_learner_meets_is_dutch_and_the_community_translations_stay():
    catalog = json.loads(language_pack.CATALOG.read_text(encoding="utf-8"))
    english = [m for m in MET if not (catalog.get(m) and catalog[m][0] and catalog[m][0] != m)]
    assert not english, f"left in English: {english}"
    community = json.loads(language_pack.community_file().read_text(encoding="utf-8"))
    replaced = read_yaml(language_pack.REPLACED)
    changed = [k for k, v in community.items() if catalog[k] != v]
    assert sorted(changed) == sorted(replaced), "a community translation was changed outside vervangen.yaml"
    assert catalog["Insert Line Break"] == community["Insert Line Break"]  # the community's own, kept
    assert catalog["Restart Kernel…"] == ["Kernel opnieuw starten…"]  # replaced (vervangen.yaml, seventh walk)
    body = catalog["Do you want to restart the kernel of %1? All variables will be lost."][0]
    assert "%1" in body and "blijven bewaard" in body  # says calmly what stays
    assert catalog["Run Selected Cell"] == ["Geselecteerde cel uitvoeren", "Geselecteerde cellen uitvoeren"]
    # eighth walk: the close dialog's 'Weggooien' beside 'Opslaan' read as throwing the lesson away
    assert catalog["Discard"] == ["Niet opslaan"] and catalog["Discard changes to file"] == ["Wijzigingen niet opslaan"]


def test_a_course_translation_may_not_replace_the_communitys(tmp_path, monkeypatch):
    bad = tmp_path / "cursus.yaml"
    bad.write_text(yaml.safe_dump({"Restart Kernel…": "Kernel herstarten…"}, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(language_pack, "COURSE", bad)
    with pytest.raises(ContentError, match="community pack already"):
        language_pack.merged()


def test_the_pack_says_je_as_the_course_does():
    """Issue 24, third walk: community dialogs said "Weet u zeker…" beside the course's "je". The replacements
    (vervangen.yaml) each give their reason, and no translation in the pack says 'u' or 'uw'."""
    catalog = json.loads(language_pack.CATALOG.read_text(encoding="utf-8"))
    formal = {k: v for k, v in catalog.items() if k and any(re.search(r"\b[Uu]w?\b", form or "") for form in v)}
    assert not formal, formal
    for msgid, entry in read_yaml(language_pack.REPLACED).items():
        assert catalog[msgid] == [entry["dutch"]] and entry["why"].strip(), msgid
        assert re.findall(r"%\d", entry["dutch"]) == re.findall(r"%\d", msgid), msgid  # JupyterLab's placeholders


def test_a_replacement_must_replace_a_community_translation_and_say_why(tmp_path, monkeypatch):
    for entry, error in (
        ({"Run All Cells": {"dutch": "Alles uitvoeren", "why": "je"}}, "not translated by the community"),
        ({"You have unsaved changes.": {"dutch": "Je hebt wijzigingen."}}, "give 'dutch'"),
    ):
        bad = tmp_path / "vervangen.yaml"
        bad.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
        monkeypatch.setattr(language_pack, "REPLACED", bad)
        with pytest.raises(ContentError, match=error):
            language_pack.merged()


def test_jupyterlab_finds_one_dutch_pack_and_it_is_the_courses():
    """The entry point (pyproject.toml) is installed, and no second nl_NL pack beside it: one pack per locale,
    and which of two would win depends on install order (jupyterlab_server reads them into one dict)."""
    from jupyterlab_server.translation_utils import get_language_pack

    packs = [ep for ep in entry_points(group="jupyterlab.languagepack") if ep.name == "nl_NL"]
    assert [ep.value for ep in packs] == ["course.learner.jupyterlab_nl"]
    data, message = get_language_pack("nl_NL")
    assert not message.strip(), message
    assert data["jupyterlab"]["Run All Cells"] == ["Alle cellen uitvoeren"]
    assert re.search(r"opnieuw starten", data["jupyterlab"]["Restart Kernel?"][0])
