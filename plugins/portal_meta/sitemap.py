"""sitemap.xml (sitemaps.org 0.9) of every page the build wrote, with absolute URLs.

lastmod is what the page shows: an article or page its update (or publication) time, a
list page the newest update among the articles on it, so page 2 of a section does not
change date when a new article appears on page 1. Pages that show no dated content
(the sections index, the statistics and the English page) carry no lastmod rather
than an invented one. Hidden articles, drafts and PORTAL_SITEMAP_EXCLUDE are left out.
An article or page with a lead photo lists it (Google's image extension), as the copy
feeds and the open data point to.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import quote
from xml.sax.saxutils import escape

from photos.markup import shared_copy

logger = logging.getLogger(__name__)

HEADER = ('<?xml version="1.0" encoding="utf-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n')
FOOTER = "</urlset>\n"


def w3c_datetime(moment) -> str:
    """2024-07-21T09:30:00+07:00 (W3C Datetime; naive times are taken as UTC)."""
    text = moment.isoformat(timespec="seconds")
    return text if moment.tzinfo else text + "+00:00"


def changed(item):
    return getattr(item, "modified", None) or getattr(item, "date", None)


def page_lastmod(context):
    own = context.get("article") or context.get("page")
    if own is not None:
        return changed(own)
    for key in ("articles_page", "dates_page"):
        listing = context.get(key)
        if listing is not None:
            return max((changed(item) for item in listing.object_list if changed(item)),
                       default=None)
    return None


class Collector:
    def __init__(self):
        self.entries: dict[str, object] = {}  # page -> lastmod
        self.images: dict[str, str] = {}  # page -> its lead photo, site-relative
        self.output_path = ""

    def reset(self, pelican):
        self.entries, self.images = {}, {}
        self.output_path = pelican.output_path

    def add(self, path, context):
        if not str(path).endswith(".html"):
            return
        own = context.get("article") or context.get("page")
        if own is not None and getattr(own, "status", "published") != "published":
            return
        relative = os.path.relpath(path, self.output_path).replace(os.sep, "/")
        self.entries[relative] = page_lastmod(context)
        image = getattr(own, "image", None) if own is not None else None
        if image:
            self.images[relative] = shared_copy(image)

    def write(self, output_path, base: str, settings) -> str:
        excluded = set(settings.get("PORTAL_SITEMAP_EXCLUDE") or ())
        lines = [HEADER]
        for relative in sorted(self.entries):
            if relative in excluded or relative.startswith(".."):
                continue
            location = relative[: -len("index.html")] if (
                relative == "index.html" or relative.endswith("/index.html")) else relative
            lines.append(f"<url><loc>{escape(base + '/' + quote(location))}</loc>")
            lastmod = self.entries[relative]
            if lastmod is not None:
                lines.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
            image = self.images.get(relative)
            if image:
                lines.append(f"<image:image><image:loc>{escape(base + '/' + quote(image))}"
                             "</image:loc></image:image>")
            lines.append("</url>\n")
        lines.append(FOOTER)
        target = os.path.join(output_path, "sitemap.xml")
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("".join(lines))
        logger.info("portal_meta: sitemap with %d pages", len(lines) - 2)
        return target


collector = Collector()
