"""The feeds plugin's small functions, without a Pelican build."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from feeds.entries import absolute_links, entry_from_article, entry_id, mime_type
from feeds.links import feed_directory
from feeds.robots import robots_txt
from feeds.settings import DEFAULT_MAX_ITEMS, FeedsSettingsError, read_settings
from feeds.writer import Channel, build_feed
from feeds.xml_text import xml_safe

pytestmark = pytest.mark.unit

BASE = {"SITEURL": "https://example.vn", "TIMEZONE": "Asia/Ho_Chi_Minh", "SITENAME": "Cổng",
        "DEFAULT_LANG": "vi", "PLUGINS": ["feeds", "pelican.plugins.sitemap"],
        "SITEMAP": {"format": "xml"}, "CATEGORIES_URL": "chuyen-muc/", "TAGS_URL": "the/"}
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def settings(**changes):
    return read_settings({**BASE, **changes})


def article(**fields):
    values = {
        "title": "Tin", "url": "phat-trien-dang-vien/tin.html",
        "date": datetime(2024, 3, 1, 8, 0, tzinfo=HCM), "summary": "", "content": "<p>Bài</p>",
        "category": SimpleNamespace(name="Phát triển đảng viên", slug="phat-trien-dang-vien",
                                    url="chuyen-muc/phat-trien-dang-vien/"),
        "authors": [SimpleNamespace(name="Phòng Chính trị")], "tags": [],
    }
    return SimpleNamespace(**{**values, **fields})


def no_files(image):
    return None


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85",
                                  "\ud800", "\ufffe", "\uffff"])
def test_xml_safe_removes_what_xml_cannot_carry(char):
    assert xml_safe(f"Đảng{char}viên") == "Đảngviên"


def test_xml_safe_keeps_text_and_whitespace():
    text = "Tab\tnew\nline\rĐảng – “viên” 😀 <b>&amp;"
    assert xml_safe(text) == text
    assert xml_safe(None) == ""


def test_absolute_links_resolve_against_the_article():
    base = "https://example.vn/muc/bai.html"
    html = ('<a href="/luu-tru/">a</a><a href="../the/x/">b</a><a href="#p2">c</a>'
            '<a href="mailto:a@example.vn">d</a><a href="https://other.vn/x">e</a>'
            '<img src="anh.svg" srcset="anh.svg 1x, /lon.svg 2x">')
    result = absolute_links(html, base)
    assert 'href="https://example.vn/luu-tru/"' in result
    assert 'href="https://example.vn/the/x/"' in result
    assert 'href="https://example.vn/muc/bai.html#p2"' in result
    assert 'href="mailto:a@example.vn"' in result
    assert 'href="https://other.vn/x"' in result
    assert 'src="https://example.vn/muc/anh.svg"' in result
    assert 'srcset="https://example.vn/muc/anh.svg 1x, https://example.vn/lon.svg 2x"' in result
    assert absolute_links("", base) == ""


def test_entry_id_is_a_tag_uri_from_the_local_publication_date():
    late = article(date=datetime(2024, 2, 29, 18, 30, tzinfo=ZoneInfo("UTC")))  # 01:30 +07
    assert entry_id(late, settings()) == "tag:example.vn,2024-03-01:/phat-trien-dang-vien/tin.html"
    pinned = settings(FEEDS_TAG_AUTHORITY="xaydungdang.vn")
    assert entry_id(late, pinned).startswith("tag:xaydungdang.vn,2024-03-01:/")


def test_entry_from_article_cleans_and_dates():
    entry = entry_from_article(article(
        title="A\x0b <b>B</b>", editor="Biên\x0b tập", modified=datetime(2024, 3, 2, 9, 0),
        tags=[SimpleNamespace(name="Chi bộ")], image="images/none.svg",
    ), settings(), no_files)
    assert entry.title == "A <b>B</b>"
    assert entry.contributors == ("Biên tập",)
    assert entry.authors == ("Phòng Chính trị",)
    assert entry.published.isoformat() == "2024-03-01T08:00:00+07:00"
    assert entry.updated.isoformat() == "2024-03-02T09:00:00+07:00"  # naive -> site zone
    assert [(c.term, c.scheme) for c in entry.categories] == [
        ("Phát triển đảng viên", "https://example.vn/chuyen-muc/"),
        ("Chi bộ", "https://example.vn/the/"),
    ]
    assert entry.enclosure is None  # no file, no enclosure
    assert entry.link == "https://example.vn/phat-trien-dang-vien/tin.html"


def test_enclosure_reads_the_real_file(tmp_path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"x" * 1234)
    entry = entry_from_article(article(image="images/anh.jpg"), settings(),
                               lambda image: ("images/anh.jpg", str(photo)))
    assert (entry.enclosure.url, entry.enclosure.length, entry.enclosure.mime) == (
        "https://example.vn/images/anh.jpg", 1234, "image/jpeg")


@pytest.mark.parametrize(("name", "mime"), [("a.svg", "image/svg+xml"), ("a.JPG", "image/jpeg"),
                                            ("a.png", "image/png"), ("a.webp", "image/webp")])
def test_mime_types(name, mime):
    assert mime_type(name) == mime


def test_defaults():
    config = settings(SITEURL="")
    assert config.max_items == DEFAULT_MAX_ITEMS == 50
    assert config.base_url == "http://127.0.0.1:8000"
    assert config.tag_authority == "127.0.0.1"
    assert config.logo == "http://127.0.0.1:8000/theme/img/emblem.svg"
    assert config.rss_image is None  # SVG: not allowed in RSS <image>
    assert config.page_url == "theo-doi-rss/"
    assert config.sitemap_name == "sitemap.xml"


def test_dev_base_can_be_set():
    config = settings(SITEURL="", FEEDS_DEV_SITEURL="http://localhost:9000/")
    assert config.base_url == "http://localhost:9000"


@pytest.mark.parametrize(("changes", "message"), [
    ({"FEEDS_MAX_ITEMS": 0}, "FEEDS_MAX_ITEMS"),
    ({"FEEDS_MAX_ITEMS": "50"}, "FEEDS_MAX_ITEMS"),
    ({"FEEDS_MAX_ITEMS": True}, "FEEDS_MAX_ITEMS"),
    ({"SITEURL": "example.vn"}, "SITEURL"),
    ({"SITEURL": "/portal"}, "SITEURL"),
    ({"FEEDS_DEV_SITEURL": "127.0.0.1:8000"}, "FEEDS_DEV_SITEURL"),
    ({"FEEDS_RSS_IMAGE": "theme/img/logo.svg"}, "FEEDS_RSS_IMAGE"),
    ({"FEEDS_TAG_AUTHORITY": "not a domain"}, "FEEDS_TAG_AUTHORITY"),
    ({"FEEDS_ROBOTS_DISALLOW": "/search"}, "FEEDS_ROBOTS_DISALLOW"),
    ({"TIMEZONE": "Mars/Olympus"}, "TIMEZONE"),
])
def test_bad_settings_stop_the_build(changes, message):
    with pytest.raises(FeedsSettingsError, match=message):
        settings(**changes)


def test_all_problems_are_reported_together():
    with pytest.raises(FeedsSettingsError, match=r"2 setting problem\(s\)"):
        settings(FEEDS_MAX_ITEMS=-1, SITEURL="ftp://example.vn")


def test_raster_logo_becomes_the_rss_image():
    config = settings(FEEDS_LOGO="theme/img/logo.png")
    assert config.rss_image == "https://example.vn/theme/img/logo.png"


def test_feed_paths_cannot_collide():
    categories = [SimpleNamespace(name=name, slug=slug, url=f"chuyen-muc/{slug}/")
                  for name, slug in [("All", "all"), ("Feeds", "feeds"), ("Tin", "tin")]]
    directory = feed_directory(categories, "Cổng", lambda p: f"https://example.vn/{p}")
    paths = [link.path for group in directory.all_groups() for link in group.links]
    assert len(paths) == len(set(paths)) == 8
    assert directory.site.atom.path == "feeds/all.atom.xml"
    assert directory.section("all").atom.path == "feeds/chuyen-muc/all.atom.xml"
    assert directory.section("all").rss.url == "https://example.vn/feeds/chuyen-muc/all.rss.xml"
    assert directory.section("khong-co") is None


def test_robots_txt_under_a_sub_path():
    config = settings(SITEURL="https://example.vn/portal")
    assert robots_txt(config) == (
        "User-agent: *\nDisallow: /portal/search\nDisallow: /portal/api/\n\n"
        "Sitemap: https://example.vn/portal/sitemap.xml\n"
    )


def test_robots_txt_without_the_sitemap_plugin():
    text = robots_txt(settings(PLUGINS=["feeds"], FEEDS_ROBOTS_DISALLOW=[]))
    assert text == "User-agent: *\nDisallow:\n"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_an_empty_feed_is_still_complete(fmt):
    channel = Channel("Cổng", "Mô tả", "https://example.vn/", "vi", "Đảng bộ",
                      logo="https://example.vn/logo.png", rss_image="https://example.vn/logo.png")
    xml = build_feed(channel, [], fmt, f"https://example.vn/feeds/all.{fmt}.xml")
    root = ET.fromstring(xml.rss_str() if fmt == "rss" else xml.atom_str())
    text = ET.tostring(root, encoding="unicode")
    assert "https://example.vn/logo.png" in text
    assert ("lastBuildDate" in text) if fmt == "rss" else ("updated" in text)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_an_article_without_body_or_title_text_still_makes_an_entry(fmt):
    entry = entry_from_article(article(title="\x0b\x0c", content="", summary=""),
                               settings(), no_files)
    assert entry.title == "https://example.vn/phat-trien-dang-vien/tin.html"
    channel = Channel("Cổng", "Mô tả", "https://example.vn/", "vi", "Đảng bộ")
    fg = build_feed(channel, [entry], fmt, f"https://example.vn/feeds/all.{fmt}.xml")
    root = ET.fromstring(fg.rss_str() if fmt == "rss" else fg.atom_str())
    tag = "item" if fmt == "rss" else "{http://www.w3.org/2005/Atom}entry"
    assert len(list(root.iter(tag))) == 1


def test_sitemap_clock_is_the_newest_article_change():
    from datetime import datetime
    from types import SimpleNamespace

    from feeds.sitemap_clock import newest_change, pin_sitemap_clock

    old = SimpleNamespace(date=datetime(2020, 1, 1), modified=datetime(2024, 5, 1))
    new = SimpleNamespace(date=datetime(2023, 1, 1))
    assert newest_change([old, new]) == datetime(2024, 5, 1)
    assert newest_change([]) is None

    sitemap = SimpleNamespace(now=datetime(2099, 1, 1))
    pin_sitemap_clock([old, new], sitemap)
    assert sitemap.now == datetime(2024, 5, 1)


# The RSS channel image's width and height (issue 16) --------------------------------

def test_rss_image_size_is_read_from_the_theme_png(tmp_path):
    image = tmp_path / "theme" / "static" / "img" / "logo.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (120).to_bytes(4, "big")
                      + (90).to_bytes(4, "big") + b"\x08\x02\x00\x00\x00")
    read = settings(THEME=str(tmp_path / "theme"), FEEDS_RSS_IMAGE="theme/img/logo.png")
    assert read.rss_image_size == (120, 90)
    channel = Channel(title="T", description="D", link="https://example.vn/", language="vi",
                      author="A", rss_image=read.rss_image, rss_image_size=read.rss_image_size)
    feed = build_feed(channel, [], "rss", "https://example.vn/feeds/all.rss.xml")
    image_element = ET.fromstring(feed.rss_str()).find("channel/image")
    assert (image_element.findtext("width"), image_element.findtext("height")) == ("120", "90")


@pytest.mark.parametrize("size", [(200, 100), (100, 500), (0, 10), ("144", "144"), (144,)])
def test_rss_image_size_beyond_rss_limits_is_refused(size):
    with pytest.raises(FeedsSettingsError, match="FEEDS_RSS_IMAGE_SIZE"):
        settings(FEEDS_RSS_IMAGE="theme/img/emblem-144.png", FEEDS_RSS_IMAGE_SIZE=size)


def test_rss_image_size_given_in_settings():
    read = settings(FEEDS_RSS_IMAGE="https://cdn.example.vn/logo.gif",
                    FEEDS_RSS_IMAGE_SIZE=[88, 31])
    assert read.rss_image_size == (88, 31)
