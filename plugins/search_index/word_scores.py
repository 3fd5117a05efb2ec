"""The common query, fast: words and quoted phrases that must all appear (no OR or NOT).

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

Adjacency: the syllable pairs of a multi-syllable query ("ho chi minh": "ho chi",
"chi minh") are looked up, for the matching documents only, in each document's sorted
pair hashes (schema.pair_hashes, read once per generation: about 2 KB a document);
documents holding more of them rank first, those holding them as typed (for an
accented query: the pair, and both its words spelled as typed in the document) before
those holding them in other accents. A quoted phrase's candidates are the documents
holding all its pairs; a phrase of three words or more (or with a number, whose other
form has no pair) is then checked against the positions of its words in those
candidates only. A phrase is scored as its words are.
"""

from __future__ import annotations

import heapq
import threading
import time
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, pairwise
from operator import add, and_, neg, or_

from whoosh.query import And, Or, Phrase, Query, Term

from .schema import EXACT_FIELDS, FIELD_BOOSTS, PAIR_FIELD, PAIR_TYPECODE, fold, pair_hash

# Bytes the kept words and filters may take, per searching process: a few hundred of
# the most used words of a 10,000-article portal.
BUDGET_BYTES = 64 * 2**20
# Candidates of a phrase of three words or more checked by position beyond the page.
PHRASE_MARGIN = 10


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
class FastQuery:
    """What the fast path needs of a query: its folded words (each scored), its quoted
    phrases (words that must stand side by side), the accented words that must be
    spelled as typed to rank first, and the syllable pairs to rank by."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    exact_words: tuple[str, ...] = ()
    pairs: tuple[str, ...] = ()
    exact_pairs: tuple[str, ...] = ()  # only for an accented query


def fast_query(query: Query, exact_words: Sequence[str] = (), pairs: Sequence[str] = (),
               exact_pairs: Sequence[str] = ()) -> FastQuery | None:
    """The FastQuery of an "all these words and phrases" query, else None."""
    groups = query.children() if isinstance(query, And) else [query]
    words: list[str] = []
    phrases = []
    for group in groups:
        word = _word(group)
        if word is not None:
            words.append(word)
            continue
        phrase = _phrase(group)
        if phrase is None:
            return None
        words += phrase
        phrases.append(phrase)
    if not words:
        return None
    # Every match holds its phrases' pairs: they would not change the order.
    required = {pair for phrase in phrases for pair in _phrase_pairs(phrase)}
    return FastQuery(tuple(words), tuple(phrases), tuple(exact_words),
                     tuple(pair for pair in pairs if pair not in required),
                     tuple(exact_pairs) if exact_words else ())


def _phrase(group: Query) -> tuple[str, ...] | None:
    """The words of a quoted phrase as the parser makes it: one Phrase per searched field
    with its boost, the same words, no slop."""
    if not isinstance(group, Or):
        return None
    phrases = list(group.children())
    if not all(isinstance(phrase, Phrase) and phrase.slop == 1 for phrase in phrases):
        return None
    if {(phrase.fieldname, phrase.boost) for phrase in phrases} != set(FIELD_BOOSTS.items()):
        return None
    texts = {tuple(phrase.words) for phrase in phrases}
    return texts.pop() if len(texts) == 1 else None


@dataclass(frozen=True)
class Ranked:
    total: int  # matches
    docs: list[int]  # the best docnums, in ranking order
    partial: bool = False  # the time budget ran out: some matches may be missing


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
        self._pairs: list[array] | None = None
        self._lock = threading.Lock()

    def rank(self, searcher, query: FastQuery, only: Iterable[tuple[str, str]], limit: int,
             deadline: float | None = None) -> Ranked:
        """The matches and the best `limit` docnums as Whoosh's sort with
        searching._ranking would order them: the most exact pairs first (accented
        queries), then documents with every accented word spelled exactly, then the
        most folded pairs, then by score, newest first, in index order.

        Past `deadline` (time.monotonic()) phrase checks stop: the result is partial."""
        found = sorted((self.word(searcher, word) for word in query.words),
                       key=lambda w: len(w.docs))
        matches = found[0].docs
        for other in found[1:]:
            matches = list(compress(matches, map(other.scores.__getitem__, matches)))
        for field, text in only:
            matches = self._holding(searcher, field, text, matches)
        for phrase in query.phrases:
            flags = self.phrase_candidates(searcher, phrase)
            matches = list(compress(matches, map(flags.__getitem__, matches)))
        leading = []
        held: dict[str, list[int]] = {}  # folded pair -> holding flags of `matches`
        if query.exact_words:
            if query.exact_pairs:
                leading.append(self.pair_counts(searcher, query.exact_pairs, matches,
                                                exact=True, held=held))
            leading.append(list(map(self.exact_flags(searcher, query.exact_words).__getitem__,
                                    matches)))
        if query.pairs:
            leading.append(self.pair_counts(searcher, query.pairs, matches, held=held))
        scores = [word.scores for word in found]
        dates = self.dates(searcher)
        checks = [phrase for phrase in query.phrases if _needs_positions(phrase)]
        if not checks:
            return Ranked(len(matches), _best(leading, scores, matches, dates, limit))
        # Candidates holding a phrase's pairs are checked against its words' positions
        # in ranking order, as many as the page needs: the total counts the candidates
        # not (yet) found wanting.
        good: set[int] = set()
        bad: set[int] = set()
        wanted, partial = limit + PHRASE_MARGIN, False
        while True:
            best = _best(leading, scores, matches, dates, wanted)
            unchecked = sorted(doc for doc in best if doc not in good and doc not in bad)
            kept = unchecked
            for phrase in checks:
                kept, stopped = _with_phrase(searcher, phrase, kept, deadline)
                partial = partial or stopped
            good.update(kept)
            bad.update(set(unchecked) - good)
            shown = [doc for doc in best if doc in good]
            if len(shown) >= limit or wanted >= len(matches) or partial:
                return Ranked(len(matches) - len(bad), shown[:limit], partial)
            wanted *= 4

    def _holding(self, searcher, field: str, text: str, docs: list[int]) -> list[int]:
        return list(compress(docs, map(self.flags(searcher, field, text).__getitem__, docs)))

    def phrase_candidates(self, searcher, phrase: Sequence[str]) -> bytes:
        """Per docnum, 1 if the document holds the phrase's words and its pairs (all it
        takes for two words; longer phrases are then checked by position), computed
        once per generation."""
        def compute():
            found = sorted((self.word(searcher, word) for word in phrase),
                           key=lambda w: len(w.docs))
            docs = list(found[0].docs)
            for other in found[1:]:
                docs = list(compress(docs, map(other.scores.__getitem__, docs)))
            for pair in _phrase_pairs(phrase):
                docs = list(compress(docs, self.holding_pair(searcher, pair, docs)))
            flags = bytearray(searcher.doc_count_all())
            for doc in docs:
                flags[doc] = 1
            return bytes(flags)
        return self._get(("phrase", tuple(phrase)), compute)

    def pair_counts(self, searcher, pairs: Sequence[str], docs: Sequence[int] | None = None,
                    exact: bool = False, held: dict | None = None) -> list[int]:
        """Per doc of `docs` (default: every docnum), how many of `pairs` it holds:
        folded pairs, or (`exact`) pairs as typed, whose words the document must also
        hold as spelled. `held` keeps the folded pairs' flags between calls."""
        docs = range(searcher.doc_count_all()) if docs is None else docs
        held = {} if held is None else held
        counts = [0] * len(docs)
        for pair in pairs:
            folded = fold(pair)
            if folded not in held:
                held[folded] = self.holding_pair(searcher, folded, docs)
            held_here = held[folded]
            if exact:
                for word in pair.split(" "):
                    held_here = list(map(and_, held_here, map(
                        self.exact_flags(searcher, [word]).__getitem__, docs)))
            counts = list(map(add, counts, held_here))
        return counts

    def holding_pair(self, searcher, pair: str, docs: Sequence[int]) -> list[int]:
        """Per doc of `docs`, 1 if it holds the folded `pair` (its syllables side by side
        in its title, body or meta), else 0."""
        sets = self.pair_sets(searcher)
        if len(docs) * 4 > len(sets):  # most documents: look it up in all, once
            flags = self._get(("pair", pair), lambda: bytes(_holding(sets, pair_hash(pair))))
            return list(map(flags.__getitem__, docs))
        return _holding(map(sets.__getitem__, docs), pair_hash(pair))

    def pair_sets(self, searcher) -> list[array]:
        """Each docnum's sorted pair hashes, segment by segment (as `dates`)."""
        with self._lock:
            if self._pairs is None:
                found: list[array] = []
                for leaf, offset in searcher.leaf_searchers():
                    assert offset == len(found)
                    reader = leaf.reader()
                    count = reader.doc_count_all()
                    if not reader.has_column(PAIR_FIELD):
                        found += [array(PAIR_TYPECODE)] * count
                        continue
                    column = reader.column_reader(PAIR_FIELD)
                    found += [array(PAIR_TYPECODE, column[doc]) for doc in range(count)]
                self._pairs = found
            return self._pairs

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
            holding = self._get(("exact", word), lambda word=word: self._spelled(searcher, word))
            combined = holding if combined is None else bytes(map(and_, combined, holding))
        return combined

    def _spelled(self, searcher, word: str) -> bytes:
        title, body = (self.flags(searcher, field, word) for field in EXACT_FIELDS.values())
        return bytes(map(or_, title, body))

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
            # The scorer's idf, K1, B, avgfl: whoosh3 internals (upstream/whoosh_names.py).
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


def _best(leading: list[list[int]], scores: list[array], docs: list[int], dates: list,
          limit: int) -> list[int]:
    """The `limit` docs with the highest leading keys (one value per doc of `docs`
    each), then summed score, newest first among equals.

    Sums and comparisons run in C (map, zip, tuple order): this is per match."""
    order = list(docs)
    sums = [0.0] * len(order)
    for word_scores in scores:
        sums = list(map(add, sums, map(word_scores.__getitem__, order)))
    keys = zip(*leading, sums, map(dates.__getitem__, order), map(neg, order), strict=True)
    ranked = heapq.nlargest(limit, keys)
    return [-key[-1] for key in ranked]


def _holding(sets: Iterable[array], wanted: int) -> list[int]:
    """Per array of sorted hashes, 1 if it holds `wanted`, else 0."""
    return [1 if (at := bisect_left(hashes, wanted)) < len(hashes) and hashes[at] == wanted
            else 0 for hashes in sets]


def _phrase_pairs(phrase: Sequence[str]) -> list[str]:
    """The pairs a document holding `phrase` must hold (words with digits left out:
    "7335" may stand as "7.335", and pairs are indexed as written)."""
    return [f"{a} {b}" for a, b in pairwise(phrase)
            if not any(ch.isdigit() for ch in a + b)]


def _needs_positions(phrase: Sequence[str]) -> bool:
    """Holding its pairs is not enough: three words or more ("a b" and "b c" may stand
    apart), or a pair left unchecked."""
    return len(phrase) > 2 or len(_phrase_pairs(phrase)) < len(phrase) - 1


def _with_phrase(searcher, phrase: Sequence[str], docs: list[int],
                 deadline: float | None) -> tuple[list[int], bool]:
    """The docs of `docs` (ascending) holding `phrase`, its words at consecutive
    positions in one searched field; True when the deadline stopped the check."""
    kept: list[int] = []
    leaves = list(searcher.leaf_searchers())
    ends = [offset for _, offset in leaves[1:]] + [searcher.doc_count_all()]
    position = 0
    for (leaf, offset), end in zip(leaves, ends, strict=True):
        local = []
        while position < len(docs) and docs[position] < end:
            local.append(docs[position] - offset)
            position += 1
        if not local:
            continue
        matchers = [[Term(field, word).matcher(leaf) for word in phrase] for field in FIELD_BOOSTS]
        for number, doc in enumerate(local):
            if deadline is not None and number % 64 == 0 and time.monotonic() > deadline:
                return kept, True
            if any(_phrase_at(field_matchers, doc) for field_matchers in matchers):
                kept.append(offset + doc)
    return kept, False


def _phrase_at(matchers: list, doc: int) -> bool:
    """Whether the words (one matcher each, moving forward only) stand in a row in doc."""
    found = []
    for matcher in matchers:
        if not matcher.is_active():
            return False
        if matcher.id() < doc:
            matcher.skip_to(doc)
            if not matcher.is_active():
                return False
        if matcher.id() != doc:
            return False
        found.append(matcher.value_as("positions"))
    starts = set(found[0])
    for shift, positions in enumerate(found[1:], 1):
        starts &= {position - shift for position in positions}
        if not starts:
            return False
    return True


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
