"""Saves in, builds out, one build at a time; no save is ever left unbuilt.

Saves that come within `settle_seconds` of each other go into one build; saves that come
while a build runs go into the next, which starts as soon as that one ends. Since the
builder reads the files when the build starts, the last saved text is always built.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class BuildScheduler:
    def __init__(self, build: Callable[[list[str]], None], settle_seconds: float = 0.05):
        self._build = build
        self._settle = settle_seconds
        self._condition = threading.Condition()
        self._pending: set[str] = set()
        self._requested = False  # a build is due (also with no named file: the first one)
        self._arrivals = 0
        self._stopped = False

    def add(self, paths=()) -> None:
        """Files changed (content-relative); with none, a whole build is due all the same."""
        with self._condition:
            self._pending.update(paths)
            self._requested = True
            self._arrivals += 1
            self._condition.notify_all()

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify_all()

    def next_batch(self) -> list[str] | None:
        """Wait for saves, let them settle, take them all; None once stopped."""
        with self._condition:
            while not self._requested and not self._stopped:
                self._condition.wait()
            while not self._stopped:
                seen = self._arrivals
                self._condition.wait(self._settle)
                if self._arrivals == seen:
                    break
            if self._stopped:
                return None
            batch = sorted(self._pending)
            self._pending.clear()
            self._requested = False
            return batch

    def run(self) -> None:
        while (batch := self.next_batch()) is not None:
            self._build(batch)
