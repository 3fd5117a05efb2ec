"""Article summaries: the Summary field, else the first paragraph of the body."""

from __future__ import annotations

from bs4 import BeautifulSoup


def first_paragraph(html: str) -> str:
    """The first non-empty top-level <p> of rendered HTML, as HTML ('' if none)."""
    soup = BeautifulSoup(html, "html.parser")
    for paragraph in soup.find_all("p", recursive=False):
        if paragraph.get_text(strip=True) and not paragraph.find("img"):
            return "".join(str(child) for child in paragraph.contents)
    return ""
