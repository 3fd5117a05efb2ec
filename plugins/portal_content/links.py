"""Internal links ({filename}, {static}, {attach}, …) that lead nowhere.

Pelican warns "Unable to find …" without naming the article (and not at all with -q)
and leaves the literal `{filename}…` in the page; a `{static}` link to a missing file it
turns into a URL that 404s, silently. So: a link still in the `{…}` form after Pelican's
own replacement is broken, and so is a `{static}`/`{attach}` link to no file.
"""

from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote, urlparse

from pelican.settings import DEFAULT_CONFIG

from .build_report import REPORT
from .metadata_rules import Violation, static_folders_text

DEFAULT_LINK_REGEX = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
STATIC_LINKS = frozenset({"static", "attach"})
REASONS = {"filename": "no such article, page or file",
           "static": "no such file", "attach": "no such file"}


def check_links(contents, settings) -> None:
    """Report every broken internal link in these contents' bodies and Summary fields."""
    siteurl = settings["SITEURL"]  # what the writers use, so each body is replaced once
    where, example = static_folders_text(settings["PATH"], settings.get("STATIC_PATHS", ()))
    expected = (f"expected a path from the content folder: {{static}}/{example} for a file in "
                f"{where}, {{filename}}/articles/<mục>/<bài>.md for an article")
    # With Pelican's link syntax, a text without '{' or '|' has no link: a quick test that
    # spares a regex pass over each of thousands of bodies.
    markers = "{|" if settings["INTRASITE_LINK_REGEX"] == DEFAULT_LINK_REGEX else None
    REPORT.checking_links = True  # Pelican's own warnings say less: see build_report
    try:
        for content in contents:
            REPORT.add(broken_links(content, siteurl, expected, markers))
    finally:
        REPORT.checking_links = False


def broken_links(content, siteurl: str, expected: str, markers: str | None = None
                 ) -> list[Violation]:
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
                reason = REASONS.get(what, f"{{{what}}} is not a kind of link Pelican knows")
                found.append(Violation(content.relative_source_path, field,
                                       f"link {link!r} leads nowhere ({reason}); {expected}"))
    return found


def _file_exists(content, value: str) -> bool:
    """Resolved as Pelican resolves a {static} link: from the content folder when it
    starts with '/', else from the linking file's folder."""
    path = unquote(urlparse(value).path)
    path = path[1:] if path.startswith("/") else posixpath.join(content.relative_dir, path)
    return os.path.isfile(os.path.join(content.settings["PATH"], posixpath.normpath(path)))
