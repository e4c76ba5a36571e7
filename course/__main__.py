"""``python -m course start`` (or ``docent ...``): the ``ouders-zien`` command when its script folder
is not on PATH (a user install on Windows puts it in a Scripts folder PATH often lacks)."""

import sys

from course.lecturer.docent import cli

sys.exit(cli())
