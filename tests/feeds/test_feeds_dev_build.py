"""A development build (SITEURL = "") still writes complete, well-formed feeds."""

from __future__ import annotations

import feedparser
import pytest
from feed_checks import problems
from feed_sites import FEED_PATHS, LEAD, SECTION, build, write_news_site

pytestmark = pytest.mark.build

DEV_BASE = "http://127.0.0.1:8000"  # FEEDS_DEV_SITEURL's default


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds-dev")
    write_news_site(root / "content")
    return build(root / "content", root / "output", SITEURL="").output


@pytest.mark.parametrize("path", FEED_PATHS)
def test_dev_feeds_are_valid_with_the_fallback_base(output, path):
    assert problems(output / path, f"{DEV_BASE}/{path}") == []
    assert feedparser.parse(str(output / path)).bozo == 0


def test_dev_feed_links_and_content_are_absolute(output):
    feed = feedparser.parse(str(output / "feeds/all.atom.xml"))
    lead = feed.entries[0]
    assert lead.link == f"{DEV_BASE}/{SECTION}/{LEAD['slug']}.html"
    assert lead.id == f"tag:127.0.0.1,2024-03-01:/{SECTION}/{LEAD['slug']}.html"
    assert f'href="{DEV_BASE}/luu-tru/"' in lead.content[0].value
    assert lead.enclosures[0].href.startswith(f"{DEV_BASE}/images/")


def test_dev_pages_link_feeds_relative_to_the_site_root(output):
    html = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="/feeds/all.atom.xml"' in html


def test_dev_robots_points_to_the_fallback_sitemap(output):
    text = (output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {DEV_BASE}/sitemap.xml" in text
