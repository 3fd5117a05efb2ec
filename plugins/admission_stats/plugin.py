"""Signal wiring for admission_stats; the logic lives in the sibling modules."""

from __future__ import annotations

from pelican import signals
from pelican.generators import ArticlesGenerator

from .generator import AdmissionStatsGenerator


def add_generator(pelican):
    return AdmissionStatsGenerator


def collect_statistics(generators):
    """Once every generator has its context: records from the published articles."""
    articles = [a for g in generators if isinstance(g, ArticlesGenerator) for a in g.articles]
    for generator in generators:
        if isinstance(generator, AdmissionStatsGenerator):
            generator.collect(articles)


def register():
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(collect_statistics)
