"""The trust model's rules as a table block (Dutch headers), shown in lesson 05."""

from __future__ import annotations

import html

from .display import Block
from .trust_model import rules_table

HEADERS = {"zet": "Zet", "soort": "Soort", "als": "Als", "veiligheid": "Veiligheid",
           "vertrouwen": "Vertrouwen", "onthoudt": "Onthoudt", "bron": "Waar het op rust (Koster, z.d.)"}


def rules_html() -> str:
    """Return the trust model's rules as an HTML table."""
    rows = rules_table()
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADERS.values())
    body = "".join("<tr>" + "".join(f"<td>{html.escape(row[k])}</td>" for k in HEADERS) + "</tr>" for row in rows)
    return f'<table class="ouders-zien-regels"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class RulesTable(Block):
    """The rules table: static, the same while learning and while graded."""

    def text(self) -> str:
        return "\n".join(" | ".join(row.values()) for row in rules_table())

    def html(self) -> str:
        return rules_html()
