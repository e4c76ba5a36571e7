"""The trust model's rules as a table block (Dutch headers), shown in lesson 05."""

from __future__ import annotations

import html

from course.display import Block
from course.model.trust_model import choices_note, rules_table

HEADERS = {
    "zet": "Zet",
    "soort": "Soort",
    "als": "Als",
    "veiligheid": "Veiligheid",
    "vertrouwen": "Vertrouwen",
    "onthoudt": "Het model onthoudt",
    "keuze": "Keuze van de makers",
    "bron": "Uit het artikel (Koster, z.d.)",
}


def rules_html() -> str:
    """Return the trust model's rules as an HTML table, with the note on the course's own choices."""
    rows, heads = rules_table(), HEADERS
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads.values())
    body = "".join("<tr>" + "".join(f"<td>{html.escape(row[k])}</td>" for k in heads) + "</tr>" for row in rows)
    return (
        f'<table class="ouders-zien-regels"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"<p><small>{html.escape(choices_note())}</small></p>"
    )


class RulesTable(Block):
    """The rules table: static, the same while learning and while graded."""

    def text(self) -> str:
        return "\n".join([*(" | ".join(row.values()) for row in rules_table()), choices_note()])

    def html(self) -> str:
        """The table folded away under one line the learner opens (issue 24: three screens of rules between the
        text and the conversations read "like maths, not pedagogy")."""
        from course import messages as msg

        return f"<details><summary><b>{html.escape(msg.RULES_SUMMARY)}</b></summary>{rules_html()}</details>"
