"""Control characters and markup in an article: the feeds stay well-formed and escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from feed_checks import problems
from feed_sites import HOSTILE_CLEAN_TITLE, SITEURL, build, write_hostile_site

pytestmark = pytest.mark.build

PATHS = ["feeds/all.rss.xml", "feeds/all.atom.xml",
         "feeds/chuyen-muc/phat-trien-dang-vien.rss.xml",
         "feeds/chuyen-muc/phat-trien-dang-vien.atom.xml"]


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds-hostile")
    write_hostile_site(root / "content")
    return build(root / "content", root / "output").output


@pytest.mark.parametrize("path", PATHS)
def test_feeds_are_well_formed_and_valid(output, path):
    ET.parse(output / path)  # raises if not well-formed
    assert problems(output / path, f"{SITEURL}/{path}") == []
    parsed = feedparser.parse(str(output / path))
    assert parsed.bozo == 0, parsed.get("bozo_exception")


@pytest.mark.parametrize("path", PATHS)
def test_control_characters_are_removed(output, path):
    raw = (output / path).read_bytes()
    assert b"\x0b" not in raw
    assert b"&#11;" not in raw and b"&#xb;" not in raw.lower()
    entry = feedparser.parse(str(output / path)).entries[0]
    assert entry.title == HOSTILE_CLEAN_TITLE
    assert "Biên tập viên" in [c.name for c in entry.contributors]
    assert "ký tự  điều khiển" in entry.content[0].value


@pytest.mark.parametrize("path", PATHS)
def test_markup_in_the_title_is_text(output, path):
    raw = (output / path).read_text(encoding="utf-8")
    assert "<script" not in raw
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in raw
    root = ET.parse(output / path).getroot()
    titles = [el.text for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
    assert HOSTILE_CLEAN_TITLE in titles  # one level of escaping: the title is plain text
