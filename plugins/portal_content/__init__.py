"""portal_content: the editors' contract (metadata rules), strict publish builds,
summaries from the first paragraph and captioned figures."""

from .plugin import register

__all__ = ["register"]
