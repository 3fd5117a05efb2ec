"""Bad input never yields a 5xx: every case through the real WSGI app, on both routes."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from search_index.service import create_app
from search_kit import call

pytestmark = pytest.mark.build

# (raw query string, expected status, words the Vietnamese message must contain)
BAD_INPUTS = [
    ("q=", 200, "nhập từ khóa"),
    ("", 200, "nhập từ khóa"),
    ("q=+++%09%0A", 200, "nhập từ khóa"),
    ("q=" + "a" * 10_000, 200, "200 ký tự"),
    ("q=" + "%C4%91%E1%BA%A3ng+" * 2_000, 200, "quá"),
    ("q=%22phat+trien", 200, ""),
    ("q=%22", 200, "nhập từ khóa"),
    ("q=AND+OR+NOT", 200, "Không tìm thấy"),
    ("q=NOT+dang", 200, "nhập từ khóa"),
    ("q=NOT+dang+OR+NOT+vien", 200, "nhập từ khóa"),
    ("q=*", 200, "nhập từ khóa"),
    ("q=*%3A*", 200, "nhập từ khóa"),
    ("q=dang*", 200, ""),
    ("q=(((", 200, "nhập từ khóa"),
    ("q=%5Ba+TO+z%5D", 200, ""),
    ("q=title%3Adang", 200, ""),
    ("q=%00%01%1B%7F%C2%85", 200, "nhập từ khóa"),
    ("q=%00d%07ang", 200, ""),
    ("q=%E2%80%AEdang%E2%80%AC", 200, ""),
    ("q=%ff%fe", 400, "UTF-8"),
    ("q=%C4", 400, "UTF-8"),
    ("q=\xff\xfe", 400, "UTF-8"),  # raw bytes, as a server hands them over (latin-1)
    ("q=dang&page=-1", 400, "Số trang"),
    ("q=dang&page=0", 400, "Số trang"),
    ("q=dang&page=abc", 400, "Số trang"),
    ("q=dang&page=" + "9" * 400, 400, "Số trang"),
    ("q=dang&page=99999", 200, "trang kết quả"),
    ("q=dang&year=abcd", 400, "Năm"),
    ("q=dang&category=" + "x" * 5_000, 200, "chuyên mục"),
    ("q=dang&category=%3Cscript%3E", 200, "chuyên mục"),
    ("&".join(["q=dang"] * 500), 400, "tham số"),
    ("q=%", 200, ""),
    ("q=%%%zz", 200, ""),
    ("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200, "Không tìm thấy"),
]


@pytest.mark.parametrize(("query_string", "status", "words"), BAD_INPUTS,
                         ids=[case[0][:40] for case in BAD_INPUTS])
def test_bad_input_gets_a_clear_answer_as_json(app, query_string, status, words):
    response = call(app, "/api/search", query_string)
    assert response.status == status
    data = json.loads(response.body)
    assert set(data) >= {"query", "total", "page", "pages", "results", "suggestion", "message"}
    assert "Traceback" not in response.text and "Error" not in response.text
    if words:
        assert words in (data["message"] or ""), data
    assert "<script" not in data["query"] or response.body.count(b"<") == 0


@pytest.mark.parametrize(("query_string", "status", "words"), BAD_INPUTS,
                         ids=[case[0][:40] for case in BAD_INPUTS])
def test_bad_input_gets_a_clear_answer_as_html(app, query_string, status, words):
    response = call(app, "/search", query_string)
    assert response.status == status
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Traceback" not in response.text
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("form", attrs={"role": "search"})  # the theme's header, always
    messages = " ".join(p.get_text() for p in soup.select(".search-message"))
    assert words in messages
    assert not soup.find("script", src=False)


def test_other_methods_and_paths(app):
    assert call(app, "/api/search", "q=dang", method="POST").status == 405
    response = call(app, "/search", "q=dang", method="HEAD")
    assert response.status == 200 and response.body == b""
    assert call(app, "/khong-co", "q=dang").status == 404


def test_missing_index_is_a_503_with_a_message(tmp_path):
    app = create_app(tmp_path / "chua-co")
    for path in ("/search", "/api/search"):
        response = call(app, path, "q=dang")
        assert response.status == 503
        assert "chưa sẵn sàng" in response.text and "Traceback" not in response.text


def test_an_unexpected_failure_is_a_500_without_details(search_site, monkeypatch):
    app = create_app(search_site.index)

    def broken(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.engine, "search", broken)
    for path in ("/search", "/api/search"):
        response = call(app, path, "q=dang")
        assert response.status == 500
        assert "secret" not in response.text and "Traceback" not in response.text
        assert "lỗi" in response.text
