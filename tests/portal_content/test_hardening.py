"""Hostile content: it never replaces a page the site writes, never brings in a file
from outside content/, never puts active markup in front of readers. A development
build names each case and carries on, `make check` and a publish refuse it, and no
output file holds its marker."""

from __future__ import annotations

import os
import shutil
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import CONTENT, REPO, run_pelican
from contract_kit import CONTRACT_ONLY, SITE, check, dev_build
from publishing import publish, snapshot

sys.path.insert(0, str(REPO / "deploy"))
from local_stack import production_stack  # noqa: E402

pytestmark = pytest.mark.e2e

HEAD = ("Title: {title}\nDate: {date}\nCategory: Xây dựng Đảng\nAuthor: Phòng Chính trị\n"
        "Editor: Loan Trần\n")
SECRET = "bimatkhoatrienkhai"  # stands for the deploy key: must reach no output file


def article(title: str, extra: str = "", body: str = "", date: str = "2024-07-21 09:30"):
    return HEAD.format(title=title, date=date) + extra + "\n" + (body or "Nội dung.") + "\n"


# name -> (relative path, text, the line's start, a fragment of its message)
HOSTILE = {
    "statistics-page": ("pages/thong-ke.md", "Title: Thống kê\n\nxdauhieuthongke\n",
                        "pages/thong-ke.md:1: Title: ", "đường dẫn của trang Thống kê"),
    "home-slug": ("pages/gia.md", "Title: Trang chủ giả\nSlug: ../index\n\nxdauhieugia\n",
                  "pages/gia.md:2: Slug: ", "'../index' không dùng được làm đường dẫn"),
    "save-as": ("articles/save-as.md", article("Lưu đè", "Save_as: index.html\n"),
                "articles/save-as.md:6: ", "'Save_as' là thiết lập của trang web"),
    "template": ("articles/template.md", article("Mẫu khác", "Template: page\n"),
                 "articles/template.md:6: ", "'Template' là thiết lập của trang web"),
    "script": ("articles/script.md", article("Kịch bản", body=(
        "Đoạn xdauhieuscript.\n\n<script>alert('xss')</script>\n\n"
        '<p onmouseover="alert(1)">a</p> <a href="javascript:alert(2)">b</a>\n\n'
        '<iframe src="https://example.com/"></iframe><base href="https://example.com/">\n\n'
        '<form action="https://example.com/"><input name="q"></form>\n\n'
        '<meta http-equiv="refresh" content="0;url=https://example.com/">')),
               "articles/script.md:9: Nội dung: ", "có mã HTML không được phép, đã bị bỏ"),
    "summary-script": ("articles/summary.md", article(
        "Sapo độc", 'Summary: Tin <img src=x onerror="alert(3)"> nóng\n'),
        "articles/summary.md:6: Summary: ", "onerror="),
    "html-file": ("articles/tin.html", "<html><head><title>Tin</title></head><body>"
                  "<script>alert(4)</script>xdauhieuhtml</body></html>\n",
                  "articles/tin.html: ", "tệp .html không phải bài Markdown"),
    "txt-file": ("pages/ghi-chu.txt", "ghi chú\n", "pages/ghi-chu.txt: ", "tệp .txt"),
    "year-2099": ("articles/nam-2099.md", article("Năm xa", date="2099-01-01 08:00"),
                  "articles/nam-2099.md:2: Date: ", "năm 2099 nằm ngoài khoảng 1930–"),
    "year-1905": ("articles/nam-1905.md", article("Năm cũ", date="1905-01-01 08:00"),
                  "articles/nam-1905.md:2: Date: ", "năm 1905 nằm ngoài khoảng 1930–"),
    "nul": ("articles/nul.md", article("Ký tự\x00 rỗng"), "articles/nul.md:1: Title: ",
            "U+0000"),
    "bidi": ("articles/bidi.md", article("Đảo chiều", "Summary: abc\u202edef\n"),
             "articles/bidi.md:6: Summary: ", "U+202E"),
    "slug": ("articles/slug.md", article("Đường dẫn lạ", 'Slug: a"<b> c/d\n'),
             "articles/slug.md:6: Slug: ", "không dùng được làm đường dẫn"),
    "outside-link": ("articles/ngoai.md", article("Liên kết ra ngoài", body=(
        "[khóa triển khai]({static}/../outside/deploy_key) xdauhieungoai")),
        "articles/ngoai.md:7: Nội dung: ", "không dẫn tới đâu"),
}


def write_hostile(content: Path, outside: Path) -> None:
    for path, text, *_ in HOSTILE.values():
        target = content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    secret = outside / "deploy_key"
    secret.write_text(SECRET + "\n")
    (outside / "bai.md").write_text(article("Bài ngoài", body=SECRET))
    (outside / "thu-muc").mkdir()
    (outside / "thu-muc" / "bai.md").write_text(article("Thư mục ngoài", body=SECRET))
    (content / "images" / "khoa.txt").symlink_to(secret)
    (content / "articles" / "lien-ket.md").symlink_to(outside / "bai.md")
    (content / "articles" / "thu-muc").symlink_to(outside / "thu-muc")
    (content / "images" / "thu-muc").symlink_to(outside / "thu-muc")


SYMLINKS = ["images/khoa.txt", "articles/lien-ket.md", "articles/thu-muc/bai.md"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample content plus every hostile file."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(CONTENT, root / "content")
    (root / "outside").mkdir()
    write_hostile(root / "content", root / "outside")
    return root


@pytest.fixture(scope="module")
def dev(site):
    return dev_build(site)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_dev_build_names_each_case(dev, name):
    _, _, where, text = HOSTILE[name]
    assert any(line.startswith(where) and text in line for line in dev.log.splitlines()), (
        f"{where}…{text} not in:\n{dev.log}")


@pytest.mark.parametrize("link", SYMLINKS)
def test_symlinks_are_refused(dev, link):
    assert any(line.startswith(f"{link}: ") and "liên kết tượng trưng" in line
               for line in dev.log.splitlines()), dev.log


def test_no_output_holds_anything_hostile(dev, site):
    files = [p for folder in (site / "output", site / "search_index")
             for p in folder.rglob("*") if p.is_file()]
    assert not [p for p in (site / "output").rglob("*") if p.is_symlink()]
    data = b"\n".join(p.read_bytes() for p in files).lower()
    assert SECRET.encode() not in data
    for marker in (b"<script>alert", b"onmouseover", b"onerror", b"javascript:alert",
                   b"<iframe", b"<base ", b'action="https://example.com', b'http-equiv="refresh"',
                   b"xdauhieuthongke", b"xdauhieugia", b"xdauhieuhtml", b"thu-muc"):
        assert marker not in data, marker
    # Pelican copies a `{static}` target to the same path under the output folder: for
    # `{static}/../outside/deploy_key`, output/../outside, beside the output.
    assert sorted(p.name for p in site.iterdir()) == ["content", "output", "output-cache",
                                                      "outside", "search_index"]
    assert sorted(p.name for p in (site / "outside").iterdir()) == ["bai.md", "deploy_key",
                                                                    "thu-muc"]


# Every URL a followed symlink could have put on the site: the files themselves, the
# articles the linked Markdown would make, and the copy a `{static}/..` link makes.
SYMLINK_URLS = ["/images/khoa.txt", "/images/thu-muc/bai.md", "/xay-dung-dang/bai-ngoai.html",
                "/xay-dung-dang/thu-muc-ngoai.html", "/articles/lien-ket.md",
                "/articles/thu-muc/bai.md", "/outside/deploy_key", "/../outside/deploy_key",
                "/%2e%2e/outside/deploy_key", "/images/../../outside/deploy_key"]


def status_of(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_nginx_serves_nothing_a_symlink_could_have_made(dev, site, tmp_path):
    """The dev build of the hostile tree, served by the production nginx: every path a
    followed link would have produced is a 404, and no answer holds the secret."""
    with production_stack(site / "output", site / "search_index", tmp_path / "run") as stack:
        assert status_of(stack.base_url + "/")[0] == 200  # the stack serves this site
        for url in SYMLINK_URLS:
            status, body = status_of(stack.base_url + url)
            assert status in (400, 404), (url, status)
            assert SECRET.encode() not in body, url


def test_the_site_keeps_its_own_pages(dev):
    assert dev.soup("thong-ke/index.html").find("table") is not None
    home = dev.soup("index.html")
    assert home.title.get_text().startswith("Xây dựng Đảng")
    assert "Trang chủ giả" not in home.get_text()


def test_the_sanitised_article_keeps_what_editors_need(dev):
    page = dev.soup("xay-dung-dang/kich-ban.html")
    body = page.select_one(".article__body") or page
    assert "Đoạn xdauhieuscript." in body.get_text()
    assert body.find("a", string="b") is not None and not body.find("a", string="b").get("href")


def test_make_check_refuses_every_case(site):
    result = check(site / "content")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for name, (_, _, where, text) in HOSTILE.items():
        assert any(line.startswith(where) and text in line for line in lines), name
    for link in ("images/khoa.txt", "articles/lien-ket.md", "articles/thu-muc"):
        assert any(line.startswith(f"{link}") and "liên kết tượng trưng" in line
                   for line in lines), link


def test_publish_refuses_and_the_live_site_is_untouched(site, tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    assert publish(tmp_path).returncode == 0
    live = snapshot(tmp_path / "output")
    shutil.rmtree(tmp_path / "content")
    shutil.copytree(site / "content", tmp_path / "content", symlinks=True)
    result = publish(tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "lỗi nội dung; không xuất bản gì" in log
    for _, _, where, _ in HOSTILE.values():
        assert where.split(":")[0] in log
    assert snapshot(tmp_path / "output") == live


def test_a_published_article_wins_over_its_draft_copy(tmp_path):
    content = tmp_path / "content"
    (content / "articles" / "a-nhap").mkdir(parents=True)
    (content / "articles" / "b-dang").mkdir(parents=True)
    (content / "articles" / "a-nhap" / "ban.md").write_text(
        article("Lễ kết nạp", "Status: draft\n", body="Bản nháp."), encoding="utf-8")
    (content / "articles" / "b-dang" / "ban.md").write_text(
        article("Lễ kết nạp", body="Bản đã đăng."), encoding="utf-8")
    build = run_pelican(content, tmp_path / "output", overrides=SITE)
    assert "Bản đã đăng." in build.soup("xay-dung-dang/le-ket-nap.html").get_text()
    assert ("articles/a-nhap/ban.md:1: Đường dẫn: cảnh báo: bản nháp này trùng đường dẫn "
            "'le-ket-nap' với bài đã đăng articles/b-dang/ban.md") in build.log
    strict = run_pelican(content, tmp_path / "strict", conf="publishconf.py",
                         overrides=CONTRACT_ONLY)
    assert strict.returncode == 0, strict.log  # a warning does not stop a publish


def test_two_contents_on_one_path_name_both_without_a_traceback(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "a.md").write_text("Title: Giới thiệu\n\nA.\n", encoding="utf-8")
    (content / "pages" / "b.md").write_text("Title: Khác\nSlug: gioi-thieu\n\nB.\n",
                                            encoding="utf-8")
    build = run_pelican(content, tmp_path / "output", overrides=SITE)
    assert build.returncode == 0, build.log
    assert "Traceback" not in build.log and "FileOverwriteFailedError" not in build.log
    assert ("pages/b.md:2: Đường dẫn: 'gioi-thieu' đã là đường dẫn của pages/a.md"
            in build.log)
    assert build.soup("gioi-thieu/index.html").h1.get_text(strip=True) == "Giới thiệu"


def test_paths_are_resolved_against_the_content_folder(site):
    from portal_content.ownership import outside_content

    content = str(site / "content")
    assert outside_content("../outside/deploy_key", content) == (
        "outside", os.path.join(str(site), "outside", "deploy_key"))
    assert outside_content("images/khoa.txt", content) == ("symlink", "images/khoa.txt")
    assert outside_content("images/hoa-sen.svg", content) is None
