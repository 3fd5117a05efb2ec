"""The common query, fast: words that must all appear (no phrase, OR or NOT).

Whoosh ranks such a query by stepping its matchers through every matching document,
in Python, on every request; a portal's common words ("đảng", "viên", "kết nạp")
match most articles, so at 10,000 articles one two-word query cost 150-300 ms. But
what a word adds to a document's BM25F score (the sum over the searched fields of
boost × bm25, as Whoosh's matchers add it up) depends only on the index, not on the
query. `WordScores` computes it once per index generation from Whoosh's own postings,
statistics and scoring function, and keeps the most used words; a query is then a set
intersection and one sum per match, both run by C loops (map, compress, zip). Anything
else is left to Whoosh's searcher.

A word is kept as the sorted docnums holding it and a dense array of its score in
every document (0.0 where absent): 8 bytes per indexed document plus 4 per posting,
80 KB for a common word of a 10,000-article portal.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import add, and_, neg, not_, or_

from whoosh.query import And, Or, Query, Term

from .schema import EXACT_FIELDS, FIELD_BOOSTS

# Bytes the kept words and filters may take, per searching process: a few hundred of
# the most used words of a 10,000-article portal.
BUDGET_BYTES = 64 * 2**20


def plain_words(query: Query) -> list[str] | None:
    """The folded words of a query that is only "all these words", else None.

    That is what the parser makes of words typed without quotes or operators: one Or
    per word over the searched fields with their boosts, the Ors in an And.
    """
    groups = query.children() if isinstance(query, And) else [query]
    words = [_word(group) for group in groups]
    return None if not words or None in words else words


def _word(group: Query) -> str | None:
    if not isinstance(group, Or):
        return None
    terms = list(group.children())
    if not all(isinstance(term, Term) for term in terms):
        return None
    if {(term.fieldname, term.boost) for term in terms} != set(FIELD_BOOSTS.items()):
        return None
    texts = {term.text for term in terms}
    return texts.pop() if len(texts) == 1 else None


@dataclass(frozen=True)
class Word:
    docs: array  # docnums holding the word, ascending ('l')
    scores: array  # per docnum, the score the word adds; 0.0 where absent ('d')

    @property
    def nbytes(self) -> int:
        return len(self.docs) * self.docs.itemsize + len(self.scores) * self.scores.itemsize


class WordScores:
    """Per-document BM25F scores of words, and flags of exact terms and filters, for
    one index generation (its searchers all see the same documents)."""

    def __init__(self, budget_bytes: int = BUDGET_BYTES):
        self.budget_bytes = budget_bytes
        self._kept: OrderedDict = OrderedDict()  # key -> Word or bytes (flags)
        self._size = 0
        self._norms: dict[str, list[float]] = {}
        self._dates: list | None = None
        self._lock = threading.Lock()

    def rank(self, searcher, words: Sequence[str], exact_words: Sequence[str],
             only: Iterable[tuple[str, str]], limit: int) -> tuple[int, list[int]]:
        """(number of matches, the best `limit` docnums) as Whoosh's sort would order
        them: documents with every accented word spelled exactly first, then by score,
        then newest first, then in index order."""
        found = sorted((self.word(searcher, word) for word in words), key=lambda w: len(w.docs))
        matches = found[0].docs
        for other in found[1:]:
            matches = list(compress(matches, map(other.scores.__getitem__, matches)))
        for field, text in only:
            matches = list(compress(matches, map(self.flags(searcher, field, text).__getitem__,
                                                 matches)))
        scores = [word.scores for word in found]
        dates = self.dates(searcher)
        if not exact_words:
            return len(matches), _best(scores, matches, dates, limit)
        exact = list(map(self.exact_flags(searcher, exact_words).__getitem__, matches))
        best = _best(scores, list(compress(matches, exact)), dates, limit)
        if len(best) < limit:
            others = list(compress(matches, map(not_, exact)))
            best += _best(scores, others, dates, limit - len(best))
        return len(matches), best

    def word(self, searcher, word: str) -> Word:
        """Where `word` appears and what it adds to each score (deleted documents left out)."""
        return self._get(("", word), lambda: self._word(searcher, word))

    def flags(self, searcher, field: str, text: str) -> bytes:
        """Per docnum, 1 if the document holds `text` in `field`, else 0."""
        def compute():
            flags = bytearray(searcher.doc_count_all())
            for doc in _postings(searcher, Term(field, text), lambda matcher: None):
                flags[doc] = 1
            return bytes(flags)
        return self._get((field, text), compute)

    def exact_flags(self, searcher, words: Sequence[str]) -> bytes:
        """Per docnum, 1 if the document holds every one of `words` as spelled (in its
        title or its body)."""
        combined = None
        for word in words:
            title, body = (self.flags(searcher, field, word) for field in EXACT_FIELDS.values())
            holding = bytes(map(or_, title, body))
            combined = holding if combined is None else bytes(map(and_, combined, holding))
        return combined

    def dates(self, searcher) -> list:
        """Each docnum's date as Whoosh sorts it: its sortable column's value, segment
        by segment (a segment of pages only has no date column: its documents get the
        column's default, as in Whoosh's sort; the whole index's column reader would
        leave them out and shift every docnum after them)."""
        with self._lock:
            if self._dates is None:
                dates = []
                for leaf, offset in searcher.leaf_searchers():
                    assert offset == len(dates)
                    dates.extend(leaf.reader().column_reader("date", translate=False))
                self._dates = dates
            return self._dates

    def _word(self, searcher, word: str) -> Word:
        """Whoosh's own figures: its scorer's idf, average length, B and K1, the
        field's boost, bm25() as whoosh.scoring writes it, with each document's
        length part computed once per generation (`_length_norms`)."""
        scores = array("d", bytes(8 * searcher.doc_count_all()))
        for field, boost in FIELD_BOOSTS.items():
            if not searcher.doc_frequency(field, word):
                continue
            scorer = searcher.weighting.scorer(searcher, field, word)
            idf, k1_plus_1 = scorer.idf, scorer.K1 + 1
            norms = self._length_norms(searcher, field, scorer)
            for doc, tf in _postings(searcher, Term(field, word), _weight):
                scores[doc] += idf * ((tf * k1_plus_1) / (tf + norms[doc])) * boost
        return Word(array("l", compress(range(len(scores)), scores)), scores)

    def _length_norms(self, searcher, field: str, scorer) -> list[float]:
        """Per docnum, bm25()'s `K1 * ((1 - B) + B * fl / avgfl)` for `field`."""
        with self._lock:
            norms = self._norms.get(field)
            if norms is None:
                k1, b, average = scorer.K1, scorer.B, scorer.avgfl
                norms = [k1 * ((1 - b) + b * 1 / average)] * searcher.doc_count_all()
                for leaf, offset in searcher.leaf_searchers():
                    reader = leaf.reader()
                    for doc in reader.all_doc_ids():
                        length = reader.doc_field_length(doc, field, 1)
                        if length is None:  # no length kept: no posting in it either
                            continue
                        norms[offset + doc] = k1 * ((1 - b) + b * length / average)
                self._norms[field] = norms
            return norms

    def _get(self, key, compute):
        with self._lock:
            value = self._kept.get(key)
            if value is not None:
                self._kept.move_to_end(key)
                return value
        value = compute()  # outside the lock: another thread may compute it too
        with self._lock:
            if key not in self._kept:
                self._kept[key] = value
                self._size += _nbytes(value)
                while self._size > self.budget_bytes and len(self._kept) > 1:
                    _, dropped = self._kept.popitem(last=False)
                    self._size -= _nbytes(dropped)
        return value


def _nbytes(value: Word | bytes) -> int:
    return value.nbytes if isinstance(value, Word) else len(value)


def _best(scores: list[array], docs: list[int], dates: list, limit: int) -> list[int]:
    """The `limit` docs with the highest summed score, newest first among equal scores.

    Sums and comparisons run in C (map, zip, tuple order): this is per match."""
    order = list(docs)
    sums = [0.0] * len(order)
    for word_scores in scores:
        sums = list(map(add, sums, map(word_scores.__getitem__, order)))
    keys = zip(sums, map(dates.__getitem__, order), map(neg, order), strict=True)
    ranked = heapq.nlargest(limit, keys)
    return [-negated for _, _, negated in ranked]


def _weight(matcher) -> float:
    return matcher.weight()


def _postings(searcher, term: Term, value):
    """(global docnum, value(matcher)) for each live document holding the term, from
    the matcher Whoosh itself would use (its scorer, the term's boost; deleted
    documents left out); bare docnums when `value` returns None."""
    for leaf, offset in searcher.leaf_searchers():
        matcher = term.matcher(leaf)
        ident, step, active = matcher.id, matcher.next, matcher.is_active
        while active():
            found = value(matcher)
            yield offset + ident() if found is None else (offset + ident(), found)
            step()
