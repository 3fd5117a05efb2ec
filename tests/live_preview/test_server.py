"""The devserver's web side, called as WSGI: error pages, the wait for the first build,
the event stream, its own assets; everything under the production CSP."""

from __future__ import annotations

import json
from wsgiref.util import setup_testing_defaults

import pytest
from live_preview.server import EventHub, LiveApp
from live_preview.state import BuildState
from search_index.devserver import PRODUCTION_CSP, SiteApp

pytestmark = pytest.mark.unit

ARTICLE = "articles/tin/a.md"
MESSAGE = "articles/tin/a.md:3: Category: thiếu <script>alert(1)</script>"


def not_search(environ, start_response):
    raise AssertionError("no search request here")


def call(app, path):
    environ = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    body = app(environ, start_response)
    if path == "/__live/events":
        first = next(iter(body))
        body.close()
        return answer["status"], answer["headers"], first.decode()
    return answer["status"], answer["headers"], b"".join(body).decode()


@pytest.fixture()
def app(tmp_path):
    (tmp_path / "tin").mkdir()
    (tmp_path / "tin" / "a.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    (tmp_path / "tin" / "b.html").write_text("<p>trang khác</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>không thấy</p>", encoding="utf-8")
    hub = EventHub()
    return LiveApp(SiteApp(tmp_path, not_search), hub)


def test_before_the_first_build_ends_a_page_says_it_is_coming(app):
    status, headers, body = call(app, "/tin/a.html")
    assert status.startswith("503")
    assert "Đang dựng trang" in body and "/__live/reload.js" in body
    assert headers["Content-Security-Policy"] == PRODUCTION_CSP


def test_a_failing_files_page_shows_its_messages_escaped_not_the_stale_page(app):
    app.hub.built = True
    app.hub.state = BuildState(pages={ARTICLE: "/tin/a.html"}, messages={ARTICLE: [MESSAGE]},
                               errors={ARTICLE})
    status, headers, body = call(app, "/tin/a.html")
    assert status.startswith("500")
    assert "trang cũ" not in body
    assert "content/articles/tin/a.md" in body and "Category: thiếu" in body
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)" in body
    assert headers["Content-Security-Policy"] == PRODUCTION_CSP
    # Other pages are served, and a 404 lists the errors (a new article that never built).
    assert call(app, "/tin/b.html")[2] == "<p>trang khác</p>"
    status, _, body = call(app, "/tin/moi.html")
    assert status.startswith("404") and "Category: thiếu" in body and "không thấy" not in body


def test_without_errors_the_site_is_served_as_it_is(app):
    app.hub.built = True
    assert call(app, "/tin/a.html")[:3:2] == ("200 OK", "<p>trang cũ</p>")
    status, _, body = call(app, "/tin/moi.html")
    assert status.startswith("404") and body == "<p>không thấy</p>"


def test_the_event_stream_starts_with_the_errors_now(app):
    app.hub.built = True
    app.hub.build_number = 3
    app.hub.state = BuildState(pages={ARTICLE: "/tin/a.html"}, messages={ARTICLE: [MESSAGE]},
                               errors={ARTICLE})
    status, headers, first = call(app, "/__live/events")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/event-stream")
    event, data = first.split("event: ", 1)[1].split("\ndata: ")
    assert event == "hello"
    assert json.loads(data) == {"errors": {ARTICLE: [MESSAGE]}, "failing": ["/tin/a.html"],
                                "build": 3}


def test_events_reach_every_open_stream():
    hub = EventHub()
    feeds = [hub.subscribe(), hub.subscribe()]
    hub.send("built", {"paths": ["/tin/a.html"]})
    assert [feed.get_nowait() for feed in feeds] == [("built", {"paths": ["/tin/a.html"]})] * 2
    hub.unsubscribe(feeds[0])
    hub.close()
    assert feeds[0].empty() and feeds[1].get_nowait() is None


def test_its_script_and_style_and_nothing_else_under_live(app):
    status, headers, body = call(app, "/__live/reload.js")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/javascript")
    assert "EventSource" in body
    assert call(app, "/__live/live.css")[1]["Content-Type"].startswith("text/css")
    assert call(app, "/__live/../pelicanconf.py")[0].startswith("404")
