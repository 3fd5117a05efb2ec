"""Index in a child process while Pelican writes the pages.

A cold build of a large site spends about as long on the Whoosh index as on all of
Pelican's writing, one after the other. The documents are known once the generators
have read the content, so a forked child writes the new generation then, beside the
serving one, and the parent swaps it in only when the build reaches `finalized`. A
build that fails before (content errors in strict mode, a template error) stops the
child and removes what it wrote: the old index keeps serving.
"""

from __future__ import annotations

import atexit
import multiprocessing
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

from .indexer import Prepared


class IndexJob:
    """`prepare()` (which writes into `target`) run in a forked child process."""

    def __init__(self, prepare: Callable[[], Prepared], target: Path):
        self.target = target
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(prepare, sender),
                                        name="search-index", daemon=False)
        self._process.start()
        sender.close()
        atexit.register(self.cancel)  # the build stopped before `finalized`

    def result(self) -> Prepared:
        """Wait for the child; its Prepared, or the error it met, raised here."""
        try:
            status, value = self._results.recv()
        except EOFError:
            status, value = "error", f"the indexing process exited ({self._process.exitcode})"
        self._process.join()
        atexit.unregister(self.cancel)
        if status == "error":
            shutil.rmtree(self.target, ignore_errors=True)
            raise RuntimeError(f"search index not built: {value}")
        return value

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        shutil.rmtree(self.target, ignore_errors=True)


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(prepare: Callable[[], Prepared], sender) -> None:
    try:
        outcome = ("ok", prepare())
    except BaseException:
        outcome = ("error", traceback.format_exc())
    sender.send(outcome)
    sender.close()
