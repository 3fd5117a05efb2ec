"""`make publish`: build into a fresh release folder, then swap site and index in.

`output` is a symbolic link into `.releases/<id>/output`. Pelican builds the new
release with publishconf.py and writes the new search index generation beside the
serving one without swapping it in (SEARCH_INDEX_SWAP_FILE: the plugin names the
generation in that file instead). Only if Pelican exits 0 (no content errors) and
nothing asked us to stop does the site go live, and its index with it, in one rename.

Each release holds a link to its index generation, `.releases/<id>/index`, and
`search_index/current` is the fixed link `../output/../index`: the kernel follows
`output` before it applies `..`, so `current` reaches the index of whichever release
`output` points at. Replacing `output` (one `os.replace`) therefore switches site and
search together; no moment, and no kill, can leave the new site with the old index or
the other way round. A failed, interrupted or killed publish leaves both as they were.

SIGTERM, SIGINT and SIGHUP are passed on to Pelican (its own process group, so its
indexing child gets them too), and Pelican is killed by the kernel if this process
dies, even by SIGKILL.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import fcntl
import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from search_index.background import die_with  # noqa: E402
from search_index.indexer import (  # noqa: E402
    CURRENT_LINK,
    GENERATIONS,
    InvalidGeneration,
    check_generation,
    current_generation,
    remove_generations,
)

KEEP_RELEASES = 3  # the live one and the two before it
# Written by the search_index plugin. One fixed path (the lock keeps it ours), not one
# per release: the plugin keeps its settings in the index, and a path that changed
# every publish would make an unchanged index look changed. Kept in the release after.
SWAP_FILE = ".search-index-swap.json"  # in the releases folder
RELEASE_SWAP_RECORD = "search-index.json"  # in a release folder: the generation it had
WAS_LIVE = "was-live"  # in a release folder: it was published (prune keeps the newest)
RELEASE_INDEX = "index"  # in a release folder: a link to its search index generation
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class PublishError(Exception):
    """The build cannot go live; the message says why."""


class StopSignals:
    """Remembers the first stop signal and passes each one on to Pelican's group."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.child_group: int | None = None
        for number in STOP_SIGNALS:
            signal.signal(number, self._receive)

    def _receive(self, number: int, _frame) -> None:
        self.received = self.received or number
        self.forward(number)

    def forward(self, number: int) -> None:
        if self.child_group is None:
            return
        try:
            os.killpg(self.child_group, number)
        except ProcessLookupError:  # the child has not made its group yet
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child_group, number)
        except PermissionError:
            pass

    def check(self) -> None:
        if self.received is not None:
            raise PublishError(f"stopped by {signal.Signals(self.received).name}")


@contextlib.contextmanager
def signals_held():
    """Stop signals wait until the block is done (they are delivered after it)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def release_stamp() -> str:
    """UTC time to the microsecond: names sort in the order releases were made (prune
    keeps the newest by name), even for two publishes within a second."""
    now = time.time_ns()
    seconds = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 1_000_000_000))
    return f"{seconds}.{now // 1000 % 1_000_000:06d}"


def new_release(releases: Path) -> Path:
    release = releases / f"{release_stamp()}-{os.getpid()}"
    release.mkdir(parents=True)
    return release


LOCK_POLL_SECONDS = 0.2


def lock(releases: Path, stop: StopSignals):
    """One publish at a time: two would prune each other's release and race the swaps.
    A development build (`make html`) takes the same lock; a publish waits for it (or
    for an earlier publish) to finish, and a stop signal ends the wait."""
    releases.mkdir(parents=True, exist_ok=True)
    handle = (releases / ".lock").open("w")
    waiting = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if not waiting:
                print(f"publish: waiting for the build or publish that holds "
                      f"{releases / '.lock'}", file=sys.stderr, flush=True)
                waiting = True
        try:
            stop.check()
        except PublishError:
            handle.close()
            raise
        time.sleep(LOCK_POLL_SECONDS)


def with_settings(extra: list[str], settings: dict) -> list[str]:
    """`extra` with `settings` added to its last -e group: Pelican keeps only that one."""
    items = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    flags = [i for i, arg in enumerate(extra) if arg in ("-e", "--extra-settings")]
    if not flags:
        return [*extra, "-e", *items]
    at = flags[-1] + 1
    return [*extra[:at], *items, *extra[at:]]


def run_pelican(command: list[str], stop: StopSignals) -> int:
    # The kernel kills Pelican when this process dies, even by SIGKILL.
    child = subprocess.Popen(command, process_group=0,
                             preexec_fn=partial(die_with, os.getpid(), signal.SIGKILL))
    stop.child_group = child.pid
    if stop.received is not None:  # arrived while starting it
        stop.forward(stop.received)
    try:
        return child.wait()
    finally:
        # Whatever of its group is left (an indexing child after a forwarded signal).
        stop.forward(signal.SIGKILL)
        stop.child_group = None


def build(content: Path, release: Path, index: Path, settings: Path, extra: list[str],
          stop: StopSignals) -> int:
    swap_file = release.parent / SWAP_FILE
    swap_file.unlink(missing_ok=True)  # left by a killed publish: not this build's
    overrides = {"SEARCH_INDEX_PATH": str(index.resolve()),
                 "SEARCH_INDEX_SWAP_FILE": str(swap_file.resolve())}
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(release / "output"),
               "-s", str(settings), *with_settings(extra, overrides)]
    return run_pelican(command, stop)


def new_generation(release: Path, index: Path) -> Path | None:
    """The generation the build wrote (None: the index did not change)."""
    swap_file = release.parent / SWAP_FILE
    try:
        generation = json.loads(swap_file.read_text(encoding="utf-8"))["generation"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PublishError(f"{swap_file}: no search index generation named ({error}); "
                           "is the search_index plugin enabled?") from None
    os.replace(swap_file, release / RELEASE_SWAP_RECORD)
    if generation is None:
        return None
    path = Path(generation)
    if path.parent.resolve() != (index / GENERATIONS).resolve() or not path.is_dir():
        raise PublishError(f"{swap_file}: generation {generation} is not a folder in "
                           f"{index / GENERATIONS}")
    return path


def discard_generation(release: Path, index: Path) -> None:
    """The generation a build that does not go live wrote (it never served)."""
    for record in (release.parent / SWAP_FILE, release / RELEASE_SWAP_RECORD):
        try:
            generation = json.loads(record.read_text(encoding="utf-8"))["generation"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        record.unlink(missing_ok=True)
        current = (index / CURRENT_LINK).resolve()
        if generation and Path(generation).resolve() != current:
            shutil.rmtree(generation, ignore_errors=True)


def keep_unchanged_mtimes(previous: Path, new: Path) -> None:
    """Give each file whose bytes did not change the previous release's mtime: nginx
    derives ETag and Last-Modified from size and mtime, so browsers keep getting 304s
    and uploads find nothing to update."""
    if not previous.is_dir():
        return
    for folder, _, names in os.walk(new):
        for name in names:
            path = Path(folder, name)
            old = previous / path.relative_to(new)
            try:
                old_stat = old.stat()
            except OSError:
                continue
            if (old_stat.st_size == path.stat().st_size and not path.is_symlink()
                    and filecmp.cmp(old, path, shallow=False)):
                os.utime(path, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns))


def point(link: Path, target: Path, releases: Path) -> None:
    """Make `link` a symlink to `target` in one atomic step.

    The first publish over a real directory (left by an older `make html`) swaps the new
    link and that directory in one step too (renameat2 RENAME_EXCHANGE), so the site is
    never missing; the directory then goes to `.releases/<time>-replaced-<pid>/output`,
    and prune removes it like any earlier release. (Where the file system cannot
    exchange, it is moved aside first: the one moment with no site.)
    """
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(target.resolve(), link.parent.resolve()))
    if link.is_dir() and not link.is_symlink():
        replaced = releases / f"{release_stamp()}-replaced-{os.getpid()}"
        replaced.mkdir()
        if exchange(temporary, link):
            temporary.rename(replaced / "output")  # the old directory, now under that name
        else:
            link.rename(replaced / "output")
            os.replace(temporary, link)
        (replaced / WAS_LIVE).touch()
        return
    os.replace(temporary, link)


RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not supported."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                       RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def prune(releases: Path, live: Path) -> None:
    """Keep the live release and the newest earlier ones that were live; remove the
    rest, including what a killed publish left (the lock says none is running)."""
    folders = [p for p in releases.iterdir() if p.is_dir() and p.resolve() != live.resolve()]
    earlier = sorted((p for p in folders if (p / WAS_LIVE).exists()), reverse=True)
    kept = set(earlier[:KEEP_RELEASES - 1])
    for path in folders:
        if path not in kept:
            shutil.rmtree(path, ignore_errors=True)


def link_index(release: Path, generation: Path) -> None:
    """The release's own link to its index generation (relative: the tree can move)."""
    link = release / RELEASE_INDEX
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(generation.resolve(), release.resolve()))


def current_through_site(index: Path, output: Path) -> str:
    """What `current` holds: the way from the index folder through the site link to the
    live release's own index link."""
    site = os.path.relpath(output.absolute(), index.absolute())
    return os.path.join(site, os.pardir, RELEASE_INDEX)


def follow_the_site(index: Path, output: Path) -> None:
    """Make `current` the fixed link through `output`, once; an index made before that
    (or by a build that swapped its own `current` in) keeps serving: the live release
    gets a link to it first."""
    link, wanted = index / CURRENT_LINK, current_through_site(index, output)
    if link.is_symlink() and os.readlink(link) == wanted:
        return
    serving = current_generation(index)
    if serving is not None and output.is_symlink() and output.exists():
        link_index(output.resolve().parent, serving)
    index.mkdir(parents=True, exist_ok=True)
    temporary = index / f".{CURRENT_LINK}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(wanted)
    os.replace(temporary, link)


def go_live(args, release: Path, stop: StopSignals) -> None:
    """Put the release live; the generations other than its own and the one serving
    until now (searchers may still have that open) are removed after."""
    generation = new_generation(release, args.index)
    if generation is not None:
        try:
            check_generation(generation)
        except InvalidGeneration as error:
            raise PublishError(str(error)) from None
    generation = generation or current_generation(args.index)
    if generation is None:
        raise PublishError(f"{args.index}: no search index to publish with this site")
    link_index(release, generation)
    serving = current_generation(args.index)
    if args.output.exists():
        keep_unchanged_mtimes(args.output.resolve(), release / "output")
    with signals_held():
        stop.check()
        follow_the_site(args.index, args.output)
        point(args.output, release / "output", args.releases)  # site and index, at once
        (release / WAS_LIVE).touch()
        for number in STOP_SIGNALS:  # live now: nothing left to stop, and exit 0 says so
            signal.signal(number, signal.SIG_IGN)
    remove_generations(args.index, keep={generation, serving})


def publish(args, stop: StopSignals) -> Path:
    stop.check()
    release = new_release(args.releases)
    try:
        status = build(args.content, release, args.index, args.settings, args.pelican_args,
                       stop)
        stop.check()
        if status != 0:
            raise PublishError(f"the build failed (exit {status})")
        go_live(args, release, stop)
    except BaseException:
        if not args.output.exists() or args.output.resolve() != (release / "output").resolve():
            discard_generation(release, args.index)
            shutil.rmtree(release, ignore_errors=True)
        raise
    prune(args.releases, release)
    return release


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--index", type=Path, default=Path("search_index"))
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"))
    parser.add_argument("--releases", type=Path, default=Path(".releases"))
    parser.add_argument("pelican_args", nargs="*", help="extra arguments for pelican")
    args = parser.parse_args(argv)

    stop = StopSignals()
    try:
        held = lock(args.releases, stop)
        with held:
            release = publish(args, stop)
    except PublishError as error:
        print(f"publish: {error}; the live site and index are unchanged", file=sys.stderr)
        return 128 + stop.received if stop.received else 1
    print(f"publish: {release} is live")
    return 0


if __name__ == "__main__":
    sys.exit(main())
