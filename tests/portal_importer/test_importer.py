"""`make import`: pages saved from an old portal (HTML and copied text, written here in
the shape such portals have) become articles that pass the contract and build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_pelican
from contract_kit import SECTIONS, check
from portal_importer import bylines, dates
from portal_importer.pages import extract

pytestmark = pytest.mark.build

BODY = [
    "Sáng 19/4, Đảng bộ huyện Phú Bình tổ chức hội nghị sơ kết công tác phát triển đảng "
    "viên. Năm 2020, Đảng bộ huyện có 7.335 đảng viên sinh hoạt tại 48 tổ chức cơ sở đảng.",
    "Tám tháng đầu năm 2020, các cấp ủy đã mở 4 lớp bồi dưỡng nhận thức về Đảng cho 282 "
    "quần chúng và kết nạp được 31 đảng viên, đạt 12,25% chỉ tiêu năm.",
    "Chỉ tiêu kết nạp năm 2020 là 253 đảng viên; nhiều chi bộ còn gặp khó khăn do đại hội "
    "nhiệm kỳ và dịch bệnh kéo dài trong những tháng đầu năm.",
]


def html_page(date_line: str, byline_html: str, title: str = "Phú Bình sơ kết công tác "
              "phát triển đảng viên", photo: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in BODY)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} - Cổng thông tin điện tử Huyện ủy</title></head><body>
<div id="header"><div class="site-name">Cổng thông tin điện tử Huyện ủy Phú Bình</div>
<div class="today">Thứ Năm, 03/12/2026</div>
<div class="motto">ĐOÀN KẾT – DÂN CHỦ – KỶ CƯƠNG – TRÁCH NHIỆM – HIỆU QUẢ</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/xd">Xây dựng Đảng</a></li></ul></nav>
<a href="/login">Đăng nhập</a></div>
<div class="content"><div class="tools">Xem với cỡ chữ <a>A-</a> <a>A+</a></div>
<h1 class="title">{title}</h1>
<div class="date">{date_line}</div>
<div class="body">{paragraphs}
<h3>Giải pháp trong thời gian tới</h3>
<p><img src="trang_files/hoi-nghi.jpg" alt=""></p>
<p>Quang cảnh hội nghị sơ kết.</p>
<p>Các chi bộ tập trung rà soát nguồn quần chúng ưu tú, bảo đảm hoàn thành chỉ tiêu được
giao trong những tháng cuối năm.</p>
{byline_html}</div>
<div class="tools"><a>In bài</a> <a>Gửi cho bạn bè</a> <a>Phản hồi</a></div>
<div>Lượt xem: 1.234</div><div>|</div>
<h4>Các tin khác</h4>
<ul><li><a href="/a">Một tin khác rất dài để không bị coi là tiêu đề</a></li></ul>
</div><div id="footer">Bản quyền thuộc Huyện ủy Phú Bình</div></body></html>"""


DATE_FORMS = {
    "Thứ Ba, 19/04/2022, 16:27 [GMT+7]": "2022-04-19 16:27",
    "thứ ba, 19/04/2022 16:27": "2022-04-19 16:27",
    "Thứ Năm 13/08/2020 11:24": "2020-08-13 11:24",
    "Chủ Nhật, ngày 21/7/2024": "2024-07-21",
    "Chủ nhật, 21/7/2024": "2024-07-21",
    "ngày 21/07/2024": "2024-07-21",
    "16:27 19/04/2022 (GMT+7)": "2022-04-19 16:27",
    "2020-08-28 09:58:00.0": "2020-08-28 09:58",
    "Cập nhật lúc 11:24, Thứ Năm, 13/08/2020": "2020-08-13 11:24",
}


@pytest.mark.parametrize(("line", "expected"), list(DATE_FORMS.items()))
def test_date_lines_in_the_forms_portals_print(line, expected):
    assert dates.find(line) == expected


def test_a_date_inside_a_long_sentence_is_not_a_date_line():
    assert dates.find(BODY[0]) is None
    assert dates.find("Hạn cuối 31/02/2024") is None  # not a real date


@pytest.mark.parametrize(("line", "author"), [
    ("TRẦN MINH (Phòng PX01)", "Trần Minh (Phòng PX01)"),
    ("Nguyễn Văn Hùng - Công an huyện Kim Thành", "Nguyễn Văn Hùng – Công an huyện Kim Thành"),
    ("Lê Thu Hà", "Lê Thu Hà"),
    ("PHÒNG CHÍNH TRỊ", "Phòng Chính Trị"),
])
def test_trailing_byline_forms(line, author):
    assert bylines.trailing(line) == author


def test_a_sentence_is_not_a_byline():
    assert bylines.trailing("Các chi bộ tập trung rà soát nguồn quần chúng ưu tú.") is None


def saved(tmp_path: Path, name: str, text: str, photo: bool = True) -> Path:
    page = tmp_path / "src" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    if photo:
        from PIL import Image
        (page.parent / "trang_files").mkdir(exist_ok=True)
        Image.new("RGB", (64, 48), (180, 20, 20)).save(page.parent / "trang_files" /
                                                       "hoi-nghi.jpg", "JPEG")
    return page


LABELLED = ("<p>Bài: Phòng Chính trị</p><p>Biên tập: Loan Trần, phòng HCTH</p>"
            "<p>Nguồn: Báo Thái Nguyên</p>")


def test_an_html_page_is_read_without_the_portal_s_chrome(tmp_path):
    page = extract(saved(tmp_path, "trang.html", html_page(
        "Thứ Ba, 19/04/2022, 16:27 [GMT+7]", LABELLED)))
    assert page.title == "Phú Bình sơ kết công tác phát triển đảng viên"
    assert page.date == "2022-04-19 16:27"  # not the header's "today", 03/12/2026
    assert (page.author, page.editor, page.source_line) == (
        "Phòng Chính trị", "Loan Trần, phòng HCTH", "Báo Thái Nguyên")
    texts = [line.text for line in page.body]
    assert texts[:3] == BODY
    assert "Giải pháp trong thời gian tới" in texts
    for chrome in ("Xem với cỡ chữ", "In bài", "Gửi cho bạn bè", "Phản hồi", "Lượt xem",
                   "Các tin khác", "Đăng nhập", "ĐOÀN KẾT", "Bản quyền", "|"):
        assert not any(chrome in text for text in texts), chrome
    [image] = [line for line in page.body if line.kind == "image"]
    assert image.text == "Quang cảnh hội nghị sơ kết."


@pytest.mark.parametrize(("byline", "author"), [
    ("<p>TRẦN MINH (Phòng PX01)</p>", "Trần Minh (Phòng PX01)"),
    ("<p>Nguyễn Văn Hùng - Công an huyện Kim Thành</p>",
     "Nguyễn Văn Hùng – Công an huyện Kim Thành"),
    ("<p>Lê Thu Hà</p>", "Lê Thu Hà"),
])
def test_trailing_bylines_in_a_page(tmp_path, byline, author):
    page = extract(saved(tmp_path, "trang.html", html_page("Thứ Năm 13/08/2020 11:24", byline)))
    assert page.author == author
    assert not any(author.split()[0] in line.text for line in page.body[-2:])


def test_figures_are_proposed_with_their_sentences(tmp_path):
    page = extract(saved(tmp_path, "trang.html", html_page("Thứ Năm 13/08/2020 11:24",
                                                            LABELLED)))
    proposed = {p.key: p.value for p in page.figures}
    assert proposed == {"stats_unit": "Đảng bộ huyện Phú Bình", "stats_period": "2020",
                        "stats_members": "7.335", "stats_trainees": "282",
                        "stats_admitted": "31", "stats_target": "253"}
    sentence = next(p.sentence for p in page.figures if p.key == "stats_admitted")
    assert "kết nạp được 31 đảng viên" in sentence


COPIED_TEXT = "\n".join([
    "Cổng thông tin điện tử Huyện ủy Phú Bình", "Thứ Năm, 03/12/2026",
    "ĐOÀN KẾT – DÂN CHỦ – KỶ CƯƠNG – TRÁCH NHIỆM – HIỆU QUẢ", "Trang chủ", "Xây dựng Đảng",
    "Đăng nhập", "", "Phú Bình sơ kết công tác phát triển đảng viên",
    "Chủ nhật, 21/7/2024", "Xem với cỡ chữ", "A-", "A+", "", *BODY, "",
    "Bài: Phòng Chính trị", "Biên tập: Loan Trần, phòng HCTH", "In bài", "Gửi cho bạn bè",
    "Phản hồi", ".", "Các tin khác", "Một tin khác rất dài để không bị coi là tiêu đề"])


def test_text_copied_from_the_browser(tmp_path):
    page = extract(saved(tmp_path, "trang.txt", COPIED_TEXT, photo=False))
    assert page.title == "Phú Bình sơ kết công tác phát triển đảng viên"
    assert page.date == "2024-07-21"
    assert (page.author, page.editor) == ("Phòng Chính trị", "Loan Trần, phòng HCTH")
    assert [line.text for line in page.body] == BODY


def test_a_page_without_a_date_says_so(tmp_path):
    text = COPIED_TEXT.replace("Chủ nhật, 21/7/2024\n", "").replace("Thứ Năm, 03/12/2026\n", "")
    page = extract(saved(tmp_path, "trang.txt", text, photo=False))
    assert page.date is None
    assert page.title == "Phú Bình sơ kết công tác phát triển đảng viên"
    assert any("không tìm thấy dòng ngày đăng" in note for note in page.notes)


def run_import(content: Path, *sources: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portal_importer", "--settings", str(REPO / "pelicanconf.py"),
         "--content", str(content), "--category", "Phát triển đảng viên", *map(str, sources)],
        cwd=REPO, capture_output=True, text=True, timeout=120)


def test_imported_pages_pass_make_check_and_build(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    html = saved(tmp_path, "trang.html", html_page("Thứ Ba, 19/04/2022, 16:27 [GMT+7]", LABELLED))
    text = saved(tmp_path, "copy.txt", COPIED_TEXT.replace(  # another year's figures
        "Phú Bình sơ kết công tác", "Phú Bình tổng kết công tác").replace("2020", "2019"),
                 photo=False)
    result = run_import(content, html, text)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{html} → ") and "tìm thấy: tiêu đề, ngày, tác giả" in lines[0]
    assert "số liệu đề xuất" in lines[0]
    assert lines[-1] == "Đã nhập 2 trang; 0 trang cần sửa trước khi xuất bản."
    written = sorted((content / "articles" / "phat-trien-dang-vien").glob("*.md"))
    assert [p.name for p in written] == ["phu-binh-so-ket-cong-tac-phat-trien-dang-vien.md",
                                         "phu-binh-tong-ket-cong-tac-phat-trien-dang-vien.md"]
    article = written[0].read_text(encoding="utf-8")
    assert "Ngày: 2022-04-19 16:27" in article and "Số kết nạp: 31" in article
    assert "# Đề xuất từ câu: «" in article
    assert (content / "images" / "imported").is_dir()
    checked = check(content)
    assert checked.returncode == 0, checked.stdout
    build = run_pelican(content, tmp_path / "output", overrides={"PORTAL_SECTIONS": SECTIONS})
    assert build.returncode == 0 and "articles/" not in build.log, build.log
    page = build.soup("phat-trien-dang-vien/phu-binh-so-ket-cong-tac-phat-trien-dang-vien.html")
    assert page.h1.get_text(strip=True) == "Phú Bình sơ kết công tác phát triển đảng viên"
    assert page.find("figcaption").get_text(strip=True) == "Quang cảnh hội nghị sơ kết."
    assert "Loan Trần, phòng HCTH" in page.get_text()
