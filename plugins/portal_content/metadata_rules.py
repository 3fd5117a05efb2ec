"""The editors' contract: every rule about article and page metadata lives here.

Functions over the raw `Key: value` strings of one file (and, for Image, the content
folder), so the Pelican build, the statistics plugin and any checker share them. Each
broken rule is a `Violation` that names the file, the field and what is expected.
Slugs are computed with Pelican's own slugify, so "has no page address" means what
Pelican would do.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pelican.readers import ensure_metadata_list
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

DATE_FORMAT = "%Y-%m-%d %H:%M"
# [0-9], not \d: \d also takes Arabic-Indic and full-width digits, which int() accepts.
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?")
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

COUNT_SHAPE = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+|[0-9]+")
YEAR_SHAPE = re.compile(r"([0-9]{4})")
YEARS_SHAPE = re.compile(r"([0-9]{4})\s*-\s*([0-9]{4})")
MONTHS_SHAPE = re.compile(r"([0-9]{4})-([0-9]{2})\s*\.\.\s*([0-9]{4})-([0-9]{2})")
PERIOD_FORMS = ("a year (2023), a range of years (2020-2025) "
                "or a range of months (2024-01..2024-06)")
FIRST_YEAR = 1930  # the Party was founded in 1930: no record reports an earlier year
LAST_YEAR = 2100  # a fixed bound, so the same file is valid on any build day

# Names that get a page of their own (tac-gia/<slug>/, the/<slug>/, chuyen-muc/<slug>/),
# with the kind of URL wrapper Pelican makes of them and an example for messages.
NAME_FIELDS = {
    "author": ("author", "Phòng Chính trị"),
    "authors": ("author", "Nguyễn Văn A"),
    "tags": ("tag", "kết nạp đảng viên"),
    "category": ("category", "Phát triển đảng viên"),
}
LIST_FIELDS = ("authors", "tags")


@dataclass(frozen=True)
class Violation:
    path: str  # relative to the content folder, like every path in build messages
    field: str
    message: str
    # False for a statistics field: a development build leaves out only the record
    # (the article is still built); True leaves the whole file out.
    drops_file: bool = True

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
    """A reporting period, from its first month to its last month, inclusive.

    A range of years A-B is a term of B-A years, as congress terms are written: the term
    2015-2020 runs from the 2015 congress to the 2020 one, so it covers 2015-01 through
    2019-12 (60 months), and readers see it as written, "2015–2020".
    """

    start: tuple[int, int]
    end: tuple[int, int]
    kind: str  # "year", "years" (a term or range of years) or "months"
    text: str

    @property
    def months(self) -> int:
        return (self.end[0] - self.start[0]) * 12 + self.end[1] - self.start[1] + 1

    @property
    def label(self) -> str:
        """'Năm 2023', 'Giai đoạn 2015–2020', 'Tháng 1–8/2020', 'Tháng 12/2024'."""
        if self.kind == "years":
            return f"Giai đoạn {self.short_label}"
        if self.kind == "year":
            return f"Năm {self.short_label}"
        (y1, m1), (y2, m2) = self.start, self.end
        if y1 != y2:
            return f"Tháng {m1}/{y1} – {m2}/{y2}"
        return f"Tháng {self.short_label}"

    @property
    def short_label(self) -> str:
        """For chart axes: '2023', '2015–2020', '1–6/2024', '3/2024', '11/2023–2/2024'."""
        (y1, m1), (y2, m2) = self.start, self.end
        if self.kind == "year":
            return str(y1)
        if self.kind == "years":
            return f"{y1}–{y2 + 1}"  # the year the term ends in, as written
        if y1 != y2:
            return f"{m1}/{y1}–{m2}/{y2}"
        return f"{m1}–{m2}/{y1}" if m1 != m2 else f"{m1}/{y1}"


def parse_count(text: str) -> int:
    """A whole number, Vietnamese thousands dots allowed: '1.250' -> 1250."""
    value = text.strip()
    if not COUNT_SHAPE.fullmatch(value):
        raise ValueError(
            f"{text!r} is not a whole number; expected digits 0-9, optionally with dots "
            "as thousands separators (e.g. 408 or 1.250)"
        )
    return int(value.replace(".", ""))


def parse_period(text: str) -> Period:
    """'2023', '2020-2025' (a term: 2020-01 to 2024-12) or '2024-01..2024-06'."""
    value = text.strip()
    expected = f"expected {PERIOD_FORMS}"
    if m := YEAR_SHAPE.fullmatch(value):
        year = _year(text, m[1], expected)
        return Period((year, 1), (year, 12), "year", value)
    if m := YEARS_SHAPE.fullmatch(value):
        first, last = _year(text, m[1], expected), _year(text, m[2], expected)
        if last == first:
            raise ValueError(f"{text!r}: a range of years must end in a later year; "
                             f"for the one year write {first}; {expected}")
        if last < first:
            raise ValueError(f"{text!r}: the range must end after it starts; {expected}")
        return Period((first, 1), (last - 1, 12), "years", value)
    if m := MONTHS_SHAPE.fullmatch(value):
        start = (_year(text, m[1], expected), int(m[2]))
        end = (_year(text, m[3], expected), int(m[4]))
        if not (1 <= start[1] <= 12 and 1 <= end[1] <= 12):
            raise ValueError(f"{text!r}: months run from 01 to 12; {expected}")
        if end < start:
            raise ValueError(f"{text!r}: the range must not end before it starts; {expected}")
        return Period(start, end, "months", value)
    raise ValueError(f"{text!r} is not a period; {expected}")


def _year(text: str, digits: str, expected: str) -> int:
    year = int(digits)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{text!r}: {year} is not a year a record can report (years run from "
                         f"{FIRST_YEAR}, when the Party was founded, to {LAST_YEAR}); {expected}")
    return year


def parse_date(text: str) -> datetime:
    """'2022-04-19 16:27', or '2022-04-19' for 00:00 (editors often leave the time out)."""
    value = text.strip()
    if not DATE_SHAPE.fullmatch(value):
        raise ValueError(f"{text!r} is not in the form YYYY-MM-DD HH:MM "
                         "(or YYYY-MM-DD, read as 00:00)")
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


def check_article(raw: Mapping[str, str], path: str, content_root: str | Path,
                  settings: Mapping | None = None) -> list[Violation]:
    """Every violation of the article contract in one file's raw metadata.

    `settings` are the site's Pelican settings (STATIC_PATHS, the slug rules); Pelican's
    defaults when None.
    """
    return [*_check_fields(raw, path, settings),
            *check_article_files(raw, path, content_root, settings),
            *check_stats(raw, path)]


def _check_fields(raw, path, settings) -> list[Violation]:
    found = []

    def bad(field: str, message: str) -> None:
        found.append(Violation(path, field_name(field), message))

    for field in ("title", "category", "editor"):
        if _blank(raw, field):
            bad(field, "missing; it is required")
    if _blank(raw, "author") and _blank(raw, "authors"):
        bad("author", "missing; expected the byline 'Bài:', e.g. 'Author: Phòng Chính trị'")
    _check_names(raw, settings, bad)
    _check_dates(raw, bad)
    _check_choices(raw, bad)
    if _blank(raw, "image") and not _blank(raw, "image_caption"):
        bad("image_caption", "given without Image; expected an Image to caption")
    return found


def check_article_files(raw: Mapping[str, str], path: str, content_root: str | Path,
                        settings: Mapping | None = None) -> list[Violation]:
    """The rules that look at other files: the lead photo exists, in a published folder.

    Pelican does not read a cached article again, but its photo may have gone since, so
    a build checks these on every article (portal_content.plugin), cached ones too.
    """
    if _blank(raw, "image"):
        return []
    settings = settings or DEFAULT_CONFIG
    folders = [posixpath.normpath(folder) for folder in settings.get("STATIC_PATHS", ())]
    value = raw["image"].strip()
    relative = image_path(value)
    where, example = static_folders_text(content_root, folders)
    expected = f"expected a path such as {example}, a file in {where}"
    if not _in_folders(relative, folders):
        message = f"{value!r} is not in {where}, so it would not be published; {expected}"
    elif not (Path(content_root) / relative).is_file():
        message = f"{value!r} does not exist; {expected}"
    else:
        return []
    return [Violation(path, "Image", message)]


def _in_folders(relative: str, folders: list[str]) -> bool:
    if relative == "." or relative == ".." or relative.startswith(("../", "/")):
        return False  # outside the content folder
    return any(folder == "." or relative == folder or relative.startswith(folder + "/")
               for folder in folders)


def static_folders_text(content_root: str | Path, static_paths) -> tuple[str, str]:
    """('content/images/', 'images/ten-anh.svg') for messages about STATIC_PATHS."""
    content_name = Path(content_root).name or "content"
    folders = [posixpath.normpath(folder) for folder in static_paths]
    if not folders:
        return f"a published folder of {content_name}/ (STATIC_PATHS is empty)", "ten-anh.svg"
    shown = [f"{content_name}/" if f == "." else f"{content_name}/{f}/" for f in folders]
    first = "" if folders[0] == "." else folders[0] + "/"
    return " or ".join(shown), f"{first}ten-anh.svg"


def image_path(value: str) -> str:
    """The Image field as a normalised path relative to the content root (and so to the
    site root): '{static}/images/a.svg', '/images/a.svg' -> 'images/a.svg'."""
    value = value.strip()
    for prefix in ("{static}/", "{static}"):
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    return posixpath.normpath(value.lstrip("/"))


def _check_names(raw, settings, bad) -> None:
    """Authors, tags and the category get a page named by their slug: an empty slug would
    make every such name share (and overwrite) one page, e.g. tac-gia/index.html."""
    for field, (kind, example) in NAME_FIELDS.items():
        if _blank(raw, field):
            continue
        names = ensure_metadata_list(raw[field]) if field in LIST_FIELDS else [raw[field].strip()]
        for name in names:
            if not name_slug(kind, name, settings):
                bad(field, f"{name!r} has no letter or digit (HTML tags do not count), so it "
                    f"cannot have a page of its own; expected plain text, e.g. {example!r}")


def name_slug(kind: str, name: str, settings: Mapping | None = None) -> str:
    """The slug Pelican gives an 'author', 'tag' or 'category' of this name, computed as
    pelican.urlwrappers.URLWrapper.slug does (without its warning)."""
    settings = settings or DEFAULT_CONFIG
    substitutions = settings.get(f"{kind.upper()}_REGEX_SUBSTITUTIONS",
                                 settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    return slugify(name, regex_subs=substitutions,
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


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


def check_stats(raw: Mapping[str, str], path: str) -> list[Violation]:
    """The statistics record's fields; a broken one leaves out the record, not the article."""
    found = []

    def bad(field: str, message: str) -> None:
        found.append(Violation(path, field_name(field), message, drops_file=False))

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
        bad("stats_period", "missing; a statistics record needs its reporting period: "
            f"expected {PERIOD_FORMS}")
    if has_period and not counts:
        bad("stats_period", "given without any count; expected at least one of "
            + ", ".join(field_name(f) for f in STATS_COUNT_FIELDS))
    if not _blank(raw, "stats_unit") and not (has_period or counts):
        bad("stats_unit", "given without a record; expected Stats_Period and a count")
    return found
