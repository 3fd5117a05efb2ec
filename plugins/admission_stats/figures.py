"""Figures derived from a record's counts: share of the target, its wording, per-year rate."""

from __future__ import annotations

from decimal import Decimal

from portal_content.metadata_rules import Period
from vn_format.filters import round_half_up, vn_percent

HUNDRED = Decimal(100)


def percent_of_target(admitted: int | None, target: int | None) -> Decimal | None:
    """Admitted as a ratio of the target (0.1225 for 12,25%); None without both, or target 0."""
    if admitted is None or not target:
        return None
    return Decimal(admitted) / Decimal(target)


def rounded_percent(ratio: Decimal | None) -> Decimal | None:
    """The ratio as a percentage, two decimals, half up: 0.122529… -> 12.25 (open data)."""
    if ratio is None:
        return None
    return round_half_up(ratio * HUNDRED)


def over_target(ratio: Decimal | None) -> bool:
    """Above the target as printed: 100,001% prints 100%, so it is not 'vượt'."""
    return ratio is not None and round_half_up(ratio * HUNDRED) > HUNDRED


def target_wording(ratio: Decimal | None) -> str | None:
    """'đạt 48,33% chỉ tiêu', 'đạt 100% chỉ tiêu' or 'vượt chỉ tiêu 63,2%'."""
    if ratio is None:
        return None
    if over_target(ratio):
        return f"vượt chỉ tiêu {vn_percent(ratio - 1)}"
    return f"đạt {vn_percent(ratio)} chỉ tiêu"


def per_year(count: int | None, period: Period) -> Decimal | None:
    """A count over a period as a yearly rate (two decimals, half up), to compare lengths."""
    if count is None:
        return None
    return round_half_up(Decimal(count) * 12 / period.months)


def length_label(months: int) -> str:
    """'kỳ 1 năm', 'kỳ 5 năm', 'kỳ 6 tháng'."""
    if months % 12 == 0:
        return f"kỳ {months // 12} năm"
    return f"kỳ {months} tháng"
