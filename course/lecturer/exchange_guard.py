"""Hand-ins through nbgrader's exchange come from their owner only.

On the class hub every learner is a Unix account of their own, and nbgrader's inbound folder
(mode 0733) lets every account hand in. A hand-in's name says whose it is
(``<student>+<lesson>+<time>+<random>``, nbgrader/exchange/default/submit.py), but any learner can
write any name: ``nbgrader submit --student=<classmate>``. nbgrader's collector only warns when the
owner differs (``CollectApp.check_owner``, nbgrader/exchange/default/collect.py) and then collects it,
newest first, over the classmate's own work. Before collecting, the lecturer's tool sets such hand-ins
aside (renamed inside the inbound folder, which the lecturer owns) and reports them.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

from nbgrader.exchange.default import ExchangeSubmit

ASIDE_PREFIX = "apart_"


def owner_name(path: Path) -> str:
    uid = path.lstat().st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def set_aside_impostors(exchange_root: str | os.PathLike[str], course_id: str, lesson: str) -> list[str]:
    """Rename every hand-in of ``lesson`` whose owner is not the student it names so that nbgrader
    no longer sees it; return a Dutch line per hand-in set aside."""
    inbound = Path(exchange_root) / course_id / "inbound"
    if not inbound.is_dir():
        return []
    notes = []
    for entry in sorted(inbound.iterdir()):
        parts = entry.name.split("+")
        if len(parts) < 3 or parts[1] != lesson:
            continue
        owner = owner_name(entry)
        if owner == parts[0]:
            continue
        target = inbound / (ASIDE_PREFIX + entry.name.replace("+", "_"))
        entry.rename(target)
        notes.append(
            f"inzending op naam van {parts[0]!r} is van {owner!r}: niet verzameld (apart gezet als {target.name})"
        )
    return notes


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's hand-in, closed to classmates. nbgrader leaves a hand-in's folder open to every
    account (0777, files 0644), hidden only by its random name (nbgrader/exchange/default/submit.py,
    ``copy_files``). The folder is made inside the inbound folder, which nbgrader gives the lecturer's
    group and the setgid bit (release_assignment.py), so it belongs to the lecturer's group: closing
    it to others (0770) leaves the lecturer's group reading and removing it, and nobody else entering."""

    def copy_files(self) -> None:
        super().copy_files()
        dest = Path(self.inbound_path) / self.assignment_filename
        if dest.stat().st_gid == Path(self.inbound_path).stat().st_gid:  # else the lecturer would be shut out too
            os.chmod(dest, 0o770)
        else:
            self.log.warning("Hand-in %s is not in the lecturer's group: left as nbgrader makes it", dest)
