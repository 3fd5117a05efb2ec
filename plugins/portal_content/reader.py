"""A Markdown reader that holds every file to the editors' contract before Pelican
makes an article or page of it.

The header is read by `header` (Vietnamese names, what text editors produce), checked
by `checking`, and only then turned into Pelican's metadata with Pelican's own
processors; the body is rendered by Markdown without the meta extension, so a body
line is never taken for a field.
"""

from __future__ import annotations

import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open, posixize_path

from . import metadata_rules, sanitize
from .checking import check_text, drops_file
from .links import source_link_lines
from .settings import ContractSettings

META_EXTENSION = "markdown.extensions.meta"
# Marks what this reader made: an article from Pelican's cache without it was read by an
# older reader (before sanitising, say) and is cleaned again (content_objects).
CONTRACT_VERSION = 2
# Fields whose value is not Pelican metadata: classification never reaches a page
# (a classified file is refused before this), the others are re-typed by enrich().
NOT_METADATA = frozenset({"classification"})


def markdown_for(settings) -> Markdown:
    """Markdown as the site configures it, without the meta extension (header.py reads
    the header)."""
    options = dict(settings["MARKDOWN"])
    configs = options.get("extension_configs", {})
    options["extensions"] = [e for e in [*options.get("extensions", []), *configs]
                             if e != META_EXTENSION]
    options["extensions"] = list(dict.fromkeys(options["extensions"]))
    options["extension_configs"] = {name: config for name, config in configs.items()
                                    if name != META_EXTENSION}
    return Markdown(**options)


class PortalMarkdownReader(MarkdownReader):
    def read(self, source_path):
        contract = self._contract()
        content_root = self.settings["PATH"]
        path = posixize_path(os.path.relpath(source_path, content_root))
        self._path = path
        with pelican_open(source_path) as text:
            header, violations = check_text(text, path, self.settings, contract)
        if drops_file(violations):
            raise metadata_rules.ContentRulesError(violations)
        markdown = self._markdown()
        content, dropped = sanitize.clean(markdown.convert(header.body))
        if dropped:
            line = sanitize.first_line(header.body, dropped, header.body_line)
            violations.append(sanitize.dropped_violation(path, "body", dropped, line))
        metadata = self._metadata(header, violations, markdown)
        # Reported on every build (plugin.enrich_content), from Pelican's cache too.
        metadata["portal_notes"] = tuple(violations)
        metadata["portal_contract"] = CONTRACT_VERSION
        metadata["portal_link_lines"] = source_link_lines(header.body, header.body_line)
        metadata["portal_field_lines"] = {key: (field.line, field.written)
                                          for key, field in header.fields.items()}
        return content, metadata

    def _contract(self) -> ContractSettings:
        """Read once per reader (a build makes one): not once per file."""
        if getattr(self, "_contract_settings", None) is None:
            self._contract_settings = ContractSettings.from_settings(self.settings)
        return self._contract_settings

    def _markdown(self) -> Markdown:
        """One Markdown per reader, reset for each file: building one (its extensions)
        cost as much as converting an article."""
        if getattr(self, "_portal_markdown", None) is None:
            self._portal_markdown = markdown_for(self.settings)
        self._portal_markdown.reset()
        return self._portal_markdown

    def _metadata(self, header, violations, markdown: Markdown) -> dict:
        bad = {v.key for v in violations if not v.warning}
        skipped = set(NOT_METADATA)
        if bad & set(metadata_rules.STATS_FIELDS):
            skipped |= set(metadata_rules.STATS_FIELDS)  # the record is left out
        if "featured" in bad:
            skipped.add("featured")  # built as not featured
        output = {}
        for key, field in header.fields.items():
            if key in skipped or not field.value.strip():
                continue
            value = field.value
            if key == "status":
                value = metadata_rules.parse_status(value)
            if key in self.settings["FORMATTED_FIELDS"]:
                markdown.reset()
                value, dropped = sanitize.clean(markdown.convert(value))
                if dropped:
                    violations.append(sanitize.dropped_violation(
                        self._path, key, dropped, field.line, field.written))
            output[key] = self.process_metadata(key, value)
        return output

