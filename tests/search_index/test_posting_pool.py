"""The in-memory pool writes the index Whoosh's own pool writes, posting for posting."""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from search_index import indexer
from search_index.indexer import SearchDocument
from search_index.posting_pool import InMemoryPoolWriter, InMemoryPostings
from search_index.schema import build_schema
from whoosh import index
from whoosh.writing import SegmentWriter

pytestmark = pytest.mark.unit

TEXT = ("đảng viên kết nạp chi bộ phát triển quần chúng ưu tú bồi dưỡng nhận thức "
        "công an tỉnh hải dương đại hội nhiệm kỳ 1.365 đăng ký dạng đang")


def documents(count: int, seed: int) -> list[dict]:
    rng, syllables = random.Random(seed), TEXT.split()
    made = []
    for number in range(count):
        document = SearchDocument(
            url=f"tin/bai-{seed}-{number}.html",
            title=" ".join(rng.choices(syllables, k=6)),
            body_html="".join(f"<p>{' '.join(rng.choices(syllables, k=40))}</p>"
                              for _ in range(3)),
            section="Tin tức", category="tin-tuc", tags=("kết nạp",), authors=("Phòng PX01",),
            editor="Loan Trần, phòng HCTH", date=datetime(2020 + number % 5, 1, 1 + number % 28))
        made.append(document.index_fields(document.content_hash()))
    return made


def write(folder, writer_class, batches: list[list[dict]], deletions: list[str]) -> list:
    """Each batch a commit (Whoosh's default merge policy), deletions before the last
    one, which merges every segment into one (postings re-added from readers)."""
    ix = index.create_in(folder, build_schema())
    segments = []
    for number, batch in enumerate(batches):
        last = number == len(batches) - 1
        writer = writer_class(ix)
        if last:
            for url in deletions:
                writer.delete_by_term("url", url)
        for fields in batch:
            writer.add_document(**fields)
        writer.commit(optimize=last)
        segments.append([segment.doc_count() for segment in ix.refresh()._segments()])
    return segments


def postings(folder) -> dict:
    """Every posting and stored document of the index, keyed by the document's URL."""
    ix = index.open_dir(folder)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        url = {doc: stored["url"] for doc, stored in reader.iter_docs()}
        found = {}
        for field, text in reader.all_terms():
            matcher = reader.postings(field, text)
            found[field, text] = sorted(
                (url[doc], weight, value) for doc, weight, value in _each(matcher))
        lengths = {(url[doc], field): reader.doc_field_length(doc, field)
                   for doc in url for field in ("title", "body", "meta")}
        return {"postings": found, "lengths": lengths,
                "stored": sorted(map(str, (s for _, s in reader.iter_docs())))}


def _each(matcher):
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()


def test_same_postings_as_whoosh_pool_over_commits_merges_and_deletions(tmp_path):
    batches = [documents(40, 1), documents(1, 2), documents(1, 3), documents(25, 4)]
    deletions = ["tin/bai-1-0.html", "tin/bai-1-7.html", "tin/bai-2-0.html"]
    segments = {}
    for name, writer in (("whoosh", SegmentWriter), ("memory", InMemoryPoolWriter)):
        (tmp_path / name).mkdir()
        segments[name] = write(tmp_path / name, writer, batches, deletions)
    # The last commit merged every segment (3 documents deleted) through the pool.
    assert segments["memory"] == segments["whoosh"] == [[40], [40, 1], [40, 1, 1], [64]]
    expected, got = postings(tmp_path / "whoosh"), postings(tmp_path / "memory")
    assert len(expected["postings"]) > 100
    assert got == expected


def test_postings_come_out_sorted_even_if_added_out_of_order():
    pool = InMemoryPostings()
    for item in [("b", b"x", 3, 1.0, b""), ("a", b"y", 5, 2.0, b"v"), ("b", b"x", 1, 1.5, b""),
                 ("a", b"y", 2, 1.0, b"w"), ("a", b"x", 9, 1.0, b"")]:
        pool.add(item)
    assert list(pool.iter_postings()) == [
        ("a", b"x", 9, 1.0, b""), ("a", b"y", 2, 1.0, b"w"), ("a", b"y", 5, 2.0, b"v"),
        ("b", b"x", 1, 1.5, b""), ("b", b"x", 3, 1.0, b"")]
    assert pool.fieldnames == {"a", "b"}


def test_a_large_build_is_written_in_bounded_segments(tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "DOCUMENTS_PER_SEGMENT", 10)
    made = [SearchDocument(url=f"tin/{n}.html", title=f"Bài {n} đảng viên",
                           body_html=f"<p>Nội dung {n}</p>") for n in range(25)]
    stats = indexer.update_index(tmp_path / "index", made)
    assert stats.analysed == 25
    ix = index.open_dir(indexer.current_generation(tmp_path / "index") / indexer.WHOOSH_DIR)
    assert sorted(segment.doc_count_all() for segment in ix._segments()) == [5, 10, 10]
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 25
