"""Property-based fuzzing of what a reader can send: parse_request, parse_query and the
search never fail other than as designed (BadRequest, UnparsableQuery), and the WSGI
app answers 200 or 400, never 500. Bounded: a fixed number of examples, derandomized
so a CI run is reproducible, no example database written into the tree."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_index.indexer import SearchDocument, update_index
from search_index.query import (
    PAGE_SIZE,
    BadRequest,
    SearchRequest,
    UnparsableQuery,
    make_parser,
    parse_query,
    parse_request,
)
from search_index.searching import SearchEngine, SearchResult
from search_index.service import create_app
from search_kit import call

pytestmark = pytest.mark.unit

BOUNDED = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])

TOKENS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", '"', "(", ")", "*", "?", "~", "^", ":",
          "[", "]", "{", "}", "TO", "\\", "'", "đảng", "viên", "dang", "vien", "hoà", "hòa",
          "uỷ", "7.335", "7335", "1.250", "chi", "bộ", "hồ", "chí", "minh", "Đàn", "title:",
          "*:*", "\u0301", "\u200b", "\x00", "\ufeff", "..", "-", "+", "&", "="]
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"]  # often, and often side by side
QUERY_TEXT = st.lists(st.one_of(st.sampled_from(OPERATORS), st.sampled_from(TOKENS),
                                st.text(ALPHABET, max_size=6)), max_size=30).map(" ".join)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz")
    words = ["đảng viên", "chi bộ", "Hồ Chí Minh", "hoà bình", "Tỉnh uỷ", "7.335 người"]
    update_index(path, [
        SearchDocument(url=f"tin/bai-{n}.html", title=f"Bài {n}: {words[n % 6]}",
                       body_html=f"<p>{' '.join(words[n % 6:] + words[:n % 6])}</p>",
                       section="Tin tức", category="tin-tuc", tags=(words[(n + 1) % 6],))
        for n in range(30)])
    return path


@BOUNDED
@given(st.text(st.characters(max_codepoint=255), max_size=300))
def test_parse_request_accepts_or_refuses_with_a_message(query_string):
    try:
        request = parse_request(query_string)
    except BadRequest as error:
        assert str(error) and isinstance(error.request, SearchRequest)
        return
    assert isinstance(request, SearchRequest) and request.page >= 1


@BOUNDED
@given(QUERY_TEXT)
def test_parse_query_returns_a_query_or_none_or_a_message(index_dir, text):
    parser = make_parser(SearchEngine(index_dir).generation().index.schema)
    try:
        parse_query(parser, text)
    except UnparsableQuery as error:
        assert "Không hiểu được từ khóa" in str(error)


@BOUNDED
@given(QUERY_TEXT, st.integers(min_value=1, max_value=3))
def test_search_always_answers(index_dir, text, page):
    engine = _engine(index_dir)
    request = parse_request("q=" + quote(text) + f"&page={page}")
    result = engine.search(request)
    assert isinstance(result, SearchResult)
    assert result.total >= len(result.hits) and len(result.hits) <= PAGE_SIZE
    assert result.hits or result.message or result.total > 0


@BOUNDED
@given(QUERY_TEXT)
def test_the_app_never_answers_500(index_dir, text):
    response = call(_app(index_dir), "/api/search", "q=" + quote(text))
    assert response.status in (200, 400), response.text


_engines: dict = {}


def _engine(index_dir) -> SearchEngine:
    return _engines.setdefault(("engine", index_dir), SearchEngine(index_dir, cache_size=0))


def _app(index_dir):
    return _engines.setdefault(("app", index_dir), create_app(index_dir, cache_size=0))
