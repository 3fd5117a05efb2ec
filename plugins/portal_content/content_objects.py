"""What portal_content adds to articles and pages once Pelican has made them."""

from __future__ import annotations

from collections import defaultdict

from pelican.contents import Article

from . import metadata_rules
from .build_report import REPORT
from .metadata_rules import Violation, image_path, parse_featured
from .summaries import first_paragraph


def check_made_article(article):
    """Rules checked on every article Pelican makes, read afresh or loaded from its cache
    (which skips the reader): the photo exists, and the statistics record.

    A missing photo leaves the article out, as a fresh read does: a development build
    shows what a publish would ship, whether the cache is warm or cold. A bad statistics
    field leaves out only the record (the article is built without its figures).
    """
    raw = {field: str(article.metadata[field])
           for field in ("image", *metadata_rules.STATS_FIELDS) if field in article.metadata}
    path = article.relative_source_path
    violations = [
        *metadata_rules.check_article_files(raw, path, article.settings["PATH"],
                                            article.settings),
        *metadata_rules.check_stats(raw, path),
    ]
    if any(v.drops_file for v in violations):
        raise metadata_rules.ContentRulesError(violations)  # Pelican leaves the file out
    if violations:
        REPORT.add(violations)
        for field in metadata_rules.STATS_FIELDS:
            article.metadata.pop(field, None)
            article.__dict__.pop(field, None)


def enrich(content) -> None:
    """Typed `featured`, a site-relative `image`, the lead and the summary.

    `lead` is the editor's Summary (shown in bold above the body), or "" when the body's
    own first paragraph serves as the lead; listings still get that first paragraph as
    the summary, so it is never printed twice on the article page.
    """
    metadata = content.metadata
    content.featured = parse_featured(metadata.get("featured", "no"))
    if metadata.get("image"):
        content.image = image_path(metadata["image"])
    if not isinstance(content, Article):
        return
    if "summary" in metadata:
        content.lead = metadata["summary"]
    else:
        content.lead = ""
        content._summary = first_paragraph(content._content)
        metadata["summary"] = content._summary


RELATED_COUNT = 6


def attach_related(articles, hidden=(), count: int = RELATED_COUNT) -> None:
    """"Các tin khác": each article, hidden ones too, gets the newest published others
    of its section.

    Done once per build in Python, so a section of thousands of articles costs one
    pass instead of a scan of every article on every article page.
    """
    newest = defaultdict(list)
    for article in articles:  # `articles` is newest first
        if len(newest[article.category]) <= count:
            newest[article.category].append(article)
    for article in [*articles, *hidden]:
        others = newest.get(article.category, [])
        article.related = [other for other in others if other is not article][:count]


def freeze_urls(contents) -> None:
    """Compute each content's `url` and `save_as` once, when nothing can change them.

    Pelican recomputes both properties on every access (a settings lookup, a copy of
    the metadata, a relpath), and the theme reads them tens of times per page: the
    sidebar, related articles, breadcrumbs and lists, on every one of thousands of pages.
    Pelican's own `override_url` / `override_save_as` attributes hold the result.
    """
    for content in contents:
        if not hasattr(content, "override_url"):
            content.override_url = content.url
        if not hasattr(content, "override_save_as"):
            content.override_save_as = content.save_as


def featured(articles) -> list:
    """The articles pinned to the home page, newest first as `articles` is ordered."""
    return [article for article in articles if article.featured]


def duplicate_slugs(contents) -> tuple[list[Violation], set[int]]:
    """Violations for contents sharing a slug; the ids of all but the first of each group.

    The first by source path is kept so a development build stays deterministic.
    """
    by_slug = defaultdict(list)
    for content in contents:
        by_slug[content.slug].append(content)
    violations, dropped = [], set()
    for slug, group in by_slug.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: c.source_path)
        kept = group[0]
        for other in group[1:]:
            dropped.add(id(other))
            violations.append(Violation(
                other.relative_source_path, "Slug",
                f"{slug!r} is already used by {kept.relative_source_path}; "
                "expected a unique title or a distinct Slug field",
            ))
    return violations, dropped
