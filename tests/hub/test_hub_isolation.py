"""On the class hub no learner reads the key or a classmate's work, and no learner writes the
gradebook or a classmate's answers (issue 17).

Tried as a learner with bad intent would: after a classmate handed in lesson 02 and the lecturer
graded it and returned feedback through the exchange, a second learner's kernel tries every file of
the lecturer's and the classmate's it can name (the worst case: it knows every path), the PostgreSQL
gradebook without its password, and a hand-in in the classmate's name. Each attempt must be refused,
while the same kernel can still read its own work (so a refusal is the system's, not the probe's).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from conftest import LESSON_02, REPO
from hubserver import Learner, hub
from pgserver import postgres
from test_hub_class import answer_code, answers_of

PROBE = textwrap.dedent("""
    import json, os, sqlite3

    def attempt(kind, path):
        try:
            if kind == "read":
                with open(path, "rb") as fh:
                    fh.read(1)
            elif kind == "list":
                os.listdir(path)
            elif kind == "write":
                open(path, "ab").close()  # opened for writing; nothing written
            elif kind == "create":
                open(os.path.join(path, "geplant.txt"), "x").close()
            elif kind == "sqlite-write":
                con = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
                con.execute("CREATE TABLE geplant (a)")
                con.commit()
            elif kind == "environ":  # tokens and passwords of other accounts' processes
                me, read = os.getuid(), []
                for pid in filter(str.isdigit, os.listdir("/proc")):
                    try:
                        if os.stat(f"/proc/{pid}").st_uid != me:
                            with open(f"/proc/{pid}/environ", "rb") as fh:
                                read.append(fh.read(1))
                    except OSError:
                        pass
                if not read:
                    raise PermissionError("no other process's environment")
            elif kind == "http":  # a service on 127.0.0.1, asked without the lecturer's or hub's token
                import urllib.request
                urllib.request.urlopen(path, timeout=10).read(1)  # raises on 4xx/5xx
            elif kind == "postgres":
                import psycopg2
                psycopg2.connect(path, connect_timeout=10).close()
            return "toegestaan"
        except Exception as exc:
            return f"{type(exc).__name__} {getattr(exc, 'code', '')}".strip()

    print(json.dumps({name: attempt(kind, path) for name, (kind, path) in json.loads(PROBES).items()}))
""")


def server_port(user: str) -> int:
    """The port the user's server listens on (its JUPYTERHUB_SERVICE_URL, read from /proc as root)."""
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            env = dict(v.split("=", 1) for v in environ.read_bytes().decode(errors="replace").split("\0") if "=" in v)
        except OSError:
            continue
        if env.get("JUPYTERHUB_USER") == user and env.get("JUPYTERHUB_SERVICE_URL"):
            return int(env["JUPYTERHUB_SERVICE_URL"].rstrip("/").rsplit(":", 1)[1].split("/")[0])
    raise LookupError(f"no server of {user}")


def probe(learner: Learner, probes: dict[str, tuple[str, str]]) -> dict[str, str]:
    code = f"PROBES = {json.dumps(json.dumps(probes))}\n" + PROBE
    return json.loads(learner.run(code, cwd="").strip().splitlines()[-1])


def test_a_learner_reaches_neither_the_key_nor_a_classmate_nor_the_gradebook():
    with postgres() as pg, hub((LESSON_02,)) as h:
        lecturer = Learner(h, "docent")
        lecturer.start()
        lecturer.wait_ready()
        done = h.lecturer("vrijgeven", LESSON_02, "--hub")  # SQLite gradebook in the course folder
        assert done.returncode == 0, done.stderr
        victim, attacker = Learner(h, "leerling01"), Learner(h, "leerling02")
        answers, score = answers_of(1)
        for learner in (victim, attacker):
            learner.start()
            learner.wait_ready()
            learner.fetch(LESSON_02)
        assert victim.run(answer_code(answers), cwd="").strip() == f"{len(answers)} opgeslagen"
        victim.submit(LESSON_02)
        for step in (["verzamelen", LESSON_02], ["nakijken", LESSON_02]):
            done = h.lecturer(*step)
            assert done.returncode == 0, done.stderr
        done = h.as_lecturer(["nbgrader", "release_feedback", LESSON_02])
        assert done.returncode == 0, done.stderr

        state, course, exchange = h.state, h.course, h.exchange / "ouders-zien"
        handed_in = next((exchange / "inbound").glob(f"leerling01+{LESSON_02}+*"))
        feedback = next((exchange / "feedback").glob("*.html"))
        victim_home = state / "home" / "leerling01"
        port = int(h.url.rsplit(":", 1)[1])
        docent_port = server_port("docent")
        attacks = {
            "sleutel in de cursusmap": ("read", f"{course}/keys/{LESSON_02}.yaml"),
            "verborgen tests in source/": ("read", f"{course}/source/{LESSON_02}/{LESSON_02}.ipynb"),
            "cursusmap bekijken": ("list", str(course)),
            "cijferboek lezen": ("read", f"{course}/gradebook.db"),
            "cijferboek schrijven": ("sqlite-write", f"{course}/gradebook.db"),
            "ingeleverd werk in submitted/": ("read", f"{course}/submitted/leerling01/{LESSON_02}/antwoorden.json"),
            "feedback in de cursusmap": ("read", f"{course}/feedback/leerling01/{LESSON_02}/{LESSON_02}.html"),
            "sleutel in de cursuscode": ("read", f"{REPO}/grading/keys/{LESSON_02}.yaml"),
            "geschiedenis van de cursuscode (.git)": ("list", f"{REPO}/.git"),
            "thuismap klasgenoot bekijken": ("list", str(victim_home)),
            "antwoorden klasgenoot lezen": ("read", f"{victim_home}/{LESSON_02}/antwoorden.json"),
            "antwoorden klasgenoot schrijven": ("write", f"{victim_home}/{LESSON_02}/antwoorden.json"),
            "thuismap docent": ("list", str(state / "home" / "docent")),
            "kernelsleutels klasgenoot": ("list", str(state / "run" / "leerling01")),
            "database van de hub": ("read", str(state / "hub" / "jupyterhub.sqlite")),
            "cookiegeheim van de hub": ("read", str(state / "hub" / "jupyterhub_cookie_secret")),
            "inleverbak bekijken": ("list", str(exchange / "inbound")),
            "inzending klasgenoot lezen (naam bekend)": ("read", str(handed_in / "antwoorden.json")),
            "geheim van de inzending (feedbacknaam)": ("read", str(handed_in / "submission_secret.txt")),
            "in inzending klasgenoot schrijven": ("create", str(handed_in)),
            "les voor de klas vervangen (outbound)": ("create", str(exchange / "outbound" / LESSON_02)),
            "feedbackbak bekijken": ("list", str(exchange / "feedback")),
            "feedback klasgenoot schrijven": ("write", str(feedback)),
            "omgeving van andere processen (tokens)": ("environ", "/proc"),
            "routes van de proxy (API)": ("http", f"http://127.0.0.1:{port + 2}/api/routes"),
            "gebruikers van de hub (API)": ("http", f"{h.url}/hub/api/users"),
            "server van de docent, rechtstreeks": ("http", f"http://127.0.0.1:{docent_port}/user/docent/api/contents"),
            "PostgreSQL-cijferboek zonder wachtwoord": ("postgres", "postgresql://postgres@" + pg.split("@", 1)[1]),
        }
        own = {
            "eigen les lezen": ("read", f"{state}/home/leerling02/{LESSON_02}/{LESSON_02}.ipynb"),
            "eigen thuismap bekijken": ("list", str(state / "home" / "leerling02")),
            "eigen thuismap schrijven": ("create", str(state / "home" / "leerling02")),
        }
        got = probe(attacker, {**attacks, **own})

        # a hand-in in the classmate's name, as nbgrader itself makes it
        impostor = attacker.run(
            "import subprocess\n"
            f"r = subprocess.run(['nbgrader', 'submit', {LESSON_02!r}, '--student=leerling01'], "
            "capture_output=True, text=True)\nprint(r.returncode)",
            cwd="",
        )
        collected = h.lecturer("verzamelen", LESSON_02)
        kept = json.loads((course / "submitted" / "leerling01" / LESSON_02 / "antwoorden.json").read_text())

    width = max(map(len, got))
    print("\nwat een leerling probeert                   uitkomst")
    print("\n".join(f"{name:<{width}}  {result}" for name, result in got.items()))
    allowed = {name: got[name] for name in attacks if got[name] == "toegestaan"}
    assert not allowed, f"a learner's kernel reached: {allowed}"
    assert all(got[name] == "toegestaan" for name in own), got  # the probe itself works
    assert impostor.strip() == "0"  # nbgrader's exchange took it...
    assert collected.returncode == 0, collected.stderr
    assert "inzending op naam van 'leerling01' is van 'leerling02'" in collected.stdout, collected.stdout
    assert kept["answers"] == answers  # ...but the classmate's own hand-in is what counts
