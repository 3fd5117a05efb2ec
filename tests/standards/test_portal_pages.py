"""What a party or state portal carries, asserted on the sample site's HTML and files,
as `make html` and `make publish` build it: identification lines, higher-level portals,
the English page, sharing and Dublin Core metadata, absolute canonical and sitemap URLs
naming the port served, per-page lastmod, the RSS channel image, the JSON export, and
the content fixes of issue 16."""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import CONTENT, REPO, run_pelican
from lxml import etree
from standards_kit import ARTICLE, PUBLISH_URL

SETTINGS = runpy.run_path(str(REPO / "pelicanconf.py"))
IDENT = SETTINGS["PORTAL_IDENTIFICATION"]
IMAGE_NS = "{http://www.google.com/schemas/sitemap-image/1.1}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DEV_URL = "http://127.0.0.1:8000"
FEEDS_DIR = REPO / "tests" / "feeds"
if str(FEEDS_DIR) not in sys.path:
    sys.path.append(str(FEEDS_DIR))
from feed_checks import problems as feed_problems  # noqa: E402

pytestmark = pytest.mark.build


def pages_of(build) -> list[str]:
    return [p.relative_to(build.output).as_posix() for p in build.html_files()]


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


# Identification, higher-level portals, English and contact pages ---------------------

def test_every_page_carries_the_identification_lines(sample_build):
    for page in pages_of(sample_build):
        footer = sample_build.soup(page).find("footer", class_="site-footer")
        words = text(footer)
        assert IDENT["unit"] in words, page
        for label, key in (("Chịu trách nhiệm nội dung:", "responsible"),
                           ("Giấy phép:", "licence"), ("Địa chỉ:", "address"),
                           ("Điện thoại:", "phone"), ("Thư điện tử:", "email")):
            assert f"{label} {IDENT[key]}" in words, (page, label)
        portals = footer.find("nav", attrs={"aria-labelledby": "footer-portals-title"})
        assert [(a.get_text(strip=True), a["href"]) for a in portals.find_all("a")] == \
            [tuple(link) for link in SETTINGS["PORTAL_PARENT_LINKS"]]
        english = footer.find("a", hreflang="en")
        assert english["href"] == "/en/" and english["lang"] == "en", page


def test_a_unit_without_licence_shows_no_licence_line(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "gioi-thieu.md").write_text("Title: Giới thiệu\n\nTrang.\n",
                                                     encoding="utf-8")
    build = run_pelican(content, tmp_path / "output",
                        overrides={"PORTAL_IDENTIFICATION": {**IDENT, "licence": ""}})
    assert build.returncode == 0, build.log
    footer = text(build.soup("gioi-thieu/index.html").find("footer"))
    assert "Giấy phép" not in footer and "Chịu trách nhiệm nội dung" in footer


def test_english_page_says_who_we_are_what_we_do_and_how_to_reach_us(sample_build):
    soup = sample_build.soup("en/index.html")
    article = soup.find("main").find("article")
    assert article["lang"] == "en"
    words = text(article)
    english = SETTINGS["PORTAL_ENGLISH"]
    assert english["unit"] in soup.find("h1").get_text()
    for line in (english["intro"], *english["functions"], english["address"],
                 english["responsible"], IDENT["phone"], IDENT["email"]):
        assert line in words
    assert soup.find("title").get_text().startswith(english["title"])
    assert soup.find("link", rel="canonical")["href"] == f"{DEV_URL}/en/"


def test_contact_page_has_the_real_lines_and_no_placeholder(sample_build):
    main = sample_build.soup("lien-he/index.html").find("main")
    words = text(main)
    for key in ("address", "phone", "email", "responsible"):
        assert IDENT[key] in words, key
    assert not re.search(r"\.\.\.|…|000 0000|Số 1 đường", words), words


def test_static_pages_do_not_skip_heading_levels(sample_build):
    for page in ("gioi-thieu/index.html", "lien-he/index.html", "en/index.html"):
        levels = [int(h.name[1]) for h in sample_build.soup(page).find("main")
                  .find_all(re.compile(r"^h[1-6]$"))]
        steps = zip(levels, levels[1:], strict=False)
        assert levels[0] == 1 and all(b - a <= 1 for a, b in steps), page


# Sharing and catalogue metadata ---------------------------------------------------------

def metas(soup, attribute: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in soup.find_all("meta", attrs={attribute: True}):
        found.setdefault(meta[attribute], []).append(meta["content"])
    return found


def test_article_has_open_graph_twitter_and_dublin_core(publish_build):
    soup = publish_build.soup(ARTICLE)
    address = f"{PUBLISH_URL}/{ARTICLE}"
    title = soup.find("h1").get_text(strip=True)
    og = metas(soup, "property")
    assert og["og:type"] == ["article"] and og["og:title"] == [title]
    assert og["og:url"] == [address] and og["og:locale"] == ["vi_VN"]
    assert og["og:image"] == [f"{PUBLISH_URL}/theme/img/emblem-144.png"]  # no SVG
    assert og["og:description"][0] and og["article:published_time"][0].startswith("2022-04-19")
    assert len(og["og:description"][0]) <= 201  # cut at a word, as previews show it
    named = metas(soup, "name")
    assert named["twitter:card"] == ["summary"] and "twitter:title" not in named  # og: serve
    assert soup.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
    byline = soup.select_one(".byline--author a").get_text(strip=True)
    editor = soup.select_one(".byline--editor").get_text(strip=True).removeprefix("Biên tập: ")
    assert named["DC.title"] == [title] and named["DC.creator"] == [byline]
    assert named["DC.contributor"] == [editor]
    assert named["DC.publisher"] == [SETTINGS["SITE_UNIT"]]
    assert named["DC.identifier"] == [address] and named["DC.language"] == ["vi"]
    assert named["DC.date"][0].startswith("2022-04-19T16:27")
    assert named["DC.description"][0] and "Tin hoạt động" in named["DC.subject"]


def test_static_pages_carry_the_mandatory_dublin_core_fields(publish_build):
    named = metas(publish_build.soup("gioi-thieu/index.html"), "name")
    for field in ("title", "creator", "date", "description", "publisher", "identifier"):
        assert named.get(f"DC.{field}", [""])[0], field  # TCVN 7980's mandatory ones
    assert named["DC.creator"] == [SETTINGS["SITE_UNIT"]]  # no author: the unit
    assert named["DC.identifier"] == [f"{PUBLISH_URL}/gioi-thieu/"]


def test_share_links_are_plain_links_with_the_article_address(publish_build):
    soup = publish_build.soup(ARTICLE)
    links = soup.select(".share-links a")
    assert [a.get_text(" ", strip=True).split(" (")[0] for a in links] == ["Facebook", "Zalo"]
    for link in links:
        query = parse_qs(urlsplit(link["href"]).query)
        assert f"{PUBLISH_URL}/{ARTICLE}" in [v for values in query.values() for v in values]
    hosts = {urlsplit(s["src"]).netloc for s in soup.find_all("script", src=True)}
    assert hosts == {urlsplit(PUBLISH_URL).netloc}  # the site's own scripts only


# Absolute URLs in every build mode, the port served -------------------------------------

@pytest.mark.parametrize("mode", ["dev", "publish"])
def test_every_page_has_an_absolute_canonical_link(sample_build, publish_build, mode):
    build, base = (sample_build, DEV_URL) if mode == "dev" else (publish_build, PUBLISH_URL)
    for page in pages_of(build):
        canonical = build.soup(page).find_all("link", rel="canonical")
        if page == "404.html":
            assert canonical == []  # served at any missing address
            continue
        assert len(canonical) == 1, page
        expected = re.sub(r"(^|/)index\.html$", r"\1", page)
        assert canonical[0]["href"] == f"{base}/{expected}", page


@pytest.fixture(scope="module")
def port_build(tmp_path_factory):
    """A development build told it is served on port 8123 (as `make serve PORT=8123`)."""
    root = tmp_path_factory.mktemp("port")
    build = run_pelican(CONTENT, root / "output",
                        env={"PORTAL_DEV_SITEURL": "http://127.0.0.1:8123"})
    assert build.returncode == 0, build.log
    return build


def test_dev_build_names_the_port_it_is_served_on(port_build):
    base = "http://127.0.0.1:8123"
    output = port_build.output
    assert f"Sitemap: {base}/sitemap.xml" in (output / "robots.txt").read_text()
    for feed in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        body = (output / feed).read_text(encoding="utf-8")
        assert ":8000" not in body and f"{base}/" in body, feed
        assert feed_problems(output / feed, f"{base}/{feed}") == []
    assert ":8000" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    soup = port_build.soup(ARTICLE)
    assert soup.find("link", rel="canonical")["href"] == f"{base}/{ARTICLE}"
    assert metas(soup, "property")["og:url"] == [f"{base}/{ARTICLE}"]


def test_make_passes_the_port_to_the_build(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "PORT=8124", f"OUTPUTDIR={tmp_path / 'out'}",
         f"PELICANOPTS=-e CACHE_PATH='\"{tmp_path / 'cache'}\"'"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PORTAL_DEV_SITEURL"})
    assert result.returncode == 0, result.stdout + result.stderr
    robots = (tmp_path / "out" / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8124/sitemap.xml" in robots


# Sitemap --------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["dev", "publish"])
def test_sitemap_follows_the_sitemaps_org_rules(sample_build, publish_build, mode):
    build, base = (sample_build, DEV_URL) if mode == "dev" else (publish_build, PUBLISH_URL)
    path = build.output / "sitemap.xml"
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("sitemaps.xsd"))))
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    images = {image.findtext(f"{IMAGE_NS}loc") for image in document.iter(f"{IMAGE_NS}image")}
    assert f"{base}/images/le-ket-nap-dang-vien.svg" in images  # a lead photo, listed
    assert all(url.startswith(f"{base}/images/") for url in images)
    assert path.stat().st_size <= 50 * 1024 * 1024
    urls = [loc.text for loc in document.iter(f"{SITEMAP_NS}loc")]
    assert 0 < len(urls) <= 50_000 and len(urls) == len(set(urls))
    for url in urls:  # absolute, on the sitemap's own host, escaped, a page that exists
        assert url.startswith(f"{base}/") and " " not in url, url
        relative = unquote(url[len(base) + 1:])
        target = build.output / relative
        assert (target / "index.html" if relative.endswith("/") or not relative
                else target).is_file(), url
    listed = {unquote(u[len(base) + 1:]) for u in urls}
    assert f"{ARTICLE}" in listed and "en/" in listed and "404.html" not in listed
    hidden = [p for p in (CONTENT / "articles").rglob("*.md")
              if re.search(r"^Status: hidden", p.read_text("utf-8"), re.M)]
    assert hidden  # a page of its own, but in no list and not in the sitemap
    assert sum(1 for p in pages_of(build) if p != "404.html") == len(urls) + len(hidden)


def test_sitemap_lastmod_is_what_each_page_shows(publish_build):
    root = ET.parse(publish_build.output / "sitemap.xml").getroot()
    lastmod = {url.findtext(f"{SITEMAP_NS}loc")[len(PUBLISH_URL) + 1:]:
               url.findtext(f"{SITEMAP_NS}lastmod") for url in root}
    soup = publish_build.soup(ARTICLE)
    times = [t["datetime"] for t in soup.select(".article__dateline time")]
    assert lastmod[ARTICLE] == max(times)
    export = json.loads((publish_build.output / "du-lieu/bai-viet.json").read_text("utf-8"))
    changed = {a["url"]: a["modified"] for a in export["articles"]}  # update, else date
    lists = 0
    for listing in lastmod:  # every list page: the newest change among what it lists
        if listing.endswith(".html"):
            continue
        page = publish_build.soup(listing + "index.html")
        shown = {a["href"] for a in page.select("main .card__title a")}
        if shown:
            lists += 1
            assert lastmod[listing] == max(changed[url] for url in shown), listing
    assert lists >= 20 and "" in lastmod and lastmod["trang/2/"] < lastmod[""]
    counts = Counter(value for value in lastmod.values() if value)
    assert counts.most_common(1)[0][1] <= len(lastmod) / 5, counts.most_common(3)
    assert lastmod["en/"] is None and lastmod["thong-ke/"] is None  # nothing dated shown


# Feeds ----------------------------------------------------------------------------------

def test_rss_channel_image_has_width_and_height(publish_build):
    channel = ET.parse(publish_build.output / "feeds/all.rss.xml").getroot().find("channel")
    image = channel.find("image")
    assert image.findtext("url") == f"{PUBLISH_URL}/theme/img/emblem-144.png"
    assert (image.findtext("width"), image.findtext("height")) == ("144", "144")
    assert feed_problems(publish_build.output / "feeds/all.rss.xml",
                         f"{PUBLISH_URL}/feeds/all.rss.xml") == []


# JSON export ----------------------------------------------------------------------------

def test_json_export_lists_every_published_article(publish_build, sample_build):
    data = json.loads((publish_build.output / "du-lieu/bai-viet.json").read_text("utf-8"))
    sources = [p for p in (CONTENT / "articles").rglob("*.md")
               if not re.search(r"^Status: (draft|hidden)", p.read_text("utf-8"), re.M)]
    assert data["count"] == len(data["articles"]) == len(sources)
    assert data["publisher"] == SETTINGS["SITE_UNIT"] and data["language"] == "vi"
    dates = [a["date"] for a in data["articles"]]
    assert dates == sorted(dates, reverse=True)
    record = next(a for a in data["articles"] if a["url"] == f"{PUBLISH_URL}/{ARTICLE}")
    soup = publish_build.soup(ARTICLE)
    assert record["title"] == soup.find("h1").get_text(strip=True)
    assert record["creator"] == [soup.select_one(".byline--author a").get_text(strip=True)]
    assert record["identifier"] == record["url"] and record["category"] == "Tin hoạt động"
    assert record["description"] and "<" not in record["description"]
    assert record["date"].startswith("2022-04-19T16:27:00+07:00")
    dev = json.loads((sample_build.output / "du-lieu/bai-viet.json").read_text("utf-8"))
    assert dev["articles"][0]["url"].startswith(f"{DEV_URL}/")
    footer = publish_build.soup("index.html").find("footer")
    assert footer.find("a", href="/du-lieu/bai-viet.json".join([PUBLISH_URL, ""]))


# Content and layout fixes ---------------------------------------------------------------

def article_links(soup) -> list[str]:
    """Article URLs the page lists (titles, not the photo links beside them)."""
    return [a["href"] for a in soup.select(
        "main .card__title a, main .link-list__item > a, aside .card__title a, "
        "aside .link-list__item > a") if a["href"].endswith(".html")]


def test_home_page_shows_each_article_once(sample_build):
    links = article_links(sample_build.soup("index.html"))
    assert len(links) >= 15
    assert [url for url, n in Counter(links).items() if n > 1] == []


@pytest.mark.parametrize("page", ["chuyen-muc/phat-trien-dang-vien/index.html", ARTICLE,
                                  "trang/2/index.html"])
def test_side_latest_news_leaves_out_what_the_main_column_lists(sample_build, page):
    soup = sample_build.soup(page)
    main = {a["href"] for a in soup.select("main a") if a["href"].endswith(".html")}
    main.add(f"/{ARTICLE}" if page == ARTICLE else "")
    side = [a["href"] for a in soup.select("aside .sidebar-box--latest .link-list__item > a")]
    assert not set(side) & main


def test_progress_value_never_exceeds_its_maximum(sample_build):
    for page in pages_of(sample_build):
        for bar in sample_build.soup(page).find_all("progress"):
            assert float(bar["value"]) <= float(bar["max"]), page


def test_panel_source_is_not_a_link_to_the_article_being_read(sample_build):
    home = sample_build.soup("index.html").select_one(".stats-panel__source a")
    source = home["href"].lstrip("/")
    soup = sample_build.soup(source)
    line = soup.select_one(".stats-panel__source")
    assert line.find("a") is None and "bài viết đang đọc" in line.get_text()
