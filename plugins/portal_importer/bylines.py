"""Bylines: 'Bài:' (author), 'Biên tập:' (editor), 'Nguồn:' (source), and the trailing
forms old portals end articles with."""

from __future__ import annotations

import re

LABELLED = {
    "author": re.compile(r"^(?:bài|tin|tin,? ảnh|bài,? ảnh|bài và ảnh|tin và ảnh|tác giả)\s*:\s*"
                         r"(?P<value>.+)$", re.IGNORECASE),
    "editor": re.compile(r"^(?:biên tập|bt)\s*:\s*(?P<value>.+)$", re.IGNORECASE),
    "source": re.compile(r"^(?:nguồn(?: tin)?)\s*:\s*(?P<value>.+)$", re.IGNORECASE),
}
UPPER = "A-ZÀ-ỸĐ"
# "TRẦN MINH (Phòng PX01)"
CAPITALS_WITH_UNIT = re.compile(rf"^(?P<name>[{UPPER}][{UPPER}\s.]+?)\s*\((?P<unit>[^()]+)\)$")
# "Nguyễn Văn Hùng - Công an huyện Kim Thành"
NAME_DASH_UNIT = re.compile(rf"^(?P<name>(?:[{UPPER}][\w]*\s+){{1,4}}[{UPPER}][\w]*)\s+[-–—]\s+"
                            r"(?P<unit>.{3,80})$")
# "Lê Thu Hà", "PHÒNG CHÍNH TRỊ": two to six capitalised words, no final stop.
NAME_ALONE = re.compile(rf"^(?:[{UPPER}][\w.]*\s+){{1,5}}[{UPPER}][\w]*$")


def labelled(line: str) -> tuple[str, str] | None:
    text = " ".join(line.split())
    for key, shape in LABELLED.items():
        if match := shape.match(text):
            return key, match["value"].strip()
    return None


def title_case(name: str) -> str:
    """'TRẦN MINH' -> 'Trần Minh' (names printed in capitals)."""
    return " ".join(word.capitalize() for word in name.split())


def trailing(line: str) -> str | None:
    """The author of a trailing byline line, or None if the line is no byline."""
    text = " ".join(line.split())
    if len(text) > 100:
        return None
    if match := CAPITALS_WITH_UNIT.match(text):
        return f"{title_case(match['name'])} ({match['unit'].strip()})"
    if match := NAME_DASH_UNIT.match(text):
        return f"{match['name']} – {match['unit'].strip()}"
    if NAME_ALONE.match(text) and len(text) <= 40:
        return title_case(text) if text.upper() == text else text
    return None
