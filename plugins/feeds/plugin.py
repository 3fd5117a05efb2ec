"""Signal wiring for the feeds plugin; the logic lives in the sibling modules.

initialized               read and validate the settings once (a bad one stops the build)
all_generators_finalized  put the feed directory in the context as FEEDS, before any
                          template renders (autodiscovery links, footer, RSS page);
                          pin pelican-sitemap's clock to the newest article
article_writer_finalized  write the feeds and the "Theo dõi RSS" page
finalized                 write robots.txt
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import ArticlesGenerator
from upstream import sitemap_names

from . import site
from .robots import write_robots
from .settings import read_settings
from .sitemap_clock import pin_sitemap_clock

logger = logging.getLogger(__name__)

SETTINGS_KEY = "_FEEDS_SETTINGS"  # the validated FeedSettings, kept in Pelican's settings
PAGE_TEMPLATE = "feeds_page"


def read_config(pelican):
    pelican.settings[SETTINGS_KEY] = read_settings(pelican.settings)


def _feed_settings(settings):
    if SETTINGS_KEY not in settings:  # a Pelican object built without `initialized`
        settings[SETTINGS_KEY] = read_settings(settings)
    return settings[SETTINGS_KEY]


def add_feed_links(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            feeds = site.directory(generator, _feed_settings(generator.settings))
            generator.context["FEEDS"] = feeds  # the context all generators share
            pin_sitemap_clock(generator.articles)
            return


def write_feed_files(generator) -> list[str]:
    """The feeds of the articles generator's articles, written again (the live preview
    calls it after a saved article's text changed); the paths written."""
    settings = _feed_settings(generator.settings)
    feeds = generator.context.get("FEEDS") or site.directory(generator, settings)
    return site.write_all(generator, feeds, settings)


def write_feeds(generator, writer):
    settings = _feed_settings(generator.settings)
    write_feed_files(generator)
    if settings.page_save_as:
        writer.write_file(
            settings.page_save_as,
            generator.get_template(PAGE_TEMPLATE),
            generator.context,
            relative_urls=generator.settings.get("RELATIVE_URLS", False),
            url=settings.page_url,
        )


def write_robots_txt(pelican):
    settings = _feed_settings(pelican.settings)
    if settings.robots:
        write_robots(pelican.output_path, settings)


def register():
    sitemap_names.require()  # what sitemap_clock sets, or it would do nothing
    signals.initialized.connect(read_config)
    signals.all_generators_finalized.connect(add_feed_links)
    signals.article_writer_finalized.connect(write_feeds)
    signals.finalized.connect(write_robots_txt)
