"""One content file against the whole contract, as the build's reader and `make check`
both run it: the header's lines, every field, the files it names, its body."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from pelican.utils import posixize_path

from . import header as header_reader
from .figure_claims import check_claims
from .header import Header, character_name, invisible_characters
from .links import source_links
from .messages import Violation, at
from .metadata_rules import check_article, check_page
from .settings import ContractSettings

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")  # what Pelican's reader takes
# A Markdown image with nothing between the brackets: no caption, no alt text.
_BARE_IMAGE = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]+)")


def is_page(path: str, settings: Mapping) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/")
               for p in settings.get("PAGE_PATHS", ()))


def check_text(text: str, path: str, settings: Mapping,
               contract: ContractSettings) -> tuple[Header, list[Violation]]:
    """The header and every violation of one file (`path` relative to content/)."""
    header = header_reader.read(text)
    violations = at(path, header.problems)
    if is_page(path, settings):
        violations += check_page(header, path)
    else:
        violations += check_article(header, path, settings["PATH"], settings,
                                    contract.sections)
    violations += check_body(header, path)
    if not is_page(path, settings):
        violations += check_claims(header, path)
    return header, violations


def check_body(header: Header, path: str) -> list[Violation]:
    found = []
    if not header.body.strip() and not header.problems:
        found.append(Violation(path, header.body_line, "body", "empty_body",
                               drops_file=False, warning=True))
    for offset, line in enumerate(header.body.split("\n")):
        number = header.body_line + offset
        hidden = invisible_characters(line, in_field=False)
        if hidden:
            column, char = hidden[0]
            found.append(Violation(path, number, "body", "invisible_char",
                                   {"char": character_name(char), "column": column + 1}))
        for match in _BARE_IMAGE.finditer(line):
            found.append(Violation(path, number, "body", "image_no_text", {"src": match[1]},
                                   drops_file=False, warning=True))
    return found


def check_source_links(header: Header, path: str, settings: Mapping) -> list[Violation]:
    """{static}/{filename} links of the Markdown source that lead to no file: what the
    build reports after rendering (links.broken_links), found without rendering."""
    return source_links(header.body, header.body_line, path, settings)


def drops_file(violations) -> bool:
    return any(v.drops_file and not v.warning for v in violations)


def content_files(settings) -> list[tuple[str, Path]]:
    """(content-relative path, file) of every file under the article and page folders,
    but for editors' backup and lock files (hidden, or ending in '~')."""
    root = Path(settings["PATH"])
    found = []
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        found += _walk(root / folder, posixize_path(os.path.normpath(folder)))
    return found


def _walk(directory: Path, relative: str) -> list[tuple[str, Path]]:
    if not directory.is_dir():
        return []
    found, below = [], []
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir():
                below.append(entry)
            elif not entry.name.startswith(".") and not entry.name.endswith("~"):
                found.append((f"{relative}/{entry.name}", Path(entry.path)))
    for entry in below:
        found += _walk(Path(entry.path), f"{relative}/{entry.name}")
    return found


def is_markdown(path: str) -> bool:
    """Only Markdown is content: '.md' (lower case, as Pelican's reader matches it)."""
    return path.endswith(MARKDOWN_SUFFIXES)


def not_markdown(path: str) -> Violation:
    suffix = Path(path).suffix or "(không đuôi)"
    return Violation(path, None, None, "not_markdown", {"suffix": suffix})


def stray_files(settings) -> list[Violation]:
    """Files under the article and page folders that are no content: Pelican would
    skip them without a word (or, for .html, read them past the contract)."""
    return [not_markdown(path) for path, _ in content_files(settings) if not is_markdown(path)]
