"""The fast path for word and phrase queries ranks exactly as Whoosh's own sorted
search (adjacent syllable pairs first, then exact spellings, score, date).

The index is built by the indexer (no Pelican) from documents drawn from a small
vocabulary, so most queries match many documents with equal dates and close scores;
an incremental update leaves several segments and deleted documents behind.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from search_index.indexer import SearchDocument, update_index
from search_index.query import accented_words, make_parser, parse_query, query_pairs
from search_index.searching import SearchEngine, whoosh_ranked
from search_index.word_scores import WordScores, fast_query
from whoosh.query import Term

pytestmark = pytest.mark.unit

WORDS = ["đảng", "viên", "kết", "nạp", "đăng", "ký", "dạng", "chi", "bộ", "công",
         "an", "tỉnh", "học", "tập", "phát", "triển", "quần", "chúng", "ưu", "tú"]
SECTIONS = [("Tin tức", "tin-tuc"), ("Xây dựng Đảng", "xay-dung-dang")]


def documents(seed: int, count: int = 120) -> list[SearchDocument]:
    rng = random.Random(seed)
    found = []
    for n in range(count):
        section, slug = SECTIONS[n % 2]
        body = " ".join(rng.choices(WORDS, k=rng.randint(5, 60)))
        found.append(SearchDocument(
            url=f"{slug}/bai-{n}.html", title=" ".join(rng.choices(WORDS, k=rng.randint(2, 6))),
            body_html=f"<p>{body}</p>", section=section, category=slug,
            tags=rng.sample(WORDS, 2), date=datetime(2020 + n % 5, 1 + n % 12, 1 + n % 3)))
    found.append(SearchDocument(url="gioi-thieu.html", title="Giới thiệu đảng bộ",
                                body_html="<p>Đảng bộ công an tỉnh.</p>", kind="page"))
    return found


def pages(count: int) -> list[SearchDocument]:
    """Pages have no date: a segment of pages only has no date column at all."""
    return [SearchDocument(url=f"trang-{n}.html", title=f"Trang {n} đảng viên",
                           body_html=f"<p>Chi bộ {n} học tập công an tỉnh.</p>", kind="page")
            for n in range(count)]


@pytest.fixture(scope="module", params=["edits", "dateless-segment"])
def index_dir(tmp_path_factory, request):
    path = tmp_path_factory.mktemp("word-scores")
    update_index(path, documents(1))
    changed = documents(1)
    for n in range(0, 120, 7):  # edited articles: deleted from old segments, added anew
        changed[n] = documents(100 + n)[n]
    if request.param == "dateless-segment":  # ... with a segment of pages between
        update_index(path, documents(1) + pages(12))
        changed += pages(12)
    update_index(path, changed[:-3])
    return path


def queries() -> list[tuple[str, list[Term]]]:
    rng = random.Random(5)
    found = [(word, []) for word in WORDS]
    for _ in range(60):
        words = rng.sample(WORDS, rng.randint(2, 3))
        if rng.random() < 0.5:
            words = [w.translate(str.maketrans("đảạăậếịụốừướọ", "daaaaeiuouuoo")) for w in words]
        if rng.random() < 0.25:  # a quoted phrase of two or three of them
            words = ['"' + " ".join(words) + '"']
        conditions = []
        if rng.random() < 0.3:
            conditions.append(Term("category", rng.choice(SECTIONS)[1]))
        if rng.random() < 0.2:
            conditions.append(Term("year", str(rng.randint(2020, 2024))))
        found.append((" ".join(words), conditions))
    return found


def test_the_index_has_segments_and_deletions(index_dir):
    generation = SearchEngine(index_dir).generation()
    with generation.searcher() as searcher:
        leaves = [leaf.reader() for leaf, _ in searcher.leaf_searchers()]
        assert len(leaves) > 1
        assert searcher.reader().has_deletions()
        if "dateless" in index_dir.name:
            assert [leaf.has_column("date") for leaf in leaves] == [True, False, True]


@pytest.mark.parametrize("limit", [10, 40])
def test_ranking_and_counts_equal_whooshs_sorted_search(index_dir, limit):
    generation = SearchEngine(index_dir).generation()
    parser = make_parser(generation.index.schema)
    scores = WordScores()
    compared = phrases = 0
    with generation.searcher() as searcher:
        for text, conditions in queries():
            query = parse_query(parser, text)
            fast = fast_query(query, accented_words(text), query_pairs(text, folded=True),
                              query_pairs(text, folded=False))
            assert fast, text
            only = [(term.fieldname, term.text) for term in conditions]
            if fast.phrases:  # a phrase is scored as its words: the same matches
                expected = whoosh_ranked(WordScores(), searcher, query, text, conditions, 10**4)
                found = scores.rank(searcher, fast, only, 10**4)
                found_all = found.docs
                assert sorted(found.docs) == sorted(expected.docs), text
                assert found.total == expected.total, text
            expected = whoosh_ranked(WordScores(), searcher, query, text, conditions, limit)
            found = scores.rank(searcher, fast, only, limit)
            if not fast.phrases:  # (a long phrase's total counts candidates not yet checked)
                assert found.total == expected.total, text
                assert found.docs == expected.docs, text
            else:
                assert found.total >= expected.total, text
                assert set(found.docs) <= set(found_all), text
            compared += found.total > 1
            phrases += bool(fast.phrases) and found.total > 0
    assert compared > 40  # most queries rank several documents
    assert phrases > 3


def test_scores_are_whooshs_scores(index_dir):
    generation = SearchEngine(index_dir).generation()
    parser = make_parser(generation.index.schema)
    with generation.searcher() as searcher:
        query = parse_query(parser, "dang vien")
        results = searcher.search(query, limit=None)
        scores = WordScores()
        summed = [scores.word(searcher, "dang").scores[hit.docnum]
                  + scores.word(searcher, "vien").scores[hit.docnum] for hit in results]
        assert summed == pytest.approx([hit.score for hit in results], rel=1e-12)


@pytest.mark.parametrize("text", ["đảng OR viên", "đảng NOT viên", '"đảng viên" OR chi'])
def test_other_queries_are_left_to_whoosh(index_dir, text):
    parser = make_parser(SearchEngine(index_dir).generation().index.schema)
    assert fast_query(parse_query(parser, text)) is None


def test_words_and_phrases_take_the_fast_path(index_dir):
    parser = make_parser(SearchEngine(index_dir).generation().index.schema)
    fast = fast_query(parse_query(parser, '"đảng viên" chi bộ'))
    assert fast.words == ("dang", "vien", "chi", "bo")
    assert fast.phrases == (("dang", "vien"),)


def test_forgotten_words_are_computed_again(index_dir):
    generation = SearchEngine(index_dir).generation()
    with generation.searcher() as searcher:
        small = WordScores(budget_bytes=1)
        first = small.word(searcher, "dang")
        small.word(searcher, "vien")
        again = small.word(searcher, "dang")
        assert again is not first and list(again.scores) == list(first.scores)


def test_a_group_of_plain_words_is_the_same_words(index_dir):
    """Whoosh's parser flattens "(đảng viên)" into its words: the fast path, as without
    the brackets (one answer, not either)."""
    parser = make_parser(SearchEngine(index_dir).generation().index.schema)
    grouped = fast_query(parse_query(parser, "(đảng viên)"))
    assert grouped == fast_query(parse_query(parser, "đảng viên"))
    assert grouped.words == ("dang", "vien") and grouped.phrases == ()
