"""The sample site, built with the development settings, asserted on its HTML."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import CONTENT, REPO, front_matter

pytestmark = pytest.mark.build

DATELINE = re.compile(
    r"^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}/\d{2}/\d{4}, \d{2}:\d{2} \[GMT\+7\]$"
)


def published_sources() -> list[tuple[Path, dict[str, str]]]:
    found = []
    for path in sorted((CONTENT / "articles").rglob("*.md")):
        meta = front_matter(path)
        if meta.get("status", "published") == "published":
            found.append((path, meta))
    return found


def article_page(build, meta):
    """The rendered page of an article, found by its title in the section folder."""
    for page in build.output.glob("*/*.html"):
        soup = build.soup(str(page.relative_to(build.output)))
        h1 = soup.find("h1")
        if h1 and h1.get_text(strip=True) == meta["title"]:
            return soup
    raise AssertionError(f"no page for {meta['title']!r}")


def test_sample_content_is_big_enough():
    sources = published_sources()
    assert len(sources) >= 15
    assert len({meta["category"] for _, meta in sources}) >= 4


def test_dateline_in_portal_style(sample_build):
    soup = sample_build.soup(
        "tin-hoat-dong/trang-trong-le-ket-nap-dang-vien-tai-chi-bo-phong-canh-sat-giao-thong.html"
    )
    time = soup.select_one(".article__dateline time")
    assert time.get_text(strip=True) == "Thứ Ba, 19/04/2022, 16:27 [GMT+7]"
    assert time["datetime"] == "2022-04-19T16:27:00+07:00"


@pytest.mark.parametrize(("path", "meta"), published_sources(),
                         ids=lambda v: getattr(v, "stem", ""))
def test_every_article_has_dateline_and_bylines(sample_build, path, meta):
    soup = article_page(sample_build, meta)
    assert DATELINE.match(soup.select_one(".article__dateline time").get_text(strip=True))
    bylines = soup.select_one(".bylines").get_text(" ", strip=True)
    authors = meta.get("authors", meta.get("author", "")).split(";")
    assert bylines.startswith("Bài:")
    for author in authors:
        assert author.strip() in bylines
    assert f"Biên tập: {meta['editor']}" in bylines  # an editor with a comma stays whole
    if "source" in meta:
        assert f"Nguồn: {meta['source']}" in bylines
    else:
        assert "Nguồn:" not in bylines


BODY_PHOTO = re.compile(r"^!\[([^\]]+)\]\([^)]+\)\s*$", re.MULTILINE)


def test_captions_under_lead_and_body_photos(sample_build):
    leads = body = 0
    for path, meta in published_sources():
        soup = article_page(sample_build, meta)
        if "image" in meta:
            figure = soup.select_one(".article__figure")
            image = figure.find("img")
            assert image["src"] == "/" + meta["image"]
            assert figure.find("figcaption").get_text(strip=True) == meta["image_caption"]
            # The caption is the text alternative; an alt repeating it is read twice.
            assert image["alt"] == "", meta["title"]
            leads += 1
        captions = BODY_PHOTO.findall(path.read_text(encoding="utf-8"))
        figures = soup.select(".article__content figure")
        assert [f.find("figcaption").get_text(strip=True) for f in figures] == captions
        body += len(figures)
    assert leads >= 5 and body >= 2


def test_modified_line_only_on_updated_articles(sample_build):
    updated = 0
    for _, meta in published_sources():
        soup = article_page(sample_build, meta)
        modified = soup.select_one(".article__dateline .article__modified")
        if "modified" not in meta:
            assert modified is None, meta["title"]
            continue
        day, clock = meta["modified"].split()
        year, month, date = day.split("-")
        assert modified.get_text(" ", strip=True) == f"Cập nhật: {date}/{month}/{year} {clock}"
        assert modified.find("time")["datetime"] == f"{day}T{clock}:00+07:00"
        updated += 1
    assert updated >= 2


def listing_pages(build, url: str):
    """A paginated listing's pages, from its first URL along rel=next."""
    while url:
        soup = build.soup(url.lstrip("/") + "index.html")
        yield soup
        following = soup.select_one(".pagination a[rel=next]")
        url = following["href"] if following else None


def test_article_tags_link_to_their_tag_pages(sample_build):
    tagged = 0
    for _, meta in published_sources():
        soup = article_page(sample_build, meta)
        links = soup.select(".article__tags a.tag")
        names = [name.strip() for name in meta.get("tags", "").split(",") if name.strip()]
        # casefold: tags are one by slug, shown as first spelled (see pelican-notes.md)
        assert [link.get_text(strip=True).casefold() for link in links] == [
            name.casefold() for name in names], meta["title"]
        for link in links:
            assert link["href"].startswith("/the/") and link["href"].endswith("/"), link
            pages = list(listing_pages(sample_build, link["href"]))
            assert pages[0].find("h1").get_text(strip=True) == f"Từ khóa: {link.get_text()}"
            listed = {a.get_text(strip=True) for page in pages
                      for a in page.select(".article-list .card__title a")}
            assert meta["title"] in listed, (meta["title"], link["href"])
        tagged += bool(links)
    assert tagged >= 10


def test_other_news_lists_only_the_same_section(sample_build):
    for _, meta in published_sources():
        soup = article_page(sample_build, meta)
        related = soup.select(".related a")
        assert related, meta["title"]
        section = soup.select(".breadcrumb a")[-1]["href"]
        for link in related:
            assert link.get_text(strip=True) != meta["title"]
            target = sample_build.soup(link["href"].lstrip("/"))
            assert target.select(".breadcrumb a")[-1]["href"] == section


def test_home_page_sections(sample_build):
    soup = sample_build.soup("index.html")
    text = soup.get_text(" ", strip=True)
    assert "Tin nổi bật" in text and "Mới nhất" in text
    featured = {m["title"] for _, m in published_sources() if m.get("featured") == "yes"}
    for title in featured:
        assert title in text


def test_pagination_pages_exist_and_link_each_other(sample_build):
    total = len(published_sources())
    pages = -(-total // 10)
    assert pages >= 2
    for number in range(2, pages + 1):
        soup = sample_build.soup(f"trang/{number}/index.html")
        assert soup.select(".pagination a")
    second = sample_build.soup("trang/2/index.html")
    hrefs = {a["href"] for a in second.select(".pagination a")}
    assert "/" in hrefs


def test_drafts_never_reach_the_output(sample_build):
    for path in sample_build.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt"}:
            assert "Bảnnhápbímật" not in path.read_text(encoding="utf-8"), path
    assert not (sample_build.output / "drafts").exists()


def test_hidden_article_has_a_page_but_is_not_listed(sample_build):
    hidden = [m for p in sorted((CONTENT / "articles").rglob("*.md"))
              if (m := front_matter(p)).get("status") == "hidden"]
    assert hidden
    for meta in hidden:
        article_page(sample_build, meta)
        assert meta["title"] not in sample_build.soup("index.html").get_text()


def internal_targets(build, page: Path):
    soup = build.soup(str(page.relative_to(build.output)))
    for tag, attr in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
        for element in soup.find_all(tag):
            value = element.get(attr)
            if value:
                yield value


def resolve(build, page: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    path = unquote(parts.path)
    base = build.output if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if path.endswith("/") else target


SERVICE_PATHS = ("/search", "/api/search")
# The only links off the site: the higher-level portals and the share pages
# (pelicanconf.py PORTAL_PARENT_LINKS, PORTAL_SHARE_LINKS), plain links loading nothing.
SETTINGS = runpy.run_path(str(REPO / "pelicanconf.py"))
OFF_SITE = ({urlsplit(url).netloc for _, url in SETTINGS["PORTAL_PARENT_LINKS"]}
            | {urlsplit(url).netloc for _, url in SETTINGS["PORTAL_SHARE_LINKS"]}
            | {"purl.org"})  # <link rel="schema.DC">: names Dublin Core, never loaded


def test_every_internal_link_and_image_resolves(sample_build):
    missing = []
    for page in sample_build.html_files():
        for url in internal_targets(sample_build, page):
            if url.startswith(("mailto:", "tel:")) or url.split("?")[0] in SERVICE_PATHS:
                continue
            if urlsplit(url).netloc in OFF_SITE:
                continue
            if url.startswith(SETTINGS["SITE_DEV_URL"] + "/"):  # canonical: absolute
                url = url[len(SETTINGS["SITE_DEV_URL"]):]
            assert not urlsplit(url).netloc, f"{page}: link off the site: {url}"
            target = resolve(sample_build, page, url)
            if target is not None and not target.is_file():
                missing.append(f"{page.relative_to(sample_build.output)} -> {url}")
    assert missing == []


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_REFERENCE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


def css_references(css: str) -> list[str]:
    """Every url(...) and @import target in a stylesheet, outside comments."""
    return [next(group for group in match.groups() if group is not None)
            for match in CSS_REFERENCE.finditer(CSS_COMMENT.sub("", css))]


def test_css_references_are_found():
    css = """/* url(commented.png) */ a { background: url( "a b.svg" ) }
    b { background: url('/theme/img/x.png'), url(../img/y.svg?v=1) } @import "print.css";
    i { mask: url(data:image/svg+xml;utf8,<svg/>) }"""
    assert css_references(css) == [
        "a b.svg", "/theme/img/x.png", "../img/y.svg?v=1", "print.css",
        "data:image/svg+xml;utf8,<svg/>"]


def test_every_css_reference_resolves(sample_build):
    stylesheets = sorted((sample_build.output / "theme").rglob("*.css"))
    assert {"site.css", "print.css"} <= {path.name for path in stylesheets}
    missing = []
    for stylesheet in stylesheets:
        for url in css_references(stylesheet.read_text(encoding="utf-8")):
            if url.startswith(("data:", "#")):
                continue
            assert not urlsplit(url).netloc, f"{stylesheet}: reference off the site: {url}"
            target = resolve(sample_build, stylesheet, url)
            if target is not None and not target.is_file():
                missing.append(f"{stylesheet.relative_to(sample_build.output)} -> {url}")
    assert missing == []


def test_static_pages_and_404(sample_build):
    assert sample_build.soup("gioi-thieu/index.html").find("h1").get_text(strip=True) == (
        "Giới thiệu")
    assert sample_build.soup("lien-he/index.html").find("h1")
    assert "Không tìm thấy" in sample_build.soup("404.html").get_text()


def test_pages_are_vietnamese_with_landmarks_and_a_skip_link(sample_build):
    for page in sample_build.html_files():
        soup = sample_build.soup(str(page.relative_to(sample_build.output)))
        assert soup.find("html")["lang"] == "vi"
        skip = soup.find("a", href="#main")
        assert skip is not None, page
        assert soup.find(id="main") is not None
        for landmark in ("header", "nav", "main", "footer"):
            assert soup.find(landmark) is not None, (page, landmark)
        assert len(soup.find_all("h1")) == 1, page
        ids = [e["id"] for e in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), page
        for img in soup.find_all("img"):
            assert img.has_attr("alt"), page


def test_motto_and_search_box_on_every_page(sample_build):
    for page in sample_build.html_files():
        soup = sample_build.soup(str(page.relative_to(sample_build.output)))
        assert "ĐOÀN KẾT – DÂN CHỦ – KỶ CƯƠNG – TRÁCH NHIỆM – HIỆU QUẢ" in soup.get_text()
        form = soup.find("form", attrs={"role": "search"})
        assert form["action"] == "/search" and form["method"].lower() == "get"
        assert form.find("input", attrs={"name": "q"}) is not None
