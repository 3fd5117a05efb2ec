"""The plugin's settings, read and validated once per build."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .records import normalise_unit

DEFAULTS = {
    "ADMISSION_STATS_URL": "thong-ke/",
    "ADMISSION_STATS_SAVE_AS": "thong-ke/index.html",
}
CSV_NAME = "admissions.csv"
JSON_NAME = "admissions.json"


class StatsSettingsError(ValueError):
    """A setting of admission_stats has the wrong form; the message names it."""


@dataclass(frozen=True)
class StatsSettings:
    url: str  # the statistics page, relative to SITEURL
    save_as: str  # the statistics page, relative to the output folder
    site_unit: str  # the unit a record belongs to when it names none
    siteurl: str  # "" in development: open data then carries site-relative URLs
    today: date  # picks the panel's period; ADMISSION_STATS_TODAY fixes it for tests

    @property
    def data_dir(self) -> str:
        return posixpath.dirname(self.save_as)

    @property
    def csv_path(self) -> str:
        """Both the file under the output folder and its URL relative to SITEURL."""
        return posixpath.join(self.data_dir, CSV_NAME)

    @property
    def json_path(self) -> str:
        return posixpath.join(self.data_dir, JSON_NAME)


def read_settings(settings: Mapping) -> StatsSettings:
    """Pelican's settings -> StatsSettings, or StatsSettingsError naming the bad setting."""
    url = _relative(settings, "ADMISSION_STATS_URL")
    save_as = _relative(settings, "ADMISSION_STATS_SAVE_AS")
    if not save_as.endswith(".html"):
        raise StatsSettingsError(
            f"ADMISSION_STATS_SAVE_AS: {save_as!r}; expected an .html file, "
            "e.g. 'thong-ke/index.html'"
        )
    unit = settings.get("SITE_UNIT")
    if not isinstance(unit, str) or not unit.strip():
        raise StatsSettingsError(
            f"SITE_UNIT: {unit!r}; expected the name of the site's own party organisation, "
            "e.g. 'Đảng bộ Công an tỉnh Hải Dương'"
        )
    siteurl = settings.get("SITEURL") or ""
    return StatsSettings(
        url=url,
        save_as=save_as,
        site_unit=normalise_unit(unit),
        siteurl=siteurl.rstrip("/"),
        today=_today(settings),
    )


def _relative(settings: Mapping, name: str) -> str:
    value = settings.get(name, DEFAULTS[name])
    if (not isinstance(value, str) or not value.strip() or value.startswith("/")
            or "://" in value or ".." in value.split("/")):
        raise StatsSettingsError(
            f"{name}: {value!r}; expected a path relative to the site root, "
            f"e.g. {DEFAULTS[name]!r}"
        )
    return value.strip()


def _today(settings: Mapping) -> date:
    value = settings.get("ADMISSION_STATS_TODAY")
    if value is None:
        return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise StatsSettingsError(
            f"ADMISSION_STATS_TODAY: {value!r}; expected a date such as '2024-03-15' "
            "(leave it unset to use the build's date)"
        ) from None
