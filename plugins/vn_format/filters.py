"""The one home for Vietnamese date and number formatting.

Babel's named `vi` formats do not match portal style, so explicit patterns are used
(see shared/domain/facts.md). Percentages are rounded half up with Decimal first,
because Babel rounds half to even.

A build formats the same few thousand dates and numbers hundreds of thousands of times
(the "Mới nhất" box alone is on every page), so the locale and the patterns are parsed
once, and each filter remembers its recent results: the functions are pure, and a
date's text depends only on its instant.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.core import Locale
from babel.dates import format_datetime
from babel.dates import parse_pattern as parse_date_pattern
from babel.numbers import format_decimal
from babel.numbers import parse_pattern as parse_number_pattern

LOCALE = "vi"
PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TWO_PLACES = Decimal("0.01")
CACHE_SIZE = 1 << 16  # distinct values remembered per filter

_LOCALE = Locale.parse(LOCALE)
DATELINE = parse_date_pattern("EEEE, dd/MM/y, HH:mm")
WEEKDAY_DATE = parse_date_pattern("EEEE, d/M/y")
DATE = parse_date_pattern("dd/MM/y")
DATETIME = parse_date_pattern("dd/MM/y HH:mm")
NUMBER = parse_number_pattern("#,##0.##")


def _local(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=PORTAL_TZ)
    return value.astimezone(PORTAL_TZ)


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return _local(value)
    return datetime(value.year, value.month, value.day, tzinfo=PORTAL_TZ)


def _format(value: date | datetime, pattern) -> str:
    return format_datetime(_as_datetime(value), pattern, locale=_LOCALE)


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def vn_dateline(value: datetime) -> str:
    """'Thứ Ba, 19/04/2022, 16:27 [GMT+7]': the article date line."""
    return f"{_format(value, DATELINE)} [GMT+7]"


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def vn_weekday_date(value: date | datetime) -> str:
    """'Chủ Nhật, 21/7/2024'."""
    return _format(value, WEEKDAY_DATE)


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def vn_date(value: date | datetime) -> str:
    """'19/04/2022'."""
    return _format(value, DATE)


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def vn_datetime(value: datetime) -> str:
    """'19/04/2022 16:27'."""
    return _format(value, DATETIME)


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def iso_datetime(value: date | datetime) -> str:
    """ISO 8601 with the +07:00 offset, for <time datetime> and APIs."""
    return _as_datetime(value).isoformat()


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def vn_number(value: int | float | Decimal) -> str:
    """1365 -> '1.365'; 12.5 -> '12,5'."""
    return format_decimal(value, format=NUMBER, locale=_LOCALE)


def round_half_up(value: Decimal | float | int, places: Decimal = TWO_PLACES) -> Decimal:
    return Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def vn_percent(ratio: Decimal | float | int | None, empty: str = "—") -> str:
    """A ratio as a Vietnamese percentage: 0.1225 -> '12,25%', 1.632 -> '163,2%'.

    At most two decimals, rounded half up. None (no denominator) gives `empty`.
    """
    if ratio is None:
        return empty
    percent = round_half_up(Decimal(str(ratio)) * 100)
    return format_decimal(percent, format=NUMBER, locale=_LOCALE) + "%"


FILTERS = {
    "vn_dateline": vn_dateline,
    "vn_weekday_date": vn_weekday_date,
    "vn_date": vn_date,
    "vn_datetime": vn_datetime,
    "iso_datetime": iso_datetime,
    "vn_number": vn_number,
    "vn_percent": vn_percent,
}
