"""Pagination file names never collide (see shared/domain/pelican-notes.md)."""

from __future__ import annotations

from conftest import run_pelican, write_article


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
