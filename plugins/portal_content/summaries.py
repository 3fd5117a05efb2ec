"""Article summaries: the Summary field, else the first paragraph of the body."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

# A start or end tag, attribute values quoted or not (a '>' inside quotes stays inside).
_TAG = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)"""
    r"""\s*(/?)>"""
)
# Markup the scanner does not follow (comments, raw-text elements, declarations, and
# any '<' that is not a plain tag): such bodies take the full parse.
_UNSAFE = re.compile(r"<[!?]|<(script|style|textarea|title|xmp|plaintext|template|iframe|"
                     r"noscript|noembed|noframes)\b", re.IGNORECASE)
_ANGLE = re.compile(r"<[A-Za-z/]")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})


def first_paragraph(html: str) -> str:
    """The first non-empty top-level <p> of rendered HTML, as HTML ('' if none)."""
    found = _first_paragraph_fast(html)
    if found is not None:
        return found
    return _first_paragraph(BeautifulSoup(html, "html.parser"))


def _first_paragraph(soup: BeautifulSoup) -> str:
    for paragraph in soup.find_all("p", recursive=False):
        if paragraph.get_text(strip=True) and not paragraph.find("img"):
            return "".join(str(child) for child in paragraph.contents)
    return ""


def _first_paragraph_fast(html: str) -> str | None:
    """The same answer from a scan of the tags, parsing only the paragraph it settles on.

    Builds with thousands of articles call this for every article without a Summary;
    parsing whole bodies was the cost. The scan follows balanced markup only (what
    Markdown writes); anything else returns None and the caller parses the whole body.
    Elements closed before the first qualifying paragraph cannot be rearranged by what
    follows, so the answer for that paragraph is the full parse's.
    """
    if _UNSAFE.search(html):
        return None
    open_tags: list[str] = []
    paragraph_start = None
    position = 0
    while True:
        angle = _ANGLE.search(html, position)
        if angle is None:
            break
        match = _TAG.match(html, angle.start())
        if match is None:
            return None  # a '<' the scanner does not understand
        position = match.end()
        closing, name, self_closing = match[1], match[2].lower(), match[4]
        if closing:
            if not open_tags or open_tags[-1] != name:
                return None  # unbalanced: leave it to the parser
            open_tags.pop()
            if name == "p" and not open_tags and paragraph_start is not None:
                found = _paragraph_html(html[paragraph_start:match.end()])
                if found is None:
                    return None
                if found:
                    return found
                paragraph_start = None
            continue
        if name in VOID or self_closing:
            continue
        if name == "p":
            if "p" in open_tags:
                return None  # nested paragraphs: the parser decides
            if not open_tags:
                paragraph_start = match.start()
        open_tags.append(name)
    return "" if not open_tags else None


def _paragraph_html(fragment: str) -> str | None:
    """The paragraph's inner HTML if it qualifies, '' if it does not, None if unsure."""
    soup = BeautifulSoup(fragment, "html.parser")
    paragraphs = soup.find_all("p", recursive=False)
    if len(paragraphs) != 1:
        return None
    return _first_paragraph(soup)
