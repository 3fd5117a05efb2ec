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

pytestmark = [pytest.mark.usefixtures("english_messages"), pytest.mark.unit]

ARABIC_INDIC_2023 = "\u0662\u0660\u0662\u0663"
FULL_WIDTH_2023 = "\uff12\uff10\uff12\uff13"

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
                                   "19/04/2022", "hôm qua", "2022-4-19 16:27",
                                   f"{ARABIC_INDIC_2023}-04-19 16:27"])
def test_bad_dates_name_the_expected_form(value, tmp_path):
    [message] = messages({**VALID, "date": value}, tmp_path)
    assert message.startswith("content/a.md: Date: ")
    assert "YYYY-MM-DD HH:MM" in message


def test_a_date_without_its_time_means_midnight(tmp_path):
    assert problems({**VALID, "date": "2022-04-19"}, tmp_path) == set()
    assert (parse_date("2022-04-19").hour, parse_date("2022-04-19").minute) == (0, 0)


def test_modified_must_not_precede_date(tmp_path):
    assert ("Modified", "content/a.md") in problems({**VALID, "modified": "2022-04-18 10:00"},
                                                    tmp_path)
    assert problems({**VALID, "modified": "2022-04-20 10:00"}, tmp_path) == set()


def test_status_and_featured_choices(tmp_path):
    assert ("Status", "content/a.md") in problems({**VALID, "status": "maybe"}, tmp_path)
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


@pytest.fixture
def content_with_photos(tmp_path):
    """content/images/a.svg, plus photos that exist but are not in a static folder."""
    content = tmp_path / "content"
    for path in ("images/a.svg", "articles/tin/anh.svg", "anh/b.svg", "../x.svg"):
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text("<svg/>")
    return content


@pytest.mark.parametrize("value", ["articles/tin/anh.svg", "../x.svg", "{static}/../x.svg",
                                   "images/../../x.svg", "images/../articles/tin/anh.svg",
                                   "anh/b.svg", "."])
def test_image_must_be_in_a_static_folder(content_with_photos, value):
    [violation] = check_article({**VALID, "image": value}, "articles/a.md", content_with_photos)
    assert violation.field == "Image"
    assert violation.message.startswith(f"{value!r} is not in content/images/")
    assert "expected a path such as images/ten-anh.svg, a file in content/images/" in str(violation)


def test_the_static_folders_are_the_sites(content_with_photos):
    settings = {"STATIC_PATHS": ["anh", "images"]}
    for value in ("anh/b.svg", "images/a.svg", "/anh/b.svg"):
        assert check_article({**VALID, "image": value}, "a.md", content_with_photos,
                             settings) == []
    [violation] = check_article({**VALID, "image": "articles/tin/anh.svg"}, "a.md",
                                content_with_photos, settings)
    assert "is not in content/anh/ or content/images/" in violation.message
    assert "such as anh/ten-anh.svg" in violation.message


@pytest.mark.parametrize("value", ["images/a.svg", "/images/a.svg", "{static}/images/a.svg",
                                   "images//a.svg", "./images/a.svg"])
def test_image_path_is_relative_to_content(value):
    assert image_path(value) == "images/a.svg"


@pytest.mark.parametrize(("field", "value", "name"), [
    ("author", "<img src=x onerror=alert(2)>", "<img src=x onerror=alert(2)>"),
    ("author", "!!!", "!!!"),
    ("authors", "Nguyễn Văn A; <b></b>", "<b></b>"),
    ("tags", "kết nạp đảng viên, …", "…"),
    ("tags", "?!", "?!"),
    ("category", "&amp;", "&amp;"),
])
def test_names_need_a_letter_or_digit_for_their_page(tmp_path, field, value, name):
    [violation] = check_article({**VALID, field: value}, "articles/a.md", tmp_path)
    assert violation.field == field_name(field)
    assert violation.message.startswith(f"{name!r} has no letter or digit")
    assert "expected plain text, e.g." in violation.message


@pytest.mark.parametrize(("field", "value"), [
    ("author", "<b>Kẻ</b> xấu"), ("authors", "Nguyễn Văn A; Trần Thị B"), ("tags", "Đảng, 2023"),
    ("category", "Tin hoạt động"), ("tags", "kết nạp,, chi bộ"),
])
def test_names_with_a_slug_pass(tmp_path, field, value):
    assert check_article({**VALID, field: value}, "articles/a.md", tmp_path) == []


@pytest.mark.parametrize(("text", "expected"), [("408", 408), ("0", 0), ("1.250", 1250),
                                                 ("7.335", 7335), ("113.000", 113000),
                                                 (" 31 ", 31), ("1.500.000", 1500000)])
def test_counts(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-3", "1.5", "12,5", "abc", "", "1.25", "1.2500", "3 người",
                                  ARABIC_INDIC_2023, FULL_WIDTH_2023, "1.\u0662\u0665\u0660",
                                  "408\n409"])
def test_bad_counts(text):
    with pytest.raises(ValueError, match="whole number"):
        parse_count(text)


def test_periods():
    year = parse_period("2023")
    assert (year.start, year.end, year.kind, year.months) == ((2023, 1), (2023, 12), "year", 12)
    half = parse_period("2024-01..2024-06")
    assert (half.start, half.end, half.kind, half.months) == ((2024, 1), (2024, 6), "months", 6)
    assert parse_period("2020-01..2020-08").label == "Tháng 1–8/2020"
    assert parse_period("2023-11..2024-02").label == "Tháng 11/2023 – 2/2024"


@pytest.mark.parametrize(("text", "end", "months", "label", "short"), [
    ("2015-2020", (2019, 12), 60, "Giai đoạn 2015–2020", "2015–2020"),
    ("2020 - 2025", (2024, 12), 60, "Giai đoạn 2020–2025", "2020–2025"),
    ("2008-2011", (2010, 12), 36, "Giai đoạn 2008–2011", "2008–2011"),
    ("2023-2024", (2023, 12), 12, "Giai đoạn 2023–2024", "2023–2024"),
])
def test_a_range_of_years_is_a_term_of_that_many_years(text, end, months, label, short):
    """A-B covers A-01 through (B-1)-12: its months agree with its start and end."""
    term = parse_period(text)
    assert (term.start, term.end, term.kind) == ((int(text[:4]), 1), end, "years")
    assert term.months == months
    assert term.months == (term.end[0] - term.start[0]) * 12 + term.end[1] - term.start[1] + 1
    assert (term.label, term.short_label) == (label, short)


def test_a_range_of_one_year_says_to_write_the_year():
    with pytest.raises(ValueError, match="for the one year write 2020; expected a year"):
        parse_period("2020-2020")


@pytest.mark.parametrize(("text", "label", "short"), [
    ("2024-12..2024-12", "Tháng 12/2024", "12/2024"),
    ("2024-01..2024-06", "Tháng 1–6/2024", "1–6/2024"),
    ("2023-11..2024-02", "Tháng 11/2023 – 2/2024", "11/2023–2/2024"),
    ("2023", "Năm 2023", "2023"),
])
def test_period_labels(text, label, short):
    period = parse_period(text)
    assert (period.label, period.short_label) == (label, short)


@pytest.mark.parametrize("text", ["20233", "2025-2020", "2024-01..2023-06", "2024-00..2024-06",
                                  "2024-01..2024-13", "năm 2023", "2024/01-2024/06", "",
                                  ARABIC_INDIC_2023, FULL_WIDTH_2023, f"2020-{ARABIC_INDIC_2023}",
                                  f"{FULL_WIDTH_2023}-01..2023-06", "0000", "0999", "1929",
                                  "2101", "1900-1950", "2024-01..2101-01", "0000-00..0000-01",
                                  "2023\n2024"])
def test_bad_periods(text):
    with pytest.raises(ValueError, match="expected a year"):
        parse_period(text)


@pytest.mark.parametrize("text", ["0000", "1929", "9999", "1000-2020"])
def test_years_must_be_plausible(text):
    with pytest.raises(ValueError, match="from 1930, when the Party was founded, to 2100"):
        parse_period(text)


@pytest.mark.parametrize("text", ["1930", "2100", "2096-2100", "1930-01..1930-12"])
def test_plausible_years_at_the_bounds(text):
    assert parse_period(text).kind in ("year", "years", "months")


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
    assert ("Stats_Admitted", "content/a.md") in problems(
        {**record, "stats_admitted": ARABIC_INDIC_2023}, tmp_path)


def test_a_count_without_a_period_shows_the_period_forms(tmp_path):
    [message] = messages({**VALID, "stats_admitted": "408"}, tmp_path)
    assert message.startswith("content/a.md: Stats_Period: missing")
    for form in ("a year (2023)", "a range of years (2020-2025)",
                 "a range of months (2024-01..2024-06)"):
        assert form in message


def test_statistics_problems_leave_the_article_in(tmp_path):
    """Only the record is left out of a development build; other problems drop the file."""
    raw = {**VALID, "stats_admitted": "1,5", "stats_period": "2023", "editor": ""}
    kept = {v.field: v.drops_file for v in check_article(raw, "content/a.md", tmp_path)}
    assert kept == {"Stats_Admitted": False, "Editor": True}


def test_every_violation_in_a_file_is_reported(tmp_path):
    raw = {"title": "Bài lỗi", "date": "2022-02-30 10:00", "stats_admitted": "1,5"}
    fields = {field for field, _ in problems(raw, tmp_path)}
    assert fields == {"Category", "Editor", "Author", "Date", "Stats_Admitted", "Stats_Period"}


def test_dates_parse_to_local_naive_datetimes():
    assert parse_date("2022-04-19 16:27").hour == 16


def test_pages_need_only_a_title():
    assert check_page({"title": "Giới thiệu"}, "content/pages/gioi-thieu.md") == []
    [violation] = check_page({"title": " "}, "content/pages/x.md")
    assert str(violation) == ("content/pages/x.md: Title: missing; it is required, "
                              "e.g. 'Title: Giới thiệu'")
