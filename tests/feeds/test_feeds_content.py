"""The feeds of a small news site, read back with feedparser: what subscribers get."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from feed_checks import ATOM, problems
from feed_sites import (
    ALL_SECTION,
    DRAFT_SLUG,
    FEED_PATHS,
    HIDDEN_SLUG,
    LEAD,
    MAX_ITEMS,
    OTHERS,
    SECTION,
    SITEURL,
    article_url,
    build,
    write_news_site,
)

pytestmark = pytest.mark.build

LEAD_URL = article_url(LEAD["slug"])
ALL_URL = article_url("tin-chuyen-muc-all", ALL_SECTION)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds-content")
    image = write_news_site(root / "content")
    return build(root / "content", root / "output"), image


@pytest.fixture(scope="module")
def output(site):
    return site[0].output


@pytest.fixture(scope="module")
def parsed(output):
    return {path: feedparser.parse(str(output / path)) for path in FEED_PATHS}


def entry(feed, url):
    return next(e for e in feed.entries if e.link == url)


def test_exactly_the_plugin_feeds_are_written(output):
    written = sorted(p.relative_to(output).as_posix() for p in (output / "feeds").rglob("*"))
    assert written == sorted(FEED_PATHS + ["feeds/chuyen-muc"])
    assert sorted(p.name for p in output.glob("*.xml")) == ["sitemap.xml"]


@pytest.mark.parametrize("path", FEED_PATHS)
def test_feedparser_reads_every_feed_cleanly(parsed, path):
    feed = parsed[path]
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("rss20" if path.endswith(".rss.xml") else "atom10")


@pytest.mark.parametrize("path", FEED_PATHS)
def test_every_feed_is_structurally_valid(output, path):
    assert problems(output / path, f"{SITEURL}/{path}") == []


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_site_feed_lists_the_newest_published_articles(parsed, fmt):
    feed = parsed[f"feeds/all.{fmt}.xml"]
    assert len(feed.entries) == MAX_ITEMS
    assert [e.title for e in feed.entries] == [LEAD["title"], OTHERS[0][0], OTHERS[1][0]]
    assert [e.link for e in feed.entries] == [
        LEAD_URL, ALL_URL, article_url(OTHERS[1][3]),
    ]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_section_feeds_hold_their_own_articles(parsed, fmt):
    section = parsed[f"feeds/chuyen-muc/{SECTION}.{fmt}.xml"]
    assert [e.link for e in section.entries] == [
        LEAD_URL, article_url(OTHERS[1][3]), article_url(OTHERS[2][3]),
    ]
    named_all = parsed[f"feeds/chuyen-muc/{ALL_SECTION}.{fmt}.xml"]
    assert [e.link for e in named_all.entries] == [ALL_URL]
    assert named_all.feed.title == f"All – {parsed['feeds/all.rss.xml'].feed.title}"


@pytest.mark.parametrize("path", FEED_PATHS)
def test_hidden_and_draft_articles_stay_out(output, path):
    text = (output / path).read_text(encoding="utf-8")
    assert HIDDEN_SLUG not in text
    assert DRAFT_SLUG not in text


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_channel_metadata(parsed, fmt):
    feed = parsed[f"feeds/all.{fmt}.xml"].feed
    assert feed.title == "Xây dựng Đảng – Công an tỉnh Hải Dương"
    assert feed.link == f"{SITEURL}/"
    assert feed.language == "vi"
    assert "phát triển đảng viên" in feed.get("subtitle", feed.get("description"))
    self_links = [link.href for link in feed.links if link.rel == "self"]
    assert self_links == [f"{SITEURL}/feeds/all.{fmt}.xml"]
    expected = {"rss": "Sat, 02 Mar 2024 10:15:00 +0700", "atom": "2024-03-02T10:15:00+07:00"}
    assert feed.updated == expected[fmt]  # last build date = newest update, not the clock


def test_atom_channel_has_a_logo(parsed):
    feed = parsed["feeds/all.atom.xml"].feed
    assert feed.logo == f"{SITEURL}/theme/img/emblem.svg"
    assert feed.icon == f"{SITEURL}/theme/img/emblem.svg"


def test_section_channel_links_to_the_section_page(parsed):
    feed = parsed[f"feeds/chuyen-muc/{SECTION}.atom.xml"].feed
    assert feed.link == f"{SITEURL}/chuyen-muc/{SECTION}/"
    assert feed.title.startswith("Phát triển đảng viên – ")


@pytest.mark.parametrize(("fmt", "published", "updated"), [
    ("rss", "Fri, 01 Mar 2024 08:00:00 +0700", None),
    ("atom", "2024-03-01T08:00:00+07:00", "2024-03-02T10:15:00+07:00"),
])
def test_dates_carry_the_vietnam_offset(parsed, fmt, published, updated):
    lead = entry(parsed[f"feeds/all.{fmt}.xml"], LEAD_URL)
    assert lead.published == published
    if updated:
        assert lead.updated == updated
    for item in parsed[f"feeds/all.{fmt}.xml"].entries:
        assert item.published.endswith("+0700" if fmt == "rss" else "+07:00")


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_byline_author_and_editor_contributor(parsed, fmt):
    lead = entry(parsed[f"feeds/all.{fmt}.xml"], LEAD_URL)
    assert lead.author == "Phòng Chính trị"
    assert [a.name for a in lead.authors] == ["Phòng Chính trị"]
    assert [c.name for c in lead.contributors] == ["Loan Trần, phòng HCTH"]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_section_and_tags_are_categories(parsed, fmt):
    lead = entry(parsed[f"feeds/all.{fmt}.xml"], LEAD_URL)
    assert [t.term for t in lead.tags] == ["Phát triển đảng viên", "Kết nạp", "Chi bộ"]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_ids_are_stable_tag_uris(parsed, fmt):
    feed = parsed[f"feeds/all.{fmt}.xml"]
    lead = entry(feed, LEAD_URL)
    assert lead.id == f"tag:example.vn,2024-03-01:/{SECTION}/{LEAD['slug']}.html"
    if fmt == "rss":
        assert lead.guidislink is False


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_lead_photo_is_an_enclosure_with_its_real_size(site, parsed, fmt):
    build_result, image = site
    lead = entry(parsed[f"feeds/all.{fmt}.xml"], LEAD_URL)
    on_disk = (build_result.output / image).stat().st_size
    assert on_disk == (build_result.content / image).stat().st_size
    assert [(e.href, int(e.length), e.type) for e in lead.enclosures] == [
        (f"{SITEURL}/{image}", on_disk, "image/svg+xml")
    ]
    others = [e for e in parsed[f"feeds/all.{fmt}.xml"].entries if e.link != LEAD_URL]
    assert all(not e.enclosures for e in others)


def raw_atom_content(path, url) -> str:
    """An entry's <content> as written (feedparser's sanitizer drops e.g. srcset)."""
    for element in ET.parse(path).getroot().iter(f"{ATOM}entry"):
        links = [link.get("href") for link in element.findall(f"{ATOM}link")]
        if url in links:
            return element.findtext(f"{ATOM}content")
    raise AssertionError(f"no entry for {url}")


def test_atom_carries_the_full_content_with_absolute_links(output, parsed):
    lead = entry(parsed["feeds/all.atom.xml"], LEAD_URL)
    assert lead.link == LEAD_URL  # the alternate link, not the photo
    [content] = lead.content
    assert content.type == "text/html"
    assert "Đoạn cuối của bài viết." in content.value
    html = raw_atom_content(output / "feeds/all.atom.xml", LEAD_URL)
    for text in ("Chi bộ Phòng Tham mưu tổ chức lễ kết nạp", "Đoạn cuối của bài viết."):
        assert text in html
    assert f'href="{SITEURL}/luu-tru/"' in html
    assert f'href="{SITEURL}/chuyen-muc/"' in html  # "../chuyen-muc/" from the article
    assert f'href="{SITEURL}/images/hoa-sen.svg"' in html  # {static}
    assert f'src="{SITEURL}/images/hoa-sen.svg"' in html  # "../images/…"
    assert f"{SITEURL}/images/sach-tai-lieu.svg 2x" in html  # srcset
    assert 'href="/' not in html and 'src="/' not in html and '"../' not in html


def test_rss_carries_the_summary_and_the_content(parsed):
    lead = entry(parsed["feeds/all.rss.xml"], LEAD_URL)
    assert lead.summary == (
        f'<p>Lễ kết nạp <em>trang trọng</em> tại <a href="{SITEURL}/chuyen-muc/">chi bộ</a>.</p>'
    )
    assert "Đoạn cuối của bài viết." in lead.content[0].value


def test_atom_summary_is_the_article_summary(parsed):
    lead = entry(parsed["feeds/all.atom.xml"], LEAD_URL)
    assert lead.summary_detail.type == "text/html"
    assert "trang trọng" in lead.summary
    assert f'href="{SITEURL}/chuyen-muc/"' in lead.summary
