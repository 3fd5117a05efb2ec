"""A Markdown reader that checks the editors' contract before Pelican parses a file.

Checking the raw strings lets the message name the file, the field and the expected
form (Pelican's own date parser would only say "Could not process").
"""

from __future__ import annotations

import os

from pelican.readers import MarkdownReader

from . import metadata_rules
from .build_report import REPORT


class PortalMarkdownReader(MarkdownReader):
    def _parse_metadata(self, meta):
        raw = {name.lower(): "\n".join(values) for name, values in meta.items()}
        violations = self._check(raw)
        if violations:
            REPORT.add(violations)
            raise metadata_rules.ContentRulesError(violations)
        return super()._parse_metadata(meta)

    def _check(self, raw):
        content_root = self.settings["PATH"]
        path = os.path.relpath(self._source_path)
        relative = os.path.relpath(self._source_path, content_root)
        is_page = any(
            relative == p or relative.startswith(p.rstrip("/") + os.sep)
            for p in self.settings["PAGE_PATHS"]
        )
        if is_page:
            return metadata_rules.check_page(raw, path)
        return metadata_rules.check_article(raw, path, content_root)
