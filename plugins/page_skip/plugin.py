"""Signal wiring for page_skip; the logic lives in pages.py.

get_writer   SkippingWriter, when enabled (SKIP_UNCHANGED_PAGES, or the content cache)
finalized    each writer checks the skip was in effect and saves this build's digests
"""

from __future__ import annotations

from pelican import signals

from . import pages


def get_writer(pelican):
    return pages.writer_class(pelican.settings)


def finish_writers(_pelican) -> None:
    pages.finish_writers()


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish_writers)
