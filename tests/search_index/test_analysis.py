"""The analyzers and text helpers: folding, NFC, no stop words, HTML reduced to text."""

from __future__ import annotations

import unicodedata

from search_index.schema import build_schema, exact_analyzer, fold, folded_analyzer
from search_index.text import clean, html_to_text


def tokens(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text)]


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
