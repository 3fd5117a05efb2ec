"""The production stack on 127.0.0.1, for the end-to-end tests and the benchmarks.

Debian's nginx with deploy/nginx-site.conf (rendered into a temp folder, on a free
unprivileged port) in front of the search service under gunicorn, exactly as a
server runs them, minus systemd. And an OpenSSH server to upload to (`local_sshd`).
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render_nginx import render  # noqa: E402

SEARCH_APP = "search_index.service:application"
# The account a server runs nginx's and gunicorn's workers as (see the systemd unit).
WORKER_USER = "www-data"

NGINX_MAIN = """\
{user}
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {access_log};
    sendfile on;
    keepalive_timeout 30;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {site};
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if not found:
        raise RuntimeError("nginx is not installed: run `make system-deps` "
                           "(apt-get install nginx-light)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HeldPort:
    """A free port kept bound (not listening) until its server is about to start: between
    choosing it and the server binding it (a whole publish, in the tests) nothing else
    can take it."""

    def __init__(self) -> None:
        self._socket: socket.socket | None = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]

    def release(self) -> int:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        return self.port


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within {timeout}s")


@dataclass
class Stack:
    base_url: str
    nginx_port: int
    search_port: int
    tmp: Path
    search_user: str | None = None  # the account gunicorn's workers run as, if dropped to
    nginx_pid: int = 0  # the masters
    search_pid: int = 0


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def production_stack(site_root: Path, index_dir: Path, tmp: Path, workers: int = 3,
                     access_log: bool = False, nginx_port: HeldPort | None = None,
                     app: str = SEARCH_APP, env: dict | None = None,
                     worker_user: str | None = None):
    """Run gunicorn (search) and nginx (site + proxy); yields a Stack.

    `app` is the WSGI application gunicorn serves (the benchmarks put their naive
    service there); `env` adds environment variables for gunicorn. Run as root, the
    workers of both drop to `worker_user` (e.g. WORKER_USER), so a file only root can
    read fails here as it would on a server: every folder above the site and the index
    must then be open to that user (pytest's tmp_path is not).
    """
    tmp.mkdir(parents=True, exist_ok=True)
    search_port, nginx_port = HeldPort(), nginx_port or HeldPort()
    with (tmp / "gunicorn.log").open("wb") as gunicorn_log, \
            (tmp / "nginx.out").open("wb") as nginx_log:
        yield from _run(site_root, index_dir, tmp, workers, access_log, search_port,
                        nginx_port, gunicorn_log, nginx_log, app, env or {},
                        worker_user if os.geteuid() == 0 else None)


def worker_python(user: str, app: str = SEARCH_APP) -> tuple[str, dict] | None:
    """An interpreter (and environment) with which `user` can import the app, or None.

    This interpreter first. pyenv's lives under /root, which only root may enter, so
    workers dropped to `user` could not import the standard library; Debian's own
    Python of the same version, given this one's packages, serves the same code."""
    folders = [sysconfig.get_path("purelib"), sysconfig.get_path("platlib"),
               str(HERE.parent / "plugins")]
    packages = os.pathsep.join(dict.fromkeys(folders))
    system = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    for python, env in ((sys.executable, {}), (system, {"PYTHONPATH": packages})):
        if _imports_as(user, python, env, app.split(":")[0]):
            return python, env
    return None


def _imports_as(user: str, python: str, env: dict, module: str) -> bool:
    try:
        result = subprocess.run([python, "-c", f"import {module}"], user=user, group=user,
                                extra_groups=[], capture_output=True, timeout=60, cwd="/",
                                env={**os.environ, **env})
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def _run(site_root, index_dir, tmp, workers, access_log, search_port, nginx_port,
         gunicorn_log, nginx_log, app=SEARCH_APP, env=None, worker_user=None):
    held = (search_port, nginx_port)  # HeldPorts, released as their server starts
    search_port, nginx_port = search_port.port, nginx_port.port
    python, python_env = sys.executable, {}
    found = worker_python(worker_user, app) if worker_user else None
    if found:
        python, python_env = found
    search_user = worker_user if found else None
    as_worker = ["--user", search_user, "--group", search_user] if search_user else []
    held[0].release()
    gunicorn = subprocess.Popen(
        [python, "-m", "gunicorn", "-c", str(HERE / "gunicorn.conf.py"), *as_worker, app],
        env={**os.environ, **python_env, **(env or {}), "SEARCH_INDEX_DIR": str(index_dir),
             "SEARCH_BIND": f"127.0.0.1:{search_port}", "SEARCH_WORKERS": str(workers)},
        stdout=gunicorn_log, stderr=subprocess.STDOUT,
    )
    nginx = None
    try:
        wait_for_port(search_port, gunicorn, "gunicorn")
        site = render(tmp / "conf", str(site_root), listen=f"127.0.0.1:{nginx_port}",
                      search_upstream=f"127.0.0.1:{search_port}",
                      acme_root=str(tmp / "acme"))
        main = tmp / "nginx.conf"
        main.write_text(NGINX_MAIN.format(
            tmp=tmp, site=site,
            user=f"user {worker_user or 'root'};" if os.geteuid() == 0 else "",
            access_log=tmp / "access.log" if access_log else "off"), encoding="utf-8")
        held[1].release()
        nginx = subprocess.Popen([nginx_binary(), "-c", str(main), "-p", str(tmp)],
                                 stdout=nginx_log,
                                 stderr=subprocess.STDOUT)
        wait_for_port(nginx_port, nginx, "nginx")
        yield Stack(f"http://127.0.0.1:{nginx_port}", nginx_port, search_port, tmp, search_user,
                    nginx.pid, gunicorn.pid)
    finally:
        if nginx is not None:
            _stop(nginx)
        _stop(gunicorn)


SSHD_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {tmp}/host_key
PidFile {tmp}/sshd.pid
AuthorizedKeysFile {tmp}/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
"""


@dataclass
class SshServer:
    port: int
    destination: str  # user@127.0.0.1
    options: str  # ssh's options for this server (key, pinned host key), as SSH_OPTS
    ssh: str  # the whole ssh command with them, as rsync -e takes it


@contextmanager
def local_sshd(tmp: Path):
    """OpenSSH's sshd on 127.0.0.1 accepting one fresh key for the current user."""
    sshd = Path("/usr/sbin/sshd")
    if not sshd.exists():
        raise RuntimeError("sshd is not installed: run `make system-deps` "
                           "(apt-get install openssh-server)")
    tmp.mkdir(parents=True, exist_ok=True)
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / key)],
                       check=True)
    shutil.copy(tmp / "client_key.pub", tmp / "authorized_keys")
    held = HeldPort()
    port = held.port
    host_key = (tmp / "host_key.pub").read_text().split()[:2]
    (tmp / "known_hosts").write_text(f"[127.0.0.1]:{port} {' '.join(host_key)}\n")
    (tmp / "sshd_config").write_text(SSHD_CONFIG.format(port=port, tmp=tmp))
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # its privilege separation folder
    with (tmp / "sshd.log").open("wb") as log:
        held.release()
        server = subprocess.Popen([str(sshd), "-D", "-e", "-f", str(tmp / "sshd_config")],
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_port(port, server, "sshd")
            options = (f"-i {tmp / 'client_key'} -o BatchMode=yes -o IdentitiesOnly=yes "
                       f"-o UserKnownHostsFile={tmp / 'known_hosts'} "
                       "-o StrictHostKeyChecking=yes -o LogLevel=ERROR")
            yield SshServer(port, f"{getpass.getuser()}@127.0.0.1", options,
                            f"ssh -p {port} {options}")
        finally:
            _stop(server)
