"""From a request's query string to a capped, parsed Whoosh query.

Everything a reader can type is accepted; nothing can make a query expensive: the
text is cut to MAX_QUERY_CHARS and MAX_QUERY_WORDS words, and the parser knows only
words, "quoted phrases", parentheses and AND/OR/NOT (no fields, wildcards, ranges,
boosts or `*:*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import unquote_to_bytes

from whoosh import qparser
from whoosh.query import And, AndMaybe, AndNot, Not, NullQuery, Or, Phrase, Query, Term

from .schema import EXACT_FIELDS, FIELD_BOOSTS, exact_word, fold, words
from .text import clean

PAGE_SIZE = 10
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24  # a long title is about 20 words; each word is one cached lookup
MAX_PAGE = 1000  # deeper pages are answered with a message, not searched
MAX_PARAMETERS = 20
MAX_FILTER_CHARS = 100
WORD = re.compile(r"\w+")
PUNCTUATION = re.compile(r'[^\w\s".()]+')
PAGE_SHAPE = re.compile(r"^[0-9]{1,9}$")  # ASCII digits: int() takes others too
YEAR_SHAPE = re.compile(r"^[0-9]{4}$")
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
UNPARSABLE = ("Không hiểu được từ khóa “{query}”: các toán tử AND, OR, NOT, ANDNOT cần "
              "có từ ở hai bên. Hãy bỏ bớt toán tử hoặc đặt cụm từ trong dấu ngoặc kép.")

DISABLED_SYNTAX = (
    qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin,
    qparser.BoostPlugin, qparser.EveryPlugin, qparser.SingleQuotePlugin,
)


class UnparsableQuery(ValueError):
    """Whoosh's parser failed on the text (e.g. two operators in a row); the message
    is for the reader, in Vietnamese."""

    def __init__(self, text: str):
        super().__init__(UNPARSABLE.format(query=text))


class BadRequest(ValueError):
    """A malformed parameter; the message is for the reader, in Vietnamese.

    `request` keeps what could be read (the query text), to show it back.
    """

    def __init__(self, message: str, request: SearchRequest | None = None):
        super().__init__(message)
        self.request = request or SearchRequest()


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""  # cleaned and capped query
    page: int = 1
    category: str = ""
    year: str = ""
    notices: tuple[str, ...] = ()  # what was done to the query, for the reader

    @property
    def has_words(self) -> bool:
        return WORD.search(self.text) is not None


def parse_request(query_string: str) -> SearchRequest:
    """The search parameters of a WSGI QUERY_STRING (a latin-1 str per PEP 3333)."""
    params = _parameters(query_string)
    text, notices = cap_query(params.get("q", ""))
    readable = SearchRequest(text=text, notices=notices)
    return SearchRequest(
        text=text,
        page=_page(params.get("page", ""), readable),
        category=clean(params.get("category", ""))[:MAX_FILTER_CHARS],
        year=_year(params.get("year", ""), readable),
        notices=notices,
    )


def _parameters(query_string: str) -> dict[str, str]:
    """The first value of each parameter, percent-escapes decoded as strict UTF-8."""
    fields = [field for field in query_string.split("&") if field]
    if len(fields) > MAX_PARAMETERS:
        raise BadRequest("Địa chỉ tìm kiếm có quá nhiều tham số.")
    params: dict[str, str] = {}
    try:
        for field in fields:
            key, _, value = field.partition("=")
            params.setdefault(_decode(key), _decode(value))
    except UnicodeError:
        raise BadRequest(
            "Địa chỉ tìm kiếm không hợp lệ: có ký tự không đúng mã UTF-8."
        ) from None
    return params


def _decode(text: str) -> str:
    # Raw bytes arrive as latin-1 characters (PEP 3333); escapes are decoded to bytes too.
    return unquote_to_bytes(text.replace("+", " ").encode("latin-1")).decode("utf-8")


def cap_query(raw: str) -> tuple[str, tuple[str, ...]]:
    """The query cleaned (NFC, no control characters) and cut to the caps."""
    text, notices = clean(raw), []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rstrip()
        notices.append(f"Từ khóa quá dài: chỉ dùng {MAX_QUERY_CHARS} ký tự đầu.")
    words = list(WORD.finditer(text))
    if len(words) > MAX_QUERY_WORDS:
        text = text[:words[MAX_QUERY_WORDS - 1].end()]
        notices.append(f"Từ khóa quá nhiều từ: chỉ dùng {MAX_QUERY_WORDS} từ đầu.")
    return text, tuple(notices)


def _page(value: str, readable: SearchRequest) -> int:
    value = value.strip()
    if not value:
        return 1
    if not PAGE_SHAPE.match(value) or int(value) < 1:
        raise BadRequest("Số trang không hợp lệ: cần một số nguyên dương, ví dụ page=2.",
                         readable)
    return int(value)


def _year(value: str, readable: SearchRequest) -> str:
    value = value.strip()
    if value and not YEAR_SHAPE.match(value):
        raise BadRequest("Năm không hợp lệ: cần bốn chữ số, ví dụ year=2024.", readable)
    return value


def make_parser(schema) -> qparser.QueryParser:
    """Words must all match (in any searched field); quoted phrases match as phrases."""
    parser = qparser.MultifieldParser(list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS,
                                      group=qparser.AndGroup)
    for plugin in DISABLED_SYNTAX:
        parser.remove_plugin_class(plugin)
    return parser


def parse_query(parser: qparser.QueryParser, text: str) -> Query | None:
    """The query for `text`, or None when nothing in it can match.

    Punctuation other than quotes, parentheses and dots (1.365) separates words, so
    "title:đảng" or "đảng/viên" are two words, each free to match any field.
    """
    try:
        query = parser.parse(PUNCTUATION.sub(" ", text))
    except Exception as error:  # Whoosh asserts on "a ANDNOT ANDNOT b"
        raise UnparsableQuery(text) from error
    return query if _bounded(query) else None


def _bounded(query: Query) -> bool:
    """True when every match must contain some word: "NOT x" alone would match everything."""
    # NullQuery is an instance of a private class (upstream/whoosh_names.py).
    if isinstance(query, type(NullQuery) | Not):
        return False
    if isinstance(query, AndNot | AndMaybe):
        return _bounded(query.a)
    if isinstance(query, And):
        return any(_bounded(child) for child in query.children())
    if isinstance(query, Or):
        return all(_bounded(child) for child in query.children())
    return True


def accented_words(text: str) -> list[str]:
    """Words typed with diacritics (or đ), in the exact fields' tone placement:
    'Đảng vien' -> ['đảng'], 'hoà' -> ['hòa']."""
    return [exact_word(word) for word in (w.lower() for w in WORD.findall(text))
            if fold(word) != word]


def query_words(text: str, folded: bool) -> list[str]:
    """The words of a query as the index has them, in order, operators left out."""
    typed = " ".join(word for word in PUNCTUATION.sub(" ", text).split()
                     if word not in OPERATORS)
    return words(typed, folded)


def query_pairs(text: str, folded: bool) -> list[str]:
    """The syllable pairs of a query's words, in order (as schema.pairs makes them)."""
    found = query_words(text, folded)
    return list(dict.fromkeys(map(" ".join, pairwise(found))))


def exact_match_query(query: Query, text: str) -> Query | None:
    """What a document matching `query` must also hold to have its accented words
    spelled as typed (None: nothing to check): "đăng OR phấn" -> "đăng" or "phấn" as
    typed; "đăng OR phan" -> "đăng" as typed, or "phan"; words under NOT say nothing."""
    exact: dict[str, list[str]] = {}  # "dang" -> ["đảng", "dạng"] when both were typed
    for word in dict.fromkeys(accented_words(text)):
        exact.setdefault(fold(word), []).append(word)
    spelled = _spelled(query, exact) if exact else None
    return spelled.normalize() if spelled is not None else None


def _spelled(query: Query, exact: dict[str, list[str]]) -> Query | None:
    """None where `query` holds no accented word: the match itself is all it takes."""
    if isinstance(query, AndNot | AndMaybe):
        return _spelled(query.a, exact)
    if isinstance(query, Term | Phrase) and query.fieldname in FIELD_BOOSTS:
        words = [query.text] if isinstance(query, Term) else query.words
        typed = [word for folded in words for word in exact.get(folded, ())]
        return And([Or([Term(field, word) for field in EXACT_FIELDS.values()])
                    for word in dict.fromkeys(typed)]) if typed else None
    if isinstance(query, And):
        parts = [_spelled(child, exact) for child in query.children()]
        parts = [part for part in parts if part is not None]
        return And(parts) if parts else None
    if isinstance(query, Or):
        parts = [_spelled(child, exact) for child in query.children()]
        if all(part is None for part in parts):
            return None
        # An alternative without accented words needs no spelling: matching it suffices.
        return Or([part if part is not None else child
                   for part, child in zip(parts, query.children(), strict=True)])
    return None
