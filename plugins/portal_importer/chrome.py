"""The old portal's own text around an article: tools, counters, lists of other news."""

from __future__ import annotations

import re

# The portal's tools, not the article: a line made of nothing else is left out.
TOOLS = re.compile(
    r"(?:gửi cho bạn bè|gửi bạn bè|gửi bài viết|phản hồi|gửi phản hồi|in bài|in trang|"
    r"bản in|xem với cỡ chữ.*|cỡ chữ.*|a\s*[-−–+]\s*(?:a\s*[+]?)?|a[-−–]|a[+]|chia sẻ.*|"
    r"đăng nhập|đăng ký|đăng xuất|về đầu trang|lên đầu trang|quay lại|trở về|"
    r"(?:lượt xem|số lượt xem|lượt truy cập|đang truy cập|tổng truy cập)\s*:?\s*[0-9.,]*|"
    r"bình luận|tweet|like|share|tags?:.*|từ khóa:.*|trang chủ)", re.IGNORECASE)
# A heading after which the portal lists other articles: the article ended before it.
STOPS = re.compile(
    r"^(?:các tin khác|tin khác|các tin đã đưa|tin liên quan|bài liên quan|"
    r"tin cùng chuyên mục|mới nhất|tin mới nhất|xem nhiều nhất|đọc nhiều nhất|"
    r"tin đọc nhiều|tin tiêu điểm)\s*:?$", re.IGNORECASE)
PUNCTUATION = re.compile(r"^[\W_]+$")
# "ĐOÀN KẾT – DÂN CHỦ – KỶ CƯƠNG …": a banner of capitals split by dashes.
MOTTO = re.compile(r"^[^a-zà-ỹđ]*(?:[–—-][^a-zà-ỹđ]*){2,}$")


def is_tool(line: str) -> bool:
    text = " ".join(line.split())
    rest = TOOLS.sub("", text).strip()
    return not rest or bool(PUNCTUATION.match(rest))  # lone punctuation lines too


def is_stop(line: str) -> bool:
    return bool(STOPS.match(" ".join(line.split())))


def is_motto(line: str) -> bool:
    text = " ".join(line.split())
    return len(text) > 20 and bool(MOTTO.match(text)) and text.upper() == text
