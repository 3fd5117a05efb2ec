"""portal_content: the editors' contract (fields with their Vietnamese names, the header
reader, rules and messages; `make check` and `make new`), what content may never do
(take a path the site owns, reach out of content/, carry active markup), strict publish
builds, summaries from the first paragraph and captioned figures."""

from .plugin import register

__all__ = ["register"]
