"""Date lines as Vietnamese portals print them."""

from __future__ import annotations

import re
from datetime import datetime

WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn)"
DAY_MONTH_YEAR = r"(?P<day>[0-9]{1,2})\s*[/.-]\s*(?P<month>[0-9]{1,2})\s*[/.-]\s*(?P<year>[0-9]{4})"
TIME = r"(?P<hour>[0-9]{1,2})\s*[:h]\s*(?P<minute>[0-9]{2})(?::[0-9]{2})?"
ZONE = r"(?:\s*[(\[]?\s*(?:GMT|UTC)\s*\+\s*0?7(?::?00)?\s*[)\]]?)?"
# "Thứ Ba, 19/04/2022, 16:27 [GMT+7]", "Chủ nhật, ngày 21/7/2024", "Thứ Năm 13/08/2020 11:24"
DATE_FIRST = re.compile(
    rf"(?:{WEEKDAY}\s*[,-]?\s*)?(?:ngày\s+)?{DAY_MONTH_YEAR}"
    rf"(?:\s*[,-]?\s*(?:lúc\s*)?{TIME})?{ZONE}", re.IGNORECASE)
# "16:27 19/04/2022", "11:24, Thứ Năm, 13/08/2020"
TIME_FIRST = re.compile(
    rf"{TIME}{ZONE}\s*[,-]?\s*(?:{WEEKDAY}\s*[,-]?\s*)?(?:ngày\s+)?{DAY_MONTH_YEAR}{ZONE}",
    re.IGNORECASE)
# "2020-08-28 09:58:00.0"
ISO_LIKE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
                      r"(?:[ T](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
                      r"(?::[0-9]{2}(?:\.[0-9]+)?)?)?")
SHAPES = (TIME_FIRST, DATE_FIRST, ISO_LIKE)
MAX_DATE_LINE = 80  # a date line is short; a date inside a sentence is not the article's


def find(line: str) -> str | None:
    """The article date a short line prints, as 'YYYY-MM-DD HH:MM' (or 'YYYY-MM-DD')."""
    text = " ".join(line.split())
    if len(text) > MAX_DATE_LINE:
        return None
    for shape in SHAPES:
        match = shape.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        try:
            day = datetime(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            continue
        if parts.get("hour") is not None:
            if not (0 <= int(parts["hour"]) < 24 and 0 <= int(parts["minute"]) < 60):
                continue
            return f"{day:%Y-%m-%d} {int(parts['hour']):02d}:{parts['minute']}"
        return f"{day:%Y-%m-%d}"
    return None
