"""One article as the data of a feed entry, ready for RSS and Atom alike.

Every string is XML-safe (xml_text), every URL absolute, every date in the site's
time zone (+07:00), and the id depends only on the article, never on the build.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urljoin

from bs4 import BeautifulSoup

from .settings import FeedSettings
from .xml_text import xml_safe

URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data", "longdesc")
SRCSET_ATTRIBUTES = ("srcset",)
MIME_TYPES = {  # mimetypes varies with the machine; the portal's photo types are pinned
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


@dataclass(frozen=True)
class Category:
    term: str
    scheme: str | None = None


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int  # bytes
    mime: str


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    categories: tuple[Category, ...]
    summary: str  # HTML
    content: str  # HTML, links absolute
    enclosure: Enclosure | None


# A lead photo, site-relative ("images/x.svg") -> (its URL relative to the site root,
# the file on disk), or None when there is no such file.
FileLookup = Callable[[str], "tuple[str, str] | None"]


def local_time(value: datetime, settings: FeedSettings) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=settings.timezone)
    return value.astimezone(settings.timezone)


def entry_id(article, settings: FeedSettings) -> str:
    """tag:<authority>,<publication date>:/<article URL> (RFC 4151)."""
    day = local_time(article.date, settings).strftime("%Y-%m-%d")
    path = quote(article.url.lstrip("/"), safe="/:@!$&'()*+,;=?%")
    return f"tag:{settings.tag_authority},{day}:/{path}"


def absolute_links(html: str, base: str) -> str:
    """`html` with every relative URL in it resolved against `base`."""
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for name in URL_ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and value.strip():
                tag[name] = urljoin(base, value.strip())
        for name in SRCSET_ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and value.strip():
                tag[name] = _absolute_srcset(value, base)
    return str(soup)


def _absolute_srcset(value: str, base: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


def mime_type(path: str) -> str:
    extension = os.path.splitext(path)[1].lower()
    return MIME_TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def enclosure(image: str | None, settings: FeedSettings, find_file: FileLookup) -> Enclosure | None:
    """The lead photo with its real size and type, or None without a readable file."""
    if not image:
        return None
    found = find_file(image)
    if found is None:
        return None
    url, path = found
    try:
        length = os.path.getsize(path)
    except OSError:
        return None
    return Enclosure(settings.absolute(url), length, mime_type(path))


def _names(values) -> tuple[str, ...]:
    names = (xml_safe(getattr(value, "name", value)).strip() for value in values or ())
    return tuple(dict.fromkeys(name for name in names if name))


def entry_from_article(article, settings: FeedSettings, find_file: FileLookup) -> Entry:
    link = settings.absolute(article.url)
    published = local_time(article.date, settings)
    modified = getattr(article, "modified", None)
    updated = max(published, local_time(modified, settings)) if modified else published
    categories = [Category(xml_safe(article.category.name), settings.categories_url)]
    categories += [Category(xml_safe(tag.name), settings.tags_url)
                   for tag in getattr(article, "tags", None) or ()]
    editor = getattr(article, "editor", None)
    return Entry(
        id=entry_id(article, settings),
        title=xml_safe(article.title).strip() or link,  # feeds require a title
        link=link,
        published=published,
        updated=updated,
        authors=_names(getattr(article, "authors", None)),
        contributors=_names([editor] if isinstance(editor, str) else editor),
        categories=tuple(c for c in categories if c.term),
        summary=xml_safe(absolute_links(article.summary or "", link)).strip(),
        content=xml_safe(absolute_links(article.content or "", link)).strip(),
        enclosure=enclosure(getattr(article, "image", None), settings, find_file),
    )
