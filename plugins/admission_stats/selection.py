"""Which record the sidebar panel shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from portal_content.metadata_rules import Period

from .records import StatsRecord, newest_first


def contains(period: Period, day: date) -> bool:
    return period.start <= (day.year, day.month) <= period.end


def panel_record(records: Iterable[StatsRecord], unit: str, today: date) -> StatsRecord | None:
    """The unit's record for the current or most recent period.

    Preference, in order: a period that contains `today`; a period already begun
    (a plan for a later period only when nothing else exists); the latest end;
    the latest start (the shorter of two periods ending together); the later article.
    """
    mine = [r for r in records if r.unit == unit]
    if not mine:
        return None
    month = (today.year, today.month)
    return max(mine, key=lambda r: (
        contains(r.period, today), r.period.start <= month, r.period.end, r.period.start,
        newest_first(r),
    ))
