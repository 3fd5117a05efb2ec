"""The editors' contract: every rule about article and page metadata lives here.

Pure functions over the raw `Key: value` strings of one file, so the Pelican build,
the statistics plugin and any checker share them. Each broken rule is a `Violation`
that names the file, the field and what is expected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DATE_FORMAT = "%Y-%m-%d %H:%M"
DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
STATUSES = ("draft", "hidden", "published")
FEATURED_VALUES = {"yes": True, "có": True, "no": False, "không": False}

STATS_COUNT_FIELDS = {
    "stats_target": "chỉ tiêu kết nạp",
    "stats_admitted": "số kết nạp",
    "stats_trainees": "số quần chúng được bồi dưỡng nhận thức về Đảng",
    "stats_official": "số đảng viên được công nhận chính thức",
    "stats_members": "tổng số đảng viên",
}
STATS_FIELDS = ("stats_unit", "stats_period", *STATS_COUNT_FIELDS)

COUNT_SHAPE = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")
YEAR_SHAPE = re.compile(r"^(\d{4})$")
YEARS_SHAPE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")
MONTHS_SHAPE = re.compile(r"^(\d{4})-(\d{2})\s*\.\.\s*(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Violation:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


def field_name(key: str) -> str:
    """The field as editors write it: 'stats_admitted' -> 'Stats_Admitted'."""
    return "_".join(part.capitalize() for part in key.split("_"))


class ContentRulesError(ValueError):
    """Raised for a file that breaks the contract; carries every violation."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__("; ".join(str(v) for v in violations))


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period, from its first month to its last month, inclusive."""

    start: tuple[int, int]
    end: tuple[int, int]
    kind: str  # "year", "years" (a term or range of years) or "months"
    text: str

    @property
    def months(self) -> int:
        """Length in months; a term written 2015-2020 counts five years, as terms do."""
        if self.kind == "years":
            return (self.end[0] - self.start[0]) * 12
        return (self.end[0] - self.start[0]) * 12 + self.end[1] - self.start[1] + 1

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"Năm {self.start[0]}"
        if self.kind == "years":
            return f"Giai đoạn {self.start[0]}–{self.end[0]}"
        if self.start[0] == self.end[0]:
            return f"Tháng {self.start[1]}–{self.end[1]}/{self.start[0]}"
        return f"Tháng {self.start[1]}/{self.start[0]} – {self.end[1]}/{self.end[0]}"


def parse_count(text: str) -> int:
    """A whole number, Vietnamese thousands dots allowed: '1.250' -> 1250."""
    value = text.strip()
    if not COUNT_SHAPE.match(value):
        raise ValueError(
            f"{text!r} is not a whole number; expected digits, optionally with dots "
            "as thousands separators (e.g. 408 or 1.250)"
        )
    return int(value.replace(".", ""))


def parse_period(text: str) -> Period:
    """'2023', '2020-2025' or '2024-01..2024-06'."""
    value = text.strip()
    expected = (
        "expected a year (2023), a range of years (2020-2025) "
        "or a range of months (2024-01..2024-06)"
    )
    if m := YEAR_SHAPE.match(value):
        year = int(m[1])
        return Period((year, 1), (year, 12), "year", value)
    if m := YEARS_SHAPE.match(value):
        first, last = int(m[1]), int(m[2])
        if last <= first:
            raise ValueError(f"{text!r}: the range must end after it starts; {expected}")
        return Period((first, 1), (last, 12), "years", value)
    if m := MONTHS_SHAPE.match(value):
        start, end = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
        if not (1 <= start[1] <= 12 and 1 <= end[1] <= 12):
            raise ValueError(f"{text!r}: months run from 01 to 12; {expected}")
        if end < start:
            raise ValueError(f"{text!r}: the range must not end before it starts; {expected}")
        return Period(start, end, "months", value)
    raise ValueError(f"{text!r} is not a period; {expected}")


def parse_date(text: str) -> datetime:
    value = text.strip()
    if not DATE_SHAPE.match(value):
        raise ValueError(f"{text!r} is not in the form YYYY-MM-DD HH:MM")
    try:
        fmt = DATE_FORMAT if " " in value else "%Y-%m-%d"
        return datetime.strptime(value, fmt)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a real date and time; expected YYYY-MM-DD HH:MM"
        ) from None


def parse_featured(text: str) -> bool:
    value = text.strip().lower()
    if value not in FEATURED_VALUES:
        raise ValueError(f"{text!r}: expected 'yes' (or 'no')")
    return FEATURED_VALUES[value]


def _blank(raw: Mapping[str, str], field: str) -> bool:
    return not raw.get(field, "").strip()


def check_article(raw: Mapping[str, str], path: str, content_root: str | Path) -> list[Violation]:
    """Every violation of the article contract in one file's raw metadata."""
    found = []

    def bad(field: str, message: str) -> None:
        found.append(Violation(path, field_name(field), message))

    for field in ("title", "category", "editor"):
        if _blank(raw, field):
            bad(field, "missing; it is required")
    if _blank(raw, "author") and _blank(raw, "authors"):
        bad("author", "missing; expected the byline 'Bài:', e.g. 'Author: Phòng Chính trị'")
    _check_dates(raw, bad)
    _check_choices(raw, bad)
    _check_image(raw, content_root, bad)
    _check_stats(raw, bad)
    return found


def check_page(raw: Mapping[str, str], path: str) -> list[Violation]:
    found = []
    if _blank(raw, "title"):
        found.append(Violation(path, "Title", "missing; it is required"))
    for field in ("date", "modified"):
        if not _blank(raw, field):
            try:
                parse_date(raw[field])
            except ValueError as error:
                found.append(Violation(path, field_name(field), str(error)))
    return found


def _check_dates(raw, bad) -> None:
    if _blank(raw, "date"):
        bad("date", "missing; expected YYYY-MM-DD HH:MM (Asia/Ho_Chi_Minh time)")
    dates = {}
    for field in ("date", "modified"):
        if not _blank(raw, field):
            try:
                dates[field] = parse_date(raw[field])
            except ValueError as error:
                bad(field, str(error))
    if len(dates) == 2 and dates["modified"] < dates["date"]:
        bad("modified", "is earlier than Date; expected the time of the last update")


def _check_choices(raw, bad) -> None:
    if not _blank(raw, "status") and raw["status"].strip().lower() not in STATUSES:
        bad("status", f"{raw['status']!r}: expected one of {', '.join(STATUSES)}")
    if not _blank(raw, "featured"):
        try:
            parse_featured(raw["featured"])
        except ValueError as error:
            bad("featured", str(error))


def _check_image(raw, content_root, bad) -> None:
    if _blank(raw, "image"):
        if not _blank(raw, "image_caption"):
            bad("image_caption", "given without Image; expected an Image to caption")
        return
    relative = image_path(raw["image"])
    if not (Path(content_root) / relative).is_file():
        bad("image", f"{raw['image'].strip()!r} does not exist; expected a file under content/, "
            "e.g. images/le-ket-nap.svg")


def image_path(value: str) -> str:
    """The Image field as a path relative to the content root (and so to the site root)."""
    value = value.strip()
    for prefix in ("{static}/", "{static}", "/"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    return value


def _check_stats(raw, bad) -> None:
    counts = [field for field in STATS_COUNT_FIELDS if not _blank(raw, field)]
    for field in counts:
        try:
            parse_count(raw[field])
        except ValueError as error:
            bad(field, str(error))
    has_period = not _blank(raw, "stats_period")
    if has_period:
        try:
            parse_period(raw["stats_period"])
        except ValueError as error:
            bad("stats_period", str(error))
    if counts and not has_period:
        bad("stats_period", "missing; a statistics record needs its reporting period")
    if has_period and not counts:
        bad("stats_period", "given without any count; expected at least one of "
            + ", ".join(field_name(f) for f in STATS_COUNT_FIELDS))
    if not _blank(raw, "stats_unit") and not (has_period or counts):
        bad("stats_unit", "given without a record; expected Stats_Period and a count")
