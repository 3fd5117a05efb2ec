"""Signal wiring: start indexing what was published, swap it in once the build finished.

The documents are known at `all_generators_finalized` (after portal_content's strict
check, which raises there on content errors); the index is written then, in a child
process while Pelican writes the pages (background.py), or in-process at `finalized`
where fork is unavailable. `current` is swapped only at `finalized`, which Pelican
sends only when the whole build got there: a build that fails leaves the previous
index serving. With SEARCH_INDEX_SWAP_FILE set (deploy/publish.py sets it), the
generation is only written and named in that file: the publish swaps it in right
after the site, once the whole build has succeeded.
"""

from __future__ import annotations

import json
import logging
import os
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from upstream import whoosh_names

from . import background
from .from_pelican import search_documents, site_data, source_paths, template_dirs
from .indexer import MAX_BODY_CHARS, new_target, prepare, publish

logger = logging.getLogger(__name__)

_pending: dict = {}  # the current build's job (or its inputs), until `finalized`


def _generators(generators):
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    return articles, pages


def _index_path(settings) -> str:
    return settings.get("SEARCH_INDEX_PATH") or os.path.join(
        os.path.dirname(os.path.abspath(settings["OUTPUT_PATH"])), "search_index")


def _prepare_index(articles, pages):
    settings = articles.settings
    return partial(prepare, _index_path(settings), search_documents(articles.articles, pages.pages),
                   site=site_data(settings, articles, pages),
                   template_dirs=template_dirs(settings, settings["THEME"]))


def index_now(generators):
    """Bring the index up to the generators' content at once, in this process (the live
    preview calls it after a saved article's text changed); its BuildStats, or None."""
    articles, pages = _generators(generators)
    if articles is None or pages is None:
        return None
    return publish(_prepare_index(articles, pages)())


def start_indexing(generators) -> None:
    cancel_pending()
    articles, pages = _generators(generators)
    if articles is None or pages is None:
        return
    settings = articles.settings
    index_path = _index_path(settings)
    # Built here, not in the child: it renders each article's content (Pelican's
    # link replacement, which logs), and the rendering is kept for writing the pages.
    prepare_index = _prepare_index(articles, pages)
    _pending["index_path"] = index_path
    _pending["sources"] = source_paths(articles.articles, pages.pages)
    _pending["swap_file"] = settings.get("SEARCH_INDEX_SWAP_FILE")
    if background.available():
        target = new_target(index_path)
        _pending["job"] = background.IndexJob(partial(prepare_index, target=target), target)
    else:
        _pending["prepare"] = prepare_index


def write_search_index(pelican) -> None:
    if "index_path" not in _pending:
        return
    job, prepare_here = _pending.pop("job", None), _pending.pop("prepare", None)
    prepared = job.result() if job is not None else prepare_here()
    swap_file = _pending.pop("swap_file", None)
    if swap_file:
        generation = str(prepared.target) if prepared.target is not None else None
        Path(swap_file).write_text(json.dumps({"generation": generation}), encoding="utf-8")
        stats = prepared.stats
    else:
        stats = publish(prepared)
    report_capped(stats.capped, _pending.pop("sources", {}))
    logger.info("Search index %s: %d analysed, %d unchanged, %d deleted in %.2f s",
                _pending.pop("index_path"), stats.analysed, stats.reused, stats.deleted,
                stats.seconds)


def report_capped(capped, sources: dict[str, str]) -> None:
    """One warning per document whose text the index cut to MAX_BODY_CHARS."""
    for url, length in capped:
        logger.warning("Search index: %s has %d characters of text; only the first %d are "
                       "searchable", sources.get(url) or url, length, MAX_BODY_CHARS)


def cancel_pending() -> None:
    """A build that failed before `finalized` (e.g. under autoreload) left a job."""
    job = _pending.pop("job", None)
    if job is not None:
        job.cancel()
    _pending.clear()


def register() -> None:
    whoosh_names.require()
    signals.all_generators_finalized.connect(start_indexing)
    signals.finalized.connect(write_search_index)
