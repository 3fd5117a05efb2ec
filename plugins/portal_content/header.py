"""Splits a content file into its header fields and its body, as editors write them.

The header is every line from the top down to the first blank line. Each of its lines
is a field (`Tên: giá trị`, English or Vietnamese name), a comment (`# …`), or an
indented continuation of the field above; anything else is a problem named by its line,
never body text. What text editors produce is accepted as written: spaces or tabs
before the name, a space before the colon, a full-width colon.

Python-Markdown's meta extension, which Pelican uses, ends the header silently at the
first name it cannot read (a Vietnamese one) and turns an indented line into a list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import fields
from .messages import Problem

COLONS = ":\uff1a\ufe55"  # ASCII, full-width and small colon
# A name: a few words of letters, digits, spaces, '_' or '-' (and invisible characters,
# reported below), before the first colon.
_FIELD_LINE = re.compile(rf"(?P<name>[^\W\d][\w \t\-\u00a0\u200b-\u200d\u2060\ufeff]{{0,40}}?)"
                         rf"[ \t\u00a0]*[{COLONS}](?P<value>.*)", re.UNICODE)
_INDENT = re.compile(r"[ \t\u00a0]+")
MAX_NAME_WORDS = 6  # the longest field name, 'Số công nhận chính thức', has 5

# Invisible characters: never in a header value or a body (they hide text, reverse it
# on screen or break search): Cc controls other than tab and newline, and the format
# characters that carry no visible mark. Fields also refuse soft hyphens and joiners.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_INVISIBLE = "\u200b\u200e\u200f\u2028\u2029\u2060\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069"
_INVISIBLE_IN_BODY = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
_INVISIBLE_IN_FIELDS = re.compile(f"[{_CONTROLS}{_INVISIBLE}\u00ad\u200c\u200d]")


@dataclass(frozen=True)
class HeaderField:
    key: str  # Pelican's metadata name
    value: str
    line: int | None  # 1-based; None for values that did not come from a file
    written: str | None  # the name as the file writes it

    def label(self, english: bool = False) -> str:
        return self.written or fields.label(self.key, english)


@dataclass
class Header:
    """One file's header fields by key, its body, and the problems found reading it."""

    fields: dict[str, HeaderField] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # the file's line number of the body's first line
    header_end: int | None = None  # the line after the header, where a missing field goes
    problems: list[Problem] = field(default_factory=list)

    def value(self, key: str) -> str:
        found = self.fields.get(key)
        return found.value if found else ""

    def has(self, key: str) -> bool:
        return bool(self.value(key).strip())

    def line(self, key: str) -> int | None:
        found = self.fields.get(key)
        return found.line if found else None

    def get(self, key: str) -> HeaderField | None:
        return self.fields.get(key)

    def raw(self) -> dict[str, str]:
        return {key: found.value for key, found in self.fields.items()}

    @classmethod
    def of(cls, raw) -> Header:
        """A header from plain `key: value` strings (Pelican metadata, tests)."""
        return cls({key: HeaderField(key, str(value), None, None) for key, value in raw.items()})


def invisible_characters(text: str, in_field: bool = True) -> list[tuple[int, str]]:
    """(0-based column, character) of each control or invisible character in `text`."""
    banned = _INVISIBLE_IN_FIELDS if in_field else _INVISIBLE_IN_BODY
    return [(match.start(), match[0]) for match in banned.finditer(text)]


def character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def read(text: str) -> Header:
    """Parse a file's text (newlines already normalised to '\\n')."""
    lines = text.split("\n")
    header = Header()
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    block = lines[:end]
    if block and not _starts_header(block):
        # No header at all: the whole file is body (the rules report the missing fields).
        header.body, header.body_line, header.header_end = text, 1, 1
        header.problems.append(Problem(1, None, "no_header", {"first": block[0].strip()[:60]}))
        return header
    last = None  # the field that an indented continuation line belongs to
    for number, line in enumerate(block, start=1):
        last = _read_line(header, number, line, last, is_last=number == len(block))
    header.header_end = end + 1
    header.body_line = end + 2
    header.body = "\n".join(lines[end + 1:])
    return header


def _starts_header(block: list[str]) -> bool:
    """A file has a header when it opens with a field, or with comments then a field."""
    for line in block:
        if not line.strip().startswith("#"):
            return bool(_field_match(line))
    return False


def _field_match(line: str):
    match = _FIELD_LINE.fullmatch(line.lstrip(" \t\u00a0\ufeff"))
    if match and len(match["name"].split()) <= MAX_NAME_WORDS:
        return match
    return None


def _read_line(header: Header, number: int, line: str, last: HeaderField | None,
               is_last: bool) -> HeaderField | None:
    stripped = line.strip()
    if stripped.startswith("#"):
        if is_last and header.fields:
            header.problems.append(Problem(number, None, "comment_ends_header", {}))
        return last  # a comment (`make new` explains each field with one)
    match = _field_match(line)
    if match is None:
        if _INDENT.match(line) and last is not None:
            joined = HeaderField(last.key, f"{last.value} {stripped}", last.line, last.written)
            header.fields[last.key] = joined
            return joined
        header.problems.append(Problem(number, None, "not_a_field_line",
                                       {"line": stripped[:60]}))
        return last
    written = _visible(match["name"]).strip()
    hidden = [char for char in match["name"] if char not in _visible(char)]
    if hidden:
        header.problems.append(Problem(number, None, "invisible_in_name", {
            "name": written, "char": character_name(hidden[0])}, warning=True))
    value = match["value"].strip(" \t\u00a0")
    known = fields.find(written)
    if known is None:
        suggestion = fields.nearest(written)
        code = ("override_field" if fields.is_override(written)
                else "unknown_field" if suggestion else "unknown_field_far")
        fix = f"{suggestion}: {value}" if code == "unknown_field" else None
        # No field label: the message names the line's name itself.
        header.problems.append(Problem(number, None, code, {
            "name": written, "nearest": suggestion or ""}, fix=fix))
        return None
    if known.key in header.fields:
        header.problems.append(Problem(number, written, "duplicate_field", {
            "first": header.fields[known.key].line, "name": written}))
        return None
    found = HeaderField(known.key, value, number, written)
    header.fields[known.key] = found
    return found


_INVISIBLE_NAME = re.compile("[\u200b-\u200d\u2060\ufeff]")


def _visible(text: str) -> str:
    return _INVISIBLE_NAME.sub("", text)
