"""An experiment, not part of `make bench`: where search_index's query time goes, and
what a top-N scored search would save, on the harness's index and queries.

    python -m bench.search_experiment --work bench/out/n10000 --n 10000

It times, per query, on the same searcher:

- `engine`: SearchEngine.search as the service calls it (result cache off);
- `sorted`: only its `searcher.search(..., sortedby=MultiFacet(exact-first, score, date))`;
- `topn`: the proposed replacement: a plain scored top-N search (Whoosh's default
  collector, which skips posting blocks that cannot reach the top N), exact-diacritic
  matches first by running the exact-restricted query first and filling up from the
  rest, plus an exact count of the matches without scoring them;
- `count`: that count alone.

With `--fts5` it also indexes the same corpus (folded title, body and tags, as the
Whoosh index holds them) in SQLite FTS5 from the standard library and times the same
queries there: top 10 by bm25 with the same field weights, a snippet, and the exact
count of matches.

Nothing here changes search_index; the figures are for its maintainers.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from search_index.query import accented_words, exact_match_query, parse_query
from search_index.searching import SearchEngine, _ranking
from whoosh.query import And, Term

from .corpus import SECTIONS, Corpus, plan
from .queries import query_sets
from .search_inprocess import _request, percentile

PAGE_SIZE = 10


def count_matches(searcher, query, only) -> int:
    """Matching documents, unscored (the matcher's ids only)."""
    if only is not None:
        query = And([query, only])
    total = 0
    for leaf, _ in searcher.leaf_searchers():
        matcher = query.matcher(leaf)
        for _ in matcher.all_ids():
            total += 1
    return total


def top_n(searcher, text: str, query, only, limit: int):
    """Exact-diacritic matches first (as the MultiFacet does), by score within each part."""
    exact = exact_match_query(text) if accented_words(text) else None
    hits = []
    if exact is not None:
        first = searcher.search(And([query, exact]), filter=only, limit=limit)
        hits = [hit.docnum for hit in first]
        if len(hits) < limit:
            rest = searcher.search(query, filter=only, mask=exact, limit=limit - len(hits))
            hits += [hit.docnum for hit in rest]
    else:
        hits = [hit.docnum for hit in searcher.search(query, filter=only, limit=limit)]
    return hits, count_matches(searcher, query, only)


def run(work: Path, n: int, count: int) -> dict:
    corpus = Corpus(work / "content", plan(n), [])
    sets = query_sets(corpus, count)
    engine = SearchEngine(work / "portal-index", check_interval=3600, cache_size=0)
    generation = engine.generation()
    results = {}
    with generation.searcher() as searcher:
        for kind, queries in sets.items():
            timings: dict[str, list[float]] = {"engine": [], "sorted": [], "topn": [],
                                               "count": []}
            agree = 0
            for item in queries:
                request = _request(item)
                query = parse_query(generation.parser, request.text)
                if query is None:
                    continue
                section = generation.section(request.category) if request.category else None
                only = Term("category", section.slug) if section else None

                started = time.perf_counter()
                engine.search(request)
                timings["engine"].append(time.perf_counter() - started)

                started = time.perf_counter()
                ranked = searcher.search(query, filter=only, limit=PAGE_SIZE,
                                         sortedby=_ranking(request.text))
                total = len(ranked)
                timings["sorted"].append(time.perf_counter() - started)

                started = time.perf_counter()
                hits, matched = top_n(searcher, request.text, query, only, PAGE_SIZE)
                timings["topn"].append(time.perf_counter() - started)

                started = time.perf_counter()
                count_matches(searcher, query, only)
                timings["count"].append(time.perf_counter() - started)
                agree += matched == total
            results[kind] = {name: {"p50_ms": round(percentile(values, 0.5) * 1000, 1),
                                    "p99_ms": round(percentile(values, 0.99) * 1000, 1),
                                    "mean_ms": round(statistics.fmean(values) * 1000, 1)}
                             for name, values in timings.items() if values}
            results[kind]["same_totals"] = f"{agree}/{len(timings['engine'])}"
    return results


def fts5(n: int, count: int, database: Path) -> dict:
    """The same corpus and queries in SQLite FTS5 (folded text, as the Whoosh fields)."""
    import sqlite3

    from search_index.schema import fold

    articles = plan(n)
    database.unlink(missing_ok=True)
    db = sqlite3.connect(database)
    db.execute("create virtual table docs using fts5(title, body, meta, category, "
               "tokenize='unicode61 remove_diacritics 0')")
    folders = {name: folder for name, folder in SECTIONS}
    started = time.perf_counter()
    db.executemany("insert into docs values (?, ?, ?, ?)", [
        (fold(a.meta["Title"]),
         fold(" ".join(p for p in a.paragraphs if not p.startswith(("!", "#")))),
         fold(f"{a.meta['Category']} {a.meta['Tags']} {a.meta.get('Author', '')}"),
         folders[a.meta["Category"]].replace("-", ""))
        for a in articles])
    db.commit()
    results = {"index_seconds": round(time.perf_counter() - started, 2)}
    sets = query_sets(Corpus(database.parent, articles, []), count)
    for kind, queries in sets.items():
        timings = []
        for item in queries:
            text = fold(item["text"])
            match = text if text.startswith('"') else " AND ".join(
                f'"{word}"' for word in text.split())
            section = item.get("category", "")
            if section:
                match = f'({match}) AND category:"{section.replace("-", "")}"'
            where, params = "docs match ?", (match,)
            started = time.perf_counter()
            db.execute("select rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 24) "
                       f"from docs where {where} order by bm25(docs, 4.0, 1.0, 1.5, 0) "
                       "limit 10", params).fetchall()
            db.execute(f"select count(*) from docs where {where}", params).fetchone()
            timings.append(time.perf_counter() - started)
        results[kind] = {"p50_ms": round(percentile(timings, 0.5) * 1000, 1),
                         "p99_ms": round(percentile(timings, 0.99) * 1000, 1)}
    db.close()
    database.unlink(missing_ok=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--fts5", action="store_true")
    args = parser.parse_args()
    for kind, figures in run(args.work, args.n, args.queries).items():
        print(kind, figures)
    if args.fts5:
        print("fts5", fts5(args.n, args.queries, args.work / "fts5-experiment.sqlite"))


if __name__ == "__main__":
    main()
