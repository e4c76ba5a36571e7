"""Learner text is data: shown to the lecturer as typed, never as live HTML, Markdown or TeX.

What a learner typed reaches the lecturer in four places, and each gets its own form of the same rule:

- a reflection (a Markdown cell), rendered by nbconvert (mistune) in nbgrader's formgrader and
  feedback: :func:`as_text` writes it as Markdown that renders to the literal text, with its line
  breaks, inside an element MathJax skips; :func:`is_text` recognises that form;
- a name or file name printed in the lecturer's terminal: :func:`shown` (control characters and
  other invisible ones escaped, so no colour codes, no cursor moves, no fake lines);
- a cell of a CSV file the lecturer opens in a spreadsheet: :func:`csv_cell` (OWASP's advice on
  formula injection);
- a student id from a learning environment's download, which nbgrader's pages print as HTML without
  escaping: :func:`student_id` (normalised, or refused).
"""

from __future__ import annotations

import re
import string
import unicodedata

from course import messages as msg

# MathJax 2 (the formgrade and feedback templates) skips an element of class tex2jax_ignore,
# MathJax 3 (JupyterLab) one of class mathjax_ignore: the learner's $...$ stays text.
OPEN = '<div class="tex2jax_ignore mathjax_ignore">'
CLOSE = "</div>"
# Characters CommonMark lets a backslash escape (all ASCII punctuation): each then renders as itself.
PUNCTUATION = frozenset(string.punctuation)
# These as entities instead: "<", ">" and "&" read as HTML, and a backslash as "\\" would give
# nbconvert's math rules (markdown_mistune.py, INLINE_MATH_LATEX) a "\\(" to start on.
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;"}
INDENT = "&#160;"  # a leading space: kept visible, and never an indented code block
# What :func:`as_text` writes between OPEN and CLOSE: letters, digits, spaces, non-ASCII text, escaped
# punctuation (never an escaped backslash), the four entities and hard line breaks.
_BODY = re.compile(r"(?:[^\x00-\x7f]|[A-Za-z0-9 \t\n]|\\[!-/:-@\[\]^_`{-~]|&(?:amp|lt|gt|#92|#160);|\\(?=\n))*")


def _picture(ch: str) -> str:
    """A control character as its visible Unicode picture (ESC as U+241B), else the character."""
    code = ord(ch)
    if code < 0x20 and ch not in "\t\n":
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else ch


def _line(line: str) -> str:
    body = line.lstrip(" \t")
    if not body.strip(" \t"):
        return ""
    lead = "".join(INDENT * (4 if ch == "\t" else 1) for ch in line[: len(line) - len(body)])
    return lead + "".join(ENTITIES.get(ch) or ("\\" + ch if ch in PUNCTUATION else _picture(ch)) for ch in body)


def as_text(text: str) -> str:
    """Return Markdown that shows ``text`` literally: every ASCII punctuation character escaped (so no
    tag, link, image, entity, emphasis, list, heading or math survives), each line break a hard line
    break, leading spaces kept, control characters as their visible pictures; wrapped in an element
    MathJax leaves alone. Empty (only white space) text gives ""."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip(" \t\n"):
        return ""
    lines = [_line(line) for line in text.split("\n")]
    out = [line + ("\\" if line and i + 1 < len(lines) and lines[i + 1] else "") for i, line in enumerate(lines)]
    return f"{OPEN}\n\n" + "\n".join(out).strip("\n") + f"\n\n{CLOSE}"


def plain(source: str) -> str:
    """Return the text that :func:`as_text` wrote ``source`` from (leading tabs come back as spaces);
    for a page that escapes it again itself (the learner's feedback page)."""
    import html

    if not is_text(source) or not source:
        raise ValueError("not text written by as_text()")
    body = source[len(OPEN) + 2 : -(len(CLOSE) + 2)]
    lines = [line[:-1] if line.endswith("\\") else line for line in body.split("\n")]
    text = "\n".join(re.sub(r"\\([!-/:-@\[\]^_`{-~])", r"\1", line) for line in lines)
    return html.unescape(text).replace("\xa0", " ")


def is_text(source: str) -> bool:
    """Return whether ``source`` is in the form :func:`as_text` writes (so it renders as plain text)."""
    head, tail = f"{OPEN}\n\n", f"\n\n{CLOSE}"
    if source == "":
        return True
    if not (source.startswith(head) and source.endswith(tail) and len(source) > len(head) + len(tail)):
        return False
    return _BODY.fullmatch(source[len(head) : -len(tail)]) is not None


_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def shown(text: object, keep_lines: bool = False) -> str:
    """Return ``text`` for the terminal: control, format (bidirectional overrides, zero width) and
    unassigned characters as Python escapes (``\\x1b``, ``\\u202e``); line breaks too, unless
    ``keep_lines`` (a message of several lines the course wrote itself)."""
    out = []
    for ch in str(text):
        if keep_lines and ch in "\n\t":
            out.append(ch)
        elif unicodedata.category(ch) in _INVISIBLE:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """Return a text cell for a spreadsheet: one that starts like a formula gets a leading ``'``
    (OWASP, CSV Injection), so Excel and LibreOffice show it instead of computing it."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# Student ids as nbgrader's pages can print them unescaped (formgrader templates, JavaScript strings
# in double quotes): letters and digits of any script, space, ".", "_", "-" and the apostrophe of
# names like "D'Hondt"; a letter or digit first. Nothing of HTML, JavaScript, URLs or the shell.
ID_PATTERN = re.compile(r"[^\W_][\w .'-]{0,99}")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def student_id(raw: str) -> str | None:
    """Return the student id for a learner's name or number from a download: in Unicode NFC, with
    typographic apostrophes as ``'``; None when it still holds anything else (it is then refused)."""
    name = unicodedata.normalize("NFC", raw).translate(_APOSTROPHES).strip()
    return name if ID_PATTERN.fullmatch(name) and all(unicodedata.category(ch)[0] in "LNPZ" for ch in name) else None


def without_placeholder(text: str) -> str:
    """Return a reflection's text without the course's placeholder line (today's or an earlier one):
    the learner may leave it standing, and it is no work of theirs."""
    for placeholder in (msg.REFLECTION_PLACEHOLDER, *msg.REFLECTION_PLACEHOLDERS_BEFORE):
        text = text.replace(placeholder, "")
    return text.strip()
