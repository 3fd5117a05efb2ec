"""Authors, tags and sections whose names would share one page.

Pelican keys a name's page by its ASCII slug, so `Nguyễn Văn Đông` and `Nguyễn Văn Đồng`
(two people), or the tags `đảng` and `đăng`, would share one page headed with whichever
name it met first. Here every name gets a page of its own:

- names that differ only in case are one name: the page shows the spelling most files
  use (ties: the first in sort order), and each other spelling is reported;
- names that differ in accents are different names: the one written without accents
  (if any) keeps the plain slug, each other gets the slug plus a short digest of its
  own spelling, which depends on nothing else, so its URL is the same in every build.
  Each is reported, in case the two were meant to be one.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .messages import Violation


@dataclass(frozen=True)
class NameUse:
    kind: str  # 'author', 'tag' or 'category'
    name: str
    path: str  # the file that writes it, relative to content/
    line: int | None
    key: str  # the field: 'author', 'authors', 'tags', 'category'
    written: str | None = None


@dataclass(frozen=True)
class NamePlan:
    slugs: dict  # (kind, name) -> slug, only where it differs from Pelican's
    spellings: dict  # (kind, name) -> the spelling the page shows, where it differs
    notes: tuple[Violation, ...]


def identity(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def digest(name: str) -> str:
    return hashlib.sha1(identity(name).encode()).hexdigest()[:4]


def plan(uses: Iterable[NameUse], slug_of, url_of) -> NamePlan:
    """`slug_of(kind, name)` is Pelican's slug; `url_of(kind, slug)` the page's URL."""
    by_slug = defaultdict(list)
    for use in uses:
        by_slug[(use.kind, slug_of(use.kind, use.name))].append(use)
    slugs, spellings, notes = {}, {}, []
    for (kind, slug), group in sorted(by_slug.items()):
        if not slug:
            continue  # reported by the rules (name_no_slug)
        names = defaultdict(list)
        for use in sorted(group, key=lambda u: (u.path, u.line or 0)):
            names[identity(use.name)].append(use)
        for same in names.values():
            chosen = _spelling(same)
            for use in _first_of_each(same):
                if use.name != chosen.name:
                    spellings[(kind, use.name)] = chosen.name
                    notes.append(_note(use, "name_case", other=chosen, chosen=chosen.name))
        if len(names) < 2:
            continue
        plain = [ident for ident in names if ident.isascii()]
        for ident, same in names.items():
            own = slug if ident in plain[:1] else f"{slug}-{digest(ident)}"
            for use in same:
                if own != slug:
                    slugs[(kind, use.name)] = own
            other = next(names[o][0] for o in names if o != ident)
            notes.append(_note(same[0], "name_accents", other=other, url=url_of(kind, own)))
    return NamePlan(slugs, spellings, tuple(sorted(notes, key=Violation.sort_key)))


def _spelling(uses: list[NameUse]) -> NameUse:
    counts = Counter(use.name for use in uses)
    best = min(counts, key=lambda name: (-counts[name], name))
    return next(use for use in uses if use.name == best)


def _first_of_each(uses: list[NameUse]) -> list[NameUse]:
    seen, first = set(), []
    for use in uses:
        if use.name not in seen:
            seen.add(use.name)
            first.append(use)
    return first


def _note(use: NameUse, code: str, other: NameUse, **params) -> Violation:
    return Violation(use.path, use.line, use.key, code,
                     {"value": use.name, "other": other.name, "other_path": other.path,
                      **params}, use.written, drops_file=False, warning=True)
