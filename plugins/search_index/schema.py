"""The one home for the search schema and its analyzers, shared by indexer and service.

Every text field is analysed twice: folded (NFC, lowercase, diacritics and đ removed)
so "dang vien" finds "Đảng viên", and exact (NFC, lowercase, accents kept) so an
accented query ranks exact-diacritic matches first and spelling suggestions keep
their accents. No stop words: Vietnamese syllables such as "an" or "in" are words.
"""

from __future__ import annotations

import unicodedata

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Bump when fields or analyzers change: the next build then reindexes everything.
SCHEMA_VERSION = 2


class NfcTokenizer(RegexTokenizer):
    """RegexTokenizer over NFC text: decomposed input would split `đảng` into `đa`, `ng`."""

    def __call__(self, value, **kwargs):
        return super().__call__(unicodedata.normalize("NFC", value), **kwargs)


def exact_analyzer():
    return NfcTokenizer() | LowercaseFilter()


def folded_analyzer():
    return NfcTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


class ExactOrFoldedFilter(Filter):
    """Keeps a word's accents when it is one of `exact`, folds it otherwise."""

    def __init__(self, exact: frozenset[str]):
        self.exact = exact

    def __call__(self, tokens):
        for token in tokens:
            if token.text not in self.exact:
                token.text = token.text.translate(accent_map)
            yield token


def snippet_analyzer(exact: frozenset[str]):
    """For snippets: accented query words match exactly, unaccented ones any accents."""
    return NfcTokenizer() | LowercaseFilter() | ExactOrFoldedFilter(exact)


def fold(text: str) -> str:
    """What the folded analyzer makes of `text`, without splitting it into words."""
    return unicodedata.normalize("NFC", text).lower().translate(accent_map)


def _folded(stored: bool = False) -> TEXT:
    return TEXT(analyzer=folded_analyzer(), stored=stored)


def _exact() -> TEXT:
    return TEXT(analyzer=exact_analyzer())


def build_schema() -> Schema:
    return Schema(
        url=ID(unique=True, stored=True),
        hash=ID(stored=True),
        kind=ID(stored=True),  # "article" or "page"
        title=_folded(stored=True),
        title_exact=_exact(),
        body=_folded(stored=True),  # the summary (unless the body has it) and the body text
        body_exact=_exact(),
        meta=_folded(),  # section, tags, author and editor: searched as one field
        summary=STORED(),
        section=STORED(),  # the category's name
        tags=STORED(),
        author=STORED(),
        editor=STORED(),
        category=ID(stored=True),  # the category's slug, for filtering
        date=DATETIME(stored=True, sortable=True),  # naive Asia/Ho_Chi_Minh time
        year=ID(stored=True),
    )


# Fields a query searches, with their weight: titles outweigh the body. Few fields on
# purpose: every searched field adds a posting list to walk for every query word.
FIELD_BOOSTS = {"title": 4.0, "body": 1.0, "meta": 1.5}
# The exact twin of each folded field that has one: not scored, but an accented query
# ranks the documents holding its words exactly first.
EXACT_FIELDS = {"title": "title_exact", "body": "body_exact"}
# Folded fields whose words count as known to the spelling suggestion.
VOCABULARY_FIELDS = ("title", "body")
