"""The class hub's login (issue 17): a real one by default, the shared test password only when asked
for and never empty, and, on request, every user's server on an origin of its own.

Tried on loopback with the hub as shipped (hub/jupyterhub_config.py): PAM against real Unix accounts
with passwords; the hub started with an empty shared password; and in Chromium, a learner's page
trying to read the hub's API and a classmate's server with the browser's cookies.
"""

from __future__ import annotations

import os
import re
import subprocess

import accounts
import pytest
import requests
from browser_page import CHROMIUM, require_chromium
from hubserver import HUB_BIN, REPO, Learner, hub, require_root

PASSWORD = "Zomer-in-Zwolle-2026"


def log_in(url: str, name: str, password: str) -> int:
    """Log in through the hub's login form (with its XSRF token); return the answer's status."""
    with requests.Session() as s:
        form = s.get(f"{url}/hub/login", timeout=30)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text)
        data = {"username": name, "password": password, **({"_xsrf": xsrf[1]} if xsrf else {})}
        return s.post(f"{url}/hub/login", data=data, allow_redirects=False, timeout=60).status_code


@pytest.fixture
def accounts_with_passwords():
    """Two Unix accounts with a password: one of the class (group ouders-zien), one not."""
    require_root()
    accounts.ensure_group(accounts.LEARNERS_GROUP)
    made = {"ozpamklas": [accounts.LEARNERS_GROUP], "ozpamvreemd": []}
    for name, groups in made.items():
        subprocess.run(["userdel", "--force", name], capture_output=True)
        subprocess.run(
            [
                "useradd",
                "--no-create-home",
                "--shell",
                "/bin/false",
                "--user-group",
                *(["--groups", ",".join(groups)] if groups else []),
                name,
            ],
            check=True,
        )
        subprocess.run(["chpasswd"], input=f"{name}:{PASSWORD}\n", text=True, check=True)
    yield made
    for name in made:
        subprocess.run(["userdel", "--force", name], capture_output=True)


def test_the_default_login_checks_the_unix_password_and_the_class_group(accounts_with_passwords):
    with hub(env={"OUDERS_ZIEN_HUB_LOGIN": "pam"}) as h:
        got = {
            "klas, goed wachtwoord": log_in(h.url, "ozpamklas", PASSWORD),
            "klas, fout wachtwoord": log_in(h.url, "ozpamklas", PASSWORD + "x"),
            "klas, leeg wachtwoord": log_in(h.url, "ozpamklas", ""),
            "buiten de klas, goed wachtwoord": log_in(h.url, "ozpamvreemd", PASSWORD),
            "docent zonder account": log_in(h.url, "docent", PASSWORD),
            "root": log_in(h.url, "root", PASSWORD),
        }
    print("\n" + "\n".join(f"{k:<34} {v}" for k, v in got.items()))
    assert got == {
        "klas, goed wachtwoord": 302,
        "klas, fout wachtwoord": 403,
        "klas, leeg wachtwoord": 403,
        "buiten de klas, goed wachtwoord": 403,
        "docent zonder account": 403,
        "root": 403,
    }


@pytest.mark.parametrize("password", ["", "kort"])
def test_the_hub_refuses_to_start_with_an_empty_or_short_shared_password(tmp_path, password):
    require_root()
    env = {
        **os.environ,
        "OUDERS_ZIEN_HUB_STATE": str(tmp_path / "s"),
        "OUDERS_ZIEN_HUB_LOGIN": "test",
        "OUDERS_ZIEN_HUB_PASSWORD": password,
        "OUDERS_ZIEN_COURSE": str(tmp_path / "cursus"),
    }
    done = subprocess.run(
        [str(HUB_BIN / "jupyterhub"), "-f", str(REPO / "hub" / "jupyterhub_config.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "at least 12 characters" in done.stdout + done.stderr


def test_the_school_login_sends_people_to_surfconext(tmp_path):
    """The SURFconext login as shipped, with oauthenticator: the login page offers it and sends the browser
    to SURFconext's authorize endpoint with this hub's client id and callback (SURFconext itself is not
    reached from here)."""
    (tmp_path / "klas.txt").write_text("leerling01\n")
    callback = "https://hub.school.example/hub/oauth_callback"
    env = {
        "OUDERS_ZIEN_HUB_LOGIN": "surfconext",
        "OUDERS_ZIEN_OIDC_CLIENT_ID": "ouders-zien.school.example",
        "OUDERS_ZIEN_OIDC_CLIENT_SECRET": "geheim",
        "OUDERS_ZIEN_OIDC_CALLBACK_URL": callback,
        "OUDERS_ZIEN_KLASLIJST": str(tmp_path / "klas.txt"),
    }
    with hub(env=env) as h:
        page = requests.get(f"{h.url}/hub/login", timeout=30).text
        away = requests.get(f"{h.url}/hub/oauth_login", allow_redirects=False, timeout=30)
    target = away.headers.get("Location", "")
    assert "SURFconext" in page
    assert away.status_code == 302 and target.startswith("https://connect.surfconext.nl/oidc/authorize?"), target
    assert (
        "client_id=ouders-zien.school.example" in target and "redirect_uri=https%3A%2F%2Fhub.school.example" in target
    )


def _browser_login(p, h, name: str):
    browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking"])
    page = browser.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{h.url.replace('127.0.0.1', 'localhost')}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", h.password)
    page.click("#login_submit")
    page.wait_for_selector(".jp-LabShell")
    return browser, page


# What a script in a learner's page tries: read a hub page for its XSRF token (the hub's API wants one
# with cookie logins), then call the API with the viewer's cookies.
READ = """async url => {
  try {
    const hub = new URL(url).origin + '/hub/home';
    const page = await (await fetch(hub, {credentials: 'include'})).text();
    const token = (page.match(/xsrf_token: "([^"]+)"/) || [])[1] || '';
    const r = await fetch(url, {credentials: 'include', headers: {'X-XSRFToken': token}});
    return 'gelezen ' + r.status;
  } catch (e) { return 'geweigerd'; }
}"""


@pytest.mark.parametrize("subdomains", [False, True], ids=["een-origin", "subdomeinen"])
def test_with_subdomains_a_learners_page_reaches_neither_the_hub_nor_a_classmate(subdomains):
    """A page in a learner's server (a notebook's output, an HTML file) runs with the viewer's cookies.
    On one origin it reads the hub's API as whoever opens it (the lecturer, when helping); with
    subdomain_host every server has an origin of its own and the browser refuses (same-origin policy)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with hub(subdomains=subdomains) as h:
        for name in ("leerling01", "leerling02"):
            learner = Learner(h, name)
            learner.start()
            learner.wait_ready()
        public = h.url.replace("127.0.0.1", "localhost")
        with sync_playwright() as p:
            browser, page = _browser_login(p, h, "leerling01")
            try:
                origin = page.evaluate("location.origin")
                hub_api = page.evaluate(READ, f"{public}/hub/api/user")
                host2 = public.replace("//", "//leerling02.") if subdomains else public
                classmate = page.evaluate(READ, f"{host2}/user/leerling02/api/contents")
            finally:
                browser.close()
    print(
        f"\n{'subdomeinen' if subdomains else 'een origin'}: pagina op {origin}; hub-API: {hub_api}; "
        f"server klasgenoot: {classmate}"
    )
    if subdomains:
        assert origin == public.replace("//", "//leerling01.")
        assert (hub_api, classmate) == ("geweigerd", "geweigerd")
    else:
        assert origin == public and hub_api == "gelezen 200"  # why a class should use subdomains
