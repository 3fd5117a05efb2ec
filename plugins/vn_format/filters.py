"""The one home for Vietnamese date and number formatting.

Babel's named `vi` formats do not match portal style, so explicit patterns are used
(see shared/domain/facts.md). Percentages are rounded half up with Decimal first,
because Babel rounds half to even.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

LOCALE = "vi"
PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TWO_PLACES = Decimal("0.01")


def _local(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=PORTAL_TZ)
    return value.astimezone(PORTAL_TZ)


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return _local(value)
    return datetime(value.year, value.month, value.day, tzinfo=PORTAL_TZ)


def vn_dateline(value: datetime) -> str:
    """'Thứ Ba, 19/04/2022, 16:27 [GMT+7]': the article date line."""
    text = format_datetime(_as_datetime(value), "EEEE, dd/MM/y, HH:mm", locale=LOCALE)
    return f"{text} [GMT+7]"


def vn_weekday_date(value: date | datetime) -> str:
    """'Chủ Nhật, 21/7/2024'."""
    return format_datetime(_as_datetime(value), "EEEE, d/M/y", locale=LOCALE)


def vn_date(value: date | datetime) -> str:
    """'19/04/2022'."""
    return format_datetime(_as_datetime(value), "dd/MM/y", locale=LOCALE)


def vn_datetime(value: datetime) -> str:
    """'19/04/2022 16:27'."""
    return format_datetime(_as_datetime(value), "dd/MM/y HH:mm", locale=LOCALE)


def iso_datetime(value: date | datetime) -> str:
    """ISO 8601 with the +07:00 offset, for <time datetime> and APIs."""
    return _as_datetime(value).isoformat()


def vn_number(value: int | float | Decimal) -> str:
    """1365 -> '1.365'; 12.5 -> '12,5'."""
    return format_decimal(value, format="#,##0.##", locale=LOCALE)


def round_half_up(value: Decimal | float | int, places: Decimal = TWO_PLACES) -> Decimal:
    return Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def vn_percent(ratio: Decimal | float | int | None, empty: str = "—") -> str:
    """A ratio as a Vietnamese percentage: 0.1225 -> '12,25%', 1.632 -> '163,2%'.

    At most two decimals, rounded half up. None (no denominator) gives `empty`.
    """
    if ratio is None:
        return empty
    percent = round_half_up(Decimal(str(ratio)) * 100)
    return format_decimal(percent, format="#,##0.##", locale=LOCALE) + "%"


FILTERS = {
    "vn_dateline": vn_dateline,
    "vn_weekday_date": vn_weekday_date,
    "vn_date": vn_date,
    "vn_datetime": vn_datetime,
    "iso_datetime": iso_datetime,
    "vn_number": vn_number,
    "vn_percent": vn_percent,
}
