"""Query sets drawn from the corpus vocabulary, deterministic for a seed."""

from __future__ import annotations

import random
import re
from collections import Counter
from urllib.parse import urlencode

from search_index.schema import fold

from .corpus import SECTIONS, Corpus, phrases, vocabulary


def _two_words(rng: random.Random, words: list[str]) -> str:
    # Weighted towards frequent words, as readers type them, with a long tail.
    top = words[: max(2, len(words))]
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(top))]
    first, second = rng.choices(top, weights=weights, k=2)
    while second == first:
        second = rng.choice(top)
    return f"{first} {second}"


def query_sets(corpus: Corpus, count: int, seed: int = 7) -> dict[str, list[dict]]:
    """{kind: [{"text": …, "category": …}, …]} for the in-process latency figures."""
    rng = random.Random(seed)
    words = vocabulary(corpus)
    accented = [w for w in words if fold(w) != w] or words
    phrase_list = phrases(corpus)
    names = person_names(corpus)
    sets: dict[str, list[dict]] = {"two_words": [], "unaccented": [], "phrase": [],
                                   "section": [], "names_unaccented": []}
    for _ in range(count):
        sets["two_words"].append({"text": _two_words(rng, accented)})
        sets["unaccented"].append({"text": fold(_two_words(rng, accented))})
        sets["phrase"].append({"text": f'"{rng.choice(phrase_list)}"'})
        sets["section"].append({"text": _two_words(rng, accented),
                                "category": rng.choice(SECTIONS)[1]})
        if names:
            sets["names_unaccented"].append({"text": fold(rng.choice(names))})
    return sets


PERSON = re.compile(r"đồng chí (\w+ \w+ \w+)")


def person_names(corpus: Corpus) -> list[str]:
    """Three-syllable names as the text has them ("đồng chí Lê Văn Hùng"), and the
    authors', most frequent first: readers type them without accents."""
    counts: Counter = Counter()
    for article in corpus.published[:2000]:
        for paragraph in article.paragraphs:
            counts.update(PERSON.findall(paragraph))
        for key in ("Author", "Authors"):
            for name in article.meta.get(key, "").split(";"):
                if len(name.split()) == 3:
                    counts[name.strip()] += 1
    return [name for name, _ in counts.most_common()]


def unique_titles(corpus: Corpus) -> list[tuple[str, object]]:
    """(title, article) for every published article whose title no other one has."""
    counts = Counter(fold(article.meta["Title"]) for article in corpus.published)
    return [(article.meta["Title"], article) for article in corpus.published
            if counts[fold(article.meta["Title"])] == 1]


POPULAR_SIZE = 50


def http_paths(corpus: Corpus, count: int, popular_share: float, seed: int = 11,
               popular_size: int = POPULAR_SIZE, seen: set | None = None) -> list[str]:
    """Request paths for /search: `popular_share` of them from a small popular set.

    The rest never repeat (distinct two-word queries, some unaccented, some with a
    section filter), so neither the service's caches nor anything else can answer them
    from an earlier request. Pass the same `seen` set to several calls to keep their
    distinct queries apart too.
    """
    rng = random.Random(seed)
    words = vocabulary(corpus)
    accented = [w for w in words if fold(w) != w] or words
    popular = []
    while len(popular) < popular_size:
        text = _two_words(rng, accented[:60])
        if text not in popular:
            popular.append(text)
    seen = set() if seen is None else seen
    paths = []
    distinct_needed = count - int(count * popular_share)
    distinct: list[str] = []
    attempts = 0
    while len(distinct) < distinct_needed and attempts < distinct_needed * 50:
        attempts += 1
        text = _two_words(rng, accented)
        if rng.random() < 0.3:
            text = fold(text)
        params = {"q": text}
        if rng.random() < 0.2:
            params["category"] = rng.choice(SECTIONS)[1]
        key = tuple(sorted(params.items()))
        if key in seen or (text,) in seen or text in popular:
            continue
        seen.add(key)
        distinct.append("/search?" + urlencode(params))
    seen.update((text,) for text in popular)
    popular_paths = ["/search?" + urlencode({"q": text}) for text in popular]
    for _ in range(count - len(distinct)):
        paths.append(rng.choice(popular_paths))
    paths += distinct
    rng.shuffle(paths)
    return paths
