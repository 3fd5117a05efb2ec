"""`make devserver`: build, serve, rebuild on save, reload the open tab, show errors.

    python -m live_preview --settings pelicanconf.py --content content --output output \
        --index search_index-dev [--lock .releases/.lock] [--host 127.0.0.1] [--port 8000] \
        [--access-log] [-e NAME=JSON ...]

One port serves the site, the search service and the live-reload events. The first
build starts at once (a fresh clone needs no `make html`); then every save under the
content folder, the theme or the settings file is built, the saved article's own page
first. The terminal gets one line per build and the contract's messages; Ctrl-C or
SIGTERM stops everything this started.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

from search_index.background import die_with
from search_index.devserver import create_site_app, make_devserver

from . import state
from .client import BuilderGone, BuilderProcess
from .scheduler import BuildScheduler
from .server import EventHub, LiveApp
from .settings import parse_extra_settings

SCRIPT_URL = "/__live/reload.js"


class Stop(BaseException):
    """A stop signal arrived. Not an Exception: socketserver logs and swallows those when
    they come up while it takes a connection, and the devserver would go on."""


def build_line(changed: list[str], answer: dict, early: dict | None, errors: int) -> str:
    """What the terminal shows for one build, in the editors' language."""
    when = time.strftime("%H:%M:%S")
    changed = [path for path in changed if Path(path).suffix]  # not editors' temporary files
    what = ", ".join(changed[:3]) + (f" và {len(changed) - 3} tệp khác" if len(changed) > 3
                                     else "") if changed else "toàn bộ trang"
    line = (f"[{when}] đã dựng: {what} – {answer['pages']} tệp đổi, "
            f"{answer['seconds']:.1f} s")
    if early is not None:
        line += f" (trang bài sau {early['seconds']:.2f} s"
        if early.get("complete"):
            line += f", RSS và tìm kiếm sau {early['complete_seconds']:.1f} s"
        line += ")"
    if errors:
        line += f"; {errors} tệp có lỗi (xem ở trên và trên trình duyệt)"
    if answer.get("failure"):
        line += f"; lỗi khi dựng: {answer['failure']}"
    return line


class DevServer:
    def __init__(self, args, extra: dict):
        self.args = args
        self.content = Path(args.content).resolve()
        self.state_path = Path(args.state).resolve()
        self.hub = EventHub()
        overrides = {**extra, "SEARCH_INDEX_PATH": str(Path(args.index).resolve()),
                     "LIVE_PREVIEW_SCRIPT": SCRIPT_URL,
                     "LIVE_PREVIEW_STATE": str(self.state_path)}
        self._early: dict | None = None
        self.builder = BuilderProcess.for_site(args.settings, args.content, args.output,
                                               overrides, args.lock, self._early_done)
        self.scheduler = BuildScheduler(self._build)
        self.stopping = threading.Event()
        site = create_site_app(args.output, args.index)
        self.server = make_devserver(LiveApp(site, self.hub), args.host, args.port,
                                     log_requests=args.access_log)

    def _early_done(self, answer: dict) -> None:
        self._early = answer
        self.hub.send("early", answer)

    def _build(self, changed: list[str]) -> None:
        self._early = None
        try:
            answer = self.builder.build(changed)
        except BuilderGone as error:
            if not self.stopping.is_set():
                print(f"devserver: {error}; thử lại ở lần lưu sau", file=sys.stderr, flush=True)
            return
        self.hub.state = state.read(self.state_path)
        self.hub.built = True
        self.hub.build_number += 1
        self.hub.send("built", {**self.hub.errors(), "paths": answer["paths"]})
        print(build_line(changed, answer, self._early, len(self.hub.state.errors)), flush=True)

    def _watch(self) -> None:
        import watchfiles

        settings = Path(self.args.settings).resolve()
        watched = [self.content, settings]
        if self.args.theme:
            watched.append(Path(self.args.theme).resolve())
        for changes in watchfiles.watch(*watched, stop_event=self.stopping, debounce=400,
                                        step=30, yield_on_timeout=False, raise_interrupt=False):
            paths = []
            for _change, name in changes:
                path = Path(name)
                if self.content in path.parents:
                    paths.append(path.relative_to(self.content).as_posix())
            self.scheduler.add(paths)

    def run(self) -> None:
        url = f"http://{self.args.host}:{self.server.server_port}/"
        print(f"Xem trang tại {url} – trang tự tải lại sau mỗi lần lưu (Ctrl-C để dừng)",
              flush=True)
        threads = [threading.Thread(target=self.scheduler.run, name="builds", daemon=True),
                   threading.Thread(target=self._watch, name="watch", daemon=True)]
        for thread in threads:
            thread.start()
        self.scheduler.add()  # the first build
        try:
            self.server.serve_forever(poll_interval=0.2)
        finally:
            self.close()

    def close(self) -> None:
        self.stopping.set()
        self.scheduler.stop()
        self.hub.close()
        self.builder.stop()
        self.server.server_close()


def _stop_on_signal(number, _frame) -> None:
    raise Stop(number)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m live_preview",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--index", default="search_index-dev")
    parser.add_argument("--theme", default="theme", help="also rebuild when it changes")
    parser.add_argument("--state", default="cache/live-preview.json")
    parser.add_argument("--lock", help="the lock `make html` and `make publish` take")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--access-log", action="store_true",
                        default=os.environ.get("ACCESS_LOG") == "1",
                        help="log each request (also ACCESS_LOG=1)")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[],
                        help="NAME=JSON settings, as for pelican -e")
    args = parser.parse_args(argv)
    try:
        devserver = DevServer(args, parse_extra_settings(args.extra_settings))
    except OSError as error:
        print(f"devserver: không mở được cổng {args.host}:{args.port}: {error}",
              file=sys.stderr)
        return 2
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _stop_on_signal)
    with contextlib.suppress(Stop, KeyboardInterrupt):
        # `make devserver` stopped by SIGTERM (make does not pass it on): stop with it.
        die_with(os.getppid(), signal.SIGTERM)
        devserver.run()
    print("devserver: đã dừng", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
