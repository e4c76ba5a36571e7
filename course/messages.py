"""Learner-facing Dutch messages of the widgets and grade cells, in one place."""

import errno
import time

# With seconds: a second answer in the same minute still changes the line the learner reads (issue 24).
TIME_FORMAT = "%H:%M:%S"
# A saved answer is marked with a floppy, not the ✔ of "✔ Goed." (eleventh walk: "✔ Je antwoord is opgeslagen" under a
# toets question read as "correct").
SAVED = "💾 Je antwoord is opgeslagen ({time}). Je kunt het nog veranderen tot je inlevert."
SAVED_PARTIAL = "💾 Opgeslagen ({time}): {done} van {total} gedaan. Maak de vraag af voor je inlevert."
SAVE_FAILED = (
    "⚠ Let op: je antwoord is nog niet opgeslagen ({reason}). Het is onthouden: de computer probeert "
    "het zo weer op te slaan, en ook bij je volgende wijziging. Lukt dat steeds niet, vraag dan hulp aan je docent."
)
SAVED_LATER = "💾 Je antwoord is nu toch opgeslagen ({time})."
# Why a save failed, by errno name; anything else shows the system's own text.
SAVE_REASONS = {
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "je opslagruimte is vol",
    "EROFS": "deze map is alleen-lezen",
    "EACCES": "je mag niet schrijven in deze map",
    "EPERM": "je mag niet schrijven in deze map",
    "EBUSY": "een ander venster met deze les was net aan het opslaan",
}


def save_failed(exc: OSError) -> str:
    """The Dutch message for a save that failed with ``exc``."""
    reason = SAVE_REASONS.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or str(exc))
    return SAVE_FAILED.format(reason=reason)


# Nouns counted in a message: (one, several) (issue 24, third walk: "1 beurten").
TURNS = ("beurt", "beurten")
MOVES = ("zet", "zetten")


def counted(n: int, noun: tuple[str, str]) -> str:
    """``n`` with its noun in the right form: '1 beurt', '3 beurten'."""
    return f"{n} {noun[0] if n == 1 else noun[1]}"


def answered(total: int) -> str:
    """The start of a self-check line: 'De toetsvraag is' (one) or 'Alle 5 toetsvragen zijn'."""
    return SELFCHECK_ANSWERED[0] if total == 1 else SELFCHECK_ANSWERED[1].format(total=total)


def saved_later() -> str:
    """The Dutch line for an answer that a background retry has saved, with the time now."""
    return SAVED_LATER.format(time=time.strftime(TIME_FORMAT))


READ_ONLY = "Dit notebook wordt nagekeken; antwoorden worden nu niet opgeslagen."
CHOOSE_FIRST = "Kies eerst een antwoord."
CATEGORISE_FIRST = "Deel eerst alle uitspraken in ({done} van {total} gedaan)."
MATCH_FIRST = "Koppel eerst alle zinnen ({done} van {total} gedaan)."
CORRECT = "✔ Goed."
INCORRECT = "✘ Nog niet goed."
# Per statement or ticked option: the verdict is on the learner's placing, not on the statement itself
# (issue 24: "✔ Goed. … : Nee. …" read as a contradiction).
PLACED_RIGHT = "✔ Goed ingedeeld."
PLACED_WRONG = "✘ Niet goed ingedeeld."
MATCHED_RIGHT = "✔ Goed gekoppeld."
MATCHED_WRONG = "✘ Niet goed gekoppeld."
TICKED_RIGHT = "✔ Goed aangevinkt."
TICKED_WRONG = "✘ Niet goed aangevinkt."
ALL_RIGHT = "✔ Helemaal goed."
TRY_AGAIN = "Probeer het nog eens."
SCORE_LINE = "{right} van {total} goed."
RESTORED_INVALID = "Je eerder opgeslagen antwoord past niet meer bij deze vraag en is niet teruggezet."

HINT_BUTTON = "Hint"
HINT_TOOLTIP = "Laat een hint zien"
HINT_PREFIX = "Hint:"
CHOOSE_ONE_OR_MORE = "Kies eerst een of meer antwoorden."
MULTI_RESULT = "Je koos {right} van de {total} goede antwoorden."
MULTI_WRONG = "{wrong} van je keuzes klopt niet."
ORDER_RESULT = "Alle {total} stappen staan in de goede volgorde."
# Not yet right: how many steps must move (the steps outside the longest run in the right order; course/scoring.py).
# 'stap' is also one click on Omhoog/Omlaag: say that a step may need several clicks (issue 24, third walk: "Verplaats
# nog 1 stap" and three clicks on Omlaag)
ORDER_TO_MOVE_ONE = (
    "Nog één stap moet naar een andere plek. Schuif hem met Omhoog of Omlaag (dat kan een paar klikken zijn), "
    "dan klopt de volgorde."
)
ORDER_TO_MOVE = (
    "Nog {n} stappen moeten naar een andere plek. Schuif ze met Omhoog of Omlaag (dat kan een paar klikken per stap "
    "zijn), dan klopt de volgorde."
)
ORDER_UP = "Omhoog"
ORDER_DOWN = "Omlaag"
ORDER_CONFIRM = "Dit is mijn volgorde"
ORDER_CONFIRM_TOOLTIP = "Sla deze volgorde op als je antwoord"
ORDER_CONFIRMED = "💾 Deze volgorde is opgeslagen"  # not the ✔ of "✔ Goed." (twelfth walk)
# Graded order: what a move and a confirm did (a move saves too, so the learner may stop at any time).
ORDER_SAVED_MOVE = (
    "💾 Volgorde opgeslagen ({time}). Schuif gerust verder: de volgorde die er staat als je inlevert, telt. "
    "Op 'Dit is mijn volgorde' klikken hoeft dan niet meer."
)
ORDER_SAVED_CONFIRM = (
    "💾 Je hebt deze volgorde gekozen en hij is opgeslagen ({time}). Je kunt hem nog veranderen tot je inlevert."
)
ORDER_EMPTY = (
    "○ Nog niet beantwoord. Zet de stappen op hun plek met Omhoog en Omlaag. Staan ze al goed, klik dan op "
    "'Dit is mijn volgorde'."
)
# Graded multi-select: the line names how many boxes are ticked, so every tick changes what the learner reads.
SAVED_TICKED_ONE = "💾 Opgeslagen ({time}): je hebt 1 antwoord aangevinkt. Je kunt het nog veranderen tot je inlevert."
SAVED_TICKED = "💾 Opgeslagen ({time}): je hebt {n} antwoorden aangevinkt. Je kunt het nog veranderen tot je inlevert."
MATCH_PLACEHOLDER = "— kies —"
TEXT_PLACEHOLDER = "Schrijf hier je zin."
TEXT_LABEL = "Jouw antwoord bij {label}"
TEXT_BUTTON = "Geef feedback"
TEXT_TOOLTIP = "Krijg een hint over je eigen zin (telt niet mee)"
TEXT_CHANGED = "Je zin is veranderd. Klik opnieuw op Geef feedback voor een hint bij je nieuwe zin."
SELFCHECK_BUTTON = "Controleer of alles is ingevuld"
SELFCHECK_TOOLTIP = "Laat zien welke toetsvragen nog open staan (zonder te zeggen wat goed is)"
SELFCHECK_ALL = "✔ {answered} beantwoord. Je kunt inleveren."
SELFCHECK_OPEN = "Nog niet klaar: {done} van {total} toetsvragen zijn helemaal beantwoord. Nog open:"
# every toets item answered, only a reflection open (sixth walk: "7 van 7 toetsvragen zijn helemaal beantwoord" read as
# "done" before "Nog open: Reflectie")
SELFCHECK_OPEN_REFLECTION = "Nog niet klaar. {answered} beantwoord, maar dit moet nog:"
SELFCHECK_NONE = "Deze les heeft geen toetsvragen."
SELFCHECK_ALL_REFLECTION = "✔ {answered} beantwoord en je reflectie is ingevuld. Je kunt inleveren."
SELFCHECK_ALL_REFLECTIONS = "✔ {answered} beantwoord en je {n} reflecties zijn ingevuld. Je kunt inleveren."
SELFCHECK_ITEMS_DONE = "✔ {answered} beantwoord."
# what {answered} says: one toets item, or all of several (issue 24, third walk: "1 beurten" and its kind)
SELFCHECK_ANSWERED = ("De toetsvraag is", "Alle {total} toetsvragen zijn")
SELFCHECK_REFLECTION_EMPTY = "{label} (nog leeg, of nog niet opgeslagen)"
SELFCHECK_REFLECTION_WORDS = "{label}: ingevuld ({words} woorden)."
SELFCHECK_MY_CONVERSATION_EMPTY = "Mijn gesprek (nog leeg: je reflectie gaat over dit gesprek)"
SELFCHECK_MY_CONVERSATION_DONE = "Mijn gesprek: ingevuld ({turns})."
SELFCHECK_REFLECTION_SHORT = "{label} (nog kort: {words} van minstens {fewest} woorden)"
SELFCHECK_SAVE_FIRST = (
    "De controle leest je reflectie in het opgeslagen notebook. Heb je net iets geschreven? Sla dan eerst op "
    "(Ctrl+S) en klik nog een keer."
)
SELFCHECK_NO_NOTEBOOK = (
    "Je reflectie kan niet gecontroleerd worden: het notebook {name} staat niet in deze map. Lever de les "
    "in zoals je hem kreeg, met die naam."
)

CHECK_BUTTON = "Controleer"
CHECK_TOOLTIP = "Bekijk of je antwoord klopt (oefenen, telt niet mee)"

# Graded items: a live status line in the widget; never reveals correctness.
LIVE_ANSWERED = "💾 Beantwoord en opgeslagen. Je kunt je antwoord nog veranderen tot je inlevert."
LIVE_PARTIAL = "… Voor een deel beantwoord ({done} van {total}). Maak de vraag af voor je inlevert."
LIVE_EMPTY = "○ Nog niet beantwoord. Je antwoord wordt opgeslagen zodra je kiest."

# Grade cells while nbgrader grades (the feedback the learner reads).
GRADED_NOT_ANSWERED = "{label}: niet beantwoord."
GRADED_SCORE = "{label}: {points} van {max_points}."

# The manually graded reflection cell (its starting text).
# The first line of every hidden code cell of a lesson: JupyterLab shows it when the cell is collapsed
# (course/authoring/generate.py), so it is written for the learner.
CELL_LINE_SETUP = "# Deze cel opent de les. Je hoeft hier niets te doen."
CELL_LINE_BLOCK = "# Deze cel toont een onderdeel van de les. Je hoeft hier niets te doen."
CELL_LINE_ITEM = "# {label}: je antwoordt hieronder, met de knoppen."
CELL_LINE_GRADED = "# {label} ({points}): je antwoordt hieronder, met de knoppen."
# The learner may leave it: every reader of a reflection drops it (course/learner_text.py, without_placeholder).
# No Markdown marks: the learner reads it in edit mode too (seventh walk: the underscores of '_…_' looked like code).
# One text for every reflection: nbgrader puts it in each released reflection cell (ClearSolutions.text_stub,
# grading/nbgrader_config.py). Eleventh walk: one Enter did not start a new paragraph, and nothing said so.
REFLECTION_PLACEHOLDER = (
    "✏️ Dubbelklik hier om te typen. Schrijf onder deze regel. Een nieuwe alinea? Druk twee keer op Enter. "
    "Deze regel mag blijven staan en telt niet mee."
)
# Placeholders of earlier versions, still found in notebooks handed out before (0.2.0, 0.3.0, 0.3.3).
REFLECTION_PLACEHOLDERS_BEFORE = (
    "_Schrijf hier je antwoord. Dubbelklik op deze cel om te typen._",
    "_Dubbelklik hier om te typen. Schrijf onder deze regel; hij mag blijven staan en telt niet mee._",
    "✏️ Dubbelklik hier om te typen. Schrijf onder deze regel; hij mag blijven staan en telt niet mee.",
)
# "Alle cellen uitvoeren" leaves the learner at the bottom of the lesson (JupyterLab activates the last cell):
# the last cell links back to an anchor in the first (JupyterLab's sanitizer keeps an id as data-jupyter-id,
# and its link handler finds that; issue 24). One id per lesson: JupyterLab looks the id up in the whole page, so with
# a second lesson open the link of both went to the first lesson's anchor, in the tab that was hidden (issue 24,
# fourth walk: the link "does nothing whenever another lesson tab is open").
LESSON_TOP_ID = "begin-les-{lesson}"
LESSON_END = (
    "**Einde van de les.** Heb je net alle cellen uitgevoerd? Dan sta je nu hier, onderaan. "
    "[⬆ Naar het begin van de les](#{anchor})"
)


def lesson_top_id(lesson_id: str) -> str:
    """The anchor of a lesson's first cell: its own, so that two open lessons do not share it."""
    return LESSON_TOP_ID.format(lesson=lesson_id[:2])


CELL_LINE_WORDS = "# Deze cel telt de woorden van je reflectie. Je hoeft hier niets te doen."
WORDS_RANGE = "{fewest} tot {most} woorden"
# The word count under a reflection (course/learner/widgets/wordcount.py): a count, never a grade.
WORDS_BUTTON = "Tel mijn woorden"
WORDS_TOOLTIP = "Tel de woorden van je reflectie hierboven, zoals die is opgeslagen"
WORDS_NONE = (
    "{label}: in het opgeslagen notebook staat nog niets (gevraagd: {fewest} tot {most} woorden). Zie je je tekst wel "
    "staan? Sla dan op (Ctrl+S) en klik nog een keer."
)
WORDS_SHORT = "{label}: {words} woorden. Gevraagd: {fewest} tot {most}, dus nog ongeveer {more} woorden."
WORDS_FITS = "✔ {label}: {words} woorden. Gevraagd: {fewest} tot {most}."
WORDS_LONG = "{label}: {words} woorden. Gevraagd: {fewest} tot {most}. Kijk of je iets kunt weglaten."
WORDS_SAVE_FIRST = "Dit telt wat is opgeslagen. Heb je net nog getypt? Sla dan eerst op (Ctrl+S) en klik nog een keer."

# "Zo tellen de punten": one line per exercise type in a lesson's test (see course/scoring.py).
SCORING_HEAD = "**Zo tellen de punten**"
SCORING_RULES = {
    "choice": "Eén antwoord kiezen: goed is alle punten, fout is 0 punten.",
    "multiselect": (
        "Meer antwoorden kiezen: elk goed antwoord dat je aanvinkt levert punten op, elk fout antwoord dat "
        "je aanvinkt kost punten. Alles aanvinken helpt dus niet. Je krijgt nooit minder dan 0."
    ),
    "categorise": "Indelen: elke uitspraak die je goed indeelt telt voor een even groot deel van de punten.",
    "match": "Koppelen: elke zin die je goed koppelt telt voor een even groot deel van de punten.",
    "order": (
        "Volgorde: we kijken welke stappen in de goede volgorde staan. Die stappen tellen mee. Staat één stap op "
        "een verkeerde plek, dan kost dat alleen die ene stap."
    ),
    "open_text": "Je eigen zin: je docent kijkt die na.",
}

# Graded copies (autograde, feedback): the learner's answer as text instead of a widget.
YOUR_ANSWER = "Jouw antwoord:"
NO_ANSWER = "Jouw antwoord: (niet beantwoord)"

# Sequence builder (lesson 05).
BUILDER_CHOOSE = "Zet:"
BUILDER_ADD = "Voeg toe"
BUILDER_CLEAR = "Leegmaken"
BUILDER_REMOVE = "Weg"
BUILDER_EMPTY = "Voeg een zet toe om je gesprek te bouwen."
BUILDER_SUMMARY = "Na {moves}: veiligheid {safety}, vertrouwen {trust}, {door} (oefenmodel)."
BUILDER_YOURS = "Jouw gesprek"
BUILDER_AXIS_NUMBERS = "Nummer van de zet in je lijst"
BUILDER_ALT = "Jouw gesprek, stap voor stap: {moves}."

# Conversations to practise (course/learner/widgets/scenario.py); the parent is named by the conversation.
SCENARIO_SAY = "Zeg of doe dit"
SCENARIO_SAY_TOOLTIP = "Kies deze zin of handeling"
SCENARIO_RESTART = "Opnieuw beginnen"
SCENARIO_CHOOSE_FIRST = "Kies eerst wat je zegt of doet."
SCENARIO_YOU = "Jij"
SCENARIO_STEP = "Stap {n}"
SCENARIO_NOT_PLAYED = "(niet gespeeld)"
SCENARIO_QUOTE_MARK = " (citaat uit het artikel)"
SCENARIO_YOURS = "Jouw gesprek"
SCENARIO_ARTICLE = "In de volgorde van het artikel"
SCENARIO_COURSE_PATH = "Volgens de handreikingen (een volgorde van deze cursus)"
SCENARIO_OWN_LINES = (
    "Wat er in dit gesprek tegen jou gezegd wordt, is voor deze cursus geschreven. Zinnen met (citaat uit het artikel) "
    "komen uit Koster (z.d.)."
)
SCENARIO_CHOOSE_STEP = "Kies eerst een stap in de lijst 'Opnieuw vanaf'."
SCENARIO_REPLAY_FROM = "Opnieuw vanaf"
SCENARIO_REPLAY = "Speel opnieuw vanaf deze stap"
SCENARIO_REPLAY_TOOLTIP = "Je keuzes tot deze stap blijven staan; vanaf hier kies je opnieuw."
RULES_SUMMARY = "Alle regels van het oefenmodel, zet voor zet (klik om de tabel te openen)"
SCENARIO_TURNING_TITLE = "Kantelpunten in jouw gesprek (oefenmodel)"
SCENARIO_NO_TURNING = (
    "Geen kantelpunten: de deur ging niet open of dicht, geen zet kostte veiligheid of vertrouwen, en je koos geen zet "
    "die het artikel afraadt."
)
# What was not there yet when a move came too early: one text per condition of the model's rules that the
# conversation can still reach (course.model.trust_model.not_yet), joined by ' en '.
SCENARIO_NOT_YET = {
    "safety_at_least": "de ouder voelde zich nog niet veilig genoeg",
    "acknowledged": "je had de inzet of de zorgen van de ouder nog niet erkend",
    "permission": "je had nog geen toestemming gevraagd",
    "praised": "je had nog geen 'goede ouder'-ervaring benoemd",
}
SCENARIO_TURNING = {
    "at": "Stap {n} ({label})",
    "opened": "hier ging de deur open: veiligheid en vertrouwen waren nu allebei hoog genoeg (oefenmodel).",
    "closed": "hier ging de deur dicht.",
    # a helpful move that cost safety or trust here (issue 24, third walk: an offer at safety 5 lowered both,
    # the door stayed shut, and the end said 'Geen kantelpunten')
    "fell_both": "hier gingen veiligheid en vertrouwen omlaag (veiligheid {s0} → {s1}, vertrouwen {t0} → {t1}).",
    "fell_safety": "hier ging de veiligheid omlaag ({s0} → {s1}).",
    "fell_trust": "hier ging het vertrouwen omlaag ({t0} → {t1}).",
    # in words only (issue 24, sixth walk: "vanaf veiligheid 5; hier was die 4" felt like maths, and the learner
    # cannot see the thresholds while playing); {missing}: what was not there yet (SCENARIO_NOT_YET)
    "fell_early": "Hier kwam deze zet te vroeg: {missing}.",
    "fell_here": "Op dit moment hielp deze zet niet (oefenmodel).",
    # the same 'te vroeg' reason as at an earlier step of the same list (seventh walk: read twice, word for word)
    "fell_early_again": "Ook deze zet kwam te vroeg, om dezelfde reden.",
    **{f"not_yet_{name}": text for name, text in SCENARIO_NOT_YET.items()},
    # the safety a move needs is above this parent's ceiling: not today, whatever the learner chooses (Conversation._early)
    "not_yet_safety_at_least_ceiling": (
        "de ouder voelde zich nog niet veilig genoeg, en zo veilig wordt het bij deze ouder vandaag ook niet, wat je "
        "ook kiest (zie het einde)"
    ),
    # shorter for learners (issue 24, third walk: "notes for insiders"); both marks stay: that the article steers
    # away from this move is the course's reading, and what would have helped is the course's link. No lesson after
    # the first mark (eighth walk: "(komt in les 05)" there left a learner asking what comes in 05)
    "instead": (
        "het artikel raadt dit af, zoals wij het lezen. Wat had kunnen helpen, volgens deze cursus: {idea} "
        "(les {lesson})."
    ),
    # after a yes to a permission question (fourteenth walk: opa said "Ja, vertel maar", and "het artikel raadt dit af"
    # right after read as if asking had been wrong)
    "instead_asked": (
        "je vroeg eerst toestemming, en de ouder zei ja. Dat was goed. Maar het artikel vraagt eerst nog iets anders, "
        "zoals wij het lezen: {idea} (les {lesson})."
    ),
    "steered": "het artikel zegt: vraag toestemming als je informatie wilt geven. Wat had kunnen helpen: {idea} (les {lesson}).",
    # information told right after the parent said no to a permission question (Conversation.turning_points)
    "steered_after_no": (
        "je vroeg eerst toestemming, en de ouder zei nee. Toch vertelde je het. Zo lezen wij {idea} (les {lesson}): "
        "laat een nee staan, en kom er later op terug."
    ),
    "steered_course_asked": (
        "je vroeg eerder of je iets mocht vertellen, maar een advies is meer dan iets vertellen: vraag ook of de ouder "
        "een tip wil horen. Dat toestemming vragen ook voor advies geldt, is een keuze van deze cursus (bij "
        "'{idea}', les {lesson})."
    ),
    "steered_course": (
        "het artikel zegt: vraag toestemming als je informatie wilt geven. Dat dit ook geldt voor advies, "
        "is een keuze van deze cursus. Wat had kunnen helpen: {idea} (les {lesson})."
    ),
}
# The sentence in the ending of a closed door that names what kept it shut, read from the played path by the
# model (Conversation.why_closed; issue 24, sixth walk: "I had to read the figure to learn why"). In the
# conversation's `closed` and `closed_helpful` texts at {why}.
SCENARIO_WHY_CLOSED = {
    "lead": "Wat de deur dicht hield (oefenmodel): {reason}.",
    # the door had been open; this step shut it again
    "shut_judgement": "bij stap {n} ({label}) ging de deur weer dicht, want een oordeel doet de deur dicht",
    "shut_safety": "bij stap {n} ({label}) zakte de veiligheid zo ver dat de deur weer dichtging",
    # the door never opened: the first step that lowered what stayed too low
    "early": "bij stap {n} kwam '{label}' te vroeg: {missing}",
    "fell_safety": "bij stap {n} ({label}) ging de veiligheid omlaag",
    "fell_trust": "bij stap {n} ({label}) ging het vertrouwen omlaag",
    "fell_both": "bij stap {n} ({label}) gingen de veiligheid en het vertrouwen omlaag",
    # no step lowered what stayed too low
    "low_safety": "de veiligheid werd niet hoog genoeg, al haalde geen zet die omlaag",
    "low_trust": "het vertrouwen werd niet hoog genoeg, al haalde geen zet dat omlaag",
    "low_both": "de veiligheid en het vertrouwen werden niet hoog genoeg, al haalde geen zet ze omlaag",
    # a parent whose ceiling keeps the door shut today (gesprek_buurthuis)
    "ceiling": "bij deze ouder kan de veiligheid vandaag niet hoog genoeg worden, wat je ook kiest",
    "ceiling_trust": "bij deze ouder kan het vertrouwen vandaag niet hoog genoeg worden, wat je ook kiest",
    # after a ceiling's reason, the first step that lowered a number (walk 2026-12-02: 'wat je ook kiest' after a bad
    # run read as 'your choices did not matter')
    "ceiling_fell_safety": "Wel ging bij stap {n} ({label}) de veiligheid omlaag",
    "ceiling_fell_trust": "Wel ging bij stap {n} ({label}) het vertrouwen omlaag",
    "ceiling_fell_both": "Wel gingen bij stap {n} ({label}) de veiligheid en het vertrouwen omlaag",
    # ... or, when no step lowered anything, what rose (seventh walk: a good run ended as bleakly as a bad one)
    "ceiling_rose_safety": "Wel brachten je zetten de veiligheid van {s0} naar {s1}",
    "ceiling_rose_trust": "Wel brachten je zetten het vertrouwen van {t0} naar {t1}",
    "ceiling_rose_both": "Wel brachten je zetten de veiligheid van {s0} naar {s1} en het vertrouwen van {t0} naar {t1}",
    # ... the same when a step also lowered something (that step is named after this sentence: 'Wel ging bij stap …';
    # eighth walk)
    "ceiling_net_safety": "Al met al brachten je zetten de veiligheid van {s0} naar {s1}",
    "ceiling_net_trust": "Al met al brachten je zetten het vertrouwen van {t0} naar {t1}",
    "ceiling_net_both": "Al met al brachten je zetten de veiligheid van {s0} naar {s1} en het vertrouwen van {t0} naar {t1}",
    # after the step that lowered a number, where a run ended below the start with nothing risen (twelfth walk: the bad
    # run read like the good one, which alone said where the numbers ended)
    "ceiling_sank_safety": "Aan het eind was de veiligheid lager dan bij het begin: {s1} in plaats van {s0}",
    "ceiling_sank_trust": "Aan het eind was het vertrouwen lager dan bij het begin: {t1} in plaats van {t0}",
    "ceiling_sank_both": (
        "Aan het eind waren de veiligheid en het vertrouwen lager dan bij het begin: {s1} en {t1} in plaats van {s0} en {t0}"
    ),
    # after a 'low_*' reason: the helpful moves not played that the model says would still have raised what stayed
    # too low (Conversation.still_helps; walk 2026-12-02: only helping moves, no turning point, no hint)
    "still_helps": "Deze zetten koos je nog niet; in het oefenmodel hadden ze aan het eind nog geholpen: {moves}",
    **{f"not_yet_{name}": text for name, text in SCENARIO_NOT_YET.items()},
    # the safety a move needs is above this parent's ceiling: not today, whatever the learner chooses (Conversation._early)
    "not_yet_safety_at_least_ceiling": (
        "de ouder voelde zich nog niet veilig genoeg, en zo veilig wordt het bij deze ouder vandaag ook niet, wat je "
        "ook kiest (zie het einde)"
    ),
}
# between the learner's figure and the comparison (seventh walk: 6 steps against the learner's 4, unexplained)
SCENARIO_COMPARE = (
    "Ter vergelijking staat hieronder dezelfde ouder in een andere volgorde: {n} stappen, jouw gesprek had er {m}. "
    "Hoe lang een gesprek duurt, hangt af van wat je kiest."
)
# eighth walk: the same figure twice when the learner played the comparison's own moves
SCENARIO_COMPARE_SAME = (
    "Je koos precies de zetten die hier anders ter vergelijking staan ('{name}'). Daarom staat er geen tweede figuur."
)
SCENARIO_ALT = "{name}, in het oefenmodel: {moves}. Aan het eind: veiligheid {safety}, vertrouwen {trust}, {door}."

# 'Mijn gesprek' (course/learner/widgets/my_conversation.py).
MY_TITLE = "Mijn gesprek"
MY_INTRO = (
    "Schrijf een gesprek op dat je echt had, of dat je naspeelde met een medestudent: beurt voor beurt, wat jij "
    "zei en wat de ouder zei. Kies bij je eigen beurten een zet. Herkent de hulp een zet in je zin, dan stelt hij die "
    "voor; jij beslist. "
    "Het oefenmodel laat zien wat die zetten doen. Het is geen meting: het model weet niets van deze ouder."
)
# a permission question the model finds too early, answered by the parent in the learner's own conversation (thirteenth
# walk: "te vroeg", while the parent said "Ja, vertel maar.")
MY_HINT_PARENT_NOT_HEARD = (
    "Zei de ouder in jouw gesprek toch ja? Het oefenmodel leest het antwoord van de ouder niet: het rekent alleen "
    "met jouw zetten ervoor."
)
# information that answers the parent's own question (fifteenth walk: "Hoe was hij?" answered, counted without
# permission); {n}: the parent's turn
MY_HINT_PARENT_ASKED = (
    "De ouder vroeg er in beurt {n} zelf naar. Dan telt het oefenmodel je informatie als gevraagd, net als na een ja op "
    "je vraag om toestemming. Dat is een keuze van deze cursus."
)
# a second telling after the parent's question, with no new parent turn between (seventeenth check: +1, then -2,
# with no word why); {n}: the parent's turn
MY_HINT_PARENT_ASKED_USED = (
    "De vraag van de ouder in beurt {n} gold voor je eerste antwoord. Wil je daarna nog iets vertellen? Vraag dan "
    "eerst of de ouder dat wil horen."
)
# information without permission (thirteenth walk: a friendly word about the day, chosen as 'Informatie geven', cost
# safety); {example}: the model's own example of the move, {none}: the chooser's 'no move'
MY_HINT_INFORMATION = (
    "In het oefenmodel is 'Informatie geven' vertellen wat jou opvalt aan het kind, zoals: '{example}' Vertelde je "
    "iets gewoons over de dag? Dat is in het model geen zet: kies dan '{none}'."
)
# where the figure starts (twelfth walk: "why does my conversation begin at 3 and 2?")
MY_START = (
    "In het model begint elk gesprek bij veiligheid {safety} en vertrouwen {trust}{door}, zoals in les 05: het model "
    "weet niet hoe jouw gesprek echt begon."
)
# seventeenth check (low): "deur dicht" under the first turn read as closed by the learner's own sentence
MY_START_DOOR_SHUT = ", met de deur nog dicht"
MY_PRIVACY = (
    "Privacy: maak mensen onherkenbaar. Geen namen, ook niet van de school, de opvang of de groep, en verander "
    "details waaraan iemand te herkennen is. Je docent kan dit gesprek lezen."
)
MY_WHO = "Wie praat:"
MY_WHO_ME = "Ik"
MY_WHO_PARENT = "Ouder"
MY_LINE = "Wat werd er gezegd:"
MY_PLACEHOLDER = "Eén beurt: een zin of twee."
MY_ADD = "Voeg beurt toe"
MY_CLEAR = "Alles wissen"
MY_CLEAR_CONFIRM = "Ja, wis alles"
MY_CLEAR_ASK = (
    "Weet je het zeker? Dan wis je {turns}. Klik nog eens op 'Ja, wis alles'. Wil je ze houden? Doe dan gewoon verder."
)
MY_REMOVE = "Weg"
MY_REMOVE_TOOLTIP = "Haal beurt {n} weg"
MY_MOVE = "Zet bij beurt {n}:"
MY_NO_MOVE = "(geen zet)"
MY_EMPTY = "Nog geen beurten. Schrijf op wat jij of de ouder zei en klik op Voeg beurt toe."
MY_SUMMARY = (
    "{turns}, waarvan {own} van jou met een zet{split}. In het oefenmodel: veiligheid {safety}, vertrouwen {trust}, "
    "{door}."
)
# seventh walk: a proposal left as it came was counted as the learner's choice ("De hulp stelt er een voor; jij beslist")
MY_SUMMARY_SPLIT = ": {chosen} koos je zelf, {proposed} stelde de hulp voor"
MY_MOVE_PROPOSED = "Voorstel bij beurt {n}:"
MY_HINT_PROPOSED = "Dit is een voorstel van de hulp. Klopt het niet? Kies dan een andere zet."
MY_TOO_MANY = "Een gesprek heeft hier hoogstens {n} beurten. Kies de belangrijkste."
MY_UNREADABLE = "Niet te lezen, en daarom weggelaten: {turns} uit je opgeslagen gesprek."
MY_HINT_PARENT = "Beurt {n} (ouder): het model telt alleen jouw zetten; lees wel wat de ouder zegt."
MY_HINT_NO_MOVE = "Beurt {n}: kies een zet, dan telt deze beurt mee in de figuur."
# the learner chose '(geen zet)' herself (fourteenth walk: "kies een zet" right after doing as the hint said)
MY_HINT_NO_MOVE_CHOSEN = "Beurt {n}: geen zet. Deze beurt telt niet mee in de figuur."
MY_HINT_MOVE = "Beurt {n} ({label}): veiligheid {safety:+d}, vertrouwen {trust:+d}."
MY_HINT_OTHER_PROPOSAL = "De hulp dacht aan: {label}. Jij koos anders; dat mag."
# the learner chose an open question for a sentence the detectors read as a closed one (twelfth walk: "Heeft u het
# druk gehad vandaag?" as "Open vraag over de ouder", and the hint only counted)
MY_HINT_CLOSED = "Let op: je zin is een gesloten vraag (het antwoord is ja of nee). Een open vraag begint bijvoorbeeld met 'hoe' of 'wat'."
# a turn whose sentences do different moves (twelfth walk: "Ik zie hoeveel je om hem geeft. Hoe is het voor jou?"
# counted only the first, without a word)
MY_HINT_TWO_MOVES = (
    "Je beurt doet meer dan één ding: {labels}. Het oefenmodel telt één zet per beurt. "
    "Wil je dat alles meetelt? Zet elke zin in een eigen beurt."
)
MY_AXIS_NUMBERS = "Nummer van jouw beurt (welke zet het is, staat in de lijst hierboven)"
MY_ALT = "Mijn gesprek in het oefenmodel, zet voor zet: {moves}."


def number(value: float) -> str:
    """Return ``value`` as a Dutch number: 3, 2,5, 1,6 (at most two decimals)."""
    return f"{round(float(value), 2):g}".replace(".", ",")


def points_label(value: float) -> str:
    """Return "0 punten", "0,5 punt", "1 punt" or "3 punten"."""
    return f"{number(value)} {'punt' if 0 < float(value) <= 1 else 'punten'}"


def questions_label(count: int) -> str:
    """Return "1 vraag" or "9 vragen" (a toets heading: 'Toets (9 vragen, 12 punten)')."""
    return f"{count} {'vraag' if count == 1 else 'vragen'}"


# Course profile (lesson 06, course/figures/profile.py): the learner's own answers across the lessons.
PROFILE_TITLE = "Jouw cursusprofiel: wat je per les hebt gedaan"
PROFILE_REFRESH = "Ververs mijn profiel"
PROFILE_REFRESH_TOOLTIP = "Lees je antwoorden van alle lessen opnieuw"
PROFILE_XLABEL = "Deel van de vragen in de les (%)"
PROFILE_PRACTICE_ANSWERED = "Oefenvragen beantwoord"
PROFILE_PRACTICE_RIGHT = "Oefenvragen goed"
PROFILE_TOETS_ANSWERED = "Toetsvragen beantwoord"
PROFILE_LESSON = "Les"
PROFILE_CELL = "{done} van {total} ({percent} %)"
PROFILE_NO_ITEMS = "geen vragen"
PROFILE_EMPTY = (
    "Je hebt nog geen antwoorden in les {lessons}. Maak eerst de oefen- en toetsvragen van een les; "
    "dan zie je hier je profiel."
)
# the profile is read when its cell runs (ninth walk: in lesson 06 it still said "nog geen antwoorden in les 06" after
# five practice questions there)
PROFILE_SOME_EMPTY = (
    "Je hebt nog geen antwoorden in les {lessons}. Heb je er net iets beantwoord? Klik dan op Ververs mijn profiel."
)
PROFILE_CORRUPT = (
    "Het antwoordenbestand van les {lesson} is beschadigd of kon niet worden gelezen. Deze les telt hier "
    "als niet beantwoord. Er is niets aan het bestand veranderd. Open die les en voer de eerste cel uit: "
    "daar lees je wat je kunt doen. Of laat het bestand aan je docent zien."
)
# 'oefenvragen goed' counts the last answer (issue 24, third walk: 100 % after answering every question wrong first)
PROFILE_NOTE = (
    "Alleen je eigen antwoorden tellen mee, uit het bestand antwoorden.json in de map van elke les. "
    "Of je toetsantwoorden goed zijn, zie je pas na het nakijken. Reflecties en oefenvragen waarin je "
    "zelf een zin schrijft, tellen hier niet mee. Bij 'oefenvragen goed' telt je laatste antwoord: wat je na een "
    "fout verbeterde, telt als goed."
)
PROFILE_ALT = (
    "Staafdiagram van jouw cursusprofiel. Per les drie liggende staven, in procenten: oefenvragen "
    "beantwoord, oefenvragen goed en toetsvragen beantwoord. {rows}"
)
PROFILE_ALT_ROW = "Les {lesson}: oefenvragen {pa} beantwoord en {pr} goed; toetsvragen {ta} beantwoord."
PROFILE_CAPTION = "Gemaakt uit je eigen antwoorden. De tabel hieronder geeft dezelfde cijfers."


def join_and(words: list[str]) -> str:
    """Return "01", "01 en 02" or "01, 02 en 03"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} en {words[-1]}"


# The lecturer's grading view of the reflections (course/learner/widgets/grading_view.py) and its scores.
GRADE_NOT_A_NUMBER = "'{text}' is geen getal. Typ bijvoorbeeld 1,5 (tussen 0 en {max})."
GRADE_OUT_OF_RANGE = "{value} kan niet: deze reflectie is hoogstens {max} punten waard."
GRADING_NOTHING_YET = (
    "Er is nog niets nagekeken: eerst `ouders-zien docent verzamelen` en `nakijken`; "
    "daarna kun je hier de reflecties beoordelen."
)
GRADING_NO_SUBMISSIONS = "Van deze les is nog niets ingeleverd."
GRADING_EMPTY_TEXT = "De student heeft hier niets geschreven (nbgrader gaf 0 punten)."
GRADING_SAVED = "Opgeslagen: {who} krijgt {score} van {max} punten."
GRADING_NOT_RUBRIC = "Let op: de rubric telt op tot {total}; je gaf zelf een ander aantal punten."
GRADING_FEEDBACK_DONE = "De feedback voor deze student is bijgewerkt."
GRADING_FEEDBACK_FAILED = (
    "De punten staan in het cijferboek, maar de feedback kon niet worden gemaakt: {problem} "
    "Probeer later `ouders-zien docent feedback LES`."
)

# Who you are (lesson 00, course/learner/widgets/identity.py): name and student number travel with every hand-in.
IDENTITY_NAME_MISSING = "Vul je naam in, zoals die in de leeromgeving van je school staat."
IDENTITY_NAME_ODD = "Je naam is te lang of bevat vreemde tekens. Typ alleen je voornaam en achternaam."
IDENTITY_NUMBER_MISSING = "Vul je studentnummer in: het nummer van je studentenpas (zoals s1234567)."
IDENTITY_NUMBER_ODD = (
    "'{number}' lijkt geen studentnummer. Typ het nummer van je studentenpas: 4 tot 12 cijfers, "
    "eventueel met een letter ervoor (zoals s1234567)."
)
IDENTITY_SAVED = (
    "Bewaard: {naam}, studentnummer {nummer}. Dit gaat mee met elke les die je inlevert. "
    "Klopt het niet? Verbeter het hier en klik opnieuw op Bewaren."
)
IDENTITY_NOT_SAVED = "Niet bewaard. {why}"
IDENTITY_FAILED = "Bewaren lukte niet ({why}). Probeer het opnieuw, of vraag je docent om hulp."
IDENTITY_BUTTON = "Bewaren"
IDENTITY_NAME_LABEL = "Je naam"
IDENTITY_NUMBER_LABEL = "Studentnummer"
IDENTITY_ASK = "Vul je naam en je studentnummer in en klik op Bewaren. Je doet dit één keer."
IDENTITY_KNOWN = "Je gegevens: {naam}, studentnummer {nummer}."
IDENTITY_TEXT_NONE = "Naam en studentnummer: nog niet ingevuld."
IDENTITY_TEXT_GRADED = "Naam en studentnummer: zie het antwoordenbestand van deze inzending."

# The browser edition (JupyterLite; course/learner/browser_edition.py, course/learner/widgets/download.py).
BROWSER_NOTICE = (
    "Je werkt in de browser. Je antwoorden worden bewaard in deze browser, op dit apparaat. Wis je de "
    "gegevens van deze website, werk je in een privévenster of in een andere browser, dan zijn ze daar "
    "niet. Download daarom af en toe je map, en zeker voordat je inlevert."
)
DOWNLOAD_BUTTON = "Inleveren: download de map"
DOWNLOAD_TOOLTIP = "Maakt een zip van deze les met je antwoorden, om te bewaren of in te leveren."
DOWNLOAD_INTRO = (
    "Inleveren in je leeromgeving: sla eerst op (Ctrl + S). Download dan hier de map van deze les: een zip met de "
    "les én je antwoorden. Je browser zet de zip in je map Downloads. Upload die zip bij de opdracht."
)
DOWNLOAD_LINK = "Klik hier om {name} op te slaan"
# the zip's name: the lesson folder's and the time it was made (twelfth walk: the same name at every click, and Windows
# saved the later ones as "(1)", "(2)"); no ':' in a Windows file name
DOWNLOAD_NAME = "{lesson}-{time}.zip"
# (fifteenth walk: two zips in one minute still shared a name; the seconds too)
DOWNLOAD_NAME_TIME = "%Hu%M-%S"
# Eleventh walk (high): the zip held the lesson as last saved, without a word; a click on the link after a later save
# gave the zip from before it. The download says when it was made, what the saved lesson still lacks, and to click
# again after a save.
DOWNLOAD_MADE = "Deze zip is gemaakt om {time}, met je les zoals die toen was opgeslagen."
DOWNLOAD_AGAIN_AFTER_SAVE = "Sla je daarna nog iets op? Klik dan opnieuw op 'Inleveren: download de map'."
DOWNLOAD_STILL_OPEN = "⚠ In je opgeslagen les is nog open: {rows}."
# fourteenth walk: "Sla dan op" for an open toets item, which is kept the moment it is answered; Ctrl+S is for a
# reflection only (it lives in the notebook)
DOWNLOAD_ANSWER_FIRST = "Beantwoord eerst wat nog open is: een antwoord wordt meteen bewaard."
# fifteenth walk: with only an empty reflection open, "Heb je je reflectie wel geschreven? Sla dan op" did not say to
# write it; and the link under the warning looked like the hand-in itself (DOWNLOAD_LINK_INCOMPLETE)
DOWNLOAD_SAVE_REFLECTION = (
    "Schrijf eerst je reflectie en sla dan op (Ctrl + S). Heb je hem al geschreven? Dan is opslaan genoeg."
)
DOWNLOAD_LINK_INCOMPLETE = "Of download de zip nu toch, zonder wat nog open is: {name}"
DOWNLOAD_CLICK_AGAIN = "Klik daarna opnieuw op 'Inleveren: download de map'."

# A live block whose kernel stopped or restarted (issue 24, third walk: a click after a restart looked saved and was
# not). Shown over the block by the course's CSS; the menu names are those of the course's Dutch JupyterLab.
STOPPED_BLOCK = (
    "Gestopt: de kernel is gestopt of opnieuw gestart. Wat je hier nu klikt of typt, wordt niet opgeslagen. "
    "Voer alle cellen opnieuw uit (menu Uitvoeren → Alle cellen uitvoeren): dan werkt het weer en komen je antwoorden terug."
)
# A live block whose lesson lost its kernel without a restart: the course's window was closed, or the tab is one of an
# earlier start (eleventh walk). Shown by the course's CSS while JupyterLab's kernel indicator says so.
LOST_BLOCK = (
    "Geen verbinding: deze les kan je antwoorden nu niet bewaren. Wat je hier klikt of typt, wordt niet opgeslagen. "
    "Komt de verbinding terug, dan verdwijnt deze melding. Is dit een tabblad van een vorige keer? Sluit het dan en "
    "werk verder in de les die de cursus nu opende."
)
# What a saved lesson holds where a live block was (the learner's JupyterLab stores this instead of the widget,
# which no new kernel can show: ipywidgets' English 'Error displaying widget: model not found').
SAVED_BLOCK = (
    "Hier staat een vraag of oefening. Je ziet hem als je alle cellen uitvoert: menu Uitvoeren → Alle cellen "
    "uitvoeren. Je opgeslagen antwoorden komen dan terug."
)

# `ouders-zien` without a command, or with --help (course/lecturer/docent.py cli)
CLI_USAGE = (
    "Gebruik: ouders-zien start (de lessen openen), of ouders-zien docent "
    "<status|vrijgeven|verzamelen|nakijken|rapport> ... (ouders-zien docent --help)"
)
