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
import tempfile
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
from local_stack import (  # noqa: E402
    SEARCH_APP,
    WORKER_USER,
    HeldPort,
    production_stack,
    wait_for_port,
)

pytestmark = pytest.mark.e2e

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
def stack():
    # Not pytest's tmp_path (mode 700): nginx's and gunicorn's workers run as www-data
    # when the tests run as root, and must read the site as they would on a server.
    root = Path(tempfile.mkdtemp(prefix="xaydungdang-stack-"))
    root.chmod(0o755)
    try:
        shutil.copytree(CONTENT, root / "content")
        port = HeldPort()  # bound until nginx starts: the publish takes a while
        publish(root, f"http://127.0.0.1:{port.port}")
        with production_stack(root / "output", root / "search_index", root / "run",
                              nginx_port=port, worker_user=WORKER_USER) as running:
            running.root = root
            yield running
    finally:
        shutil.rmtree(root, ignore_errors=True)


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
    assert headers["Cache-Control"] == "no-cache"  # a missing page may be published next


def search_statuses(stack, source: str, count: int) -> list[int]:
    """`count` searches in a row on one connection from the loopback address `source`."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.nginx_port, timeout=10,
                                            source_address=(source, 0))
    statuses = []
    try:
        for number in range(count):
            connection.request("GET", f"/api/search?q=dang+vien+{number}")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
    finally:
        connection.close()
    return statuses


def test_searches_are_rate_limited_per_client_but_not_for_the_host(stack):
    """A reader's address gets bursts of 40 and 10 a second; the host (127.0.0.1, where
    the benchmark's load comes from) is not limited."""
    from_reader = search_statuses(stack, "127.0.0.2", 120)
    assert from_reader[:40] == [200] * 40
    assert 429 in from_reader and set(from_reader) == {200, 429}
    assert search_statuses(stack, "127.0.0.1", 120) == [200] * 120


@pytest.mark.parametrize("path", [
    "/search_index/", "/search_index/current/manifest.json", "/../search_index/current",
    "/%2e%2e/search_index/current", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "/.releases/", "/output/../../search_index/", "/api/", "/api/search/../../etc/passwd",
    "/search/../../../etc/passwd", "/theme/../../../search_index/current",
])
def test_nothing_outside_the_site_is_reachable(stack, path):
    assert raw_status(stack, path) in (400, 403, 404)


def children_owners(parent: int) -> set[int]:
    """The user ids the child processes of `parent` run as."""
    owners = set()
    for pid in (p for p in Path("/proc").iterdir() if p.name.isdigit()):
        try:
            status = (pid / "status").read_text()
        except OSError:
            continue
        if int(status.split("PPid:")[1].split()[0]) == parent:
            owners.add(int(status.split("Uid:")[1].split()[0]))
    return owners


def worker_uid() -> int:
    if os.geteuid() != 0:
        pytest.skip("only root can start workers as another user")
    return int(subprocess.run(["id", "-u", WORKER_USER], capture_output=True, text=True,
                              check=True).stdout)


def test_nginx_workers_run_unprivileged(stack):
    assert children_owners(stack.nginx_pid) == {worker_uid()}


def test_search_workers_run_unprivileged(stack):
    uid = worker_uid()
    assert stack.search_user, (
        f"{WORKER_USER} can run neither {sys.executable} nor Debian's python3 with this "
        "venv's packages: install Debian's python3 (apt-get install python3)")
    assert children_owners(stack.search_pid) == {uid}


def test_csv_is_utf8_csv_and_gzipped(stack):
    status, headers, body = get(stack, "/thong-ke/admissions.csv", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert headers["Content-Encoding"] == "gzip"
    source = stack.root / "output" / "thong-ke" / "admissions.csv"
    assert gzip.decompress(body) == source.read_bytes()


@pytest.mark.parametrize("path", ["/feeds/", "/feeds/chuyen-muc/", "/images/", "/theme/",
                                  "/theme/css/"])
def test_folders_without_an_index_page_get_the_site_404(stack, path):
    status, headers, body = get(stack, path)
    assert status == 404 and "Không tìm thấy" in body.decode()
    assert "Content-Security-Policy" in headers


def test_well_known_serves_acme_challenges_and_security_txt_only(stack):
    challenge = stack.tmp / "acme" / ".well-known" / "acme-challenge" / "tok-123"
    challenge.parent.mkdir(parents=True, exist_ok=True)
    challenge.write_text("tok-123.thumbprint", encoding="utf-8")
    status, _, body = get(stack, "/.well-known/acme-challenge/tok-123")
    assert status == 200 and body == b"tok-123.thumbprint"
    security = stack.root / "output" / ".well-known" / "security.txt"
    security.parent.mkdir(exist_ok=True)
    security.write_text("Contact: mailto:webmaster@example.vn\n", encoding="utf-8")
    status, headers, body = get(stack, "/.well-known/security.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    for path in ("/.well-known/", "/.well-known/other.txt", "/.git/config", "/feeds/.hidden",
                 "/.well-known/acme-challenge/../../.git/config", "/thong-ke/.x.csv"):
        assert raw_status(stack, path) in (400, 403, 404), path


@pytest.mark.parametrize("path", ["/search?q=dang+vien", "/api/search?q=dang+vien",
                                  "/api/search?q=", "/api/search?page=x"])
def test_search_responses_carry_each_header_once(stack, path):
    _, headers, _ = get(stack, path)
    for name in ("X-Content-Type-Options", "Cache-Control", "Content-Security-Policy",
                 "Referrer-Policy", "Content-Type"):
        assert len(headers.get_all(name) or []) == 1, (name, headers.get_all(name))


def fetch_checked(stack, path: str, failures: list, wanted: str | None = None) -> bytes:
    """GET through nginx; anything but a 200 (with `wanted` in it) is a failure."""
    status, _, body = get(stack, path)
    if status != 200 or (wanted is not None and wanted.encode() not in body):
        failures.append((path, status))
    return body


def test_republish_is_picked_up_without_restarts_while_searches_run(stack):
    failures, done = [], threading.Event()
    served = [0]
    article = "/" + CHANGED.replace(".md", ".html")

    def search_once(query: str) -> None:
        body = fetch_checked(stack, "/api/search?q=" + urllib.parse.quote(query), failures)
        results = json.loads(body)["results"]
        if not results:
            failures.append((query, "no results"))
            return
        # The first result's page exists, in whichever site is live by now.
        fetch_checked(stack, urllib.parse.urlsplit(results[0]["url"]).path, failures,
                      "article__title")

    def reader_loop():
        queries = ["dang vien", "ket nap", "\"phat trien dang vien\"", "Hải Dương"]
        while not done.is_set():
            for query in queries:
                try:  # a refused connection or bad JSON is a failure, not a dead thread
                    search_once(query)
                    fetch_checked(stack, "/", failures, "</html>")
                    fetch_checked(stack, article, failures, "</html>")
                except Exception as error:
                    failures.append((query, repr(error)))
                served[0] += 1

    image_path = "/images/" + sorted(p.name for p in (stack.root / "output" / "images")
                                     .iterdir())[0]
    etag = get(stack, image_path)[1]["ETag"]
    threads = [threading.Thread(target=reader_loop) for _ in range(4)]
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
    page = get(stack, article)[2].decode()
    assert "Xuyênsuốtmới" in page
    assert failures == [] and served[0] > 20
    # An unchanged file kept its mtime, so its ETag: a browser's copy is still good.
    status, headers, _ = get(stack, image_path, {"If-None-Match": etag})
    assert status == 304 and headers["ETag"] == etag


def test_gunicorn_opens_no_control_socket(tmp_path):
    """gunicorn >= 25.1 would make ~/.gunicorn/gunicorn.ctl, shared by every instance."""
    held = HeldPort()
    port = held.port
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    env.update(HOME=str(tmp_path), SEARCH_INDEX_DIR=str(tmp_path / "index"),
               SEARCH_BIND=f"127.0.0.1:{port}", SEARCH_WORKERS="1")
    with (tmp_path / "gunicorn.log").open("wb") as log:
        held.release()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(REPO / "deploy" / "gunicorn.conf.py"),
             SEARCH_APP], env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_port(port, process, "gunicorn")
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=x", timeout=10)
        except urllib.error.HTTPError:
            pass  # no index there: any answer means a worker is up
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert not (tmp_path / ".gunicorn").exists()
