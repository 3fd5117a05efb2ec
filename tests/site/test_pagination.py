"""Pagination file names never collide (see shared/domain/pelican-notes.md)."""

from __future__ import annotations

import pytest
from conftest import run_pelican, write_article

pytestmark = pytest.mark.build


def test_author_1_page_2_and_author_12_do_not_collide(tmp_path):
    content = tmp_path / "content"
    for author in ("Tác giả 1", "Tác giả 12"):
        for number in range(3):
            write_article(content, f"{author[-2:].strip()}-{number}.md",
                          Title=f"Bài {number} của {author}", Author=author,
                          Date=f"2022-04-1{number} 08:00")
    build = run_pelican(content, tmp_path / "output",
                        overrides={"PLUGINS": ["portal_content", "vn_format"],
                                   "DEFAULT_PAGINATION": 1})
    assert build.returncode == 0, build.log
    assert "FileOverwriteFailedError" not in build.log
    for slug in ("tac-gia-1", "tac-gia-12"):
        for page in ("", "trang/2/", "trang/3/"):
            soup = build.soup(f"tac-gia/{slug}/{page}index.html")
            titles = [a.get_text(strip=True) for a in soup.select("main h2 a, main h3 a")]
            author = "Tác giả 1" if slug == "tac-gia-1" else "Tác giả 12"
            assert any(title.endswith(f"của {author}") for title in titles), (slug, page)
            assert not any(title.endswith("của Tác giả 12") for title in titles
                           if slug == "tac-gia-1")


PER_PAGE = 2
# Two sections and two tags whose slugs are prefixes of each other ("tin-1", "tin-12"):
# with Pelican's default pattern page 2 of one is the other's file.
LISTED = {
    "Tin 1": {"tag": "Khóa 1", "count": 5},
    "Tin 12": {"tag": "Khóa 12", "count": 3},
}


@pytest.fixture(scope="module")
def paginated_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("paginated")
    content = root / "content"
    day = 1
    for section, spec in LISTED.items():
        for number in range(spec["count"]):
            write_article(content, f"{section[-2:].strip()}-{number}.md",
                          Title=f"Bài {number} – {section}", Category=section,
                          Tags=spec["tag"], Date=f"2022-03-{day:02d} 08:00")
            day += 1
    build = run_pelican(content, root / "output",
                        overrides={"PLUGINS": ["portal_content", "vn_format"],
                                   "DEFAULT_PAGINATION": PER_PAGE})
    assert build.returncode == 0, build.log
    assert "FileOverwriteFailedError" not in build.log
    return build


def output_path(url: str) -> str:
    """The file behind a root-relative URL of a listing page."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def walk_listing(build, first_url: str, item_selector: str) -> list[list[str]]:
    """Follow rel=next from the first page; checks each page's prev, current and numbered
    links on the way. Returns the titles listed on each page, in order."""
    pages, url, previous = [], first_url, None
    while url:
        number = len(pages) + 1
        soup = build.soup(output_path(url))
        nav = soup.select_one("nav.pagination")
        assert nav is not None, url
        assert nav.select_one("[aria-current=page]")["href"] == url
        prev = nav.select_one("a[rel=prev]")
        assert (prev["href"] if prev else None) == previous, url
        heading = soup.find("h1").get_text(" ", strip=True)
        assert heading.endswith(f"Trang {number}") == (number > 1), (url, heading)
        for link in nav.select("a.pagination__page"):
            assert (build.output / output_path(link["href"])).is_file(), link["href"]
        pages.append([a.get_text(strip=True) for a in soup.select(item_selector)])
        following = nav.select_one("a[rel=next]")
        previous, url = url, following["href"] if following else None
        assert url is None or (build.output / output_path(url)).is_file(), url
    return pages


def expected_titles(section: str | None = None) -> list[str]:
    """Titles of the fixture's articles (of one section, or all), newest first."""
    titles = [f"Bài {number} – {name}" for name, spec in LISTED.items()
              for number in range(spec["count"]) if section in (None, name)]
    return titles[::-1]


def assert_paginated(pages: list[list[str]], titles: list[str]) -> None:
    assert len(pages) == -(-len(titles) // PER_PAGE) >= 2
    assert all(len(page) == PER_PAGE for page in pages[:-1])
    assert [title for page in pages for title in page] == titles  # each once, in order


@pytest.mark.parametrize("section", LISTED)
def test_category_pages_paginate(paginated_site, section):
    slug = section.lower().replace(" ", "-")
    pages = walk_listing(paginated_site, f"/chuyen-muc/{slug}/", ".article-list .card__title a")
    assert_paginated(pages, expected_titles(section))


@pytest.mark.parametrize("section", LISTED)
def test_tag_pages_paginate(paginated_site, section):
    slug = "khoa-" + section.split()[-1]
    pages = walk_listing(paginated_site, f"/the/{slug}/", ".article-list .card__title a")
    assert_paginated(pages, expected_titles(section))


def test_archive_pages_paginate(paginated_site):
    pages = walk_listing(paginated_site, "/luu-tru/", ".archive-list a")
    assert_paginated(pages, expected_titles())
