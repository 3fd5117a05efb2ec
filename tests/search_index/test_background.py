"""The forked indexing child: stopped cleanly, never left behind, never waited on forever."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time
import weakref
from pathlib import Path

import pytest
from conftest import REPO
from search_index import background
from search_index.indexer import new_target

pytestmark = [pytest.mark.skipif(not background.available(), reason="needs fork"),
              pytest.mark.build]


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def wait_forever():
    time.sleep(600)


def test_cancelled_jobs_release_everything_they_held(tmp_path):
    before = open_descriptors()
    for _ in range(20):
        target = new_target(tmp_path)
        job = background.IndexJob(wait_forever, target)
        target.mkdir(parents=True)
        job.cancel()
        assert not target.exists()
        alive = weakref.ref(job)
        del job
        gc.collect()
        assert alive() is None  # nothing (atexit included) keeps a cancelled job
    assert open_descriptors() <= before


def test_a_child_that_dies_is_reported_not_waited_on(tmp_path):
    job = background.IndexJob(lambda: os._exit(3), new_target(tmp_path))
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"exited \(3\)"):
        job.result()
    assert time.monotonic() - started < 10


def test_errors_in_the_child_reach_the_parent(tmp_path):
    def failing():
        raise ValueError("hỏng chỉ mục")

    with pytest.raises(RuntimeError, match="hỏng chỉ mục"):
        background.IndexJob(failing, new_target(tmp_path)).result()


# A build that is killed (SIGKILL: no atexit) while its child indexes 3,000 documents.
KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from search_index import background
    from search_index.indexer import SearchDocument, new_target, prepare
    index = sys.argv[1]
    docs = [SearchDocument(url=f"tin/{n}.html", title=f"Bài {n} đảng viên",
                           body_html="<p>" + "chi bộ kết nạp đảng viên mới " * 200 + "</p>")
            for n in range(3000)]
    target = new_target(index)
    job = background.IndexJob(lambda: prepare(index, docs, target=target), target)
    print(job._process.pid, target, flush=True)
    time.sleep(600)
""")


def test_a_killed_build_takes_its_child_and_its_files_with_it(tmp_path):
    index = tmp_path / "index"
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(index)],
                             stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        pid, target = build.stdout.readline().split()
        deadline = time.monotonic() + 30
        while not Path(target).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Path(target).exists(), "the child never started writing"
        build.send_signal(signal.SIGKILL)
        build.wait(10)
        deadline = time.monotonic() + 15
        while _alive(int(pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(int(pid)), "the indexing child outlived its build"
        assert not Path(target).exists()
    finally:
        build.kill()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"
