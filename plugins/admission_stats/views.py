"""What the templates get as context["admission_stats"]: ready-made panel, boxes and tables.

Numbers stay numbers (templates format them with the vn_format filters); wording,
grouping and charts are settled here so the templates hold no logic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup
from unidecode import unidecode
from vn_format.filters import vn_number

from .chart import Bar, bar_chart
from .figures import (
    length_label,
    over_target,
    per_year,
    percent_of_target,
    target_wording,
)
from .records import COUNT_LABELS, Source, StatsRecord, Superseded
from .selection import panel_record
from .settings import StatsSettings

PROGRESS_FIELDS = ("stats_target", "stats_admitted")


@dataclass(frozen=True)
class Count:
    field: str
    label: str
    value: int


@dataclass(frozen=True)
class RecordView:
    """One record for the panel or an article's box."""

    unit: str
    period_label: str
    source: Source
    target: int | None
    admitted: int | None
    percent: Decimal | None  # ratio of target: format with vn_percent
    wording: str | None  # "đạt 12,25% chỉ tiêu" / "vượt chỉ tiêu 63,2%"
    counts: tuple[Count, ...]  # every count the article gives
    superseded_by: Source | None = None  # a later article reporting the same unit and period

    @property
    def has_progress(self) -> bool:
        """Admitted and a non-zero target: a progress bar and its wording."""
        return self.percent is not None

    @property
    def other_counts(self) -> tuple[Count, ...]:
        """The counts not already shown by the progress bar."""
        if not self.has_progress:
            return self.counts
        return tuple(c for c in self.counts if c.field not in PROGRESS_FIELDS)


@dataclass(frozen=True)
class Column:
    field: str
    label: str


@dataclass(frozen=True)
class Row:
    period_label: str
    cells: tuple[int | None, ...]  # aligned with the group's columns
    percent: Decimal | None
    excess: str | None  # "vượt chỉ tiêu 63,2%" beside 163,2%; None up to the target
    admitted_per_year: Decimal | None
    source: Source


@dataclass(frozen=True)
class Group:
    """The records of one unit whose periods have the same length: one table, one chart."""

    months: int
    title: str
    table_id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    show_per_year: bool
    chart: Markup | None
    chart_caption: str


@dataclass(frozen=True)
class Unit:
    name: str
    anchor: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class AdmissionStats:
    site_unit: str
    page_url: str
    csv_url: str
    json_url: str
    records: tuple[StatsRecord, ...]  # the kept records, in page order
    units: tuple[Unit, ...]
    panel: RecordView | None
    boxes: Mapping[str, RecordView] = field(default_factory=dict)  # by source path

    def box_for(self, article) -> RecordView | None:
        """The record an article reports, for its "Số liệu" box."""
        return self.boxes.get(getattr(article, "relative_source_path", None))


def record_view(record: StatsRecord, superseded_by: Source | None = None) -> RecordView:
    ratio = percent_of_target(record.admitted, record.target)
    return RecordView(
        unit=record.unit,
        period_label=record.period.label,
        source=record.source,
        target=record.target,
        admitted=record.admitted,
        percent=ratio,
        wording=target_wording(ratio),
        counts=tuple(Count(f, COUNT_LABELS[f], v) for f, v in record.counts.items()),
        superseded_by=superseded_by,
    )


def page_order(records: Iterable[StatsRecord], site_unit: str) -> list[StatsRecord]:
    """The site's unit first, then the others by name; within a unit, by period."""
    return sorted(records, key=lambda r: (r.unit != site_unit, _name_key(r.unit), r.unit,
                                          r.period.start, r.period.end))


def build(records: Sequence[StatsRecord], superseded: Sequence[Superseded],
          settings: StatsSettings) -> AdmissionStats:
    ordered = page_order(records, settings.site_unit)
    chosen = panel_record(ordered, settings.site_unit, settings.today)
    boxes = {r.source.path: record_view(r) for r in ordered}
    boxes.update({s.record.source.path: record_view(s.record, s.by.source) for s in superseded})
    return AdmissionStats(
        site_unit=settings.site_unit,
        page_url=settings.url,
        csv_url=settings.csv_path,
        json_url=settings.json_path,
        records=tuple(ordered),
        units=tuple(_units(ordered)),
        panel=record_view(chosen) if chosen else None,
        boxes=boxes,
    )


def _units(ordered: list[StatsRecord]) -> list[Unit]:
    by_unit: dict[str, list[StatsRecord]] = defaultdict(list)
    for record in ordered:
        by_unit[record.unit].append(record)
    units, anchors = [], set()
    for name, records in by_unit.items():
        anchor = _anchor(name, anchors)
        by_length: dict[int, list[StatsRecord]] = defaultdict(list)
        for record in records:
            by_length[record.period.months].append(record)
        groups = tuple(_group(name, anchor, months, by_length[months])
                       for months in sorted(by_length, reverse=True))
        units.append(Unit(name, anchor, groups))
    return units


def _group(unit: str, anchor: str, months: int, records: list[StatsRecord]) -> Group:
    length = length_label(months)
    columns = tuple(Column(f, label) for f, label in COUNT_LABELS.items()
                    if any(f in r.counts for r in records))
    rows = []
    for r in records:
        ratio = percent_of_target(r.admitted, r.target)
        rows.append(Row(
            period_label=r.period.label,
            cells=tuple(r.counts.get(c.field) for c in columns),
            percent=ratio,
            excess=target_wording(ratio) if over_target(ratio) else None,
            admitted_per_year=per_year(r.admitted, r.period),
            source=r.source,
        ))
    table_id = f"{anchor}-{months}-thang"
    caption = f"{unit}: số liệu các {length}"
    return Group(
        months=months,
        title=length[0].upper() + length[1:],
        table_id=table_id,
        caption=caption,
        columns=columns,
        rows=tuple(rows),
        show_per_year=months != 12 and any(r.admitted is not None for r in records),
        chart=_chart(unit, length, table_id, records),
        chart_caption=(
            f"Kết nạp so với chỉ tiêu, các {length}. Biểu đồ chỉ so sánh các kỳ cùng độ dài; "
            "kỳ có độ dài khác được trình bày riêng. Số liệu chi tiết ở bảng bên dưới."
        ),
    )


def _chart(unit: str, length: str, table_id: str, records: list[StatsRecord]) -> Markup | None:
    if not any(r.admitted is not None or r.target is not None for r in records):
        return None
    bars = [Bar(r.period.short_label, r.target, r.admitted) for r in records]
    description = " ".join(_describe(r) for r in records)
    title = f"Kết nạp so với chỉ tiêu, các {length} – {unit}"
    return Markup(bar_chart(bars, f"{table_id}-bieu-do", title, description))


def _describe(record: StatsRecord) -> str:
    parts = [
        f"chỉ tiêu {vn_number(record.target)}" if record.target is not None
        else "không có chỉ tiêu",
        f"kết nạp {vn_number(record.admitted)}" if record.admitted is not None
        else "không có số kết nạp",
    ]
    wording = target_wording(percent_of_target(record.admitted, record.target))
    if wording:
        parts.append(wording)
    return f"{record.period.label}: {', '.join(parts)}."


def _name_key(name: str) -> str:
    return unidecode(name).casefold()


def _anchor(name: str, taken: set[str]) -> str:
    base = "don-vi-" + (re.sub(r"[^a-z0-9]+", "-", _name_key(name)).strip("-") or "khac")
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor
