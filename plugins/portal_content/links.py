"""Internal links ({filename}, {static}, {attach}, …) that lead nowhere.

Pelican warns "Unable to find …" without naming the article (and not at all with -q)
and leaves the literal `{filename}…` in the page; a `{static}` link to a missing file it
turns into a URL that 404s, silently. So: a link still in the `{…}` form after Pelican's
own replacement is broken, and so is a `{static}`/`{attach}` link to no file.
`make check` finds the same links in the Markdown source (`source_links`).
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote, urlparse

from pelican.settings import DEFAULT_CONFIG

from . import ownership
from .build_report import REPORT
from .messages import Violation, reason
from .metadata_rules import static_folders_text

DEFAULT_LINK_REGEX = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
STATIC_LINKS = frozenset({"static", "attach"})
CONTENT_LINKS = frozenset({"filename", "static", "attach"})
REASONS = {"filename": "no_article", "static": "no_file", "attach": "no_file"}
# A link target in Markdown source: ](target) or ="target".
_SOURCE_LINK = re.compile(r"""(?:\]\(\s*<?|=["'])(\{(\w+)\}([^)\s"'>]*))""")


def _expected(settings) -> dict:
    where, example = static_folders_text(settings["PATH"], settings.get("STATIC_PATHS", ()))
    return {"where": where, "example": example}


def check_links(contents, settings) -> None:
    """Report every broken internal link in these contents' bodies and Summary fields."""
    siteurl = settings["SITEURL"]  # what the writers use, so each body is replaced once
    expected = _expected(settings)
    # With Pelican's link syntax, a text without '{' or '|' has no link: a quick test that
    # spares a regex pass over each of thousands of bodies.
    markers = "{|" if settings["INTRASITE_LINK_REGEX"] == DEFAULT_LINK_REGEX else None
    REPORT.checking_links = True  # Pelican's own warnings say less: see build_report
    try:
        for content in contents:
            REPORT.add(broken_links(content, siteurl, expected, markers))
    finally:
        REPORT.checking_links = False


def broken_links(content, siteurl: str, expected: dict, markers: str | None = None
                 ) -> list[Violation]:
    # Pelican's internals (_get_intrasite_link_regex, _content, _update_content), listed
    # in plugins/upstream/pelican_names.py.
    regex = content._get_intrasite_link_regex()
    sources = {"Body": content._content or ""}
    if getattr(content, "lead", ""):  # the editor's Summary; else the body's own paragraph
        sources["Summary"] = content.lead
    found = []
    for field, html in sources.items():
        if markers and not any(marker in html for marker in markers):
            continue
        links = {m["path"]: (m["what"], m["value"]) for m in regex.finditer(html)}
        if not links:
            continue
        replaced = (content.get_content(siteurl) if field == "Body"
                    else content._update_content(html, siteurl))
        # by kind and path: Pelican repeats the #fragment of a link it leaves as it is
        unresolved = {(m["what"], urlparse(m["value"]).path) for m in regex.finditer(replaced)}
        for link, (what, value) in links.items():
            if ((what, urlparse(value).path) in unresolved
                    or (what in STATIC_LINKS and not _file_exists(content, value))):
                REPORT.broken_links.add(urlparse(value).geturl())  # as Pelican logs it
                found.append(_violation(content.relative_source_path,
                                        _line(content, field, link), field, link, what,
                                        expected))
    return found


def _line(content, field: str, link: str) -> int | None:
    """Where the link is written: its body line, or the Summary field's line."""
    metadata = content.metadata
    if field == "Summary":
        return metadata.get("portal_field_lines", {}).get("summary", (None, None))[0]
    return metadata.get("portal_link_lines", {}).get(link)


def _violation(path, line, field, link, what, expected) -> Violation:
    why = reason(REASONS[what]) if what in REASONS else reason("unknown_kind", kind=what)
    key = "summary" if field == "Summary" else "body"
    return Violation(path, line, key, "link_nowhere", {"link": link, "reason": why,
                                                      **expected})


def link_target_exists(content_root: str, relative_dir: str, value: str) -> bool:
    """Resolved as Pelican resolves a {static} link: from the content folder when it
    starts with '/', else from the linking file's folder."""
    path = unquote(urlparse(value).path)
    path = posixpath.normpath(path[1:] if path.startswith("/")
                              else posixpath.join(relative_dir, path))
    if ownership.outside_content(path, content_root) is not None:
        return False  # out of content/ (or through a symlink): never published
    return os.path.isfile(os.path.join(content_root, path))


def _file_exists(content, value: str) -> bool:
    return link_target_exists(content.settings["PATH"], content.relative_dir, value)


def source_links(body: str, first_line: int, path: str, settings) -> list[Violation]:
    """Broken {filename}/{static}/{attach} links in a Markdown body, without rendering."""
    if "{" not in body:
        return []
    expected, found = _expected(settings), []
    relative_dir = posixpath.dirname(path)
    for offset, line in enumerate(body.split("\n")):
        for match in _SOURCE_LINK.finditer(line):
            link, what, value = match[1], match[2], match[3]
            if what not in CONTENT_LINKS or not link_target_exists(settings["PATH"],
                                                                   relative_dir, value):
                found.append(_violation(path, first_line + offset, "Body", link, what,
                                        expected))
    return found


def source_link_lines(body: str, first_line: int) -> dict[str, int]:
    """Each {…} link of a Markdown body -> the file's line it is first written on."""
    lines = {}
    if "{" in body:
        for offset, line in enumerate(body.split("\n")):
            for match in _SOURCE_LINK.finditer(line):
                lines.setdefault(match[1], first_line + offset)
    return lines
