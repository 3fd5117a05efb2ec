"""Shared parts of the standards checks: the pages they visit, the publish URL, and the
built site served with its search service on 127.0.0.1."""

from __future__ import annotations

from contextlib import contextmanager

from browser import serving
from conftest import Build

PUBLISH_URL = "https://xaydungdang.example.vn"
ARTICLE = "tin-hoat-dong/trang-trong-le-ket-nap-dang-vien-tai-chi-bo-phong-canh-sat-giao-thong.html"
# The pages every browser check visits: (name, path on the served site).
PAGES = [
    ("home", "/"),
    ("article", f"/{ARTICLE}"),
    ("section", "/chuyen-muc/phat-trien-dang-vien/"),
    ("statistics", "/thong-ke/"),
    ("search", "/search?q=ph%C3%A1t+tri%E1%BB%83n+%C4%91%E1%BA%A3ng+vi%C3%AAn"),
    ("404", "/khong-co-trang-nay/"),
    ("english", "/en/"),
]


@contextmanager
def serve_site(build: Build):
    """The built site and its search service (search_index.devserver) on a free port."""
    from search_index.devserver import create_site_app, make_devserver

    index = build.output.parent / "search_index"
    assert (index / "current").exists(), f"no search index beside {build.output}"
    server = make_devserver(create_site_app(build.output, index, check_interval=0),
                            "127.0.0.1", 0, log_requests=False)
    with serving(server) as url:
        yield url
