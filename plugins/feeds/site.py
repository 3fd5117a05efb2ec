"""The feeds of one Pelican build: which articles go where, read from the generators."""

from __future__ import annotations

import logging
import os

from photos.markup import shared_copy

from .entries import Entry, entry_from_article
from .links import FeedDirectory, FeedGroup, feed_directory
from .settings import FeedSettings
from .writer import Channel, write_feeds

logger = logging.getLogger(__name__)


def directory(article_generator, settings: FeedSettings) -> FeedDirectory:
    """The site feed and one feed per section that has published articles."""
    categories = [category for category, _ in article_generator.categories]
    page_url = settings.page_url if settings.page_save_as else None
    return feed_directory(categories, settings.site_title, settings.absolute, page_url,
                          settings.max_items)


def newest(articles, limit: int) -> list:
    """Newest first; equal dates in URL order, so every build lists the same items."""
    ordered = sorted(articles, key=lambda a: a.url)
    ordered.sort(key=lambda a: a.date, reverse=True)
    return ordered[:limit]


def file_lookup(article_generator):
    """Lead photo path -> (its URL, the file readers download): a processed photo's
    mid-size copy (the photos plugin names it), else the file from Pelican's static
    files."""
    static_content = article_generator.context.get("static_content") or {}
    output_path = article_generator.output_path

    def find_file(image: str):
        copy = shared_copy(image)  # a processed photo: its mid-size copy
        if copy != image:
            published = os.path.join(output_path, *copy.split("/"))
            if os.path.isfile(published):
                return copy, published
        static = static_content.get(image)
        if static is not None:
            # The file readers get: a photo is published processed (the photos plugin
            # writes it before the feeds), other files as they are.
            published = os.path.join(output_path, *static.save_as.split("/"))
            return static.url, published if os.path.isfile(published) else static.source_path
        published = os.path.join(output_path, *image.split("/"))
        if os.path.isfile(published):
            return image, published
        logger.warning("feeds: lead photo %r is not published (not under STATIC_PATHS?); "
                       "no enclosure", image)
        return None

    return find_file


def channel_for(group: FeedGroup, settings: FeedSettings) -> Channel:
    if group.key:
        title = f"{group.name} – {settings.site_title}"
        description = f"Tin bài chuyên mục {group.name} – {settings.site_title}"
    else:
        title, description = settings.site_title, settings.site_description
    return Channel(
        title=title,
        description=description,
        link=settings.absolute(group.page_url),
        language=settings.language,
        author=settings.site_author,
        logo=settings.logo,
        rss_image=settings.rss_image,
        rss_image_size=settings.rss_image_size,
    )


def write_all(article_generator, feeds: FeedDirectory, settings: FeedSettings) -> list[str]:
    """Write every feed into the output folder; the paths written."""
    find_file = file_lookup(article_generator)
    cache: dict[int, Entry] = {}

    def entries(articles) -> list[Entry]:
        chosen = newest(articles, settings.max_items)
        for article in chosen:
            if id(article) not in cache:
                cache[id(article)] = entry_from_article(article, settings, find_file)
        return [cache[id(article)] for article in chosen]

    output = article_generator.output_path
    written = write_feeds(feeds.site, channel_for(feeds.site, settings),
                          entries(article_generator.articles), output)
    for category, articles in article_generator.categories:
        group = feeds.section(category.slug)
        if group is not None:
            written += write_feeds(group, channel_for(group, settings), entries(articles), output)
    logger.info("feeds: wrote %d feeds", len(written))
    return written
