"""The devserver's web side: the site and search (search_index.devserver.SiteApp), plus

    /__live/events      Server-Sent Events: what each build changed, the errors now
    /__live/reload.js   the development script base.html loads (LIVE_PREVIEW_SCRIPT)
    /__live/live.css    the error overlay's and error page's style

While a content file has errors, its page (and any 404) is an error page with the same
messages as `make check`; before the first build ends, a page that says it is coming.
"""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path
from urllib.parse import unquote

from search_index.devserver import PRODUCTION_CSP, send

from . import pages
from .state import BuildState

ASSETS = Path(__file__).parent / "assets"
ASSET_TYPES = {"reload.js": "text/javascript; charset=utf-8",
               "live.css": "text/css; charset=utf-8"}
EVENTS_PATH = "/__live/events"
KEEPALIVE_SECONDS = 15  # a comment line now and then: a closed tab's stream ends


class EventHub:
    """Each open tab's queue of events; the latest build's summary for tabs that connect."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: set[queue.Queue] = set()
        self.state = BuildState()
        self.built = False  # the first build has ended
        self.build_number = 0

    def subscribe(self) -> queue.Queue:
        feed: queue.Queue = queue.Queue()
        with self._lock:
            self._queues.add(feed)
        return feed

    def unsubscribe(self, feed: queue.Queue) -> None:
        with self._lock:
            self._queues.discard(feed)

    def send(self, name: str, data: dict) -> None:
        with self._lock:
            for feed in self._queues:
                feed.put((name, data))

    def close(self) -> None:
        with self._lock:
            for feed in self._queues:
                feed.put(None)

    def errors(self) -> dict:
        """What every tab shows: the messages of files with errors, and the failing pages."""
        state = self.state
        failing = sorted({state.pages[source] for source in state.errors
                          if source in state.pages})
        return {"errors": {source: state.messages.get(source, [])
                           for source in sorted(state.errors)},
                "failing": failing, "build": self.build_number}


def event_bytes(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class LiveApp:
    def __init__(self, site, hub: EventHub):
        self.site = site
        self.hub = hub

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        if path == EVENTS_PATH:
            return self._events(start_response)
        if path.startswith("/__live/"):
            return self._asset(environ, start_response, path.removeprefix("/__live/"))
        if not self.hub.built:
            return _html(environ, start_response, "503 Service Unavailable",
                         pages.first_build(), [("Retry-After", "1")])
        try:
            decoded = unquote(path.encode("latin-1").decode("utf-8"), errors="strict")
        except UnicodeError:
            decoded = path
        state = self.hub.state
        failing = state.failing_sources_of(decoded) or state.failing_sources_of(
            decoded.removesuffix("index.html"))
        if failing:
            return _html(environ, start_response, "500 Internal Server Error",
                         pages.errors_page(state, failing))
        if not state.errors:
            return self.site(environ, start_response)
        return self._site_or_errors(environ, start_response, state)

    def _site_or_errors(self, environ, start_response, state: BuildState):
        """A 404 while files have errors: likely the page of one of them (a new article
        that never built), so the errors instead of the bare 404 page."""
        answer: dict = {}

        def hold(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return lambda data: None

        body = self.site(environ, hold)
        if answer["status"].startswith("404"):
            close = getattr(body, "close", None)
            if close:
                close()
            return _html(environ, start_response, "404 Not Found",
                         pages.errors_page(state, sorted(state.errors), missing=True))
        start_response(answer["status"], answer["headers"])
        return body

    def _events(self, start_response):
        start_response("200 OK", [("Content-Type", "text/event-stream; charset=utf-8"),
                                  ("Cache-Control", "no-cache"),
                                  ("Content-Security-Policy", PRODUCTION_CSP)])
        return self._stream()

    def _stream(self):
        feed = self.hub.subscribe()
        try:
            yield b"retry: 1000\n\n" + event_bytes("hello", self.hub.errors())
            while True:
                try:
                    item = feed.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    yield b": ping\n\n"
                    continue
                if item is None:
                    return
                yield event_bytes(*item)
        finally:
            self.hub.unsubscribe(feed)

    def _asset(self, environ, start_response, name: str):
        if name not in ASSET_TYPES:
            return _send(environ, start_response, "404 Not Found", b"404 Not Found",
                         "text/plain; charset=utf-8")
        return _send(environ, start_response, "200 OK", (ASSETS / name).read_bytes(),
                     ASSET_TYPES[name])


def _html(environ, start_response, status: str, html: str, extra=()):
    return _send(environ, start_response, status, html.encode(), "text/html; charset=utf-8",
                 extra)


def _send(environ, start_response, status: str, body: bytes, content_type: str, extra=()):
    """The site's development response, under the production CSP as the site's pages."""
    return send(environ, start_response, status, body, content_type,
                [("Content-Security-Policy", PRODUCTION_CSP), *extra])
