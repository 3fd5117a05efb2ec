"""Text as the index and the queries see it: HTML reduced to text, NFC, no control characters."""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup

# Elements whose text is not prose a reader would search for.
SKIPPED_ELEMENTS = ["script", "style", "template", "noscript", "svg", "math"]
# Elements whose text must not run into the next one's ("...viên.Lễ...").
BLOCK_ELEMENTS = [
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
]
WHITESPACE = re.compile(r"\s+")


def _without_controls(text: str) -> str:
    # Cc (NUL, tabs, ...) separate words; Cf and the rest (soft hyphen, zero-width
    # space, bidi overrides, unassigned) are dropped so they cannot split a word.
    return "".join(
        (" " if unicodedata.category(ch) == "Cc" else "")
        if unicodedata.category(ch)[0] == "C" else ch
        for ch in text
    )


def clean(text: str) -> str:
    """NFC, no control or format characters, whitespace collapsed."""
    text = WHITESPACE.sub(" ", unicodedata.normalize("NFC", text))
    if not text.isprintable():  # the fast path: only C* characters are left unprintable
        text = WHITESPACE.sub(" ", _without_controls(text))
    return text.strip()


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment, for indexing and snippets."""
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(SKIPPED_ELEMENTS):
        element.decompose()
    for element in soup.find_all(BLOCK_ELEMENTS):
        element.insert_before(" ")
        element.append(" ")
    return clean(soup.get_text())
