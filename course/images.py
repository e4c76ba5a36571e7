"""An image as HTML for a notebook output: the PNG inline, its alt text, a visible caption. Without
matplotlib, so a lesson can show a pre-rendered figure without importing it."""

from __future__ import annotations

import base64
import html


def png_html(png: bytes, alt: str, caption: str | None = None) -> str:
    """Return an HTML <figure> with the image ``png`` (bytes), its alt text and a visible caption."""
    if not alt or not alt.strip():
        raise ValueError("every figure needs an alt text")
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption><small>{html.escape(caption)}</small></figcaption>" if caption else ""
    return (
        f'<figure style="margin:0"><img src="data:image/png;base64,{data}" '
        f'alt="{html.escape(alt, quote=True)}" style="max-width:100%">{cap}</figure>'
    )
