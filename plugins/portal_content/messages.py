"""What the editors' contract says, in Vietnamese for editors and English for developers.

Every rule reports a `Violation` by message code; the text is made when it is shown, in
the language of the build (`PORTAL_MESSAGES_LANGUAGE`, or `make check MESSAGES=en`), as

    tệp:dòng: trường: what is wrong; how to write it (example)
        sửa thành: the corrected line, where the fix is unambiguous
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import fields

LANGUAGES = ("vi", "en")
_language = "vi"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"PORTAL_MESSAGES_LANGUAGE must be one of {LANGUAGES}, not "
                         f"{language!r}")
    _language = language


def language() -> str:
    return _language


# code -> (Vietnamese, English). Placeholders are filled from the violation's params.
CATALOGUE = {
    # The header's own lines.
    "no_header": (
        "tệp không có phần thông tin ở đầu (dòng đầu là {first!r}); viết các dòng "
        "'Tên: giá trị' từ dòng 1 (ví dụ 'Tiêu đề: …', 'Ngày: …'), một dòng trống, rồi "
        "nội dung bài",
        "the file has no header (its first line is {first!r}); expected 'Name: value' "
        "lines from line 1 (e.g. 'Title: …', 'Date: …'), a blank line, then the body"),
    "not_a_field_line": (
        "dòng {line!r} nằm trong phần thông tin đầu bài nhưng không có dạng 'Tên: giá "
        "trị'; phần thông tin kết thúc ở dòng trống đầu tiên: nếu đây là nội dung bài, "
        "thêm một dòng trống phía trên nó",
        "the line {line!r} is in the header but is not a 'Name: value' line; the header "
        "ends at the first blank line: if this is the body, put a blank line above it"),
    "comment_ends_header": (
        "dòng ghi chú '#' ở cuối phần thông tin bị bỏ qua; nếu đây là tiêu đề mục của "
        "nội dung, thêm một dòng trống phía trên nó",
        "a '#' comment line ends the header and is ignored; if it is a heading of the "
        "body, put a blank line above it"),
    "invisible_in_name": (
        "tên trường {name!r} có ký tự ẩn {char}; đã bỏ qua ký tự đó, nên gõ lại tên trường",
        "the field name {name!r} holds the invisible character {char}; it was ignored, "
        "retype the name"),
    "unknown_field": (
        "{name!r} không phải là tên trường; có phải ý bạn là {nearest!r}? Nếu dòng này là "
        "đầu nội dung bài, thêm một dòng trống phía trên nó",
        "{name!r} is not a field; did you mean {nearest!r}? If this line starts the body, "
        "put a blank line above it"),
    "unknown_field_far": (
        "{name!r} không phải là tên trường (danh sách các trường có trong README); nếu dòng "
        "này là đầu nội dung bài, thêm một dòng trống phía trên nó",
        "{name!r} is not a field (the README lists the fields); if this line starts the "
        "body, put a blank line above it"),
    "override_field": (
        "{name!r} là thiết lập của trang web, không viết trong bài; xóa dòng này",
        "{name!r} is a site setting that content may not set; remove the line"),
    "not_for_pages": (
        "{name!r} không dùng cho trang tĩnh (chỉ dùng cho bài); xóa dòng này",
        "{name!r} is a field of articles, not of pages; remove the line"),
    "duplicate_field": (
        "trường này đã có ở dòng {first}; mỗi trường chỉ viết một lần",
        "already given on line {first}; expected each field once"),
    "invisible_char": (
        "có ký tự ẩn {char} ở cột {column}; xóa ký tự đó (gõ lại dòng)",
        "holds the invisible character {char} at column {column}; remove it (retype the "
        "line)"),
    # Values.
    "missing": (
        "thiếu; trường này bắt buộc, ví dụ '{example}'",
        "missing; it is required, e.g. '{example}'"),
    "missing_author": (
        "thiếu dòng tác giả (\u201cBài:\u201d); viết ví dụ 'Tác giả: Phòng Chính trị'",
        "missing; expected the byline 'Bài:', e.g. 'Author: Phòng Chính trị'"),
    "date_shape": (
        "{value!r} không đúng dạng năm-tháng-ngày giờ:phút; viết ví dụ 2024-07-21 09:30 "
        "(hoặc chỉ ngày 2024-07-21, hiểu là 00:00)",
        "{value!r} is not in the form YYYY-MM-DD HH:MM (or YYYY-MM-DD, read as 00:00)"),
    "date_unreal": (
        "{value!r} không phải ngày giờ có thật; viết ví dụ 2024-07-21 09:30",
        "{value!r} is not a real date and time; expected YYYY-MM-DD HH:MM"),
    "date_range": (
        "{value!r}: năm {year} nằm ngoài khoảng {first}–{last}; viết ngày đăng thật của bài",
        "{value!r}: the year {year} is outside {first}-{last}; expected the article's real "
        "date (YYYY-MM-DD HH:MM)"),
    "modified_early": (
        "sớm hơn Ngày đăng; viết thời điểm cập nhật sau cùng, không sớm hơn Ngày",
        "is earlier than Date; expected the time of the last update"),
    "yes_no": (
        "{value!r} không phải có/không; viết 'có' hoặc 'không' (yes/no, true/false cũng "
        "được); bài vẫn được dựng như 'không'",
        "{value!r}: expected 'yes' or 'no' (có/không, true/false); built as 'no'"),
    "status": (
        "{value!r} không phải trạng thái; viết 'đăng' (published), 'ẩn' (hidden) hoặc "
        "'nháp' (draft)",
        "{value!r}: expected one of published, hidden, draft (đăng, ẩn, nháp)"),
    "name_no_slug": (
        "{value!r} không có chữ cái hay chữ số nào (thẻ HTML không tính), nên không có "
        "trang riêng được; viết chữ thường, ví dụ {example!r}",
        "{value!r} has no letter or digit (HTML tags do not count), so it cannot have a "
        "page of its own; expected plain text, e.g. {example!r}"),
    "unknown_section": (
        "{value!r} không phải chuyên mục đã khai báo; có phải ý bạn là {nearest!r}? Các "
        "chuyên mục: {sections}",
        "{value!r} is not a declared section; did you mean {nearest!r}? Sections: "
        "{sections}"),
    "unknown_section_far": (
        "{value!r} không phải chuyên mục đã khai báo; viết một trong: {sections}",
        "{value!r} is not a declared section; expected one of: {sections}"),
    "section_folder": (
        "bài thuộc chuyên mục {value!r} nhưng nằm trong thư mục {folder}/ của chuyên mục "
        "{folder_section!r}; chuyển tệp sang {expected}/ hoặc sửa Chuyên mục",
        "the section is {value!r} but the file is in {folder}/, the folder of "
        "{folder_section!r}; move it to {expected}/ or correct Category"),
    "caption_without_image": (
        "có chú thích ảnh nhưng không có Ảnh; thêm dòng 'Ảnh: images/ten-anh.jpg' hoặc xóa "
        "chú thích",
        "given without Image; expected an Image to caption"),
    "image_outside": (
        "{value!r} không nằm trong {where}, nên sẽ không được xuất bản; viết đường dẫn như "
        "{example}, một tệp trong {where}",
        "{value!r} is not in {where}, so it would not be published; expected a path such "
        "as {example}, a file in {where}"),
    "image_missing": (
        "{value!r} không có; viết đường dẫn như {example}, một tệp có trong {where}",
        "{value!r} does not exist; expected a path such as {example}, a file in {where}"),
    "image_prefix": (
        "{value!r} thiếu thư mục: tệp nằm ở {found}; viết đường dẫn tính từ content/",
        "{value!r} lacks its folder: the file is {found}; expected the path from content/"),
    "classified": (
        "tài liệu có độ mật {value!r}: không bao giờ được đưa lên trang web, tin RSS, sơ "
        "đồ trang, chỉ mục tìm kiếm hay dữ liệu mở; chuyển tệp ra khỏi thư mục content/",
        "a document classified {value!r} is never published (pages, feeds, sitemap, "
        "search index, open data); move the file out of content/"),
    "classified_unknown": (
        "{value!r} không phải độ mật đã biết, nên tệp được coi là tài liệu mật và không "
        "xuất bản; bài công khai thì xóa dòng này",
        "{value!r} is not a known classification, so the file is treated as classified "
        "and not published; for a public article remove the line"),
    # Statistics.
    "not_a_count": (
        "{value!r} không phải số nguyên; viết chữ số 0-9, có thể dùng dấu chấm ngăn cách "
        "hàng nghìn (ví dụ 408 hoặc 1.250)",
        "{value!r} is not a whole number; expected digits 0-9, optionally with dots as "
        "thousands separators (e.g. 408 or 1.250)"),
    "period": (
        "{value!r} không phải kỳ báo cáo; viết {forms}",
        "{value!r} is not a period; expected {forms}"),
    "period_same_year": (
        "{value!r}: khoảng năm phải kết thúc ở năm sau; số liệu một năm thì viết {first}; "
        "viết {forms}",
        "{value!r}: a range of years must end in a later year; for the one year write "
        "{first}; expected {forms}"),
    "period_reversed": (
        "{value!r}: kỳ phải kết thúc sau khi bắt đầu; viết {forms}",
        "{value!r}: the range must end after it starts; expected {forms}"),
    "period_month": (
        "{value!r}: tháng từ 01 đến 12; viết {forms}",
        "{value!r}: months run from 01 to 12; expected {forms}"),
    "period_months_reversed": (
        "{value!r}: kỳ không được kết thúc trước khi bắt đầu; viết {forms}",
        "{value!r}: the range must not end before it starts; expected {forms}"),
    "period_year": (
        "{value!r}: {year} không phải năm của một bản số liệu (từ {first}, năm thành lập "
        "Đảng, đến {last}); viết {forms}",
        "{value!r}: {year} is not a year a record can report (years run from {first}, "
        "when the Party was founded, to {last}); expected {forms}"),
    "stats_no_period": (
        "thiếu; bản số liệu cần kỳ báo cáo: viết {forms}",
        "missing; a statistics record needs its reporting period: expected {forms}"),
    "stats_no_count": (
        "có kỳ báo cáo nhưng không có con số nào; thêm ít nhất một trong {counts}",
        "given without any count; expected at least one of {counts}"),
    "stats_unit_alone": (
        "có đơn vị nhưng không có số liệu; thêm Kỳ báo cáo và ít nhất một con số",
        "given without a record; expected Stats_Period and a count"),
    # Across files.
    "duplicate_slug": (
        "{slug!r} đã là đường dẫn của {other}; đặt tiêu đề khác hoặc thêm dòng 'Đường dẫn: "
        "…' riêng",
        "{slug!r} is already used by {other}; expected a unique title or a distinct Slug "
        "field"),
    "draft_copy": (
        "bản nháp này trùng đường dẫn {slug!r} với bài đã đăng {other}; bài đã đăng được "
        "dựng, bản nháp thì không (đổi Đường dẫn của bản nháp nếu là bài khác)",
        "this draft shares {slug!r} with the published {other}; the published one is "
        "built, the draft is not (give the draft its own Slug if it is another article)"),
    "name_case": (
        "{value!r} và {other!r} ({other_path}) chỉ khác chữ hoa/thường nên chung một trang; "
        "trang dùng cách viết {chosen!r}: viết giống nhau ở mọi bài",
        "{value!r} and {other!r} ({other_path}) differ only in case and share one page, "
        "shown as {chosen!r}; expected one spelling in every article"),
    "name_accents": (
        "{value!r} và {other!r} ({other_path}) chỉ khác dấu: là hai tên khác nhau, mỗi tên "
        "có trang riêng ({url}); nếu là cùng một tên, sửa cho giống nhau",
        "{value!r} and {other!r} ({other_path}) differ only in accents: two names, each "
        "with its own page ({url}); if they are one name, spell it alike"),
    # Files Pelican could not make.
    "not_utf8": (
        "tệp không phải văn bản UTF-8 ({error}); lưu lại tệp với mã UTF-8",
        "not UTF-8 text ({error}); expected the file saved as UTF-8"),
    "unreadable": (
        "Pelican không đọc được tệp ({error}); tệp cần các dòng 'Tên: giá trị', một dòng "
        "trống, rồi nội dung bài",
        "Pelican could not process it ({error}); expected a Markdown file with "
        "'Key: value' lines, a blank line, then the body"),
    "left_out": (
        "Pelican đã bỏ qua tệp này (xem thông báo của Pelican ở trên; `pelican --debug` "
        "cho biết chi tiết)",
        "Pelican left this file out (its message, if any, is above; `pelican --debug` "
        "shows every detail)"),
    "not_markdown": (
        "tệp {suffix} không phải bài Markdown nên không được dựng; bài viết lưu với đuôi "
        ".md, tệp khác (ảnh, tài liệu) đặt trong content/images/",
        "a {suffix} file is not a Markdown article and is not built; expected articles "
        "saved as .md, other files (photos, documents) in content/images/"),
    "no_such_file": (
        "không có tệp này trong các thư mục bài viết và trang của content/",
        "no such file in content/'s article and page folders"),
    "output_taken": (
        "bài này sẽ được ghi vào {output}, đường dẫn của {owner}, nên không được dựng; đặt "
        "tiêu đề khác hoặc thêm dòng 'Đường dẫn: …' riêng",
        "would be written to {output}, the path of {owner}, so it is left out; expected "
        "another title or a Slug of its own"),
    "symlink": (
        "{link} là liên kết tượng trưng (symlink), không phải tệp thật trong content/, nên "
        "không được đọc hay xuất bản; chép tệp thật vào thay cho liên kết",
        "{link} is a symbolic link, not a file of content/, so it is neither read nor "
        "published; expected the file itself in its place"),
    "outside_content": (
        "đường dẫn dẫn ra ngoài thư mục content/ ({link}), nên không được đọc hay xuất bản; "
        "chỉ dùng tệp trong content/",
        "the path leads out of content/ ({link}), so it is neither read nor published; "
        "expected a file in content/"),
    "bad_slug": (
        "{value!r} không dùng được làm đường dẫn; chỉ viết chữ thường không dấu a-z, chữ số "
        "và dấu gạch ngang '-'",
        "{value!r} is not a slug; expected lower-case a-z, digits and '-' only"),
    # Photos (the photos plugin).
    "photo_too_large": (
        "ảnh {width}×{height} điểm ảnh, quá giới hạn {limit} triệu điểm ảnh, nên không được "
        "xuất bản; thu nhỏ ảnh trước khi đưa vào content/images/",
        "a {width}×{height} photo, over the limit of {limit} megapixels, is not published; "
        "expected a smaller photo"),
    "photo_not_image": (
        "tệp có đuôi ảnh nhưng không phải ảnh, nên không được xuất bản; lưu lại ảnh từ máy "
        "ảnh hay điện thoại (JPEG, PNG, WebP)",
        "has a photo's name but is not a photo, so it is not published; expected a JPEG, "
        "PNG or WebP file"),
    "photo_small": (
        "ảnh đại diện chỉ rộng {width} điểm ảnh, sẽ mờ ở khung đầu bài; dùng ảnh rộng ít "
        "nhất {wanted} điểm ảnh",
        "the lead photo is only {width} px wide and shows blurred in its slot; expected at "
        "least {wanted} px"),
    "photo_broken": (
        "ảnh bị hỏng hoặc không trọn vẹn ({error}), nên không được xuất bản; chép lại ảnh "
        "gốc",
        "the photo is damaged or cut short ({error}), so it is not published; copy it again"),
    "svg_unsafe": (
        "hình vẽ SVG có phần có thể chạy mã hoặc tải nội dung từ ngoài, đã bị bỏ: {items}; "
        "xuất lại hình từ chương trình vẽ dưới dạng SVG thường (không script, không liên "
        "kết ra ngoài)",
        "the SVG drawing holds parts that run code or load from outside, left out: {items}; "
        "expected a plain SVG export (no scripts, no outside links)"),
    "svg_broken": (
        "tệp .svg không đọc được như hình vẽ SVG{items}, nên không được xuất bản; xuất lại "
        "hình từ chương trình vẽ",
        "the .svg file cannot be read as an SVG drawing{items}, so it is not published; "
        "export it again"),
    "svg_metadata": (
        "đã bỏ thông tin riêng của chương trình vẽ khỏi hình: {items}",
        "the drawing program's own data was removed from the drawing: {items}"),
    # The body.
    "markup_dropped": (
        "có mã HTML không được phép, đã bị bỏ khi dựng: {items}; chỉ dùng chữ, đoạn văn, "
        "tiêu đề, danh sách, bảng, liên kết http(s)/mailto và ảnh",
        "holds HTML that is not allowed, left out of the page: {items}; expected text, "
        "paragraphs, headings, lists, tables, http(s)/mailto links and images"),
    "figure_claim": (
        "câu {claim!r} không khớp số liệu của bài: kết nạp {admitted} / chỉ tiêu {target} là "
        "đạt {reached}% chỉ tiêu ({gap_vi}); kiểm tra lại câu hoặc các trường số liệu",
        "the text says {claim!r} but the figures, {admitted} admitted of a target of "
        "{target}, give {reached}% of target ({gap_en}); check the sentence or the "
        "Stats fields"),
    "figure_claim_exceeded": (
        "câu {claim!r} viết 'vượt' nhưng {admitted} / {target} là đạt {reached}% chỉ tiêu "
        "({gap_vi}); có lẽ ý là 'đạt {reached}%'",
        "the text says {claim!r}, but {admitted} of {target} is {reached}% of target "
        "({gap_en}): 'đạt {reached}%' was probably meant"),
    "empty_body": (
        "bài chưa có nội dung; viết nội dung sau dòng trống cuối phần thông tin",
        "the body is empty; expected the text after the header's blank line"),
    "link_nowhere": (
        "liên kết {link!r} không dẫn tới đâu ({reason}); viết đường dẫn tính từ thư mục "
        "content: {{static}}/{example} cho một tệp trong {where}, "
        "{{filename}}/articles/<mục>/<bài>.md cho một bài",
        "link {link!r} leads nowhere ({reason}); expected a path from the content folder: "
        "{{static}}/{example} for a file in {where}, {{filename}}/articles/<mục>/<bài>.md "
        "for an article"),
    "image_no_text": (
        "ảnh {src!r} không có chú thích hay mô tả; viết ![Chú thích ảnh]({src}) trên một "
        "dòng riêng",
        "the photo {src!r} has neither caption nor alt text; write ![Caption]({src}) on a "
        "line of its own"),
}

REASONS = {
    "no_article": ("không có bài, trang hay tệp đó", "no such article, page or file"),
    "no_file": ("không có tệp đó", "no such file"),
    "unknown_kind": ("{{{kind}}} không phải loại liên kết Pelican biết",
                     "{{{kind}}} is not a kind of link Pelican knows"),
}


def text(code: str, params: dict, lang: str | None = None) -> str:
    vi, en = CATALOGUE[code]
    return (en if (lang or _language) == "en" else vi).format(**params)


def reason(code: str, **params) -> str:
    vi, en = REASONS[code]
    return (en if _language == "en" else vi).format(**params)


@dataclass(frozen=True)
class Violation:
    """One broken rule in one file: where, which field, and which message."""

    path: str  # relative to the content folder, like every path in build messages
    line: int | None
    key: str | None  # the field's metadata name; None for a line that is no field
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    written: str | None = None  # the field's name as the file writes it
    fix: str | None = None  # the corrected line, where the fix is unambiguous
    # False for a statistics field or a cosmetic one: a development build leaves out
    # only that field (the article is still built); True leaves the whole file out.
    drops_file: bool = True
    warning: bool = False  # reported, but a publish still goes ahead

    @property
    def field(self) -> str:
        if self.written:
            return self.written
        return fields.label(self.key, _language == "en") if self.key else ""

    @property
    def message(self) -> str:
        return text(self.code, self.params)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.field, self.message)

    def __str__(self) -> str:
        head = f"{self.where}: {self.field}: " if self.field else f"{self.where}: "
        if self.warning:
            head += "cảnh báo: " if _language == "vi" else "warning: "
        shown = head + self.message
        if self.fix:
            shown += ("\n    sửa thành: " if _language == "vi" else "\n    write: ") + self.fix
        return shown


def at(path: str, problems) -> list[Violation]:
    """Problems found without a path (the header reader's), placed in a file."""
    return [Violation(path, p.line, p.key, p.code, p.params, p.written, p.fix,
                      p.drops_file, p.warning) for p in problems]


@dataclass(frozen=True)
class Problem:
    """A violation before it knows its file: what the header reader finds."""

    line: int | None
    written: str | None
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    warning: bool = False
    key: str | None = None
    fix: str | None = None
    drops_file: bool = True
