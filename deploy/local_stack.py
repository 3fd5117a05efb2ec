"""The production stack on 127.0.0.1, for the end-to-end tests and the benchmarks.

Debian's nginx with deploy/nginx-site.conf (rendered into a temp folder, on a free
unprivileged port) in front of the search service under gunicorn, exactly as a
server runs them, minus systemd.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render_nginx import render  # noqa: E402

SEARCH_APP = "search_index.service:application"

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
                     access_log: bool = False, nginx_port: int | None = None,
                     app: str = SEARCH_APP, env: dict | None = None):
    """Run gunicorn (search) and nginx (site + proxy); yields a Stack.

    `app` is the WSGI application gunicorn serves (the benchmarks put their naive
    service there); `env` adds environment variables for gunicorn.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    search_port, nginx_port = free_port(), nginx_port or free_port()
    with (tmp / "gunicorn.log").open("wb") as gunicorn_log, \
            (tmp / "nginx.out").open("wb") as nginx_log:
        yield from _run(site_root, index_dir, tmp, workers, access_log, search_port,
                        nginx_port, gunicorn_log, nginx_log, app, env or {})


def _run(site_root, index_dir, tmp, workers, access_log, search_port, nginx_port,
         gunicorn_log, nginx_log, app=SEARCH_APP, env=None):
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(HERE / "gunicorn.conf.py"), app],
        env={**os.environ, **(env or {}), "SEARCH_INDEX_DIR": str(index_dir),
             "SEARCH_BIND": f"127.0.0.1:{search_port}", "SEARCH_WORKERS": str(workers)},
        stdout=gunicorn_log, stderr=subprocess.STDOUT,
    )
    nginx = None
    try:
        wait_for_port(search_port, gunicorn, "gunicorn")
        site = render(tmp / "conf", str(site_root), listen=f"127.0.0.1:{nginx_port}",
                      search_upstream=f"127.0.0.1:{search_port}")
        main = tmp / "nginx.conf"
        main.write_text(NGINX_MAIN.format(
            tmp=tmp, site=site, user="user root;" if os.geteuid() == 0 else "",
            access_log=tmp / "access.log" if access_log else "off"), encoding="utf-8")
        nginx = subprocess.Popen([nginx_binary(), "-c", str(main), "-p", str(tmp)],
                                 stdout=nginx_log,
                                 stderr=subprocess.STDOUT)
        wait_for_port(nginx_port, nginx, "nginx")
        yield Stack(f"http://127.0.0.1:{nginx_port}", nginx_port, search_port, tmp)
    finally:
        if nginx is not None:
            _stop(nginx)
        _stop(gunicorn)
