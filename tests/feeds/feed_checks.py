"""Structural checks of RSS 2.0 and Atom (RFC 4287) that feedparser does not enforce.

Each function parses the document with xml.etree (so a document that is not
well-formed fails here) and returns the list of problems found; [] means valid.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RFC822_LOCAL = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} \+0700$"
)
RSS_IMAGE = (".gif", ".jpg", ".jpeg", ".png")


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def _absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _once(parent: ET.Element, tag: str, where: str, problems: list[str]) -> ET.Element | None:
    found = parent.findall(tag)
    if len(found) != 1:
        problems.append(f"{where}: expected exactly one {tag}, found {len(found)}")
        return None
    return found[0]


def _at_most_once(parent: ET.Element, tags, where: str, problems: list[str]) -> None:
    for tag in tags:
        if len(parent.findall(tag)) > 1:
            problems.append(f"{where}: more than one {tag}")


def rss_problems(path: Path, self_url: str) -> list[str]:
    root = parse(path)
    problems: list[str] = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return [f"root is <{root.tag} version={root.get('version')!r}>, not <rss version='2.0'>"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return [f"expected one <channel>, found {len(channels)}"]
    channel = channels[0]
    for tag in ("title", "link", "description"):
        element = _once(channel, tag, "channel", problems)
        if element is not None and not (element.text or "").strip():
            problems.append(f"channel: <{tag}> is empty")
    if not _absolute(channel.findtext("link")):
        problems.append("channel: <link> is not an absolute URL")
    _at_most_once(channel, ("language", "lastBuildDate", "pubDate", "image", "docs",
                            "generator", "ttl", "copyright"), "channel", problems)
    if channel.findtext("language") != "vi":
        problems.append(f"channel: <language> is {channel.findtext('language')!r}, not 'vi'")
    if not RFC822_LOCAL.match(channel.findtext("lastBuildDate") or ""):
        problems.append(f"channel: lastBuildDate {channel.findtext('lastBuildDate')!r} "
                        "is not an RFC 822 date at +0700")
    selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selfs) != 1 or selfs[0].get("href") != self_url:
        problems.append(f"channel: expected one atom:link rel=self to {self_url}")
    elif selfs[0].get("type") != "application/rss+xml":
        problems.append("channel: atom:link rel=self has the wrong type")
    image = channel.find("image")
    if image is not None:
        for tag in ("url", "title", "link"):
            _once(image, tag, "channel/image", problems)
        if not (image.findtext("url") or "").lower().endswith(RSS_IMAGE):
            problems.append("channel/image: url is not a GIF, JPEG or PNG")

    guids = []
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where}: needs a title or a description")
        _at_most_once(item, ("title", "link", "description", "pubDate", "enclosure",
                             "comments", "source"), where, problems)
        guid = _once(item, "guid", where, problems)
        if guid is not None:
            guids.append(guid.text)
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                problems.append(f"{where}: isPermaLink={permalink!r}")
            if permalink == "true" and not _absolute(guid.text):
                problems.append(f"{where}: a permalink guid must be a URL")
        if not _absolute(item.findtext("link")):
            problems.append(f"{where}: <link> is not an absolute URL")
        date = item.findtext("pubDate") or ""
        if not RFC822_LOCAL.match(date):
            problems.append(f"{where}: pubDate {date!r} is not an RFC 822 date at +0700")
        else:
            parsedate_to_datetime(date)
        for enclosure in item.findall("enclosure"):
            if not _absolute(enclosure.get("url")):
                problems.append(f"{where}: enclosure url is not absolute")
            if not (enclosure.get("length") or "").isdigit():
                problems.append(f"{where}: enclosure length {enclosure.get('length')!r}")
            if not enclosure.get("type"):
                problems.append(f"{where}: enclosure without a type")
        for category in item.findall("category"):
            if not (category.text or "").strip():
                problems.append(f"{where}: empty category")
    duplicated = [guid for guid, count in Counter(guids).items() if count > 1]
    if duplicated:
        problems.append(f"duplicate guids: {duplicated}")
    return problems


def _person_problems(person: ET.Element, where: str, problems: list[str]) -> None:
    _once(person, f"{ATOM}name", where, problems)
    _at_most_once(person, (f"{ATOM}uri", f"{ATOM}email"), where, problems)


def _date_problems(parent: ET.Element, tag: str, where: str, problems: list[str]) -> None:
    for element in parent.findall(f"{ATOM}{tag}"):
        if not RFC3339.match(element.text or ""):
            problems.append(f"{where}: {tag} {element.text!r} is not an RFC 3339 date")
        elif not element.text.endswith("+07:00"):
            problems.append(f"{where}: {tag} {element.text!r} is not at +07:00")


def _link_problems(parent: ET.Element, where: str, problems: list[str]) -> None:
    alternates = Counter()
    for link in parent.findall(f"{ATOM}link"):
        if not _absolute(link.get("href")):
            problems.append(f"{where}: link href {link.get('href')!r} is not absolute")
        rel = link.get("rel", "alternate")
        if rel == "alternate":
            alternates[(link.get("type"), link.get("hreflang"))] += 1
        if rel == "enclosure" and not (link.get("length") or "").isdigit():
            problems.append(f"{where}: enclosure link without a length")
    if any(count > 1 for count in alternates.values()):
        problems.append(f"{where}: several alternate links with the same type and hreflang")


def atom_problems(path: Path, self_url: str) -> list[str]:
    root = parse(path)
    problems: list[str] = []
    if root.tag != f"{ATOM}feed":
        return [f"root is <{root.tag}>, not atom:feed"]
    if root.get(XML_LANG) != "vi":
        problems.append(f"feed: xml:lang is {root.get(XML_LANG)!r}, not 'vi'")
    for tag in ("id", "title", "updated"):
        element = _once(root, f"{ATOM}{tag}", "feed", problems)
        if element is not None and not (element.text or "").strip():
            problems.append(f"feed: <{tag}> is empty")
    _at_most_once(root, [f"{ATOM}{tag}" for tag in ("icon", "logo", "subtitle", "generator",
                                                    "rights")], "feed", problems)
    if not urlsplit(root.findtext(f"{ATOM}id") or "").scheme:
        problems.append("feed: id is not an IRI")
    _date_problems(root, "updated", "feed", problems)
    _link_problems(root, "feed", problems)
    selfs = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selfs) != 1 or selfs[0].get("href") != self_url:
        problems.append(f"feed: expected one link rel=self to {self_url}")
    feed_authors = root.findall(f"{ATOM}author")
    for author in feed_authors:
        _person_problems(author, "feed author", problems)

    ids = []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        for tag in ("id", "title", "updated"):
            _once(entry, f"{ATOM}{tag}", where, problems)
        _at_most_once(entry, [f"{ATOM}{tag}" for tag in ("content", "published", "summary",
                                                         "rights", "source")], where, problems)
        entry_id = entry.findtext(f"{ATOM}id") or ""
        ids.append(entry_id)
        if not urlsplit(entry_id).scheme:
            problems.append(f"{where}: id {entry_id!r} is not an IRI")
        for tag in ("updated", "published"):
            _date_problems(entry, tag, where, problems)
        _link_problems(entry, where, problems)
        content = entry.find(f"{ATOM}content")
        links = entry.findall(f"{ATOM}link")
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in links)
        if content is None and not has_alternate:
            problems.append(f"{where}: neither content nor an alternate link")
        if content is not None and content.get("src") and entry.find(f"{ATOM}summary") is None:
            problems.append(f"{where}: out-of-line content needs a summary")
        authors = entry.findall(f"{ATOM}author")
        if not authors and not feed_authors:
            problems.append(f"{where}: no author in the entry or the feed")
        for person in authors + entry.findall(f"{ATOM}contributor"):
            _person_problems(person, where, problems)
        for category in entry.findall(f"{ATOM}category"):
            if not category.get("term"):
                problems.append(f"{where}: category without a term")
    duplicated = [entry_id for entry_id, count in Counter(ids).items() if count > 1]
    if duplicated:
        problems.append(f"duplicate entry ids: {duplicated}")
    return problems


def problems(path: Path, self_url: str) -> list[str]:
    checker = rss_problems if path.name.endswith(".rss.xml") else atom_problems
    return checker(path, self_url)
