"""Searching the built index: the current generation, pooled searchers, ranked and
highlighted results, spelling suggestions and a small cache of recent results.

The service never imports Pelican: everything it needs was written next to the index.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from whoosh import collectors, highlight, index, sorting
from whoosh.query import And, Query, Term

from .indexer import SITE_FILE, WHOOSH_DIR, check_generation, current_generation
from .query import (
    MAX_PAGE,
    PAGE_SIZE,
    WORD,
    SearchRequest,
    UnparsableQuery,
    accented_words,
    exact_match_query,
    make_parser,
    parse_query,
    query_pairs,
    query_words,
)
from .schema import (
    EXACT_FIELDS,
    VOCABULARY_FIELDS,
    exact_word,
    fold,
    snippet_analyzer,
    words,
)
from .word_scores import Ranked, WordScores, fast_query

logger = logging.getLogger(__name__)

SNIPPET_CHARS = 240
HIGHLIGHT_CHARS = 10_000  # matches further into a long text are not looked for
WINDOW_BEFORE, WINDOW_AFTER = 120, 600  # text highlighted around the first match
SUGGEST_BELOW = 3  # fewer results than this and a spelling suggestion is looked for
CACHE_SIZE = 1024
SUGGESTION_CANDIDATES = 10
OPEN_ATTEMPTS = 3
# Ranked documents beyond the page whose titles are compared with the query.
TITLE_MARGIN = 10
# Seconds one query may search: past it, what was found is shown with a note. (Speed
# is measured in bench/; this only bounds what one query can take from a worker.)
QUERY_SECONDS = 1.0
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}

EMPTY_QUERY = "Vui lòng nhập từ khóa cần tìm."
NO_RESULTS = "Không tìm thấy kết quả nào phù hợp với “{query}”."
PAGE_BEYOND = "Trang {page} không có kết quả: chỉ có {pages} trang kết quả."
UNKNOWN_SECTION = "Không có chuyên mục “{category}”."
PARTIAL = ("Tìm kiếm mất quá nhiều thời gian nên chỉ hiển thị các kết quả tìm được; "
           "hãy thêm từ khóa để thu hẹp phạm vi tìm kiếm.")


class IndexUnavailable(RuntimeError):
    """No index has been built (or it cannot be opened)."""


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class Hit:
    url: str  # relative to SITEURL
    title: str
    date: datetime | None  # naive Asia/Ho_Chi_Minh time
    category: str  # section name; empty for pages
    snippet: str  # HTML: escaped text, matched words in <mark>


@dataclass(frozen=True)
class SearchResult:
    query: str
    page: int
    total: int = 0
    pages: int = 0
    hits: tuple[Hit, ...] = ()
    suggestion: str | None = None
    message: str | None = None
    partial: bool = False  # the time budget ran out (not kept in the caches)


class MarkFormatter(highlight.Formatter):
    """Escapes everything; matched words (as written in the text) in <mark>."""

    between = " "

    # whoosh3's private hook for the text around matches (upstream/whoosh_names.py).
    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text, token, replace=False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace))}</mark>"

    def format_fragment(self, fragment, replace=False) -> str:
        # Fragments end at words: keep punctuation before the text's start or end too.
        if not WORD.search(fragment.text, 0, fragment.startchar):
            fragment.startchar = 0
        if not WORD.search(fragment.text, fragment.endchar):
            fragment.endchar = len(fragment.text)
        formatted = super().format_fragment(fragment, replace)
        before = "…" if fragment.startchar > 0 else ""
        after = "…" if fragment.endchar < len(fragment.text) else ""
        return before + formatted.strip() + after


FRAGMENTER = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=80,
                                        charlimit=HIGHLIGHT_CHARS)


class Snippets:
    """Snippets for one query: its accented words marked only where spelled the same,
    its unaccented words wherever they appear with any accents (all as written).

    Whoosh's highlighter analyses all the text it is given, ~5 ms for a long article,
    so it is given a window that starts just before the first word that could match
    (found by one regular expression over the folded text), and the whole text only
    when nothing matches in that window.
    """

    def __init__(self, text: str):
        self.text = text
        words = {exact_word(word.lower()) for word in WORD.findall(text)
                 if word not in OPERATORS}
        exact = frozenset(word for word in words if fold(word) != word)
        self.terms = exact | {word for word in words if word not in exact}
        self.analyzer = snippet_analyzer(exact)
        # Where a marked word may start: accented words as spelled (in lowercased
        # text), the others in any accents (in folded text).
        self.exact = _any_word(exact)
        self.folded = _any_word(self.terms - exact)

    def __call__(self, text: str, lead: str) -> str:
        text = text[:HIGHLIGHT_CHARS]
        start, end = self._window(text)
        marked = ""
        if end > start:
            marked = self._highlight(text[start:end])
            if marked and start > 0 and not marked.startswith("…"):
                marked = "…" + marked
            if marked and end < len(text) and not marked.endswith("…"):
                marked += "…"
        if not marked and (start, end) != (0, len(text)):
            marked = self._highlight(text)
        if not marked and self.exact:
            # Found through other accents only ("dạng" finding "Đảng"): mark those.
            return Snippets(fold(self.text))(text, lead)
        return marked or _lead(lead or text)

    def _window(self, text: str) -> tuple[int, int]:
        found = [match.start() for match in (
            self.exact and self.exact.search(text.lower()),
            self.folded and self.folded.search(fold(text))) if match]
        if not found:
            return 0, 0
        start = max(0, min(found) - WINDOW_BEFORE)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), min(found) + WINDOW_AFTER)
        cut = text.find(" ", end)
        return start, (cut if cut > 0 else len(text))

    def _highlight(self, text: str) -> str:
        return highlight.highlight(text, self.terms, self.analyzer, FRAGMENTER,
                                   MarkFormatter(), top=2, order=highlight.FIRST)


def _any_word(words) -> re.Pattern | None:
    alternatives = "|".join(sorted(re.escape(word) for word in words))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if alternatives else None


class Generation:
    """One built index generation: the Whoosh index, the site data and a searcher pool."""

    def __init__(self, path: Path):
        """Opens the generation once `check_generation` passed (InvalidGeneration else)."""
        self.path = path
        self.count = check_generation(path)
        self.site = json.loads((path / SITE_FILE).read_text(encoding="utf-8"))
        self.index = index.open_dir(str(path / WHOOSH_DIR))
        self.parser = make_parser(self.index.schema)
        self.sections = [Section(**section) for section in self.site.get("sections", [])]
        self._idle: list = []
        self._lock = threading.Lock()
        self._retired = False
        self._accent_forms: dict[str, str] | None = None
        self._accent_lock = threading.Lock()
        self.word_scores = WordScores()

    @contextmanager
    def searcher(self) -> Iterator:
        """A searcher for this thread's exclusive use, back to the pool afterwards."""
        with self._lock:
            searcher = self._idle.pop() if self._idle else None
        if searcher is None:
            searcher = self.index.searcher()
        try:
            yield searcher
        finally:
            with self._lock:
                keep = not self._retired
                if keep:
                    self._idle.append(searcher)
            if not keep:
                searcher.close()

    @property
    def retired(self) -> bool:
        return self._retired

    def retire(self) -> None:
        """A newer generation took over: close idle searchers, and busy ones when released."""
        with self._lock:
            self._retired, idle, self._idle = True, self._idle, []
        for searcher in idle:
            searcher.close()

    def revive(self) -> None:
        """Serving again (the newer generation failed): pool searchers again."""
        with self._lock:
            self._retired = False

    def section(self, value: str) -> Section | None:
        """The section named by its slug or its name (any case, with or without diacritics)."""
        wanted = fold(value.strip())
        for section in self.sections:
            if value == section.slug or wanted in (fold(section.name), section.slug):
                return section
        return None

    def accent_form(self, reader, folded: str) -> str:
        """The most frequent accented spelling of a folded word ('vien' -> 'viên')."""
        with self._accent_lock:
            if self._accent_forms is None:
                self._accent_forms = _accent_forms(reader, EXACT_FIELDS["body"])
        return self._accent_forms.get(folded, folded)


def _accent_forms(reader, field: str) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for text, info in reader.iter_field(field):
        word = text.decode("utf-8") if isinstance(text, bytes) else text
        key, frequency = fold(word), info.doc_frequency()
        if frequency > best.get(key, (0, ""))[0]:
            best[key] = (frequency, word)
    return {key: word for key, (_, word) in best.items()}


class RecentCache:
    """A small LRU of recent results; keys include the generation, so a swap invalidates.

    Concurrent requests for the same uncached key wait for the one computing it, so a
    burst of a popular query costs one search, not one per thread.
    """

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._computing: dict = {}  # key -> threading.Event
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get_or_compute(self, key, compute, keep=None):
        """The value for `key`, computed if needed (and kept unless `keep(value)` says
        not)."""
        while True:
            with self._lock:
                value = self._items.get(key)
                if value is not None:
                    self._items.move_to_end(key)
                    return value
                running = self._computing.get(key)
                if running is None:
                    running = self._computing[key] = threading.Event()
                    break
            running.wait()  # then look again (computed, or failed: compute here)
        try:
            value = compute()
            if keep is None or keep(value):
                self._put(key, value)
            return value
        finally:
            with self._lock:
                del self._computing[key]
            running.set()

    def _put(self, key, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class SearchEngine:
    """Searches whichever generation SEARCH_INDEX_DIR/current points at.

    The link is re-read at most every `check_interval` seconds; a new generation is
    opened once and shared, the old one retired (its open searchers keep working).
    """

    def __init__(self, index_dir: str | Path, check_interval: float = 1.0,
                 cache_size: int = CACHE_SIZE):
        self.index_dir = Path(index_dir)
        self.check_interval = check_interval
        self.cache = RecentCache(cache_size)
        self._generation: Generation | None = None
        self._previous: Generation | None = None  # the last good one before it
        self._failed: set[Path] = set()  # generations that failed: never adopted again
        self._next_check = 0.0
        self._lock = threading.Lock()

    def generation(self) -> Generation:
        current = self._generation
        if current is not None and time.monotonic() < self._next_check:
            return current
        with self._lock:
            self._refresh()
            if self._generation is None:
                raise IndexUnavailable(f"no search index in {self.index_dir}")
            return self._generation

    def _refresh(self) -> None:
        for _ in range(OPEN_ATTEMPTS):
            path = current_generation(self.index_dir)
            if (path is None or path in self._failed
                    or (self._generation and self._generation.path == path)):
                break
            try:
                fresh = Generation(path)
            except Exception as error:
                if current_generation(self.index_dir) != path:
                    continue  # swapped and removed while being opened: read the link again
                self._failed.add(path)
                logger.error("search index %s cannot be opened (%s); %s", path, error,
                             "still serving " + str(self._generation.path)
                             if self._generation else "no search until the next build")
                break
            old, self._generation, self._previous = self._generation, fresh, self._generation
            if old is not None:
                old.retire()
            break
        self._next_check = time.monotonic() + self.check_interval

    def _fall_back(self, failed: Generation, error: Exception) -> bool:
        """The current generation failed a search: serve the previous good one (True),
        if there is one; logged once."""
        with self._lock:
            if self._generation is not failed:
                return True  # another thread did it, or a newer generation took over
            self._failed.add(failed.path)
            previous, self._previous = self._previous, None
            logger.error("search index %s failed a search (%s: %s); %s", failed.path,
                         type(error).__name__, error,
                         f"serving {previous.path} again" if previous else "no search")
            self._generation = previous
            failed.retire()
            if previous is None:
                return False
            previous.revive()
            return True

    def search(self, request: SearchRequest) -> SearchResult:
        generation = self.generation()
        try:
            return self._cached_search(generation, request)
        except Exception as error:
            if not generation.retired:
                if not _damaged(generation):
                    raise  # this query's failure, not the index's: a 500, logged
                if not self._fall_back(generation, error):
                    raise IndexUnavailable(f"search index {generation.path} failed") from error
        # Swapped twice and removed while this request held it, or damaged: the newest
        # good one.
        return self._cached_search(self.generation(), request)

    def _cached_search(self, generation: Generation, request: SearchRequest) -> SearchResult:
        section = generation.section(request.category) if request.category else None
        key = (str(generation.path), request.text, section or request.category,
               request.year, request.page)
        return self.cache.get_or_compute(
            key, lambda: self._search(generation, request, section),
            keep=lambda result: not result.partial)

    def _search(self, generation: Generation, request: SearchRequest,
                section: Section | None) -> SearchResult:
        page = request.page
        if request.category and section is None:
            return SearchResult(request.text, page,
                                message=UNKNOWN_SECTION.format(category=request.category))
        try:
            query = parse_query(generation.parser, request.text) if request.has_words else None
        except UnparsableQuery as error:
            return SearchResult(request.text, page, message=str(error))
        if query is None:
            return SearchResult(request.text, page, message=EMPTY_QUERY)
        conditions = [Term("category", section.slug)] if section else []
        if request.year:
            conditions.append(Term("year", request.year))
        only = And(conditions) if conditions else None
        with generation.searcher() as searcher:
            limit = page * PAGE_SIZE if page <= MAX_PAGE else PAGE_SIZE
            found = _ranked(generation, searcher, query, request.text, conditions, limit,
                            time.monotonic() + QUERY_SECONDS)
            total, ranked = found.total, found.docs
            pages = math.ceil(total / PAGE_SIZE)
            hits = ()
            if page <= min(pages, MAX_PAGE):
                snippets = Snippets(request.text)
                hits = tuple(_hit(searcher.stored_fields(doc), snippets)
                             for doc in ranked[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])
            suggestion = None
            if total < SUGGEST_BELOW:
                suggestion = _suggestion(generation, searcher, request.text, only, total)
        message = None
        if total == 0:
            message = NO_RESULTS.format(query=request.text)
        elif page > pages:
            message = PAGE_BEYOND.format(page=page, pages=pages)
        if found.partial:
            message = f"{PARTIAL} {message}" if message else PARTIAL
        return SearchResult(request.text, page, total, pages, hits, suggestion, message,
                            found.partial)


def _damaged(generation: Generation) -> bool:
    """Whether the generation fails the check it passed when it was adopted."""
    try:
        check_generation(generation.path)
    except Exception:
        return True
    return False


_fast_path_failed = threading.Event()  # logged once per process


def _ranked(generation: Generation, searcher, query: Query, text: str,
            conditions: list[Term], limit: int, deadline: float | None = None) -> Ranked:
    """The matches and the first `limit` docnums in ranking order, a document whose
    title is the query first (`_title_first`)."""
    found = _ranked_by_score(generation, searcher, query, text, conditions,
                             limit + TITLE_MARGIN, deadline)
    return Ranked(found.total, _title_first(searcher, text, found.docs)[:limit], found.partial)


def _title_first(searcher, text: str, docs: list[int]) -> list[int]:
    """`docs` with those whose title has exactly the query's words, in order (accented
    ones spelled as typed, the others in any accents) moved to the front: a title typed
    whole finds its article first, before a longer title holding the same words."""
    typed = query_words(text, folded=False)
    if len(typed) < 2:
        return docs
    wanted = [(word, fold(word)) for word in typed]

    def is_query(title: str) -> bool:
        spelled = words(title, folded=False)
        return len(spelled) == len(wanted) and all(
            fold(word) == folded and (word == exact or exact == folded)
            for word, (exact, folded) in zip(spelled, wanted, strict=True))

    titled = [doc for doc in docs if is_query(searcher.stored_fields(doc).get("title", ""))]
    return titled + [doc for doc in docs if doc not in titled] if titled else docs


def _ranked_by_score(generation: Generation, searcher, query: Query, text: str,
                     conditions: list[Term], limit: int, deadline: float | None = None
                     ) -> Ranked:
    """Through the fast path (word_scores) where it applies, else (or if it raises)
    Whoosh's sorted search."""
    exact_words = accented_words(text)
    fast = fast_query(query, exact_words, query_pairs(text, folded=True),
                      query_pairs(text, folded=False))
    if fast is not None:
        only = [(condition.fieldname, condition.text) for condition in conditions]
        try:
            return generation.word_scores.rank(searcher, fast, only, limit, deadline)
        except Exception:
            if not _fast_path_failed.is_set():
                _fast_path_failed.set()
                logger.exception("search: the fast ranking path failed on %r; using "
                                 "Whoosh's search (logged once)", text)
    return whoosh_ranked(generation.word_scores, searcher, query, text, conditions, limit,
                         deadline)


def whoosh_ranked(word_scores: WordScores, searcher, query: Query, text: str,
                  conditions: list[Term], limit: int, deadline: float | None = None) -> Ranked:
    """Whoosh's own sorted search, in the same order as the fast path; stopped (partial)
    when it runs past `deadline`."""
    collector = searcher.collector(
        limit=limit, sortedby=_ranking(word_scores, searcher, query, text),
        filter=And(conditions) if conditions else None)
    timed = collector
    if deadline is not None:
        timed = collectors.TimeLimitCollector(
            collector, timelimit=max(0.001, deadline - time.monotonic()), use_alarm=False)
    partial = False
    try:
        searcher.search_with_collector(query, timed)
    except collectors.TimeLimit:
        partial = True
    results = timed.results()
    return Ranked(len(results), [hit.docnum for hit in results], partial)


def _ranking(word_scores: WordScores, searcher, query: Query, text: str
             ) -> sorting.MultiFacet:
    """The most syllable pairs as typed first and then the exact-diacritic matches (for
    accented queries), then the most pairs in any accents, then score, then newest."""
    facets = []
    exact = exact_match_query(query, text)
    if exact is not None:
        exact_pairs = query_pairs(text, folded=False)
        if exact_pairs:
            facets.append(_fewest_missing(word_scores, searcher, exact_pairs, exact=True))
        facets.append(sorting.QueryFacet({0: exact}, other=1))
    pairs = query_pairs(text, folded=True)
    if pairs:
        facets.append(_fewest_missing(word_scores, searcher, pairs))
    facets += [sorting.ScoreFacet(), sorting.FieldFacet("date", reverse=True)]
    return sorting.MultiFacet(facets)


def _fewest_missing(word_scores: WordScores, searcher, pairs, exact: bool = False
                    ) -> sorting.FacetType:
    counts = word_scores.pair_counts(searcher, pairs, exact=exact)
    return sorting.FunctionFacet(lambda _searcher, doc: -counts[doc])


def _hit(stored: dict, snippets: Snippets) -> Hit:
    return Hit(url=stored["url"], title=stored.get("title", ""), date=stored.get("date"),
               category=stored.get("section", ""),
               snippet=snippets(stored.get("body", ""), stored.get("summary", "")))


def _lead(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return html.escape(text)
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return html.escape(text[:cut if cut > 0 else SNIPPET_CHARS]) + "…"


def _suggestion(generation: Generation, searcher, text: str, only: Query | None,
                total: int) -> str | None:
    """The query with unknown words replaced by the closest known ones, if that finds more."""
    reader = searcher.reader()
    corrector = searcher.corrector("body")
    changed = False

    def correct(match) -> str:
        nonlocal changed
        word = match.group(0)
        folded = fold(word)
        if (word in OPERATORS or any(ch.isdigit() for ch in folded)
                or any(reader.doc_frequency(field, folded) for field in VOCABULARY_FIELDS)):
            return word
        # Whoosh ranks candidates by frequency only; rank swapped letters as one edit.
        maxdist = 2 if len(folded) >= 4 else 1
        found = corrector.suggest(folded, limit=SUGGESTION_CANDIDATES, maxdist=maxdist)
        if not found:
            return word
        changed = True
        closest = min(found, key=lambda candidate: typo_distance(folded, candidate))
        return generation.accent_form(reader, closest)

    suggested = WORD.sub(correct, text)
    if not changed:
        return None
    query = parse_query(generation.parser, suggested)
    if query is None:
        return None
    return suggested if _matches_more_than(searcher, And([query, only]) if only else query,
                                           total) else None


def _matches_more_than(searcher, query: Query, count: int) -> bool:
    """Stops at count + 1 matches (Query.docs would collect them all first)."""
    found = 0
    for leaf, _ in searcher.leaf_searchers():
        matcher = query.matcher(leaf)
        while matcher.is_active():
            found += 1
            if found > count:
                return True
            matcher.next()
    return False


def typo_distance(a: str, b: str) -> int:
    """Edits between two words, a swap of neighbouring letters counting as one."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]
