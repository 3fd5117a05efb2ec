"""The analyzers and text helpers: folding, NFC, no stop words, HTML reduced to text."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from search_index.schema import (
    ExactWords,
    SearchedText,
    WordTokenizer,
    build_schema,
    fold,
    normalise,
    snippet_analyzer,
    words,
)
from search_index.text import clean, html_to_text
from whoosh.fields import FieldType

pytestmark = pytest.mark.unit

CONTENT = Path(__file__).resolve().parents[2] / "content"


def tokens(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text)]


def folded_analyzer():
    return build_schema()["body"].analyzer


def exact_analyzer():
    return build_schema()["body_exact"].analyzer


def test_folding_removes_case_tones_and_folds_d_stroke():
    assert tokens(folded_analyzer(), "ĐẢNG viên Đăng dạng") == ["dang", "vien", "dang", "dang"]
    assert fold("Đảng Viên Ưu Tú") == "dang vien uu tu"


def test_every_vietnamese_letter_folds_to_ascii():
    letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    folded = fold(letters + letters.upper())
    assert folded.isascii() and folded.isalpha()


def test_decomposed_input_is_normalised_before_tokenising():
    decomposed = unicodedata.normalize("NFD", "Đảng viên")
    assert tokens(folded_analyzer(), decomposed) == ["dang", "vien"]
    assert tokens(exact_analyzer(), decomposed) == ["đảng", "viên"]


def test_exact_field_keeps_diacritics_but_not_case():
    assert tokens(exact_analyzer(), "ĐĂNG KÝ dạng") == ["đăng", "ký", "dạng"]


def test_no_english_stop_words_or_minimum_length():
    words = "an ninh in ấn ở ý và a the of"
    assert tokens(folded_analyzer(), words) == fold(words).split()


def test_numbers_with_thousands_dots_stay_one_word():
    assert tokens(folded_analyzer(), "1.365 đảng viên") == ["1.365", "dang", "vien"]


def test_schema_has_folded_and_exact_twins():
    schema = build_schema()
    assert {"title", "title_exact", "body", "body_exact", "meta", "url", "hash"} <= set(
        schema.names())
    assert schema["url"].unique


def test_clean_drops_control_and_format_characters():
    assert clean("  đả\u00adng\x00viên\u202e\t\n mới ") == "đảng viên mới"
    assert clean(unicodedata.normalize("NFD", "Đảng")) == "Đảng"


def test_html_to_text_keeps_prose_and_separates_blocks():
    html = ("<p>Lễ <b>kết</b> nạp</p><p>đảng viên<script>alert(1)</script></p>"
            "<figure><img src='a.svg' alt='x'><figcaption>Ảnh: Đại hội</figcaption></figure>"
            "<ul><li>một</li><li>hai<br>ba</li></ul><style>p{}</style>")
    assert html_to_text(html) == "Lễ kết nạp đảng viên Ảnh: Đại hội một hai ba"
    assert html_to_text("<p>a &lt; b &amp; c</p>") == "a < b & c"
    assert html_to_text("") == ""


def _changed_characters() -> list[str]:
    """Every character that NFC, lowercasing or folding changes."""
    found = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if normalise(char, folded=True) != char or normalise(char, folded=False) != char:
            found.append(char)
    return found


def test_snippets_see_the_words_the_index_holds():
    # Snippets normalise word by word (to keep offsets); the index normalises the whole
    # text at once. They agree for every character normalising changes.
    for char in _changed_characters():
        text = f"a{char}b x{char} {char}y {char} Đảng"
        assert tokens(snippet_analyzer(frozenset()), text) == words(text, folded=True), char
        exact = frozenset(words(text, folded=False))
        assert tokens(snippet_analyzer(exact), text) == words(text, folded=False), char


def test_stray_combining_marks_separate_words_and_are_not_folded_into_letters():
    assert words("x\u0303viên", folded=True) == ["x", "vien"]  # x̃ has no composed form
    assert words("İstanbul", folded=True) == ["istanbul"]


def _texts() -> list[str]:
    bodies = [path.read_text(encoding="utf-8") for path in sorted(CONTENT.rglob("*.md"))]
    return bodies + ["", "   ", "1.365 đảng viên. Đảng, đăng ký; dạng!", "a" * 300 + " b",
                     unicodedata.normalize("NFD", "Phát triển Đảng viên ĐẢNG VIÊN")]


@pytest.mark.parametrize("field", [SearchedText(), ExactWords()], ids=["folded", "exact"])
def test_fast_indexing_makes_the_postings_whoosh_makes_from_the_analyzer(field):
    for text in _texts():
        generic = sorted(FieldType.index(field, text))
        assert sorted(field.index(text)) == generic


def test_query_tokens_are_the_indexed_words():
    text = "Đồng chí Bí thư trao Quyết định kết nạp 12 đảng viên"
    analyzer = WordTokenizer(folded=True)
    assert [t.text for t in analyzer(text, positions=True)] == words(text, folded=True)
    assert [t.pos for t in analyzer(text, positions=True, start_pos=3)] == list(
        range(3, 3 + len(words(text, folded=True))))
    assert [t.text for t in analyzer(text, tokenize=False)] == [fold(text)]
