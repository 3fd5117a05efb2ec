"""search_index: Whoosh full-text search for the portal.

Build time (the Pelican plugin) writes the index; the WSGI service
(`search_index.service:application`) reads it and never imports Pelican.
"""


def register() -> None:
    from .plugin import register as register_signals

    register_signals()


__all__ = ["register"]
