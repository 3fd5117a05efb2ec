"""Timed Pelican builds in fresh subprocesses, with their peak memory.

Each build is its own `python -m pelican` process. Its wall time is measured around the
process; its peak memory two ways: `ru_maxrss` from os.wait4 on that very process (the
largest resident set of the process or of any child it waited for, such as Whoosh's
writer processes), and the proportional set sizes (PSS) of the whole process tree
summed every 0.5 s. PSS, not RSS, because forked writer processes share most of their
pages with Pelican's process: summed RSS counts those pages once per process. Not more
often: reading PSS makes the kernel walk the process's page tables, which slows the
build being measured. The larger of the two figures is checked against the target.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# Plain Pelican 4.12: its default theme, no plugins, the same content, the same URL
# scheme and the same 10 articles per list page. Pelican's default PAGINATED_TEMPLATES
# are kept: the default theme's archives.html lists `dates`, not `dates_page`, so a
# paginated archive would repeat the whole list on each of its N/10 pages (O(N²)).
# Feeds stay at Pelican's defaults (site Atom + one per section), capped at the
# portal's 50 items; per-author feeds are off (their default path collides with the
# sections').
PLAIN_SETTINGS = '''\
"""Plain Pelican for the benchmarks (written by bench/builds.py): default theme, no plugins."""
SITENAME = "Xây dựng Đảng"
SITEURL = ""
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
READERS = {"rst": None}
PLUGINS = []
DEFAULT_PAGINATION = 10
FEED_MAX_ITEMS = 50
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_URL = "{category}/{slug}.html"
ARTICLE_SAVE_AS = "{category}/{slug}.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''


@dataclass
class BuildResult:
    name: str
    seconds: float
    maxrss_mb: float  # ru_maxrss of the pelican process and its reaped children
    tree_rss_mb: float  # the process tree's summed PSS, sampled
    returncode: int
    log: Path

    @property
    def peak_mb(self) -> float:
        return max(self.maxrss_mb, self.tree_rss_mb)

    def as_dict(self) -> dict:
        return {"name": self.name, "seconds": round(self.seconds, 3),
                "maxrss_mb": round(self.maxrss_mb, 1), "tree_rss_mb": round(self.tree_rss_mb, 1),
                "peak_mb": round(self.peak_mb, 1), "returncode": self.returncode,
                "log": str(self.log)}


def write_plain_settings(folder: Path) -> Path:
    path = folder / "plainconf.py"
    path.write_text(PLAIN_SETTINGS, encoding="utf-8")
    return path


def _descendants(root: int) -> list[int]:
    """`root` and every process below it, from /proc/<pid>/task/<tid>/children."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                    stack.extend(int(child) for child in handle.read().split())
            except OSError:
                continue
    return found


def tree_rss_bytes(root: int) -> int:
    """The memory of `root` and all its descendants now: summed PSS (RSS if unavailable)."""
    return sum(_pss_bytes(pid) for pid in _descendants(root))


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, tree_rss_bytes(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run_measured(name: str, command: list[str], log: Path, env: dict | None = None,
                 cwd: Path = REPO) -> BuildResult:
    """Run `command` to completion; its wall time, peak memory and exit code."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "COLUMNS": "200", **(env or {})})
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    return BuildResult(name, seconds, usage.ru_maxrss / 1024, sampler.peak / 2**20,
                       process.returncode, log)


def pelican_command(content: Path, output: Path, settings: Path, overrides: dict) -> list[str]:
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
               "-s", str(settings)]
    if overrides:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return command


def plain_build(work: Path, content: Path, name: str = "plain-cold") -> BuildResult:
    settings = write_plain_settings(work)
    output = work / "plain-output"
    _remove(output)
    command = pelican_command(content, output, settings,
                              {"CACHE_PATH": str(work / "plain-cache")})
    return run_measured(name, command, work / "logs" / f"{name}.log")


def portal_paths(work: Path) -> dict[str, Path]:
    return {"output": work / "portal-output", "index": work / "portal-index",
            "cache": work / "portal-cache"}


def portal_build(work: Path, content: Path, name: str, clean: bool) -> BuildResult:
    """The portal with pelicanconf.py (all plugins); `clean` removes output, index, cache."""
    paths = portal_paths(work)
    if clean:
        for path in paths.values():
            _remove(path)
    command = pelican_command(content, paths["output"], REPO / "pelicanconf.py", {
        "SEARCH_INDEX_PATH": str(paths["index"]), "CACHE_PATH": str(paths["cache"]),
        "PORTAL_SECTIONS": corpus_sections(),
    })
    return run_measured(name, command, work / "logs" / f"{name}.log")


def photo_work(work: Path) -> dict:
    """What the last portal build did with photos (the photos plugin's own record)."""
    from photos.plugin import LAST_BUILD

    path = portal_paths(work)["cache"] / "photos" / LAST_BUILD
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_sections() -> list:
    """The corpus's portal declares its eight sections (the sample site has five)."""
    from .corpus import SECTIONS
    return [list(section) for section in SECTIONS]


def _remove(path: Path) -> None:
    import shutil

    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def build_json(index_dir: Path) -> dict:
    """The current generation's build.json (counts and seconds of the last index build)."""
    current = Path(os.path.realpath(index_dir / "current"))
    return json.loads((current / "build.json").read_text(encoding="utf-8"))


def index_size_bytes(index_dir: Path) -> int:
    current = Path(os.path.realpath(index_dir / "current"))
    return sum(p.stat().st_size for p in (current / "whoosh").rglob("*") if p.is_file())
