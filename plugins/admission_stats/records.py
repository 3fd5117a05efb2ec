"""Statistics records: one per article at most, made from the article's raw metadata.

The rules for the fields live in portal_content.metadata_rules, which reports a file
that breaks them; here the same parsers run again and a record they reject is left out.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from portal_content.metadata_rules import (
    STATS_COUNT_FIELDS,
    Period,
    field_name,
    parse_count,
    parse_period,
)

logger = logging.getLogger(__name__)

# Short labels for tables and boxes, in STATS_COUNT_FIELDS order.
COUNT_LABELS = {
    "stats_target": "Chỉ tiêu",
    "stats_admitted": "Kết nạp",
    "stats_trainees": "Bồi dưỡng nhận thức về Đảng",
    "stats_official": "Công nhận chính thức",
    "stats_members": "Tổng số đảng viên",
}


@dataclass(frozen=True)
class Source:
    """The article that reported a record."""

    url: str  # relative to SITEURL, as Pelican gives it
    title: str
    date: datetime | None
    path: str  # relative to the content folder, as build messages name files


@dataclass(frozen=True)
class StatsRecord:
    unit: str
    period: Period
    # only the counts the article gives, in STATS_COUNT_FIELDS order
    counts: Mapping[str, int] = field(hash=False)
    source: Source

    @property
    def key(self) -> tuple:
        """Records with the same key report the same thing: one unit, the same months."""
        return (self.unit, self.period.start, self.period.end, self.period.months)

    @property
    def target(self) -> int | None:
        return self.counts.get("stats_target")

    @property
    def admitted(self) -> int | None:
        return self.counts.get("stats_admitted")


@dataclass(frozen=True)
class Superseded:
    """A record replaced by a later article's record for the same unit and period."""

    record: StatsRecord
    by: StatsRecord

    def __str__(self) -> str:
        return (
            f"admission_stats: {self.record.source.path} and {self.by.source.path} both report "
            f"{self.by.unit}, {self.by.period.label}; using {self.by.source.path}, "
            f"the later article, and ignoring {self.record.source.path}"
        )


def normalise_unit(text: str | None) -> str:
    """One spelling per unit: NFC (a decomposed 'ả' equals the composed one), single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def record_from_metadata(metadata: Mapping[str, object], default_unit: str,
                         source: Source | None = None) -> StatsRecord | None:
    """The record in one article's metadata, or None when it carries none.

    Raises ValueError for a value the metadata rules reject (a build with
    portal_content never gets here with one).
    """
    period_text = str(metadata.get("stats_period") or "").strip()
    if not period_text:
        return None
    counts = {}
    for name in STATS_COUNT_FIELDS:
        text = str(metadata.get(name) or "").strip()
        if text:
            counts[name] = _parse(parse_count, name, text)
    if not counts:
        return None
    return StatsRecord(
        unit=normalise_unit(metadata.get("stats_unit")) or normalise_unit(default_unit),
        period=_parse(parse_period, "stats_period", period_text),
        counts=counts,
        source=source or Source("", str(metadata.get("title", "")), None, ""),
    )


def _parse(parse, name: str, text: str):
    try:
        return parse(text)
    except ValueError as error:
        raise ValueError(f"{field_name(name)}: {error}") from None


def record_from_article(article, default_unit: str) -> StatsRecord | None:
    source = Source(
        url=article.url,
        title=article.title,
        date=getattr(article, "date", None),
        path=article.relative_source_path,
    )
    return record_from_metadata(article.metadata, default_unit, source)


def newest_first(record: StatsRecord) -> tuple:
    """Sort key: later article date, then later path (so ties are settled the same way)."""
    moment = record.source.date.timestamp() if record.source.date else float("-inf")
    return (moment, record.source.path)


def resolve_duplicates(records: Iterable[StatsRecord]
                       ) -> tuple[list[StatsRecord], list[Superseded]]:
    """One record per unit and period: the later article's. Returns kept and superseded."""
    groups: dict[tuple, list[StatsRecord]] = defaultdict(list)
    for record in records:
        groups[record.key].append(record)
    kept, superseded = [], []
    for group in groups.values():
        group.sort(key=newest_first)
        winner = group[-1]
        kept.append(winner)
        superseded.extend(Superseded(record, winner) for record in group[:-1])
    return kept, superseded


def collect(articles: Iterable, default_unit: str) -> tuple[list[StatsRecord], list[Superseded]]:
    """The records of these articles, one per unit and period, and those superseded."""
    records = []
    for article in articles:
        try:
            record = record_from_article(article, default_unit)
        except ValueError as error:
            logger.error("admission_stats: %s: %s; its figures are left out",
                         article.relative_source_path, error)
            continue
        if record is not None:
            records.append(record)
    return resolve_duplicates(records)
