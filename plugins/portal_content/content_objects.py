"""What portal_content adds to articles and pages once Pelican has made them."""

from __future__ import annotations

from collections import defaultdict

from pelican.contents import Article

from . import metadata_rules, names, sanitize
from .build_report import REPORT
from .header import Header, HeaderField
from .messages import Violation
from .metadata_rules import image_path, parse_featured
from .reader import CONTRACT_VERSION
from .summaries import first_paragraph


def check_made_article(content):
    """What every article or page Pelican makes reports, read afresh or loaded from its
    cache (which skips the reader): the notes its reading left (warnings, a bad
    statistics or cosmetic field), and the rules that look at other files, since its
    photo may have gone since it was read.

    A missing photo leaves the article out, as a fresh read does: a development build
    shows what a publish would ship, whether the cache is warm or cold.
    """
    REPORT.add(content.metadata.get("portal_notes", ()))
    if content.metadata.get("portal_contract") != CONTRACT_VERSION:
        _clean_again(content)
    if not isinstance(content, Article) or "image" not in content.metadata:
        return
    lines = content.metadata.get("portal_field_lines", {})
    line, written = lines.get("image", (None, None))
    header = Header({"image": HeaderField("image", str(content.metadata["image"]), line,
                                          written)})
    violations = metadata_rules.check_article_files(
        header, content.relative_source_path, content.settings["PATH"], content.settings)
    if violations:
        raise metadata_rules.ContentRulesError(violations)  # Pelican leaves the file out


def _clean_again(content) -> None:
    """Content from a cache an older reader wrote: its HTML was never sanitised."""
    for holder, key in ((content, "_content"), (content.metadata, "summary")):
        html = holder.get(key) if isinstance(holder, dict) else getattr(holder, key, None)
        if not html:
            continue
        cleaned, dropped = sanitize.clean(html)
        if dropped:
            key = "summary" if holder is content.metadata else "body"
            REPORT.add([sanitize.dropped_violation(content.relative_source_path, key, dropped,
                                                   None)])
        if isinstance(holder, dict):
            holder[key] = cleaned
        else:
            setattr(holder, key, cleaned)
    if hasattr(content, "_summary") and "summary" in content.metadata:
        # Pelican copied the uncleaned summary into `_summary` when it made the content,
        # and copies `_summary` back at refresh_metadata_intersite_links: it must be the
        # cleaned one too (plugins/upstream/pelican_names.py).
        content._summary = content.metadata["summary"]


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
        # The metadata alone: Pelican's `_summary` is only set from it, when the content
        # is made with a summary (not this one) and at refresh_metadata_intersite_links.
        metadata["summary"] = first_paragraph(content._content)


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
    """Compute each content's `url` once, when nothing can change it.

    Pelican recomputes the property on every access (a settings lookup, a copy of the
    metadata, a relpath), and the theme reads it tens of times per page: the sidebar,
    related articles, breadcrumbs and lists, on every one of thousands of pages.
    Pelican's own `override_url` attribute holds the result. Not `override_save_as`:
    Pelican would take it as leave to overwrite what the site writes (ownership.py).
    """
    for content in contents:
        if not hasattr(content, "override_url"):
            content.override_url = content.url


def featured(articles) -> list:
    """The articles pinned to the home page, newest first as `articles` is ordered."""
    return [article for article in articles if article.featured]


def duplicate_slugs(contents) -> tuple[list[Violation], set[int]]:
    """Violations for contents sharing a slug; the ids of all but the one kept of each
    group (metadata_rules.kept_first: a published one before its draft copy, then the
    first by source path, so a development build stays deterministic)."""
    by_slug = defaultdict(list)
    for content in contents:
        by_slug[content.slug].append(content)
    violations, dropped = [], set()
    for slug, group in by_slug.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: metadata_rules.kept_first(_is_draft(c), c.source_path))
        kept = group[0]
        for other in group[1:]:
            dropped.add(id(other))
            lines = other.metadata.get("portal_field_lines", {})
            line, _ = lines.get("slug", lines.get("title", (None, None)))
            violations.append(metadata_rules.slug_clash(
                other.relative_source_path, line, slug, kept.relative_source_path,
                _is_draft(other) and not _is_draft(kept)))
    return violations, dropped


def _is_draft(content) -> bool:
    return getattr(content, "status", "published") == "draft"


NAME_KINDS = (("authors", "author"), ("tags", "tag"), ("category", "category"))


def separate_names(contents, settings) -> list[Violation]:
    """Give authors, tags and sections that differ only in accents pages of their own,
    and one spelling to names that differ only in case (see names.py)."""
    contents = list(contents)
    uses = [use for content in contents for use, _ in _name_uses(content)]

    def slug_of(kind, name):
        return metadata_rules.name_slug(kind, name, settings)

    def url_of(kind, slug):
        return settings.get(f"{kind.upper()}_URL", "{slug}/").format(slug=slug)

    decided = names.plan(uses, slug_of, url_of)
    if decided.slugs or decided.spellings:
        for content in contents:
            for use, wrapper in _name_uses(content):
                spelling = decided.spellings.get((use.kind, use.name))
                slug = decided.slugs.get((use.kind, use.name))
                if spelling:
                    wrapper.name = spelling
                if slug:
                    wrapper.slug = slug
    return list(decided.notes)


def _name_uses(content):
    lines = content.metadata.get("portal_field_lines", {})
    path = content.relative_source_path
    for attribute, kind in NAME_KINDS:
        value = getattr(content, attribute, None)
        wrappers = value if isinstance(value, list) else [value] if value else []
        key = attribute
        if attribute == "authors" and "authors" not in lines:
            key = "author"
        line, written = lines.get(key, (None, None))
        for wrapper in wrappers:
            yield names.NameUse(kind, wrapper.name, path, line, key, written), wrapper
