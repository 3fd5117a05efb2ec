"""Which output files a build changed, as the server's URL paths ("/a/b.html").

A page Pelican wrote again with the same bytes is not a change (the open tab would reload
for nothing); only files whose size or time moved are read. Plain files, no Pelican.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    found = {}
    stack = [root]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                found[entry.path] = (stat.st_size, stat.st_mtime_ns)
    return found


def _digest(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "blake2b").digest()
    except OSError:
        return None


def url_of(root: Path, path: str) -> str:
    """The request path a browser uses for an output file."""
    relative = "/" + Path(path).relative_to(root).as_posix()
    return relative.removesuffix("index.html")  # "/a/" as pages are linked


class OutputChanges:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._stamps: dict[str, tuple[int, int]] = {}
        self._digests: dict[str, bytes | None] = {}

    def url(self, path: str) -> str:
        return url_of(self.root, path)

    def start(self) -> None:
        """Remember the output as it is now (the first build's, or none)."""
        self._stamps = _stamps(self.root)

    def since_last(self) -> list[str]:
        """The URL paths of files added, removed or changed since the last call."""
        now = _stamps(self.root)
        changed = []
        for path, stamp in now.items():
            if self._stamps.get(path) == stamp:
                continue
            digest = _digest(path)
            if digest is None or self._digests.get(path) != digest:
                changed.append(path)
            self._digests[path] = digest
        for path in self._stamps.keys() - now.keys():
            self._digests.pop(path, None)
            changed.append(path)
        self._stamps = now
        return sorted(url_of(self.root, path) for path in changed)

    def record(self, path: str) -> str:
        """`path` was written outside a build (the early render): known as it is now; its
        digest, in hex."""
        digest = _digest(path)
        self._digests[path] = digest
        try:
            stat = os.stat(path)
            self._stamps[path] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            self._stamps.pop(path, None)
        return digest.hex() if digest else ""
