"""Request parameters and query text: decoded strictly, capped, parsed without costly syntax."""

from __future__ import annotations

import pytest
from search_index.query import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    BadRequest,
    accented_words,
    cap_query,
    exact_match_query,
    make_parser,
    parse_query,
    parse_request,
)
from search_index.schema import build_schema
from whoosh import query as wq

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def parser():
    return make_parser(build_schema())


def test_parameters_are_utf8_percent_escapes():
    request = parse_request("q=%C4%91%E1%BA%A3ng+vi%C3%AAn&page=2&category=tin-tuc&year=2023")
    assert (request.text, request.page, request.category, request.year) == (
        "đảng viên", 2, "tin-tuc", "2023")


def test_first_value_of_a_repeated_parameter_wins():
    assert parse_request("q=a&q=b").text == "a"


@pytest.mark.parametrize("query_string", ["q=%ff", "q=%C4", "q=ok&category=%fe%ff"])
def test_invalid_utf8_is_a_bad_request(query_string):
    with pytest.raises(BadRequest, match="UTF-8"):
        parse_request(query_string)


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1.5", "9" * 20])
def test_bad_page_is_a_bad_request_that_keeps_the_query(page):
    with pytest.raises(BadRequest, match="Số trang") as caught:
        parse_request(f"q=dang&page={page}")
    assert caught.value.request.text == "dang"


def test_bad_year_is_a_bad_request():
    with pytest.raises(BadRequest, match="Năm"):
        parse_request("q=dang&year=20x4")


def test_too_many_parameters_is_a_bad_request():
    with pytest.raises(BadRequest):
        parse_request("&".join(f"p{n}=1" for n in range(100)))


def test_long_queries_are_cut_with_a_notice():
    text, notices = cap_query("a" * 10_000)
    assert len(text) == MAX_QUERY_CHARS and "200 ký tự" in notices[0]
    text, notices = cap_query(" ".join(f"từ{n}" for n in range(40)))
    assert len(text.split()) == MAX_QUERY_WORDS and f"{MAX_QUERY_WORDS} từ" in notices[0]


def test_control_characters_are_removed():
    assert parse_request("q=%00%07d%1Bang%7F").text == "d ang"


def test_syntax_that_could_be_expensive_is_plain_text(parser):
    for text in ["*", "*:*", "dang*", "title:dang", "[a TO z]", "dang^9", "dang~2"]:
        found = parse_query(parser, text)
        kinds = {type(node).__name__ for node in (found.leaves() if found else [])}
        assert kinds <= {"Term"}, (text, found)


def test_junk_parses_to_nothing_or_terms(parser):
    for text in ["(((", '"', "\\", "AND OR NOT", ")", '""']:
        found = parse_query(parser, text)
        assert found is None or all(isinstance(n, wq.Term) for n in found.leaves())


def test_quotes_make_a_phrase_of_folded_words(parser):
    found = parse_query(parser, '"phát triển đảng viên"')
    phrases = {(node.fieldname, tuple(node.words)) for node in found.children()}
    assert ("body", ("phat", "trien", "dang", "vien")) in phrases
    assert ("title", ("phat", "trien", "dang", "vien")) in phrases


def exact_terms(query) -> set[tuple[str, str]]:
    return {(leaf.fieldname, leaf.text) for leaf in query.leaves()
            if isinstance(leaf, wq.Term) and leaf.fieldname.endswith("_exact")}


def test_exact_match_query_only_for_accented_words(parser):
    assert accented_words("Đảng vien ĐĂNG") == ["đảng", "đăng"]
    assert exact_match_query(parse_query(parser, "dang vien"), "dang vien") is None
    found = exact_match_query(parse_query(parser, "Đảng vien"), "Đảng vien")
    assert exact_terms(found) == {("title_exact", "đảng"), ("body_exact", "đảng")}


def test_exact_match_follows_or_and_leaves_out_not(parser):
    either = exact_match_query(parse_query(parser, "đăng OR phấn"), "đăng OR phấn")
    assert isinstance(either, wq.Or)
    assert {text for _, text in exact_terms(either)} == {"đăng", "phấn"}
    excluded = exact_match_query(parse_query(parser, "đăng NOT phấn"), "đăng NOT phấn")
    assert {text for _, text in exact_terms(excluded)} == {"đăng"}
    both = exact_match_query(parse_query(parser, "đảng dạng"), "đảng dạng")  # both fold to dang
    assert {text for _, text in exact_terms(both)} == {"đảng", "dạng"}
    phrase = exact_match_query(parse_query(parser, '"đăng ký" dự'), '"đăng ký" dự')
    assert {text for _, text in exact_terms(phrase)} == {"đăng", "ký", "dự"}
