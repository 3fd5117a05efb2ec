"""Pelican side of the live preview: after all generators, record the build's state."""

from __future__ import annotations

import os

from pelican import signals
from pelican.utils import posixize_path
from portal_content.build_report import REPORT

from . import state
from .settings import LiveSettings


def record_state(generators) -> None:
    settings = LiveSettings.from_pelican(generators[0].settings)
    if settings.state_path is None:
        return
    base = generators[0].settings["PATH"]
    pages = {}
    for generator in generators:
        for attr in ("articles", "hidden_articles", "pages", "hidden_pages"):
            for content in getattr(generator, attr, ()):
                source = posixize_path(os.path.relpath(content.source_path, base))
                pages[source] = state.url_path(content.url)
    build = state.BuildState(pages=pages)
    for violation in REPORT.all_violations():
        build.messages.setdefault(violation.path, []).append(str(violation))
        if not violation.warning:
            build.errors.add(violation.path)
    state.write(settings.state_path,
                build.merged_with(state.read(settings.state_path)))


def register() -> None:
    signals.all_generators_finalized.connect(record_state)
