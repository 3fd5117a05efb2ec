"""New photos start processing as the build starts, on the cores Pelican leaves idle
while it reads the articles (it reads on one), so their work overlaps the reading
instead of following it. take_photos then waits for what is left.

Only regular files under the content folder's static paths are taken early: a link, or
anything else the build will refuse, is left to the normal path (which reports it)."""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .processing import cached_path, load_digests, process
from .settings import RASTER, PhotoSettings


class EarlyStart:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.started: dict[Path, Future] = {}

    def start(self, sources: list[Path], settings: PhotoSettings, workers: int) -> None:
        self.stop()
        load_digests(settings)
        new = [s for s in sources if not cached_path(s, settings).is_file()]
        if not new or workers < 1:
            return
        self._pool = ProcessPoolExecutor(max_workers=workers)
        self.started = {source: self._pool.submit(_quietly, source, settings)
                        for source in new}

    def wait(self) -> set[Path]:
        """Wait for every photo started early; the ones that were."""
        done = set(self.started)
        for future in self.started.values():
            future.result()
        self.stop()
        return done

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._pool, self.started = None, {}


def _quietly(source: Path, settings: PhotoSettings) -> None:
    """Into the cache, or nothing: errors are read and reported by take_photos."""
    with contextlib.suppress(Exception):  # a bad photo is reported where it is read again
        process(source, settings)


def static_photos(content: Path, static_paths: list[str]) -> list[Path]:
    """The raster photos under the static paths, not following links."""
    root = content.resolve()
    found = []
    for static in static_paths:
        top = root / static
        if top.is_symlink() or not top.is_dir():
            continue
        for folder, names, files in os.walk(top):
            names[:] = sorted(n for n in names if not (Path(folder) / n).is_symlink())
            for name in sorted(files):
                path = Path(folder) / name
                if name.lower().endswith(RASTER) and not path.is_symlink() and path.is_file():
                    found.append(path)
    return found


def spare_cores() -> int:
    return max(0, (os.cpu_count() or 1) - 1)  # one core for Pelican's own reading


EARLY = EarlyStart()
