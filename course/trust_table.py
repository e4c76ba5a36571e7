"""The trust model's rules as a table block (Dutch headers), shown in lesson 05."""

from __future__ import annotations

import html

from .display import Block
from .trust_model import choices_note, load_model, rules_table

HEADERS = {"zet": "Zet", "soort": "Soort", "als": "Als", "veiligheid": "Veiligheid",
           "vertrouwen": "Vertrouwen", "onthoudt": "Onthoudt", "keuze": None,
           "bron": "Waar het op rust (Koster, z.d.)"}


def _headers() -> dict[str, str]:
    return {k: (v if v is not None else load_model().texts["choice_header"]) for k, v in HEADERS.items()}


def rules_html() -> str:
    """Return the trust model's rules as an HTML table, with the note on the course's own choices."""
    rows, headers = rules_table(), _headers()
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers.values())
    body = "".join("<tr>" + "".join(f"<td>{html.escape(row[k])}</td>" for k in headers) + "</tr>" for row in rows)
    return (f'<table class="ouders-zien-regels"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            f"<p><small>{html.escape(choices_note())}</small></p>")


class RulesTable(Block):
    """The rules table: static, the same while learning and while graded."""

    def text(self) -> str:
        return "\n".join([*(" | ".join(row.values()) for row in rules_table()), choices_note()])

    def html(self) -> str:
        return rules_html()
