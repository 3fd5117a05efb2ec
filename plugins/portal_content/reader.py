"""A Markdown reader that checks the editors' contract before Pelican parses a file.

Checking the raw strings lets the message name the file, the field and the expected
form (Pelican's own date parser would only say "Could not process").
"""

from __future__ import annotations

import os

from pelican.readers import MarkdownReader
from pelican.utils import posixize_path

from . import metadata_rules


class PortalMarkdownReader(MarkdownReader):
    def _parse_metadata(self, meta):
        raw = {name.lower(): "\n".join(values) for name, values in meta.items()}
        violations = self._check(raw)
        if any(v.drops_file for v in violations):
            # Reported with the rest of the file's failure (build_report.reporting_failures);
            # statistics problems alone are reported when the article is made.
            raise metadata_rules.ContentRulesError(violations)
        return super()._parse_metadata(meta)

    def _check(self, raw):
        content_root = self.settings["PATH"]
        path = posixize_path(os.path.relpath(self._source_path, content_root))
        is_page = any(
            path == p or path.startswith(p.rstrip("/") + "/")
            for p in self.settings["PAGE_PATHS"]
        )
        if is_page:
            return metadata_rules.check_page(raw, path)
        return metadata_rules.check_article(raw, path, content_root, self.settings)
