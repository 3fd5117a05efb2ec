"""The devserver's build process: Pelican builds on request, the saved article first.

    python -m live_preview.builder --settings pelicanconf.py --content content \
        --output output [--lock .releases/.lock] [-e NAME=JSON ...]

Requests on stdin, one JSON object per line: {"changed": ["articles/a.md", ...]} (paths
under the content folder; an empty list for a whole build). Answers on stdout, one JSON
object per line:

    {"event": "early", "paths": ["/a/b.html"], "sources": ["articles/a.md"],
     "digests": {"/a/b.html": "<blake2b hex>"}, "seconds": 0.1,
     "complete": true, "complete_seconds": 1.2}   # complete: feeds and index too
    {"event": "built", "paths": [...changed URL paths], "pages": 12, "seconds": 3.2,
     "failure": null}

Everything Pelican and the plugins print goes to stderr (the devserver's terminal): the
contract's messages and warnings, not Pelican's progress lines.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Content
from pelican.settings import read_settings

from . import early
from .changes import OutputChanges
from .settings import parse_extra_settings

_LAST_GENERATORS: list = []


def _keep_generators(generators) -> None:
    _LAST_GENERATORS[:] = generators


class Builder:
    def __init__(self, settings_file: str, content: str, output: str, overrides: dict,
                 lock: str | None = None):
        self.settings_file = settings_file
        self.overrides = {**overrides, "PATH": os.path.abspath(content),
                          "OUTPUT_PATH": os.path.abspath(output)}
        self.lock = lock
        self.generators: list = []  # the last build that got through its generators
        self.changes = OutputChanges(output)
        self.changes.start()
        signals.all_generators_finalized.connect(_keep_generators)

    def early(self, sources: list[str]) -> dict | None:
        """The saved articles' own pages from the last build; None if there is none."""
        if not self.generators:
            return None
        started = time.perf_counter()
        settings = self.generators[0].settings
        finish_body = _photos_finish_body(settings)
        digests, done, text_only = {}, [], True
        with self._locked():
            for source in sources:
                rendered = early.render_article(self.generators, source, finish_body)
                if rendered is None:
                    text_only = False
                    continue
                digests[self.changes.url(rendered.path)] = self.changes.record(rendered.path)
                done.append(source)
                text_only = text_only and rendered.text_only
            page_seconds = time.perf_counter() - started
            complete = bool(digests) and text_only and self._rest_of_a_text_edit(settings)
        if not digests:
            return None
        # The digests say what was served early, to hold it against the full build's page.
        return {"event": "early", "sources": done, "paths": sorted(digests),
                "digests": digests, "seconds": round(page_seconds, 3),
                "complete": complete,
                "complete_seconds": round(time.perf_counter() - started, 3)}

    def _rest_of_a_text_edit(self, settings) -> bool:
        """After a text-only edit (early.text_only) only the feeds and the search index
        differ from what the full build will write: both, now. The full build that
        follows confirms it (it then changes nothing)."""
        plugins = settings.get("PLUGINS", ())
        try:
            if "feeds" in plugins:
                from feeds.plugin import write_feed_files

                for path in write_feed_files(early.articles_generator(self.generators)):
                    self.changes.record(path)
            if "search_index" in plugins:
                from search_index.plugin import index_now

                index_now(self.generators)
        except Exception:  # the full build reports it
            traceback.print_exc(file=sys.stderr)
            return False
        return True

    def build(self) -> dict:
        started = time.perf_counter()
        failure = None
        _LAST_GENERATORS.clear()
        # Kept until now: the early render and the search index reuse the last build's
        # rendered bodies; a new build makes new contents.
        _forget_rendered_bodies()
        try:
            # Read each time: an edited pelicanconf.py counts from the next build on.
            pelican = Pelican(read_settings(self.settings_file, override=self.overrides))
            with self._locked():
                pelican.run()
        except Exception as error:  # reported, and the server goes on serving
            failure = f"{type(error).__name__}: {error}"
            traceback.print_exc(file=sys.stderr)
        if _LAST_GENERATORS and failure is None:
            self.generators = list(_LAST_GENERATORS)
        paths = self.changes.since_last()
        return {"event": "built", "paths": paths, "pages": len(paths),
                "seconds": round(time.perf_counter() - started, 3), "failure": failure}

    @contextlib.contextmanager
    def _locked(self):
        """The lock `make html` and `make publish` take: never build under a publish."""
        if self.lock is None:
            yield
            return
        Path(self.lock).parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield


def _photos_finish_body(settings):
    if "photos" not in settings.get("PLUGINS", ()):
        return None
    from photos.plugin import finish_body

    return finish_body


def _forget_rendered_bodies() -> None:
    """Pelican memoizes each content's rendered body on the class (keyed by the object):
    in a process that builds again and again, every build's contents would stay alive
    (emptied before each build, it holds the last build's only)."""
    Content.get_content.cache.clear()


def _quiet_pelican() -> None:
    """Warnings and errors to stderr, one line each; not Pelican's "Done: ..." line."""
    from pelican import log

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.init(level=logging.WARNING, handler=handler)
    log.console.quiet = True


def serve_requests(builder: Builder, requests, answers) -> None:
    def answer(message: dict) -> None:
        answers.write(json.dumps(message, ensure_ascii=False) + "\n")
        answers.flush()

    for line in requests:
        request = json.loads(line)
        sources = [s for s in request.get("changed", []) if s.endswith(".md")]
        message = builder.early(sources) if sources else None
        if message is not None:
            answer(message)
        answer(builder.build())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m live_preview.builder")
    parser.add_argument("--settings", required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--lock")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[])
    parser.add_argument("--parent", type=int, help="end with this process")
    args = parser.parse_args(argv)
    if args.parent:
        from search_index.background import die_with

        die_with(args.parent)
    # The answers get stdout to themselves; whatever else prints goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _quiet_pelican()
    builder = Builder(args.settings, args.content, args.output,
                      parse_extra_settings(args.extra_settings), args.lock)
    answers.write(json.dumps({"event": "ready"}) + "\n")
    answers.flush()
    serve_requests(builder, sys.stdin, answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
