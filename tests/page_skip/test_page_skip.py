"""A rebuild that leaves unchanged pages alone writes exactly what a cold build writes.

Each scenario edits the content (or a setting, or the theme), rebuilds the same output
folder with the content cache and the page digests of the previous build, then builds
the same content cold into a fresh folder: every file of the cold build must be
byte-for-byte the file the incremental build left.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_images, run_pelican, write_article, write_page

pytestmark = pytest.mark.build

SETTINGS = {"DEFAULT_PAGINATION": 2, "ADMISSION_STATS_TODAY": "2024-03-01",
            "FEEDS_MAX_ITEMS": 5}


def make_content(folder: Path) -> None:
    copy_images(folder)
    sections = ["Phát triển đảng viên", "Tin hoạt động", "Xây dựng Đảng"]
    for number in range(14):
        fields = {
            "Title": f"Bài số {number} về công tác đảng viên",
            "Date": f"2024-01-{number + 1:02d} 08:00",
            "Category": sections[number % 3],
            "Tags": ", ".join(["kết nạp đảng viên", f"chủ đề {number % 4}"]),
        }
        if number % 5 == 0:
            fields["Image"] = "images/hoa-sen.svg"
        if number % 4 == 1:
            fields["Summary"] = f"Tóm tắt bài {number}."
        if number == 12:
            fields["Slug"] = "bai-muoi-hai"  # a new title keeps the URL
        if number in (3, 9):
            fields.update(Stats_Period=str(2020 + number // 3), Stats_Target="100",
                          Stats_Admitted=str(40 + number))
        body = f"Đoạn mở đầu của bài {number}.\n\nĐoạn thứ hai, có [liên kết](https://example.vn)."
        write_article(folder, f"bai-{number:02d}.md", body, **fields)
    write_page(folder, "gioi-thieu.md", "Giới thiệu")


def html_mtimes(output: Path) -> dict[str, int]:
    return {str(p.relative_to(output)): p.stat().st_mtime_ns for p in output.rglob("*.html")}


def assert_same_as_cold(incremental: Path, content: Path, tmp: Path, overrides: dict) -> None:
    cold = run_pelican(content, tmp / "cold", overrides=overrides)
    assert cold.returncode == 0, cold.log
    different = []
    for path in sorted(cold.output.rglob("*")):
        if path.is_file():
            mine = incremental / path.relative_to(cold.output)
            if not mine.is_file() or not filecmp.cmp(path, mine, shallow=False):
                different.append(str(path.relative_to(cold.output)))
    assert different == []
    shutil.rmtree(cold.output)
    shutil.rmtree(cold.output.parent / f"{cold.output.name}-cache", ignore_errors=True)


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    make_content(content)
    output = tmp_path / "output"
    first = run_pelican(content, output, overrides=SETTINGS)
    assert first.returncode == 0, first.log
    return content, output


def rebuild(content: Path, output: Path, overrides: dict | None = None):
    build = run_pelican(content, output, overrides={**SETTINGS, **(overrides or {})})
    assert build.returncode == 0, build.log
    return build


def test_nothing_changed_nothing_rendered(site, tmp_path):
    content, output = site
    before = html_mtimes(output)
    rebuild(content, output)
    assert html_mtimes(output) == before
    assert_same_as_cold(output, content, tmp_path, SETTINGS)


def test_body_edit_renders_only_the_pages_that_show_it(site, tmp_path):
    content, output = site
    before = html_mtimes(output)
    path = content / "articles" / "bai-05.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn bổ sung cuối bài.\n",
                    encoding="utf-8")
    rebuild(content, output)
    after = html_mtimes(output)
    changed = {name for name in after if after[name] != before.get(name)}
    assert any(name.endswith("bai-so-5-ve-cong-tac-dang-vien.html") for name in changed)
    assert len(changed) < len(after) / 3, sorted(changed)
    assert_same_as_cold(output, content, tmp_path, SETTINGS)


@pytest.mark.parametrize("edit", ["title", "first_paragraph", "date", "new_article",
                                  "deleted_article", "tags", "statistics", "image"])
def test_content_edits_match_a_cold_build(site, tmp_path, edit):
    content, output = site
    articles = content / "articles"
    if edit == "title":  # shown in related lists, the sidebar and list pages; same URL
        path = articles / "bai-12.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Title: Bài số 12 về", "Title: Bài số mười hai về"), encoding="utf-8")
    elif edit == "first_paragraph":  # the summary of an article without Summary
        path = articles / "bai-06.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Đoạn mở đầu của bài 6.", "Đoạn mở đầu đã sửa của bài 6."), encoding="utf-8")
    elif edit == "date":
        path = articles / "bai-02.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "2024-01-03 08:00", "2024-02-20 08:00"), encoding="utf-8")
    elif edit == "new_article":
        write_article(content, "bai-moi.md", "Nội dung bài mới.", Title="Bài mới nhất",
                      Date="2024-03-01 09:00", Category="Tin hoạt động", Featured="yes")
    elif edit == "deleted_article":
        (articles / "bai-07.md").unlink()
    elif edit == "tags":
        path = articles / "bai-08.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "chủ đề 0", "chủ đề mới"), encoding="utf-8")
    elif edit == "statistics":  # the sidebar panel on every page
        path = articles / "bai-09.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Stats_Admitted: 49", "Stats_Admitted: 149"), encoding="utf-8")
    elif edit == "image":
        path = articles / "bai-10.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "images/hoa-sen.svg", "images/sach-tai-lieu.svg"), encoding="utf-8")
    rebuild(content, output)
    assert_same_as_cold(output, content, tmp_path, SETTINGS)


def test_settings_and_templates_changes_rerender(site, tmp_path):
    content, output = site
    renamed = {**SETTINGS, "SITENAME": "Tên trang mới"}
    rebuild(content, output, renamed)
    assert_same_as_cold(output, content, tmp_path, renamed)

    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "site-footer__copy", "site-footer__copy site-footer__copy--changed"), encoding="utf-8")
    themed = {**renamed, "THEME": str(theme)}
    rebuild(content, output, themed)
    assert "site-footer__copy--changed" in (output / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(output, content, tmp_path, themed)


def test_a_page_changed_on_disk_is_written_again(site, tmp_path):
    content, output = site
    page = output / "gioi-thieu" / "index.html"
    original = page.read_text(encoding="utf-8")
    page.write_text("đã bị sửa tay", encoding="utf-8")
    (output / "luu-tru" / "index.html").unlink()
    rebuild(content, output)
    assert page.read_text(encoding="utf-8") == original
    assert (output / "luu-tru" / "index.html").is_file()


def test_off_renders_everything(site):
    content, output = site
    before = html_mtimes(output)
    rebuild(content, output, {"SKIP_UNCHANGED_PAGES": False})
    after = html_mtimes(output)
    assert all(after[name] != before[name] for name in before)


BYPASSED_HOOK = """
import sys
from pelican import main
from pelican.writers import Writer
from page_skip import pages
# As a Pelican that no longer opens files through Writer._open_w would behave.
pages.SkippingWriter._open_w = Writer._open_w
sys.argv = ["pelican", *sys.argv[1:]]
main()
"""


def test_a_pelican_that_bypasses_the_hook_gets_no_empty_page_and_a_failed_build(tmp_path):
    content = tmp_path / "content"
    make_content(content)
    output = tmp_path / "output"
    first = run_pelican(content, output, overrides=SETTINGS)
    assert first.returncode == 0, first.log
    before = {p: p.read_bytes() for p in output.rglob("*.html")}
    command = [sys.executable, "-c", BYPASSED_HOOK, str(content), "-o", str(output), "-s",
               str(REPO / "pelicanconf.py"), "-e",
               *(f"{k}={json.dumps(v)}" for k, v in {
                   **SETTINGS, "CACHE_PATH": str(tmp_path / "output-cache"),
                   "PORTAL_SECTIONS": []}.items())]
    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "COLUMNS": "250"})
    assert second.returncode != 0, second.stdout + second.stderr
    assert "did not go through Pelican's Writer._open_w" in second.stdout + second.stderr
    after = {p: p.read_bytes() for p in output.rglob("*.html")}
    assert after == before and all(after.values())  # every page whole, none emptied
    third = run_pelican(content, output, overrides=SETTINGS)  # trusts nothing of it
    assert third.returncode == 0 and {p: p.read_bytes() for p in output.rglob("*.html")} == before


def test_the_digest_head_covers_the_deepest_list_item_the_theme_shows(tmp_path):
    """The home page's section blocks show a section's newest articles that the page does
    not show already (up to 5 featured and a page of 10 newest above them), so they read
    a section's list down to its 19th article. Here section A's 11th-14th newest come
    after twelve of section B: past a head of ten of A's list and past the next page of
    the site's list. A new title there must reach the home page, as in a cold build."""
    content = tmp_path / "content"
    dates = iter(f"2024-03-{day:02d} 08:00" for day in range(28, 0, -1))  # newest first
    order = [("A", n) for n in range(10)] + [("B", n) for n in range(12)] + \
        [("A", n) for n in range(10, 14)]
    for section, number in order:
        write_article(content, f"{section}-{number:02d}.md", f"Đoạn mở đầu {section}{number}.",
                      Title=f"Bài {section} số {number}", Slug=f"{section.lower()}-{number:02d}",
                      Date=next(dates),
                      Category={"A": "Tin hoạt động", "B": "Xây dựng Đảng"}[section])
    settings = {**SETTINGS, "DEFAULT_PAGINATION": 10}
    output = tmp_path / "output"
    assert run_pelican(content, output, overrides=settings).returncode == 0
    deep = "Bài A số 12"  # in A's section block only
    assert f">{deep}<" in (output / "index.html").read_text(encoding="utf-8")
    path = content / "articles" / "A-12.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"Title: {deep}",
                                                             "Title: Tiêu đề mới sâu trong"),
                    encoding="utf-8")
    rebuild(content, output, settings)
    assert "Tiêu đề mới sâu trong" in (output / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(output, content, tmp_path, settings)
