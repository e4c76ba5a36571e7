"""Learner text is data (course/learner_text.py): a reflection renders, through nbconvert's own
Markdown filter, as exactly the text the learner typed; names, CSV cells and terminal lines too."""

from __future__ import annotations

import string
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from course.learner_text import CLOSE, OPEN, as_text, csv_cell, is_text, shown, student_id

WRAPPER = {"div": [("class", "tex2jax_ignore mathjax_ignore")]}
TEXT_TAGS = {"p", "br"}


class Page(HTMLParser):
    """The tags (with attributes) and the text of an HTML fragment, entities decoded."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def render(text: str) -> Page:
    return Page(markdown2html_mistune(as_text(text)))


def words(text: str) -> list[str]:
    return text.split()


def expected_words(text: str) -> list[str]:
    """The learner's words as the lecturer reads them: control characters as their pictures."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pictures = "".join(
        chr(0x2400 + ord(c)) if ord(c) < 0x20 and c not in "\t\n" else "\u2421" if c == "\x7f" else c for c in text
    )
    return words(pictures)


def assert_only_text(page: Page) -> None:
    for tag, attrs in page.tags:
        assert tag in TEXT_TAGS or (tag, attrs) == ("div", WRAPPER["div"]), (tag, attrs)


@pytest.mark.parametrize("char", list(string.punctuation))
def test_every_escaped_character_renders_as_itself(char):
    text = f"a{char}b {char} {char * 3}\n{char}c"
    page = render(text)
    assert_only_text(page)
    assert words("".join(page.text)) == words(text)


VECTORS = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    '<svg onload="alert(1)">',
    "![](http://tracker.invalid/x.png)",
    "[x](javascript:alert(1))",
    "<http://tracker.invalid/x>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "&#106;avascript:alert(1)",
    '<a href="&#106;avascript:x">x</a>',
    "$\\href{javascript:alert(1)}{x}$",
    "$$\\unicode{<img src=x onerror=alert(1)>}$$",
    "\\(\\href{javascript:x}{y}\\)",
    "\\[x\\]",
    "\\begin{equation}x\\end{equation}",
    "<div>\n\n*x*\n\n</div>",
    "    <b>indented code</b>",
    "```html\n<script>alert(1)</script>\n```",
    "http://tracker.invalid/bare",
    "www.tracker.invalid",
    "- [ ] taak",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | c |",
    "term\n: definitie",
    "# kop",
    "kop\n===",
    "> citaat",
    "1. lijst",
    "~~doorgestreept~~",
    "</div><script>alert(1)</script>",
]


@pytest.mark.parametrize("vector", VECTORS)
def test_a_script_vector_is_shown_as_text(vector):
    page = render(vector)
    assert_only_text(page)
    assert words("".join(page.text)) == words(vector)


def test_the_learners_lines_stay_lines_and_math_is_left_to_no_one():
    text = "Eerste regel\nTweede regel\n\nNieuwe alinea: $x$ en \\(y\\)"
    source = as_text(text)
    assert source.startswith(OPEN) and source.endswith(CLOSE)
    html = markdown2html_mistune(source)
    assert "Eerste regel<br />\nTweede regel</p>" in html and html.count("<p>") == 2
    assert "$x$ en \\(y\\)" in html  # literal, inside the element MathJax skips


def test_leading_spaces_stay_visible_and_never_make_code():
    html = markdown2html_mistune(as_text("    vier spaties\n\tтаб"))
    assert "<pre" not in html and "<code" not in html and html.count("\xa0") == 8


def test_empty_text_stays_empty_and_the_form_is_recognised():
    assert as_text("") == as_text(" \n\t\n") == ""
    assert is_text("") and is_text(as_text("Mijn reflectie (goed)."))
    assert not is_text("Mijn reflectie (goed).")
    assert not is_text(f"{OPEN}\n\n<img src=x onerror=alert(1)>\n\n{CLOSE}")
    assert not is_text(f"{OPEN}\n\n\\\\(x\\\\)\n\n{CLOSE}")  # an escaped backslash: never written


TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(list(string.punctuation + " \t\n\r")), st.characters(exclude_categories=["Cs"])),
    max_size=300,
)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_any_text_renders_as_only_itself(text):
    source = as_text(text)
    assert is_text(source)
    page = Page(markdown2html_mistune(source))
    assert_only_text(page)
    assert words("".join(page.text)) == expected_words(text)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Zoë van Dijk", "Zoë van Dijk"),
        ("D\u2019Hondt", "D'Hondt"),
        ("Zoe\u0308", "Zoë"),
        ("100123", "100123"),
        ("Jan-Willem de Boer Jr.", "Jan-Willem de Boer Jr."),
        ("jan_jansen", "jan_jansen"),
        ("<img src=x onerror=alert(1)>", None),
        ("a\u202eb", None),
        ("'t Hart", None),
        ("=HYPERLINK(1)", None),
        ("a\x1b[31m", None),
        ("Jan\nJansen", None),
        ("..", None),
        ("a/b", None),
        ('a"b', None),
        ("x" * 101, None),
    ],
)
def test_a_student_id_is_a_name_or_nothing(raw, expected):
    assert student_id(raw) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+31", "'+31"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Jan", "Jan"),
        ("les 02: reflectie", "les 02: reflectie"),
    ],
)
def test_a_csv_cell_never_starts_a_formula(value, expected):
    assert csv_cell(value) == expected


def test_the_terminal_sees_escapes_not_codes():
    assert shown("Jan\x1b[2J\x1b[31mrood") == "Jan\\x1b[2J\\x1b[31mrood"
    assert shown("a\u202eb\nc\rd") == "a\\u202eb\\nc\\rd"
    assert shown("regel 1\nregel 2\tx", keep_lines=True) == "regel 1\nregel 2\tx"
    assert shown("Zoë 'D'Hondt'") == "Zoë 'D'Hondt'"
