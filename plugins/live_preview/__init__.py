"""Live preview for `make devserver`: rebuild on save, reload the open tab, show errors.

The Pelican side (register) only records, in a development build that asks for it, which
page each source file became and which messages each file has; the devserver
(`python -m live_preview`) does the rest.
"""

from .plugin import register

__all__ = ["register"]
