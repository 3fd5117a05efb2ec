from __future__ import annotations

import hashlib
from pathlib import Path


def asset_version(static_dir: str | Path, length: int = 10) -> str:
    """A short hash of every file's path and bytes under `static_dir` ('' if none)."""
    root = Path(static_dir)
    if not root.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:length]
