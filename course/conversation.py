"""Notebook entry points of lesson 05: the model's rules as a table, the scenario and the builder."""

from __future__ import annotations

import html

from .lesson import open_lesson
from .trust_model import rules_table


def rules_html() -> str:
    """Return the trust model's rules as an HTML table (Dutch headers), with the model's caveat."""
    rows = rules_table()
    headers = {"zet": "Zet", "soort": "Soort", "als": "Als", "veiligheid": "Veiligheid",
               "vertrouwen": "Vertrouwen", "onthoudt": "Onthoudt", "bron": "Waar het op rust (Koster, 2025)"}
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers.values())
    body = "".join("<tr>" + "".join(f"<td>{html.escape(row[k])}</td>" for k in headers) + "</tr>" for row in rows)
    return f'<table class="ouders-zien-regels"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def show_rules() -> None:
    """Display the rules table."""
    from IPython.display import display

    table = rules_html()
    text = "\n".join(" | ".join(row.values()) for row in rules_table())
    display({"text/html": table, "text/plain": text}, raw=True)


def show_scenario(lesson_id: str, name: str = "scenario_ophalen") -> None:
    """Display the branching scenario of ``lesson_id``'s folder (as text while being graded)."""
    from IPython.display import display

    from .widgets.scenario import ScenarioExercise

    lesson = open_lesson(lesson_id)
    widget = ScenarioExercise(lesson.store, name, plot=not lesson.store.read_only)
    if lesson.store.read_only:
        text = widget.transcript.value or "(niet gespeeld)"
        display({"text/html": text, "text/plain": text}, raw=True)
    else:
        display(widget)


def show_builder(lesson_id: str) -> None:
    """Display the sequence builder of ``lesson_id``'s folder (as text while being graded)."""
    from IPython.display import display

    from .widgets.builder import SequenceBuilder

    lesson = open_lesson(lesson_id)
    builder = SequenceBuilder(lesson.store, plot=not lesson.store.read_only)
    if lesson.store.read_only:
        display({"text/html": builder.summary.value, "text/plain": builder.summary.value}, raw=True)
    else:
        display(builder)
