"""Open data: every record with its derived figures and source, as CSV and as JSON.

JSON keeps every text exact; in the CSV, text that a spreadsheet would run as a formula
gets a leading apostrophe (numbers are written as they are).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from portal_content.metadata_rules import STATS_COUNT_FIELDS
from vn_format.filters import iso_datetime

from .figures import per_year, percent_of_target, rounded_percent, target_wording
from .records import StatsRecord

COUNT_NAMES = {field: field.removeprefix("stats_") for field in STATS_COUNT_FIELDS}
CSV_COLUMNS = [
    "unit", "period", "period_label", "period_start", "period_end", "period_months",
    *COUNT_NAMES.values(),
    "percent_of_target", "target_wording", "admitted_per_year",
    "source_title", "source_url", "source_date",
]


def absolute(url: str, siteurl: str) -> str:
    """A site-relative URL made absolute when SITEURL is set."""
    return f"{siteurl}/{url}" if siteurl else url


def record_data(record: StatsRecord, siteurl: str) -> dict:
    """One record as plain data: numbers as numbers, None where a figure is missing."""
    period = record.period
    ratio = percent_of_target(record.admitted, record.target)
    return {
        "unit": record.unit,
        "period": {
            "text": period.text,
            "label": period.label,
            "kind": period.kind,
            "start": _month(period.start),
            "end": _month(period.end),
            "months": period.months,
        },
        "counts": {name: record.counts.get(field) for field, name in COUNT_NAMES.items()},
        "percent_of_target": _number(rounded_percent(ratio)),
        "target_wording": target_wording(ratio),
        "admitted_per_year": _number(per_year(record.admitted, period)),
        "source": {
            "title": record.source.title,
            "url": absolute(record.source.url, siteurl),
            "date": iso_datetime(record.source.date) if record.source.date else None,
        },
    }


def to_json(records: Sequence[StatsRecord], siteurl: str, site_unit: str) -> str:
    data = {
        "site_unit": site_unit,
        "fields": {name: STATS_COUNT_FIELDS[field] for field, name in COUNT_NAMES.items()},
        "percent_of_target": "admitted / target × 100, two decimals rounded half up; "
                             "null without a target",
        "records": [record_data(record, siteurl) for record in records],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: Sequence[StatsRecord], siteurl: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        data = record_data(record, siteurl)
        period, source = data["period"], data["source"]
        row = {
            "unit": data["unit"],
            "period": period["text"],
            "period_label": period["label"],
            "period_start": period["start"],
            "period_end": period["end"],
            "period_months": period["months"],
            **data["counts"],
            "percent_of_target": data["percent_of_target"],
            "target_wording": data["target_wording"],
            "admitted_per_year": data["admitted_per_year"],
            "source_title": source["title"],
            "source_url": source["url"],
            "source_date": source["date"],
        }
        writer.writerow({name: _cell(value) for name, value in row.items()})
    return out.getvalue()


def write_open_data(output_path: str | Path, csv_path: str, json_path: str,
                    records: Sequence[StatsRecord], siteurl: str, site_unit: str) -> None:
    for relative, text in ((csv_path, to_csv(records, siteurl)),
                           (json_path, to_json(records, siteurl, site_unit))):
        target = Path(output_path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")


def _month(value: tuple[int, int]) -> str:
    return f"{value[0]:04d}-{value[1]:02d}"


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: 20 stays 20, 12.25 becomes 12.25."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell: numbers as they are; text that a spreadsheet would run gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)
