"""The course text read against the two seed texts: quotes marked, sources cited as they are,
no claim the seeds do not make (findings of a careful read, each kept as a test)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from course_texts import FINGERPRINT, SEED_DIR, in_seed, learner_texts, make_fingerprint, seed_grams, shared_runs

from course.content import DATA_DIR, LESSON_DIR, graded_items, lesson_ids, load_lesson, read_yaml

ROOT = Path(__file__).resolve().parents[2]

RUN = 8  # words in a row shared with a seed, outside quote marks, that count as copied


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    return learner_texts()


def test_no_run_of_seed_words_without_quote_marks(texts):
    seed = seed_grams(RUN)
    copied = [f"{where}: '{run}'" for where, text in texts for run in shared_runs(text, seed, RUN)]
    assert not copied, "copied from a seed without quote marks (quote and name the source, or rewrite):\n" + "\n".join(
        copied
    )


QUOTE_MAX = 20  # words: a brief quote is one sentence, not a passage (seeds' README: quote briefly)


def test_every_quote_is_brief(texts):
    """Issue 20: even marked, a quote of a seed stays brief (titles of the sources aside)."""
    seed = seed_grams(RUN)
    model = read_yaml(DATA_DIR / "trust_model.yaml")
    quotes = [
        (f"trust_model.yaml: {move['id']}", move["source"][part])
        for move in model["moves"]
        for part in ("quote", "says")
        if part in move["source"]
    ]
    assert len(quotes) >= 10, "the oefenmodel's quotes are read too"
    long = [
        f"{where}: {len(run.split())} words: '{run}'"
        for where, text in [*texts, *quotes]
        for run in shared_runs(text, seed, RUN, in_quotes=True)
        if len(run.split()) > QUOTE_MAX
    ]
    assert not long, f"quote the seeds briefly (at most {QUOTE_MAX} words in a row):\n" + "\n".join(long)


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the seed texts are not on this machine (../shared/seeds)")
def test_fingerprint_is_that_of_the_seeds():
    import json

    assert json.loads(FINGERPRINT.read_text(encoding="utf-8")) == make_fingerprint(), (
        "the seeds changed: run python tests/course_texts.py"
    )


def test_copy_detector_sees_a_copied_sentence():
    seed = seed_grams(RUN, ("koster",))
    copied = "Dan is het een opgave om niet zelf dicht te klappen of in de verdediging te schieten."
    assert shared_runs(copied, seed, RUN)
    assert not shared_runs(f"Koster: '{copied}'", seed, RUN)


def test_the_article_is_cited_without_a_date(texts):
    """The article carries no date; only the book appeared in 2025."""
    sources = read_yaml(DATA_DIR / "sources.yaml")["sources"]
    book = sources["koster_boek"]["title"]
    wrong = []
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for where, text in [*texts, *((str(d.relative_to(ROOT)), d.read_text("utf-8")) for d in docs)]:
        for m in re.finditer(r"Koster(?:'s)?\W{0,4}(?:J\.\W{0,3})?\(?2025", text):
            if not text[m.end() : m.end() + 80].lstrip(" ).").startswith(("*" + book, book)):
                wrong.append(f"{where}: ...{text[max(0, m.start() - 20) : m.end() + 30]!r}")
    assert not wrong, "the article has no date; cite it as Koster (z.d.):\n" + "\n".join(wrong)


def test_bibliography_entries_are_the_canonical_ones():
    sources = read_yaml(DATA_DIR / "sources.yaml")["sources"]
    entries = {s["entry"] for s in sources.values()}
    nji = sources["nji_oproep"]
    assert all(p in nji["entry"] for p in nji["partners"]), "the oproep entry names its partners"
    for md in sorted(LESSON_DIR.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        listed = re.findall(r"^- ((?:Koster, J\.|Nederlands Jeugdinstituut).*?)(?=\n- |\n\n|\Z)", text, re.M | re.S)
        assert listed, f"{md.name}: no bibliography entry"
        for entry in listed:
            assert " ".join(entry.split()) in entries, (
                f"{md.name}: bibliography entry differs from sources.yaml:\n{entry}"
            )
        if "NJi" in text.replace(nji["entry"], ""):
            assert nji["entry"] in " ".join(text.split()), f"{md.name} cites the oproep without its entry"


@pytest.mark.parametrize(
    "wrong, right",
    [
        ("mislukte moeder", "'Ik voel me elke keer falen' (she feels she fails, not that she is a failed mother)"),
        ("slechte moeder", "'Ik voel me elke keer falen'"),
        ("zich snel geraakt", "the article says a child's trouble touches the parent 'vrijwel altijd'"),
        ("vertrouwensmodel", "the teaching model has one name: oefenmodel"),
        # issue 20: 'lesmodel' is, in pabo language, a lesson structure (IGDI, directe instructie)
        ("lesmodel", "the teaching model is the course's oefenmodel; a lesmodel is a lesson structure"),
        # issue 20, findings 1-5: claims the texts do not make, or make softer
        (
            "niet één voor één, en niet in een vaste volgorde",
            "Koster offers 'een paar handreikingen die kunnen "
            "helpen', no rule on their order; lesson 05 shows why order matters in her example",
        ),
        ("laat zien waarom de volgorde telt", "the model shows only the numbers its makers chose"),
        ("een aanbod landt pas als", "Koster describes one case, not a rule"),
        ("niets over het gedrag", "the article: 'zegt niet meteen iets over het gedrag' (the behaviour comes later)"),
        ("voelen snel dat ze falen", "the oproep: the feeling of failing 'ligt op de loer'"),
        ("een moment dat veel pedagogisch medewerkers kennen", "the 'bekend patroon' is this one boy's"),
        ("hoe kwetsbaar ouders zijn", "the text: the vulnerability that parenthood brings"),
        ("z.d..", "one full stop after z.d."),
        ("ja-neevraag", "one spelling: ja/nee-vraag"),
        ("Daarna wordt het gesprek open", "unclear: say what opens"),
        ("Volgens de oproep is het jammer", "the oproep never says 'jammer'"),
        ("Zo leren jullie samen", "the oproep: with the experiences the NJi builds knowledge; say who asks and why"),
        ("Van der Pas maakt een verschil", "Koster draws the distinction with Van der Pas's theory; say who does what"),
        ("is hij 'klaar'", "'hij' had no clear referent: say the role is done"),
        ("rond 21 jaar", "the article gives no age at which opvoederschap ends"),
        # fidelity reading 2, F1: the word 'ontspannen' stands in the village paragraph, but the oproep never
        # says that a professional's own ease is no value 'voor jou'; the sorting rule is the course's
        (
            "niet bij de ouders en niet bij jou",
            "the oproep does not exclude 'jou'; mark the sorting rule as the course's",
        ),
        ("ontspannener aan het werk", "a graded case the oproep fits to two values (village and 'werkplezier')"),
        # fidelity reading 3
        ("Bij jou noemt Koster drie gevoelens", "F4: Koster also names schrikken (of parents' choices)"),
        ("een vervolgafspraak plannen", "F5: Koster's example ends with an offer to look together later"),
        (
            "Koster noemt het moment zelf",
            "F3: 'juist op zulke momenten' stresses the hard situation, not a timing rule",
        ),
        ("Wachten tot de schrik voorbij is, noemt ze niet", "F3: the offer of Koster's own example comes later too"),
        ("Eerst laat Bilal zijn eigen boosheid zakken", "F2: a breath first is not against Koster (a graded decoy)"),
        ("Al vroeg in het gesprek vraagt Iris", "F7: 'eerst stilstaan bij het ouderschap' made the decoy right"),
        ("'naast elkaar staan'", "F6: in quote marks, the oproep's words: 'naast elkaar gaan staan'"),
        ("'stilstaan bij het ouderschap'", "F6: in quote marks, Koster's words: 'eerst stilstaat bij het ouderschap'"),
        ("Jij kent hem het best", "F9: Koster: each knows a different part of the child"),
        # fidelity reading 4
        (
            "Wat ouders er zelf aan hebben, noemt de oproep bij de samenleving",
            "F1: the oproep also asks you to support parents",
        ),
        ("ook op zijn werk", "F1: the oproep says nothing of a parent's ease at his own work"),
        ("Ruimte om twijfels te delen.", "F2: whose doubts? the oproep names a parent's doubt and the professional's"),
        ("ook haar boek", "F3: after Van der Pas's name 'haar' makes the book hers; it is Koster's"),
        ("geeft vaak juist veel om zijn kind", "F4: built from the two texts, so not 'neither' in a graded item"),
        ("Op één punt zeggen de twee teksten hetzelfde", "F5: they share more (support, the child's interest)"),
        ("dan bij de ouder te blijven", "F6: Koster's 'blijven' goes with looking past the behaviour"),
        ("aan het eind schrijft ze over vertrouwen", "F7: trust also in handreiking 4"),
        ("open vragen, bijvoorbeeld met *hoe* of *wat*", "F8: 'hoe' or 'wat' is the course's tip"),
        (
            "luistert, en noemt daarna rustig nog een keer haar zorg",
            "F11: Koster's own order; a graded decoy must not be",
        ),
        # fidelity reading 5
        ("bij zorgen zwaar en persoonlijk kunnen worden", "F1: Koster: 'diepgaander en persoonlijker'"),
        ("er is heel veel kennis over wat", "F2: the oproep's sentence, nearly word for word, without quote marks"),
        ("erkenning en begrip", "F3: Koster's word is 'compassie'; lesson 06 teaches that 'begrip' is not hers"),
        ("**Handreiking 4: help ouders hun", "F6: Koster's heading, unquoted"),
        # fidelity reading 6
        ("Met medewerking van Marnix", "F1: the oproep credits people who helped, not institutions as co-authors"),
        ("(NJi) en partners, onder wie", "F1: the NJi wrote it, with help of people from colleges and others"),
        ("Volgens Koster is ouderschap 'onvoorwaardelijk': het hangt", "F2: the gloss of the word is the course's"),
        ("Contact met ouders is goed voor het kind. Maar", "F3: Koster: 'altijd in het belang van het kind'"),
        ("Dat lijkt op wat Koster dichtklappen", "F4: what dichtklappen looks like is the course's definition"),
        ("Op die plek kan **veerkracht** beginnen", "F10: Koster: 'dáár begint veerkracht'"),
        ("Daaruit kan **veerkracht** groeien", "F10: Koster: 'dáár begint veerkracht'"),
        ("Met *zo* bedoelt de oproep", "F11: reading 'zo' as the support paragraph is the course's"),
        ("Dennis is en blijft de vader van Joep", "F7: a graded decoy Koster's 'je blijft ouder' supports"),
        # fidelity reading 7
        ("bij zorgen diepgaander en persoonlijker worden", "F1: Koster: 'Bij zorgen verandert het contact vaak'"),
        ("pas als jullie *'echt samenwerken'*, kun je", "F2: nearly her whole sentence, two words in quote marks"),
        (
            "dat dit meer nuance vraagt dan in één artikel past",
            "F3: her nuance is about the distinction, not the course's list",
        ),
        (
            "In de puberteit wordt het opvoeden vaak weer meer",
            "F4: Koster is silent on puberty; 'klopt niet' needs a text",
        ),
        ("Wat maakt dat ze niet meer wil komen, denk je?", "F5: a fair open question, keyed wrong for one word"),
        (
            "Aanname of gesloten vraag",
            "F6: Koster warns against assumptions, not closed questions (her H3 examples are closed)",
        ),
        ("'als ouders en professionals samenwerken' (dat laatste schrijft Koster", "F8: not her words in quote marks"),
        # fidelity reading 8
        (
            "begin je volgens haar niet meteen",
            "F2: handreiking 1 plus one example is the course's reading, not her rule",
        ),
        (
            "Die horen niet bij deze twee vragen",
            "F1: her handreiking 4 ties erkenning to veerkracht, her second question",
        ),
        ("Maar het is niet een van haar twee vragen.", "F1: say erkenning can serve her veerkracht question"),
        # fidelity reading 10 (read in parallel with 9, on 6aaae5c)
        (
            "is iets anders dan weten *wat* je dan moet doen",
            "F1: Koster: not *altijd* knowing what responsible behaviour is",
        ),
        ("daar doen de twee teksten geen uitspraak over", "F2: Koster names 'emotie of frustratie'"),
        (
            "Je waardeert wat ieder inbrengt: wat jij weet",
            "F3: 'ieders inbreng' is broader; knowledge is the course's example",
        ),
        (
            "Kofi kiest zelf, en zo wordt het gesprek volgens Koster",
            "F4: her words are about the permission sentences, not the no",
        ),
        ("pas daarna over de opvoeding begint", "F5: Koster: before what goes wrong in the upbringing"),
        ("Begin je meteen over de opvoeding,", "F5: what goes wrong, not the upbringing"),
        ("pas daarna bij de opvoeding", "F5: what goes wrong, not the upbringing"),
        ("Eerst het ouderschap, dan pas de opvoeding", "F5: what goes wrong, not the upbringing"),
        ("Eerst het ouderschap, dan de opvoeding", "F5: what goes wrong, not the upbringing"),
        # fidelity reading 9
        ("Daarnaast is je dag vol met andere dingen", "F1: the oproep hedges: 'waarschijnlijk'"),
        ("zoals Koster die twee uit elkaar houdt?", "F2: sorting love-filled acts as the role is the course's rule"),
        ("Naast elkaar staan is in de oproep:", "F4: one feature of the place among others, not its definition"),
        ("Naast elkaar staan gaat in de oproep over wat jullie samen delen", "F4: one feature among others"),
        # Fidelity reading 11 (2026-12-01):
        ("Ze verbindt ze ook met de tweede vraag", "F3: Koster does not link them; the link is the course's"),
        ("of dat ouders en professionals samenwerken", "F5: the way of working the oproep names is a joint one"),
        ("(les 03, 04 en 06) kiezen de makers", "lesson 06's conversation has no start values or ceiling of its own"),
        (
            "Zich geborgen voelen.",
            "F1: in the oproep a village in which the child feels geborgen; without subject 'kind' fits",
        ),
        (
            "Professionals kunnen meer ontspannen.",
            "F1: the oproep: parents, opvoeders and professionals; alone 'jij' fits",
        ),
        ("(liefde, hoop, trots, twijfel)", "F2: Koster also names schaamte and the feeling of falling short"),
        (
            "Voordat we het over Sem hebben: hoe is dit nu voor jullie",
            "F4: joins the parenthood as Koster's own example does",
        ),
        (
            "+ = helpt, !",
            "F13: a '+' move can cost at the wrong moment (information without permission, an early offer)",
        ),
        ("Helpende zetten geven plussen", "F13: not always: at the wrong moment they cost"),
        # Fidelity reading 12 (2026-12-01):
        ("En niemand staat voorop", "F1: the oproep says the work is chosen 'vooral vóór kinderen'"),
        ("verantwoordelijk gedrag is", "F2: Koster's clause nearly word for word; paraphrase it or quote it whole"),
        ("Dat jullie elkaars beeld aanvullen, klopt met Koster", "F3: 'samen zie je meer' is the course's phrase"),
        ("Daardoor is opvoeden iets kwetsbaars", "F4: the oproep: 'ouderschap en opvoeden'"),
        (
            "Koster kijkt hier naar de ouder zelf (hier oma)",
            "F5: Koster writes of parents; the grandmother is the course's step",
        ),
        # Fidelity reading 13 (2026-12-01):
        ("Je begint niet over wat er beter moet", "F1: Koster: 'Begin niet direct over wat er beter moet'"),
        (
            "iets kleins dat de ouder al goed doet",
            "F2: handreiking 4: what is already there (inzet, aanwezigheid, intentie)",
        ),
        (
            "Over het onderscheid tussen ouderschap en opvoederschap zegt Koster zelf",
            "F3: her 'Dit' has no named referent",
        ),
        ("Koster noemt een aantal gevoelens waar het ouderschap aan raakt", "F4: tie the item to her one sentence"),
        ("is bijna nul als het kind volwassen is", "F5: Koster: opvoederschap is then 'klaar'"),
        ("dat al goed gaat", "F6: handreiking 4 names what is already there, not what goes well"),
        ("wat al goed gaat", "F6: handreiking 4 names what is already there, not what goes well"),
        ("dat de ouder al goed doet", "F6: handreiking 4 names what is already there, not what goes well"),
        ("benoemen wat goed gaat", "F6: handreiking 4 names what is already there"),
        ("noem iets wat goed gaat", "F7: handreiking 4 names what is already there"),
        ("niets wat de moeder goed doet", "F7: handreiking 4 names what is already there"),
        ("die dagelijkse race van je werk naar hier", "F9: an open question with an assumption in it (not H2)"),
        # Fidelity reading 14 (2026-12-01):
        ("en juist die kan ouders uit beeld duwen", "F1: the oproep names the drive together with the busy work"),
        ("Koster schrijft zelf dat dit alles meer nuance", "F2: her caveat is about the Van der Pas account"),
        ("dat is nog geen stilstaan.", "F3: how much 'stilstaan' takes is the course's reading: mark it"),
        ("wat heeft deze ouder nodig om zich *'veilig genoeg", "F4: half of Koster's question outside the quote marks"),
        ("en denkt ze dat die het veel beter doen", "F5: a graded decoy the oproep's 'falen ligt op de loer' supports"),
        (
            "Net als veel ouders in deze tijd heeft Esra",
            "F5: a graded decoy the oproep's 'zeker in deze tijd' supports",
        ),
        ("na de stilte gaat de deur open. Rechts", "F6: in the article the talk is open after the offer"),
        ("zeker als je je zorgen maakt", "F7: Koster: when you sense things are not going well at home"),
        ("Je knikt rustig en zegt alleen", "F9: rustig_benaderen is walking calmly to the parent"),
        # Fidelity reading 15 (2026-12-01):
        (
            "oma Joyce erop durft te vertrouwen dat ik het goed met haar meen",
            "F1: a decoy that paraphrases Koster's first question",
        ),
        (
            "wel in de titel en de eerste zin van dat stuk",
            "F2: the title has the verb 'Verbinden', the first sentence 'Verbinding'",
        ),
        ("bouwt het NJi verder aan kennis", "the oproep's 'we' are the NJi and the people who wrote with it"),
        ("het NJi neemt daarna contact", "the oproep's 'we' are the NJi and the people who wrote with it"),
        ("tranen in haar ogen", "the article: her eyes are moist"),
        ("zie je ouders bijna elke dag", "Koster: daily contact with parents"),
        # Fidelity reading 16 (2026-12-01):
        ("ouder nodig om zich <i>'veilig genoeg'</i>", "F1: Koster's words around the quote marks, outside them"),
        ("Koster raadt aan", "Koster writes that it helps to look past the behaviour, not that she advises it"),
        ("Koster (z.d.) raadt aan", "Koster writes that it helps to look past the behaviour, not that she advises it"),
        ("Koster (z.d.) aanraadt", "Koster writes that it helps to look past the behaviour, not that she advises it"),
        ("de oproep sluit af met", "the oproep's document ends with 'En nu?'; the triad closes its argument"),
        ("het NJi en wie meeschreef", "the oproep says who helped, not who wrote"),
        # Fidelity reading 17 (2026-12-01), uncounted observations:
        ("Hieronder zie je hetzelfde gesprek twee keer", "the figure shows two orders, not one conversation twice"),
        (
            "Het model houdt **alleen** veiligheid, vertrouwen en de deur bij. Hoe",
            "the model also keeps three memories",
        ),
        ("het gaat niet alleen om een advies", "Koster gives no example about advice"),
        # Fidelity reading 18 (2026-12-01):
        (
            "het gevoel kunnen hebben dat ze tekortschieten of falen",
            "F1: 'falen' is the NJi's word; Koster's only in the mother's words",
        ),
        # Fidelity reading 31 (2026-12-01):
        (
            "bij jou veilig genoeg",
            "F1: Koster: 'om zich veilig genoeg te voelen om écht in contact te komen', no 'bij jou'",
        ),
        ("bij mij veilig genoeg", "F1: the same, in g_toets_twee_vragen"),
        ("zodat hij zich bij jou <i>'veilig genoeg'", "F2: 'bij jou' added around Koster's quoted words"),
        # Fidelity reading 30 (2026-12-01):
        ("Koster (les 02) legt uit waarom", "F1: Koster explains why parenthood is vulnerable, not this reaction"),
        # Fidelity reading 29 (2026-12-01):
        ("ouders niet de les te lezen", "F1: the oproep: 'elkaar niet de les lezen' (both ways)"),
        ("ouders niet de les maar", "F1: the oproep: 'elkaar niet de les lezen' (both ways)"),
        ("geen les lezen, wel naast de ouder", "F1: the oproep: 'elkaar niet de les lezen, maar naast elkaar'"),
        ("om ouders de les te lezen", "F1: the oproep: 'elkaar niet de les lezen' (both ways)"),
        ("Maak je je zorgen over een kind, dan worden de gesprekken", "F2: Koster: 'Bij zorgen', whoever has them"),
        (
            "De oproep zegt zelf dat het in de praktijk niet altijd eenvoudig",
            "F3: the oproep puts it in the reader's mouth",
        ),
        ("steunt op de ouderschapstheorie", "F4: Koster: the theory 'biedt waardevolle handvatten'"),
        ("en toch hoort hij niet bij handreiking 1", "F5: keeping questions out of handreiking 1 is the course's rule"),
        # Fidelity reading 28 (2026-12-01):
        (
            "maar niet hoeveel veiligheid en vertrouwen het geeft",
            "F1: for most moves Koster names other gains (competentie, verbinding), not safety or trust",
        ),
        (
            "bij Lieve merken",
            "F2: Koster says what the professional does (ziet, hoort, steunt), not what a parent must notice",
        ),
        # Fidelity reading 27 (2026-12-01):
        ("een plek van rust en vertrouwen", "F1: the oproep says 'meer rust en vertrouwen', not an end state"),
        ("## 3. Plekken van rust en vertrouwen", "F1: the same, in the heading"),
        (
            "Koster schrijft alleen dat er in haar voorbeeld een stilte valt",
            "F2: she also calls it 'geen ongemakkelijke'",
        ),
        # Fidelity reading 26 (2026-12-01):
        (
            "Koster wijst op een verschil: je weet",
            "F1: the distinction continues the sentence that opens 'Volgens Van der Pas'",
        ),
        # Fidelity reading 25 (2026-12-01):
        (
            "Zo worden school, opvang en wijkcentrum plekken",
            "F1: the oproep says they 'kunnen uitgroeien tot', if it works",
        ),
        (
            "Volgens Koster gebeurt er dan iets belangrijks",
            "F4: after the course's reading of 'aanwezig', not Koster's link",
        ),
        (
            "als jij er als professional echt bent voor",
            "F4: Koster writes 'ziet, hoort en steunt'; 'er echt zijn' is ours",
        ),
        # Fidelity reading 24 (2026-12-01):
        ("het artikel waarschuwt hiervoor", "F1: for two moves the warning is the course's link of two parts"),
        ("! = het artikel waarschuwt ervoor", "F1: the legend, the same"),
        ("De schrijvers weten dat mooie", "F2: the oproep says 'misschien denk je', about what it writes"),
        ("Misschien herken je wat je in deze cursus las", "F2: the oproep speaks of what it writes"),
        # Fidelity reading 23 (2026-12-01):
        ("Koster schrijft daarna zelf", "F1: her 'meer nuance' sentence comes before 'Het belangrijkste', not after"),
        ("zich altijd bewust van hun verantwoordelijkheid", "F2: Koster's words only, in a statement keyed 'both'"),
        # Fidelity reading 22 (2026-12-01):
        ("in een stuk over de ideeën van Van der Pas", "F1: she cites Van der Pas once in that part"),
        ("Over haar korte uitleg van de theorie van Van der Pas", "F1: the article does not say what 'Dit' is"),
        # Fidelity reading 21 (2026-12-01):
        (
            "Ouders voelen zich verantwoordelijk.",
            "F1: Koster (after Van der Pas) writes the *besef*; the feeling is the NJi's",
        ),
        ("dat ouders zich verantwoordelijk voelen", "F1: Koster writes the *besef*; the feeling is the NJi's"),
        ("legt uit waarom: ouders voelen zich", "F1: Koster writes the *besef*; the feeling is the NJi's"),
        ("sterk gevoel van verantwoordelijkheid", "F1: a statement keyed 'both' in the NJi's words only"),
        ("In haar eerste handreiking (les 04) zegt Koster", "F2: Koster does not define 'stilstaan'; the link is ours"),
        (
            "Koster zegt: sta eerst stil bij het ouderschap (zijn inzet",
            "F2: the principle and handreiking 1's list are two passages",
        ),
    ],
)
def test_no_misstatement(texts, wrong, right):
    found = [where for where, text in texts if wrong.lower() in " ".join(text.split()).lower()]
    assert not found, f"{found}: {wrong!r} misstates the source ({right})"


@pytest.mark.parametrize(
    "pattern, right",
    [
        (r"\bBSO\b", "bso, in lower case, as everywhere else in the course"),
        (r"\bja-nee-?vraag", "ja/nee-vraag, one spelling"),
        # Issue 24 (a learner's walk): each handreiking had two to four names; Koster's headings, everywhere.
        (r"Vraag vanuit oprechte|Vragen vanuit oprechte", "Stel vragen vanuit oprechte nieuwsgierigheid"),
        (r"Toestemming vragen voor informatie", "Vraag toestemming als je informatie wilt geven"),
        (
            r"Laat 'goede ouder'-ervaringen|'Goede ouder'-ervaringen laten voelen",
            "Help ouders hun 'goede ouder'-ervaringen (weer) te voelen",
        ),
    ],
)
def test_one_spelling_everywhere(texts, pattern, right):
    """Issue 20, finding 13: one spelling everywhere (case matters here)."""
    module = ("module.yaml", (DATA_DIR / "module.yaml").read_text(encoding="utf-8"))
    found = [
        f"{where}: {m.group(0)!r}"
        for where, text in [*texts, module]
        for m in re.finditer(pattern, " ".join(text.split()))
    ]
    assert not found, f"{right}: {found[:5]}"


def test_the_course_marks_its_reading_of_liefdevolle_intentie():
    """Fidelity reading 5, F4: that a loving intention counts even when things went wrong is the course's
    reading (a graded statement rests on it), so the lesson says so."""
    text = " ".join((LESSON_DIR / "04_vier_handreikingen.md").read_text(encoding="utf-8").split())
    assert "In deze cursus lezen we 'liefdevolle intentie' zo" in text


def test_a_lessons_sources_are_only_what_it_uses():
    """Fidelity reading 3, F1: Koster's book is named, but no lesson draws on it, so no list cites it."""
    book = read_yaml(DATA_DIR / "sources.yaml")["sources"]["koster_boek"]["entry"]
    listed = [
        md.name
        for md in LESSON_DIR.glob("*.md")
        if book.split("*")[1] in " ".join(md.read_text(encoding="utf-8").split("## Bronnen")[-1].split())
        and re.search(r"^- Koster, J\. \(2025\)", md.read_text(encoding="utf-8"), re.M)
    ]
    assert not listed, f"{listed}: the book is in the sources list, but the lesson uses only the article"


def test_the_lecturer_texts_say_je_not_u():
    """Issue 20, finding 13: the lecturer texts (module notes, README, docs) address the lecturer as 'je', as
    the learner texts do; 'u' stays only where a professional in an exercise speaks to a parent."""
    root = DATA_DIR.parents[1]
    texts = {
        "module.yaml": (DATA_DIR / "module.yaml").read_text(encoding="utf-8"),
        "README.md": (root / "README.md").read_text(encoding="utf-8"),
        **{f"docs/{p.name}": p.read_text(encoding="utf-8") for p in (root / "docs").glob("*.md")},
    }
    found = [
        f"{where}: ...{text[max(0, m.start() - 30) : m.end() + 30]!r}"
        for where, text in texts.items()
        for m in re.finditer(r"(?<![\w'`/.\"-])[Uu](?![\w'`/.\"-])", text)
    ]
    assert not found, found[:5]


@pytest.mark.parametrize("lesson_id", [lid for lid in lesson_ids() if lid != "00_start"])
def test_every_lesson_says_its_people_are_invented(lesson_id):
    """Issue 20, finding 6: the people in the exercises are the course's, not the texts'; each lesson says so."""
    prose = " ".join((LESSON_DIR / f"{lesson_id}.md").read_text(encoding="utf-8").split())
    assert re.search(r"voor deze cursus (zijn )?(bedacht|geschreven)|bedacht voor deze cursus|verzonnen", prose), (
        lesson_id
    )


CONVERSATIONS = sorted((DATA_DIR / "conversations").glob("*.yaml"))


def _options(path):
    return [o for node in read_yaml(path)["nodes"].values() for o in node["options"]]


@pytest.mark.parametrize("path", CONVERSATIONS, ids=lambda p: p.stem)
def test_article_quotes_in_a_conversation_are_exact_and_marked(path):
    """An option marked as a quote is the article's exact words; an option that is the article's
    exact words is marked (each conversation tells learners what the mark means)."""
    from course.messages import SCENARIO_OWN_LINES
    from course.messages import SCENARIO_QUOTE_MARK as mark

    article = seed_grams(4, ("koster",))
    for option in _options(path):
        text = option["text"]
        spoken = re.sub(r"^'(.*)'.*$", r"\1", text.removesuffix(mark).strip())
        exact = in_seed(spoken, article, 4)
        assert exact == text.endswith(mark), f"{text!r}: {'unmarked quote' if exact else 'marked but not exact'}"
    assert mark.strip() in SCENARIO_OWN_LINES


def test_the_pick_up_conversation_lets_learners_choose_the_articles_own_words():
    path = DATA_DIR / "conversations" / "scenario_ophalen.yaml"
    from course.messages import SCENARIO_QUOTE_MARK as mark

    assert len({o["text"] for o in _options(path) if o["text"].endswith(mark)}) >= 3
    lesson05 = (LESSON_DIR / "05_praktijkvoorbeeld.md").read_text(encoding="utf-8")
    assert mark.strip() in lesson05


@pytest.mark.parametrize("path", CONVERSATIONS, ids=lambda p: p.stem)
def test_conversation_options_fit_on_one_line(path):
    """A radio button label of more than one line overlaps the next one in JupyterLab (the browser
    test could not click past it), so options stay short."""
    long = [o["text"] for o in _options(path) if len(o["text"]) > 100]
    assert not long, long


def test_lesson_05_quotes_the_mothers_own_words():
    text = " ".join((LESSON_DIR / "05_praktijkvoorbeeld.md").read_text(encoding="utf-8").split())
    assert "'Ik voel me elke keer falen.'" in text


def test_every_move_of_the_model_is_defined_for_learners():
    """'zet' (a move of the oefenmodel) is explained where the model is introduced."""
    text = (LESSON_DIR / "05_praktijkvoorbeeld.md").read_text(encoding="utf-8")
    section = text.split("<!-- cell: sectie_model -->")[1].split("<!-- cell:")[0]
    assert re.search(r"\*\*zet\*\* (is|betekent)", section), "define **zet** in the oefenmodel section"
    assert section.find("**zet**") < section.find(" zet ") or " zet " not in section.split("**zet**")[0]


def test_life_course_figure_gives_no_age_the_article_does_not():
    block = load_lesson("02_ouderschap_en_opvoederschap")["blocks"]["levensloop"]
    assert not re.search(r"\b\d+\s*jaar", block["alt"] + " ".join(block["texts"].values()))
    from course.figures.export import draw

    fig = draw(block)
    labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels()]
    assert not any(re.search(r"\d", lab) for lab in labels), f"numeric ages on the axis: {labels}"


def test_every_reflection_comes_with_a_care_and_a_privacy_note():
    for lid in lesson_ids():
        if not graded_items(load_lesson(lid), auto=False):
            continue
        text = (LESSON_DIR / f"{lid}.md").read_text(encoding="utf-8")
        cell = next(c for c in text.split("<!-- cell: ") if "**Zorg.**" in c or c.startswith("reflectie"))
        assert "**Zorg.**" in cell and "**Privacy.**" in cell, f"{lid}: the reflection needs a care and a privacy note"
        assert "herkenbaar" in cell and ("docent" in cell or "studieloopbaan" in cell), lid


def _family_counts(texts) -> dict[str, int]:
    patterns = {
        "vaders": r"\b(?:stief)?(?:vader|papa)s?\b",
        "moeders": r"\b(?:stief)?(?:moeder|mama)s?\b",
        "grootouders": r"\b(?:opa|oma|grootouder)(?:'s|s)?\b",
        "twee moeders of vaders": r"\btwee (?:moeders|vaders)\b",
        "taal": r"\b(?:tolk|weinig nederlands|nederlands spreekt|andere taal|taalbarrière)\b",
    }
    text = " ".join(t.lower() for where, t in texts if where.startswith("lessons/"))
    return {name: len(re.findall(p, text)) for name, p in patterns.items()}


def test_parents_in_the_cases_are_varied(texts):
    """The oproep speaks of all parents: fathers as well as mothers, other family forms, a language barrier."""
    n = _family_counts(texts)
    assert n["vaders"] * 2 >= n["moeders"], f"fathers are rare next to mothers: {n}"
    assert n["grootouders"] >= 5 and n["twee moeders of vaders"] >= 1 and n["taal"] >= 2, n


def test_family_counter_counts_what_it_says():
    n = _family_counts([("lessons/x.md", "De vader en zijn stiefmoeder; opa's; twee moeders met een tolk.")])
    assert n == {"vaders": 1, "moeders": 2, "grootouders": 1, "twee moeders of vaders": 1, "taal": 1}


TEMPLATE = (
    "**Leerdoelen.**",
    "**Studietijd:**",
    "## Toets",
    "## Reflectie",
    "| Criterium",
    "## Samenvatting",
    "## Bronnen",
)


def rubric_points(prose: str) -> float:
    """Sum over the rubric tables (header '| Criterium | 0 punten | ... | 1 punt |') of rows x top score."""
    total = 0.0
    for table in re.findall(r"(\| Criterium[^\n]*\n\|[-| ]+\|\n(?:\|[^\n]*\n?)+)", prose):
        header, _rule, *rows = table.strip().splitlines()
        top = max(float(x.replace(",", ".")) for x in re.findall(r"(\d+(?:,\d+)?) punt", header))
        total += top * len(rows)
    return total


@pytest.mark.parametrize("lesson_id", [lid for lid in lesson_ids() if lid != "00_start"])
def test_every_lesson_follows_the_template_and_its_rubric_adds_up(lesson_id):
    """Read as the learner does: the released notebook, where {{rubric: ITEM}} became a table."""
    nb = json.loads((ROOT / "notebooks" / lesson_id / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))
    prose = "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    missing = [part for part in TEMPLATE if part not in prose]
    assert not missing, f"{lesson_id}: missing {missing}"
    hand = sum(float(i["points"]) for i in graded_items(load_lesson(lesson_id), auto=False))
    assert rubric_points(prose) == hand, f"{lesson_id}: the rubric gives {rubric_points(prose)}, the data {hand}"


def test_rubric_points_reads_a_table():
    table = "| Criterium | 0 punten | 0,5 punt | 1 punt |\n|---|---|---|---|\n| a | x | y | z |\n| b | x | y | z |\n"
    assert rubric_points("tekst\n\n" + table) == 2.0


def test_the_model_marks_its_reading_of_the_silence_and_of_the_acknowledgement():
    """Fidelity reading 9, F5 and F6: Koster reports that a silence falls, not that the professional
    makes one or that it raises safety; and she ties 'Ik zie hoeveel je probeert' to no handreiking.
    Both are the course's readings: every rule of the silence carries the course's mark, and lesson 05
    says the sentence fits handreiking 4 as well."""
    from course.model.trust_model import load_model

    stilte = load_model().moves["stilte"]
    assert all(e.get("choice") for e in stilte["effects"]), "mark every rule of the silence as the course's"
    prose = " ".join((LESSON_DIR / "05_praktijkvoorbeeld.md").read_text(encoding="utf-8").split())
    assert re.search(r"Ik zie hoeveel je probeert[^.]*\.[^.]*handreiking 4", prose) or re.search(
        r"handreiking 1[^.]*keuze van deze cursus[^.]*handreiking 4", prose
    ), "lesson 05: say that placing the acknowledgement under handreiking 1 is the course's choice"


GRANDPARENT = re.compile(r"\b(oma|opa)\b", re.IGNORECASE)
GRANDPARENT_NOTE = "Over opa's en oma's"


def test_a_grandparent_in_the_parents_place_is_marked_as_the_courses_choice():
    """Fidelity reading 12, F5: both texts write about parents (Koster names opa's among the others who
    help with the upbringing). A lesson that puts Koster's questions or handreikingen to a grandparent
    who brings up a grandchild says that this step is the course's."""
    missing = []
    for lesson in lesson_ids():
        items = read_yaml(LESSON_DIR / f"{lesson}.yaml").get("items", [])
        cases = [item["id"] for item in items if GRANDPARENT.search(item.get("prompt", ""))]
        text = " ".join((LESSON_DIR / f"{lesson}.md").read_text(encoding="utf-8").split())
        if cases and GRANDPARENT_NOTE not in text:
            missing.append(f"{lesson}: {cases}")
    assert not missing, f"grandparent cases without the course's note ({GRANDPARENT_NOTE!r}): {missing}"


# Issue 24 (B1): phrases a pabo student stumbled over in lesson 05 and the model's texts.
NOT_B1 = [
    "langste rij stappen",
    "waar de zet op rust",
    "waar het op rust",
    "drempels van de deur",
    "aanbod landt",
    "kantelde",
]


def test_the_phrases_learners_stumbled_over_are_gone(texts):
    from course import messages
    from course.figures.trust_table import HEADERS

    public = [v for k, v in vars(messages).items() if k.isupper()]
    shown = [*texts, *(("messages.py", v) for v in public if isinstance(v, str))]
    shown += [("messages.py", v) for d in public if isinstance(d, dict) for v in d.values() if isinstance(v, str)]
    shown += [("trust_table.py", h) for h in HEADERS.values()]
    found = [(where, p) for where, text in shown for p in NOT_B1 if p in text.lower()]
    assert not found, found


def test_kosters_nuance_sentence_stands_where_she_wrote_it():
    """Fidelity reading 23, F1: 'Dit vraagt natuurlijk om meer nuance…' follows her account of Van der Pas and comes
    before 'Het belangrijkste is dat je eerst stilstaat bij het ouderschap': in lesson 02 it closes part 3 (the
    account), not part 4 (the advice)."""
    text = (LESSON_DIR / "02_ouderschap_en_opvoederschap.md").read_text(encoding="utf-8")
    quote, part4 = text.index("meer nuance dan in dit artikel"), text.index("## 4. Eerst het ouderschap")
    assert quote < part4 and text.count("meer nuance") == 1


def test_a_link_of_two_parts_of_the_article_is_marked_as_the_courses():
    """Fidelity reading 23, F3: a rule whose quote and `says` come from two different parts of the article links
    them; that link is the course's, so the table says so (`reading`)."""
    from course.model.trust_model import load_model

    for move_id, move in load_model().moves.items():
        source = move["source"]
        if source.get("says_part") and source["says_part"] != source["part"]:
            assert "koppeling" in source.get("reading", ""), move_id


def test_the_parenthood_figure_says_its_axis_and_lines_are_the_courses():
    """Fidelity reading 24, F3: the figure's axis ('hoeveel ruimte het inneemt') and its lines are the course's
    construction; 'schets, geen meting' alone did not say so."""
    from course.figures import export

    caption = export.all_figures()["levensloop"]["caption"]
    assert "keuze van de cursus" in caption


def test_the_pick_up_moment_is_told_as_the_daily_pattern_it_is():
    """Fidelity reading 25, F2 and F3: Koster's boy resists 'zoals altijd', 'een bekend patroon'; the retelling
    in lesson 05 and the practice conversation left that out, which gives 'elke dag zo?' its meaning."""
    from course.content import DATA_DIR

    lesson = (LESSON_DIR / "05_praktijkvoorbeeld.md").read_text(encoding="utf-8")
    intro = (DATA_DIR / "conversations" / "scenario_ophalen.yaml").read_text(encoding="utf-8")
    for text in (lesson, intro):
        assert "niet voor het eerst" in " ".join(text.split())


def test_a_lesson_that_lets_the_learner_say_je_to_a_grandparent_says_why():
    """Issue 24, fourth walk (low): 'every professional in the conversations says "je" to grandparents'. Where a
    conversation with an opa or oma lets the professional say 'je', the lesson showing it says 'je' or 'u' is a choice
    (Koster's own example sentences say 'je')."""
    said_je = re.compile(r"'[^']*\b(je|jou|jouw)\b[^']*'", re.I)
    for path in CONVERSATIONS:
        text = path.read_text(encoding="utf-8")
        if not re.search(r"\b(opa|oma)\b", text, re.I):
            continue
        if not any(said_je.search(o["text"]) for o in _options(path)):
            continue
        showing = [p for p in LESSON_DIR.glob("*.md") if f"<!-- show: {path.stem} -->" in p.read_text(encoding="utf-8")]
        for lesson in showing:
            yaml_blocks = (LESSON_DIR / f"{lesson.stem}.yaml").read_text(encoding="utf-8")
            if f"scenario: {path.stem}" not in yaml_blocks:
                continue
            prose = " ".join(lesson.read_text(encoding="utf-8").split())
            assert "'je' of 'u'" in prose, f"{lesson.name} shows {path.stem} without a word on 'je' and 'u'"


def test_the_learners_guide_lists_each_lesson_as_the_data_says():
    """Issue 24, fifth round: docs/leerling.md's table "Wat zit erin" still said 7 toets points for lesson 05 and 20
    minutes for lesson 00 after the data changed. Points and study time per lesson come from the lesson files."""
    from course.content import graded_items, load_lesson

    guide = (DATA_DIR.parents[1] / "docs" / "leerling.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| (0\d) \|.*$", guide, re.M)}
    assert sorted(rows) == [lid[:2] for lid in lesson_ids()], rows
    for lesson_id in lesson_ids():
        lesson = load_lesson(lesson_id)
        toets = sum(float(i["points"]) for i in graded_items(lesson))
        reflectie = sum(float(i["points"]) for i in graded_items(lesson, auto=False) if i["type"] == "reflection")
        minutes = re.search(r"\*\*Studietijd:\*\* ongeveer (\d+) minuten", (LESSON_DIR / f"{lesson_id}.md").read_text())
        cells = [c.strip() for c in rows[lesson_id[:2]].strip("|").split("|")]
        assert cells[3] == f"{toets:g}" and cells[4] == (f"{reflectie:g}" if reflectie else "—"), cells
        assert cells[5] == f"{minutes.group(1)} min", cells


def test_the_learners_guide_holds_no_developers_commands():
    """Sixth walk: docs/leerling.md showed learners `python -m course.authoring.concept_map`, "(of met `make lab`)" and
    `OUDERS_ZIEN_SCREENSHOTS=1 make test`; a learner never types these."""
    guide = (DATA_DIR.parents[1] / "docs" / "leerling.md").read_text(encoding="utf-8")
    found = re.findall(r"`[^`]*(?:\bmake\b|python -m|pytest|[A-Z_]{6,}=)[^`]*`", guide)
    assert not found, found


def test_lesson_06_gives_the_oproep_s_link_and_mail_where_it_names_the_interest_list():
    """Fifteenth walk (low): lesson 06 named the NJi interest list "met een QR-code of een link" and gave neither.
    It now gives the link and the mail address as the oproep prints them (seed 004, lines 62-65: "Scan de QR-code of
    ga naar https://bit.ly/-praat-mee", "Mail ons via praatmee@nji.nl"), and says the course cannot check them."""
    text = (LESSON_DIR / "06_tot_slot_en_nu.md").read_text(encoding="utf-8")
    at = text.index("interesselijst")
    near = text[at : at + 600]
    assert "https://bit.ly/-praat-mee" in near and "praatmee@nji.nl" in near, near
    assert "niet nagaan" in near
