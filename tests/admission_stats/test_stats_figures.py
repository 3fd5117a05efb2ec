"""Records from metadata, derived figures, rounding and the panel's choice of record."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from admission_stats.figures import (
    length_label,
    over_target,
    per_year,
    percent_of_target,
    rounded_percent,
    target_wording,
)
from admission_stats.records import (
    COUNT_LABELS,
    Source,
    record_from_metadata,
    resolve_duplicates,
)
from admission_stats.selection import panel_record
from portal_content.metadata_rules import STATS_COUNT_FIELDS, parse_period
from vn_format.filters import vn_percent

pytestmark = pytest.mark.unit

SITE_UNIT = "Đảng bộ Công an tỉnh Hải Dương"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def record(period="2023", unit=None, path="articles/a.md", when=(2024, 1, 10), **counts):
    metadata = {"stats_period": period, **{f"stats_{k}": v for k, v in counts.items()}}
    if unit:
        metadata["stats_unit"] = unit
    source = Source(f"tin/{path}.html", f"Bài {path}", datetime(*when, 8, 0, tzinfo=TZ), path)
    return record_from_metadata(metadata, SITE_UNIT, source)


# Records ---------------------------------------------------------------------------

def test_record_from_metadata_parses_every_field():
    r = record_from_metadata({"stats_unit": " Đảng bộ  huyện Phú Bình ", "stats_period": "2020",
                              "stats_target": "253", "stats_members": "7.335",
                              "title": "Phú Bình"}, SITE_UNIT)
    assert r.unit == "Đảng bộ huyện Phú Bình"
    assert r.period == parse_period("2020")
    assert dict(r.counts) == {"stats_target": 253, "stats_members": 7335}
    assert (r.target, r.admitted) == (253, None)
    assert r.source.title == "Phú Bình"


def test_the_unit_defaults_to_the_site_unit():
    assert record(admitted="31").unit == SITE_UNIT
    assert record(admitted="31", unit="   ").unit == SITE_UNIT


def test_a_unit_typed_in_decomposed_form_is_the_same_unit():
    decomposed = unicodedata.normalize("NFD", SITE_UNIT)
    assert decomposed != SITE_UNIT
    early = record(admitted="29", unit=decomposed, path="articles/a.md", when=(2024, 1, 10))
    late = record(admitted="126", unit=f" {SITE_UNIT}\u00a0", path="articles/b.md",
                  when=(2024, 2, 10))
    assert early.unit == late.unit == SITE_UNIT
    kept, superseded = resolve_duplicates([early, late])
    assert kept == [late] and [s.record for s in superseded] == [early]
    assert panel_record([early], SITE_UNIT, date(2024, 3, 1)) == early


def test_the_default_unit_is_normalised_too():
    r = record_from_metadata({"stats_period": "2023", "stats_admitted": "3"},
                             unicodedata.normalize("NFD", "Đảng bộ  huyện Phú Bình"))
    assert r.unit == "Đảng bộ huyện Phú Bình"


def test_counts_keep_the_contract_order():
    r = record(members="1.250", admitted="1", target="2", official="3", trainees="4")
    assert list(r.counts) == list(STATS_COUNT_FIELDS)
    assert r.counts["stats_members"] == 1250


@pytest.mark.parametrize("metadata", [
    {}, {"title": "Không có số liệu"}, {"stats_period": "2023"}, {"stats_period": " "},
    {"stats_admitted": "5"},
])
def test_no_record_without_a_period_and_a_count(metadata):
    assert record_from_metadata(metadata, SITE_UNIT) is None


def test_invalid_values_raise_naming_the_field():
    with pytest.raises(ValueError, match="Stats_Admitted"):
        record_from_metadata({"stats_period": "2023", "stats_admitted": "1,5"}, SITE_UNIT)
    with pytest.raises(ValueError, match="Stats_Period"):
        record_from_metadata({"stats_period": "2023/24", "stats_admitted": "5"}, SITE_UNIT)


def test_count_labels_cover_the_contract():
    assert list(COUNT_LABELS) == list(STATS_COUNT_FIELDS)


def test_the_later_article_wins_and_both_files_are_named():
    early = record(path="articles/a.md", when=(2024, 1, 10), admitted="29", target="60")
    late = record(path="articles/b.md", when=(2024, 2, 10), admitted="126", target="110")
    other = record(period="2022", path="articles/c.md", admitted="5")
    kept, superseded = resolve_duplicates([late, other, early])
    assert set(kept) == {late, other}
    [item] = superseded
    assert (item.record, item.by) == (early, late)
    message = str(item)
    assert "articles/a.md" in message and "articles/b.md" in message
    assert f"{SITE_UNIT}, Năm 2023" in message


def test_same_months_written_differently_are_the_same_period():
    kept, superseded = resolve_duplicates([
        record(period="2023", path="articles/a.md", when=(2024, 1, 1), admitted="1"),
        record(period="2023-01..2023-12", path="articles/b.md", when=(2024, 1, 2),
               admitted="2"),
    ])
    assert [r.admitted for r in kept] == [2] and len(superseded) == 1


def test_other_units_and_periods_are_not_duplicates():
    records = [record(admitted="1"), record(admitted="2", unit="Đảng bộ huyện Phú Bình"),
               record(period="2023-01..2023-06", admitted="3"), record(period="2020-2025",
                                                                      admitted="4")]
    kept, superseded = resolve_duplicates(records)
    assert len(kept) == 4 and superseded == []


def test_a_date_tie_is_settled_by_path():
    a = record(path="articles/a.md", admitted="1")
    b = record(path="articles/b.md", admitted="2")
    assert resolve_duplicates([b, a])[0] == [b]
    assert resolve_duplicates([a, b])[0] == [b]


# Derived figures -------------------------------------------------------------------

@pytest.mark.parametrize(("admitted", "target", "percent"), [
    (31, 253, "12,25%"), (408, 250, "163,2%"), (4, 20, "20%"), (29, 60, "48,33%"),
    (126, 110, "114,55%"), (1, 3, "33,33%"), (2, 3, "66,67%"), (1, 800, "0,13%"),
    (0, 10, "0%"), (250, 250, "100%"), (1365, 1000, "136,5%"),
])
def test_percent_of_target_in_vietnamese_style(admitted, target, percent):
    assert vn_percent(percent_of_target(admitted, target)) == percent


def test_percent_is_rounded_half_up_not_half_even():
    # 1/800 = 0,125%: half even would give 0,12%
    assert rounded_percent(percent_of_target(1, 800)) == Decimal("0.13")
    assert rounded_percent(percent_of_target(31, 253)) == Decimal("12.25")


@pytest.mark.parametrize(("admitted", "target"), [(5, None), (None, 10), (None, None), (5, 0)])
def test_no_percent_without_a_target_and_never_a_division_error(admitted, target):
    ratio = percent_of_target(admitted, target)
    assert ratio is None
    assert vn_percent(ratio) == "—"
    assert target_wording(ratio) is None
    assert rounded_percent(ratio) is None


@pytest.mark.parametrize(("admitted", "target", "wording"), [
    (29, 60, "đạt 48,33% chỉ tiêu"),
    (31, 253, "đạt 12,25% chỉ tiêu"),
    (126, 110, "vượt chỉ tiêu 14,55%"),
    (408, 250, "vượt chỉ tiêu 63,2%"),
    (250, 250, "đạt 100% chỉ tiêu"),
    (100001, 100000, "đạt 100% chỉ tiêu"),  # 100,001% prints as 100%: never "vượt … 0%"
    (0, 30, "đạt 0% chỉ tiêu"),
])
def test_target_wording(admitted, target, wording):
    assert target_wording(percent_of_target(admitted, target)) == wording


def test_over_target_is_decided_on_the_printed_percentage():
    assert over_target(percent_of_target(408, 250))
    assert not over_target(percent_of_target(250, 250))
    assert not over_target(percent_of_target(100001, 100000))
    assert not over_target(percent_of_target(29, 60))
    assert not over_target(None)


def test_per_year_rate_compares_periods_of_different_lengths():
    assert per_year(408, parse_period("2015-2020")) == Decimal("81.60")
    assert per_year(31, parse_period("2020-01..2020-08")) == Decimal("46.50")
    assert per_year(126, parse_period("2023")) == Decimal("126.00")
    assert per_year(None, parse_period("2023")) is None
    assert per_year(1, parse_period("2024-01..2024-03")) == Decimal("4.00")
    assert per_year(1, parse_period("2024-01..2024-07")) == Decimal("1.71")


@pytest.mark.parametrize(("months", "label"), [(12, "kỳ 1 năm"), (60, "kỳ 5 năm"),
                                               (6, "kỳ 6 tháng"), (18, "kỳ 18 tháng")])
def test_length_label(months, label):
    assert length_label(months) == label


# The panel's record ----------------------------------------------------------------

def test_the_panel_prefers_a_period_containing_today():
    past = record(period="2023", path="articles/a.md", admitted="1")
    current = record(period="2024-01..2024-06", path="articles/b.md", admitted="2")
    other_unit = record(period="2024", unit="Đảng bộ huyện Phú Bình", admitted="3")
    records = [past, current, other_unit]
    assert panel_record(records, SITE_UNIT, date(2024, 3, 15)) == current
    assert panel_record(records, SITE_UNIT, date(2024, 6, 30)) == current


def test_without_a_current_period_the_most_recent_one_is_shown():
    old = record(period="2015-2020", path="articles/a.md", admitted="408")
    recent = record(period="2023", path="articles/b.md", admitted="29")
    assert panel_record([old, recent], SITE_UNIT, date(2024, 7, 1)) == recent


def test_a_record_with_admissions_beats_a_target_only_plan():
    # The sample site: the 2015-2020 result against the 2020-2025 plan (target only).
    result = record(period="2015-2020", path="articles/a.md", when=(2020, 7, 16),
                    target="250", admitted="408")
    plan = record(period="2020-2025", path="articles/b.md", when=(2020, 10, 6), target="150")
    for today in (date(2022, 5, 1), date(2026, 12, 1)):  # during the plan's term, and after
        assert panel_record([result, plan], SITE_UNIT, today) == result


def test_without_any_admissions_every_record_competes():
    past = record(period="2019", path="articles/a.md", target="60")
    plan = record(period="2020-2025", path="articles/b.md", target="150")
    assert panel_record([past, plan], SITE_UNIT, date(2022, 5, 1)) == plan


def test_of_two_current_periods_the_later_starting_one_is_shown():
    term = record(period="2020-2025", path="articles/a.md", when=(2024, 6, 1), admitted="100")
    year = record(period="2024", path="articles/b.md", when=(2024, 1, 1), admitted="10")
    half = record(period="2024-01..2024-06", path="articles/c.md", when=(2024, 1, 1),
                  admitted="4")
    assert panel_record([term, year], SITE_UNIT, date(2024, 5, 1)) == year
    # Starting together, the shorter period is the more specific one.
    assert panel_record([term, year, half], SITE_UNIT, date(2024, 5, 1)) == half
    assert panel_record([term, year, half], SITE_UNIT, date(2024, 7, 1)) == year


def test_a_current_period_beats_an_ended_one():
    ended = record(period="2023-07..2024-03", path="articles/a.md", admitted="9")
    current = record(period="2024", path="articles/b.md", admitted="2")
    assert panel_record([ended, current], SITE_UNIT, date(2024, 5, 1)) == current


def test_of_ended_periods_the_latest_end_then_the_latest_start_wins():
    whole = record(period="2023-01..2023-12", path="articles/a.md", admitted="20")
    second_half = record(period="2023-07..2023-12", path="articles/b.md", admitted="12")
    earlier = record(period="2022-06..2023-11", path="articles/c.md", admitted="30")
    records = [earlier, whole, second_half]
    assert panel_record(records, SITE_UNIT, date(2024, 5, 1)) == second_half
    assert panel_record([earlier, whole], SITE_UNIT, date(2024, 5, 1)) == whole


def test_a_tie_goes_to_the_later_article():
    # Equal periods of one unit are duplicates; the panel settles them the same way.
    early = record(period="2023", path="articles/a.md", when=(2024, 1, 10), admitted="29")
    late = record(period="2023", path="articles/b.md", when=(2024, 2, 10), admitted="126")
    assert panel_record([late, early], SITE_UNIT, date(2024, 5, 1)) == late
    assert panel_record([early, late], SITE_UNIT, date(2024, 5, 1)) == late


def test_of_plans_for_later_periods_the_next_one_is_shown():
    soon = record(period="2026-2030", path="articles/a.md", target="150")
    later = record(period="2031-2035", path="articles/b.md", target="170")
    assert panel_record([later, soon], SITE_UNIT, date(2024, 5, 1)) == soon


def test_a_plan_for_a_later_period_is_shown_only_when_nothing_else_is():
    past = record(period="2023", path="articles/a.md", admitted="29")
    plan = record(period="2026-2030", path="articles/b.md", target="150")
    assert panel_record([past, plan], SITE_UNIT, date(2024, 5, 1)) == past
    assert panel_record([plan], SITE_UNIT, date(2024, 5, 1)) == plan


def test_no_panel_record_without_records_of_the_site_unit():
    other = record(unit="Đảng bộ huyện Phú Bình", admitted="3")
    assert panel_record([other], SITE_UNIT, date(2024, 1, 1)) is None
    assert panel_record([], SITE_UNIT, date(2024, 1, 1)) is None
