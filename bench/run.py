"""Run every benchmark side by side and write the results table.

    python -m bench.run --n 10000            # the full run (`make bench`), ~15-25 min
    python -m bench.run --n 2000             # a quicker look for hot spots
    python -m bench.run --n 200 --quick --out /tmp/b   # the CI smoke test (~1-2 min)

Writes RESULTS.md and results.json into --out (default: bench/) and keeps the corpus,
builds, logs and wrk path lists in --work (default: bench/out/n<N>/, git-ignored).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from . import (
    builds,
    check_speed,
    corpus,
    http_load,
    page_weight,
    photo_speed,
    preview,
    queries,
    search_inprocess,
)
from .report import Row, both_upper, lower, machine, upper, write_markdown, zero

BENCH = Path(__file__).resolve().parent
POPULAR_REPLAYS = 10  # each popular query before the popular mix: every worker caches it

TARGETS = {
    "cold_ratio": 1.6,  # with camera photos (issue 13; 1.8 before the corpus had them)
    "rebuild_ratio": 0.8,
    "memory_mb": 1024,
    "index_update_s": 2.0,
    "search_p50_ms": 20,
    "search_p99_ms": 100,
    "phrase_p50_ms": 50,
    "phrase_p99_ms": 150,
    "names_p50_ms": 30,
    "names_p99_ms": 120,
    "popular_rps": 300,
    "popular_p99_ms": 150,
    "distinct_rps": 60,
    "distinct_p99_ms": 400,
    "article_kb": 60,
    "home_phone_kb": 400,  # every byte a phone at 360 px loads, photos included
    "article_phone_kb": 300,
    **check_speed.TARGETS,
    **preview.TARGETS,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=BENCH,
                        help="folder for RESULTS.md and results.json (default: bench/)")
    parser.add_argument("--work", type=Path, default=None,
                        help="scratch folder (default: bench/out/n<N>, or <out>/work)")
    parser.add_argument("--photo-pool", type=Path, default=BENCH / "out" / "photo-pool",
                        help="where the corpus's camera photos are made once and kept")
    parser.add_argument("--quick", action="store_true",
                        help="short wrk runs and few queries: a smoke test, not a measurement")
    parser.add_argument("--http-seconds", type=float, default=None)
    parser.add_argument("--queries", type=int, default=None, help="queries per in-process kind")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs of each build, the fastest counts (default 2, 1 with --quick)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.work is not None:
        work = args.work.resolve()
    elif out == BENCH:
        work = BENCH / "out" / f"n{args.n}"
    else:
        work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    http_seconds = args.http_seconds or (3 if args.quick else 30)
    query_count = args.queries or (40 if args.quick else 400)
    results: dict = {"n": args.n, "seed": args.seed, "quick": args.quick,
                     "http_seconds": http_seconds, "queries_per_kind": query_count}

    log(f"corpus: {args.n} articles into {work / 'content'}")
    content = work / "content"
    made = corpus.generate(content, args.n, args.seed, photo_pool=args.photo_pool)
    words = [sum(len(p.split()) for p in a.paragraphs) for a in made.articles]
    results["corpus"] = {
        "articles": len(made.articles), "published": len(made.published),
        "median_words": int(statistics.median(words)), "min_words": min(words),
        "max_words": max(words),
        "with_stats": sum("Stats_Period" in a.meta for a in made.articles),
        "with_photo": sum("Image" in a.meta for a in made.articles),
        "with_camera_photo": len(made.with_camera_photo),
        "camera_photos": len(made.camera_photos),
    }
    log("photos: processing time per new photo, by camera size")
    results["photo_speed"] = photo_speed.measure(work / "photo-speed", 1 if args.quick else 3)
    for shape in results["photo_speed"]:
        log(f"  {shape['shape']}: {shape['seconds']} s")

    log("make check: the whole corpus, then one file")
    results["check"] = check_speed.measure(made)
    log(f"  all {results['check']['all_seconds']} s, one {results['check']['one_seconds']} s")

    repeat = args.repeat or (1 if args.quick else 2)
    paths = builds.portal_paths(work)
    runs: dict[str, list] = {"plain-cold": [], "portal-cold": [], "portal-rebuild": []}
    for attempt in range(repeat):  # interleaved, so a slow spell hits both alike
        log(f"build {attempt + 1}/{repeat}: plain Pelican, cold")
        runs["plain-cold"].append(_checked(builds.plain_build(work, content,
                                                              f"plain-cold-{attempt + 1}")))
        log(f"  {runs['plain-cold'][-1].seconds:.1f} s, "
            f"peak {runs['plain-cold'][-1].peak_mb:.0f} MB")
        log(f"build {attempt + 1}/{repeat}: portal, cold (all plugins, pelicanconf.py)")
        runs["portal-cold"].append(_checked(builds.portal_build(
            work, content, f"portal-cold-{attempt + 1}", clean=True)))
        log(f"  {runs['portal-cold'][-1].seconds:.1f} s, "
            f"peak {runs['portal-cold'][-1].peak_mb:.0f} MB")
        results.setdefault("photo_work", {}).setdefault("cold", []).append(
            builds.photo_work(work))
        full_index = builds.build_json(paths["index"])
        index_bytes = builds.index_size_bytes(paths["index"])
        results.setdefault("index_full_runs", []).append(full_index)
    updates = []
    for attempt in range(repeat):
        edited = corpus.edit_one(made, len(made.published) // 2 + attempt)
        log(f"build {attempt + 1}/{repeat}: portal, after editing {edited.relative_to(content)}")
        runs["portal-rebuild"].append(_checked(builds.portal_build(
            work, content, f"portal-rebuild-{attempt + 1}", clean=False)))
        log(f"  {runs['portal-rebuild'][-1].seconds:.1f} s, "
            f"peak {runs['portal-rebuild'][-1].peak_mb:.0f} MB")
        updates.append(builds.build_json(paths["index"]))
        results["photo_work"].setdefault("rebuild", []).append(builds.photo_work(work))
    best = {name: min(found, key=lambda b: b.seconds) for name, found in runs.items()}
    full_index = min(results["index_full_runs"], key=lambda b: b["seconds"])
    update_index = min(updates, key=lambda b: b["seconds"])
    results["builds"] = {name: {**b.as_dict(), "name": name,
                                "peak_mb": round(max(r.peak_mb for r in runs[name]), 1),
                                "maxrss_mb": round(max(r.maxrss_mb for r in runs[name]), 1),
                                "tree_rss_mb": round(max(r.tree_rss_mb for r in runs[name]), 1),
                                "all_seconds": [round(r.seconds, 2) for r in runs[name]]}
                         for name, b in best.items()}
    results["index"] = {"full": full_index, "update": update_index, "size_bytes": index_bytes,
                        "update_runs": updates}

    log(f"search in process: {query_count} queries per kind")
    sets = queries.query_sets(made, query_count)
    results["search"] = search_inprocess.measure(paths["index"], sets)
    for kind, figures in results["search"].items():
        log(f"  {kind}: p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms")
    titles = [(title, _article_url(article)) for title, article in queries.unique_titles(made)]
    log(f"every unique title as a query: {len(titles)} titles")
    results["titles"] = search_inprocess.titles_first(paths["index"], titles)
    log(f"  {results['titles']['misses']} not first, {results['titles']['seconds']} s")

    site = paths["output"]
    article_urls = [_article_url(a) for a in made.published]
    chosen = page_weight.pick_article_pages(site, article_urls)
    weights = {"home": page_weight.static_weight(site, site / "index.html"),
               "article": page_weight.static_weight(site, chosen["median"]),
               "article_largest": page_weight.static_weight(site, chosen["largest"])}
    photo_page = page_weight.pick_article_pages(
        site, [_article_url(a) for a in made.with_camera_photo])["median"]
    weights["article_photo"] = page_weight.static_weight(site, photo_page)
    results["page_weight"] = weights

    seen: set = set()
    per_run = int(max(4000, http_seconds * 1200))
    workloads = {
        "popular": queries.http_paths(made, per_run, 0.8, seed=11, seen=seen),
        "distinct": queries.http_paths(made, per_run, 0.0, seed=13, seen=seen),
    }
    warmup = queries.http_paths(made, 2000, 0.0, seed=17, seen=seen)
    popular_set = [path for path, _ in Counter(workloads["popular"]).most_common(
        queries.POPULAR_SIZE)]
    http_dir = work / "http"
    http_dir.mkdir(exist_ok=True)
    results["http"] = {}
    for naive in (False, True):
        name = "naive" if naive else "production"
        log(f"http: {name} service, {http_seconds:.0f} s per workload")
        with http_load.stack(site, paths["index"], http_dir / name, naive) as running:
            http_load.check_ok(running.base_url, warmup[0])
            http_load.run_wrk(running.base_url, warmup, 2 if args.quick else 5,
                              http_dir / f"{name}-warmup.txt")
            figures = {}
            for workload, request_paths in workloads.items():
                if workload == "popular" and not naive:
                    # Popular queries have been asked before: each worker has them
                    # cached, as in steady service. (The naive service caches nothing.)
                    seconds = http_load.replay(running.base_url,
                                               popular_set * POPULAR_REPLAYS)
                    log(f"  popular set replayed {POPULAR_REPLAYS} times in {seconds:.0f} s")
                figures[workload] = http_load.run_wrk(
                    running.base_url, request_paths, http_seconds,
                    http_dir / f"{name}-{workload}.txt")
                f = figures[workload]
                log(f"  {workload}: {f['rps']} req/s, p50 {f['p50_ms']} ms, "
                    f"p99 {f['p99_ms']} ms, errors {f['errors']}")
            if not naive:
                pages = {"home": "/", "article": "/" + str(chosen["median"].relative_to(site)),
                         "article_photo": "/" + str(photo_page.relative_to(site))}
                results["browser"] = {}
                for screen in page_weight.SCREENS:
                    log(f"browser: home and article pages in headless Chromium, {screen}")
                    loaded = page_weight.browser_requests(
                        running.base_url, list(pages.values()), screen)
                    for key, path in pages.items():
                        shown_as = key if screen == "desktop" else f"{key}@{screen}"
                        results["browser"][shown_as] = loaded[path]
        results["http"][name] = figures

    log("live preview: make devserver and pelican --autoreload --listen, "
        f"{preview.EDITS} one-article edits each")
    results["preview"] = preview.measure(work, made, log)

    results["machine"] = machine()
    results["harness_seconds"] = round(time.perf_counter() - started, 1)
    rows = make_rows(results)
    (out / "results.json").write_text(
        json.dumps(_without_output(results), ensure_ascii=False, indent=1, default=str),
        encoding="utf-8")
    write_markdown(out / "RESULTS.md", rows, {
        "mode": ("quick smoke run: nothing here is a measurement" if args.quick
                 else "full run"),
        "n": args.n, "seed": args.seed, "machine": results["machine"],
        "published": results["corpus"]["published"],
        "median_words": results["corpus"]["median_words"],
        "with_stats": results["corpus"]["with_stats"],
        "with_photo": results["corpus"]["with_photo"],
        "harness_seconds": results["harness_seconds"],
    }, details(results))
    log(f"wrote {out / 'RESULTS.md'} in {results['harness_seconds']:.0f} s")
    for row in rows:
        print(f"  {row.figure}: {row.value} (target {row.target}, met {row.met})")
    return 0


def _checked(result: builds.BuildResult) -> builds.BuildResult:
    if result.returncode != 0:
        tail = result.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{result.name} failed with exit code {result.returncode}:\n{tail}")
    return result


def _article_url(article: corpus.Article) -> str:
    return f"{article.path.parent.name}/{article.meta['Slug']}.html"


def _without_output(results: dict) -> dict:
    clean = json.loads(json.dumps(results, default=str))
    for service in clean.get("http", {}).values():
        for figures in service.values():
            figures.pop("wrk_output", None)
    for page in clean.get("browser", {}).values():
        page.pop("urls", None)
    return clean


def make_rows(r: dict) -> list[Row]:
    t = TARGETS
    plain, cold, rebuild = (r["builds"][k] for k in ("plain-cold", "portal-cold",
                                                     "portal-rebuild"))
    base = plain["seconds"]
    cold_ratio, rebuild_ratio = cold["seconds"] / base, rebuild["seconds"] / base
    peak = max(cold["peak_mb"], rebuild["peak_mb"])
    full, update = r["index"]["full"], r["index"]["update"]
    s = r["search"]
    prod, naive = r["http"]["production"], r["http"]["naive"]
    home, article = r["page_weight"]["home"], r["page_weight"]["article"]
    browser = r.get("browser", {})
    offsite = (home["offsite"] + article["offsite"]
               + [u for page in browser.values() for u in page["offsite"]])
    rows = [
        Row("Plain Pelican cold build", f"{base:.1f} s (peak {plain['peak_mb']:.0f} MB)"),
        Row("Portal cold build, all features",
            f"{cold['seconds']:.1f} s = {cold_ratio:.2f} × plain", f"≤ {t['cold_ratio']} × plain",
            f"{cold_ratio / t['cold_ratio']:.2f}",
            "yes" if cold_ratio <= t["cold_ratio"] else "**no**"),
        Row("Portal rebuild after one article changes",
            f"{rebuild['seconds']:.1f} s = {rebuild_ratio:.2f} × plain cold",
            f"≤ {t['rebuild_ratio']} × plain cold", f"{rebuild_ratio / t['rebuild_ratio']:.2f}",
            "yes" if rebuild_ratio <= t["rebuild_ratio"] else "**no**"),
        upper("Peak memory during build", peak, t["memory_mb"],
              f"{peak:.0f} MB (cold {cold['peak_mb']:.0f}, rebuild {rebuild['peak_mb']:.0f})",
              "≤ 1 GB (1024 MB)"),
        upper("`make check`, whole content (no build)", r["check"]["all_seconds"],
              t["check_all_s"], f"{r['check']['all_seconds']:.2f} s for "
              f"{r['check']['files']:,} files = {base / r['check']['all_seconds']:.0f}× "
              "faster than a plain build", f"≤ {t['check_all_s']:.0f} s"),
        upper("`make check FILE=…`, one file", r["check"]["one_seconds"], t["check_one_s"],
              f"{r['check']['one_seconds']:.2f} s", f"≤ {t['check_one_s']:.0f} s"),
        Row("Full index build", f"{full['seconds']:.2f} s for {full['analysed']:,} documents",
            "(before the pair fields: 49 s at N=10,000)"),
        Row("Index size", f"{r['index']['size_bytes'] / 2**20:.1f} MB",
            "(before the pair fields: 80.8 MB at N=10,000)"),
        upper("Index update after one article changes", update["seconds"], t["index_update_s"],
              f"{update['seconds']:.2f} s ({update['analysed']} analysed, "
              f"{update['reused']:,} reused)", "≤ 2 s"),
        upper("In-process search, 2-word, p50", s["two_words"]["p50_ms"], t["search_p50_ms"],
              f"{s['two_words']['p50_ms']:.1f} ms", "≤ 20 ms"),
        upper("In-process search, 2-word, p99", s["two_words"]["p99_ms"], t["search_p99_ms"],
              f"{s['two_words']['p99_ms']:.1f} ms", "≤ 100 ms"),
        upper("In-process search, unaccented, p50", s["unaccented"]["p50_ms"],
              t["search_p50_ms"], f"{s['unaccented']['p50_ms']:.1f} ms", "≤ 20 ms"),
        upper("In-process search, unaccented, p99", s["unaccented"]["p99_ms"],
              t["search_p99_ms"], f"{s['unaccented']['p99_ms']:.1f} ms", "≤ 100 ms"),
        both_upper("In-process search, quoted phrase, p50 / p99", s["phrase"]["p50_ms"],
                   s["phrase"]["p99_ms"], t["phrase_p50_ms"], t["phrase_p99_ms"]),
        both_upper("In-process search, 3-syllable names unaccented, p50 / p99",
                   s["names_unaccented"]["p50_ms"], s["names_unaccented"]["p99_ms"],
                   t["names_p50_ms"], t["names_p99_ms"]),
        zero("Unique titles as queries, own article not first", r["titles"]["misses"],
             f"{r['titles']['misses']} of {r['titles']['checked']:,}"),
        Row("In-process search, section filter, p50 / p99",
            f"{s['section']['p50_ms']:.1f} / {s['section']['p99_ms']:.1f} ms"),
        lower("HTTP popular mix, requests/s", prod["popular"]["rps"], t["popular_rps"],
              f"{prod['popular']['rps']:.0f} req/s", "≥ 300 req/s"),
        upper("HTTP popular mix, p50 / p99", prod["popular"]["p99_ms"], t["popular_p99_ms"],
              f"{prod['popular']['p50_ms']:.1f} / {prod['popular']['p99_ms']:.1f} ms",
              "p99 ≤ 150 ms"),
        zero("HTTP popular mix, errors", prod["popular"]["errors"],
             f"{prod['popular']['errors']} of {prod['popular']['requests']:,}"),
        lower("HTTP all-distinct, requests/s", prod["distinct"]["rps"], t["distinct_rps"],
              f"{prod['distinct']['rps']:.0f} req/s", "≥ 60 req/s"),
        upper("HTTP all-distinct, p50 / p99", prod["distinct"]["p99_ms"], t["distinct_p99_ms"],
              f"{prod['distinct']['p50_ms']:.1f} / {prod['distinct']['p99_ms']:.1f} ms",
              "p99 ≤ 400 ms"),
        zero("HTTP all-distinct, errors", prod["distinct"]["errors"],
             f"{prod['distinct']['errors']} of {prod['distinct']['requests']:,}"),
        Row("Naive service, popular mix, requests/s and p50 / p99",
            f"{naive['popular']['rps']:.0f} req/s, {naive['popular']['p50_ms']:.0f} / "
            f"{naive['popular']['p99_ms']:.0f} ms", "(baseline)",
            f"production {prod['popular']['rps'] / max(naive['popular']['rps'], 0.1):.1f} ×"),
        Row("Naive service, all-distinct, requests/s and p50 / p99",
            f"{naive['distinct']['rps']:.0f} req/s, {naive['distinct']['p50_ms']:.0f} / "
            f"{naive['distinct']['p99_ms']:.0f} ms", "(baseline)",
            f"production {prod['distinct']['rps'] / max(naive['distinct']['rps'], 0.1):.1f} ×"),
        Row("Naive service, errors",
            f"{naive['popular']['errors']} + {naive['distinct']['errors']} of "
            f"{naive['popular']['requests'] + naive['distinct']['requests']:,}", "(baseline)"),
        Row("Home page HTML + CSS + JS", _weight(home)),
        Row("Home page requests", _requests(home, browser.get("home"))),
        upper("Article page HTML + CSS + JS", article["html_css_js_bytes"] / 1000,
              t["article_kb"], _weight(article), "≤ 60 KB"),
        Row("Article page requests", _requests(article, browser.get("article"))),
        zero("Requests off the site", len(offsite),
             f"{len(offsite)}" + (f": {', '.join(offsite[:3])}" if offsite else "")),
        *photo_rows(r, base),
        *preview_rows(r),
    ]
    return rows


def preview_rows(r: dict) -> list[Row]:
    if "preview" not in r:
        return []
    t, ours, theirs = TARGETS, r["preview"]["devserver"], r["preview"]["pelican-autoreload"]
    rows = []
    for key, label, bound in (
            ("article_s", "Live preview: save → the article in the open tab, p50 / max",
             "preview_article_s"),
            ("consistent_s", "Live preview: save → whole site consistent, p50 / max",
             "preview_consistent_s")):
        rows.append(upper(label, ours[f"{key}_max"], t[bound],
                          f"{ours[f'{key}_p50']:.2f} / {ours[f'{key}_max']:.2f} s "
                          f"(pelican --autoreload: {theirs[f'{key}_p50']:.2f} / "
                          f"{theirs[f'{key}_max']:.2f} s)", f"≤ {t[bound]:g} s"))
    return rows


def photo_rows(r: dict, base: float) -> list[Row]:
    t, c, browser = TARGETS, r["corpus"], r.get("browser", {})
    cold = min(r["photo_work"]["cold"], key=lambda w: w["waited_seconds"])
    rebuild = max(r["photo_work"]["rebuild"], key=lambda w: w["processed"])
    speed = ", ".join(f"{s['megapixels']:g} MP {s['seconds']:.2f} s" for s in r["photo_speed"])
    rows = [
        Row("Photo processing per new photo (8 copies, one core)", speed),
        Row("Photo work in the cold build",
            f"{cold['processed']} distinct camera photos (on {c['with_camera_photo']:,} "
            f"articles), {cold['started_early']} while the articles were read; the build "
            f"waited {cold['waited_seconds']:.1f} s for them = "
            f"{cold['waited_seconds'] / base:.2f} × plain cold", "inside the cold build's ratio"),
        zero("Photos processed in the one-edit rebuild", rebuild["processed"],
             f"{rebuild['processed']} ({rebuild['waited_seconds']:.2f} s for "
             f"{rebuild['from_cache']} from the cache)"),
    ]
    for key, label, bound in (("home", "Home page", "home_phone_kb"),
                              ("article_photo", "Article page with a camera photo",
                               "article_phone_kb")):
        phone = browser.get(f"{key}@phone")
        if phone is None:
            continue
        dense, desktop = browser[f"{key}@phone-2x"], browser[key]
        rows.append(upper(f"{label} at 360 px, all bytes with photos",
                          phone["transfer_bytes"] / 1000, t[bound],
                          f"{phone['transfer_bytes'] / 1000:.1f} KB (photos "
                          f"{phone['image_bytes'] / 1000:.1f}); 2× density "
                          f"{dense['transfer_bytes'] / 1000:.1f} KB; 1280 px "
                          f"{desktop['transfer_bytes'] / 1000:.1f} KB",
                          f"≤ {t[bound]} KB at 360 px"))
    return rows


def _weight(page: dict) -> str:
    b = page["bytes"]
    return (f"{page['html_css_js_bytes'] / 1000:.1f} KB (HTML {b['html'] / 1000:.1f}, "
            f"CSS {b['css'] / 1000:.1f}, JS {b['js'] / 1000:.1f}; `{page['page']}`)")


def _requests(page: dict, loaded: dict | None) -> str:
    text = f"{page['requests']} referenced"
    if loaded is not None:
        text += f", {loaded['requests']} made by Chromium"
    return text


def details(r: dict) -> str:
    c, b, idx = r["corpus"], r["builds"], r["index"]
    lines = ["## Details", ""]
    lines.append("### Builds (fresh `python -m pelican` process each)")
    lines.append("")
    lines.append("| build | fastest s | every run, s | max RSS (getrusage) "
                 "| process tree PSS (sampled) |")
    lines.append("|---|---|---|---|---|")
    for build in b.values():
        every = ", ".join(f"{x:.1f}" for x in build.get("all_seconds", [build["seconds"]]))
        lines.append(f"| {build['name']} | {build['seconds']:.1f} | {every} "
                     f"| {build['maxrss_mb']:.0f} MB | {build['tree_rss_mb']:.0f} MB |")
    lines += ["", "Cold builds are interleaved (plain, portal, plain, portal); each rebuild "
              "follows a different one-article edit; the fastest run of each counts, peak "
              "memory is the largest of all runs."]
    lines += ["", f"Corpus: {c['articles']:,} articles ({c['published']:,} published), "
              f"{c['min_words']}-{c['max_words']} words (median {c['median_words']}).",
              f"Index: full build {idx['full']['seconds']} s "
              f"({idx['full']['analysed']:,} analysed); update {idx['update']['seconds']} s "
              f"({idx['update']['analysed']} analysed, {idx['update']['deleted']} deleted, "
              f"{idx['update']['reused']:,} reused); size {idx['size_bytes'] / 2**20:.1f} MB.",
              "", "### In-process search (result cache off)", "",
              "| kind | queries | p50 ms | p99 ms | mean ms | max ms | median hits | examples |",
              "|---|---|---|---|---|---|---|---|"]
    for kind, s in r["search"].items():
        examples = ", ".join(f"`{e}`" for e in s["examples"])
        lines.append(f"| {kind} | {s['queries']} | {s['p50_ms']} | {s['p99_ms']} | "
                     f"{s['mean_ms']} | {s['max_ms']} | {s['median_hits']} | {examples} |")
    lines += ["", f"### HTTP ({r['http_seconds']:.0f} s per workload, wrk 2 threads, "
              "16 connections, `/search?q=…` results pages through nginx)", "",
              "| service | workload | requests | req/s | p50 ms | p90 ms | p99 ms | max ms "
              "| errors | distinct paths |", "|---|---|---|---|---|---|---|---|---|---|"]
    for service, workloads in r["http"].items():
        for workload, f in workloads.items():
            lines.append(f"| {service} | {workload} | {f['requests']:,} | {f['rps']} | "
                         f"{f['p50_ms']} | {f['p90_ms']} | {f['p99_ms']} | {f['max_ms']} | "
                         f"{f['errors']} | {f['distinct_paths']:,}"
                         f"{' (wrapped)' if f['wrapped'] else ''} |")
    lines += ["", "Production: `search_index.service:application` under gunicorn with the "
              "worker count of deploy/gunicorn.conf.py (cores + 1), behind nginx with "
              "deploy/nginx-site.conf. Naive: bench/naive_service.py (a new index and "
              "searcher per request, no caches) under gunicorn with 1 sync worker, behind "
              "the same nginx. Popular mix: 80% of requests from 50 popular queries, 20% "
              "never repeated; the popular queries are requested "
              f"{POPULAR_REPLAYS} times each before the measured run (the production "
              "workers cache per process; the naive service caches nothing). "
              "All-distinct: no query repeats.", "",
              "### Page weight (uncompressed bytes in the build output)", ""]
    for key, page in r["page_weight"].items():
        lines.append(f"- {key}: {_weight(page)}; images {page['bytes']['img'] / 1000:.1f} KB; "
                     f"{page['requests']} requests referenced")
    for key, page in r.get("browser", {}).items():
        lines.append(f"- {key} in Chromium: {page['requests']} requests, "
                     f"{page['transfer_bytes'] / 1000:.1f} KB response bodies "
                     f"({page['image_bytes'] / 1000:.1f} KB photos), "
                     f"{len(page['offsite'])} off the site")
    lines += ["", "Each page is a first visit (a fresh browser context, nothing cached); "
              "bytes as they travel (gzip where nginx sends it). Screens: `phone` 360×740 "
              "CSS px at density 1, `phone-2x` the same at density 2, desktop 1280×800 (no "
              "suffix). Only what the first screen shows is fetched: lazy photos further "
              "down wait for the reader to scroll.", "",
              "### Photos", "",
              f"{c['with_camera_photo']:,} published articles have a camera photo as their "
              f"lead, drawn from {c['camera_photos']} distinct photos (bench/photos.py: "
              "phone-sized JPEGs with EXIF orientation and GPS; a pool, so the corpus is "
              "made in minutes); the other articles with a photo keep a drawing. Plain "
              "Pelican copies the photos as they are. Processing a new photo, by size:", ""]
    lines += [f"- {s['shape']} (orientation {s['orientation']}, "
              f"{s['source_bytes'] / 1e6:.1f} MB): {s['seconds']} s for {s['copies']} copies"
              for s in r["photo_speed"]]
    lines += preview_details(r)
    return "\n".join(lines)


def preview_details(r: dict) -> list[str]:
    if "preview" not in r:
        return []
    lines = ["", "### Live preview", "",
             "`make devserver` (python -m live_preview) and Pelican's own loop, `pelican "
             "--autoreload --listen`, with the same settings and plugins, one after the "
             "other, each on its own copy of the corpus. Each edit gives one of the newest "
             "articles a new paragraph (an editor's correction); the clock runs from the "
             "save to the first response with the new word: the article's page, then the "
             "site-wide and section feeds, which carry whole articles (and the search API, "
             "which only the devserver serves); lists show titles and first paragraphs. "
             "2 s between one edit's build and the next save (Pelican's loop loses a save "
             "made the moment its build ends); a save no build picked up within 30 s counts "
             "as lost and is saved again, the clock running from the first save.", "",
             "| server | first build s | save → article, each edit s | "
             "save → consistent, each edit s | saves lost (saved again) |",
             "|---|---|---|---|---|"]
    for kind, figures in r["preview"].items():
        each = [", ".join(f"{e[key]:.2f}" for e in figures["edits"])
                for key in ("article_s", "consistent_s")]
        lines.append(f"| {kind} | {figures['first_build_s']} | {each[0]} | {each[1]} | "
                     f"{figures.get('lost_saves', 0)} |")
    return lines


if __name__ == "__main__":
    sys.exit(main())
