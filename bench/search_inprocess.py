"""In-process search latency through search_index's own engine (its result cache off).

Each query is a `SearchRequest` answered by `SearchEngine.search`, exactly what the
service does for a request minus HTTP and the results page: parse, search with the
pooled searcher, rank, highlight, suggest. With the cache at size 0 every query is
searched, so the figures are the engine's, not the cache's.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from search_index.query import SearchRequest, cap_query
from search_index.searching import SearchEngine

WARMUP = 20


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[rank]


def measure(index_dir: Path, sets: dict[str, list[dict]]) -> dict[str, dict]:
    engine = SearchEngine(index_dir, check_interval=3600, cache_size=0)
    warm = [q for queries in sets.values() for q in queries[:WARMUP // len(sets) + 1]]
    for query in warm:
        engine.search(_request(query))
    results = {}
    for kind, queries in sets.items():
        timings, hits = [], []
        for query in queries:
            started = time.perf_counter()
            result = engine.search(_request(query))
            timings.append((time.perf_counter() - started) * 1000)
            hits.append(result.total)
        results[kind] = {
            "queries": len(queries),
            "p50_ms": round(percentile(timings, 0.50), 2),
            "p99_ms": round(percentile(timings, 0.99), 2),
            "mean_ms": round(statistics.fmean(timings), 2) if timings else None,
            "max_ms": round(max(timings), 2) if timings else None,
            "median_hits": statistics.median(hits) if hits else 0,
            "examples": [q["text"] for q in queries[:3]],
        }
    return results


def titles_first(index_dir: Path, titles: list[tuple[str, str]]) -> dict:
    """Each (title, url): is the article its own title's first result?"""
    engine = SearchEngine(index_dir, check_interval=3600, cache_size=0)
    misses, started = [], time.perf_counter()
    for title, url in titles:
        result = engine.search(_request({"text": title}))
        first = result.hits[0].url if result.hits else None
        if first != url:
            misses.append({"title": title, "url": url, "first": first})
    return {"checked": len(titles), "misses": len(misses), "examples": misses[:5],
            "seconds": round(time.perf_counter() - started, 1)}


def _request(query: dict) -> SearchRequest:
    text, notices = cap_query(query["text"])
    return SearchRequest(text=text, category=query.get("category", ""), notices=notices)
