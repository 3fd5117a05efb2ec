"""The editors' contract: every rule about article and page metadata lives here.

Functions over one file's header (`header.Header`, or plain `key: value` strings) and,
for Image, the content folder, so the Pelican build, the statistics plugin and
`make check` share them. Each broken rule is a `messages.Violation` naming the file,
the line, the field and the message code; the field table is `fields`, the texts are
`messages`. Slugs are computed with Pelican's own slugify, so "has no page address"
means what Pelican would do.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pelican.readers import ensure_metadata_list
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from . import fields
from .header import Header, character_name, invisible_characters
from .messages import Violation, language
from .messages import text as message_text

__all__ = ["Violation", "ContentRulesError", "RuleError", "Period", "check_article",
           "check_page", "check_stats", "check_article_files", "parse_count", "parse_date",
           "parse_period", "parse_yes_no", "parse_status", "field_name"]

DATE_FORMAT = "%Y-%m-%d %H:%M"
# [0-9], not \d: \d also takes Arabic-Indic and full-width digits, which int() accepts.
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?")
# Dates as editors often type them, for the corrected line: 21/07/2024 9:30, 2024-7-21.
DAY_FIRST = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})"
                       r"(?:[ ,]+([0-9]{1,2})[:h]([0-9]{2}))?")
YEAR_FIRST = re.compile(r"([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})"
                        r"(?:[ T]+([0-9]{1,2}):([0-9]{2}))?")
STATUSES = ("draft", "hidden", "published")
STATUS_VALUES = {"published": "published", "dang": "published", "hidden": "hidden",
                 "an": "hidden", "draft": "draft", "nhap": "draft"}
YES_NO = {"yes": True, "co": True, "true": True, "no": False, "khong": False, "false": False}
# Values of Classification / Độ mật, folded: the public ones; anything else is kept back.
PUBLIC = frozenset({"khong", "cong khai", "public", "none", "no"})
CLASSIFIED = frozenset({"mat", "toi mat", "tuyet mat", "luu hanh noi bo", "confidential",
                        "secret", "top secret", "internal", "restricted"})

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
PERIOD_FORMS_VI = ("một năm (2023), một nhiệm kỳ (2020-2025) "
                   "hoặc một khoảng tháng (2024-01..2024-06)")
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


def field_name(key: str) -> str:
    """The field's English name: 'stats_admitted' -> 'Stats_Admitted'."""
    return fields.label(key, english=True)


class ContentRulesError(ValueError):
    """Raised for a file that breaks the contract; carries every violation."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__("; ".join(str(v) for v in violations))


class RuleError(ValueError):
    """A value that breaks a rule: the message code and its parameters."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code)

    def __str__(self) -> str:
        return message_text(self.code, self.params)


def _forms() -> dict:
    return {"forms": PERIOD_FORMS if language() == "en" else PERIOD_FORMS_VI}


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
        raise RuleError("not_a_count", value=text)
    return int(value.replace(".", ""))


def parse_period(text: str) -> Period:
    """'2023', '2020-2025' (a term: 2020-01 to 2024-12) or '2024-01..2024-06'."""
    value = text.strip()
    if m := YEAR_SHAPE.fullmatch(value):
        year = _year(text, m[1])
        return Period((year, 1), (year, 12), "year", value)
    if m := YEARS_SHAPE.fullmatch(value):
        first, last = _year(text, m[1]), _year(text, m[2])
        if last == first:
            raise RuleError("period_same_year", value=text, first=first, **_forms())
        if last < first:
            raise RuleError("period_reversed", value=text, **_forms())
        return Period((first, 1), (last - 1, 12), "years", value)
    if m := MONTHS_SHAPE.fullmatch(value):
        start = (_year(text, m[1]), int(m[2]))
        end = (_year(text, m[3]), int(m[4]))
        if not (1 <= start[1] <= 12 and 1 <= end[1] <= 12):
            raise RuleError("period_month", value=text, **_forms())
        if end < start:
            raise RuleError("period_months_reversed", value=text, **_forms())
        return Period(start, end, "months", value)
    raise RuleError("period", value=text, **_forms())


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise RuleError("period_year", value=text, year=year, first=FIRST_YEAR,
                        last=LAST_YEAR, **_forms())
    return year


def latest_date_year(today: datetime | None = None) -> int:
    """Dates may run to the end of next year (an announcement of a planned event)."""
    return (today or datetime.now()).year + 1


def parse_date(text: str, today: datetime | None = None) -> datetime:
    """'2022-04-19 16:27', or '2022-04-19' for 00:00 (editors often leave the time out),
    in the years FIRST_YEAR to next year."""
    value = text.strip()
    if not DATE_SHAPE.fullmatch(value):
        raise RuleError("date_shape", value=text)
    try:
        date = datetime.strptime(value, DATE_FORMAT if " " in value else "%Y-%m-%d")
    except ValueError:
        raise RuleError("date_unreal", value=text) from None
    last = latest_date_year(today)
    if not FIRST_YEAR <= date.year <= last:
        raise RuleError("date_range", value=text, year=date.year, first=FIRST_YEAR, last=last)
    return date


def corrected_date(text: str) -> str | None:
    """'21/07/2024 9:30' -> '2024-07-21 09:30', when the date is real; else None."""
    value = text.strip()
    if m := DAY_FIRST.fullmatch(value):
        day, month, year, hour, minute = m.groups()
    elif m := YEAR_FIRST.fullmatch(value):
        year, month, day, hour, minute = m.groups()
    else:
        return None
    shown = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if hour is not None:
        shown += f" {int(hour):02d}:{minute}"
    try:
        parse_date(shown)
    except RuleError:
        return None
    return shown


def parse_yes_no(text: str) -> bool:
    """'có'/'không', 'yes'/'no', 'true'/'false', in any case."""
    value = fields.fold(text)
    if value not in YES_NO:
        raise RuleError("yes_no", value=text)
    return YES_NO[value]


def parse_featured(text: str) -> bool:
    return parse_yes_no(text)


def parse_status(text: str) -> str:
    """Pelican's status for 'đăng'/'ẩn'/'nháp' or 'published'/'hidden'/'draft'."""
    value = fields.fold(text)
    if value not in STATUS_VALUES:
        raise RuleError("status", value=text)
    return STATUS_VALUES[value]


def is_draft(status: str) -> bool:
    try:
        return parse_status(status) == "draft" if status.strip() else False
    except RuleError:
        return False


def slug_clash(path: str, line: int | None, slug: str, kept: str, draft_copy: bool
               ) -> Violation:
    """A second file on one slug, `kept` the one that holds it (see kept_first). A draft
    copy of a published article is only a warning: a draft is never written."""
    return Violation(path, line, "slug", "draft_copy" if draft_copy else "duplicate_slug",
                     {"slug": slug, "other": kept}, drops_file=not draft_copy,
                     warning=draft_copy)


def kept_first(is_draft: bool, path: str) -> tuple:
    """The order in which files claim a slug: published before drafts, then by path."""
    return (is_draft, path)


def is_public(header: Header) -> bool:
    return fields.fold(header.value("classification")) in PUBLIC | {""}


def _as_header(raw) -> Header:
    return raw if isinstance(raw, Header) else Header.of(raw)


class _Found:
    """Collects one file's violations, placed at the line of the field they concern."""

    def __init__(self, header: Header, path: str):
        self.header, self.path, self.items = header, path, []

    def add(self, key: str | None, code: str, *, line: int | None = None,
            fix: str | None = None, drops_file: bool = True, warning: bool = False,
            **params) -> None:
        found = self.header.get(key) if key else None
        if line is None:
            line = found.line if found else (self.header.header_end if key else None)
        written = found.written if found else None
        if fix is not None and found is not None:
            fix = f"{found.written or _label(key)}: {fix}"
        self.items.append(Violation(self.path, line, key, code, params, written, fix,
                                    drops_file, warning))

    def error(self, key, error: RuleError, **options) -> None:
        self.add(key, error.code, **options, **error.params)


def _label(key: str) -> str:
    return fields.label(key, english=language() == "en")


def check_article(raw, path: str, content_root: str | Path, settings: Mapping | None = None,
                  sections=None) -> list[Violation]:
    """Every violation of the article contract in one file's header.

    `settings` are the site's Pelican settings (STATIC_PATHS, the slug rules); Pelican's
    defaults when None. `sections` are the declared sections (settings.Sections); with
    none declared any category is accepted.
    """
    header = _as_header(raw)
    return [*check_header_text(header, path),
            *_check_fields(header, path, settings, sections),
            *check_article_files(header, path, content_root, settings),
            *check_stats(header, path)]


def check_header_text(raw, path: str) -> list[Violation]:
    """No control or invisible character in any field's value."""
    header = _as_header(raw)
    found = _Found(header, path)
    for key, item in header.fields.items():
        hidden = invisible_characters(item.value)
        if hidden:
            column, char = hidden[0]
            clean = "".join(c for c in item.value if c not in {ch for _, ch in hidden})
            found.add(key, "invisible_char", fix=clean, char=character_name(char),
                      column=column + 1)
    return found.items


def _check_fields(header: Header, path: str, settings, sections) -> list[Violation]:
    found = _Found(header, path)
    for key in ("title", "category", "editor"):
        if not header.has(key):
            found.add(key, "missing", example=f"{_label(key)}: {fields.BY_KEY[key].example}")
    if not header.has("author") and not header.has("authors"):
        found.add("author", "missing_author")
    _check_names(header, settings, found)
    _check_dates(header, found, required=True)
    _check_choices(header, found)
    _check_classification(header, found)
    _check_slug(header, found)
    if sections is not None and header.has("category"):
        _check_section(header, path, sections, found)
    if not header.has("image") and header.has("image_caption"):
        found.add("image_caption", "caption_without_image")
    return found.items


def check_article_files(raw, path: str, content_root: str | Path,
                        settings: Mapping | None = None) -> list[Violation]:
    """The rules that look at other files: the lead photo exists, in a published folder.

    Pelican does not read a cached article again, but its photo may have gone since, so
    a build checks these on every article (portal_content.plugin), cached ones too.
    """
    header = _as_header(raw)
    if not header.has("image"):
        return []
    settings = settings or DEFAULT_CONFIG
    folders = [posixpath.normpath(folder) for folder in settings.get("STATIC_PATHS", ())]
    value = header.value("image").strip()
    relative = image_path(value)
    where, example = static_folders_text(content_root, folders)
    found = _Found(header, path)
    if not _in_folders(relative, folders):
        near = [f"{folder}/{relative}" for folder in folders if folder != "."
                and (Path(content_root) / folder / relative).is_file()]
        if near:
            found.add("image", "image_prefix", fix=near[0], value=value, found=near[0])
        else:
            found.add("image", "image_outside", value=value, where=where, example=example)
    elif not (Path(content_root) / relative).is_file():
        found.add("image", "image_missing", value=value, where=where, example=example)
    return found.items


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
        return f"{content_name}/ (STATIC_PATHS = [])", "ten-anh.svg"
    shown = [f"{content_name}/" if f == "." else f"{content_name}/{f}/" for f in folders]
    first = "" if folders[0] == "." else folders[0] + "/"
    return (" or " if language() == "en" else " hoặc ").join(shown), f"{first}ten-anh.svg"


def image_path(value: str) -> str:
    """The Image field as a normalised path relative to the content root (and so to the
    site root): '{static}/images/a.svg', '/images/a.svg' -> 'images/a.svg'."""
    value = value.strip()
    for prefix in ("{static}/", "{static}"):
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    return posixpath.normpath(value.lstrip("/"))


def names_of(header: Header, key: str) -> list[str]:
    if not header.has(key):
        return []
    value = header.value(key)
    return ensure_metadata_list(value) if key in LIST_FIELDS else [value.strip()]


def _check_names(header: Header, settings, found: _Found) -> None:
    """Authors, tags and the category get a page named by their slug: an empty slug would
    make every such name share (and overwrite) one page, e.g. tac-gia/index.html."""
    for key, (kind, example) in NAME_FIELDS.items():
        for name in names_of(header, key):
            if not name_slug(kind, name, settings):
                found.add(key, "name_no_slug", value=name, example=example)


def name_slug(kind: str, name: str, settings: Mapping | None = None) -> str:
    """The slug Pelican gives an 'author', 'tag' or 'category' of this name, computed as
    pelican.urlwrappers.URLWrapper.slug does (without its warning)."""
    settings = settings or DEFAULT_CONFIG
    substitutions = settings.get(f"{kind.upper()}_REGEX_SUBSTITUTIONS",
                                 settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    return _slug(name, tuple(map(tuple, substitutions)),
                 bool(settings.get("SLUGIFY_PRESERVE_CASE", False)),
                 bool(settings.get("SLUGIFY_USE_UNICODE", False)))


@functools.lru_cache(maxsize=65536)
def _slug(name: str, substitutions: tuple, preserve_case: bool, use_unicode: bool) -> str:
    """Names repeat across thousands of files (tags, authors): each is slugified once."""
    return slugify(name, regex_subs=substitutions, preserve_case=preserve_case,
                   use_unicode=use_unicode)


def check_page(raw, path: str) -> list[Violation]:
    header = _as_header(raw)
    found = _Found(header, path)
    if not header.has("title"):
        found.add("title", "missing", example=f"{_label('title')}: Giới thiệu")
    _check_dates(header, found, required=False)
    _check_choices(header, found)
    _check_classification(header, found)
    _check_slug(header, found)
    for key, item in header.fields.items():
        if not fields.BY_KEY[key].page:
            found.add(key, "not_for_pages", name=item.written or key)
    return [*check_header_text(header, path), *found.items]


def _check_dates(header: Header, found: _Found, required: bool) -> None:
    if required and not header.has("date"):
        found.add("date", "missing", example=f"{_label('date')}: 2024-07-21 09:30")
    dates = {}
    for key in ("date", "modified"):
        if header.has(key):
            try:
                dates[key] = parse_date(header.value(key))
            except RuleError as error:
                found.error(key, error, fix=corrected_date(header.value(key)))
    if len(dates) == 2 and dates["modified"] < dates["date"]:
        found.add("modified", "modified_early")


def _check_choices(header: Header, found: _Found) -> None:
    if header.has("status"):
        try:
            parse_status(header.value("status"))
        except RuleError as error:
            found.error("status", error)
    if header.has("featured"):
        try:
            parse_yes_no(header.value("featured"))
        except RuleError as error:
            found.error("featured", error, drops_file=False)  # cosmetic: built as 'no'


SLUG_SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _check_slug(header: Header, found: _Found) -> None:
    """A slug is one path segment of plain letters: no '/', '..', quotes or spaces."""
    value = header.value("slug").strip()
    if value and not SLUG_SHAPE.fullmatch(value):
        fix = slugify(value)
        found.add("slug", "bad_slug", fix=fix if SLUG_SHAPE.fullmatch(fix) else None,
                  value=value)


def _check_classification(header: Header, found: _Found) -> None:
    value = header.value("classification").strip()
    if not value or fields.fold(value) in PUBLIC:
        return
    code = "classified" if fields.fold(value) in CLASSIFIED else "classified_unknown"
    found.add("classification", code, value=value)


def _check_section(header: Header, path: str, sections, found: _Found) -> None:
    value = header.value("category")
    section = sections.named(value)
    listing = ", ".join(repr(s.name) for s in sections)
    if section is None:
        near = sections.nearest(value)
        if near:
            found.add("category", "unknown_section", fix=near.name, value=value,
                      nearest=near.name, sections=listing)
        else:
            found.add("category", "unknown_section_far", value=value, sections=listing)
        return
    in_folder = sections.of_path(path)
    if in_folder is not None and in_folder != section:
        found.add("category", "section_folder", warning=True, drops_file=False, value=value,
                  folder=in_folder.folder, folder_section=in_folder.name,
                  expected=section.folder)


def check_stats(raw, path: str) -> list[Violation]:
    """The statistics record's fields; a broken one leaves out the record, not the article."""
    header = _as_header(raw)
    found = _Found(header, path)
    options = {"drops_file": False}
    counts = [key for key in STATS_COUNT_FIELDS if header.has(key)]
    for key in counts:
        try:
            parse_count(header.value(key))
        except RuleError as error:
            found.error(key, error, **options)
    has_period = header.has("stats_period")
    if has_period:
        try:
            parse_period(header.value("stats_period"))
        except RuleError as error:
            found.error("stats_period", error, **options)
    if counts and not has_period:
        found.add("stats_period", "stats_no_period", **options, **_forms())
    if has_period and not counts:
        found.add("stats_period", "stats_no_count", **options,
                  counts=", ".join(_label(key) for key in STATS_COUNT_FIELDS))
    if header.has("stats_unit") and not (has_period or counts):
        found.add("stats_unit", "stats_unit_alone", **options)
    return found.items


def normal_name(text: str) -> str:
    """Names compared as readers see them: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())
