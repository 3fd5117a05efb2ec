"""The live preview's Pelican settings, read once."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class LiveSettings:
    # Where a development build writes its state (pages by source, messages by file);
    # None (every build but the devserver's) turns the plugin off.
    state_path: str | None
    # The development script base.html includes; only the devserver sets it.
    script: str | None

    @classmethod
    def from_pelican(cls, settings: dict) -> LiveSettings:
        state = settings.get("LIVE_PREVIEW_STATE") or None
        script = settings.get("LIVE_PREVIEW_SCRIPT") or None
        for name, value in (("LIVE_PREVIEW_STATE", state), ("LIVE_PREVIEW_SCRIPT", script)):
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string, not {value!r}")
        return cls(state, script)


def parse_extra_settings(items: list[str]) -> dict:
    """NAME=JSON items, as `pelican -e` takes them (the devserver's and the builder's -e)."""
    settings = {}
    for item in items:
        name, _, value = item.partition("=")
        settings[name] = json.loads(value)
    return settings
