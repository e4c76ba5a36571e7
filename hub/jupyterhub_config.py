"""JupyterHub for a class of "Ouders zien" (run as root: `jupyterhub -f hub/jupyterhub_config.py`).

Learners log in, fetch a lesson from nbgrader's Assignments list, answer and submit; the lecturer
releases, collects and grades with `ouders-zien docent` (docs/hub.md).
Secure by default: every learner's server runs as that learner's own Unix user (made on first start,
hub/accounts.py), the lecturer's course folder (keys, gradebook, hand-ins) belongs to the lecturer and
is closed to learners, and the login is a real one. Everything is set from environment variables:

  OUDERS_ZIEN_HUB_LOGIN     how people log in: "pam" (default: the machine's Unix passwords),
                            "surfconext" (the school's login through SURFconext, OpenID Connect;
                            needs the package oauthenticator) or "test" (TESTS ONLY: one shared password)
  OUDERS_ZIEN_HUB_PASSWORD  the shared password of the "test" login (at least 12 characters)
  OUDERS_ZIEN_HUB_ADMIN_PASSWORD  the lecturers' password of the "test" login (at least 32; optional)
  OUDERS_ZIEN_OIDC_CLIENT_ID, OUDERS_ZIEN_OIDC_CLIENT_SECRET, OUDERS_ZIEN_OIDC_CALLBACK_URL
                            the "surfconext" login's client, as registered in SURFconext's SP Dashboard
  OUDERS_ZIEN_DOCENTEN      the lecturers' user names, comma-separated (default: docent); hub admins
  OUDERS_ZIEN_HUB_STATE     folder for the hub's database, the learners' homes and the exchange
  OUDERS_ZIEN_EXCHANGE      nbgrader's exchange folder (default: <state>/exchange); the course's
                            grading/nbgrader_config.py reads the same variable
  OUDERS_ZIEN_COURSE        the lecturer's course folder (default: <state>/cursus, a copy of grading/)
  OUDERS_ZIEN_HUB_PORT      the public port (default 8000); the hub and proxy API use the next two
  OUDERS_ZIEN_HUB_SUBDOMAIN_HOST  e.g. https://hub.school.nl: every user's server on its own origin
                            (https://<naam>.hub.school.nl; needs wildcard DNS and certificate)
  OUDERS_ZIEN_HUB_TOKEN     an API token for the "klas" service (tests and scripts)
  OUDERS_ZIEN_PROXY         the configurable-http-proxy program (npm; `make hub-proxy`)
  OUDERS_ZIEN_SERVER_PORTS  the ports of the learners' servers (default 20000-29999: keep them
                            below the system's ephemeral ports)

What a school must still do itself (docs/hub.md): HTTPS in front, its own login settings, and limits
on memory and CPU per learner.
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import accounts  # noqa: E402  (hub/accounts.py: the learners' and lecturer's Unix accounts)

STATE = os.path.abspath(os.environ.get("OUDERS_ZIEN_HUB_STATE", os.path.join(HERE, "state")))
HUB_DIR = os.path.join(STATE, "hub")  # the hub's own database, cookie secret, pid: root only
HOME_ROOT = os.path.join(STATE, "home")  # one private home per learner
RUNTIME = os.path.join(STATE, "run")  # one private folder per server for kernel sockets
EXCHANGE = os.path.abspath(os.environ.get("OUDERS_ZIEN_EXCHANGE", os.path.join(STATE, "exchange")))
COURSE_DIR = os.path.abspath(os.environ.get("OUDERS_ZIEN_COURSE", os.path.join(STATE, "cursus")))
LECTURERS = {n.strip() for n in os.environ.get("OUDERS_ZIEN_DOCENTEN", "docent").split(",") if n.strip()}
PORT = int(os.environ.get("OUDERS_ZIEN_HUB_PORT", "8000"))

for folder, mode in ((STATE, 0o755), (HUB_DIR, 0o700), (HOME_ROOT, 0o755), (RUNTIME, 0o711)):
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, mode)
os.makedirs(EXCHANGE, exist_ok=True)
# nbgrader's exchange root: everyone writes (as /tmp, sticky); nbgrader itself gives each course's
# inbound 0733 (hand in, not list) and feedback 0711 (nbgrader/exchange/default/release_*.py).
os.chmod(EXCHANGE, 0o1777)
if not os.path.isdir(COURSE_DIR):  # the lecturer's own copy of the course folder, keys and all
    shutil.copytree(
        os.path.join(REPO, "grading"),
        COURSE_DIR,
        ignore=shutil.ignore_patterns(
            "gradebook.db", "release", "submitted", "autograded", "feedback", "downloaded", "rapport", "__pycache__"
        ),
    )
if os.geteuid() == 0:
    # Every server runs as its user's own account, so the Python of this environment must be one that
    # every account may run (`make hub-env`: Debian's /usr/bin/python3, not one under /root).
    for _needed in (sys.executable, sys.prefix, os.path.join(HERE, "learner")):
        _closed = accounts.closed_to_others(_needed)
        if _closed:
            raise SystemExit(
                f"{_needed} cannot be reached by the learners' accounts ({', '.join(_closed)} is "
                "closed to them): start the hub from `make hub-env`'s .venv-hub, in a folder all may enter"
            )
    # Nothing of the lecturer's is readable by a learner: the course folder (keys, gradebook,
    # hand-ins), and the answer keys and history of the course code this hub runs from.
    accounts.close_folder(Path(COURSE_DIR))
    for private in (os.path.join(REPO, "grading"), os.path.join(REPO, ".git")):
        if os.path.isdir(private):
            accounts.close_folder(Path(private))

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [os.environ.get("OUDERS_ZIEN_PROXY", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{os.path.join(HUB_DIR, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(HUB_DIR, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(HUB_DIR, "jupyterhub.pid")
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0}  # a spawn request returns at once
if os.environ.get("OUDERS_ZIEN_HUB_SUBDOMAIN_HOST"):
    # Each user's server on an origin of its own: a page in one learner's server cannot send requests
    # with another user's cookies, nor reach the hub's (jupyterhub docs: "Subdomains").
    c.JupyterHub.subdomain_host = os.environ["OUDERS_ZIEN_HUB_SUBDOMAIN_HOST"]

# The login. No setting here accepts any password.
LOGIN = os.environ.get("OUDERS_ZIEN_HUB_LOGIN", "pam")
c.Authenticator.username_pattern = accounts.NAME_PATTERN  # also a valid Unix account name
c.Authenticator.admin_users = LECTURERS
if LOGIN == "pam":
    # The machine's own accounts and passwords; only members of the course's groups get in.
    c.JupyterHub.authenticator_class = "pam"
    c.LocalAuthenticator.allowed_groups = {accounts.LEARNERS_GROUP, accounts.LECTURERS_GROUP}
elif LOGIN == "surfconext":
    # The school's login through SURFconext (OpenID Connect), with oauthenticator's GenericOAuthenticator.
    # Endpoints as in SURFconext's discovery document, https://connect.surfconext.nl/.well-known/openid-configuration
    # (the same URLs in SURF's own ooapi-gateway-configurator README); test environment: connect.test.surfconext.nl.
    missing = [
        v
        for v in ("OUDERS_ZIEN_OIDC_CLIENT_ID", "OUDERS_ZIEN_OIDC_CLIENT_SECRET", "OUDERS_ZIEN_OIDC_CALLBACK_URL")
        if not os.environ.get(v)
    ]
    if missing:
        raise SystemExit(f"OUDERS_ZIEN_HUB_LOGIN=surfconext needs {', '.join(missing)} (docs/hub.md)")
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.client_id = os.environ["OUDERS_ZIEN_OIDC_CLIENT_ID"]
    c.GenericOAuthenticator.client_secret = os.environ["OUDERS_ZIEN_OIDC_CLIENT_SECRET"]
    c.GenericOAuthenticator.oauth_callback_url = os.environ["OUDERS_ZIEN_OIDC_CALLBACK_URL"]
    c.GenericOAuthenticator.authorize_url = "https://connect.surfconext.nl/oidc/authorize"
    c.GenericOAuthenticator.token_url = "https://connect.surfconext.nl/oidc/token"
    c.GenericOAuthenticator.userdata_url = "https://connect.surfconext.nl/oidc/userinfo"
    c.GenericOAuthenticator.scope = ["openid"]
    c.GenericOAuthenticator.username_claim = accounts.surfconext_username  # a callable (oauthenticator >= 16)
    c.GenericOAuthenticator.login_service = "SURFconext"
    # Who may use the hub: the class list (one user name a line), not everyone SURFconext knows.
    class_list = os.environ.get("OUDERS_ZIEN_KLASLIJST")
    if not class_list:
        raise SystemExit("OUDERS_ZIEN_HUB_LOGIN=surfconext needs OUDERS_ZIEN_KLASLIJST (a file: one user name a line)")
    with open(class_list, encoding="utf-8") as fh:
        c.Authenticator.allowed_users = {line.strip() for line in fh if line.strip()}
elif LOGIN == "test":
    # TESTS ONLY: everyone logs in with one shared password; refused without a long one.
    password = os.environ.get("OUDERS_ZIEN_HUB_PASSWORD", "")
    if len(password) < 12:
        raise SystemExit(
            "OUDERS_ZIEN_HUB_LOGIN=test needs OUDERS_ZIEN_HUB_PASSWORD of at least 12 characters; "
            "an empty one would let anyone in as anyone (the lecturer too)"
        )
    # JupyterHub's SharedPasswordAuthenticator (5.3+; it replaces DummyAuthenticator.password and itself
    # refuses a password under 8 characters). Admins (the lecturer) need OUDERS_ZIEN_HUB_ADMIN_PASSWORD
    # (at least 32 characters) to log in with a password; without it they use a token.
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = password
    if os.environ.get("OUDERS_ZIEN_HUB_ADMIN_PASSWORD"):
        c.SharedPasswordAuthenticator.admin_password = os.environ["OUDERS_ZIEN_HUB_ADMIN_PASSWORD"]
    c.Authenticator.allow_all = True
else:
    raise SystemExit(f"OUDERS_ZIEN_HUB_LOGIN={LOGIN!r}: choose pam, surfconext or test")

# Each user's server runs as that user's own Unix account, in its own private home folder.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(os.path.dirname(sys.executable), "jupyterhub-singleuser")]
# Kernels talk to their server over Unix sockets (IPC), not TCP. With TCP every server picks "free"
# ports for its kernels and closes them again before the kernel binds them; 31 servers on one
# machine then hand out the same port twice: a kernel dies binding it ("Address already in use") or
# a server reaches another learner's kernel ("Invalid Signature"). Seen in the class-of-30 test.
# port_retries=0: a server whose port is taken fails to start, instead of quietly listening on the
# next port while the proxy sends its learner to whoever has the first one (seen: a learner's
# requests answered "Not allowing user" by a classmate's server).
c.Spawner.args = ["--KernelManager.transport=ipc", "--ServerApp.port_retries=0"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    # Dutch JupyterLab without lecturer tools, and nbgrader knows who the learner is
    "JUPYTER_CONFIG_PATH": os.pathsep.join(
        [os.path.join(HERE, "learner"), os.path.join(REPO, "jupyter-settings", "learner")]
    ),
    "OUDERS_ZIEN_EXCHANGE": EXCHANGE,
    "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]),
}

# A Unix socket path may hold 107 bytes; a kernel's is <runtime dir>/kernel-<36-char id>-ipc-<n>.
SOCKET_NAME = len("/kernel-00000000-0000-0000-0000-000000000000-ipc-99999")


def runtime_dir(user: str) -> str:
    """The learner's folder for kernel sockets and connection files (short: sockets live there)."""
    path = os.path.join(RUNTIME, user)
    if len(path.encode()) + SOCKET_NAME > 107:
        raise ValueError(
            f"runtime folder {path!r} is too long for kernel sockets: set OUDERS_ZIEN_HUB_STATE to a shorter folder"
        )
    return path


# Learners' servers listen on ports handed out here in turn, from a range below the kernel's
# ephemeral ports (/proc/sys/net/ipv4/ip_local_port_range). JupyterHub's own choice (a random free
# port, closed again before the server binds it) collides under load: with a class starting at
# once, an outgoing connection or another server can take the port in between.
_low, _high = os.environ.get("OUDERS_ZIEN_SERVER_PORTS", "20000-29999").split("-")
SERVER_PORTS = range(int(_low), int(_high) + 1)
_next_port = iter(())


def server_port() -> int:
    """The next port of SERVER_PORTS that nothing listens on (each handed out once per round)."""
    global _next_port
    import socket

    for _ in range(2 * len(SERVER_PORTS)):
        port = next(_next_port, None)
        if port is None:
            _next_port = iter(SERVER_PORTS)
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port in {SERVER_PORTS.start}-{SERVER_PORTS.stop - 1} (OUDERS_ZIEN_SERVER_PORTS)")


def _prepare_server(spawner):
    """Before a server starts (in the hub, as root): the user's own Unix account and private folders.

    The lecturer's server opens the course folder with nbgrader's formgrader and every lecturer tool,
    and owns it; learners' servers open their home folder with the learner settings."""
    if os.geteuid() != 0:
        raise accounts.AccountError(
            "the class hub runs as root, to start each server as its user's own Unix account (hub/accounts.py)"
        )
    name = spawner.user.name
    lecturer = name in LECTURERS
    account = accounts.ensure_user(name, Path(HOME_ROOT), lecturer=lecturer)
    spawner.port = server_port()
    run = accounts.own_private_folder(Path(runtime_dir(name)), account)
    spawner.environment = {**spawner.environment, "JUPYTER_RUNTIME_DIR": str(run)}
    if not lecturer:  # the first page: how to fetch a lesson (docs/hub.md), not an empty grey area
        welcome = Path(REPO, "course", "data", "hub_welkom.md").read_text(encoding="utf-8")
        accounts.place_welcome(Path(account.pw_dir), account, welcome)
        spawner.default_url = "/lab/tree/welkom.md"
    if lecturer:
        accounts.close_tree(Path(COURSE_DIR), owner=account)
        spawner.notebook_dir = COURSE_DIR
        # nbgrader finds the course's nbgrader_config.py on Jupyter's config path (the server's working
        # folder is the lecturer's home: LocalProcessSpawner changes to it)
        spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": COURSE_DIR}


c.Spawner.pre_spawn_hook = _prepare_server

token = os.environ.get("OUDERS_ZIEN_HUB_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "klas", "api_token": token}]
    c.JupyterHub.load_roles = [
        {
            "name": "klas-beheer",
            "services": ["klas"],
            "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"],
        }
    ]
