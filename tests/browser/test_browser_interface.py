"""End to end: everything a learner's JupyterLab shows around a lesson is Dutch (issue 24).

One real ``jupyter lab`` on lesson 00 for this module, run once from the Dutch "Uitvoeren" menu. The test opens
every menu of the menu bar with all its submenus, the right-click menus of a cell and of a file, the file browser,
the notebook's toolbar, the status bar and the dialogs a learner can open from the menus (each dismissed), and reads
every label, button, tooltip and screen-reader name (tests/browser/interface_texts.py). A text that is one of the
installed JupyterLab's English msgids (course/authoring/lab_msgids.py) and that the course's language pack does not
translate fails the test, with the place where it was shown.

What the pack cannot reach is listed in ``NOT_TRANSLATABLE``, each with its reason: texts JupyterLab or an
extension writes without its translator. Pictures before and after: assets/walk/ (menu-*.png, dialoog-afsluiten.png).
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO
from interface_texts import shown_texts
from notebook_driver import executed_lesson

from course.authoring import lab_msgids, language_pack

LESSON = "00_start"
# Texts a learner may meet that no language pack can reach, each with the reason (the self-test below checks that
# each is either no msgid at all, or one the pack does translate, so that JupyterLab is the one leaving it English).
NOT_TRANSLATABLE = {
    # nbgrader's labextension names its menu and the learner's command in code, without a translator (nbgrader 0.9,
    # src/index.ts: menu.title.label = 'Nbgrader'; label: 'Assignment List'); hub learners need it to fetch and
    # hand in. Lesson 00 and docs/leerling.md name it and say what it does.
    "Nbgrader": "nbgrader",
    "Assignment List": "nbgrader",
    # The screen-reader name of the side panel's content when it shows the open tabs and kernels: English although
    # the pack has the Dutch (and the file browser's panel has it: "inhoud van het zijpaneel").
    "side panel content": "JupyterLab",
    # The cell toolbar's name for screen readers: JupyterLab shows it in English although the pack has the Dutch
    # ("Werkbalk van de cel").
    "Cell toolbar": "JupyterLab",
    # The same for the notebook's toolbar: JupyterLab shows it in English although the pack has the Dutch
    # ("werkbalk van het hoofdgebied").
    "main area toolbar": "JupyterLab",
}
# a shortcut after a label: "(Ctrl+Shift+F)", " Ctrl+S", " I, I", and Help > Sneltoetsen's " Alt + Shift + 1"
# The same, for texts that carry a name or a path.
NOT_TRANSLATABLE_PATTERNS = {
    # The tooltip of a lesson's kernel in the panel of open tabs and kernels ("00_start.ipynb: <kernel id> / notebook
    # / Path: 00_start/00_start.ipynb"): JupyterLab shows "Path:" in English there although the pack has "Pad: %1"
    # (the file browser's tooltip says "Pad"); seen in one run of three, as the kernel list had loaded or not.
    re.compile(r"^Path: [\w./-]+$"): "JupyterLab",
}
SHORTCUT = re.compile(
    r"\s*(\((Ctrl|Shift|Alt|Cmd|[A-Z0-9])[^)]*\)|\s(Ctrl|Shift|Alt)\+\S+|\s[A-Z0-9], [A-Z0-9]|(\s(Ctrl|Shift|Alt|Cmd) \+)+ \S+)$"
)


def _template(text: str) -> re.Pattern[str]:
    """A msgid or its translation as a pattern: "%1" stands for any filled-in text."""
    return re.compile("^" + re.sub(r"%\d", ".+", re.escape(text.strip())) + "$")


def _english_and_dutch() -> tuple[list[tuple[re.Pattern[str], str, str]], list[re.Pattern[str]]]:
    """The English msgids (pattern, label, text): those the pack leaves untranslated, and, after them, those it
    translates to something else (shown as they are, JupyterLab passed them by the pack); and the Dutch
    translations' patterns."""
    english, dutch, translated = [], [], []
    for domain, ids in lab_msgids.msgids().items():
        path = language_pack.catalog_path(domain)
        catalog = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        for msgid in ids:
            value = catalog.get(lab_msgids.key(msgid))
            label = f"{domain}: {lab_msgids.key(msgid)!r}".replace("\x04", "\\x04")
            if value and value[0]:
                # every form, but not a bare "%1" (that would pass anything)
                dutch += [
                    _template(form) for form in value if len(re.findall(r"[^\W\d_]", re.sub(r"%\d", "", form))) > 2
                ]
                if value[0].strip() != msgid[1].strip() and re.search(r"[A-Za-z]{2}", msgid[1]):
                    translated.append((_template(msgid[1]), label + " (the pack has it in Dutch)", msgid[1]))
            elif re.search(r"[A-Za-z]{2}", msgid[1]):
                english.append((_template(msgid[1]), label, msgid[1]))
    return english + translated, dutch


def untranslated(shown: dict[str, list[str]]) -> dict[str, set[str]]:
    """The English msgids among the texts ``shown`` (by place), each with the places it was shown."""
    english, dutch = _english_and_dutch()
    found: dict[str, set[str]] = {}
    for place, texts in shown.items():
        # a dialog may show two msgids in one line ("Are you sure you want to revert the Notebook to checkpoint? Dit
        # kan niet ongedaan gemaakt worden."): each sentence is looked at on its own too
        split = [re.split(r"(?<=[.?!])\s+(?=[A-Z])", text.strip()) for text in texts]
        sentences = [part for parts in split if len(parts) > 1 for part in parts]
        # a text with its shortcut as part of the msgid ("File Browser (%1)") and without ("Bestanden Ctrl+Shift+F")
        variants = {
            v for shown_text in [*texts, *sentences] for v in (shown_text.strip(), SHORTCUT.sub("", shown_text.strip()))
        }
        for text in variants:
            if not text or text in NOT_TRANSLATABLE or any(rx.match(text) for rx in dutch):
                continue
            if any(rx.match(text) for rx in NOT_TRANSLATABLE_PATTERNS):
                continue
            # two commands in one item, joined by the pack's "%1 en %2" ("Kernel opnieuw starten en Alle cellen
            # uitvoeren…"): Dutch when both halves are (the English "Kernel %1" would match it as a whole)
            halves = [half.rstrip("…") for half in text.split(" en ", 1)]
            if len(halves) == 2 and all(any(rx.match(h) or rx.match(h + "…") for rx in dutch) for h in halves):
                continue
            hits = [label for _, label, msgid in english if msgid.strip() == text]
            hits = hits or [label for rx, label, _ in english if rx.match(text)]
            if hits:
                found.setdefault(hits[0] + ("" if text in hits[0] else f" as {text!r}"), set()).add(place)
    return found


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    with executed_lesson(tmp_path_factory.mktemp("browser-interface"), LESSON) as executed:
        yield executed


def test_the_untranslated_check_can_see_english():
    """The check itself: an English msgid the pack leaves alone is found (also after a shortcut, and filled in),
    Dutch and a file name pass; what is listed as not translatable is no msgid (else the pack could reach it)."""
    english, _ = _english_and_dutch()
    english.sort(key=lambda entry: entry[2])  # the msgids come from sets: one order in every run
    plain = next((label, text) for _, label, text in english if "%" not in text and " " in text)
    filled = next(
        (label, text)
        for _, label, text in english
        if text.count("%1") == 1 and "%2" not in text and "\n" not in text and text.startswith("%1 ") is False
    )
    assert untranslated({"menu": [plain[1] + " Ctrl+Shift+X"]}).get(plain[0]) == {"menu"}
    text = filled[1].replace("%1", "les.ipynb")
    assert untranslated({"dialoog": [text]}) == {f"{filled[0]} as {text!r}": {"dialoog"}}
    assert not untranslated({"menu": ["Alle cellen uitvoeren", "00_start.ipynb", "Cel 3/25", "Notebook"]})
    assert not untranslated({"menu": ["Kernel opnieuw starten en Alle cellen uitvoeren…"]})  # two Dutch halves
    assert untranslated({"menu": ["Kernel opnieuw starten en Restart Kernel"]})  # one English half
    # two msgids in one line, the first English (the revert dialog before the eleventh session)
    # a question of one sentence (a msgid of two, "Some changes have not been saved. Continue without saving?", is
    # itself split, and its halves are no msgids)
    asked = next(text for _, _, text in english if re.fullmatch(r"[^.?!%]+\?", text.strip()))
    assert untranslated({"dialoog": [f"{asked.strip()} Dit kan niet ongedaan gemaakt worden."]})
    known = {}
    for domain, ids in lab_msgids.msgids().items():
        catalog = json.loads(language_pack.catalog_path(domain).read_text(encoding="utf-8"))
        known.update({text: catalog for _, text in ids})
    for text in NOT_TRANSLATABLE:  # no msgid, or one the pack translates (JupyterLab then leaves it English)
        catalog = known.get(text)
        assert catalog is None or catalog.get(text) or catalog.get(f"menu\x04{text}"), text


def test_every_menu_dialog_and_panel_a_learner_opens_is_dutch(lesson, tmp_path):
    with lesson.flow(tmp_path):
        shown = shown_texts(lesson.page, lesson.panel)
    assert len(shown) >= 20 and sum(len(t) for t in shown.values()) > 500, sorted(shown)
    found = untranslated(shown)
    report = "\n".join(f"  {msgid}  ({', '.join(sorted(places)[:3])})" for msgid, places in sorted(found.items()))
    assert not found, f"{len(found)} English texts shown to a learner, not in the course's language pack:\n{report}"
    # eleventh session: the revert dialog's red button said "Ongedaan maken" under "Dit kan niet ongedaan gemaakt
    # worden" (the community pack's "Revert"); it says what it does
    assert "Terugzetten" in shown["dialoog: terug naar checkpoint"], shown["dialoog: terug naar checkpoint"]
    assert "Ongedaan maken" not in shown["dialoog: terug naar checkpoint"]
    # fifteenth walk (low): the panel of open tabs and kernels showed an empty "TAALSERVERS" and "WERKRUIMTES default"
    running = " ".join(shown["zijbalk: open tabbladen en kernels"]).lower()
    assert "kernels" in running and "taalservers" not in running and "werkruimte" not in running, running


COMMANDS = """() => Array.from(document.querySelectorAll('.lm-Menu .lm-Menu-item:not(.lm-mod-hidden)'))
    .map(e => e.dataset.command).filter(c => c)"""


def test_no_menu_or_toolbar_button_cuts_pastes_deletes_splits_merges_or_moves_a_cell(lesson, tmp_path):
    """The settings (tests/unit/test_lab_settings.py) reach the page: the menu Bewerk, the right-click menu of a
    cell and the notebook's toolbar offer no command that changes the lesson's cells; undo and running stay."""
    ours = json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))
    cell_structure = {
        item.get("command")
        for menu in ours["@jupyterlab/mainmenu-extension:plugin"]["menus"]
        for item in menu["items"]
        if item.get("disabled")
    } | {item.get("command") for item in ours["@jupyterlab/application-extension:context-menu"]["contextMenu"]}
    assert {"notebook:delete-cell", "notebook:cut-cell", "notebook:merge-cells"} <= cell_structure
    cell_structure |= {"notebook:insert-cell-below"}  # the toolbar's "+" (off by name: "insert")

    with lesson.flow(tmp_path):
        page = lesson.page
        page.locator("#jp-menu-panel").get_by_role("menuitem", name="Bewerk", exact=True).click()
        page.locator(".lm-Menu").first.wait_for()
        edit = page.evaluate(COMMANDS)
        page.keyboard.press("Escape")
        lesson.panel.locator(".jp-Cell").first.click(button="right")
        page.locator(".lm-Menu").first.wait_for()
        context = page.evaluate(COMMANDS)
        page.keyboard.press("Escape")
        toolbar = lesson.panel.locator(".jp-NotebookPanel-toolbar [data-command]").evaluate_all(
            "els => els.map(e => e.dataset.command)"
        )
    assert "notebook:undo-cell-action" in edit and "notebook:copy-selected-text" in context, (edit, context)
    assert "notebook:run-cell-and-select-next" in toolbar and "notebook:restart-run-all" in toolbar, toolbar
    for place, commands in (("Bewerk", edit), ("rechtsklik op een cel", context), ("werkbalk", toolbar)):
        assert not set(commands) & cell_structure, (place, sorted(set(commands) & cell_structure))


def test_no_programmers_tool_that_leads_to_english(lesson, tmp_path):
    """Issue 24, third walk: a Python console, the log console, contextual help ("No Documentation … request
    information about it from the kernel"), the cell-type drop-down, the kernel's name and "Notebook ↗" (the lesson in
    a second, English interface) are not offered to a learner, nor the kernel's name in the status bar (settings checked
    in tests/unit/test_lab_settings.py)."""
    from playwright.sync_api import expect

    ours = json.loads((REPO / "jupyter-settings" / "ouders-zien.json").read_text(encoding="utf-8"))
    technical = {
        item.get("command")
        for item in ours["@jupyterlab/application-extension:context-menu"]["contextMenu"]
        if item["selector"] == ".jp-Notebook"
    }
    assert {"notebook:create-console", "logconsole:open"} <= technical
    with lesson.flow(tmp_path):
        page = lesson.page
        lesson.panel.locator(".jp-Cell").first.click(button="right")
        page.locator(".lm-Menu").first.wait_for()
        context = page.evaluate(COMMANDS)
        page.keyboard.press("Escape")
        assert "notebook:restart-kernel" in context, context  # the menu was read
        assert not set(context) & technical, sorted(set(context) & technical)
        page.locator("#jp-menu-panel").get_by_role("menuitem", name="Weergave", exact=True).click()
        page.locator(".lm-Menu").first.wait_for()
        view = page.evaluate(COMMANDS)
        page.keyboard.press("Escape")
        assert view and "logconsole:open" not in view, view  # fourth walk: 'Logconsole tonen'
        # sixth walk: Bestand > Nieuw > Console opened an English kernel dialog; "Nieuwe console voor het notebook"
        page.locator("#jp-menu-panel").get_by_role("menuitem", name="Bestand", exact=True).click()
        menu = page.locator(".lm-Menu").first
        menu.wait_for()
        file = page.evaluate(COMMANDS)
        new = menu.get_by_role("menuitem", name=re.compile(r"^Nieuw$"))
        new_count = new.count()
        file_hints = " ".join(menu.locator(".lm-Menu-itemShortcut").all_inner_texts())
        page.keyboard.press("Escape")
        assert "filemenu:shutdown" in file, file  # the menu was read
        assert "filemenu:create-console" not in file and new_count == 0, (file, new_count)
        # twelfth walk: log-out (an English login page after it), a file from a URL, renaming the lesson
        off_in_file = {"filemenu:logout", "filebrowser:open-url", "docmanager:rename", "application:rename"}
        assert not off_in_file & set(file), sorted(off_in_file & set(file))
        # eleventh walk: a right click in the file browser offered localhost links ('Downloadlink kopiëren', 'Deelbare
        # link kopiëren'), the notebook alone ('Downloaden'), 'Open With', a new notebook and 'Nieuw Python-bestand'
        page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
        item = page.locator(".jp-DirListing-item").first
        item.click(button="right")
        menu = page.locator(".lm-Menu").first
        menu.wait_for()
        on_file = page.evaluate(COMMANDS)
        file_labels = menu.locator(".lm-Menu-itemLabel").all_inner_texts()
        page.keyboard.press("Escape")
        assert "filebrowser:open" in on_file, on_file  # the menu was read
        gone = {
            "filebrowser:rename",  # twelfth walk: 'Hernoem' on antwoorden.json
            "filebrowser:download",
            "filebrowser:copy-download-link",
            "filebrowser:share-main",
            "notebook:create-new",
        }
        assert not gone & set(on_file), sorted(gone & set(on_file))
        assert not {"Open With", "Nieuw Python-bestand", "Nieuw notebook"} & set(file_labels), file_labels
        # eighth walk (low): "Wijzig Kernel…" (a kernel dialog) and the hints "I, I" and "0, 0": two keys in command
        # mode that stop a cell or open the restart dialog
        page.locator("#jp-menu-panel").get_by_role("menuitem", name="Kernel", exact=True).click()
        menu = page.locator(".lm-Menu").first
        menu.wait_for()
        kernel = page.evaluate(COMMANDS)
        hints = [h.strip() for h in menu.locator(".lm-Menu-itemShortcut").all_inner_texts() if h.strip()]
        page.keyboard.press("Escape")
        assert "kernelmenu:restart" in kernel and "kernelmenu:change" not in kernel, kernel
        assert "Ctrl+S" in file_hints and not {"I, I", "0, 0"} & set(hints), (file_hints, hints)  # hints are read
        toolbar = lesson.panel.locator(".jp-NotebookPanel-toolbar")
        expect(toolbar.locator('[data-jp-item-name="restart-and-run"]')).to_have_count(1)
        for name in ("cellType", "kernelName", "interfaceSwitcher"):
            expect(toolbar.locator(f'[data-jp-item-name="{name}"]')).to_have_count(0)
        for command in (
            "inspector:toggle",
            "inspector:open",
            "jupyter-notebook:open-notebook",
            "extensionmanager:show-panel",
            "debugger:show-panel",
            "debugger:restart-debug",
            "launcher:create",  # fifth walk: "Python 3 (ipykernel)", "Console", "Terminal" under English headings
            "terminal:create-new",
            "apputils:activate-command-palette",  # sixth walk: a palette of every command, partly English
        ):
            assert not page.evaluate(f'() => window.jupyterapp.commands.hasCommand("{command}")'), command
        # seventh walk: the right-hand panel showed English forms and the lesson's JSON metadata, editable
        lesson.panel.locator(".jp-Cell").nth(1).click()
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-right-area')")
        right = page.locator("#jp-right-stack")
        expect(right).to_contain_text("Voor de lessen heb je dit paneel niet nodig", timeout=10_000)
        for english in ("Common Tools", "Advanced Tools", "grade_id", "Slide Type", "No Properties"):
            expect(right).not_to_contain_text(english)
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-right-area')")
        # fourth walk (low): "Python 3 (ipykernel) | Inactief" in the status bar, a click on it picked a kernel
        status = page.locator("#jp-main-statusbar")
        expect(status).to_be_visible()
        assert "ipykernel" not in status.inner_text() and "Python 3" not in status.inner_text(), status.inner_text()
