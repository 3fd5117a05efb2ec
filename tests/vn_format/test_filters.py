"""Vietnamese formatting, independent of the system locale."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from vn_format.filters import (
    iso_datetime,
    vn_date,
    vn_dateline,
    vn_datetime,
    vn_number,
    vn_percent,
    vn_weekday_date,
)

pytestmark = pytest.mark.unit


def test_dateline_in_portal_style():
    assert vn_dateline(datetime(2022, 4, 19, 16, 27)) == "Thứ Ba, 19/04/2022, 16:27 [GMT+7]"


def test_dateline_converts_to_vietnam_time():
    utc = datetime(2022, 4, 19, 20, 30, tzinfo=UTC)
    assert vn_dateline(utc) == "Thứ Tư, 20/04/2022, 03:30 [GMT+7]"


@pytest.mark.parametrize(("day", "name"), [(15, "Thứ Hai"), (16, "Thứ Ba"), (17, "Thứ Tư"),
                                           (18, "Thứ Năm"), (19, "Thứ Sáu"), (20, "Thứ Bảy"),
                                           (21, "Chủ Nhật")])
def test_weekday_names(day, name):
    assert vn_weekday_date(date(2024, 7, day)) == f"{name}, {day}/7/2024"


def test_short_forms():
    moment = datetime(2020, 8, 13, 11, 24)
    assert vn_date(moment) == "13/08/2020"
    assert vn_datetime(moment) == "13/08/2020 11:24"
    assert iso_datetime(moment) == "2020-08-13T11:24:00+07:00"
    assert iso_datetime(date(2020, 8, 13)) == "2020-08-13T00:00:00+07:00"


@pytest.mark.parametrize(("value", "text"), [(1365, "1.365"), (7335, "7.335"),
                                             (113000, "113.000"), (12.25, "12,25"), (0, "0")])
def test_numbers(value, text):
    assert vn_number(value) == text


@pytest.mark.parametrize(("ratio", "text"), [
    (Decimal(31) / 253, "12,25%"),
    (Decimal(408) / 250, "163,2%"),
    (Decimal(4) / 20, "20%"),
    (Decimal("0.99745"), "99,75%"),  # half up, where Babel alone rounds half to even
    (Decimal("0.12345"), "12,35%"),
    (Decimal(0), "0%"),
    (Decimal(1365), "136.500%"),
])
def test_percentages_round_half_up_with_two_decimals_at_most(ratio, text):
    assert vn_percent(ratio) == text


def test_percentage_without_denominator_is_a_dash():
    assert vn_percent(None) == "—"
