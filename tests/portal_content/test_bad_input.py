"""Bad content: a development build names each problem and builds the rest;
a publish build fails non-zero listing all of them.

These builds print the messages in English, as developers ask for them
(PORTAL_MESSAGES_LANGUAGE); test_editor_mistakes.py pins the editors' Vietnamese ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO, Build, run_pelican, write_article

pytestmark = pytest.mark.build

PLUGINS = ["portal_content", "vn_format"]
ENGLISH = {"PLUGINS": PLUGINS, "PORTAL_MESSAGES_LANGUAGE": "en"}
BROKEN_LINKS = ("Xem ![Ảnh]({static}/images/khong-co.svg) và "
                "[bài cũ]({filename}/articles/khong-co.md).")


def flat(log: str) -> str:
    """The log with the console's line wrapping undone."""
    return " ".join(log.split())


def run_pelican_with(options: list[str], content, output, conf="publishconf.py") -> Build:
    """Pelican with command-line options, as `make publish PELICANOPTS=-q` runs it."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
               "-s", str(REPO / conf), *options,
               "-e", *(f"{key}={json.dumps(value)}" for key, value in ENGLISH.items()),
               f"CACHE_PATH={json.dumps(str(output) + '-cache')}"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "COLUMNS": "250"})
    return Build(result.returncode, result.stdout + result.stderr, output, content)


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
    (folder / "articles" / "anh.svg").write_text("<svg/>")
    write_article(folder, "outside.md", Title="Ảnh ngoài thư mục ảnh", Image="articles/anh.svg")
    write_article(folder, "empty-slug.md", Title="Tác giả không thành tên",
                  Author="<img src=x onerror=alert(2)>")
    write_article(folder, "bad-stats.md", Title="Số liệu sai", Stats_Period="2024",
                  Stats_Admitted="\u0661\u0662")
    write_article(folder, "broken-links.md", BROKEN_LINKS, Title="Liên kết hỏng")
    return folder


@pytest.fixture(scope="module")
def dev_build(content):
    return run_pelican(content, content.parent / "dev", overrides=ENGLISH)


# file:line: field: message. Lines 1-5 are VALID_ARTICLE's fields, a missing one is
# placed at the blank line ending the header, the body starts on line 7.
EXPECTED = [
    "articles/bad-date.md:2: Date: '2023-02-30 10:00' is not a real date",
    "articles/no-author.md:5: Author: missing",
    "articles/no-editor.md:5: Editor: missing",
    "articles/no-image.md:6: Image: 'images/khong-co.svg' does not exist",
    "articles/dup-2.md:1: Slug: 'tieu-de-trung-nhau' is already used by articles/dup-1.md",
    "articles/anh.svg: a .svg file is not a Markdown article and is not built",
    "articles/outside.md:6: Image: 'articles/anh.svg' is not in content/images/, so it would "
    "not be published; expected a path such as images/ten-anh.svg, a file in content/images/",
    "articles/empty-slug.md:4: Author: '<img src=x onerror=alert(2)>' has no letter or digit",
    "articles/bad-stats.md:7: Stats_Admitted: '\u0661\u0662' is not a whole number; expected "
    "digits 0-9",
    "articles/broken-links.md:7: Body: link '{static}/images/khong-co.svg' leads nowhere "
    "(no such file); expected a path from the content folder: {static}/images/ten-anh.svg",
    "articles/broken-links.md:7: Body: link '{filename}/articles/khong-co.md' leads nowhere "
    "(no such article, page or file)",
]


@pytest.mark.parametrize("message", EXPECTED)
def test_dev_build_names_file_field_and_expectation(dev_build, message):
    assert dev_build.returncode == 0, dev_build.log
    assert flat(message) in flat(dev_build.log)


def test_each_problem_is_logged_once(dev_build):
    log = flat(dev_build.log)
    assert "Could not process" not in log  # Pelican's line, without the reason
    assert "Unable to find" not in log  # Pelican's line, without the article
    for message in EXPECTED:
        assert log.count(flat(message)) == 1, message


def test_dev_build_builds_the_rest(dev_build):
    """Files with errors are left out; a bad statistics field or a broken link is not
    a reason to hide the article from the editors' preview."""
    built = {p.name for p in dev_build.output.glob("phat-trien-dang-vien/*.html")}
    assert built == {"bai-viet-hop-le.html", "tieu-de-trung-nhau.html",
                     "alertt-tin-nong.html", "so-lieu-sai.html", "lien-ket-hong.html"}
    assert not (dev_build.output / "tac-gia" / "index.html").read_text(
        encoding="utf-8").count("onerror")
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
                        overrides=ENGLISH)
    assert build.returncode != 0
    assert f"{len(EXPECTED)} content error(s); nothing was published" in build.log
    for message in EXPECTED:
        assert flat(message) in flat(build.log)


@pytest.fixture(scope="module")
def unprocessable(tmp_path_factory):
    """One good article, one Pelican cannot read (bytes that are not UTF-8), one with
    broken links."""
    folder = tmp_path_factory.mktemp("unprocessable") / "content"
    write_article(folder, "good.md")
    (folder / "articles" / "broken.md").write_bytes(b"Title: \xff\xfe broken\n\nbody\n")
    write_article(folder, "links.md", BROKEN_LINKS, Title="Liên kết hỏng")
    return folder


UNREADABLE = ("articles/broken.md: not UTF-8 text ('utf-8' codec can't decode byte 0xff in "
              "position 7: invalid start byte); expected the file saved as UTF-8")


@pytest.mark.parametrize("options", [[], ["-q"], ["-v"]], ids=["default", "quiet", "verbose"])
def test_publish_fails_on_what_pelican_leaves_out_at_any_log_level(unprocessable, tmp_path,
                                                                    options):
    build = run_pelican_with(options, unprocessable, tmp_path / "out")
    assert build.returncode != 0, build.log
    log = flat(build.log)
    assert "3 content error(s); nothing was published" in log
    assert UNREADABLE in log  # with the reason, which Pelican logs only with --debug
    assert "articles/links.md:7: Body: link '{filename}/articles/khong-co.md' leads nowhere" in log


def test_dev_build_reports_the_unreadable_file_once_and_builds_the_rest(unprocessable, tmp_path):
    dev = run_pelican(unprocessable, tmp_path / "dev", overrides=ENGLISH)
    assert dev.returncode == 0, dev.log
    assert flat(dev.log).count("articles/broken.md") == 1
    assert UNREADABLE in flat(dev.log)
    assert (dev.output / "phat-trien-dang-vien" / "hoi-nghi-phat-trien-dang-vien.html").is_file()


def test_working_internal_links_pass_a_publish(tmp_path):
    folder = tmp_path / "content"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "anh.svg").write_text("<svg/>")
    write_article(folder, "tin/a.md", "Xem ![Ảnh]({static}/images/anh.svg), [bài B]"
                  "({filename}/articles/tin/b.md), [lại bài B]({filename}b.md#muc-2), "
                  "[ảnh]({static}../../images/anh.svg) và [tệp]({attach}/images/anh.svg).",
                  Title="Bài A")
    write_article(folder, "tin/b.md", Title="Bài B", Summary="Xem [bài A]({filename}a.md).")
    build = run_pelican(folder, tmp_path / "out", conf="publishconf.py",
                        overrides=ENGLISH)
    assert build.returncode == 0, build.log
    page = build.soup("phat-trien-dang-vien/bai-a.html")
    body_links = [a["href"] for a in page.find_all("a") if a.get_text() in ("bài B", "lại bài B")]
    assert len(body_links) == 2
    assert [href.split("/", 3)[-1] for href in body_links] == [
        "phat-trien-dang-vien/bai-b.html", "phat-trien-dang-vien/bai-b.html#muc-2"]
    assert "{filename}" not in str(page) and "{static}" not in str(page)


@pytest.mark.parametrize(("link", "reason"), [
    ("{filename}/articles/khong-co.md#phan-2", "no such article, page or file"),
    ("{filename}../khong-co.md", "no such article, page or file"),
    ("{static}anh-ben-canh.svg", "no such file"),
    ("{attach}/images/khong-co.pdf", "no such file"),
    ("{thumbnail}/images/a.svg", "{thumbnail} is not a kind of link Pelican knows"),
])
def test_every_kind_of_broken_link_fails_a_publish(tmp_path, link, reason):
    folder = tmp_path / "content"
    write_article(folder, "tin/a.md", f"Xem [chỗ này]({link}).", Title="Bài A")
    build = run_pelican_with(["-q"], folder, tmp_path / "out")
    assert build.returncode != 0
    assert f"articles/tin/a.md:7: Body: link '{link}' leads nowhere ({reason})" in flat(build.log)


def test_a_broken_link_in_the_summary_field_is_named(tmp_path):
    folder = tmp_path / "content"
    write_article(folder, "a.md", Title="Bài A", Summary="Xem [bài]({filename}khong-co.md).")
    build = run_pelican(folder, tmp_path / "out", conf="publishconf.py",
                        overrides=ENGLISH)
    assert build.returncode != 0
    assert "articles/a.md:6: Summary: link '{filename}khong-co.md' leads nowhere" in flat(build.log)
