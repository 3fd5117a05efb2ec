"""The development server: static files from the built site, search routed to the service."""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading

import pytest
from search_index.devserver import create_site_app, make_devserver

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def server(search_site):
    site = create_site_app(search_site.output, search_site.index)
    httpd = make_devserver(site, "127.0.0.1", 0, log_requests=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    httpd.server_close()


def get(port: int, path: str, method: str = "GET"):
    """A raw request: `path` goes on the request line exactly as given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_home_page_and_folder_index(server, search_site):
    status, headers, body = get(server, "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (search_site.output / "index.html").read_bytes()
    status, _, body = get(server, "/chuyen-muc/tin-tuc/")
    assert status == 200 and body == (
        search_site.output / "chuyen-muc" / "tin-tuc" / "index.html").read_bytes()


def test_folder_without_slash_redirects(server):
    status, headers, _ = get(server, "/chuyen-muc/tin-tuc?x=1")
    assert status == 301 and headers["Location"] == "/chuyen-muc/tin-tuc/?x=1"


@pytest.mark.parametrize(("path", "content_type"), [
    ("/theme/js/instant-search.js", "text/javascript; charset=utf-8"),
    ("/theme/css/search.css", "text/css; charset=utf-8"),
    ("/tin-tuc/dang-ky-du-thi.html", "text/html; charset=utf-8"),
])
def test_content_types(server, path, content_type):
    status, headers, _ = get(server, path)
    assert (status, headers["Content-Type"]) == (200, content_type)


def test_missing_file_gets_the_sites_404_page(server, search_site):
    status, headers, body = get(server, "/khong-co-trang-nay.html")
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (search_site.output / "404.html").read_bytes()


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/theme/../../search_index/",
    "/..%2f..%2f..%2fetc%2fpasswd", "/%00", "/%ff%fe", "/theme/..\\..\\etc\\passwd",
])
def test_no_path_traversal(server, path):
    status, _, body = get(server, path)
    assert status == 404 and b"root:" not in body


def test_symlinks_out_of_the_site_are_not_followed(server, search_site):
    link = search_site.output / "ra-ngoai"
    os.symlink(search_site.index, link)
    try:
        assert get(server, "/ra-ngoai/current/site.json")[0] == 404
    finally:
        link.unlink()


def test_search_routes_go_to_the_service(server):
    status, headers, body = get(server, "/api/search?q=dang+vien")
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body)["total"] == 4
    status, headers, body = get(server, "/search?q=%ff")
    assert status == 400 and "UTF-8" in body.decode()
    # Raw UTF-8 bytes on the request line (no percent-escapes) are understood too.
    with socket.create_connection(("127.0.0.1", server), timeout=10) as raw:
        raw.sendall("GET /api/search?q=đảng HTTP/1.0\r\n\r\n".encode())
        reply = b"".join(iter(lambda: raw.recv(65536), b""))
    assert reply.startswith(b"HTTP/1.0 200") and json.loads(reply.split(b"\r\n\r\n", 1)[1])["total"]


def test_head_and_other_methods(server):
    status, headers, body = get(server, "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    assert get(server, "/", method="POST")[0] == 405


def test_responses_carry_the_production_content_security_policy(server):
    for path in ("/", "/search?q=dang", "/api/search?q=dang", "/khong-co"):
        policy = get(server, path)[1]["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
