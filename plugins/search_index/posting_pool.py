"""A Whoosh segment writer that keeps its postings in memory, in arrays.

Whoosh's own pool pickles every posting into temporary run files once it holds
`limitmb` of them, then unpickles and heap-merges them all to write the segment: at
10,000 articles (about 5 million postings) that was half of the index's 120 CPU
seconds, and with a larger `limitmb` the pool's tuples took over 1 GB. Here each
term keeps its documents, weights and encoded values in arrays (about 20 bytes a
posting, plus the value of a positional one), and the segment is written by walking
the terms in order: no pickling, no merge.

The indexer bounds the memory by writing at most `DOCUMENTS_PER_SEGMENT` documents
per writer (indexer.py).
"""

from __future__ import annotations

from array import array

from whoosh.writing import SegmentWriter


class InMemoryPostings:
    """The pool interface SegmentWriter uses: `add`, `iter_postings`, `cleanup`."""

    def __init__(self):
        self.fieldnames: set[str] = set()
        # (field name, term bytes) -> (docnums, weights, encoded values)
        self._terms: dict[tuple[str, bytes], tuple[array, array, list]] = {}
        self._unsorted: set[tuple[str, bytes]] = set()

    def add(self, item) -> None:
        fieldname, text, docnum, weight, value = item
        key = (fieldname, text)
        entry = self._terms.get(key)
        if entry is None:
            self.fieldnames.add(fieldname)
            entry = self._terms[key] = (array("q"), array("d"), [])
        docs, weights, values = entry
        if docs and docnum < docs[-1]:  # never seen: documents come in docnum order
            self._unsorted.add(key)
        docs.append(docnum)
        weights.append(weight)
        values.append(value)

    def iter_postings(self):
        """(field name, term, docnum, weight, value), sorted as the codec needs them."""
        for key in sorted(self._terms):
            fieldname, text = key
            docs, weights, values = self._terms[key]
            order = range(len(docs))
            if key in self._unsorted:
                order = sorted(order, key=docs.__getitem__)
            for i in order:
                yield fieldname, text, docs[i], weights[i], values[i]

    def save(self) -> None:
        """Nothing to spill: the indexer bounds what one writer holds."""

    def cleanup(self) -> None:
        self._terms.clear()
        self._unsorted.clear()


class InMemoryPoolWriter(SegmentWriter):
    """Whoosh's SegmentWriter with `InMemoryPostings` as its pool."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        # whoosh3's internal attribute (poolclass is ignored): upstream/whoosh_names.py.
        self.pool = InMemoryPostings()
