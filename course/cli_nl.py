"""A Dutch ``argparse.ArgumentParser`` for the ``ouders-zien`` commands (learners and lecturers are Dutch).

argparse writes its own words in English ("usage:", "options:", "show this help message and exit", "error: argument
--poort: invalid int value: 'x'"). This parser says them in Dutch, with argparse's public hooks: its own ``-h`` action
(``add_help=False``), a help formatter with a Dutch usage prefix, and an ``error()`` that turns argparse's known
error sentences into Dutch ones. The titles of the argument groups are the one private name it sets
(``_optionals``/``_positionals``: argparse offers no other way to name the default groups).
"""

from __future__ import annotations

import argparse
import re
from typing import Any, NoReturn

USAGE = "Gebruik: "
OPTIONS = "opties"
ARGUMENTS = "argumenten"
HELP = "toon deze hulp en stop"
ERROR = "{prog}: fout: {message}\nHulp: {prog} --help\n"

# argparse's error sentences (CPython 3.10-3.13, argparse.py) and their Dutch; the first that matches is used.
# "argument X: ..." names the option first; the rest of such a message is translated by the same table.
ENGLISH = [
    (r"argument (?P<name>[^:]+): (?P<rest>.*)", "{name}: {rest}"),
    (r"expected one argument", "hier hoort nog een waarde achter"),
    (r"expected at most one argument", "hier hoort hooguit één waarde achter"),
    (r"expected at least one argument", "hier hoort minstens één waarde achter"),
    (r"expected (?P<n>\d+) arguments?", "hier horen {n} waarden achter"),
    (r"ignored explicit argument (?P<value>.*)", "hier hoort geen waarde bij ({value})"),
    (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", "{value} bestaat niet. Kies uit: {choices}"),
    (r"invalid \S+ value: (?P<value>.*)", "{value} is geen geldige waarde"),
    (r"unrecognized arguments: (?P<words>.*)", "onbekend: {words}"),
    (r"the following arguments are required: (?P<names>.*)", "dit ontbreekt nog: {names}"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "{option} kan meer betekenen: {matches}"),
    (r"not allowed with argument (?P<other>.*)", "niet samen met {other}"),
]


def dutch(message: str) -> str:
    """argparse's English error ``message`` in Dutch; a message it does not know is returned as it is."""
    for pattern, text in ENGLISH:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            parts = match.groupdict()
            if "rest" in parts:
                parts["rest"] = dutch(parts["rest"])
            return text.format(**parts)
    return message


class DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with 'Gebruik: ' for 'usage: '."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and errors are Dutch (subparsers are made of the same class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.get("add_help", True)
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        kwargs["add_help"] = False  # argparse's own -h says "show this help message and exit"
        super().__init__(*args, **kwargs)
        self._optionals.title = OPTIONS
        self._positionals.title = ARGUMENTS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        """Print the error in Dutch with a pointer to ``--help``, and stop with exit code 2 (as argparse does)."""
        self.exit(2, ERROR.format(prog=self.prog, message=dutch(message)))


def port_number(text: str) -> int:
    """An ``argparse`` type: a TCP port (1-65535), with a Dutch message for anything else."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"'{text}' is geen poortnummer. Gebruik een getal, bijvoorbeeld 8888.")
    return port
