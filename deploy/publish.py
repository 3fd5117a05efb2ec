"""`make publish`: build into a fresh release folder, then swap it in atomically.

`output` is a symbolic link into `.releases/<id>/output`. Pelican builds the new
release with publishconf.py; only if it exits 0 (no content errors) is the link
replaced, with one `os.replace`. The search index swaps itself the same way
(`search_index/current`, see plugins/search_index/indexer.py), and only at the very
end of a build that got that far. A failed or killed build leaves both as they were.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

KEEP_RELEASES = 3


def new_release(releases: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    release = releases / f"{stamp}-{os.getpid()}"
    release.mkdir(parents=True)
    return release


def build(content: Path, release: Path, index: Path, settings: Path, extra: list[str]) -> int:
    command = [
        sys.executable, "-m", "pelican", str(content), "-o", str(release / "output"),
        "-s", str(settings), "-e", f'SEARCH_INDEX_PATH="{index.resolve()}"', *extra,
    ]
    return subprocess.call(command)


def point(link: Path, target: Path) -> None:
    """Make `link` a symlink to `target` in one atomic step.

    The first publish over a real directory (left by `make html`) moves it aside
    into `.releases/` before linking: the only step that is not atomic.
    """
    if link.is_dir() and not link.is_symlink():
        link.rename(target.parent.parent / f"replaced-{link.name}-{time.time_ns()}")
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(target.resolve(), link.parent))
    os.replace(temporary, link)


def prune(releases: Path, live: set[Path]) -> None:
    """Remove all but the newest releases, and whatever a killed publish left."""
    old = sorted(p for p in releases.iterdir() if p.is_dir() and p.resolve() not in live)
    for path in old[:-KEEP_RELEASES] if len(old) > KEEP_RELEASES else []:
        shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--index", type=Path, default=Path("search_index"))
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"))
    parser.add_argument("--releases", type=Path, default=Path(".releases"))
    parser.add_argument("pelican_args", nargs="*", help="extra arguments for pelican")
    args = parser.parse_args(argv)

    release = new_release(args.releases)
    status = build(args.content, release, args.index, args.settings, args.pelican_args)
    if status != 0:
        shutil.rmtree(release, ignore_errors=True)
        print(f"publish: the build failed (exit {status}); the live site is unchanged",
              file=sys.stderr)
        return status
    point(args.output, release / "output")
    prune(args.releases, {release.resolve()})
    print(f"publish: {release} is live")
    return 0


if __name__ == "__main__":
    sys.exit(main())
