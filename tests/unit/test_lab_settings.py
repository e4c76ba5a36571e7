"""The learner's JupyterLab: Dutch by default, no news pop-up, no lecturer tools, with no manual step."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO

OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "ouders-zien.json"


def _schema(plugin: str) -> dict:
    """The settings schema of one of JupyterLab's own plugins, as installed ("notebook-extension/tracker.json")."""
    path = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / plugin
    return json.loads(path.read_text(encoding="utf-8"))


def _disabled_shortcuts() -> set[tuple[str, tuple[str, ...], str]]:
    """The shortcuts the course switches off (command, keys, selector), from jupyter-settings/ouders-zien.json."""
    ours = json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))
    return {
        (s["command"], tuple(s["keys"]), s["selector"])
        for s in ours["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
        if s.get("disabled")
    }


def test_installing_the_course_installs_the_lab_defaults():
    assert OVERRIDES.exists(), "pip install of the course should place the JupyterLab overrides"
    installed = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert installed == json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))
    assert installed["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"
    assert installed["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_the_dutch_language_pack_is_installed():
    """The course's own pack (course/learner/jupyterlab_nl/, tests/unit/test_language_pack.py)."""
    from jupyterlab_server.translation_utils import get_language_packs

    packs, _ = get_language_packs()
    assert "nl_NL" in packs


def test_the_overrides_match_jupyterlabs_settings_schemas():
    import jsonschema

    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, values in json.loads(OVERRIDES.read_text(encoding="utf-8")).items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        for key in values:
            assert key in schema["properties"], f"{plugin}: unknown setting {key}"
        jsonschema.validate(values, schema)  # the whole schema, so its $refs resolve


def test_arrow_keys_stay_with_a_focused_widget():
    """ArrowUp/Down move between cells, except while a widget (e.g. a dropdown) has the focus."""
    shortcuts = json.loads(OVERRIDES.read_text(encoding="utf-8"))["@jupyterlab/shortcuts-extension:shortcuts"][
        "shortcuts"
    ]
    arrows = [s for s in shortcuts if s["command"].startswith("notebook:move-cursor")]
    disabled = {(s["command"], s["keys"][0]) for s in arrows if s.get("disabled")}
    replaced = {(s["command"], s["keys"][0]): s["selector"] for s in arrows if not s.get("disabled")}
    assert (
        disabled
        == set(replaced)
        == {("notebook:move-cursor-down", "ArrowDown"), ("notebook:move-cursor-up", "ArrowUp")}
    )
    assert all(s.get("disabled") for s in shortcuts if s not in arrows)  # the rest only switch keys off
    assert all(sel.endswith(":focus:not(.jupyter-widgets *)") for sel in replaced.values())
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    default_rules = {
        (s["command"], tuple(s["keys"]), s["selector"])
        for plugin in (
            "notebook-extension/tracker.json",
            "mainmenu-extension/plugin.json",
            "filebrowser-extension/browser.json",
        )
        for s in json.loads((schemas / "@jupyterlab" / plugin).read_text("utf-8"))["jupyter.lab.shortcuts"]
    }
    for s in shortcuts:  # a disabled rule only works if it matches JupyterLab's own rule exactly
        if s.get("disabled"):
            assert (s["command"], tuple(s["keys"]), s["selector"]) in default_rules


def test_make_lab_hides_nbgrader_lecturer_tools_from_learners():
    page = json.loads((REPO / "jupyter-settings" / "learner" / "labconfig" / "page_config.json").read_text("utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    # Issue 24: nbgrader's Validate said "Success! Your notebook passes all the tests.", which a learner read
    # as "all my answers are right". Learners get the lesson's own Dutch self-check instead (what is still
    # open, never what is right); the Assignments list stays (hub learners fetch and hand in there).
    assert page["disabledExtensions"]["@jupyter/nbgrader:validate-assignment"] is True
    # Issue 24 (a learner's walk): on a laptop nbgrader's Assignment List has no exchange and showed only English
    # errors ("Error fetching courses!"); learners there hand in a zip. Off for `make lab` and `ouders-zien start`,
    # back on for hub learners (they fetch and hand in there): the hub puts hub/learner first on
    # JUPYTER_CONFIG_PATH, and the first config dir wins (jupyter_server's ConfigManager reads the path in reverse
    # and updates, so the first entry is applied last).
    off_on_laptop = {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"}  # the menu plugin adds it anyway
    assert all(page["disabledExtensions"][name] is True for name in off_on_laptop)
    hub = json.loads((REPO / "hub" / "learner" / "labconfig" / "page_config.json").read_text("utf-8"))
    assert hub["disabledExtensions"] == dict.fromkeys(off_on_laptop, False)
    hub_config = (REPO / "hub" / "jupyterhub_config.py").read_text(encoding="utf-8")
    first, second = 'os.path.join(HERE, "learner")', 'os.path.join(REPO, "jupyter-settings", "learner")'
    assert hub_config.index(first) < hub_config.index(second)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-settings/learner"' in makefile


# Issue 24 (a learner's walk): after a double-click on the reflection the keyboard stayed in command mode,
# and typing a sentence added cells and made the reflection a raw cell. The course switches off the
# single-key command-mode shortcuts that change the notebook's cells; Enter (to type) and the arrows stay.
STRUCTURE = {
    "notebook:change-cell-to-code",
    "notebook:change-cell-to-markdown",
    "notebook:change-cell-to-raw",
    *(f"notebook:change-cell-to-heading-{n}" for n in range(1, 7)),
    "notebook:cut-cell",
    "notebook:delete-cell",
    "notebook:insert-cell-above",
    "notebook:insert-cell-below",
    "notebook:merge-cells",
    "notebook:insert-heading-above",
    "notebook:insert-heading-below",
    "notebook:paste-cell-below",
    "notebook:undo-cell-action",
    "notebook:redo-cell-action",
}


def test_typing_in_command_mode_cannot_change_the_notebooks_cells():
    schema = _schema("notebook-extension/tracker.json")
    defaults = {
        (s["command"], tuple(s["keys"]), s["selector"])
        for s in schema["jupyter.lab.shortcuts"]
        if "commandMode" in s["selector"] and all(len(k) <= 7 for k in s["keys"])
    }
    off = _disabled_shortcuts()
    # a disabled entry only works when it names JupyterLab's default exactly (command, keys, selector)
    # (the move-cursor entries add a selector; the kernel menu's two-key shortcuts and the file browser's Delete key:
    # the tests above and below)
    assert (
        off - {o for o in off if o[0].startswith(("notebook:move-cursor", "kernelmenu:", "filebrowser:"))} <= defaults
    )
    single_key = {d for d in defaults if d[0] in STRUCTURE}
    assert single_key and single_key <= off, sorted(single_key - off)
    assert not any(d[0] == "notebook:enter-edit-mode" for d in off)  # Enter still starts typing


def test_two_keys_in_command_mode_neither_restart_nor_interrupt_the_kernel_and_the_kernel_cannot_be_changed():
    """Ninth session (eighth walk, low): the Kernel menu showed "0, 0" and "I, I" beside restart and interrupt; in
    command mode those two keys open the restart dialog or stop a running cell, which a learner typing beside a
    widget can hit. Both shortcuts are off (the menu items stay), and so is "Wijzig Kernel…" (a kernel dialog)."""
    schema = _schema("mainmenu-extension/plugin.json")
    two_keys = {
        (s["command"], tuple(s["keys"]), s["selector"])
        for s in schema["jupyter.lab.shortcuts"]
        if s["command"] in ("kernelmenu:interrupt", "kernelmenu:restart")
    }
    assert {k[1] for k in two_keys} == {("I", "I"), ("0", "0")}
    off = _disabled_shortcuts()
    assert two_keys <= off, sorted(two_keys - off)
    ours = json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))
    kernel_menu = next(
        m for m in ours["@jupyterlab/mainmenu-extension:plugin"]["menus"] if m["id"] == "jp-mainmenu-kernel"
    )
    assert {"command": "kernelmenu:change", "disabled": True} in kernel_menu["items"]


# A key in the file browser that changes a lesson's files, each off exactly as JupyterLab's own rule:
FILE_KEYS = {
    # ninth walk (high): a lesson's folder could go to the trash from the file browser (its right-click menu: the
    # context-menu test below); the Delete key did the same, with a dialog
    "filebrowser:delete": "Delete: a lesson's folder or its answer file to the trash",
    # twelfth walk (low): a right click on antwoorden.json offered 'Hernoem'. Renamed, the lesson starts a new, empty
    # answer file and the hand-in leaves the old one out; a renamed notebook is no longer the lesson the lecturer
    # collects. Renaming is off in the right-click menus and Bestand (TECHNICAL_CONTEXT, TECHNICAL_MAIN), and F2
    "filebrowser:rename": "F2: renames the answer file or the lesson",
    # fourteenth walk (mid): Ctrl+X and Ctrl+V moved antwoorden.json out of its lesson (the lesson then started a new,
    # empty file), and pasting it back asked JupyterLab's English "Overwrite file?" (docmanager's renameFile calls
    # its dialog without a translator, so no language pack reaches it). Copying and duplicating go with them: a
    # learner has no use for a copy of a lesson or of its answers. The server refuses a move of a course file too
    # (course/learner/lesson_files.py: dragging a file onto a folder).
    "filebrowser:cut": "Ctrl+X: moves the answer file or the lesson (with Ctrl+V)",
    "filebrowser:paste": "Ctrl+V: places what Ctrl+X or Ctrl+C took",
    "filebrowser:copy": "Ctrl+C: copies a lesson or its answers, for Ctrl+V",
    "filebrowser:duplicate": "Ctrl+D: a second copy of a lesson ('-Copy1'), not the one the lecturer collects",
}


@pytest.mark.parametrize("command", sorted(FILE_KEYS))
def test_no_key_in_the_file_browser_deletes_or_renames_a_lessons_files(command):
    schema = _schema("filebrowser-extension/browser.json")
    keys = {
        (s["command"], tuple(s["keys"]), s["selector"])
        for s in schema["jupyter.lab.shortcuts"]
        if s["command"] == command
    }
    off = _disabled_shortcuts()
    assert keys and keys <= off, sorted(keys - off)


# Issue 24: the shortcuts above are off, yet the menu Bewerk, the right-click menu of a cell and the notebook's
# toolbar still cut, pasted, deleted, split, merged and moved the lesson's cells with one click (a learner could
# delete the reflection cell). JupyterLab's documented route (Interface Customization: "disabled": true on a menu,
# context-menu or toolbar item, https://jupyterlab.readthedocs.io/en/stable/user/interface_customization.html)
# switches them off; undo, copying selected text and running cells stay.
CELL_STRUCTURE = {
    "notebook:cut-cell",
    "notebook:copy-cell",
    "notebook:paste-cell-below",
    "notebook:paste-cell-above",
    "notebook:paste-and-replace-cell",
    "notebook:delete-cell",
    "notebook:move-cell-up",
    "notebook:move-cell-down",
    "notebook:split-cell-at-cursor",
    "notebook:merge-cells",
    "notebook:merge-cell-above",
    "notebook:merge-cell-below",
    "notebook:insert-cell-below",
    "notebook:run-cell-and-insert-below",
}


def _menu_item(item: dict) -> str | None:
    """A main-menu item's name in JupyterLab's menu settings: its command, or its submenu's id."""
    return item.get("command") or (f"submenu:{item['submenu']['id']}" if "submenu" in item else None)


def test_no_menu_or_toolbar_changes_the_lessons_cells():
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / "notebook-extension"
    tracker = json.loads((schemas / "tracker.json").read_text(encoding="utf-8"))
    panel = json.loads((schemas / "panel.json").read_text(encoding="utf-8"))
    ours = json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))

    default_main = {
        (menu["id"], item["command"])
        for menu in tracker["jupyter.lab.menus"]["main"]
        for item in menu.get("items", [])
        if item.get("command") in CELL_STRUCTURE
    }
    off_main = {
        (menu["id"], _menu_item(item))
        for menu in ours["@jupyterlab/mainmenu-extension:plugin"]["menus"]
        for item in menu["items"]
        if item.get("disabled")
    }
    assert default_main and default_main <= off_main, sorted(default_main - off_main)
    # each names one of JupyterLab's own items (else it switches off nothing)
    assert off_main <= default_main | set(TECHNICAL_MAIN), sorted(off_main - default_main - set(TECHNICAL_MAIN))
    every_main = {
        (menu["id"], _menu_item(item))
        for path in (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas").rglob("*.json")
        for menu in json.loads(path.read_text(encoding="utf-8")).get("jupyter.lab.menus", {}).get("main", [])
        for item in menu.get("items", [])
    }
    assert set(TECHNICAL_MAIN) <= off_main & every_main, sorted(set(TECHNICAL_MAIN) - (off_main & every_main))

    default_context = {
        (item["command"], item["selector"])
        for item in tracker["jupyter.lab.menus"]["context"]
        if item.get("command") in CELL_STRUCTURE
    }
    off_context = {
        (_menu_item(item), item["selector"])
        for item in ours["@jupyterlab/application-extension:context-menu"]["contextMenu"]
        if item.get("disabled")
    }
    assert default_context and default_context | set(TECHNICAL_CONTEXT) == off_context, sorted(
        (default_context | set(TECHNICAL_CONTEXT)) ^ off_context
    )
    every_context = {
        (_menu_item(item), item.get("selector"))
        for path in (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas").rglob("*.json")
        for item in json.loads(path.read_text(encoding="utf-8")).get("jupyter.lab.menus", {}).get("context", [])
    }
    assert set(TECHNICAL_CONTEXT) <= every_context, sorted(set(TECHNICAL_CONTEXT) - every_context)

    default_toolbar = {
        item["name"] for item in panel["jupyter.lab.toolbars"]["Notebook"] if item.get("command") in CELL_STRUCTURE
    }
    off_toolbar = {item["name"] for item in ours["@jupyterlab/notebook-extension:panel"]["toolbar"] if item["disabled"]}
    assert default_toolbar and default_toolbar <= off_toolbar, sorted(default_toolbar - off_toolbar)
    assert "restart-and-run" not in off_toolbar and "run" not in off_toolbar  # running stays
    # the cell-type drop-down turns the reflection into code; the kernel's name ("Python 3 (ipykernel)") picks kernels
    names = {item["name"] for item in panel["jupyter.lab.toolbars"]["Notebook"]}
    assert TECHNICAL_TOOLBAR <= off_toolbar & names, sorted(TECHNICAL_TOOLBAR - (off_toolbar & names))


# Issue 24, third walk: programmer's tools a learner met and could not use, each in English or leading to English
# ("Nieuwe subshell-console voor het notebook", "Logconsole tonen"; "Hulp bij de plek waar je bent" opened "No
# Documentation … request information about it from the kernel"; "Notebook ↗" opened the lesson in a second,
# English interface).
TECHNICAL_CONTEXT = {
    ("notebook:create-console", ".jp-Notebook"): "a Python console",
    ("notebook:create-subshell-console", ".jp-Notebook"): "a Python console",
    ("logconsole:open", ".jp-Notebook"): "the log of widget errors",
    # ninth walk (high): a right click on a lesson's folder offered 'Naar de prullenbak' (the whole lesson)
    ("filebrowser:delete", ".jp-DirListing-item[data-isdir]"): "deletes a lesson's folder or its answer file",
    # eleventh session (tenth walk): "Open With" (English) offered the lesson as 'Editor' or 'JSON', and a right click
    # on the notebook still gave 'Downloaden', the notebook without its answers, taken for the hand-in
    ("submenu:jp-contextmenu-open-with", '.jp-DirListing-item[data-isdir="false"]'): "the lesson as text or JSON",
    ("filebrowser:download", '.jp-DirListing-item[data-isdir="false"]'): "the notebook without its answers",
    # eleventh walk: a right click offered links to the learner's own laptop ('Downloadlink kopiëren', 'Deelbare link
    # kopiëren': a localhost address that a learner may paste into Moodle as a hand-in) and a new notebook (a kernel
    # picker, like the Bestand > Nieuw that went in the sixth walk)
    ("filebrowser:copy-download-link", '.jp-DirListing-item[data-isdir="false"]'): "a localhost link, not a hand-in",
    ("filebrowser:share-main", ".jp-DirListing-item[data-isdir]"): "a localhost link, not a hand-in",
    ("notebook:create-new", ".jp-DirListing-content"): "a new notebook with a kernel picker",
    # twelfth walk: 'Hernoem' on antwoorden.json (the answers left out of the hand-in; the lesson starts a new file)
    ("filebrowser:rename", ".jp-DirListing-item[data-isdir]"): "renames the answer file or the lesson",
    ("docmanager:rename", '[data-type="document-title"]'): "renames the lesson (its tab's right-click menu)",
    # fourteenth walk (mid): 'Knippen' and 'Plakken' moved antwoorden.json out of its lesson (FILE_KEYS)
    ("filebrowser:cut", ".jp-DirListing-item[data-isdir]"): "moves the answer file or the lesson",
    ("filebrowser:copy", ".jp-DirListing-item[data-isdir]"): "copies a lesson or its answers, for 'Plakken'",
    ("filebrowser:paste", ".jp-DirListing-content"): "places what 'Knippen' or 'Kopiëren' took",
    ("filebrowser:duplicate", '.jp-DirListing-item[data-isdir="false"]'): "a second copy of the lesson ('-Copy1')",
}
TECHNICAL_MAIN = {
    ("jp-mainmenu-view", "logconsole:open"): "the log of widget errors (fourth walk: 'Logconsole tonen')",
    # sixth walk: Bestand > Nieuw > Console opened an English "Select Kernel … Python 3 (ipykernel) … No Kernel" dialog;
    # the submenu also offered new notebooks and files, and "Nieuwe console voor het notebook" a Python console
    ("jp-mainmenu-file", "submenu:jp-mainmenu-file-new"): "new notebooks, consoles and files, an English kernel dialog",
    ("jp-mainmenu-file", "filemenu:create-console"): "a Python console for the lesson",
    # eighth walk (low): "Wijzig Kernel…" opens a dialog that lists Python kernels; a lesson has one kernel
    ("jp-mainmenu-kernel", "kernelmenu:change"): "a kernel dialog ('Python 3 (ipykernel)', 'Geen kernel')",
    # ninth walk (high): 'Downloaden' gave the notebook without antwoorden.json, taken for the hand-in (the hand-in is
    # the self-check's 'Inleveren: download de map')
    ("jp-mainmenu-file", "docmanager:download"): "the notebook without its answers, taken for a hand-in",
    # eleventh session (tenth walk, and the interface test once it read every submenu): English submenus with
    # nothing for a learner: workspaces ("Open Workspace…", "Reset Workspace…"), export formats ("Asciidoc",
    # "Qtpdf", "Executable Script"; the hand-in is the self-check's download), the languages of code ("APL",
    # "Cobol"), the interface's language ("English - English", "Install more languages…"), the console's run key
    # ("Execute with Enter") and the text editor's theme ("codespiegel")
    ("jp-mainmenu-file", "submenu:jp-mainmenu-file-workspaces"): "workspaces: 'Open Workspace…', 'Reset Workspace…'",
    ("jp-mainmenu-file", "submenu:jp-mainmenu-file-notebookexport"): "export formats: 'Asciidoc', 'Qtpdf'",
    ("jp-mainmenu-view", "submenu:jp-mainmenu-view-codemirror-language"): "languages of code: 'APL', 'Cobol'",
    ("jp-mainmenu-settings", "submenu:jp-mainmenu-settings-language"): "'English - English', 'Install more languages…'",
    ("jp-mainmenu-settings", "submenu:jp-mainmenu-settings-consoleexecute"): "'Execute with Enter' in a console",
    ("jp-mainmenu-settings", "submenu:jp-mainmenu-settings-codemirror-theme"): "the text editor's theme: 'codespiegel'",
    # twelfth walk (low): 'Uitloggen' ends the session the console's address opened (its token): the tab then shows
    # jupyter_server's English login page ("Password or token"), and a learner has no way back but that address;
    # 'Openen via URL…' fetches a file from the internet into the lesson folder. Stopping stays: 'Afsluiten'.
    ("jp-mainmenu-file", "filemenu:logout"): "log out: jupyter_server's English login page, no way back in",
    ("jp-mainmenu-file", "filebrowser:open-url"): "a file from the internet into the lesson folder",
    ("jp-mainmenu-file", "docmanager:rename"): "renames the lesson: no longer the notebook the lecturer collects",
    ("jp-mainmenu-file", "application:rename"): "renames the lesson: no longer the notebook the lecturer collects",
    # fourteenth walk (low): 'Sla Notebook op als…' and 'Notebook dupliceren' make a second lesson under another name;
    # a learner who goes on in it hands in a notebook the lecturer does not collect
    ("jp-mainmenu-file", "docmanager:save-as"): "the lesson under another name, not the one the lecturer collects",
    ("jp-mainmenu-file", "docmanager:duplicate"): "a second copy of the lesson ('-Copy1')",
}
TECHNICAL_TOOLBAR = {"cellType", "kernelName"}
TECHNICAL_PLUGINS = {
    "@jupyterlab/inspector-extension:inspector": "contextual help: English, about code",
    "@jupyterlab/inspector-extension:consoles": "contextual help in a console",
    "@jupyterlab/inspector-extension:notebooks": "contextual help in a notebook",
    "@jupyter-notebook/lab-extension:interface-switcher": "'Notebook ↗': the lesson in Jupyter Notebook's interface",
    "@jupyter-notebook/lab-extension:launch-tree": "Jupyter Notebook's file browser",
    # fourth walk: the puzzle icon opened an English security warning with a red "Yes"; the bug icon a debugger
    "@jupyterlab/extensionmanager-extension:plugin": "the extension manager and its English security warning",
    # fifth round (fourth walk, low): the status bar said "Python 3 (ipykernel) | Inactief", and a click on it opened
    # the kernel picker; the notebook and console providers require its token, so they go too
    "@jupyterlab/apputils-extension:kernel-status": "the kernel's name in the status bar, a click picks a kernel",
    "@jupyterlab/notebook-extension:kernel-status": "requires the status bar's kernel model",
    "@jupyterlab/console-extension:kernel-status": "requires the status bar's kernel model",
    # fifth walk: the Launcher tab (on the hub's first start, after the last tab is closed, behind every "+") offered
    # "Python 3 (ipykernel)" notebooks and consoles, a terminal and new files, under English headings ("Launcher",
    # "Console", "Other"); a learner opens lessons from the file browser
    "@jupyterlab/launcher-extension:plugin": "the Launcher: new notebooks, consoles, a terminal, under English headings",
    # eleventh walk: a right click in the file browser offered "Nieuw Python-bestand" (one entry per kernel language)
    "@jupyterlab/filebrowser-extension:create-new-language-file": "'Nieuw Python-bestand' in the file browser",
    # fourteenth walk (mid): Instellingen > 'Instellingen bewerken' opened the settings editor: plugin names and
    # their schemas' texts in English ("Code Completion", "Document Manager"), every switch of the interface
    "@jupyterlab/settingeditor-extension:form-ui": "the settings editor: plugin names and schema texts in English",
    "@jupyterlab/settingeditor-extension:plugin": "the JSON settings editor (the same, as raw JSON)",
    # sixth walk: the command palette (Weergave's first item, Ctrl+Shift+C) listed every command, partly English
    # ("Toggle Visibility of Selected Outputs", "No commands found that match …"), and changed a cell's type
    "@jupyterlab/apputils-extension:palette": "the command palette: every command, partly English, cell types too",
    # seventh walk: the right-hand panel 'Eigenschappen' showed English forms ("Common Tools", "Slide Type", "Editable /
    # Read-Only") and the lesson's JSON metadata (nbgrader's grade ids and checksums), which a learner could change.
    # Without the notebook tools the panel says, in the course's Dutch, that a learner does not need it.
    "@jupyterlab/notebook-extension:tools": "the cell and notebook tools: English forms and editable JSON metadata",
    "@jupyterlab/metadataform-extension:metadataforms": "the forms of the notebook tools (requires them)",
    "@jupyterlab/notebook-extension:update-raw-mimetype": "a form of the notebook tools (requires the forms)",
    # fifteenth walk (low): the panel of open tabs and kernels listed an empty "TAALSERVERS" (no language server is
    # installed) and "WERKRUIMTES default"; the plugins that require the connection manager go with it (read in
    # jlab_core: lsp-extension:settings, notebook- and fileeditor-extension:language-server)
    "@jupyterlab/lsp-extension:plugin": "the language server connection manager and its empty 'Taalservers' section",
    "@jupyterlab/lsp-extension:settings": "requires the language server connection manager",
    "@jupyterlab/notebook-extension:language-server": "requires the language server connection manager",
    "@jupyterlab/fileeditor-extension:language-server": "requires the language server connection manager",
    "@jupyterlab/workspaces-extension:sidebar": "'Werkruimtes default' in the panel of open tabs and kernels",
    **{
        f"@jupyterlab/debugger-extension:{name}": "the debugger (a side panel, 'Debuggerpaneel', 'Herstart Kernel en debug')"
        for name in (
            "completions config consoles debug-console display-registry files main notebooks service sidebar "
            "source-viewer sources variables"
        ).split()
    },
}


def test_learners_get_no_terminal():
    """Fifth walk: the Launcher offered a Terminal (a Unix shell, English). jupyter_server's
    ServerApp.terminals_enabled=False leaves JupyterLab without the terminal service, so its terminal plugin adds no
    command, menu item or card."""
    server = json.loads((REPO / "jupyter-settings" / "learner" / "jupyter_server_config.json").read_text("utf-8"))
    assert server["ServerApp"]["terminals_enabled"] is False
    from jupyter_server.serverapp import ServerApp

    assert "terminals_enabled" in ServerApp.class_trait_names()  # the name jupyter_server reads


def test_learners_get_no_programmers_tools_that_lead_to_english():
    page = json.loads((REPO / "jupyter-settings" / "learner" / "labconfig" / "page_config.json").read_text("utf-8"))
    assert all(page["disabledExtensions"].get(name) is True for name in TECHNICAL_PLUGINS)
    share = Path(sys.prefix) / "share" / "jupyter"
    bundles = [*(share / "lab" / "static").glob("*.js"), *(share / "labextensions").rglob("static/*.js")]
    code = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in bundles)
    for name in TECHNICAL_PLUGINS:  # each names a plugin the installed JupyterLab has (else disabling does nothing)
        assert f'"{name}"' in code or f"'{name}'" in code, name


def test_a_lesson_closed_without_stopping_frees_its_kernel_after_half_an_hour():
    """Fifteenth walk (low): closing a lesson's tab left its kernel running; by lesson 06 seven kernels held a laptop's
    memory. jupyter_server culls a kernel that has been idle for cull_idle_timeout seconds; with cull_connected false
    only a kernel that no open tab is connected to (its source, services/kernels/kernelmanager.py,
    cull_kernel_if_idle: "is_idle_connected = self.cull_connected or not connections"). An open lesson keeps its
    kernel; answers are in the answer file, so a culled kernel loses nothing (the lesson shows 'Gestopt' if reopened)."""
    server = json.loads((REPO / "jupyter-settings" / "learner" / "jupyter_server_config.json").read_text("utf-8"))
    cull = server["MappingKernelManager"]
    assert cull["cull_connected"] is False and 600 <= cull["cull_idle_timeout"] <= 3600 and cull["cull_interval"] > 0
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    assert {"cull_idle_timeout", "cull_interval", "cull_connected"} <= set(MappingKernelManager.class_trait_names())
