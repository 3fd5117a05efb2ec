"""The editors' contract, checked on raw metadata without Pelican."""

from __future__ import annotations

import pytest
from portal_content.metadata_rules import (
    check_article,
    check_page,
    field_name,
    image_path,
    parse_count,
    parse_date,
    parse_period,
)

VALID = {
    "title": "Hội nghị phát triển đảng viên",
    "date": "2022-04-19 16:27",
    "category": "Phát triển đảng viên",
    "author": "Phòng Chính trị",
    "editor": "Loan Trần, phòng HCTH",
}


def problems(raw, tmp_path):
    return {(v.field, v.path) for v in check_article(raw, "content/a.md", tmp_path)}


def messages(raw, tmp_path):
    return [str(v) for v in check_article(raw, "content/a.md", tmp_path)]


def test_valid_article_has_no_violation(tmp_path):
    assert check_article(VALID, "content/a.md", tmp_path) == []


@pytest.mark.parametrize("field", ["title", "date", "category", "editor"])
def test_required_fields(field, tmp_path):
    raw = {k: v for k, v in VALID.items() if k != field}
    assert (field_name(field), "content/a.md") in problems(raw, tmp_path)


def test_authors_field_satisfies_the_byline(tmp_path):
    raw = {k: v for k, v in VALID.items() if k != "author"}
    assert ("Author", "content/a.md") in problems(raw, tmp_path)
    assert problems({**raw, "authors": "Nguyễn Văn A; Trần Thị B"}, tmp_path) == set()


@pytest.mark.parametrize("value", ["2023-02-30 10:00", "2023-13-01 10:00", "2023-01-01 25:00",
                                   "19/04/2022", "hôm qua", "2022-4-19 16:27"])
def test_bad_dates_name_the_expected_form(value, tmp_path):
    [message] = messages({**VALID, "date": value}, tmp_path)
    assert message.startswith("content/a.md: Date: ")
    assert "YYYY-MM-DD HH:MM" in message


def test_modified_must_not_precede_date(tmp_path):
    assert ("Modified", "content/a.md") in problems({**VALID, "modified": "2022-04-18 10:00"},
                                                    tmp_path)
    assert problems({**VALID, "modified": "2022-04-20 10:00"}, tmp_path) == set()


def test_status_and_featured_choices(tmp_path):
    assert ("Status", "content/a.md") in problems({**VALID, "status": "nháp"}, tmp_path)
    assert ("Featured", "content/a.md") in problems({**VALID, "featured": "maybe"}, tmp_path)
    for status in ("draft", "hidden", "published"):
        assert problems({**VALID, "status": status, "featured": "yes"}, tmp_path) == set()


def test_image_must_exist(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.svg").write_text("<svg/>")
    assert problems({**VALID, "image": "images/a.svg", "image_caption": "Ảnh"}, tmp_path) == set()
    [message] = messages({**VALID, "image": "images/missing.svg"}, tmp_path)
    assert "Image: 'images/missing.svg' does not exist" in message
    assert ("Image_Caption", "content/a.md") in problems({**VALID, "image_caption": "Ảnh"},
                                                         tmp_path)


@pytest.mark.parametrize("value", ["images/a.svg", "/images/a.svg", "{static}/images/a.svg"])
def test_image_path_is_relative_to_content(value):
    assert image_path(value) == "images/a.svg"


@pytest.mark.parametrize(("text", "expected"), [("408", 408), ("0", 0), ("1.250", 1250),
                                                 ("7.335", 7335), ("113.000", 113000),
                                                 (" 31 ", 31), ("1.500.000", 1500000)])
def test_counts(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-3", "1.5", "12,5", "abc", "", "1.25", "1.2500", "3 người"])
def test_bad_counts(text):
    with pytest.raises(ValueError, match="whole number"):
        parse_count(text)


def test_periods():
    year = parse_period("2023")
    assert (year.start, year.end, year.kind, year.months) == ((2023, 1), (2023, 12), "year", 12)
    term = parse_period("2020-2025")
    assert (term.start, term.end, term.kind, term.months) == ((2020, 1), (2025, 12), "years", 60)
    half = parse_period("2024-01..2024-06")
    assert (half.start, half.end, half.kind, half.months) == ((2024, 1), (2024, 6), "months", 6)
    assert parse_period("2020-01..2020-08").label == "Tháng 1–8/2020"
    assert parse_period("2015-2020").label == "Giai đoạn 2015–2020"


@pytest.mark.parametrize("text", ["20233", "2025-2020", "2024-01..2023-06", "2024-00..2024-06",
                                  "2024-01..2024-13", "năm 2023", "2024/01-2024/06", ""])
def test_bad_periods(text):
    with pytest.raises(ValueError, match="expected a year"):
        parse_period(text)


def test_stats_record_rules(tmp_path):
    record = {**VALID, "stats_period": "2015-2020", "stats_admitted": "408",
              "stats_target": "250"}
    assert problems(record, tmp_path) == set()
    assert ("Stats_Period", "content/a.md") in problems(
        {**VALID, "stats_admitted": "408"}, tmp_path)  # a count without a period
    assert ("Stats_Period", "content/a.md") in problems(
        {**VALID, "stats_period": "2020"}, tmp_path)  # a period without any count
    assert ("Stats_Admitted", "content/a.md") in problems(
        {**record, "stats_admitted": "-1"}, tmp_path)
    assert ("Stats_Period", "content/a.md") in problems(
        {**record, "stats_period": "2020..2021"}, tmp_path)


def test_every_violation_in_a_file_is_reported(tmp_path):
    raw = {"title": "Bài lỗi", "date": "2022-02-30 10:00", "stats_admitted": "1,5"}
    fields = {field for field, _ in problems(raw, tmp_path)}
    assert fields == {"Category", "Editor", "Author", "Date", "Stats_Admitted", "Stats_Period"}


def test_dates_parse_to_local_naive_datetimes():
    assert parse_date("2022-04-19 16:27").hour == 16


def test_pages_need_only_a_title():
    assert check_page({"title": "Giới thiệu"}, "content/pages/gioi-thieu.md") == []
    [violation] = check_page({"title": " "}, "content/pages/x.md")
    assert str(violation) == "content/pages/x.md: Title: missing; it is required"
