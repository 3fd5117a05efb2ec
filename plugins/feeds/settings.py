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
                        Its <width> and <height> are read from the file when it is in the
                        theme's static folder or the content's, or given as
FEEDS_RSS_IMAGE_SIZE    (width, height) in pixels.
FEEDS_PAGE_URL          the "Theo dõi RSS" page (default "theo-doi-rss/");
FEEDS_PAGE_SAVE_AS      its file (default "theo-doi-rss/index.html"; "" writes no page).
FEEDS_ROBOTS            write robots.txt (default True).
FEEDS_ROBOTS_DISALLOW   paths robots.txt disallows (default ["/search", "/api/"]).

It also reads SITEURL, SITENAME, SITE_DESCRIPTION, SITE_UNIT, DEFAULT_LANG, TIMEZONE,
THEME_STATIC_DIR, THEME and PATH (the RSS image size), CATEGORIES_URL, TAGS_URL, PLUGINS and
SITEMAP; with portal_meta among the PLUGINS, robots.txt names its sitemap.xml.
"""

from __future__ import annotations

import os
import posixpath
import re
import struct
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
    rss_image_size: tuple[int, int] | None  # (width, height)
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
    if any(name.rsplit(".", 1)[-1] == "portal_meta" for name in names):
        return "sitemap.xml"  # portal_meta writes the sitemap
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
    rss_image_size = settings.get("FEEDS_RSS_IMAGE_SIZE")
    if rss_image and rss_image_size is None:
        rss_image_size = _image_size(settings, rss_image)
    if rss_image_size is not None and not (
        isinstance(rss_image_size, list | tuple) and len(rss_image_size) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in rss_image_size)
        and 0 < rss_image_size[0] <= 144 and 0 < rss_image_size[1] <= 400
    ):
        problems.append(f"FEEDS_RSS_IMAGE_SIZE: {rss_image_size!r}; expected (width, height) "
                        "in pixels, at most 144 x 400 (RSS 2.0)")

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
        rss_image_size=tuple(rss_image_size) if rss_image and rss_image_size else None,
        page_url=page_url,
        page_save_as=page_save_as,
        robots=robots,
        robots_disallow=tuple(disallow),
        sitemap_name=_sitemap_name(settings),
        categories_url=index_url("CATEGORIES_URL"),
        tags_url=index_url("TAGS_URL"),
    )


def _image_size(settings, image: str) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG in the theme's static folder or the content."""
    if urlsplit(image).scheme:
        return None
    static_dir = (settings.get("THEME_STATIC_DIR") or "theme").strip("/")
    relative = image.lstrip("/")
    candidates = []
    if relative.startswith(static_dir + "/") and settings.get("THEME"):
        candidates.append(os.path.join(settings["THEME"], "static",
                                       relative[len(static_dir) + 1:]))
    if settings.get("PATH"):
        candidates.append(os.path.join(settings["PATH"], relative))
    for candidate in candidates:
        if os.path.isfile(candidate):
            with open(candidate, "rb") as handle:
                return _read_size(handle.read(65536))
    return None


def _read_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", data[6:10])
    if data[:2] == b"\xff\xd8":  # JPEG: the first start-of-frame marker
        at = 2
        while at + 9 < len(data):
            if data[at] != 0xFF:
                return None
            marker, length = data[at + 1], struct.unpack(">H", data[at + 2:at + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[at + 5:at + 9])
                return width, height
            at += 2 + length
    return None


def _is_rss_image(url: str) -> bool:
    return posixpath.splitext(urlsplit(url).path)[1].lower() in RSS_IMAGE_TYPES
