"""The one home for the search schema and its analyzers, shared by indexer and service.

Words are defined once (`words()`): NFC, lowercase, runs of letters and digits. Titles
and bodies are indexed twice: folded (diacritics and đ removed) so "dang vien" finds
"Đảng viên", and exact (accents kept) so an accented query ranks exact-diacritic
matches first and spelling suggestions keep their accents. No stop words: Vietnamese
syllables such as "an" or "in" are words.

Exact words are compared in one tone placement (`exact_word`: "hoà" and "hòa", "uỷ"
and "ủy" are one word). Numbers written with thousands dots are indexed as written
and without the dots ("7.335" and "7335"). A Vietnamese word is several syllables,
so the syllable pairs of each text (`pairs`: "hồ chí minh" -> "ho chi", "chi minh")
are indexed too, folded and exact: a query ranks the documents holding its syllables
side by side first, and a quoted phrase finds its candidates through them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from itertools import pairwise

from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer
from whoosh.fields import DATETIME, ID, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.support.charset import accent_map

# Bump when fields or analyzers change: the next build then reindexes everything.
SCHEMA_VERSION = 4

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
    found = WORD_PATTERN.findall(normalise(text, folded=False))
    return list(map(_folded_word if folded else exact_word, found))


DOTTED_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)+")


def number_variant(word: str) -> str | None:
    """"7.335" -> "7335": the other way readers type a number (None for other words)."""
    return word.replace(".", "") if DOTTED_NUMBER.fullmatch(word) else None


# Separates the texts given to a pair field as one value: no pair spans two of them
# (clean() leaves no control character in a text).
TEXT_SEPARATOR = "\x1f"


def pairs(text: str, folded: bool) -> list[str]:
    """The syllable pairs of `text`, in order: "Hồ Chí Minh" -> ["ho chi", "chi minh"]."""
    found = []
    for part in text.split(TEXT_SEPARATOR):
        syllables = words(part, folded)
        found += map(" ".join, pairwise(syllables))
    return found


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


class SyllablePairs(FieldType):
    """Which syllable pairs a document holds (`pairs()`), folded or exact: not scored,
    no positions. The value is its texts joined by TEXT_SEPARATOR."""

    def __init__(self, folded: bool):
        super().__init__(Existence(), WordTokenizer(folded=folded), scorable=False)
        self.folded = folded

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        for pair in dict.fromkeys(pairs(value, self.folded)):
            yield pair.encode("utf-8"), 1, 1.0, b""


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
        pairs=SyllablePairs(folded=True),  # of title, body and meta
        pairs_exact=SyllablePairs(folded=False),
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
PAIR_FIELD, EXACT_PAIR_FIELD = "pairs", "pairs_exact"
