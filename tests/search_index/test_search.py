"""Searching the fixture site through the real WSGI app: Vietnamese matching, ranking,
filters, pagination, snippets, suggestions, the JSON shape and the HTML page."""

from __future__ import annotations

import re
import threading
import unicodedata
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from search_index.searching import Snippets
from search_index.service import create_app
from search_kit import ARTICLES, api, call, nfd, url_of, urls

pytestmark = pytest.mark.build

DANG_VIEN = {url_of(slug) for slug in ("le-ket-nap", "dai-hoi", "bieu-duong", "kinh-te-co-so")}
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


def q(text: str, **params) -> str:
    return "&".join(f"{key}={quote(str(value))}" for key, value in {"q": text, **params}.items())


def test_spellings_of_dang_vien_find_the_same_articles(app):
    found = [set(urls(app, q(text))) for text in
             ("dang vien", "Đảng viên", "ĐẢNG VIÊN", "đảng viên", nfd("đảng viên"), "DANG VIEN")]
    assert found[0] == DANG_VIEN
    assert all(other == found[0] for other in found[1:])


def test_unaccented_word_finds_every_accented_form(app):
    found = set(urls(app, q("dang")))
    assert {url_of("dang-ky-du-thi"), url_of("cac-dang-cau-hoi"), url_of("dai-hoi")} <= found


def test_decomposed_article_text_is_found(app):
    assert url_of("bieu-duong") in urls(app, q("bieu duong"))
    assert url_of("bieu-duong") in urls(app, q("Biểu dương"))


def test_quoted_phrase_with_and_without_diacritics(app):
    loose = set(urls(app, q("phat trien dang vien")))
    assert {url_of("le-ket-nap"), url_of("kinh-te-co-so")} <= loose
    for phrase in ('"phát triển đảng viên"', '"phat trien dang vien"', '"PHÁT TRIỂN ĐẢNG VIÊN"'):
        assert urls(app, q(phrase)) == [url_of("le-ket-nap")], phrase


def test_accented_queries_rank_exact_diacritics_first(app):
    assert urls(app, q("đăng ký"))[0] == url_of("dang-ky-du-thi")
    assert urls(app, q("đăng"))[0] == url_of("dang-ky-du-thi")
    assert urls(app, q("dạng"))[0] == url_of("cac-dang-cau-hoi")
    ranked = urls(app, q("Đảng"))
    others = [ranked.index(url_of(s)) for s in ("dang-ky-du-thi", "cac-dang-cau-hoi")]
    exact = [ranked.index(url) for url in DANG_VIEN]
    assert max(exact) < min(others), ranked


def holding(word: str) -> set[str]:
    """The published fixture articles whose title or body holds `word` as spelled."""
    pattern = re.compile(rf"(?<!\w){word}(?!\w)", re.IGNORECASE)
    return {url_of(slug) for slug, (fields, body) in ARTICLES.items()
            if fields.get("Status", "published") == "published"
            and pattern.search(unicodedata.normalize("NFC", fields["Title"] + " " + body))}


def every_page(app, text: str) -> list[str]:
    pages = api(app, q(text))["pages"]
    return [url for page in range(1, pages + 1) for url in urls(app, q(text, page=page))]


def test_accented_or_queries_rank_documents_spelled_as_typed_first(app):
    ranked = every_page(app, "đăng OR hội")
    exact = holding("đăng") | holding("hội")
    assert url_of("cac-dang-cau-hoi") in ranked  # "dạng", "hỏi": found, but not exact
    assert exact and exact <= set(ranked)
    assert ranked[:len(exact)] == [url for url in ranked if url in exact], ranked


def test_title_matches_outweigh_body_matches(app):
    # "pháp luật" is in one title (dang-ky-du-thi) and in another body (ky-hieu).
    assert urls(app, q("phap luat")) == [url_of("dang-ky-du-thi"), url_of("ky-hieu")]


def test_drafts_and_hidden_articles_are_not_indexed(app):
    for word in ("xuongrongbimat", "anbaibimat", "Bản nháp chưa đăng"):
        data = api(app, q(word))
        assert data["total"] == 0 and data["results"] == [], word


def test_pages_are_indexed(app):
    assert "/gioi-thieu/" in urls(app, q("gioi thieu"))


def test_json_shape(app):
    data = api(app, q("kết nạp"))
    assert set(data) >= {"query", "total", "page", "pages", "results", "suggestion"}
    assert (data["query"], data["page"], data["pages"]) == ("kết nạp", 1, 1)
    assert data["total"] == len(data["results"]) >= 1
    for result in data["results"]:
        assert set(result) == {"url", "title", "date", "category", "snippet"}
        assert ISO_WITH_OFFSET.match(result["date"])
    first = data["results"][0]
    assert first["url"] == url_of("le-ket-nap")
    assert first["title"] == "Lễ kết nạp đảng viên mới tại Chi bộ Phòng Tham mưu"
    assert first["date"] == "2022-04-19T16:27:00+07:00"
    assert first["category"] == "Phát triển đảng viên"
    assert data["suggestion"] is None


def test_snippets_mark_original_accented_words(app):
    snippet = api(app, q("dang vien"))["results"]
    by_url = {result["url"]: result["snippet"] for result in snippet}
    assert "<mark>ĐẢNG</mark> <mark>VIÊN</mark>" in by_url[url_of("dai-hoi")]
    assert "<mark>đảng</mark>" in by_url[url_of("le-ket-nap")]


def test_accented_query_marks_exact_forms_only_where_they_exist(app):
    results = api(app, q("đăng ký"))["results"]
    assert "<mark>đăng</mark> <mark>ký</mark>" in results[0]["snippet"]


def test_snippets_escape_everything_but_mark(app):
    result = api(app, q("so sanh"))["results"][0]
    assert result["title"] == "Ký hiệu <b> trong văn bản"  # JSON carries plain text
    snippet = result["snippet"]
    assert "a &lt; b &amp; c &gt; d" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_pagination_ten_a_page_ties_newest_first(app):
    first = api(app, q("so ket"))
    assert (first["total"], first["pages"], len(first["results"])) == (12, 2, 10)
    dates = [result["date"] for result in first["results"]]
    assert dates == sorted(dates, reverse=True) and dates[0].startswith("2019-01-12")
    second = api(app, q("so ket", page=2))
    assert [r["date"][:10] for r in second["results"]] == ["2019-01-02", "2019-01-01"]


def test_page_beyond_the_last_is_explained(app):
    data = api(app, q("so ket", page=99999))
    assert data["results"] == [] and data["total"] == 12 and "2 trang" in data["message"]


def test_filter_by_section_slug_or_name(app):
    expected = {url_of("dang-ky-du-thi"), url_of("cac-dang-cau-hoi")}
    for section in ("tin-tuc", "Tin tức", "tin tuc", "TIN TỨC"):
        found = set(urls(app, q("dang", category=section)))
        assert found == expected | ({url_of("kinh-te-co-so")}), section
    data = api(app, q("dang", category="không-có"))
    assert data["total"] == 0 and "chuyên mục" in data["message"]


def test_filter_by_year(app):
    assert urls(app, q("dang", year=2023)) == [url_of("dang-ky-du-thi")]
    assert set(urls(app, q("dang vien", year=2022, category="tin-tuc"))) == {
        url_of("kinh-te-co-so")}


def test_suggestion_when_a_query_finds_little(app):
    data = api(app, q("dang vein"))
    assert data["total"] == 0 and data["suggestion"] == "dang viên"
    assert api(app, q(data["suggestion"]))["total"] > 0
    assert api(app, q("bieu dwong"))["suggestion"] == "bieu dương"  # known words stay as typed
    assert api(app, q("dang vien"))["suggestion"] is None


def test_html_results_page_in_the_theme(app):
    response = call(app, "/search", q("dang vien"))
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(response.text, "html.parser")
    header_form = soup.find("form", attrs={"role": "search"})
    assert header_form["action"] == "/search"
    assert header_form.find("input", id="search-q")["value"] == "dang vien"
    nav = soup.find("nav", class_="site-nav")
    assert {a.get_text() for a in nav.find_all("a")} >= {"Tin tức", "Xây dựng Đảng"}
    assert soup.find("footer") is not None
    titles = [a.get_text() for a in soup.select(".search-result__title a")]
    assert "Đại hội Đảng bộ Công an tỉnh nhiệm kỳ 2020-2025" in titles
    assert soup.select_one(".search-result__snippet mark")
    assert "4 kết quả" in soup.select_one(".search-summary").get_text(" ", strip=True)


def test_html_page_has_filters_pagination_and_suggestion_links(app):
    soup = BeautifulSoup(call(app, "/search", q("so ket", category="hoi-nghi")).text,
                         "html.parser")
    selected = soup.select_one("#search-category option[selected]")
    assert selected["value"] == "hoi-nghi"
    assert [o["value"] for o in soup.select("#search-year option")][:2] == ["", "2024"]
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "/search?q=so+ket&category=hoi-nghi&page=2"
    soup = BeautifulSoup(call(app, "/search", q("dang vein")).text, "html.parser")
    suggestion = soup.select_one(".search-suggestion")
    assert suggestion.get_text(" ", strip=True).startswith("Có phải bạn muốn tìm:")
    assert suggestion.a["href"] == "/search?q=dang+vi%C3%AAn"


def test_html_page_escapes_what_it_echoes_and_has_no_inline_script(app):
    response = call(app, "/search", q('"><script>alert(1)</script>'))
    assert "<script>alert" not in response.text
    soup = BeautifulSoup(response.text, "html.parser")
    assert all(script.get("src") for script in soup.find_all("script"))
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert soup.find("script", src="/theme/js/instant-search.js")
    title = call(app, "/search", q("so sanh")).text
    assert "Ký hiệu &lt;b&gt; trong văn bản" in title


def test_repeated_queries_are_served_from_the_cache(app):
    first = api(app, q("hội nghị"))
    cached = len(app.engine.cache)
    assert api(app, q("hội nghị")) == first
    assert len(app.engine.cache) == cached


def test_concurrent_requests_for_one_query_search_once(search_site, monkeypatch):
    app = create_app(search_site.index, check_interval=0)
    searches, gate = [], threading.Event()
    original = app.engine._search

    def slow_search(*args):
        searches.append(1)
        gate.wait(5)
        return original(*args)

    monkeypatch.setattr(app.engine, "_search", slow_search)
    waiting = threading.Semaphore(0)

    class SeenWaiting(dict):
        """The response cache's in-flight table: a lookup that finds the key is a thread
        that will wait for the search under way (not one that comes after it)."""

        def get(self, key, default=None):
            found = super().get(key, default)
            if found is not None:
                waiting.release()
            return found

    app.responses._computing = SeenWaiting()
    answers: list[dict] = []
    threads = [threading.Thread(target=lambda: answers.append(api(app, q("đại hội"))))
               for _ in range(6)]
    for thread in threads:
        thread.start()
    for _ in range(5):  # the other five are waiting for the first, held in slow_search
        assert waiting.acquire(timeout=10)
    gate.set()
    for thread in threads:
        thread.join()
    assert len(searches) == 1 and len(answers) == 6
    assert all(answer == answers[0] for answer in answers) and answers[0]["total"] == 1


def test_snippets_mark_accented_words_only_where_spelled_the_same():
    text = "Các dạng văn bản của Đảng bộ về đăng ký <b>"
    assert Snippets("Đảng")(text, "") == (
        "Các dạng văn bản của <mark>Đảng</mark> bộ về đăng ký &lt;b&gt;")
    assert Snippets("dang")(text, "") == (
        "Các <mark>dạng</mark> văn bản của <mark>Đảng</mark> bộ về <mark>đăng</mark> ký &lt;b&gt;")
    assert Snippets("đăng KY")(text, "") == (
        "Các dạng văn bản của Đảng bộ về <mark>đăng</mark> <mark>ký</mark> &lt;b&gt;")
    assert Snippets("khong co")(text, "Tóm tắt <i>") == "Tóm tắt &lt;i&gt;"
    # Found through other accents only: those are marked, rather than nothing.
    assert Snippets("đẳng")(text, "") == Snippets("dang")(text, "")
