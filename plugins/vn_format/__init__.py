"""Vietnamese formatting of dates and numbers as Jinja filters (Babel, never the system locale).

The filters import without Pelican (the search service uses them); only `register`
imports the plugin module, which needs Pelican.
"""

from .filters import FILTERS


def register() -> None:
    from .plugin import register as register_signals

    register_signals()


__all__ = ["FILTERS", "register"]
