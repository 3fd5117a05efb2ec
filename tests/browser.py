"""Headless Debian Chromium for end-to-end tests, and a static server on 127.0.0.1."""

from __future__ import annotations

import functools
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_chromium() -> str:
    """Fail (never skip) with a clear line when Chromium is missing."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        raise AssertionError(
            "Debian's chromium is not installed: run `make system-deps` "
            "(apt-get install chromium) so the browser tests can run"
        )
    return CHROMIUM


@contextmanager
def chromium_browser(tmp_path: Path, **options):
    """A fresh Chromium profile; `options` go to the context (viewport, device_scale_factor)."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=executable,
            args=CHROMIUM_ARGS, headless=True, **options,
        )
        try:
            yield context
        finally:
            context.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the stdlib's name)
        pass


@contextmanager
def serving(server):
    """Run a bound HTTP server in a thread; yields its base URL, shuts it down after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def static_server(root: Path):
    """Serve `root` on a free 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        yield url
