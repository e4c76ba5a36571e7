"""What a learner's JupyterLab shows around a lesson: every text of its menus, context menus, toolbars,
side panel, status bar and the dialogs a learner can open from them.

Not a test module. :func:`shown_texts` opens, one after the other, every top menu of the menu bar with
every submenu (recursively), the context menu of a cell and of a file, and the dialogs of
closing, renaming, deleting and shutting down; it reads each one's labels, buttons, tooltips (``title``)
and names for screen readers (``aria-label``), and closes it again without doing anything. It returns
``{place: [text, ...]}``; a test compares these against JupyterLab's English msgids
(:mod:`course.authoring.language_pack`).
"""

from __future__ import annotations

import re
from typing import Any

# The texts of the open menus: item labels and submenu labels (not the shortcuts, those are keys).
MENU_TEXTS = """(from) => Array.from(document.querySelectorAll('.lm-Menu')).slice(from || 0)
    .flatMap(menu => Array.from(menu.querySelectorAll('.lm-Menu-itemLabel')))
    .map(e => e.textContent.trim()).filter(t => t)"""
# Every text a sighted or a screen-reader user meets inside ``root``: visible text lines, the tooltips
# and the accessible names of visible elements.
VISIBLE_TEXTS = """(selector) => {
    const out = [];
    for (const root of document.querySelectorAll(selector)) {
        for (const line of (root.innerText || '').split('\\n')) { if (line.trim()) out.push(line.trim()); }
        for (const e of [root, ...root.querySelectorAll('[title], [aria-label], [placeholder]')]) {
            if (!e.getClientRects().length) continue;
            for (const a of ['title', 'aria-label', 'placeholder']) {
                // a tooltip of several lines (a file's "Naam: … / Size: … / Created: …") is read line by line
                for (const line of (e.getAttribute(a) || '').split('\\n')) { if (line.trim()) out.push(line.trim()); }
            }
        }
    }
    return out;
}"""
# Run a JupyterLab command without waiting for what it opens (a dialog waits for the learner).
EXECUTE = """(command) => { window.jupyterapp.commands.execute(command); return null; }"""
# Mark the menus from ``depth`` down as stale, before a hover opens another submenu there.
MARK_STALE = """(depth) => Array.from(document.querySelectorAll('.lm-Menu')).slice(depth)
    .forEach(menu => { menu.dataset.stale = '1'; })"""
# The submenu at ``depth`` is open, is a fresh one, and has nothing open below it.
FRESH_SUBMENU = """(depth) => { const menus = document.querySelectorAll('.lm-Menu');
    return menus.length === depth + 1 && !menus[depth].dataset.stale; }"""
SUBMENU = '.lm-Menu-item[aria-haspopup="true"]:not(.lm-mod-hidden):not(.lm-mod-disabled)'


def _texts(page: Any, selector: str) -> list[str]:
    return page.evaluate(VISIBLE_TEXTS, selector)


def _close_menus(page: Any) -> None:
    for _ in range(4):
        page.keyboard.press("Escape")
    page.locator(".lm-Menu").first.wait_for(state="detached")


def _open_submenus(page: Any, depth: int, seen: list[str], prefix: str, out: dict[str, list[str]]) -> None:
    """Hover every submenu item of the menu at ``depth`` and read what opens (and its submenus)."""
    menu = page.locator(".lm-Menu").nth(depth)
    count = menu.locator(SUBMENU).count()
    for index in range(count):
        item = page.locator(".lm-Menu").nth(depth).locator(SUBMENU).nth(index)
        label = item.locator(".lm-Menu-itemLabel").inner_text().strip()
        if not item.is_visible():
            continue
        # the submenu of this item, and no stale deeper menu of the item hovered before: that one may stay open a
        # moment after the hover moved on (eleventh session: "Werkruimtes" was read as the "Recent geopend" list)
        page.evaluate(MARK_STALE, depth + 1)
        item.hover()
        page.wait_for_function(FRESH_SUBMENU, arg=depth + 1)
        place = f"{prefix} > {label}"
        out[place] = page.evaluate(MENU_TEXTS, depth + 1) + _texts(page, ".lm-Menu")
        seen.append(place)
        _open_submenus(page, depth + 1, seen, place, out)


def _menus(page: Any, out: dict[str, list[str]]) -> None:
    bar = page.locator("#jp-menu-panel")
    tops = [t.strip() for t in bar.get_by_role("menuitem").all_inner_texts() if t.strip()]
    out["menubalk"] = tops + _texts(page, "#jp-menu-panel")
    for top in tops:
        bar.get_by_role("menuitem", name=top, exact=True).click()
        page.locator(".lm-Menu").first.wait_for()
        out[top] = page.evaluate(MENU_TEXTS) + _texts(page, ".lm-Menu")
        _open_submenus(page, 0, [], top, out)
        _close_menus(page)


def _context_menu(page: Any, target: Any, place: str, out: dict[str, list[str]]) -> None:
    target.click(button="right")
    page.locator(".lm-Menu").first.wait_for()
    out[place] = page.evaluate(MENU_TEXTS) + _texts(page, ".lm-Menu")
    _open_submenus(page, 0, [], place, out)
    _close_menus(page)


def _dialog(page: Any, command: str, place: str, out: dict[str, list[str]]) -> None:
    """Open the dialog of ``command``, read it and dismiss it (Escape: nothing is done)."""
    page.evaluate(EXECUTE, command)
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for()
    out[place] = _texts(page, ".jp-Dialog-content")
    page.keyboard.press("Escape")
    try:
        dialog.wait_for(state="detached", timeout=3000)
    except Exception:  # a dialog whose search box keeps Escape (Sneltoetsen): its own close button
        dialog.locator(".jp-Dialog-button").last.click()
        dialog.wait_for(state="detached")


def shown_texts(page: Any, panel: Any) -> dict[str, list[str]]:
    """Every text of the interface around the open notebook ``panel``, by the place it is shown."""
    out: dict[str, list[str]] = {}
    page.evaluate(EXECUTE, "filebrowser:activate")
    page.locator(".jp-DirListing-item").first.wait_for()
    out["zijbalk en bestandsbrowser"] = _texts(page, "#jp-left-stack") + _texts(page, ".jp-SideBar")
    # ninth walk: the panel of open tabs and kernels ("LANGUAGE SERVE…", "RECENTLY CLOSED", "Forget All")
    page.evaluate(EXECUTE, "running:show-panel")
    page.locator("#jp-left-stack .jp-RunningSessions").first.wait_for()
    out["zijbalk: open tabbladen en kernels"] = _texts(page, "#jp-left-stack")
    # tenth walk: the table of contents' buttons ("Show heading number in the document", "Collapse All Headings")
    page.evaluate(EXECUTE, "toc:show-panel")
    page.locator("#jp-left-stack .jp-TableOfContents").first.wait_for()
    out["zijbalk: inhoudsopgave"] = _texts(page, "#jp-left-stack")
    # eleventh walk: its last button opens a menu ("Show first-level heading number", "Show output headings")
    page.locator("#jp-left-stack .jp-TableOfContents .jp-Toolbar .jp-ToolbarButtonComponent").last.click()
    page.locator(".lm-Menu").first.wait_for()
    out["zijbalk: inhoudsopgave > meer acties"] = page.evaluate(MENU_TEXTS) + _texts(page, ".lm-Menu")
    _close_menus(page)
    # twelfth walk: a right click on a heading there ("Select and Run Cell(s) for this Heading")
    _context_menu(page, page.locator("#jp-left-stack .jp-tocItem").first, "rechtsklik op een kop (inhoudsopgave)", out)
    page.evaluate(EXECUTE, "filebrowser:activate")
    page.locator(".jp-DirListing-item").first.wait_for()
    out["notebookbalk"] = _texts(page, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar")
    out["tabbladen"] = _texts(page, ".lm-DockPanel-tabBar")
    out["statusbalk"] = _texts(page, "#jp-main-statusbar")
    out["cel"] = _texts(page, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell.jp-mod-active .jp-cell-toolbar")
    # thirteenth walk: the grey bar of a hidden code cell said "Click to expand" when hovered
    out["verborgen cel"] = _texts(page, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Placeholder-content")
    _menus(page, out)
    _context_menu(page, panel.locator(".jp-Cell").first, "rechtsklik op een cel", out)
    _context_menu(page, page.locator(".jp-DirListing-item").first, "rechtsklik op een bestand", out)
    # Dialogs a learner can open from the menus (each dismissed): a tab with unsaved changes is closed
    # (JupyterLab marks the notebook changed once cells ran), close and shut down, rename, shut down all.
    panel.locator(".jp-Cell").first.click()
    _dialog(page, "application:close", "dialoog: tab sluiten", out)
    _dialog(page, "notebook:close-and-shutdown", "dialoog: sluiten en afsluiten", out)
    _dialog(page, "docmanager:rename", "dialoog: hernoemen", out)
    _dialog(page, "docmanager:reload", "dialoog: herladen van schijf", out)
    _dialog(page, "docmanager:restore-checkpoint", "dialoog: terug naar checkpoint", out)
    _dialog(page, "kernelmenu:shutdownAll", "dialoog: alle kernels afsluiten", out)
    page.locator(".jp-DirListing-item").first.click()
    _dialog(page, "filebrowser:delete", "dialoog: naar de prullenbak", out)
    _dialog(page, "filemenu:shutdown", "dialoog: afsluiten", out)
    _dialog(page, "apputils:display-shortcuts", "dialoog: sneltoetsen", out)  # ninth walk: "Keyboard Shortcuts"
    return {place: [re.sub(r"\s+", " ", t) for t in texts] for place, texts in out.items()}
