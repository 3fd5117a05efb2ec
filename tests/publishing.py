"""`make publish` as tests run it: deploy/publish.py into a temp site folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PUBLISH = [sys.executable, str(REPO / "deploy" / "publish.py")]


def publish(root: Path, *extra: str, wait: bool = True, log: Path | None = None):
    command = [*PUBLISH, "--content", str(root / "content"), "--output", str(root / "output"),
               "--index", str(root / "search_index"), "--releases", str(root / ".releases"),
               "--settings", str(REPO / "publishconf.py"), *extra]
    env = {**os.environ, "SITEURL": "http://127.0.0.1:8080", "COLUMNS": "250"}
    if not wait:
        out = log.open("wb") if log else subprocess.DEVNULL
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
