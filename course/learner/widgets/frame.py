"""The frame of every live block: what a learner sees when its kernel is gone.

ipywidgets marks every view whose kernel stopped or restarted with the class ``jupyter-widgets-disconnected``
(``DOMWidgetView._comm_live_update`` in @jupyter-widgets/base) and shows only a small red chain-broken icon
before it; the controls still move, the last "✔ opgeslagen" line stays, and nothing a learner then does is
saved (issue 24, third walk). The course's frame turns that state into a Dutch notice above the block and dims
and blocks its controls; and it hides the notebook's "add a cell" button. Pure CSS in an HTML widget, so it works in every JupyterLab, the hub and the browser
edition, and it stays on the page when the kernel is gone.
"""

from __future__ import annotations

from typing import Any

from course import messages as msg
from course.display import OPEN_HINT_CLASS

BLOCK_CLASS = "oz-block"
DISCONNECTED = "jupyter-widgets-disconnected"  # @jupyter-widgets/base, DOMWidgetView._comm_live_update
FOOTER = ".jp-Notebook-footer"  # @jupyterlab/notebook, NotebookFooter


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (double quotes; backslash, quote and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


STOPPED = f".{BLOCK_CLASS}.{DISCONNECTED}"
# The lesson lost its kernel without a restart: the server stopped (the console window closed) or a tab of an earlier
# start was left open (eleventh walk, high: its questions stayed live and "✔ opgeslagen" while nothing was saved).
# ipywidgets marks its views only on a restart (jupyterlab_widgets' WidgetManager._handleKernelStatusChange); the
# notebook's kernel indicator (@jupyterlab/notebook ExecutionIndicator, data-status) says it: connecting,
# disconnected or dead. The notice goes again when the kernel is back.
LOST = (
    ".jp-NotebookPanel:has(.jp-Notebook-ExecutionIndicator:is([data-status='connecting'],"
    f"[data-status='disconnected'],[data-status='dead'])) .{BLOCK_CLASS}:not(.{DISCONNECTED})"
)
BLOCK_CSS = (
    "<style>"
    f"{LOST}::before{{content:{css_string(msg.LOST_BLOCK)}!important;display:block!important;"
    "font:bold var(--jp-ui-font-size1) var(--jp-ui-font-family)!important;color:var(--jp-warn-color0,#8a4b00)!important;"
    "padding:4px 0 8px!important;white-space:normal!important}"
    f"{LOST} > *{{opacity:0.45;pointer-events:none!important}}"
    # the notice takes the place of ipywidgets' icon before the block, in the page's font
    f"{STOPPED}::before{{content:{css_string(msg.STOPPED_BLOCK)}!important;display:block!important;"
    "font:bold var(--jp-ui-font-size1) var(--jp-ui-font-family)!important;color:var(--jp-warn-color0,#8a4b00)!important;"
    "padding:4px 0 8px!important;white-space:normal!important}"
    # no icon on the parts inside it; the parts dimmed and out of reach of the mouse
    f"{STOPPED} .{DISCONNECTED}::before{{content:none!important;display:none!important}}"
    f"{STOPPED} > *{{opacity:0.45;pointer-events:none!important}}"
    # JupyterLab's "Click to add a cell." under the last cell adds a cell to the lesson with one click (its
    # NotebookFooter calls NotebookActions.insertBelow directly; no setting turns it off: asked in jupyterlab#15224, not added). The
    # learner's JupyterLab changes no cells (jupyter-settings/ouders-zien.json), so once a block shows it is gone.
    f"{FOOTER}{{display:none!important}}"
    # a text box or tick box of width 100% plus ipywidgets' margin on both sides ran 4 px past the block, which then scrolled
    # sideways (issue 24, third walk: "it looks as if something is cut off")
    f".{BLOCK_CLASS} :is(.widget-textarea,.jupyter-widget-textarea,.widget-text,.jupyter-widget-text,"
    ".widget-checkbox,.jupyter-widget-checkbox)[style*='100%']"
    "{width:calc(100% - 2 * var(--jp-widgets-margin, 2px))!important}"
    # what a learner writes, in the lesson's font, not a programmer's (issue 24, fourth walk: Mijn gesprek's box)
    f".{BLOCK_CLASS} :is(textarea,input[type='text']){{font-family:var(--jp-ui-font-family)!important}}"
    # a lesson's folded "Precies gelezen" box (<details> in a Markdown cell): room before the next paragraph, and a
    # summary that looks clickable (issue 24: the paragraph after a closed box stuck to it)
    ".jp-RenderedHTMLCommon details{margin-bottom:1em!important}"
    ".jp-RenderedHTMLCommon details>summary{cursor:pointer;color:var(--jp-content-link-color)}"
    f".jp-RenderedHTMLCommon details[open]>summary .{OPEN_HINT_CLASS}{{display:none}}"  # "(klik om te openen)"
    # lesson 05's rules table reads as text, left-aligned and from the top (ninth walk: JupyterLab's right-aligned
    # table cells "looked like code")
    ".jp-RenderedHTMLCommon table.ouders-zien-regels :is(td,th){text-align:left!important;vertical-align:top}"
    # one band per move (its <tbody>), not a stripe per row, which cut through a move's spanned name and quote
    ".jp-RenderedHTMLCommon table.ouders-zien-regels tbody tr{background:transparent!important}"
    ".jp-RenderedHTMLCommon table.ouders-zien-regels tbody:nth-of-type(even){background:var(--jp-layout-color2)}"
    # the hand-in link looks like a link (tenth walk: plain black text, "did the button do nothing?")
    f".{BLOCK_CLASS} a[download]{{color:var(--jp-content-link-color)!important;text-decoration:underline;font-weight:bold}}"
    "</style>"
)


def framed(box: Any) -> Any:
    """Give ``box`` (the block's outer ipywidgets box) the course's frame, once; return it."""
    import ipywidgets as widgets

    if BLOCK_CLASS not in box._dom_classes:
        box.add_class(BLOCK_CLASS)
        box.children = (*box.children, widgets.HTML(value=BLOCK_CSS))
    return box
