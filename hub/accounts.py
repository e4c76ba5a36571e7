"""Unix accounts and folders of the class hub: one system user per learner, a lecturer who owns the
course folder, and nothing of the lecturer's that a learner can read.

JupyterHub's ``LocalProcessSpawner`` starts each server as the Unix user of the same name
(jupyterhub/spawner.py, ``set_user_setuid``), so a learner's kernel has that user's rights and no
more. The hub (running as root) makes the account on the learner's first start, as The Littlest
JupyterHub does (tljh/user.py, ``ensure_user``), and puts it in a group of the course. An account
that exists but is not in that group (``root``, ``postgres``, a staff account) is never used for a
server: a school login that happens to return such a name gets a refusal, not that account.
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
import secrets
import stat
import subprocess
from pathlib import Path

LEARNERS_GROUP = "ouders-zien"
LECTURERS_GROUP = "ouders-zien-docent"
# Names a Unix account may have here (Debian's adduser NAME_REGEX, shorter): also the hub's
# Authenticator.username_pattern, so a login with another name is refused at the door.
NAME_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"
FIRST_UID = 1000  # below this: system accounts, never a learner's server


class AccountError(Exception):
    """An account or folder the hub will not use; the message says why."""


def check_name(name: str) -> str:
    if not re.fullmatch(NAME_PATTERN, name):
        raise AccountError(f"{name!r} is not a valid account name here ({NAME_PATTERN})")
    return name


def surfconext_username(userinfo: dict) -> str:
    """The hub user name of a SURFconext login: the institution's login name (claim ``uids``, a list;
    SURF's wiki "Claims": "UID (unique code for a person that is used as the login name within the
    institution)"), lower case. A name that is no valid account name here is refused at login by
    ``Authenticator.username_pattern``, never changed into a name that may be someone else's."""
    uids = userinfo.get("uids") or [""]
    return str(uids[0] if isinstance(uids, list) else uids).strip().lower()


def ensure_group(group: str) -> int:
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        subprocess.run(["groupadd", "--force", group], check=True, capture_output=True)
        return grp.getgrnam(group).gr_gid


def in_group(name: str, group: str) -> bool:
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return False
    return name in entry.gr_mem or pwd.getpwnam(name).pw_gid == entry.gr_gid


def ensure_user(name: str, home_root: Path, lecturer: bool = False, create: bool = True) -> pwd.struct_passwd:
    """Return the Unix account of hub user ``name``, made on first use, with a private home.

    Raises :class:`AccountError` for an account outside the course's groups or a system account."""
    check_name(name)
    group = LECTURERS_GROUP if lecturer else LEARNERS_GROUP
    ensure_group(group)
    home = Path(home_root) / name
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        if not create:
            raise AccountError(
                f"there is no Unix account {name!r}; make it first (useradd, in group {group})"
            ) from None
        home.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "useradd",
                "--home-dir",
                str(home),
                "--no-create-home",
                "--shell",
                "/bin/bash",
                "--user-group",
                "--groups",
                group,
                "--comment",
                "Ouders zien",
                name,
            ],
            check=True,
            capture_output=True,
        )
        account = pwd.getpwnam(name)
    else:
        if not in_group(name, group) or account.pw_uid < FIRST_UID:
            raise AccountError(
                f"the Unix account {name!r} exists but is not one of this course ({group}): no server is started as it"
            )
        if not Path(account.pw_dir).is_dir():  # left by an earlier hub with another state folder
            subprocess.run(["usermod", "--home", str(home), name], check=True, capture_output=True)
            account = pwd.getpwnam(name)
    own_private_folder(Path(account.pw_dir), account)
    return account


def own_private_folder(path: Path, account: pwd.struct_passwd) -> Path:
    """Make ``path`` (not what is in it) a folder of ``account`` that nobody else may enter."""
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, account.pw_uid, account.pw_gid)
    path.chmod(0o700)
    return path


def place_welcome(home: Path, account: pwd.struct_passwd, text: str, name: str = "welkom.md") -> Path:
    """Write the course's welcome page into a learner's home, owned by the learner and private (written anew at
    every start: it is the course's text, not the learner's). The hub opens it first: without it a learner's first
    JupyterLab showed an empty grey page (the Launcher is off for learners; seventh walk)."""
    path = Path(home) / name
    if path.is_symlink():  # a learner's link must not make root write elsewhere
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chown(path, account.pw_uid, account.pw_gid)
    os.chmod(path, 0o600)
    return path


def close_tree(root: Path, owner: pwd.struct_passwd | None = None) -> int:
    """Take group and other rights off everything under ``root`` (owned by ``owner`` if given);
    return how many entries changed. Symbolic links are left alone, never followed."""
    changed = 0
    for folder, dirs, files in os.walk(root):
        for entry in [Path(folder)] + [Path(folder, n) for n in dirs + files]:
            info = entry.lstat()
            if stat.S_ISLNK(info.st_mode):
                continue
            if owner is not None and (info.st_uid, info.st_gid) != (owner.pw_uid, owner.pw_gid):
                os.chown(entry, owner.pw_uid, owner.pw_gid)
                changed += 1
            if info.st_mode & 0o077:
                entry.chmod(stat.S_IMODE(info.st_mode) & 0o700)
                changed += 1
    return changed


def close_folder(path: Path) -> bool:
    """Let nobody but the owner enter ``path`` (what is in it keeps its modes); True if it changed."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        path.chmod(mode & 0o700)
        return True
    return False


def closed_to_others(path: str | os.PathLike[str]) -> list[str]:
    """The folders on the way to ``path`` (symbolic links resolved), and ``path`` itself, that
    another account may not enter or run: a learner's server cannot start from there."""
    real = Path(os.path.realpath(path))
    closed = [str(p) for p in reversed(real.parents) if not p.stat().st_mode & stat.S_IXOTH]
    if not real.stat().st_mode & stat.S_IXOTH:
        closed.append(str(real))
    return closed


def make_class(names: list[str], home_root: Path, passwords: Path) -> list[str]:
    """Make an account for every name of a class list (existing course accounts are kept as they are)
    and give each new one a random first password, written to ``passwords`` (CSV, readable by root
    only) for the lecturer to hand out; return the names made."""
    made, rows = [], []
    for name in names:
        try:
            pwd.getpwnam(check_name(name))
            continue  # already there: ensure_user below only checks it is one of ours
        except KeyError:
            pass
        ensure_user(name, home_root)
        password = "-".join(secrets.token_urlsafe(4) for _ in range(3))
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, capture_output=True)
        made.append(name)
        rows.append(f"{name};{password}")
    for name in names:
        ensure_user(name, home_root)  # an existing account outside the course is refused here
    fd = os.open(passwords, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(["gebruiker;eerste wachtwoord", *rows]) + "\n")
    return made


def main(argv: list[str] | None = None) -> int:
    """``sudo python3 hub/accounts.py klas.txt``: accounts for a class list (one user name a line),
    for the hub's PAM login."""
    parser = argparse.ArgumentParser(prog="hub/accounts.py", description="Accounts voor een klaslijst (PAM-login).")
    parser.add_argument("klaslijst", type=Path, help="een gebruikersnaam per regel")
    parser.add_argument(
        "--thuismappen", type=Path, default=Path(os.environ.get("OUDERS_ZIEN_HUB_STATE", "hub/state")) / "home"
    )
    parser.add_argument("--wachtwoorden", type=Path, default=Path("wachtwoorden.csv"))
    args = parser.parse_args(argv)
    names = [line.strip() for line in args.klaslijst.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        made = make_class(names, args.thuismappen.resolve(), args.wachtwoorden)
    except AccountError as exc:
        print(f"Fout: {exc}")
        return 2
    print(
        f"{len(made)} account(s) gemaakt, {len(names) - len(made)} bestonden al; eerste wachtwoorden in "
        f"{args.wachtwoorden} (alleen voor root leesbaar)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
