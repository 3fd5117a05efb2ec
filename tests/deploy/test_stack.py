"""End to end through the production stack: Debian's nginx with deploy/nginx-site.conf
in front of the search service under gunicorn, all on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import feedparser
import pytest
from browser import chromium_browser
from conftest import CONTENT, REPO

sys.path.insert(0, str(REPO / "deploy"))
from local_stack import free_port, production_stack  # noqa: E402

CHANGED = "tin-hoat-dong/khai-giang-lop-boi-duong-nhan-thuc-ve-dang-cho-quan-chung-uu-tu.md"


def publish(root: Path, siteurl: str) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "publish.py"), "--content", str(root / "content"),
         "--output", str(root / "output"), "--index", str(root / "search_index"),
         "--releases", str(root / ".releases"), "--settings", str(REPO / "publishconf.py")],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SITEURL": siteurl, "COLUMNS": "250"})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("stack")
    shutil.copytree(CONTENT, root / "content")
    port = free_port()
    publish(root, f"http://127.0.0.1:{port}")
    with production_stack(root / "output", root / "search_index", root / "run",
                          nginx_port=port) as running:
        running.root = root
        yield running


def get(stack, path: str, headers: dict | None = None):
    request = urllib.request.Request(stack.base_url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw_status(stack, path: str) -> int:
    """A request with the path sent exactly as written (no client-side normalising)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=10)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_reader_journey_in_chromium_without_csp_violations(stack, tmp_path):
    problems = []
    with chromium_browser(tmp_path) as browser:
        page = browser.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
                else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
                if r.status >= 400 else None)
        page.goto(stack.base_url + "/")
        page.locator(".home-latest a, main article a").first.click()
        page.wait_for_load_state()
        assert page.locator("h1.article__title").count() == 1

        page.fill("#search-q", "ket nap dang vien")
        options = page.locator("#search-q-listbox [role=option]")
        options.first.wait_for(timeout=5000)
        assert options.count() >= 2
        page.press("#search-q", "Enter")
        page.wait_for_url("**/search?**")
        results = page.locator(".search-result__title a")
        assert results.count() >= 1
        title = results.first.inner_text()
        results.first.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text() == title
    assert problems == []


def test_feeds_through_nginx(stack):
    for name, kind in (("all.rss.xml", "application/rss+xml"),
                       ("all.atom.xml", "application/atom+xml")):
        status, headers, body = get(stack, f"/feeds/{name}")
        assert status == 200
        assert headers["Content-Type"].startswith(kind)
        feed = feedparser.parse(body)
        assert feed.bozo == 0 and len(feed.entries) >= 10
        assert feed.entries[0].link.startswith(stack.base_url)


def test_headers_compression_caching_and_404(stack):
    status, headers, _ = get(stack, "/")
    assert status == 200
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]
    assert headers["Cache-Control"] == "public, max-age=300"
    home = get(stack, "/")[2].decode()
    href = home.split('rel="stylesheet" href="')[1].split('"')[0].replace(stack.base_url, "")
    assert "?v=" in href
    status, headers, body = get(stack, href, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert b"body" in gzip.decompress(body)
    status, headers, body = get(stack, "/khong-co-trang-nay/")
    assert status == 404 and "Không tìm thấy" in body.decode()
    assert "Content-Security-Policy" in headers


@pytest.mark.parametrize("path", [
    "/search_index/", "/search_index/current/manifest.json", "/../search_index/current",
    "/%2e%2e/search_index/current", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "/.releases/", "/output/../../search_index/", "/api/", "/api/search/../../etc/passwd",
    "/search/../../../etc/passwd", "/theme/../../../search_index/current",
])
def test_nothing_outside_the_site_is_reachable(stack, path):
    assert raw_status(stack, path) in (400, 403, 404)


def test_republish_is_picked_up_without_restarts_while_searches_run(stack):
    failures, done = [], threading.Event()
    served = [0]

    def search_loop():
        queries = ["dang vien", "ket nap", "\"phat trien dang vien\"", "Hải Dương"]
        while not done.is_set():
            for query in queries:
                status, _, body = get(stack, "/api/search?q=" + urllib.parse.quote(query))
                if status != 200 or json.loads(body)["total"] < 1:
                    failures.append((query, status))
                served[0] += 1

    threads = [threading.Thread(target=search_loop) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        source = stack.root / "content" / "articles" / CHANGED
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("\n\n", "\n\nTừ khóa kiểm thử: Xuyênsuốtmới.\n\n", 1),
                          encoding="utf-8")
        publish(stack.root, stack.base_url)
        deadline = time.monotonic() + 10
        total = 0
        while time.monotonic() < deadline and total == 0:
            total = json.loads(get(stack, "/api/search?q=xuyensuotmoi")[2])["total"]
            time.sleep(0.2)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert total == 1
    page = get(stack, "/" + CHANGED.replace(".md", ".html"))[2].decode()
    assert "Xuyênsuốtmới" in page
    assert failures == [] and served[0] > 20
