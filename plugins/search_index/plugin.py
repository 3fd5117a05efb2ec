"""Signal wiring: remember what was published, index it once the build has finished.

Indexing waits for `finalized`, which Pelican only sends when the whole build got
there: a build that fails (e.g. strict mode's content errors, raised from
all_generators_finalized) leaves the previous index serving.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .from_pelican import search_documents, site_data, template_dirs
from .indexer import update_index

logger = logging.getLogger(__name__)

_published: dict = {}  # the current build's generators, until `finalized`


def remember_published(generators) -> None:
    _published.clear()
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            _published["articles"] = generator
        elif isinstance(generator, PagesGenerator):
            _published["pages"] = generator


def write_search_index(pelican) -> None:
    articles, pages = _published.pop("articles", None), _published.pop("pages", None)
    if articles is None or pages is None:
        return
    settings = pelican.settings
    index_path = settings.get("SEARCH_INDEX_PATH") or os.path.join(
        os.path.dirname(os.path.abspath(settings["OUTPUT_PATH"])), "search_index")
    stats = update_index(
        index_path,
        search_documents(articles.articles, pages.pages),
        site=site_data(settings, articles, pages),
        template_dirs=template_dirs(settings, pelican.theme),
    )
    logger.info("Search index %s: %d analysed, %d unchanged, %d deleted in %.2f s",
                index_path, stats.analysed, stats.reused, stats.deleted, stats.seconds)


def register() -> None:
    signals.all_generators_finalized.connect(remember_published)
    signals.finalized.connect(write_search_index)
