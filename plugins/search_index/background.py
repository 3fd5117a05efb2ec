"""Index in a child process while Pelican writes the pages.

A cold build of a large site spends about as long on the Whoosh index as on all of
Pelican's writing, one after the other. The documents are known once the generators
have read the content, so a forked child writes the new generation then, beside the
serving one, and the parent swaps it in only when the build reaches `finalized`. A
build that fails before (content errors in strict mode, a template error) stops the
child and removes what it wrote: the old index keeps serving.

The child is given plain data (the parent builds the documents) and never logs: a
thread of the parent (rich's progress display) may hold a lock of the logging or
console machinery at the moment of the fork, and the child would wait on it forever.
It dies with its parent, and cleans up after itself when it is told to stop.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import multiprocessing
import os
import shutil
import signal
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

from .indexer import Prepared

POLL_SECONDS = 1.0  # how often the waiting parent checks that the child still lives
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class IndexJob:
    """`prepare()` (which writes into `target`) run in a forked child process."""

    def __init__(self, prepare: Callable[[], Prepared], target: Path):
        self.target = target
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(prepare, sender, os.getpid()),
                                        name="search-index", daemon=False)
        self._process.start()
        sender.close()
        self._done = False
        atexit.register(self.cancel)  # the build stopped before `finalized`

    def result(self) -> Prepared:
        """Wait for the child; its Prepared, or the error it met, raised here."""
        status, value = self._receive()
        self._release()
        if status == "error":
            shutil.rmtree(self.target, ignore_errors=True)
            raise RuntimeError(f"search index not built: {value}")
        return value

    def cancel(self) -> None:
        """Stop the child (it removes what it wrote) and release everything held."""
        if self._done:
            return
        if self._process.is_alive():
            self._process.terminate()
        self._release()
        shutil.rmtree(self.target, ignore_errors=True)

    def _receive(self) -> tuple[str, object]:
        while not self._results.poll(POLL_SECONDS):
            if not self._process.is_alive() and not self._results.poll():
                return "error", f"the indexing process exited ({self._process.exitcode})"
        try:
            return self._results.recv()
        except EOFError:
            self._process.join()
            return "error", f"the indexing process exited ({self._process.exitcode})"

    def _release(self) -> None:
        self._process.join()
        self._process.close()
        self._results.close()
        atexit.unregister(self.cancel)
        self._done = True


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(prepare: Callable[[], Prepared], sender, parent: int) -> None:
    die_with(parent)
    signal.signal(signal.SIGTERM, _stop)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    try:
        outcome = ("ok", prepare())
    except BaseException:  # prepare() has removed its target; tell the parent why
        outcome = ("error", traceback.format_exc())
    with contextlib.suppress(OSError):  # the parent may be gone
        sender.send(outcome)


def _stop(signum, frame) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def die_with(parent: int, signum: int = signal.SIGTERM) -> None:
    """In a child of `parent`: ask Linux to send `signum` when the parent dies (a killed
    build), where it can. deploy/publish.py uses it for its Pelican child too."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signum)
    except (OSError, AttributeError):  # not Linux: a killed parent's child finishes alone
        return
    if os.getppid() != parent:  # it died before prctl took effect
        os.kill(os.getpid(), signum)
