"""The devserver's own pages, in Vietnamese: a page that cannot be built because its file
has errors, and the wait for the first build. Everything from content is escaped."""

from __future__ import annotations

from html import escape

from .state import BuildState

SCRIPT = '<script src="/__live/reload.js" defer></script>'
STYLE = '<link rel="stylesheet" href="/__live/live.css">'


def _page(title: str, body: str, kind: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n{STYLE}\n{SCRIPT}\n</head>\n"
            f"<body class=\"live-page\" data-live-page=\"{kind}\">\n<main class=\"live-main\">\n"
            f"<h1>{escape(title)}</h1>\n{body}</main>\n</body>\n</html>\n")


def messages_html(state: BuildState, sources: list[str]) -> str:
    parts = []
    for source in sources:
        lines = state.messages.get(source) or ["(không có thông báo chi tiết)"]
        items = "".join(f"<li><pre>{escape(line)}</pre></li>\n" for line in lines)
        parts.append(f"<section class=\"live-file\">\n<h2>Tệp <code>content/{escape(source)}"
                     f"</code></h2>\n<ul class=\"live-messages\">\n{items}</ul>\n</section>\n")
    return "".join(parts)


def errors_page(state: BuildState, sources: list[str], missing: bool = False) -> str:
    if missing:
        title = "Không có trang này – và nội dung đang có lỗi"
        lead = ("Trang bạn mở chưa có. Nếu đó là bài vừa viết, bài chưa dựng được vì các "
                "lỗi dưới đây.")
    else:
        title = "Trang này chưa dựng được vì tệp nội dung có lỗi"
        lead = "Sửa các lỗi dưới đây rồi lưu tệp: trang sẽ tự tải lại."
    body = (f"<p class=\"live-lead\">{escape(lead)} Đây cũng là những lỗi <code>make check"
            "</code> báo.</p>\n" + messages_html(state, sources))
    return _page(title, body, "missing" if missing else "errors")


def first_build() -> str:
    body = ("<p class=\"live-lead\">Máy đang dựng trang lần đầu; trang này sẽ tự tải lại khi "
            "xong.</p>\n")
    return _page("Đang dựng trang…", body, "waiting")
