"""JupyterHub for a class of "Ouders zien" (run: `jupyterhub -f hub/jupyterhub_config.py`).

Learners log in, fetch a lesson from nbgrader's Assignments list, answer and submit; the lecturer
releases, collects and grades with `ouders-zien docent` (README: "Met een hele klas op JupyterHub").
Everything is set from environment variables, so one file serves the tests and a class:

  OUDERS_ZIEN_HUB_STATE     folder for the hub's database, the learners' homes and the exchange
  OUDERS_ZIEN_EXCHANGE      nbgrader's exchange folder (default: <state>/exchange); the course's
                            grading/nbgrader_config.py reads the same variable
  OUDERS_ZIEN_HUB_PORT      the public port (default 8000); the hub and proxy API use the next two
  OUDERS_ZIEN_HUB_PASSWORD  the shared password of the DummyAuthenticator (TESTS ONLY)
  OUDERS_ZIEN_HUB_TOKEN     an API token for the "klas" service (tests and scripts)
  OUDERS_ZIEN_PROXY         the configurable-http-proxy program (npm; `make hub-proxy`)
  OUDERS_ZIEN_COURSE        the course folder the lecturer's server opens (default: grading/)
  OUDERS_ZIEN_SERVER_PORTS  the ports of the learners' servers (default 20000-29999: keep them
                            below the system's ephemeral ports)

For a real class change the authenticator (e.g. the school's OAuth/SAML), put HTTPS in front and set
resource limits (README; untested here).
"""

import os
import shutil
import sys

c = get_config()  # noqa: F821

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STATE = os.path.abspath(os.environ.get("OUDERS_ZIEN_HUB_STATE", os.path.join(HERE, "state")))
EXCHANGE = os.path.abspath(os.environ.get("OUDERS_ZIEN_EXCHANGE", os.path.join(STATE, "exchange")))
PORT = int(os.environ.get("OUDERS_ZIEN_HUB_PORT", "8000"))
os.makedirs(os.path.join(STATE, "home"), exist_ok=True)
os.makedirs(EXCHANGE, exist_ok=True)
os.chmod(EXCHANGE, 0o1777)  # every learner writes submissions here (as /tmp: sticky)

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [os.environ.get("OUDERS_ZIEN_PROXY", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{os.path.join(STATE, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(STATE, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(STATE, "jupyterhub.pid")
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0}  # a spawn request returns at once

# TESTS ONLY: anyone may log in with the shared password. A real class uses the school's login.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("OUDERS_ZIEN_HUB_PASSWORD", "")
c.Authenticator.allow_all = True
c.Authenticator.admin_users = {"docent"}

# Each learner's server runs as a process of this user, in its own home folder.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(STATE, "home", "{username}")
c.Spawner.cmd = [os.path.join(os.path.dirname(sys.executable), "jupyterhub-singleuser")]
# Kernels talk to their server over Unix sockets (IPC), not TCP. With TCP every server picks "free"
# ports for its kernels and closes them again before the kernel binds them; 31 servers on one
# machine then hand out the same port twice: a kernel dies binding it ("Address already in use") or
# a server reaches another learner's kernel ("Invalid Signature"). Seen in the class-of-30 test.
# port_retries=0: a server whose port is taken fails to start, instead of quietly listening on the
# next port while the proxy sends its learner to whoever has the first one (seen: a learner's
# requests answered "Not allowing user" by a classmate's server).
c.Spawner.args = ["--KernelManager.transport=ipc", "--ServerApp.port_retries=0",
                  *(["--allow-root"] if os.geteuid() == 0 else [])]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    # Dutch JupyterLab without lecturer tools, and nbgrader knows who the learner is
    "JUPYTER_CONFIG_PATH": os.pathsep.join([os.path.join(HERE, "learner"),
                                            os.path.join(REPO, "jupyter-settings", "learner")]),
    "OUDERS_ZIEN_EXCHANGE": EXCHANGE,
    "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]),
}

# The lecturer's server opens the course folder (grading/) with nbgrader's formgrader and every
# lecturer tool; learners' servers open their home folder with the learner settings.
COURSE_DIR = os.path.abspath(os.environ.get("OUDERS_ZIEN_COURSE", os.path.join(REPO, "grading")))
LECTURERS = {"docent"}


# A Unix socket path may hold 107 bytes; a kernel's is <runtime dir>/kernel-<36-char id>-ipc-<n>.
RUNTIME = os.path.join(STATE, "run")
SOCKET_NAME = len("/kernel-00000000-0000-0000-0000-000000000000-ipc-99999")


def runtime_dir(user: str) -> str:
    """The learner's folder for kernel sockets and connection files (short: sockets live there)."""
    path = os.path.join(RUNTIME, user)
    if len(path.encode()) + SOCKET_NAME > 107:
        raise ValueError(f"runtime folder {path!r} is too long for kernel sockets: "
                         "set OUDERS_ZIEN_HUB_STATE to a shorter folder")
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
    spawner.port = server_port()
    run = runtime_dir(spawner.user.name)
    os.makedirs(run, mode=0o700, exist_ok=True)
    spawner.environment = {**spawner.environment, "JUPYTER_RUNTIME_DIR": run}
    if spawner.user.name in LECTURERS:
        spawner.notebook_dir = COURSE_DIR
        spawner.environment = {k: v for k, v in spawner.environment.items() if k != "JUPYTER_CONFIG_PATH"}


c.Spawner.pre_spawn_hook = _prepare_server

token = os.environ.get("OUDERS_ZIEN_HUB_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "klas", "api_token": token}]
    c.JupyterHub.load_roles = [{"name": "klas-beheer", "services": ["klas"],
                                "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"]}]
