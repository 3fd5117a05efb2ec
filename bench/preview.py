"""Live preview: save → the saved article served with its new text, and save → the whole
site consistent (home page, section page, feed; and search for the devserver), for
`make devserver` (python -m live_preview) and for Pelican's own loop,
`pelican --autoreload --listen`, with the same settings and plugins, one after the other.

    python -m bench.preview --n 10000     # standalone: corpus, both servers, 5 edits each

Each edit gives one of the newest articles (in the feeds) a new paragraph with a word of
its own, as an editor's correction does; the clock runs from the save to the first
response that has the word: the article's page, then the feeds (and search). Between
edits, the server's build is let finish. (A new title is slower for both: the sidebar
shows the newest titles on every page.)
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import builds, corpus
from .builds import REPO
from .http_load import free_port

TARGETS = {"preview_article_s": 1.0, "preview_consistent_s": 8.0}
EDITS = 5
POLL_SECONDS = 0.01
TIMEOUT_SECONDS = 300
PAUSE_SECONDS = 2.0  # between one edit's build and the next edit
LOST_AFTER_SECONDS = 30  # no build started by then: a lost save, saved again


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        return ""  # not there yet, or caught half written


def _wait(condition, timeout: float = TIMEOUT_SECONDS) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the preview did not get there")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


class Server:
    """One of the two development servers, on its own copy of the corpus."""

    def __init__(self, kind: str, work: Path, content: Path):
        self.kind = kind
        self.folder = work / f"preview-{kind}"
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.content = self.folder / "content"
        shutil.copytree(content, self.content, copy_function=_copy_or_link)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = self.folder / "server.log"
        overrides = {"CACHE_PATH": str(self.folder / "cache"),
                     "SEARCH_INDEX_PATH": str(self.folder / "index"),
                     "PORTAL_SECTIONS": builds.corpus_sections()}
        extra = [f"{key}={json.dumps(value, ensure_ascii=False)}"
                 for key, value in overrides.items()]
        output = str(self.folder / "output")
        if kind == "devserver":
            command = [sys.executable, "-m", "live_preview", "--settings",
                       str(REPO / "pelicanconf.py"), "--content", str(self.content),
                       "--output", output, "--index", overrides["SEARCH_INDEX_PATH"],
                       "--state", str(self.folder / "state.json"), "--port", str(self.port),
                       "-e", *extra]
            self.build_mark = "đã dựng"
            self.start_mark = None  # it watches all the time: a save is never missed
        else:
            command = [sys.executable, "-m", "pelican", str(self.content), "-o", output,
                       "-s", str(REPO / "pelicanconf.py"), "--autoreload", "--listen",
                       "--port", str(self.port), "-e", *extra]
            self.build_mark = "Done: Processed"
            self.start_mark = "-> Modified:"  # Pelican's loop saw a change
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=REPO, stdout=self.log.open("wb"),
                                        stderr=subprocess.STDOUT, start_new_session=True,
                                        env={**os.environ, "COLUMNS": "250"})
        self.first_build = _wait(lambda: self.builds() >= 1 and _get(self.url + "/"),
                                 timeout=1800)
        time.sleep(PAUSE_SECONDS)  # as between edits: Pelican's loop starts watching
        self.lost = 0

    def _count(self, mark: str) -> int:
        return self.log.read_text(encoding="utf-8", errors="replace").count(mark)

    def builds(self) -> int:
        return self._count(self.build_mark)

    def starts(self) -> int:
        return self._count(self.start_mark) if self.start_mark else 0

    def stop(self) -> None:
        group = self.process.pid
        with contextlib.suppress(ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(group, signal.SIGINT)
            self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def _copy_or_link(source: str, target: str) -> None:
    """Texts copied (the edits write them in place); photos, never edited, linked."""
    if source.endswith(".md"):
        shutil.copy2(source, target)
    else:
        os.link(source, target)


def _section_slug(name: str) -> str:
    return dict(corpus.SECTIONS)[name]


def one_edit(server: Server, article: corpus.Article, word: str) -> dict:
    page = f"{server.url}/{article.path.parent.name}/{article.meta['Slug']}.html"
    # Where a new paragraph shows besides the page: the feeds carry whole articles, and
    # search (which only the devserver serves). Lists show titles and first paragraphs.
    checks = {"feed": f"{server.url}/feeds/all.atom.xml",
              "section feed": f"{server.url}/feeds/chuyen-muc/"
                              f"{_section_slug(article.meta['Category'])}.atom.xml"}
    if server.kind == "devserver":
        checks["search"] = f"{server.url}/api/search?q={word}"
    builds_before, starts_before = server.builds(), server.starts()
    path = server.content / article.path
    text = path.read_text(encoding="utf-8") + f"\nĐoạn bổ sung {word} sau khi biên tập.\n"
    path.write_text(text, encoding="utf-8")
    saved = time.perf_counter()
    if server.start_mark:
        try:
            _wait(lambda: server.starts() > starts_before, timeout=LOST_AFTER_SECONDS)
        except TimeoutError:  # the save was lost: the editor saves again; the clock runs on
            server.lost += 1
            path.write_text(text, encoding="utf-8")
    _wait(lambda: word in _get(page))
    article_seconds = time.perf_counter() - saved
    pending = dict(checks)
    while pending:
        for name, url in list(pending.items()):
            if word in _get(url):
                del pending[name]
        if time.perf_counter() - saved > TIMEOUT_SECONDS:
            raise TimeoutError(f"{server.kind}: {sorted(pending)} never showed {word}")
        time.sleep(POLL_SECONDS)
    consistent_seconds = time.perf_counter() - saved
    _wait(lambda: server.builds() > builds_before)  # its build done before the next edit
    # An editor reads the page before saving again. Pelican's loop only watches again
    # after each build: a save the moment a build ends is lost (seen here), not slow.
    time.sleep(PAUSE_SECONDS)
    return {"article_s": round(article_seconds, 3), "consistent_s": round(consistent_seconds, 3),
            "checked": sorted(checks)}


def newest(made: corpus.Corpus, count: int) -> list[corpus.Article]:
    return sorted(made.published, key=lambda a: a.meta["Date"], reverse=True)[:count]


def measure(work: Path, made: corpus.Corpus, log=print) -> dict:
    results = {}
    chosen = newest(made, EDITS * 2)[::2]  # on the home page, not next to each other
    for kind in ("devserver", "pelican-autoreload"):
        log(f"preview: {kind}, first build of {len(made.articles):,} articles")
        server = Server(kind, work, made.folder)
        try:
            edits = []
            for number, article in enumerate(chosen, 1):
                edits.append(one_edit(server, article, f"xemtruoc{kind[:3]}{number}"))
                log(f"  edit {number}: article {edits[-1]['article_s']:.2f} s, "
                    f"consistent {edits[-1]['consistent_s']:.2f} s")
        finally:
            server.stop()
        results[kind] = {
            "first_build_s": round(server.first_build, 1), "edits": edits,
            "lost_saves": server.lost,
            **{f"{key}_{stat}": round(fn([e[key] for e in edits]), 3)
               for key in ("article_s", "consistent_s")
               for stat, fn in (("p50", statistics.median), ("max", max))},
        }
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--photo-pool", type=Path, default=REPO / "bench" / "out" / "photo-pool")
    args = parser.parse_args(argv)
    work = (args.work or REPO / "bench" / "out" / f"preview-n{args.n}").resolve()
    work.mkdir(parents=True, exist_ok=True)
    made = corpus.generate(work / "content", args.n, args.seed, photo_pool=args.photo_pool)
    results = measure(work, made)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
