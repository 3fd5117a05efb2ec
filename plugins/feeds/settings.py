"""The feeds plugin's settings: read and validated once, when Pelican starts.

Settings (all optional):

FEEDS_MAX_ITEMS         newest N articles in each feed (default 50).
FEEDS_DEV_SITEURL       base of the absolute URLs when SITEURL is empty, as in a
                        development build (default "http://127.0.0.1:8000").
FEEDS_TAG_AUTHORITY     the authority of the entries' `tag:` ids (default: the host
                        of SITEURL). Pin it before moving the site to another domain
                        so feed readers do not see every article again.
FEEDS_LOGO              channel logo (Atom <logo> and <icon>): a site-relative path
                        or an absolute URL (default "<THEME_STATIC_DIR>/img/emblem.svg");
                        None for none.
FEEDS_RSS_IMAGE         RSS <image>; RSS 2.0 allows only GIF, JPEG or PNG (at most
                        144x400 px). Default: FEEDS_LOGO when it is one of those, else none.
FEEDS_PAGE_URL          the "Theo dõi RSS" page (default "theo-doi-rss/");
FEEDS_PAGE_SAVE_AS      its file (default "theo-doi-rss/index.html"; "" writes no page).
FEEDS_ROBOTS            write robots.txt (default True).
FEEDS_ROBOTS_DISALLOW   paths robots.txt disallows (default ["/search", "/api/"]).

It also reads SITEURL, SITENAME, SITE_DESCRIPTION, SITE_UNIT, DEFAULT_LANG, TIMEZONE,
THEME_STATIC_DIR, CATEGORIES_URL, TAGS_URL, PLUGINS and SITEMAP.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_MAX_ITEMS = 50
DEFAULT_DEV_SITEURL = "http://127.0.0.1:8000"
DEFAULT_PAGE_URL = "theo-doi-rss/"
DEFAULT_PAGE_SAVE_AS = "theo-doi-rss/index.html"
DEFAULT_ROBOTS_DISALLOW = ("/search", "/api/")
RSS_IMAGE_TYPES = (".gif", ".jpg", ".jpeg", ".png")
# RFC 4151: a DNS name or an e-mail address.
DNS_NAME = r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
TAG_AUTHORITY = re.compile(rf"^([^@\s]+@)?{DNS_NAME}$")


class FeedsSettingsError(ValueError):
    """A feeds setting that cannot work; the build stops with every problem listed."""

    exitcode = 1


@dataclass(frozen=True)
class FeedSettings:
    base_url: str  # absolute, no trailing slash: SITEURL or FEEDS_DEV_SITEURL
    tag_authority: str
    timezone: ZoneInfo
    max_items: int
    language: str
    site_title: str
    site_description: str
    site_author: str
    logo: str | None  # absolute URL
    rss_image: str | None  # absolute URL
    page_url: str
    page_save_as: str
    robots: bool
    robots_disallow: tuple[str, ...]
    sitemap_name: str | None  # "sitemap.xml" when the sitemap plugin runs
    categories_url: str | None  # absolute URL of the sections index (category scheme)
    tags_url: str | None  # absolute URL of the tags index (tag scheme)

    def absolute(self, path: str) -> str:
        """A site-relative path ('feeds/all.atom.xml') as an absolute URL."""
        if urlsplit(path).scheme:
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    @property
    def base_path(self) -> str:
        """The path of the site under its host: '' for a site at the root."""
        return urlsplit(self.base_url).path.rstrip("/")


def _absolute_http_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _sitemap_name(settings) -> str | None:
    names = [p if isinstance(p, str) else getattr(p, "__name__", "")
             for p in settings.get("PLUGINS") or ()]
    if not any(name.rsplit(".", 1)[-1] == "sitemap" for name in names):
        return None
    config = settings.get("SITEMAP") or {}
    fmt = config.get("format", "xml") if isinstance(config, dict) else "xml"
    return f"sitemap.{fmt}"


def read_settings(settings) -> FeedSettings:
    """Validate the settings; FeedsSettingsError lists every problem at once."""
    problems: list[str] = []

    max_items = settings.get("FEEDS_MAX_ITEMS", DEFAULT_MAX_ITEMS)
    if isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 1:
        problems.append(f"FEEDS_MAX_ITEMS: {max_items!r}; expected a whole number of at least 1")
        max_items = DEFAULT_MAX_ITEMS

    siteurl = settings.get("SITEURL") or ""
    dev_siteurl = settings.get("FEEDS_DEV_SITEURL", DEFAULT_DEV_SITEURL)
    if siteurl and not _absolute_http_url(siteurl):
        problems.append(f"SITEURL: {siteurl!r}; feeds need an absolute http(s) URL "
                        "(or an empty SITEURL in development)")
    if not _absolute_http_url(dev_siteurl):
        problems.append(f"FEEDS_DEV_SITEURL: {dev_siteurl!r}; expected an absolute http(s) URL")
        dev_siteurl = DEFAULT_DEV_SITEURL
    base_url = (siteurl if _absolute_http_url(siteurl) else dev_siteurl).rstrip("/")

    authority = settings.get("FEEDS_TAG_AUTHORITY") or urlsplit(base_url).hostname or ""
    if not isinstance(authority, str) or not TAG_AUTHORITY.match(authority):
        problems.append(f"FEEDS_TAG_AUTHORITY: {authority!r}; expected a domain name "
                        "(e.g. example.vn) or an e-mail address")

    try:
        timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"TIMEZONE: {settings.get('TIMEZONE')!r} is not a known time zone")
        timezone = ZoneInfo("UTC")

    def optional_url(name: str, default):
        value = settings.get(name, default)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            problems.append(f"{name}: {value!r}; expected a site-relative path or a URL")
            return None
        return value

    static_dir = settings.get("THEME_STATIC_DIR") or "theme"
    logo = optional_url("FEEDS_LOGO", f"{static_dir}/img/emblem.svg")
    default_rss_image = logo if logo and _is_rss_image(logo) else None
    rss_image = optional_url("FEEDS_RSS_IMAGE", default_rss_image)
    if rss_image and not _is_rss_image(rss_image):
        problems.append(f"FEEDS_RSS_IMAGE: {rss_image!r}; RSS 2.0 allows a GIF, JPEG or PNG "
                        "image only")

    page_url = settings.get("FEEDS_PAGE_URL", DEFAULT_PAGE_URL)
    page_save_as = settings.get("FEEDS_PAGE_SAVE_AS", DEFAULT_PAGE_SAVE_AS)
    if not isinstance(page_url, str) or not isinstance(page_save_as, str):
        problems.append("FEEDS_PAGE_URL and FEEDS_PAGE_SAVE_AS must be strings")
        page_url, page_save_as = DEFAULT_PAGE_URL, DEFAULT_PAGE_SAVE_AS

    robots = settings.get("FEEDS_ROBOTS", True)
    if not isinstance(robots, bool):
        problems.append(f"FEEDS_ROBOTS: {robots!r}; expected True or False")
    disallow = settings.get("FEEDS_ROBOTS_DISALLOW", DEFAULT_ROBOTS_DISALLOW)
    if isinstance(disallow, str) or not all(
        isinstance(path, str) and path.startswith("/") for path in disallow or ()
    ):
        problems.append(f"FEEDS_ROBOTS_DISALLOW: {disallow!r}; expected a list of paths "
                        "starting with '/'")
        disallow = DEFAULT_ROBOTS_DISALLOW

    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise FeedsSettingsError(f"feeds: {len(problems)} setting problem(s):\n{listing}")

    def index_url(name: str) -> str | None:
        value = settings.get(name)
        return f"{base_url}/{value.lstrip('/')}" if isinstance(value, str) and value else None

    def absolute(value: str | None) -> str | None:
        if value is None or urlsplit(value).scheme:
            return value
        return f"{base_url}/{value.lstrip('/')}"

    sitename = settings.get("SITENAME") or "Pelican"
    return FeedSettings(
        base_url=base_url,
        tag_authority=authority,
        timezone=timezone,
        max_items=max_items,
        language=settings.get("DEFAULT_LANG") or "vi",
        site_title=sitename,
        site_description=settings.get("SITE_DESCRIPTION") or sitename,
        site_author=settings.get("SITE_UNIT") or sitename,
        logo=absolute(logo),
        rss_image=absolute(rss_image),
        page_url=page_url,
        page_save_as=page_save_as,
        robots=robots,
        robots_disallow=tuple(disallow),
        sitemap_name=_sitemap_name(settings),
        categories_url=index_url("CATEGORIES_URL"),
        tags_url=index_url("TAGS_URL"),
    )


def _is_rss_image(url: str) -> bool:
    return posixpath.splitext(urlsplit(url).path)[1].lower() in RSS_IMAGE_TYPES
