"""`make publish`: only a clean build goes live, atomically; failures change nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, REPO, write_article

PUBLISH = [sys.executable, str(REPO / "deploy" / "publish.py")]


def publish(root: Path, *extra: str, wait: bool = True):
    command = [*PUBLISH, "--content", str(root / "content"), "--output", str(root / "output"),
               "--index", str(root / "search_index"), "--releases", str(root / ".releases"),
               "--settings", str(REPO / "publishconf.py"), *extra]
    env = {**os.environ, "SITEURL": "http://127.0.0.1:8080", "COLUMNS": "250"}
    if not wait:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    result = publish(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path


def test_publish_makes_links_into_a_complete_release(site):
    link = site / "output"
    assert link.is_symlink()
    assert link.resolve().parent.parent == (site / ".releases").resolve()
    current = site / "search_index" / "current"
    assert current.is_symlink() and (current.resolve() / "whoosh").is_dir()
    assert (site / "output" / "index.html").is_file()
    assert (site / "output" / "404.html").is_file()
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8080/" in home  # SITEURL from the environment


def test_failed_publish_leaves_the_live_site_untouched(site):
    before = snapshot(site / "output")
    live = (site / "output").resolve()
    index = (site / "search_index" / "current").resolve()
    write_article(site / "content", "loi.md", Title="Bài lỗi", Editor=None)
    result = publish(site)
    assert result.returncode != 0
    assert "articles/loi.md: Editor: missing" in result.stdout + result.stderr
    assert (site / "output").resolve() == live
    assert (site / "search_index" / "current").resolve() == index
    assert snapshot(site / "output") == before
    assert sorted(p.name for p in (site / ".releases").iterdir()) == [live.parent.name]


def test_killed_publish_leaves_the_live_site_untouched(site):
    before = snapshot(site / "output")
    live_output = (site / "output").resolve()
    live_index = (site / "search_index" / "current").resolve()
    (site / "content" / "articles" / "tin-hoat-dong" / "moi.md").write_text(
        "Title: Bài mới\nDate: 2025-02-01 08:00\nCategory: Tin hoạt động\n"
        "Author: Phòng Chính trị\nEditor: Minh Châu\n\nNội dung.\n", encoding="utf-8")
    process = publish(site, wait=False)
    deadline = time.monotonic() + 60
    while not list((site / ".releases").glob("*/output/*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert (site / "output").resolve() == live_output
    assert (site / "search_index" / "current").resolve() == live_index
    assert snapshot(site / "output") == before
    result = publish(site)  # the next publish goes through and clears the leftovers
    assert result.returncode == 0, result.stderr
    assert len(list((site / ".releases").iterdir())) <= 3


def test_publish_is_byte_for_byte_reproducible(site):
    """Feeds and sitemap take their dates from the content, never the clock (README)."""
    first = snapshot(site / "output")
    time.sleep(1.1)
    result = publish(site)
    assert result.returncode == 0, result.stderr
    second = snapshot(site / "output")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
