"""One saved page of an old portal -> what the article says: title, date, bylines,
body (paragraphs, headings, photos with captions) and proposed figures.

Saved HTML and copied text become the same list of lines first (HTML keeps headings
and photos), then one set of rules reads them: the article's date line is the first one
followed by body text (a portal's "today" in its header is not), its title the heading
before that, its body what follows up to the portal's lists of other news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from . import bylines, chrome, dates, figures

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "td",
          "th", "dd", "dt", "caption", "pre", "div", "section", "article", "header",
          "footer", "main", "aside", "span", "center", "font", "table", "tr", "tbody", "ul",
          "ol", "figure", "strong", "b", "em", "i"}
LEAVES_INLINE = {"span", "strong", "b", "em", "i", "font", "a", "small", "sup", "sub", "u"}
DROPPED = ("script", "style", "noscript", "nav", "form", "select", "iframe", "button",
           "input", "textarea", "svg", "object", "embed")
BODY_TEXT = 100  # a line this long is body text, not a title, menu or tool
MIN_TITLE = 12
MAX_CAPTION = 200


@dataclass
class Line:
    text: str
    kind: str = "text"  # "text", "heading", "image"
    source: str = ""  # an image's src


@dataclass
class ImportedPage:
    source: Path
    title: str = ""
    date: str | None = None
    author: str = ""
    editor: str = ""
    source_line: str = ""
    body: list[Line] = field(default_factory=list)
    figures: list[figures.Proposal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what needs a look, in Vietnamese


def read_lines(path: Path) -> list[Line]:
    raw = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm") or raw.lstrip()[:1] == b"<":
        return html_lines(raw)
    text = raw.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return [Line(" ".join(line.split())) for line in text.split("\n") if line.strip()]


def html_lines(raw: bytes) -> list[Line]:
    soup = BeautifulSoup(raw, "html.parser")
    for name in DROPPED:
        for element in soup.find_all(name):
            element.decompose()
    root = soup.body or soup
    lines: list[Line] = []
    _walk(root, lines)
    return [line for line in lines if line.text or line.kind == "image"]


def _walk(element: Tag, lines: list[Line]) -> None:
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(buffer).split())
        buffer.clear()
        if text:
            lines.append(Line(text))

    for child in element.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ == "NavigableString":
                buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "img":
            flush()
            lines.append(Line(child.get("alt", "").strip(), "image", child.get("src", "")))
        elif child.name == "br":
            flush()
        elif child.name in LEAVES_INLINE and not child.find(["img", "p", "div", "br"]):
            buffer.append(child.get_text(" "))
        elif re.fullmatch(r"h[1-6]", child.name or ""):
            flush()
            text = " ".join(child.get_text(" ").split())
            if text:
                lines.append(Line(text, "heading"))
        else:
            flush()
            _walk(child, lines)
    flush()


def meta_title(raw: bytes) -> str:
    soup = BeautifulSoup(raw, "html.parser")
    tag = soup.find("meta", property="og:title")
    return " ".join((tag.get("content") or "").split()) if tag else ""


def extract(path: Path) -> ImportedPage:
    lines = read_lines(path)
    page = ImportedPage(path)
    start = _article_start(lines, page)
    body = _body(lines[start:], page)
    page.body = body
    page.figures = figures.propose([line.text for line in body if line.kind == "text"])
    if path.suffix.lower() in (".html", ".htm"):
        og = meta_title(path.read_bytes())
        if og and not page.title:
            page.title = og
    if not page.title:
        page.notes.append("không tìm thấy tiêu đề")
    if page.date is None:
        page.notes.append("không tìm thấy dòng ngày đăng: tệp không có Ngày, cần điền")
    return page


def _is_chrome(line: Line) -> bool:
    return chrome.is_tool(line.text) or chrome.is_motto(line.text)


def _article_start(lines: list[Line], page: ImportedPage) -> int:
    """Find the date line (the first followed by body text) and the title before it;
    returns the index of the first body line."""
    for index, line in enumerate(lines):
        found = dates.find(line.text) if line.kind == "text" else None
        if found is None:
            continue
        following = [other for other in lines[index + 1:index + 5] if not _is_chrome(other)]
        if any(len(other.text) >= BODY_TEXT for other in following if other.kind == "text"):
            page.date = found
            page.title = _title_before(lines, index)
            return index + 1
    first_body = next((i for i, line in enumerate(lines)
                       if line.kind == "text" and len(line.text) >= BODY_TEXT), len(lines))
    page.title = _title_before(lines, first_body)
    return first_body


def _title_before(lines: list[Line], index: int) -> str:
    """The nearest line before `index` that reads like a headline."""
    for line in reversed(lines[max(0, index - 6):index]):
        text = line.text
        if (line.kind != "image" and len(text) >= MIN_TITLE and not _is_chrome(line)
                and dates.find(text) is None and not bylines.labelled(text)):
            return text
    return ""


def _body(lines: list[Line], page: ImportedPage) -> list[Line]:
    body: list[Line] = []
    for line in lines:
        if line.kind != "image" and chrome.is_stop(line.text):
            break
        if line.kind != "image" and _is_chrome(line):
            continue
        if line.kind == "text" and (found := bylines.labelled(line.text)):
            key, value = found
            setattr(page, "source_line" if key == "source" else key, value)
            continue
        body.append(line)
    _trailing_byline(body, page)
    _captions(body)
    return body


def _trailing_byline(body: list[Line], page: ImportedPage) -> None:
    """A name (with its unit) alone on the body's last line is its author."""
    while body and body[-1].kind == "text":
        author = bylines.trailing(body[-1].text)
        if author is None:
            return
        body.pop()
        if not page.author:
            page.author = author


def _captions(body: list[Line]) -> None:
    """A short line right under a photo is its caption."""
    for index, line in enumerate(body):
        if line.kind != "image" or index + 1 >= len(body):
            continue
        after = body[index + 1]
        if after.kind == "text" and len(after.text) <= MAX_CAPTION:
            line.text = after.text
            after.kind = "caption"
