"""Fixture sites for the feeds tests: tiny content folders and how to build them."""

from __future__ import annotations

from pathlib import Path

from conftest import Build, run_pelican, sample_image, write_article, write_page

SITEURL = "https://example.vn"
PLUGINS = ["portal_content", "vn_format", "feeds", "pelican.plugins.sitemap"]
MAX_ITEMS = 3

SECTION = "phat-trien-dang-vien"  # "Phát triển đảng viên", VALID_ARTICLE's section
ALL_SECTION = "all"  # a section slugged like the site feed

FEED_PATHS = [
    "feeds/all.rss.xml",
    "feeds/all.atom.xml",
    f"feeds/chuyen-muc/{SECTION}.rss.xml",
    f"feeds/chuyen-muc/{SECTION}.atom.xml",
    f"feeds/chuyen-muc/{ALL_SECTION}.rss.xml",
    f"feeds/chuyen-muc/{ALL_SECTION}.atom.xml",
]

LEAD = {  # the article with everything: photo, tags, editor, update, relative links
    "title": "Kết nạp đảng viên mới tại Chi bộ Phòng Tham mưu",
    "slug": "ket-nap-dang-vien-moi-tai-chi-bo-phong-tham-muu",
    "date": "2024-03-01 08:00",
    "modified": "2024-03-02 10:15",
}
LEAD_BODY = "\n\n".join([
    "Chi bộ Phòng Tham mưu tổ chức lễ kết nạp đảng viên mới.",
    "Xem [lưu trữ](/luu-tru/), [các chuyên mục](../chuyen-muc/) "
    "và [ảnh gốc]({static}/images/hoa-sen.svg).",
    '<img src="../images/hoa-sen.svg" alt="Hoa sen" '
    'srcset="../images/hoa-sen.svg 1x, /images/sach-tai-lieu.svg 2x">',
    "Đoạn cuối của bài viết.",
])

# title, date, section, slug; newest first once sorted
OTHERS = [
    ("Tin chuyên mục All", "2024-02-20 10:00", "All", "tin-chuyen-muc-all"),
    ("Bồi dưỡng nhận thức về Đảng", "2024-02-15 09:30", None, "boi-duong-nhan-thuc-ve-dang"),
    ("Sinh hoạt chi bộ tháng Một", "2024-01-10 14:00", None, "sinh-hoat-chi-bo-thang-mot"),
    ("Tổng kết công tác năm 2023", "2023-12-05 07:45", None, "tong-ket-cong-tac-nam-2023"),
]
HIDDEN_SLUG = "tin-an-khong-dua-vao-kenh"
DRAFT_SLUG = "ban-nhap-chua-dang"

# A raw control character in a content file is an error of the editors' contract (the
# file is not built, tests/portal_content/test_editor_mistakes.py); as a character
# reference in the body it passes the contract and the feeds must drop it.
HOSTILE_TITLE = "Cảnh báo <script>alert('x')</script> giả mạo & lừa đảo"
HOSTILE_CLEAN_TITLE = HOSTILE_TITLE


def overrides(**extra) -> dict:
    return {"PLUGINS": PLUGINS, "SITEURL": SITEURL, "FEEDS_MAX_ITEMS": MAX_ITEMS, **extra}


def write_news_site(content: Path, lead_title: str = LEAD["title"],
                    lead_modified: str = LEAD["modified"]) -> str:
    """The main fixture site; returns the lead photo's path relative to the content."""
    image = sample_image(content)
    write_article(content, "lead.md", body=LEAD_BODY, Title=lead_title, Slug=LEAD["slug"],
                  Date=LEAD["date"], Modified=lead_modified, Image=image,
                  Image_Caption="Lễ kết nạp đảng viên", Tags="Kết nạp; Chi bộ",
                  Summary="Lễ kết nạp <em>trang trọng</em> tại [chi bộ](/chuyen-muc/).")
    for index, (title, date, section, slug) in enumerate(OTHERS):
        fields = {"Title": title, "Date": date, "Slug": slug}
        if section:
            fields["Category"] = section
        write_article(content, f"other-{index}.md", body=f"Nội dung bài {title}.", **fields)
    write_article(content, "hidden.md", Title="Tin ẩn", Slug=HIDDEN_SLUG,
                  Date="2024-03-05 08:00", Status="hidden")
    write_article(content, "draft.md", Title="Bản nháp", Slug=DRAFT_SLUG,
                  Date="2024-03-06 08:00", Status="draft")
    write_page(content, "gioi-thieu.md", "Giới thiệu")
    return image


def write_hostile_site(content: Path) -> None:
    """One article whose title carries markup and whose body a U+000B reference."""
    write_article(content, "hostile.md", Title=HOSTILE_TITLE, Slug="canh-bao-gia-mao",
                  Date="2024-05-01 09:00", Editor="Biên tập viên",
                  body="Thân bài có ký tự &#11; điều khiển và <b>chữ đậm</b> &#xb; hết.")


def build(content: Path, output: Path, **extra) -> Build:
    result = run_pelican(content, output, overrides=overrides(**extra))
    assert result.returncode == 0, result.log
    return result


def article_url(slug: str, section: str = SECTION) -> str:
    return f"{SITEURL}/{section}/{slug}.html"
