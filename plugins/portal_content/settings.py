"""portal_content's settings, read and checked once per build."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from pelican.utils import slugify

from . import messages
from .fields import fold


@dataclass(frozen=True)
class Section:
    name: str  # as readers see it, and as the Category field must spell it
    folder: str  # its folder under the articles folder (content/articles/<folder>/)


@dataclass(frozen=True)
class Sections:
    """The declared sections (PORTAL_SECTIONS): a category must be one of them."""

    items: tuple[Section, ...]
    articles_folder: str = "articles"

    def __iter__(self):
        return iter(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def named(self, value: str) -> Section | None:
        wanted = _normal(value)
        return next((s for s in self.items if s.name == wanted), None)

    def nearest(self, value: str) -> Section | None:
        folded = {fold(s.name): s for s in self.items}
        close = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
        return folded[close[0]] if close else None

    def of_path(self, path: str) -> Section | None:
        """The section whose folder holds this content-relative path."""
        parts = posixpath.normpath(path).split("/")
        if len(parts) < 3 or parts[0] != self.articles_folder:
            return None
        return next((s for s in self.items if s.folder == parts[1]), None)

    def by_folder(self, folder: str) -> Section | None:
        return next((s for s in self.items if s.folder == folder), None)


@dataclass(frozen=True)
class ContractSettings:
    sections: Sections | None  # None: no sections declared, any category goes
    language: str
    strict: bool

    @classmethod
    def from_settings(cls, settings: Mapping) -> ContractSettings:
        language = settings.get("PORTAL_MESSAGES_LANGUAGE", "vi")
        if language not in messages.LANGUAGES:
            raise ValueError(f"PORTAL_MESSAGES_LANGUAGE must be one of {messages.LANGUAGES}, "
                             f"not {language!r}")
        declared = settings.get("PORTAL_SECTIONS") or ()
        sections = _sections(declared, settings) if declared else None
        return cls(sections, language, bool(settings.get("PORTAL_STRICT")))


def _sections(declared, settings: Mapping) -> Sections:
    items = []
    for entry in declared:
        if not (isinstance(entry, (tuple, list)) and len(entry) == 2
                and all(isinstance(part, str) and part.strip() for part in entry)):
            raise ValueError("PORTAL_SECTIONS: expected (name, folder) pairs of text, "
                             f"not {entry!r}")
        items.append(Section(_normal(entry[0]), entry[1].strip().strip("/")))
    for attribute in ("name", "folder"):
        values = [getattr(s, attribute) for s in items]
        if len(set(values)) != len(values):
            raise ValueError(f"PORTAL_SECTIONS: two sections share a {attribute}")
    slugs = [slugify(s.name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
             for s in items]
    if len(set(slugs)) != len(slugs):
        raise ValueError("PORTAL_SECTIONS: two section names give the same URL "
                         f"({', '.join(slugs)})")
    articles = (settings.get("ARTICLE_PATHS") or ["articles"])[0].strip("/")
    return Sections(tuple(items), articles)


def _normal(text: str) -> str:
    import unicodedata
    return " ".join(unicodedata.normalize("NFC", text).split())
