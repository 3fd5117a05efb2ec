"""Serve the built site and the search service together, for development.

    python -m search_index.devserver --root output --index search_index \
        --host 127.0.0.1 --port 8000

/search and /api/search go to the search service; everything else is a static file
from --root (index.html for folders, the site's 404.html with status 404). Also a
WSGI app for gunicorn: `search_index.devserver:application`, configured by SITE_ROOT
and SEARCH_INDEX_DIR. Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import mimetypes
import os
import sys
import threading
from email.utils import formatdate
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .service import API_PATHS, SEARCH_PATHS, create_app

PLAIN_TEXT = "text/plain; charset=utf-8"
# The policy nginx sends in production (deploy/security-headers.conf), so that an
# inline script or style shows up in development already.
PRODUCTION_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml", "application/atom+xml", "application/rss+xml")
EXTRA_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".svg": "image/svg+xml",
               ".webmanifest": "application/manifest+json", ".woff2": "font/woff2",
               ".atom": "application/atom+xml", ".rss": "application/rss+xml",
               ".xml": "application/xml", ".json": "application/json", ".csv": "text/csv"}


class SiteApp:
    """Static files from `root`; search paths to `search`."""

    def __init__(self, root: str | os.PathLike, search):
        self._root = Path(root)
        self.search = search

    @property
    def root(self) -> Path:
        """Resolved on each request: after `make publish`, `output` is a link that each
        publish points at a new release."""
        return self._root.resolve()

    def __call__(self, environ, start_response):
        def with_policy(status, headers, exc_info=None):
            return start_response(status, [*headers, ("Content-Security-Policy", PRODUCTION_CSP)],
                                  exc_info)

        return self._route(environ, with_policy)

    def _route(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        if path in SEARCH_PATHS or path in API_PATHS:
            return self.search(environ, start_response)
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return send(environ, start_response, "405 Method Not Allowed",
                         b"405 Method Not Allowed", PLAIN_TEXT, [("Allow", "GET, HEAD")])
        # PEP 3333: PATH_INFO holds the raw bytes as latin-1; the site's names are UTF-8.
        try:
            path = path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return self._not_found(environ, start_response)
        target = self._resolve(path)
        if target is None:
            return self._not_found(environ, start_response)
        if target.is_dir():
            if not path.endswith("/"):
                location = quote(path + "/") + _query(environ)
                return send(environ, start_response, "301 Moved Permanently", b"", PLAIN_TEXT,
                             [("Location", location)])
            target = target / "index.html"
            if not target.is_file():
                return self._not_found(environ, start_response)
        return _send_file(environ, start_response, "200 OK", target)

    def _resolve(self, path: str) -> Path | None:
        """The file or folder under root for a URL path; None for anything outside it."""
        parts = [part for part in path.split("/") if part]
        if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
            return None
        root = self.root
        target = root.joinpath(*parts).resolve()
        if target != root and root not in target.parents:
            return None  # a symlink leading out of the site
        return target if target.exists() else None

    def _not_found(self, environ, start_response):
        page = self.root / "404.html"
        if page.is_file():
            return _send_file(environ, start_response, "404 Not Found", page)
        return send(environ, start_response, "404 Not Found", b"404 Not Found", PLAIN_TEXT)


def _query(environ) -> str:
    query = environ.get("QUERY_STRING", "")
    return f"?{query}" if query else ""


def _content_type(path: Path) -> str:
    kind = EXTRA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    kind = kind or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind


def _send_file(environ, start_response, status: str, path: Path):
    body = path.read_bytes()
    modified = formatdate(path.stat().st_mtime, usegmt=True)
    return send(environ, start_response, status, body, _content_type(path),
                 [("Last-Modified", modified)])


def send(environ, start_response, status, body: bytes, content_type: str, extra=()):
    """A whole response with the development headers (the live preview's pages too)."""
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body))),
               ("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff"), *extra]
    start_response(status, headers)
    return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def create_site_app(root, index_dir, check_interval: float = 1.0) -> SiteApp:
    return SiteApp(root, create_app(index_dir, check_interval=check_interval))


_default_app = None
_default_app_lock = threading.Lock()


def application(environ, start_response):
    """The site and search configured by SITE_ROOT and SEARCH_INDEX_DIR (for gunicorn)."""
    global _default_app
    if _default_app is None:
        with _default_app_lock:
            if _default_app is None:
                _default_app = create_site_app(os.environ.get("SITE_ROOT", "output"),
                                               os.environ.get("SEARCH_INDEX_DIR", "search_index"))
    return _default_app(environ, start_response)


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-"):
        if self.server.log_requests:
            super().log_request(code, size)


def make_devserver(app, host: str, port: int, log_requests: bool = True) -> WSGIServer:
    """A threaded wsgiref server (port 0: any free port, see server.server_port)."""
    server = make_server(host, port, app, server_class=ThreadingWSGIServer,
                         handler_class=QuietHandler)
    server.log_requests = log_requests
    return server


def serve(app, host: str, port: int, log_requests: bool = True) -> None:
    server = make_devserver(app, host, port, log_requests)
    print(f"Serving site and search on http://{host}:{server.server_port}/ (Ctrl-C stops)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m search_index.devserver",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=os.environ.get("SITE_ROOT", "output"),
                        help="the built site (default: $SITE_ROOT or ./output)")
    parser.add_argument("--index", default=os.environ.get("SEARCH_INDEX_DIR", "search_index"),
                        help="the index folder (default: $SEARCH_INDEX_DIR or ./search_index)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)
    if not Path(args.root).is_dir():
        print(f"devserver: {args.root} is not a folder; build the site first (make html)",
              file=sys.stderr)
        return 2
    serve(create_site_app(args.root, args.index), args.host, args.port, not args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
