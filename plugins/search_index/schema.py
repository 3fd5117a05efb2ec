"""The one home for the search schema and its analyzers, shared by indexer and service.

Words are defined once (`words()`): NFC, lowercase, runs of letters and digits. Titles
and bodies are indexed twice: folded (diacritics and đ removed) so "dang vien" finds
"Đảng viên", and exact (accents kept) so an accented query ranks exact-diacritic
matches first and spelling suggestions keep their accents. No stop words: Vietnamese
syllables such as "an" or "in" are words.

Exact words are compared in one tone placement (`exact_word`: "hoà" and "hòa", "uỷ"
and "ủy" are one word). Numbers written with thousands dots are indexed as written
and without the dots ("7.335" and "7335"). A Vietnamese word is several syllables,
so the folded syllable pairs of each document (`pairs`: "hồ chí minh" -> "ho chi",
"chi minh") are kept too, as a column of their sorted CRC-32s (`pair_hashes`: about
2 KB a document, one value to write instead of one posting per pair): a query ranks
the documents holding its syllables side by side first, and a quoted phrase finds its
candidates through them.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.support.charset import accent_map

# Bump when fields or analyzers change: the next build then reindexes everything.
SCHEMA_VERSION = 5

# A word: a run of letters and digits; "1.365" stays one word. (Whoosh's default
# RegexTokenizer pattern, without its capturing group.)
WORD_PATTERN = re.compile(r"\w+(?:\.\w+)*")

# Whoosh's accent_map folds every Vietnamese letter, đ and Đ included, but also maps
# some combining marks to letters, which would join words: only letters are folded.
FOLD_TABLE = {code: to for code, to in accent_map.items() if re.fullmatch(r"\w", chr(code))}
# The one letter whose lowercase is two characters (i + combining dot), which would
# split its word in two.
DOTTED_I = str.maketrans({"\u0130": "i"})


def normalise(text: str, folded: bool) -> str:
    """NFC (decomposed input would split `đảng` into `đa`, `ng`), lowercase, and for
    the folded form without diacritics. Word boundaries stay where they were, so a
    text's words are those of its normalised form."""
    text = unicodedata.normalize("NFC", text)
    if "\u0130" in text:
        text = text.translate(DOTTED_I)
    text = text.lower()
    return text.translate(FOLD_TABLE) if folded else text


@lru_cache(maxsize=2**16)
def _folded_word(word: str) -> str:
    return word.translate(FOLD_TABLE)


# The tone mark of an open syllable ending in oa, oe or uy (not after q, where u is
# part of the consonant) sits on either vowel: "hoà"/"hòa", "khoẻ"/"khỏe",
# "uỷ"/"ủy". Both are correct; exact words keep the mark on the first vowel.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
LATE_TONE = re.compile(rf"(?<!q)([ou])([aey])([{TONE_MARKS}])$")
TONE_CANDIDATE = re.compile(r"[oòóỏõọuùúủũụ][aàáảãạeèéẻẽẹyỳýỷỹỵ]$")


@lru_cache(maxsize=2**16)
def exact_word(word: str) -> str:
    """A lowercase NFC word with its tone mark where the exact fields keep it."""
    if not TONE_CANDIDATE.search(word):
        return word
    decomposed = unicodedata.normalize("NFD", word)
    moved = LATE_TONE.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", moved) if moved != decomposed else word


def words(text: str, folded: bool) -> list[str]:
    """The words of `text` as a field indexes them and a query looks them up.

    Folded words are the exact ones folded one by one (boundaries do not move), from
    a cache: a site's vocabulary is small, its texts long. Exact words are in one
    tone placement (`exact_word`)."""
    found = _recent_words.get(text)
    if found is None:
        found = list(map(exact_word, WORD_PATTERN.findall(normalise(text, folded=False))))
        with _recent_lock:  # the service's threads split queries into words too
            while len(_recent_words) >= RECENT_TEXTS:
                del _recent_words[next(iter(_recent_words))]
            _recent_words[text] = found
    return list(map(_folded_word, found)) if folded else list(found)


# A document's title, body and meta are split into words by several fields (folded,
# exact, pairs): the last few texts' exact words are kept, by value.
RECENT_TEXTS = 8
_recent_words: dict[str, list[str]] = {}
_recent_lock = threading.Lock()


DOTTED_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)+")


def number_variant(word: str) -> str | None:
    """"7.335" -> "7335": the other way readers type a number (None for other words)."""
    return word.replace(".", "") if DOTTED_NUMBER.fullmatch(word) else None


def pairs(texts: Sequence[str], folded: bool) -> list[str]:
    """The syllable pairs of each of `texts`, in order (none across two of them):
    ["Hồ Chí Minh"] -> ["ho chi", "chi minh"]."""
    found = []
    for text in texts:
        found += map(" ".join, pairwise(words(text, folded)))
    return found


def pair_hash(pair: str) -> int:
    """The 32-bit hash a folded pair is kept as (the same in every process)."""
    return zlib.crc32(pair.encode("utf-8"))


# The array type of a document's pair hashes (unsigned, at least 32 bits).
PAIR_TYPECODE = "I" if array("I").itemsize >= 4 else "L"


def pair_hashes(texts: Sequence[str]) -> bytes:
    """The pairs column's value: the sorted distinct hashes of the folded pairs of
    `texts` (a document's title, body and meta)."""
    hashes = sorted(set(map(pair_hash, pairs(texts, folded=True))))
    return array(PAIR_TYPECODE, hashes).tobytes()


class WordTokenizer(Tokenizer):
    """The analyzer of every searched field: the tokens of `words()` (when indexing,
    a dotted number's other form too, at the same position).

    Character offsets, when asked for, are into the normalised text; snippets, which
    need offsets into the text as written, use `snippet_analyzer`.
    """

    def __init__(self, folded: bool):
        self.folded = folded

    def __eq__(self, other):
        return type(other) is type(self) and other.folded == self.folded

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = normalise(value, self.folded)
        matches = WORD_PATTERN.finditer(text) if tokenize else [_Whole(text)]
        for position, match in enumerate(matches, start_pos):
            word = match.group()
            if not self.folded:
                word = exact_word(word)
            # Indexed, a dotted number stands in both forms at its position.
            variant = number_variant(word) if mode == "index" and "." in word else None
            for text in (word, variant) if variant else (word,):
                token.text = text
                token.boost, token.stopped = 1.0, False
                if keeporiginal:
                    token.original = token.text
                if positions:
                    token.pos = position
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token


class _Whole:
    """The whole text as one match (a Tokenizer asked not to tokenize)."""

    def __init__(self, text: str):
        self.text = text

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.text)


class SearchedText(TEXT):
    """A folded, scored field with positions (for phrases).

    Indexing counts the positions of `words()` directly: the same postings Whoosh's
    generic path makes from the analyzer's tokens, at about half the cost (most of a
    cold build of a large site is spent here)."""

    def __init__(self, stored: bool = False):
        super().__init__(analyzer=WordTokenizer(folded=True), stored=stored)

    # What SegmentWriter.add_document takes from it: upstream/whoosh_names.py.
    def index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        positions = defaultdict(list)
        for position, word in enumerate(words(value, folded=True)):
            positions[word].append(position)
        for word in [word for word in positions if "." in word]:
            variant = number_variant(word)
            if variant is not None:  # at the same positions: phrases hold either form
                positions[variant] = sorted(positions[variant] + positions[word])
        boost, encode = self.format.field_boost, self.format.encode
        for word, found in positions.items():
            yield word.encode("utf-8"), len(found), len(found) * boost, encode(found)


class ExactWords(FieldType):
    """Which words a document holds as spelled (lowercase, accents kept): not scored,
    no positions. It ranks exact-diacritic matches first and gives suggestions their
    accents, and needs nothing more."""

    def __init__(self):
        super().__init__(Existence(), WordTokenizer(folded=False), scorable=False)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        found = dict.fromkeys(words(value, folded=False))
        for word in [word for word in found if "." in word]:
            variant = number_variant(word)
            if variant is not None:
                found[variant] = None
        for word in found:
            yield word.encode("utf-8"), 1, 1.0, b""


class NfcTokenizer(RegexTokenizer):
    """`WORD_PATTERN` over NFC text, offsets into it (the text stored is NFC already)."""

    def __init__(self):
        super().__init__(WORD_PATTERN)

    def __call__(self, value, **kwargs):
        return super().__call__(unicodedata.normalize("NFC", value), **kwargs)


class ExactOrFoldedFilter(Filter):
    """Normalises each word: kept accented when it is one of `exact`, folded otherwise."""

    def __init__(self, exact: frozenset[str]):
        self.exact = exact

    def __call__(self, tokens):
        for token in tokens:
            exact = exact_word(normalise(token.text, folded=False))
            token.text = exact if exact in self.exact else _folded_word(exact)
            yield token


def snippet_analyzer(exact: frozenset[str]):
    """For snippets: accented query words match exactly, unaccented ones any accents.
    The words of `words()`, normalised one at a time so offsets stay in the text."""
    return NfcTokenizer() | ExactOrFoldedFilter(exact)


def fold(text: str) -> str:
    """What the folded analyzer makes of `text`, without splitting it into words."""
    return normalise(text, folded=True)


def build_schema() -> Schema:
    return Schema(
        url=ID(unique=True, stored=True),
        hash=ID(stored=True),
        kind=ID(stored=True),  # "article" or "page"
        title=SearchedText(stored=True),
        title_exact=ExactWords(),
        body=SearchedText(stored=True),  # the summary (unless the body has it) and the body
        body_exact=ExactWords(),
        # section, tags, author, editor, statistics unit and source: searched as one field
        meta=SearchedText(),
        pairs=COLUMN(VarBytesColumn()),  # pair_hashes() of title, body and meta
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
# The texts whose syllable pairs are indexed, and the pair fields.
PAIRED_FIELDS = ("title", "body", "meta")
PAIR_FIELD = "pairs"
