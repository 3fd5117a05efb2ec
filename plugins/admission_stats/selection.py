"""Which record the sidebar panel shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from portal_content.metadata_rules import Period

from .records import StatsRecord, newest_first


def contains(period: Period, day: date) -> bool:
    return period.start <= (day.year, day.month) <= period.end


def panel_record(records: Iterable[StatsRecord], unit: str, today: date) -> StatsRecord | None:
    """The unit's record for the current or most recent period, admissions first.

    Only records that report admissions compete (all of the unit's records when none
    does), so a target-only plan never hides the figures a progress bar needs. Then:
    a period containing `today`, the one that started last (the most specific), the
    shorter of two starting together; else the most recently ended period (latest
    end, then latest start); else the next period to begin. Final tie: the later article.
    """
    mine = [r for r in records if r.unit == unit]
    candidates = [r for r in mine if r.admitted is not None] or mine
    month = (today.year, today.month)
    current = [r for r in candidates if contains(r.period, today)]
    if current:
        return max(current, key=lambda r: (r.period.start, -r.period.months, newest_first(r)))
    ended = [r for r in candidates if r.period.end < month]
    if ended:
        return max(ended, key=lambda r: (r.period.end, r.period.start, newest_first(r)))
    if candidates:  # only plans for later periods
        return max(candidates, key=lambda r: (_negated(r.period.start), newest_first(r)))
    return None


def _negated(month: tuple[int, int]) -> tuple[int, int]:
    """So max() picks the earliest month."""
    return (-month[0], -month[1])
