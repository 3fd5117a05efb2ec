"""The saved article's own page, rendered before the rest of the site.

From the changed file and the last build's generators: read the file as the articles
generator reads it, finish it as the plugins do, and write its page with the last
build's context in which the article now stands in for its old version. Only when nothing
but page-local fields changed (text, title, lead, bylines...): a new date, section, tag
or slug moves the article in lists the page shows, and then the full build, which follows
anyway, is the first to write it. What it writes is what the full build writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.utils import posixize_path
from pelican.writers import Writer

# Metadata that shows only on the article's own page (or in lists by the same object, which
# the early render swaps): a change to anything else waits for the full build.
PAGE_LOCAL_FIELDS = frozenset({
    "title", "summary", "lead", "author", "authors", "editor", "source", "image_caption",
    "image_alt", "modified", "keywords", "description",
})


def articles_generator(generators) -> ArticlesGenerator | None:
    return next((g for g in generators if isinstance(g, ArticlesGenerator)), None)


def source_of(content, base_path: str) -> str:
    return posixize_path(os.path.relpath(content.source_path, base_path))


def find_article(generator: ArticlesGenerator, source: str):
    for article in (*generator.articles, *generator.hidden_articles):
        if source_of(article, generator.path) == source:
            return article
    return None


def read_again(generator: ArticlesGenerator, source: str):
    """The file as the articles generator reads it (portal_content's rules included);
    None when that fails: the full build reports why."""
    try:
        return generator.readers.read_file(
            base_path=generator.path, path=source, content_class=Article,
            context=generator.context, preread_signal=signals.article_generator_preread,
            preread_sender=generator, context_signal=signals.article_generator_context,
            context_sender=generator)
    except Exception:
        return None


def same_place(old, new) -> bool:
    """`new` stands where `old` stood in every list and link: only page-local fields differ."""
    if (new.status, new.save_as, new.url, new.template) != \
            (old.status, old.save_as, old.url, old.template):
        return False
    keys = (set(old.metadata) | set(new.metadata)) - PAGE_LOCAL_FIELDS
    return all(old.metadata.get(key) == new.metadata.get(key) for key in keys)


def finish_like(old, new) -> None:
    """What the plugins added to `old` after reading (related articles, frozen URLs...)."""
    for name, value in vars(old).items():
        if name not in vars(new):
            setattr(new, name, value)


def swap_in_place(value, old, new, depth: int = 0) -> None:
    """`old` replaced by `new` in the lists (and dicts) of `value`, a few levels down, as
    the generators and the context hold them: articles, dates, (category, articles)..."""
    if depth > 3:
        return
    if isinstance(value, list):
        for number, item in enumerate(value):
            if item is old:
                value[number] = new
            else:
                swap_in_place(item, old, new, depth + 1)
    elif isinstance(value, tuple):
        for item in value:
            swap_in_place(item, old, new, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if item is old:
                value[key] = new
            else:
                swap_in_place(item, old, new, depth + 1)


def swap_everywhere(generators, old, new) -> None:
    """The last build's state, as if it had read the saved file: the next early render,
    and the feeds and index written from it, see the new text."""
    contexts = {id(g.context): g.context for g in generators}  # one, shared by all
    for context in contexts.values():
        swap_in_place(context, old, new)
    for generator in generators:
        for value in vars(generator).values():
            if isinstance(value, (list, dict)) and id(value) not in contexts:
                swap_in_place(value, old, new)


def text_only(old, new) -> bool:
    """Nothing but the text below the header changed, and not its first paragraph: no list
    shows a difference; only the page, the feeds (whole articles) and search do."""
    return old.metadata == new.metadata and old.summary == new.summary


@dataclass(frozen=True)
class Rendered:
    path: str  # the page written
    text_only: bool  # see text_only(): the feeds and the index are all that is left


def render_article(generators, source: str, finish_body=None) -> Rendered | None:
    """Write the page of `source` (content-relative) from the last build, which then holds
    the new version; None when it must wait for the full build."""
    generator = articles_generator(generators)
    if generator is None:
        return None
    old = find_article(generator, source)
    if old is None:
        return None
    new = read_again(generator, source)
    if new is None or not same_place(old, new):
        return None
    finish_like(old, new)
    if finish_body is not None:
        finish_body(new, generator.settings.get("SITEURL", ""))
    new.refresh_metadata_intersite_links()
    swap_everywhere(generators, old, new)
    signals.article_generator_write_article.send(generator, content=new)
    writer = Writer(generator.output_path, settings=generator.settings)
    writer.write_file(new.save_as, generator.get_template(new.template), generator.context,
                      relative_urls=generator.settings["RELATIVE_URLS"], article=new,
                      category=getattr(new, "category", None),
                      override_output=hasattr(new, "override_save_as"), url=new.url, blog=True)
    return Rendered(os.path.join(generator.output_path, new.save_as), text_only(old, new))
