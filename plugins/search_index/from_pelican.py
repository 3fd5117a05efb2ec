"""What a Pelican build hands to the index: documents, and the site data the search
page needs to render the theme without Pelican (settings, navigation, filters)."""

from __future__ import annotations

import json
import os
import re

from jinja2 import TemplateNotFound

from .indexer import SearchDocument

# Secrets, and file system paths (they differ between identical builds, e.g. releases).
LEFT_OUT_SETTING = re.compile(
    r"PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL|PATHS?$|_FILE$|^THEME$|_OVERRIDES$|^BIND$")


def search_documents(articles, pages) -> list[SearchDocument]:
    """Published articles and pages only: drafts and hidden ones are never passed in."""
    documents = [_document(article, "article") for article in articles]
    documents += [_document(page, "page") for page in pages]
    return [document for document in documents if document.url]


def _document(content, kind: str) -> SearchDocument:
    # Only articles have sections (Pelican gives pages their folder as a category).
    category = getattr(content, "category", None) if kind == "article" else None
    metadata = content.metadata
    return SearchDocument(
        url=content.url,
        title=str(content.title),
        body_html=content.content or "",
        summary_html=(content.summary or "") if "summary" in metadata else "",
        kind=kind,
        section=category.name if category else "",
        category=category.slug if category else "",
        tags=tuple(tag.name for tag in getattr(content, "tags", None) or ()),
        authors=tuple(author.name for author in getattr(content, "authors", None) or ()),
        editor=str(metadata.get("editor") or ""),
        date=getattr(content, "date", None),
        stats_unit=str(metadata.get("stats_unit") or ""),
        source=str(metadata.get("source") or ""),
    )


def source_paths(articles, pages) -> dict[str, str]:
    """url -> the content file it was made from (relative to the content folder)."""
    return {content.url: str(getattr(content, "relative_source_path", "") or
                             getattr(content, "source_path", ""))
            for content in [*articles, *pages] if content.url}


# Partials of the site-wide layout that other plugins fill (feed links, the statistics
# panel) or that list articles: rendered here with the build's own context, so the
# search page shows what every other page shows without the service knowing them.
PRERENDERED_PARTIALS = ("partials/feed_head.html", "partials/feed_footer.html",
                        "partials/stats_panel.html", "partials/latest.html")


def site_data(settings, articles_generator, pages_generator) -> dict:
    years = {str(article.date.year) for article in articles_generator.articles}
    return {
        "settings": _json_settings(settings),
        "sections": [{"name": category.name, "slug": category.slug, "url": category.url}
                     for category, _ in articles_generator.categories],
        "pages": [{"title": str(page.title), "url": page.url} for page in pages_generator.pages],
        "years": sorted(years, reverse=True),
        "jinja_filters": _filter_paths(settings.get("JINJA_FILTERS") or {}),
        "fragments": prerendered_partials(articles_generator),
    }


def prerendered_partials(generator) -> dict[str, str]:
    """Each of PRERENDERED_PARTIALS the theme has, rendered as a page without an
    article or section would render it."""
    fragments = {}
    for name in PRERENDERED_PARTIALS:
        try:
            template = generator.env.get_template(name)
        except TemplateNotFound:
            continue
        fragments[name] = template.render(generator.context)
    return fragments


def template_dirs(settings, theme: str) -> list[str]:
    """Where Pelican looks for templates, first match first."""
    return [*settings.get("THEME_TEMPLATES_OVERRIDES", []), os.path.join(theme, "templates")]


def _json_settings(settings) -> dict:
    """The settings templates may use (Pelican's context has them all), JSON-safe."""
    kept = {}
    for name, value in settings.items():
        if not name.isupper() or LEFT_OUT_SETTING.search(name):
            continue
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        kept[name] = value
    return kept


def _filter_paths(filters: dict) -> dict[str, str]:
    """'module:qualname' of each importable Jinja filter, for the service to import."""
    paths = {}
    for name, function in filters.items():
        module = getattr(function, "__module__", None)
        qualname = getattr(function, "__qualname__", "")
        if module and qualname and "<" not in qualname:
            paths[name] = f"{module}:{qualname}"
    return paths
