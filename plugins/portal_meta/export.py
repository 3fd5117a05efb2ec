"""The JSON export of the published articles (PORTAL_JSON_EXPORT_SAVE_AS), for other
systems: the Dublin Core fields of each article, newest first.

Reproducible: the same content gives the same bytes (no build time in it; `updated` is
the newest article's update time).
"""

from __future__ import annotations

import json
import logging
import os
from html import unescape
from urllib.parse import quote

from bs4 import BeautifulSoup
from photos.markup import shared_copy

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1


class Collector:
    def __init__(self):
        self.articles: list = []

    def reset(self):
        self.articles = []


collector = Collector()


def text_of(html: str | None) -> str:
    if not html:
        return ""
    return " ".join(unescape(BeautifulSoup(html, "html.parser").get_text(" ")).split())


def iso(moment) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def article_record(article, base: str, settings) -> dict:
    url = f"{base}/{quote(article.url)}"
    image = getattr(article, "image", None)
    return {
        "identifier": url,
        "url": url,
        "title": article.title,
        "description": text_of(getattr(article, "summary", "")),
        "date": iso(article.date),
        "modified": iso(getattr(article, "modified", None) or article.date),
        "creator": [author.name for author in getattr(article, "authors", None) or ()],
        "contributor": getattr(article, "editor", None) or None,
        "source": getattr(article, "source", None) or None,
        "publisher": settings.get("SITE_UNIT") or settings.get("SITENAME"),
        "language": settings.get("DEFAULT_LANG") or "vi",
        "category": article.category.name,
        "subject": [tag.name for tag in getattr(article, "tags", None) or ()],
        "image": f"{base}/{quote(shared_copy(image))}" if image else None,
    }


def document(articles, base: str, settings) -> dict:
    ordered = sorted(articles, key=lambda a: a.url)
    ordered.sort(key=lambda a: a.date, reverse=True)
    records = [article_record(article, base, settings) for article in ordered]
    return {
        "version": FORMAT_VERSION,
        "title": settings.get("SITENAME"),
        "publisher": settings.get("SITE_UNIT") or settings.get("SITENAME"),
        "home_page_url": f"{base}/",
        "language": settings.get("DEFAULT_LANG") or "vi",
        "updated": max((r["modified"] for r in records), default=None),
        "count": len(records),
        "articles": records,
    }


def write(output_path, base: str, settings, articles) -> str | None:
    save_as = settings.get("PORTAL_JSON_EXPORT_SAVE_AS")
    if not save_as:
        return None
    target = os.path.join(output_path, *save_as.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    text = json.dumps(document(articles, base, settings), ensure_ascii=False, indent=1)
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text + "\n")
    logger.info("portal_meta: %d articles in %s", len(articles), save_as)
    return target
