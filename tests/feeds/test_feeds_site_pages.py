"""What the rendered site says about its feeds: autodiscovery, footer, the
"Theo dõi RSS" page, the sitemap and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from feed_sites import (
    ALL_SECTION,
    DRAFT_SLUG,
    FEED_PATHS,
    HIDDEN_SLUG,
    LEAD,
    SECTION,
    SITEURL,
    article_url,
    build,
    write_news_site,
)

pytestmark = pytest.mark.build

SITE_FEEDS = {
    ("application/rss+xml", f"{SITEURL}/feeds/all.rss.xml"),
    ("application/atom+xml", f"{SITEURL}/feeds/all.atom.xml"),
}
SECTION_FEEDS = {
    ("application/rss+xml", f"{SITEURL}/feeds/chuyen-muc/{SECTION}.rss.xml"),
    ("application/atom+xml", f"{SITEURL}/feeds/chuyen-muc/{SECTION}.atom.xml"),
}
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds-pages")
    write_news_site(root / "content")
    return build(root / "content", root / "output")


def advertised(site, page: str) -> set[tuple[str, str]]:
    head = site.soup(page).head
    return {(link["type"], link["href"]) for link in head.find_all("link", rel="alternate")
            if "type" in link.attrs}


def test_every_page_advertises_the_site_feeds(site):
    pages = [path.relative_to(site.output).as_posix() for path in site.html_files()]
    assert "index.html" in pages and "theo-doi-rss/index.html" in pages
    for page in pages:
        assert advertised(site, page) >= SITE_FEEDS, page


def test_autodiscovery_links_have_titles(site):
    links = site.soup("index.html").head.find_all("link", rel="alternate")
    titles = [link.get("title", "") for link in links]
    assert "Xây dựng Đảng – Công an tỉnh Hải Dương (RSS 2.0)" in titles
    assert "Xây dựng Đảng – Công an tỉnh Hải Dương (Atom)" in titles


def test_section_pages_also_advertise_their_section_feeds(site):
    assert advertised(site, f"chuyen-muc/{SECTION}/index.html") == SITE_FEEDS | SECTION_FEEDS
    other = advertised(site, f"chuyen-muc/{ALL_SECTION}/index.html")
    assert ("application/atom+xml", f"{SITEURL}/feeds/chuyen-muc/all.atom.xml") in other
    assert not SECTION_FEEDS & other


def test_article_pages_advertise_their_section_feeds(site):
    assert advertised(site, f"{SECTION}/{LEAD['slug']}.html") == SITE_FEEDS | SECTION_FEEDS


def test_home_page_advertises_only_the_site_feeds(site):
    assert advertised(site, "index.html") == SITE_FEEDS


def test_footer_links_to_the_feeds_and_the_rss_page(site):
    footer = site.soup(f"chuyen-muc/{SECTION}/index.html").find("footer", class_="site-footer")
    hrefs = {a["href"] for a in footer.find_all("a")}
    assert {href for _, href in SITE_FEEDS | SECTION_FEEDS} <= hrefs
    assert f"{SITEURL}/theo-doi-rss/" in hrefs
    home = site.soup("index.html").find("footer", class_="site-footer")
    assert {href for _, href in SITE_FEEDS} <= {a["href"] for a in home.find_all("a")}


def test_rss_page_lists_every_feed(site):
    page = site.soup("theo-doi-rss/index.html")
    assert page.title.get_text().startswith("Theo dõi RSS – ")
    assert page.find("h1").get_text(strip=True) == "Theo dõi RSS"
    main = page.find("main")
    hrefs = {a["href"] for a in main.find_all("a")}
    assert {f"{SITEURL}/{path}" for path in FEED_PATHS} <= hrefs
    written = {f"{SITEURL}/{p.relative_to(site.output).as_posix()}"
               for p in (site.output / "feeds").rglob("*.xml")}
    assert written <= hrefs
    assert "Phát triển đảng viên" in main.get_text()
    assert page.find("header", class_="site-header") is not None  # extends base.html


def sitemap_urls(site) -> list[str]:
    root = ET.parse(site.output / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    return [url.findtext(f"{SITEMAP_NS}loc") for url in root.findall(f"{SITEMAP_NS}url")]


def test_sitemap_is_well_formed_with_absolute_urls(site):
    urls = sitemap_urls(site)
    assert urls and all(url.startswith(f"{SITEURL}/") for url in urls)
    assert len(urls) == len(set(urls))


def test_sitemap_lists_articles_pages_and_the_rss_page(site):
    urls = set(sitemap_urls(site))
    assert article_url(LEAD["slug"]) in urls
    assert f"{SITEURL}/gioi-thieu/" in urls
    assert f"{SITEURL}/theo-doi-rss/" in urls
    assert f"{SITEURL}/chuyen-muc/{SECTION}/" in urls


def test_sitemap_leaves_out_drafts_and_hidden_articles(site):
    text = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert DRAFT_SLUG not in text
    assert HIDDEN_SLUG not in text


def test_robots_txt_points_to_the_sitemap(site):
    assert (site.output / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\n"
        "Disallow: /search\n"
        "Disallow: /api/\n"
        "\n"
        f"Sitemap: {SITEURL}/sitemap.xml\n"
    )
