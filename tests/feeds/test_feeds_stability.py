"""Rebuilding the site must not make feed readers see old articles as new ones."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from feed_checks import ATOM
from feed_sites import FEED_PATHS, LEAD, build, write_news_site

pytestmark = pytest.mark.build


def ids(path) -> list[str]:
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        return [guid.text for guid in root.iter("guid")]
    return [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same content twice, then with the lead article retitled and updated again."""
    root = tmp_path_factory.mktemp("feeds-stability")
    write_news_site(root / "content")
    first = build(root / "content", root / "first")
    second = build(root / "content", root / "second")
    write_news_site(root / "edited", lead_title="Kết nạp 5 đảng viên mới (cập nhật)",
                    lead_modified="2024-03-10 16:00")
    edited = build(root / "edited", root / "edited-output")
    return first, second, edited


@pytest.mark.parametrize("path", FEED_PATHS)
def test_identical_content_gives_identical_feeds(builds, path):
    first, second, _ = builds
    assert ids(first.output / path) == ids(second.output / path)
    assert (first.output / path).read_bytes() == (second.output / path).read_bytes()


@pytest.mark.parametrize("path", FEED_PATHS)
def test_editing_an_article_keeps_its_id(builds, path):
    first, _, edited = builds
    assert ids(edited.output / path) == ids(first.output / path)


def test_an_edit_shows_as_an_update(builds):
    first, _, edited = builds
    before = (first.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    after = (edited.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert LEAD["title"] in before and "Kết nạp 5 đảng viên mới (cập nhật)" in after
    assert "<updated>2024-03-10T16:00:00+07:00</updated>" in after
    assert "<published>2024-03-01T08:00:00+07:00</published>" in after
