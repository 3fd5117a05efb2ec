"""Where each feed lives: the one place that knows the feed URL scheme.

    feeds/all.rss.xml, feeds/all.atom.xml                   the whole site
    feeds/chuyen-muc/<section-slug>.rss.xml / .atom.xml     one section

Section feeds have a folder of their own, so a section slugged "all" cannot
overwrite the site feeds. The templates (autodiscovery links, footer, the
"Theo dõi RSS" page) read the same objects as the writer, as `FEEDS` in the context.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SITE_FEED_PATH = "feeds/all.{format}.xml"
SECTION_FEED_PATH = "feeds/chuyen-muc/{slug}.{format}.xml"
FORMATS = ("rss", "atom")
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
LABELS = {"rss": "RSS 2.0", "atom": "Atom"}


@dataclass(frozen=True)
class FeedLink:
    format: str  # "rss" or "atom"
    path: str  # relative to the site root: "feeds/all.rss.xml"
    url: str  # absolute
    title: str  # for <link rel="alternate" title=…>

    @property
    def mime(self) -> str:
        return MIME_TYPES[self.format]

    @property
    def label(self) -> str:
        return LABELS[self.format]


@dataclass(frozen=True)
class FeedGroup:
    """The RSS and Atom feeds of the site or of one section."""

    key: str  # "" for the site, else the section slug
    name: str  # site or section name
    page_url: str  # the HTML page the feeds mirror, relative to the site root
    rss: FeedLink
    atom: FeedLink

    @property
    def links(self) -> tuple[FeedLink, FeedLink]:
        return (self.rss, self.atom)

    def link(self, fmt: str) -> FeedLink:
        return self.rss if fmt == "rss" else self.atom


@dataclass(frozen=True)
class FeedDirectory:
    """Every feed of the site; `FEEDS` in the template context."""

    site: FeedGroup
    sections: tuple[FeedGroup, ...] = ()
    page_url: str | None = None  # the "Theo dõi RSS" page, relative to the site root
    max_items: int = 50  # articles per feed
    _by_slug: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_slug.update({group.key: group for group in self.sections})

    def section(self, slug) -> FeedGroup | None:
        """The feeds of the section with this slug (None if it has none)."""
        return self._by_slug.get(slug)

    def all_groups(self) -> tuple[FeedGroup, ...]:
        return (self.site, *self.sections)


def _group(key: str, name: str, page_url: str, path: str, title: str, absolute) -> FeedGroup:
    def link(fmt: str) -> FeedLink:
        relative = path.format(format=fmt, slug=key)
        return FeedLink(fmt, relative, absolute(relative), f"{title} ({LABELS[fmt]})")

    return FeedGroup(key, name, page_url, link("rss"), link("atom"))


def site_group(site_title: str, absolute) -> FeedGroup:
    return _group("", site_title, "", SITE_FEED_PATH, site_title, absolute)


def section_group(category, site_title: str, absolute) -> FeedGroup:
    """`category` is a Pelican Category (name, slug, url)."""
    title = f"{category.name} – {site_title}"
    return _group(category.slug, category.name, category.url, SECTION_FEED_PATH, title, absolute)


def feed_directory(categories, site_title: str, absolute,
                   page_url: str | None = None, max_items: int = 50) -> FeedDirectory:
    """All feeds; `categories` are Pelican Categories, `absolute` makes a path a URL."""
    sections = sorted(
        (section_group(category, site_title, absolute) for category in categories),
        key=lambda group: group.key,  # slugs sort Vietnamese names without diacritics
    )
    return FeedDirectory(site_group(site_title, absolute), tuple(sections), page_url, max_items)
