"""Signal wiring for portal_meta; the logic lives in sitemap.py and export.py.

initialized               SITE_ABSOLUTE_URL into the settings (templates read it)
content_written           note each written page for the sitemap
article_generator_finalized  keep the published articles for the JSON export
finalized                 write sitemap.xml and the JSON export
"""

from __future__ import annotations

import logging

from pelican import signals

from . import export, sitemap

logger = logging.getLogger(__name__)

DEFAULT_DEV_URL = "http://127.0.0.1:8000"


def absolute_base(settings) -> str:
    """SITEURL when it is absolute, else the development server's address."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if siteurl.startswith(("http://", "https://")):
        return siteurl
    return (settings.get("SITE_DEV_URL") or DEFAULT_DEV_URL).rstrip("/")


def start(pelican):
    pelican.settings["SITE_ABSOLUTE_URL"] = absolute_base(pelican.settings)
    sitemap.collector.reset(pelican)
    export.collector.reset()


def page_written(path, context):
    sitemap.collector.add(path, context)


def articles_ready(generator):
    export.collector.articles = list(generator.articles)


def finish(pelican):
    base = absolute_base(pelican.settings)
    sitemap.collector.write(pelican.output_path, base, pelican.settings)
    export.write(pelican.output_path, base, pelican.settings, export.collector.articles)


def register():
    signals.initialized.connect(start)
    signals.content_written.connect(page_written)
    signals.article_generator_finalized.connect(articles_ready)
    signals.finalized.connect(finish)
