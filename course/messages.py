"""Learner-facing Dutch messages of the widgets and grade cells, in one place."""

SAVED = "✔ Je antwoord is opgeslagen ({time}). Je kunt het nog veranderen tot je inlevert."
SAVED_PARTIAL = (
    "✔ Opgeslagen ({time}): {done} van {total} uitspraken ingedeeld. "
    "Deel de andere ook nog in."
)
SAVE_FAILED = (
    "⚠ Let op: je antwoord kon niet worden opgeslagen ({reason}). "
    "Probeer het nog eens; lukt het niet, vraag dan hulp aan je docent."
)
READ_ONLY = "Dit notebook wordt nagekeken; antwoorden worden nu niet opgeslagen."
CHOOSE_FIRST = "Kies eerst een antwoord."
CATEGORISE_FIRST = "Deel eerst alle uitspraken in ({done} van {total} gedaan)."
CORRECT = "✔ Goed."
INCORRECT = "✘ Nog niet goed."
TRY_AGAIN = "Probeer het nog eens."
SCORE_LINE = "{right} van {total} goed."
RESTORED_INVALID = (
    "Je eerder opgeslagen antwoord past niet meer bij deze vraag en is niet teruggezet."
)

HINT_BUTTON = "Hint"
HINT_TOOLTIP = "Laat een hint zien"
HINT_PREFIX = "Hint:"
CHOOSE_ONE_OR_MORE = "Kies eerst een of meer antwoorden."
MULTI_RESULT = "{right} van {total} keuzes goed."
ORDER_RESULT = "{right} van {total} stappen staan op de goede plek."
ORDER_UP = "Omhoog"
ORDER_DOWN = "Omlaag"
ORDER_CONFIRM = "Dit is mijn volgorde"
ORDER_CONFIRM_TOOLTIP = "Sla deze volgorde op als je antwoord"
MATCH_PLACEHOLDER = "— kies —"
TEXT_PLACEHOLDER = "Schrijf hier je zin."
TEXT_BUTTON = "Geef feedback"
TEXT_TOOLTIP = "Krijg een hint over je eigen zin (telt niet mee)"
CHECKLIST_BUTTON = "Controleer of alles is ingevuld"
CHECKLIST_TOOLTIP = "Laat zien welke toetsvragen nog open staan (zonder te zeggen wat goed is)"
CHECKLIST_ALL = "✔ Alle {total} toetsvragen zijn beantwoord. Je kunt inleveren."
CHECKLIST_OPEN = "Nog niet klaar: {done} van {total} toetsvragen zijn helemaal beantwoord. Nog open:"
CHECKLIST_NONE = "Deze les heeft geen toetsvragen."

CHECK_BUTTON = "Controleer"
CHECK_TOOLTIP = "Bekijk of je antwoord klopt (oefenen, telt niet mee)"

# Grade cells (visible part): never reveal correctness.
STATUS_ANSWERED = "✔ {label} is beantwoord en opgeslagen."
STATUS_PARTIAL = "… {label} is voor een deel beantwoord ({done} van {total}). Maak hem af voor je inlevert."
STATUS_EMPTY = "✘ {label} is nog niet beantwoord. Kies je antwoord bij de vraag hierboven."
GRADED_NOT_ANSWERED = "{label}: niet beantwoord."
GRADED_SCORE = "{label}: {points:g} van {max_points:g} punten."

# Graded copies (autograde, feedback): the learner's answer as text instead of a widget.
YOUR_ANSWER = "Jouw antwoord:"
NO_ANSWER = "Jouw antwoord: (niet beantwoord)"

# Sequence builder (lesson 05).
BUILDER_CHOOSE = "Zet:"
BUILDER_ADD = "Voeg toe"
BUILDER_CLEAR = "Leegmaken"
BUILDER_REMOVE = "Weg"
BUILDER_EMPTY = "Voeg een zet toe om je gesprek te bouwen."
BUILDER_SUMMARY = "Na {n} zetten: veiligheid {safety}, vertrouwen {trust}, {door} (lesmodel)."
BUILDER_YOURS = "Jouw gesprek"
BUILDER_ALT = "Jouw gesprek, stap voor stap: {moves}."
