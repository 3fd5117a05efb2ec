"""whoosh3's internal names this project relies on (see the package's docstring).

search_index's register() (the build) and search_index.service.create_app (the search
service) call require().
"""

from __future__ import annotations

from . import USED, Name
from . import missing as _missing
from . import require as _require

POSTING_POOL = "plugins/search_index/posting_pool.py"
SEARCHING = "plugins/search_index/searching.py"
WORD_SCORES = "plugins/search_index/word_scores.py"
QUERY = "plugins/search_index/query.py"
SCHEMA = "plugins/search_index/schema.py"
POSTING_POOL_TESTS = "tests/search_index/test_posting_pool.py"

NAMES = (
    # Writing (posting_pool.InMemoryPoolWriter).
    Name("whoosh.writing:SegmentWriter.__init__", "pool",
         "the writer's posting pool, made in __init__ whatever poolclass says (3.54.0 "
         "ignores it, see patches/README.md); replaced after __init__ by InMemoryPostings, "
         "which has the add, iter_postings and cleanup the writer calls on it",
         (POSTING_POOL,), USED),
    Name("whoosh.writing:SegmentWriter.add_document", "index",
         "a field's postings come from field.index(value) as (term bytes, frequency, "
         "weight, encoded value) tuples", (SCHEMA,), USED),
    Name("whoosh.fields:FieldType", "index",
         "overridden by SearchedText and ExactWords (postings counted without the "
         "analyzer's tokens)", (SCHEMA,)),
    Name("whoosh.formats:Format.__init__", "field_boost",
         "the format's boost, which the index() overrides apply as Whoosh's does",
         (SCHEMA,), USED),
    Name("whoosh.formats:Positions", "encode",
         "encodes a posting's positions in SearchedText.index (TEXT's format)", (SCHEMA,)),
    Name("whoosh.index:FileIndex", "_segments",
         "the index's segments, counted by the tests of bounded segments",
         (POSTING_POOL_TESTS,)),
    # Snippets (searching.MarkFormatter).
    Name("whoosh.highlight:Formatter", "_text",
         "overridden: MarkFormatter escapes the text between and around matches",
         (SEARCHING,)),
    Name("whoosh.highlight:Formatter.format_fragment", "_text",
         "format_fragment passes that text through self._text (else it goes out "
         "unescaped)", (SEARCHING,), USED),
    # The fast ranking path (word_scores): Whoosh's own BM25F figures.
    Name("whoosh.searching:Searcher.__init__", "weighting",
         "the searcher's weighting model (BM25F), asked for a scorer per field and word",
         (WORD_SCORES,), USED),
    *(Name("whoosh.scoring:BM25FScorer.__init__", attribute,
           f"the scorer's {meaning}, read to compute bm25() per document", (WORD_SCORES,),
           USED)
      for attribute, meaning in (("idf", "inverse document frequency"),
                                 ("avgfl", "average field length"),
                                 ("B", "B parameter"), ("K1", "K1 parameter"))),
    Name("whoosh.scoring", "bm25", "the formula word_scores computes term by term",
         (WORD_SCORES,)),
    # Queries.
    Name("whoosh.query", "NullQuery",
         "an instance (of a private class): type(NullQuery) is what a query matching "
         "nothing is", (QUERY,)),
    Name("whoosh.query.compound:BinaryQuery.__init__", "a",
         "AndNot and AndMaybe keep their required side as .a", (QUERY,), USED),
)


def missing() -> list[Name]:
    return _missing(NAMES)


def require() -> None:
    _require(NAMES, "whoosh3", "whoosh3", __name__)
