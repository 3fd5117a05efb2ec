"""The search fixture site and a way to call the WSGI app with a real environ."""

from __future__ import annotations

import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from wsgiref.util import setup_testing_defaults

from conftest import Build, run_pelican, write_article, write_page

PLUGINS = {"PLUGINS": ["portal_content", "vn_format", "search_index"]}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# slug -> (fields, body). URLs are "<category slug>/<slug>.html".
ARTICLES = {
    "le-ket-nap": (
        {"Title": "Lễ kết nạp đảng viên mới tại Chi bộ Phòng Tham mưu",
         "Category": "Phát triển đảng viên", "Date": "2022-04-19 16:27",
         "Tags": "kết nạp, đảng viên"},
        "Chi bộ Phòng Tham mưu trang trọng tổ chức lễ kết nạp hai quần chúng ưu tú vào Đảng.\n\n"
        "Công tác phát triển đảng viên luôn được cấp ủy quan tâm, lãnh đạo sát sao.",
    ),
    "dai-hoi": (
        {"Title": "Đại hội Đảng bộ Công an tỉnh nhiệm kỳ 2020-2025",
         "Category": "Xây dựng Đảng", "Date": "2020-08-13 11:24"},
        "ĐẢNG VIÊN toàn Đảng bộ phát huy tinh thần đoàn kết, thống nhất, kỷ cương.",
    ),
    "dang-ky-du-thi": (
        {"Title": "Hướng dẫn đăng ký dự thi tìm hiểu pháp luật",
         "Category": "Tin tức", "Date": "2023-03-01 08:00"},
        "Cán bộ, chiến sĩ đăng ký dự thi trước ngày 15/3. Mỗi đơn vị lập danh sách riêng.",
    ),
    "cac-dang-cau-hoi": (
        {"Title": "Các dạng câu hỏi trong cuộc thi", "Category": "Tin tức",
         "Date": "2021-06-01 09:00"},
        "Đề thi gồm ba dạng câu hỏi: trắc nghiệm, tự luận và xử lý tình huống.",
    ),
    "bieu-duong": (
        {"Title": nfd("Biểu dương đảng viên tiêu biểu"), "Category": "Xây dựng Đảng",
         "Date": "2024-01-10 10:00"},
        nfd("Hội nghị biểu dương những Đảng viên tiêu biểu trong học tập và làm theo "
            "tấm gương đạo đức Hồ Chí Minh."),
    ),
    "kinh-te-co-so": (
        {"Title": "Gắn phát triển kinh tế với xây dựng chi bộ", "Category": "Tin tức",
         "Date": "2022-09-09 07:30"},
        "Phát triển kinh tế địa phương gắn với nâng cao chất lượng đảng viên ở cơ sở.",
    ),
    "ky-hieu": (
        {"Title": "Ký hiệu <b> trong văn bản", "Category": "Tin tức",
         "Date": "2022-10-10 10:10"},
        "Trong văn bản pháp luật có so sánh, ký hiệu a < b & c > d được giữ nguyên.",
    ),
    "ban-nhap": (
        {"Title": "Bản nháp chưa đăng", "Category": "Tin tức", "Date": "2022-01-01 08:00",
         "Status": "draft"},
        "Bản nháp có từ khóa riêng xuongrongbimat.",
    ),
    "bai-an": (
        {"Title": "Bài ẩn", "Category": "Tin tức", "Date": "2022-01-02 08:00",
         "Status": "hidden"},
        "Bài ẩn có từ khóa riêng anbaibimat.",
    ),
}
# Twelve near-identical articles: same score for "sơ kết", so newest first.
ARTICLES.update({
    f"so-ket-{n:02d}": (
        {"Title": f"Hội nghị sơ kết số {n:02d}", "Category": "Hội nghị",
         "Date": f"2019-01-{n:02d} 08:00"},
        "Hội nghị sơ kết đánh giá kết quả công tác.",
    )
    for n in range(1, 13)
})
CATEGORY_SLUGS = {"Phát triển đảng viên": "phat-trien-dang-vien", "Xây dựng Đảng": "xay-dung-dang",
                  "Tin tức": "tin-tuc", "Hội nghị": "hoi-nghi"}


def url_of(slug: str) -> str:
    """The site-relative URL of a fixture article (SITEURL is empty: '/…')."""
    return f"/{CATEGORY_SLUGS[ARTICLES[slug][0]['Category']]}/{slug}.html"


@dataclass
class SearchSite:
    build: Build

    @property
    def output(self) -> Path:
        return self.build.output

    @property
    def index(self) -> Path:
        return self.build.output.parent / "search_index"


def write_search_content(content: Path, only: set[str] | None = None) -> None:
    for slug, (fields, body) in ARTICLES.items():
        if only is None or slug in only:
            write_article(content, f"{slug}.md", body, Slug=slug, **fields)
    write_page(content, "gioi-thieu.md", "Giới thiệu",
               "Trang giới thiệu Đảng bộ Công an tỉnh Hải Dương.")


def build_search_site(root: Path, only: set[str] | None = None,
                      overrides: dict | None = None) -> SearchSite:
    write_search_content(root / "content", only)
    build = run_pelican(root / "content", root / "output",
                        overrides={**PLUGINS, **(overrides or {})})
    assert build.returncode == 0, build.log
    return SearchSite(build)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> dict:
        assert self.headers["Content-Type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def call(app, path: str, query_string: str = "", method: str = "GET") -> Response:
    """One request through the WSGI app, with a real (wsgiref) environ.

    `query_string` is raw, as a server passes it: percent-escapes are not decoded.
    """
    environ: dict = {}
    setup_testing_defaults(environ)
    errors = io.StringIO()
    environ.update({"PATH_INFO": path, "QUERY_STRING": query_string,
                    "REQUEST_METHOD": method, "wsgi.errors": errors})
    started: list = []

    def start_response(status, headers, exc_info=None):
        started.append((status, headers))

    body = b"".join(app(environ, start_response))
    status, headers = started[0]
    return Response(int(status.split()[0]), dict(headers), body)


def api(app, query_string: str) -> dict:
    response = call(app, "/api/search", query_string)
    assert response.status == 200, response.text
    return response.json()


def urls(app, query_string: str) -> list[str]:
    return [result["url"] for result in api(app, query_string)["results"]]
