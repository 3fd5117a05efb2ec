"""The statistics fields of the editors' contract, as this plugin relies on them.

The rules live in portal_content.metadata_rules; these tests pin every field form the
statistics plugin accepts, and the values it must never see.
"""

from __future__ import annotations

import pytest
from portal_content.metadata_rules import (
    STATS_COUNT_FIELDS,
    check_article,
    field_name,
    parse_count,
    parse_period,
)

pytestmark = [pytest.mark.usefixtures("english_messages"), pytest.mark.unit]

VALID = {
    "title": "Hội nghị phát triển đảng viên",
    "date": "2022-04-19 16:27",
    "category": "Phát triển đảng viên",
    "author": "Phòng Chính trị",
    "editor": "Loan Trần, phòng HCTH",
}
RECORD = {**VALID, "stats_period": "2015-2020", "stats_target": "250", "stats_admitted": "408"}


def stats_problems(raw, tmp_path) -> list[str]:
    return [str(v) for v in check_article(raw, "articles/a.md", tmp_path)
            if v.field.startswith("Stats_")]


@pytest.mark.parametrize(("text", "expected"), [
    ("0", 0), ("7", 7), ("408", 408), ("1250", 1250), ("1.250", 1250), ("7.335", 7335),
    ("113.000", 113000), ("1.500.000", 1500000), (" 31 ", 31),
])
def test_counts_are_whole_numbers_with_optional_thousands_dots(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", [
    "", "-1", "+3", "1,5", "1,250", "12.5", "1.25", "1.2500", ".250", "1.", "1 250", "ba",
    "12%", "1e3",
    "٣", "１２", "1.２５０", "४०८",  # digits of other scripts: ASCII 0-9 only
])
def test_bad_counts_are_rejected(text):
    with pytest.raises(ValueError, match="whole number"):
        parse_count(text)


def test_a_year():
    period = parse_period("2023")
    assert (period.start, period.end, period.kind, period.months) == ((2023, 1), (2023, 12),
                                                                      "year", 12)
    assert period.label == "Năm 2023"


@pytest.mark.parametrize("text", ["2020-2025", "2020 - 2025"])
def test_a_range_of_years_is_a_congress_term(text):
    # The term 2020-2025 runs from the 2020 congress to the 2025 one: 2020-01..2024-12.
    period = parse_period(text)
    assert (period.start, period.end, period.kind) == ((2020, 1), (2024, 12), "years")
    assert period.months == 60  # five years, 12 × (2025 − 2020)
    assert period.label == "Giai đoạn 2020–2025"  # as written


def test_a_term_covers_the_same_months_as_their_range():
    term, months = parse_period("2015-2020"), parse_period("2015-01..2019-12")
    assert (term.start, term.end, term.months) == (months.start, months.end, months.months)


@pytest.mark.parametrize("text", ["2024-01..2024-06", "2024-01 .. 2024-06"])
def test_a_range_of_months(text):
    period = parse_period(text)
    assert (period.start, period.end, period.kind, period.months) == ((2024, 1), (2024, 6),
                                                                      "months", 6)
    assert period.label == "Tháng 1–6/2024"


def test_a_single_month():
    period = parse_period("2024-12..2024-12")
    assert (period.months, period.label) == (1, "Tháng 12/2024")


def test_a_range_of_months_across_years():
    period = parse_period("2023-11..2024-02")
    assert period.months == 4
    assert period.label == "Tháng 11/2023 – 2/2024"


@pytest.mark.parametrize("text", [
    "", "23", "năm 2023", "2025-2020", "2020-2020", "2024-00..2024-06", "2024-01..2024-13",
    "2024-06..2024-01", "2024-1..2024-6", "2024-01-2024-06", "2020..2021", "2024/01",
    "２０２３", "٢٠٢٣", "2020-２０２５", "2024-０１..2024-06",  # ASCII 0-9 only
])
def test_bad_periods_are_rejected(text):
    with pytest.raises(ValueError, match="expected a year"):
        parse_period(text)


def test_a_full_record_is_valid(tmp_path):
    raw = {**RECORD, "stats_unit": "Đảng bộ huyện Phú Bình", "stats_trainees": "361",
           "stats_official": "404", "stats_members": "7.335"}
    assert stats_problems(raw, tmp_path) == []


@pytest.mark.parametrize("field", list(STATS_COUNT_FIELDS))
def test_one_count_with_a_period_is_a_record(field, tmp_path):
    assert stats_problems({**VALID, "stats_period": "2024-01..2024-06", field: "1.250"},
                          tmp_path) == []


@pytest.mark.parametrize("field", list(STATS_COUNT_FIELDS))
def test_each_count_field_is_checked(field, tmp_path):
    [message] = stats_problems({**RECORD, field: "1,5"}, tmp_path)
    assert message.startswith(f"articles/a.md: {field_name(field)}: '1,5' is not a whole number")


def test_the_period_is_checked(tmp_path):
    [message] = stats_problems({**RECORD, "stats_period": "2020..2021"}, tmp_path)
    assert message.startswith("articles/a.md: Stats_Period: '2020..2021' is not a period")


def test_a_count_needs_a_period(tmp_path):
    [message] = stats_problems({**VALID, "stats_admitted": "408"}, tmp_path)
    assert "Stats_Period: missing" in message


def test_a_period_needs_a_count(tmp_path):
    [message] = stats_problems({**VALID, "stats_period": "2020"}, tmp_path)
    assert "Stats_Period: given without any count" in message


def test_a_unit_needs_a_record(tmp_path):
    [message] = stats_problems({**VALID, "stats_unit": "Đảng bộ huyện Phú Bình"}, tmp_path)
    assert "Stats_Unit: given without a record" in message


def test_an_article_without_statistics_is_valid(tmp_path):
    assert stats_problems(VALID, tmp_path) == []
