"""Bad content: a development build names each problem and builds the rest;
a publish build fails non-zero listing all of them."""

from __future__ import annotations

import pytest
from conftest import run_pelican, write_article

PLUGINS = ["portal_content", "vn_format"]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-input") / "content"
    write_article(folder, "good.md", Title="Bài viết hợp lệ")
    write_article(folder, "bad-date.md", Title="Ngày không có thật", Date="2023-02-30 10:00")
    write_article(folder, "no-author.md", Title="Thiếu tác giả", Author=None)
    write_article(folder, "no-editor.md", Title="Thiếu biên tập", Editor=None)
    write_article(folder, "no-image.md", Title="Thiếu ảnh", Image="images/khong-co.svg")
    write_article(folder, "dup-1.md", Title="Tiêu đề trùng nhau")
    write_article(folder, "dup-2.md", Title="Tiêu đề trùng nhau", Date="2022-05-01 08:00")
    write_article(folder, "script.md", Title="<script>alert('t')</script> Tin nóng",
                  Author="<b>Kẻ</b> xấu")
    return folder


@pytest.fixture(scope="module")
def dev_build(content):
    return run_pelican(content, content.parent / "dev", overrides={"PLUGINS": PLUGINS})


EXPECTED = [
    "articles/bad-date.md: Date: '2023-02-30 10:00' is not a real date",
    "articles/no-author.md: Author: missing",
    "articles/no-editor.md: Editor: missing",
    "articles/no-image.md: Image: 'images/khong-co.svg' does not exist",
    "articles/dup-2.md: Slug: 'tieu-de-trung-nhau' is already used by articles/dup-1.md",
]


@pytest.mark.parametrize("message", EXPECTED)
def test_dev_build_names_file_field_and_expectation(dev_build, message):
    assert dev_build.returncode == 0, dev_build.log
    assert message in dev_build.log


def test_dev_build_builds_the_rest(dev_build):
    built = {p.name for p in dev_build.output.glob("phat-trien-dang-vien/*.html")}
    assert built == {"bai-viet-hop-le.html", "tieu-de-trung-nhau.html",
                     "alertt-tin-nong.html"}
    kept = dev_build.soup("phat-trien-dang-vien/tieu-de-trung-nhau.html")
    assert "19/04/2022" in kept.get_text()  # dup-1's date: the first file is the one kept


def test_title_and_author_are_escaped(dev_build):
    for page in dev_build.html_files():
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<b>Kẻ</b>" not in html, page
    article = dev_build.soup("phat-trien-dang-vien/alertt-tin-nong.html")
    assert "<script>alert('t')</script> Tin nóng" in article.find("h1").get_text()
    assert "<b>Kẻ</b> xấu" in article.get_text()


def test_publish_build_fails_listing_every_problem(content):
    build = run_pelican(content, content.parent / "publish", conf="publishconf.py",
                        overrides={"PLUGINS": PLUGINS})
    assert build.returncode != 0
    assert "5 content error(s); nothing was published" in build.log
    for message in EXPECTED:
        assert message in build.log


def test_publish_fails_on_a_file_pelican_cannot_process(tmp_path):
    folder = tmp_path / "content"
    write_article(folder, "good.md")
    (folder / "articles" / "broken.md").write_bytes(b"Title: \xff\xfe broken\n\nbody\n")
    build = run_pelican(folder, tmp_path / "out", conf="publishconf.py",
                        overrides={"PLUGINS": PLUGINS})
    assert build.returncode != 0
    assert "Could not process" in build.log and "broken.md" in build.log
    dev = run_pelican(folder, tmp_path / "dev", overrides={"PLUGINS": PLUGINS})
    assert dev.returncode == 0
