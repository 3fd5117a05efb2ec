"""The HTML of a body or Summary, through an allow-list (nh3, the Rust ammonia): what
editors need stays (paragraphs, headings, lists, tables, emphasis, links to http(s),
mailto and relative URLs, images, figures and captions); scripts, event handlers,
`javascript:` links, frames, forms, `<base>` and `<meta>` go, and are named so the
contract can tell the editor.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import nh3

from .messages import Violation

TAGS = set(nh3.ALLOWED_TAGS) - {"area", "map"}
ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES.setdefault("img", set()).update({"alt", "src", "title", "width", "height",
                                            "loading", "srcset", "sizes"})
for _tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup", "a", "div"):
    ATTRIBUTES.setdefault(_tag, set()).add("id")  # headings' anchors, footnotes
for _tag in ("td", "th"):
    ATTRIBUTES.setdefault(_tag, set()).update({"style", "colspan", "rowspan"})
ATTRIBUTES["*"] = {"class"}

CLEANER = nh3.Cleaner(
    tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
    link_rel=None,  # links stay as written
    strip_comments=False,  # a comment is inert, and dropping it would alter the text
    filter_style_properties={"text-align"},  # Markdown tables' column alignment
)


def clean(html: str) -> tuple[str, list[str]]:
    """The allowed HTML, and what was taken out ('<script>', 'onclick=', …)."""
    cleaned = CLEANER.clean(html)
    if cleaned == html:
        return html, []
    return cleaned, dropped(html, cleaned)


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.items[f"<{tag}>"] += 1
        for name, value in attrs:
            if name in ("href", "src") and value and ":" in value.split("/", 1)[0]:
                self.items[f'{name}="{value.split(":", 1)[0]}:…"'] += 1
            else:
                self.items[f"{name}="] += 1


def _inventory(html: str) -> Counter:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


def dropped(before: str, after: str) -> list[str]:
    gone = _inventory(before) - _inventory(after)
    return sorted(gone)


def first_line(source: str, items: list[str], first: int) -> int:
    """The line of `source` (numbered from `first`) that first writes a dropped item."""
    needles = [_needle(item) for item in items]
    for offset, line in enumerate(source.split("\n")):
        lowered = line.lower()
        if any(needle and needle in lowered for needle in needles):
            return first + offset
    return first


def _needle(item: str) -> str:
    """How a dropped item is written: '<script>' as '<script', 'href="javascript:…"' as
    'javascript:', 'onclick=' as 'onclick='."""
    if item.startswith("<"):
        return item[:-1].lower()
    if '="' in item:
        return item.split('"')[1].rstrip("…").lower()
    return item.lower()


def dropped_violation(path: str, key: str, dropped: list[str], line: int | None,
                      written: str | None = None) -> Violation:
    """What was taken out of a body or Summary: an error (a publish fails), but the file
    is built without that markup."""
    return Violation(path, line, key, "markup_dropped", {"items": ", ".join(dropped[:8])},
                     written, drops_file=False)
