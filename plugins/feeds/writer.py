"""RSS 2.0 and Atom documents from entries, with feedgen.

One FeedGenerator per document, so each format gets exactly its own elements:
RSS names people with Dublin Core (<dc:creator>, <dc:contributor>: RSS <author>
must be an e-mail address) and carries <image> only for a GIF, JPEG or PNG;
Atom has <author>, <contributor>, <logo> and <icon>.

feedgen 1.0 drops the rel, type and length of an Atom *entry* <link> (it reads
them back from the new element instead of the data), so an enclosure would come
out as a second rel="alternate" link. Atom entry links are therefore written by
a small feedgen extension, AtomEntryLinks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .entries import Entry
from .links import MIME_TYPES, FeedGroup
from .xml_text import xml_safe


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    link: str  # the HTML page the feed mirrors, absolute
    language: str
    author: str
    logo: str | None = None
    rss_image: str | None = None
    rss_image_size: tuple[int, int] | None = None


class AtomFeedLinks(BaseExtension):
    """Feed-level half of the extension: nothing to add (feedgen's feed links are right)."""


class AtomEntryLinks(BaseEntryExtension):
    """An Atom entry's <link> elements, with all their attributes."""

    def __init__(self):
        self.links: list[dict[str, str]] = []

    def add(self, href: str, rel: str, mime: str, length: int | None = None) -> None:
        link = {"href": href, "rel": rel, "type": mime}
        if length is not None:
            link["length"] = str(length)
        self.links.append(link)

    def extend_atom(self, entry):
        for link in self.links:
            xml_elem("link", entry, **link)
        return entry


def last_update(entries: Sequence[Entry]) -> datetime:
    """The newest entry update: the feed changes only when its content does."""
    if not entries:
        return datetime.now(UTC).replace(microsecond=0)
    return max(entry.updated for entry in entries)


def build_feed(channel: Channel, entries: Sequence[Entry], fmt: str,
               self_url: str) -> FeedGenerator:
    """A FeedGenerator for one document; `entries` newest first."""
    fg = FeedGenerator()
    if fmt == "rss":
        fg.load_extension("dc", atom=False, rss=True)
    else:
        fg.register_extension("links", AtomFeedLinks, AtomEntryLinks, atom=True, rss=False)
    fg.id(self_url)
    fg.title(xml_safe(channel.title))
    fg.description(xml_safe(channel.description))
    fg.language(channel.language)
    fg.author({"name": xml_safe(channel.author)})
    # The self link first: feedgen takes the last link as the RSS channel <link>.
    fg.link(href=self_url, rel="self", type=MIME_TYPES[fmt])
    fg.link(href=channel.link, rel="alternate", type="text/html")
    fg.updated(last_update(entries))
    if fmt == "atom" and channel.logo:
        fg.logo(channel.logo)
        fg.icon(channel.logo)
    if fmt == "rss" and channel.rss_image:
        width, height = channel.rss_image_size or (None, None)
        fg.image(url=channel.rss_image, title=xml_safe(channel.title), link=channel.link,
                 width=str(width) if width else None, height=str(height) if height else None)
    for entry in entries:
        _add_entry(fg, entry, fmt)
    return fg


def _add_entry(fg: FeedGenerator, entry: Entry, fmt: str) -> None:
    fe = fg.add_entry(order="append")
    fe.id(entry.id)  # also the RSS <guid isPermaLink="false">
    fe.title(entry.title)
    fe.published(entry.published)
    fe.updated(entry.updated)
    if entry.categories:
        fe.category([_category(category) for category in entry.categories])
    if entry.summary:
        fe.summary(entry.summary, type="html")  # RSS <description>
    if fmt == "rss":
        fe.link(href=entry.link)
        if entry.content:
            fe.content(entry.content, type="html")  # <content:encoded>, escaped
        if entry.enclosure:
            fe.enclosure(entry.enclosure.url, entry.enclosure.length, entry.enclosure.mime)
        if entry.authors:
            fe.dc.dc_creator(list(entry.authors))
        if entry.contributors:
            fe.dc.dc_contributor(list(entry.contributors))
        return
    # Atom: full content always (an empty body gives an empty <content>), which also
    # keeps feedgen from asking for the alternate link it cannot see.
    fe.content(entry.content, type="html")
    fe.links.add(entry.link, "alternate", "text/html")
    if entry.enclosure:
        fe.links.add(entry.enclosure.url, "enclosure", entry.enclosure.mime,
                     entry.enclosure.length)
    for name in entry.authors:
        fe.author({"name": name})
    for name in entry.contributors:
        fe.contributor({"name": name})


def _category(category) -> dict:
    data = {"term": category.term, "label": category.term}
    if category.scheme:
        data["scheme"] = category.scheme
    return data


def write_feeds(group: FeedGroup, channel: Channel, entries: Sequence[Entry],
                output_path: str) -> list[str]:
    """Write the group's RSS and Atom files; their paths."""
    written = []
    for link in group.links:
        fg = build_feed(channel, entries, link.format, link.url)
        path = os.path.join(output_path, *link.path.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if link.format == "rss":
            fg.rss_file(path, pretty=True)
        else:
            fg.atom_file(path, pretty=True)
        written.append(path)
    return written
