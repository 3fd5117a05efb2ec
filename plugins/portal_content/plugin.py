"""Signal wiring for portal_content; the logic lives in the sibling modules."""

from __future__ import annotations

import sys

from pelican import signals
from upstream import pelican_names

from . import messages, ownership
from .build_report import REPORT, reporting_failures
from .checking import stray_files
from .content_objects import (
    attach_related,
    check_made_article,
    duplicate_slugs,
    enrich,
    featured,
    freeze_urls,
    separate_names,
)
from .links import check_links
from .reader import PortalMarkdownReader
from .settings import ContractSettings


def start_build(pelican):
    contract = ContractSettings.from_settings(pelican.settings)  # fails early if invalid
    messages.set_language(contract.language)
    REPORT.start()


def use_portal_reader(readers):
    for extension in PortalMarkdownReader.file_extensions:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = PortalMarkdownReader
    readers.read_file = reporting_failures(readers.read_file)


def enrich_content(content):
    check_made_article(content)
    enrich(content)


def drop_duplicate_articles(generator):
    everything = generator.articles + generator.hidden_articles + generator.drafts
    violations, dropped = duplicate_slugs(everything)
    REPORT.add(violations)
    for name in ("articles", "hidden_articles", "drafts"):
        setattr(generator, name, [a for a in getattr(generator, name) if id(a) not in dropped])
    REPORT.add(separate_names(generator.articles + generator.hidden_articles + generator.drafts,
                              generator.settings))
    violations, dropped = ownership.check_contents(generator.articles + generator.hidden_articles,
                                                   generator.settings)
    REPORT.add(violations)
    for name in ("articles", "hidden_articles"):
        setattr(generator, name, [a for a in getattr(generator, name) if id(a) not in dropped])


def add_featured_and_related(generator):
    generator.context["featured_articles"] = featured(generator.articles)
    attach_related(generator.articles, generator.hidden_articles)


def drop_duplicate_pages(generator):
    everything = generator.pages + generator.hidden_pages + generator.draft_pages
    violations, dropped = duplicate_slugs(everything)
    REPORT.add(violations)
    # In place: the context holds these very lists (tests/portal_content/test_duplicate_pages).
    for name in ("pages", "hidden_pages", "draft_pages"):
        _keep(getattr(generator, name), dropped)
    # Pages after articles: an article already holds its path.
    articles = [*generator.context.get("articles", ()),
                *generator.context.get("hidden_articles", ())]
    violations, dropped = ownership.check_contents(
        articles + generator.pages + generator.hidden_pages, generator.settings)
    REPORT.add(violations)
    for name in ("pages", "hidden_pages"):
        _keep(getattr(generator, name), dropped)


def _keep(contents: list, dropped: set[int]) -> None:
    contents[:] = [content for content in contents if id(content) not in dropped]


CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                 "drafts_translations", "pages", "hidden_pages", "draft_pages",
                 "draft_translations")


def freeze_content_urls(generators):
    """Once every generator has its context: URLs are final, and read on every page."""
    seen = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if id(content) not in seen:
                    seen.add(id(content))
                    freeze_urls([content, *getattr(content, "translations", ())])


def leave_out_refused_statics(static_generator):
    """Static files from outside content/ (a symlink, a `{static}/../` link) are left out,
    before any other plugin (photos) reads them."""
    kept = []
    for static in static_generator.staticfiles:
        refusal = ownership.refused(static.relative_source_path, static_generator.path)
        if refusal is None:
            kept.append(static)
        else:
            REPORT.add([refusal])
    static_generator.staticfiles[:] = kept  # the list the context holds, too


def check_internal_links(generators):
    """Once every file is known and every plugin has finished the bodies (photos), before
    anything renders: Pelican keeps the first rendering of a body."""
    context = generators[0].context
    contents = [content for name in ("articles", "hidden_articles", "pages", "hidden_pages")
                for content in context.get(name, ())]
    check_links(contents, generators[0].settings)


def check_build(generators):
    settings = generators[0].settings
    REPORT.note_left_out(generators[0].context["generated_content"])
    REPORT.add(stray_files(settings))
    REPORT.show()
    if settings.get("PORTAL_STRICT"):
        REPORT.fail_if_any()
    elif REPORT.all_violations():
        print(REPORT.summary(), file=sys.stderr)


def register():
    pelican_names.require()  # the Pelican internals the plugins rely on: stops an upgrade early
    signals.get_generators.connect(start_build)
    signals.readers_init.connect(use_portal_reader)
    signals.content_object_init.connect(enrich_content)
    signals.article_generator_pretaxonomy.connect(drop_duplicate_articles)
    signals.article_generator_finalized.connect(add_featured_and_related)
    signals.page_generator_finalized.connect(drop_duplicate_pages)
    signals.static_generator_finalized.connect(leave_out_refused_statics)
    signals.all_generators_finalized.connect(check_internal_links)
    signals.all_generators_finalized.connect(check_build)
    signals.all_generators_finalized.connect(freeze_content_urls)
