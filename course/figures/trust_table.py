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


# Columns whose cell spans the rows of a run of equal values (twelfth walk: the article's quote stood in every row of
# its move); a run ends where a run of a column before it ends, so a move's "helpt" never spans into the next move.
SPANNED = ("bron", "zet", "soort")


def _spans(rows: list[dict[str, str]]) -> dict[str, list[int]]:
    """Per spanned column, each row's rowspan: the length of the run it starts, 0 inside a run."""
    spans: dict[str, list[int]] = {}
    breaks = [False] * len(rows)  # a run of an earlier column starts here
    for key in SPANNED:
        starts = [i == 0 or breaks[i] or rows[i][key] != rows[i - 1][key] for i in range(len(rows))]
        ends = [*(n for n, start in enumerate(starts) if start and n), len(rows)]
        spans[key] = [0] * len(rows)
        for begin, end in zip((n for n, start in enumerate(starts) if start), ends):
            spans[key][begin] = end - begin
        breaks = starts
    return spans


def rules_html() -> str:
    """Return the trust model's rules as an HTML table, with the note on the course's own choices: one row per rule,
    the move's name (a row header), its kind and the article's quote once for the rows they hold for."""
    rows, heads = rules_table(), HEADERS
    spans = _spans(rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads.values())
    body = []
    for i, row in enumerate(rows):
        cells = []
        for key in heads:
            value = html.escape(row[key])
            span = spans[key][i] if key in spans else 1
            if not span:
                continue
            attrs = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f'<th scope="row"{attrs}>{value}</th>' if key == "zet" else f"<td{attrs}>{value}</td>")
        group = "</tbody><tbody>" if i and spans["bron"][i] else ""  # a move's rows are one group
        body.append(group + "<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="ouders-zien-regels"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
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
        from course.display import folded

        return folded(msg.RULES_SUMMARY, rules_html())
