"""The naive search service the benchmarks compare against: a new searcher per request.

It is search_index's own service (same schema, query parsing, ranking, highlighting and
results page), with only the searcher handling changed: every request opens the index
and a new searcher, and closes them afterwards; no searcher is pooled and nothing is
cached (neither results nor rendered pages). The benchmark serves it with gunicorn,
one sync worker (one process, one request at a time), behind the same nginx as the
production service.

    SEARCH_INDEX_DIR=… gunicorn -c deploy/gunicorn.conf.py bench.naive_service:application
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

from search_index.indexer import WHOOSH_DIR, current_generation
from search_index.searching import Generation, RecentCache, SearchEngine
from search_index.service import SearchService
from whoosh import index


class FreshSearcherGeneration(Generation):
    """A generation whose `searcher()` opens the index and a new searcher every time."""

    @contextmanager
    def searcher(self):
        searcher = index.open_dir(str(self.path / WHOOSH_DIR)).searcher()
        try:
            yield searcher
        finally:
            searcher.close()


class NaiveEngine(SearchEngine):
    def __init__(self, index_dir, check_interval: float = 1.0):
        super().__init__(index_dir, check_interval=check_interval, cache_size=0)

    def _refresh(self) -> None:
        path = current_generation(self.index_dir)
        if path is not None and (self._generation is None or self._generation.path != path):
            self._generation = FreshSearcherGeneration(path)
        self._next_check = time.monotonic() + self.check_interval


def create_naive_app(index_dir) -> SearchService:
    service = SearchService(NaiveEngine(Path(index_dir)))
    service.responses = RecentCache(0)  # no rendered-page cache either
    return service


_app = None


def application(environ, start_response):
    global _app
    if _app is None:
        _app = create_naive_app(os.environ.get("SEARCH_INDEX_DIR", "search_index"))
    return _app(environ, start_response)
