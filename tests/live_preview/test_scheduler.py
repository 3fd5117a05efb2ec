"""Saves during a build go into the next build; quick saves merge; nothing is lost."""

from __future__ import annotations

import threading

import pytest
from live_preview.scheduler import BuildScheduler

pytestmark = pytest.mark.unit


def test_saves_during_a_build_go_into_the_next_one_together():
    batches: list[list[str]] = []
    first_started, release_first = threading.Event(), threading.Event()

    def build(batch):
        batches.append(batch)
        if len(batches) == 1:
            first_started.set()
            assert release_first.wait(10)
        if len(batches) == 2:
            scheduler.stop()

    scheduler = BuildScheduler(build, settle_seconds=0)
    scheduler.add(["articles/a.md"])
    runner = threading.Thread(target=scheduler.run)
    runner.start()
    assert first_started.wait(10)
    scheduler.add(["articles/b.md"])  # saved while the first build runs
    scheduler.add(["articles/c.md", "articles/b.md"])
    release_first.set()
    runner.join(10)
    assert not runner.is_alive()
    assert batches == [["articles/a.md"], ["articles/b.md", "articles/c.md"]]


def test_a_request_with_no_file_is_a_whole_build():
    scheduler = BuildScheduler(lambda batch: None, settle_seconds=0)
    scheduler.add()
    assert scheduler.next_batch() == []


def test_saves_before_the_build_starts_are_one_build():
    scheduler = BuildScheduler(lambda batch: None, settle_seconds=0)
    for name in ("a.md", "b.md", "a.md"):
        scheduler.add([name])
    assert scheduler.next_batch() == ["a.md", "b.md"]


def test_stop_ends_the_wait_for_saves():
    scheduler = BuildScheduler(lambda batch: None)
    waiting = threading.Thread(target=lambda: results.append(scheduler.next_batch()))
    results: list = []
    waiting.start()
    scheduler.stop()
    waiting.join(10)
    assert results == [None]
