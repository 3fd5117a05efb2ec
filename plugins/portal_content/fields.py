"""The header fields editors may write, with their Vietnamese names: the one table that
the header reader, the rules, `make check`, `make new` and the README follow.

A field is found by its folded name (case, accents, spaces, '_' and '-' ignored), so
`Chú thích ảnh`, `chu thich anh`, `Image_Caption` and `image caption` are one field.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Field:
    key: str  # Pelican's metadata name
    name: str  # the English name, as the README documents it
    vi: str  # the Vietnamese name: `make new` writes it, messages name it
    aliases: tuple[str, ...] = ()  # further Vietnamese names accepted
    article: bool = True  # allowed in an article
    page: bool = False  # allowed in a page
    hint: str = ""  # what the field is, for `make new`'s comments (Vietnamese)
    example: str = ""


FIELDS = (
    Field("title", "Title", "Tiêu đề", page=True, hint="tiêu đề bài (bắt buộc)",
          example="Kết nạp 12 đảng viên mới"),
    Field("date", "Date", "Ngày", ("Ngày đăng",), page=True,
          hint="thời điểm đăng, giờ Việt Nam: năm-tháng-ngày giờ:phút (bắt buộc)",
          example="2024-07-21 09:30"),
    Field("modified", "Modified", "Cập nhật", ("Ngày cập nhật",), page=True,
          hint="thời điểm cập nhật, cùng dạng với Ngày (không bắt buộc)",
          example="2024-07-22 08:00"),
    Field("category", "Category", "Chuyên mục",
          hint="một chuyên mục đã khai báo (bắt buộc)", example="Phát triển đảng viên"),
    Field("tags", "Tags", "Từ khóa", ("Từ khoá",),
          hint="các từ khóa, cách nhau bằng dấu phẩy (không bắt buộc)",
          example="kết nạp đảng viên, bồi dưỡng nhận thức"),
    Field("author", "Author", "Tác giả", ("Bài",),
          hint="dòng \u201cBài:\u201d, người hoặc đơn vị viết bài (bắt buộc)",
          example="Phòng Chính trị"),
    Field("authors", "Authors", "Các tác giả",
          hint="nhiều tác giả, cách nhau bằng dấu chấm phẩy",
          example="Nguyễn Văn Hùng; Trần Thị Mai"),
    Field("editor", "Editor", "Biên tập", ("Biên tập viên",),
          hint="dòng \u201cBiên tập:\u201d (bắt buộc)", example="Loan Trần, phòng HCTH"),
    Field("source", "Source", "Nguồn", hint="dòng \u201cNguồn:\u201d (không bắt buộc)",
          example="Cổng Thông tin điện tử Bộ Công an"),
    Field("image", "Image", "Ảnh", ("Ảnh đại diện",),
          hint="ảnh đại diện, một tệp trong content/images/ (không bắt buộc)",
          example="images/le-ket-nap-dang-vien.svg"),
    Field("image_caption", "Image_Caption", "Chú thích ảnh",
          hint="chú thích ảnh đại diện (chỉ dùng khi có Ảnh)",
          example="Các đảng viên mới tuyên thệ dưới cờ Đảng."),
    Field("summary", "Summary", "Tóm tắt", ("Sapo",), page=True,
          hint="đoạn sapo in đậm đầu bài; bỏ trống thì lấy đoạn văn đầu tiên",
          example="Sáng 21/7, Đảng ủy Công an tỉnh tổ chức lễ kết nạp 12 đảng viên mới."),
    Field("featured", "Featured", "Nổi bật", ("Tin nổi bật",),
          hint="đưa lên \u201cTin nổi bật\u201d ở trang chủ: có hoặc không", example="không"),
    Field("status", "Status", "Trạng thái", page=True,
          hint="đăng (mặc định), ẩn (có trang nhưng không hiện trong danh sách) "
               "hoặc nháp (không xuất bản)", example="đăng"),
    Field("slug", "Slug", "Đường dẫn", page=True,
          hint="đường dẫn của bài, mặc định tạo từ tiêu đề", example="ket-nap-dot-2"),
    Field("classification", "Classification", "Độ mật", page=True,
          hint="tài liệu mật hay lưu hành nội bộ không bao giờ được xuất bản",
          example="Mật"),
    Field("stats_unit", "Stats_Unit", "Đơn vị thống kê",
          hint="tổ chức đảng của số liệu; bỏ trống là đơn vị của trang",
          example="Đảng bộ huyện Phú Bình"),
    Field("stats_period", "Stats_Period", "Kỳ báo cáo", ("Kỳ thống kê",),
          hint="kỳ báo cáo: một năm 2023, nhiệm kỳ 2020-2025 hoặc 2024-01..2024-06",
          example="2024-01..2024-06"),
    Field("stats_target", "Stats_Target", "Chỉ tiêu kết nạp", hint="chỉ tiêu kết nạp",
          example="253"),
    Field("stats_admitted", "Stats_Admitted", "Số kết nạp", ("Số đảng viên kết nạp",),
          hint="số đảng viên được kết nạp", example="31"),
    Field("stats_trainees", "Stats_Trainees", "Số bồi dưỡng nhận thức",
          ("Số quần chúng bồi dưỡng",),
          hint="số quần chúng được bồi dưỡng nhận thức về Đảng", example="282"),
    Field("stats_official", "Stats_Official", "Số công nhận chính thức",
          hint="số đảng viên được công nhận chính thức", example="404"),
    Field("stats_members", "Stats_Members", "Tổng số đảng viên",
          hint="tổng số đảng viên", example="7.335"),
)
BY_KEY = {field.key: field for field in FIELDS}

# Pelican settings that a content file could otherwise set for itself (where it is
# written, with which template, under which URL): not for editors to write.
OVERRIDE_FIELDS = ("template", "save_as", "url", "lang", "translation", "translation_of",
                   "private", "lang_save_as", "lang_url")

_SEPARATORS = re.compile(r"[\s_\-]+")


@cache
def fold(name: str) -> str:
    """'Chú thích ảnh' -> 'chu thich anh'; 'Image_Caption' -> 'image caption'."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()


def names(field: Field) -> tuple[str, ...]:
    """Every spelling a file may give the field (folded ones too: `chu thich anh`)."""
    spelt = (field.name, field.key, field.vi, *field.aliases)
    return (*spelt, *(fold(name) for name in spelt))


_BY_FOLDED = {fold(name): field for field in FIELDS for name in names(field)}
_OVERRIDES = {fold(key) for key in OVERRIDE_FIELDS}


def find(written: str) -> Field | None:
    return _BY_FOLDED.get(fold(written))


def is_override(written: str) -> bool:
    return fold(written) in _OVERRIDES


def nearest(written: str) -> str | None:
    """The known name closest to a misspelt one, in the language it was written in."""
    vietnamese = not written.isascii()
    candidates = {fold(name): name for field in FIELDS
                  for name in (field.name, field.vi, *field.aliases)
                  if (not name.isascii()) == vietnamese}
    close = difflib.get_close_matches(fold(written), list(candidates), n=1, cutoff=0.6)
    return candidates[close[0]] if close else None


def label(key: str, english: bool = False) -> str:
    """The name messages use for a field the file does not spell out itself."""
    if key == "body":
        return "Body" if english else "Nội dung"
    field = BY_KEY.get(key)
    if field is None:
        return "_".join(part.capitalize() for part in key.split("_"))
    return field.name if english else field.vi
