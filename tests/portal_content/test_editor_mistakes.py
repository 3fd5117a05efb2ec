"""The mistakes editors really make, each in a content file of its own: a development
build names it (file, line, field, in Vietnamese) and builds the rest, `make check`
fails on it, a publish refuses it and leaves the live site as it was, and nothing of
the file reaches any output. What a text editor produces on its own (tabs, a space
before the colon, a full-width colon, Vietnamese field names) builds as written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, REPO, copy_images, run_pelican
from contract_kit import CONTRACT_ONLY, SITE, check, dev_build
from publishing import publish, snapshot

pytestmark = pytest.mark.build

GOOD = ("Title: {title}\nDate: 2024-07-21 09:30\nCategory: Phát triển đảng viên\n"
        "Author: Phòng Chính trị\nEditor: Loan Trần, phòng HCTH\n")


def mistake(title: str, extra: str = "", header: str | None = None,
            body: str = "") -> str:
    """An article: GOOD's five lines (or `header`), then `extra` lines, a blank line and a
    body carrying the file's marker, which must appear in no output file."""
    head = header if header is not None else GOOD.format(title=title)
    return f"{head}{extra}\n{body}Nội dung bài có dấu hiệu {marker(title)}.\n"


def marker(title: str) -> str:
    return "dauhieu" + "".join(c for c in title.lower() if c.isascii() and c.isalnum())


# name -> (file text, the message's start: `file:line: field: `, its Vietnamese text,
#          the corrected line printed under it, or None)
MISTAKES = {
    "sourse": (mistake("sourse", "Sourse: Báo Nhân dân\n"),
               "articles/sourse.md:6: ", "'Sourse' không phải là tên trường; có phải ý bạn là "
               "'Source'?", "Source: Báo Nhân dân"),
    "tag": (mistake("tag", "Tag: kết nạp đảng viên\n"),
            "articles/tag.md:6: ", "có phải ý bạn là 'Tags'?", "Tags: kết nạp đảng viên"),
    "summery": (mistake("summery", "Summery: Sáng 21/7, lễ kết nạp.\n"),
                "articles/summery.md:6: ", "có phải ý bạn là 'Summary'?", None),
    "admited": (mistake("admited", "Stats_Period: 2024\nStats_Admited: 12\n"),
                "articles/admited.md:7: ", "có phải ý bạn là 'Stats_Admitted'?",
                "Stats_Admitted: 12"),
    "imgae": (mistake("imgae", "Imgae: images/hoa-sen.svg\n"),
              "articles/imgae.md:6: ", "có phải ý bạn là 'Image'?", "Image: images/hoa-sen.svg"),
    "tin": (mistake("tin", "TIN: Sáng 21/7, Đảng ủy tổ chức lễ kết nạp.\n"),
            "articles/tin.md:6: ", "'TIN' không phải là tên trường (danh sách các trường có "
            "trong README); nếu dòng này là đầu nội dung bài, thêm một dòng trống phía trên nó",
            None),
    "chuyen-muc": (mistake("chuyenmuc", header=GOOD.format(title="chuyenmuc").replace(
                       "Category: Phát triển đảng viên", "Category: Phát triển đảng viện")),
                   "articles/chuyen-muc.md:3: Category: ", "'Phát triển đảng viện' không phải "
                   "chuyên mục đã khai báo; có phải ý bạn là 'Phát triển đảng viên'?",
                   "Category: Phát triển đảng viên"),
    "anh": (mistake("anh", "Image: hoa-sen.svg\n"), "articles/anh.md:6: Image: ",
            "'hoa-sen.svg' thiếu thư mục: tệp nằm ở images/hoa-sen.svg",
            "Image: images/hoa-sen.svg"),
    "ngay": (mistake("ngay", header=GOOD.format(title="ngay").replace(
                 "2024-07-21 09:30", "21/07/2024")),
             "articles/ngay.md:2: Date: ", "'21/07/2024' không đúng dạng năm-tháng-ngày "
             "giờ:phút", "Date: 2024-07-21"),
    "khong-hai-cham": (mistake("khonghaicham", header=GOOD.format(title="khonghaicham").replace(
                           "Editor: ", "Editor ")),
                       "articles/khong-hai-cham.md:5: ", "dòng 'Editor Loan Trần, phòng HCTH' "
                       "nằm trong phần thông tin đầu bài nhưng không có dạng 'Tên: giá trị'",
                       None),
    "mat": (mistake("mat", "Độ mật: Mật\n"), "articles/mat.md:6: Độ mật: ",
            "tài liệu có độ mật 'Mật': không bao giờ được đưa lên trang web", None),
    "noi-bo": (mistake("noibo", "Classification: Lưu hành nội bộ\n"),
               "articles/noi-bo.md:6: Classification: ", "tài liệu có độ mật 'Lưu hành nội bộ'",
               None),
    "ky-tu-an": (mistake("kytuan", header=GOOD.format(title="kytuan\u200b")),
                 "articles/ky-tu-an.md:1: Title: ", "có ký tự ẩn U+200B ZERO WIDTH SPACE ở cột 7",
                 "Title: kytuan"),
    "dao-chieu": (mistake("daochieu", body="Đoạn có ký tự \u202e đảo chiều.\n\n"),
                  "articles/dao-chieu.md:7: Nội dung: ", "có ký tự ẩn U+202E RIGHT-TO-LEFT "
                  "OVERRIDE ở cột 15", None),
    "save-as": (mistake("saveas", "Save_as: index.html\n"), "articles/save-as.md:6: ",
                "'Save_as' là thiết lập của trang web, không viết trong bài; xóa dòng này", None),
}


def write(content: Path, name: str, text: str) -> None:
    path = content / "articles" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One good article and every mistake, each in its own file."""
    root = tmp_path_factory.mktemp("mistakes")
    copy_images(root / "content")
    write(root / "content", "tot", mistake("tot"))
    for name, (text, *_) in MISTAKES.items():
        write(root / "content", name, text)
    return root


@pytest.fixture(scope="module")
def dev(site):
    return dev_build(site)


@pytest.mark.parametrize("name", list(MISTAKES))
def test_the_dev_build_names_file_line_field_in_vietnamese(dev, name):
    _, where, text, fix = MISTAKES[name]
    lines = dev.log.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(where) and text in line]
    assert len(found) == 1, f"{where}{text!r} not printed once on one line:\n{dev.log}"
    if fix:
        assert lines[found[0] + 1] == f"    sửa thành: {fix}"


def test_the_dev_build_builds_the_rest(dev):
    assert (dev.output / "phat-trien-dang-vien" / "tot.html").is_file()
    built = {p.stem for p in (dev.output / "phat-trien-dang-vien").glob("*.html")}
    assert built == {"tot"}, built


def test_nothing_of_a_broken_file_reaches_any_output(dev, site):
    output_files = [p for folder in (site / "output", site / "search_index")
                    for p in folder.rglob("*") if p.is_file()]
    assert len(output_files) > 20
    data = b"".join(p.read_bytes().lower() for p in output_files)
    assert marker("tot").encode() in data  # the marker of a good file does reach them
    for name, (text, *_) in MISTAKES.items():
        title = text.split("\n", 1)[0].removeprefix("Title: ").replace("\u200b", "")
        assert marker(title).encode() not in data, name


def test_messages_are_sorted_by_file_and_line_and_say_nothing_else(dev):
    printed = [line for line in dev.log.splitlines() if line.startswith("articles/")]
    places = [(line.split(":")[0], int(line.split(":")[1])) for line in printed]
    assert places == sorted(places)
    assert "Empty alt attribute" not in dev.log
    assert "Could not process" not in dev.log
    assert "Traceback" not in dev.log


@pytest.mark.parametrize("name", list(MISTAKES))
def test_make_check_fails_on_each_mistake_with_the_build_s_message(site, dev, name):
    _, where, text, _ = MISTAKES[name]
    result = check(site / "content", str(site / "content" / "articles" / f"{name}.md"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith(where) and text in line for line in result.stdout.splitlines())
    build_lines = {line for line in dev.log.splitlines() if line.startswith(f"articles/{name}.md")}
    check_lines = {line for line in result.stdout.splitlines() if line.startswith("articles/")}
    assert check_lines == build_lines


def test_make_check_speaks_english_on_request(site):
    result = check(site / "content", str(site / "content" / "articles" / "sourse.md"),
                   english=True)
    assert result.returncode == 1
    assert "articles/sourse.md:6: 'Sourse' is not a field; did you mean 'Source'?" in result.stdout
    assert result.stdout.splitlines()[-1] == "Checked 1 file(s): 1 error(s), 0 warning(s)."


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_publish_build_refuses_each_mistake(tmp_path, name):
    content = tmp_path / "content"
    copy_images(content)
    write(content, "tot", mistake("tot"))
    write(content, name, MISTAKES[name][0])
    build = run_pelican(content, tmp_path / "output", conf="publishconf.py",
                        overrides=CONTRACT_ONLY)
    assert build.returncode != 0, build.log
    assert "lỗi nội dung; không xuất bản gì" in build.log
    assert MISTAKES[name][1] in build.log


def test_make_publish_with_mistakes_leaves_the_live_site_byte_identical(site, tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    assert publish(tmp_path).returncode == 0
    live = snapshot(tmp_path / "output")
    index = snapshot(tmp_path / "search_index" / "current")
    for name, (text, *_) in MISTAKES.items():
        write(tmp_path / "content", f"phat-trien-dang-vien/{name}", text)
    result = publish(tmp_path)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "lỗi nội dung; không xuất bản gì" in log
    assert "cảnh báo" not in log
    for name in MISTAKES:
        assert f"articles/phat-trien-dang-vien/{name}.md:" in log
    assert snapshot(tmp_path / "output") == live
    assert snapshot(tmp_path / "search_index" / "current") == index


def test_a_cosmetic_field_s_bad_value_keeps_the_article(tmp_path):
    content = tmp_path / "content"
    write(content, "noi-bat", mistake("noibat", "Featured: maybe\n"))
    build = run_pelican(content, tmp_path / "output", overrides=SITE)
    assert "articles/noi-bat.md:6: Featured: 'maybe' không phải có/không" in build.log
    assert (build.output / "phat-trien-dang-vien" / "noibat.html").is_file()
    strict = run_pelican(content, tmp_path / "strict", conf="publishconf.py",
                         overrides=CONTRACT_ONLY)
    assert strict.returncode != 0


ENGLISH_NAMES = """Title: Kết nạp 12 đảng viên mới
Date: 2024-07-21 09:30
Modified: 2024-07-22 08:00
Category: Phát triển đảng viên
Tags: kết nạp đảng viên, Công an tỉnh
Author: Phòng Chính trị
Editor: Loan Trần, phòng HCTH
Source: Cổng Thông tin điện tử Bộ Công an
Image: images/hoa-sen.svg
Image_Caption: Các đảng viên mới tuyên thệ.
Summary: Sáng 21/7, Đảng ủy tổ chức lễ kết nạp.
Featured: yes
Status: published
Stats_Unit: Đảng bộ huyện Phú Bình
Stats_Period: 2024-01..2024-06
Stats_Target: 253
Stats_Admitted: 31
Stats_Trainees: 282
Stats_Official: 20
Stats_Members: 7.335

Đoạn mở đầu của bài.

![Lễ kết nạp]({static}/images/hoa-sen.svg)
"""
# The same article as editors write it: Vietnamese names, and what text editors put in
# (a tab or spaces before a name, a space before the colon, a full-width colon).
VIETNAMESE_NAMES = """Tiêu đề: Kết nạp 12 đảng viên mới
Ngày : 2024-07-21 09:30
Cập nhật： 2024-07-22 08:00
Chuyên mục: Phát triển đảng viên
  Từ khóa: kết nạp đảng viên, Công an tỉnh
Bài: Phòng Chính trị
\tBiên tập: Loan Trần, phòng HCTH
\tNguồn: Cổng Thông tin điện tử Bộ Công an
Ảnh: images/hoa-sen.svg
Chú thích ảnh: Các đảng viên mới tuyên thệ.
Sapo: Sáng 21/7, Đảng ủy tổ chức lễ kết nạp.
Nổi bật: Có
Trạng thái: đăng
Đơn vị thống kê: Đảng bộ huyện Phú Bình
Kỳ báo cáo: 2024-01..2024-06
Chỉ tiêu kết nạp: 253
Số kết nạp: 31
Số bồi dưỡng nhận thức: 282
Số công nhận chính thức: 20
Tổng số đảng viên: 7.335

Đoạn mở đầu của bài.

![Lễ kết nạp]({static}/images/hoa-sen.svg)
"""


def test_vietnamese_field_names_build_exactly_like_english_ones(tmp_path):
    outputs = []
    for name, text in (("en", ENGLISH_NAMES), ("vi", VIETNAMESE_NAMES)):
        content = tmp_path / name / "content"
        copy_images(content)
        write(content, "phat-trien-dang-vien/ket-nap", text)
        build = run_pelican(content, tmp_path / name / "output", overrides=SITE)
        assert build.returncode == 0, build.log
        assert "articles/" not in build.log, build.log  # not a single message
        outputs.append(snapshot(build.output))
    assert outputs[0] == outputs[1]
    page = outputs[1]["phat-trien-dang-vien/ket-nap-12-dang-vien-moi.html"].decode()
    for shown in ("Loan Trần, phòng HCTH", "Cổng Thông tin điện tử Bộ Công an", "7.335",
                  "Sáng 21/7, Đảng ủy tổ chức lễ kết nạp."):
        assert shown in page
    assert "['" not in page  # no field value became a list
    records = json.loads(outputs[1]["thong-ke/admissions.json"])["records"]
    assert [(r["counts"]["admitted"], r["counts"]["members"]) for r in records] == [(31, 7335)]


def people(first: str, second: str, key: str) -> dict[str, str]:
    return {"mot": mistake("mot", header=GOOD.format(title="Bài một").replace(
                "Author: Phòng Chính trị", f"Author: {first}") + f"Tags: {first}\n"
                if key == "both" else GOOD.format(title="Bài một") + f"{key}: {first}\n"),
            "hai": mistake("hai", header=GOOD.format(title="Bài hai").replace(
                "2024-07-21", "2024-07-22").replace("Author: Phòng Chính trị",
                                                    f"Author: {second}") + f"Tags: {second}\n"
                if key == "both" else GOOD.format(title="Bài hai").replace(
                "2024-07-21", "2024-07-22") + f"{key}: {second}\n")}


def listed(build, folder: str) -> dict[str, set[str]]:
    """Each page under `folder` -> the article titles it lists."""
    pages = {}
    for page in sorted((build.output / folder).glob("*/index.html")):
        soup = build.soup(str(page.relative_to(build.output)))
        main = soup.find("main") or soup
        pages[page.parent.name] = {a.get_text(strip=True) for a in main.select("h2 a, h3 a")
                                   if a.get_text(strip=True).startswith("Bài ")}
    return pages


def test_names_that_differ_only_in_accents_get_pages_of_their_own(tmp_path):
    content = tmp_path / "content"
    for name, text in people("Nguyễn Văn Đông", "Nguyễn Văn Đồng", "both").items():
        write(content, name, text)
    build = run_pelican(content, tmp_path / "output", overrides=SITE)
    assert build.returncode == 0, build.log
    authors, tags = listed(build, "tac-gia"), listed(build, "the")
    assert sorted(authors.values(), key=sorted) == [{"Bài hai"}, {"Bài một"}], authors
    assert sorted(tags.values(), key=sorted) == [{"Bài hai"}, {"Bài một"}], tags
    for pages in (authors, tags):
        assert all(slug.startswith("nguyen-van-dong") for slug in pages)
    headings = {build.soup(f"tac-gia/{slug}/index.html").h1.get_text(" ", strip=True)
                for slug in authors}
    assert headings == {"Tác giả: Nguyễn Văn Đông", "Tác giả: Nguyễn Văn Đồng"}
    assert "cảnh báo: 'Nguyễn Văn Đồng' và 'Nguyễn Văn Đông'" in build.log
    again = run_pelican(content, tmp_path / "again", overrides=SITE)
    assert listed(again, "tac-gia") == authors  # the same URLs in every build


def test_tags_that_differ_only_in_accents_are_two_tags_and_in_case_one(tmp_path):
    content = tmp_path / "content"
    for name, text in people("đảng, Kết nạp", "đăng, kết nạp", "Tags").items():
        write(content, name, text)
    build = run_pelican(content, tmp_path / "output", overrides=SITE)
    tags = listed(build, "the")
    assert tags["ket-nap"] == {"Bài một", "Bài hai"}
    assert sorted((v for k, v in tags.items() if k.startswith("dang")), key=sorted) == [
        {"Bài hai"}, {"Bài một"}]
    # one spelling on the page, the same in every build: the commoner, else the first sorted
    assert build.soup("the/ket-nap/index.html").h1.get_text(" ", strip=True) == (
        "Từ khóa: Kết nạp")
    assert ("cảnh báo: 'kết nạp' và 'Kết nạp' (articles/mot.md) chỉ khác chữ hoa/thường"
            in build.log)


def test_sections_that_differ_only_in_accents_get_pages_of_their_own(tmp_path):
    """Without declared sections (a fixture site), as for authors and tags."""
    content = tmp_path / "content"
    write(content, "mot", mistake("mot", header=GOOD.format(title="Bài một").replace(
        "Phát triển đảng viên", "Đảng")))
    write(content, "hai", mistake("hai", header=GOOD.format(title="Bài hai").replace(
        "Phát triển đảng viên", "Đăng").replace("2024-07-21", "2024-07-22")))
    no_sections = {"PLUGINS": CONTRACT_ONLY["PLUGINS"]}
    build = run_pelican(content, tmp_path / "output", overrides=no_sections)
    assert build.returncode == 0, build.log
    sections = listed(build, "chuyen-muc")
    assert sorted(sections.values(), key=sorted) == [{"Bài hai"}, {"Bài một"}], sections


def test_declared_sections_must_not_share_a_url():
    from portal_content.settings import ContractSettings

    with pytest.raises(ValueError, match="give the same URL"):
        ContractSettings.from_settings({"PORTAL_SECTIONS": [("Đảng", "a"), ("Đăng", "b")]})


def test_make_new_then_make_check_passes(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    new = subprocess.run(
        ["make", "-s", "new", f"INPUTDIR={content}", 'TITLE=Kết nạp 5 đảng viên "trẻ"',
         "CATEGORY=Xây dựng Đảng"], cwd=REPO, capture_output=True, text=True, timeout=300,
        env={**os.environ, "EDITOR": "vim"})  # a shell's text editor, not the article's
    assert new.returncode == 0, new.stdout + new.stderr
    path = content / "articles" / "xay-dung-dang" / "ket-nap-5-dang-vien-tre.md"
    assert new.stdout.splitlines()[0] == f"Đã tạo {os.path.relpath(path, REPO)}"
    text = path.read_text(encoding="utf-8")
    for name in ("Tiêu đề", "Ngày", "Chuyên mục", "Tác giả", "Biên tập", "Nguồn", "Ảnh",
                 "Chú thích ảnh", "Tóm tắt", "Nổi bật", "Độ mật", "Kỳ báo cáo", "Số kết nạp"):
        assert f"\n{name}:" in text, name
    first = check(content, str(path))
    assert first.returncode == 1
    assert "Tác giả: thiếu dòng tác giả" in first.stdout
    assert "Biên tập: thiếu" in first.stdout
    filled = text.replace("\nTác giả:\n", "\nTác giả: Phòng Chính trị\n").replace(
        "\nBiên tập:\n", "\nBiên tập: Loan Trần\n")
    path.write_text(filled + "Lễ kết nạp diễn ra trang trọng.\n", encoding="utf-8")
    second = check(content, str(path))
    assert second.returncode == 0, second.stdout
    assert second.stdout == "Đã kiểm tra 1 tệp: không có lỗi, 0 cảnh báo.\n"
    build = run_pelican(content, tmp_path / "output", overrides=SITE)
    assert build.returncode == 0 and "articles/" not in build.log, build.log
    page = build.soup("xay-dung-dang/ket-nap-5-dang-vien-tre.html")
    assert page.h1.get_text(strip=True) == 'Kết nạp 5 đảng viên "trẻ"'


def test_make_check_on_the_sample_site_prints_only_its_summary():
    result = subprocess.run(["make", "-s", "check"], cwd=REPO, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"Đã kiểm tra {len(list((CONTENT).rglob('*.md')))} tệp: không có lỗi, 0 cảnh báo."]


def test_make_check_on_one_file_still_compares_it_with_the_others(tmp_path):
    """Another file's header, in Vietnamese names, is read for the rules across files."""
    content = tmp_path / "content"
    write(content, "a/cu", mistake("cu", header="Tiêu đề : Lễ kết nạp\nNgày: 2024-07-20\n"
                                  "Chuyên mục: Phát triển đảng viên\nBài: Nguyễn Văn Đông\n"
                                  "Biên tập: Loan Trần\n"))
    write(content, "b/moi", mistake("moi", header=GOOD.format(title="Lễ kết nạp").replace(
        "Phòng Chính trị", "Nguyễn Văn Đồng")))
    result = check(content, str(content / "articles" / "b" / "moi.md"))
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == ("articles/b/moi.md:1: Đường dẫn: 'le-ket-nap' đã là đường dẫn của "
                        "articles/a/cu.md; đặt tiêu đề khác hoặc thêm dòng 'Đường dẫn: …' riêng")
    assert any(line.startswith("articles/b/moi.md:4: Author: cảnh báo: 'Nguyễn Văn Đồng' và "
                               "'Nguyễn Văn Đông' (articles/a/cu.md) chỉ khác dấu")
               for line in lines), lines
    assert lines[-1] == "Đã kiểm tra 1 tệp: 1 lỗi, 1 cảnh báo."
