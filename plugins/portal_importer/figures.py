"""Party-development figures a text reports, proposed as Stats_* fields, each with the
sentence it came from for the editor to confirm."""

from __future__ import annotations

import re
from dataclasses import dataclass

N = r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)"
COUNTS = {
    "stats_target": [rf"chỉ tiêu (?:kết nạp )?(?:(?:năm|nhiệm kỳ) [0-9–-]+ )?(?:là |đề ra là |"
                     rf"được giao là |)?{N}(?! ?%)(?! ?tháng)"],
    "stats_admitted": [rf"kết nạp (?:được |mới |thêm |mới được )*{N} (?:đảng viên|quần chúng)",
                       rf"{N} (?:đảng viên mới|quần chúng) được kết nạp"],
    "stats_trainees": [rf"(?:bồi dưỡng nhận thức về đảng|bồi dưỡng)[^.;]*?cho {N} "
                       r"(?:quần chúng|người|học viên|đồng chí|đối tượng)",
                       rf"{N} (?:quần chúng|người) (?:được |tham gia )?(?:học )?"
                       r"(?:lớp )?bồi dưỡng nhận thức"],
    "stats_official": [rf"công nhận (?:đảng viên )?chính thức cho {N}",
                       rf"{N} (?:đảng viên|đồng chí)(?: dự bị)? (?:được |đã được )?công nhận "
                       r"(?:đảng viên )?chính thức"],
    "stats_members": [rf"{N} đảng viên (?:sinh hoạt )?(?:tại|trong|ở) [0-9.]+ "
                      r"(?:tổ chức cơ sở|chi bộ|đảng bộ)",
                      rf"tổng số (?:đảng viên )?(?:là |hiện có |)?{N} đảng viên",
                      rf"(?:có|hiện có) {N} đảng viên"],
}
SHAPES = {key: [re.compile(p, re.IGNORECASE) for p in patterns]
          for key, patterns in COUNTS.items()}
PERIODS = [
    (re.compile(r"nhiệm kỳ ([0-9]{4})\s*[-–]\s*([0-9]{4})", re.IGNORECASE),
     lambda m: f"{m[1]}-{m[2]}"),
    (re.compile(r"([0-9]{1,2}) tháng đầu năm ([0-9]{4})", re.IGNORECASE),
     lambda m: f"{m[2]}-01..{m[2]}-{int(m[1]):02d}"),
    (re.compile(r"năm ([0-9]{4})", re.IGNORECASE), lambda m: m[1]),
]
# "Đảng bộ huyện Phú Bình", "Đảng bộ Công an tỉnh Hải Dương", "Đảng bộ Trường Đại học
# Chính trị": the words after "Đảng bộ" up to the first that starts what is said of it.
UNIT_START = re.compile(r"\bĐảng bộ\s+")
UNIT_ENDS = frozenset((
    "tổ", "đã", "có", "đề", "kết", "trong", "năm", "và", "với", "là", "tiếp", "luôn", "được",
    "đạt", "thực", "tập", "triển", "lãnh", "quán", "chỉ", "hiện", "mở", "cũng", "đang", "sẽ",
    "vẫn", "từ", "tại", "của", "cho", "này", "các", "những", "đều", "phát", "ra", "vào", "gồm",
    "nhằm"))
MAX_UNIT_WORDS = 8
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")  # not a dot inside a number: 7.335


@dataclass(frozen=True)
class Proposal:
    key: str
    value: str
    sentence: str


def unit_in(sentence: str) -> str | None:
    for start in UNIT_START.finditer(sentence):
        words = []
        for word in re.split(r"\s+", sentence[start.end():]):
            bare = word.strip(",.;:()\"“”")
            if not bare or bare.lower() in UNIT_ENDS or len(words) == MAX_UNIT_WORDS:
                break
            words.append(bare)
            if bare != word:  # punctuation ends the name
                break
        if any(w[:1].isupper() for w in words):
            return "Đảng bộ " + " ".join(words)
    return None


def _period(sentence: str) -> str | None:
    for shape, made in PERIODS:
        if match := shape.search(sentence):
            return made(match)
    return None


def propose(paragraphs: list[str]) -> list[Proposal]:
    """Counts found in the text, with the period and unit of their sentence (else the
    text's first)."""
    sentences = [s.strip() for p in paragraphs for s in SENTENCE_END.split(p) if s.strip()]
    found: dict[str, Proposal] = {}
    period = unit = None
    for sentence in sentences:
        for key, shapes in SHAPES.items():
            if key in found:
                continue
            for shape in shapes:
                if match := shape.search(sentence):
                    found[key] = Proposal(key, match[1], sentence)
                    period = period or (_period(sentence) and Proposal(
                        "stats_period", _period(sentence), sentence))
                    break
    if not found:
        return []
    for sentence in sentences:  # the unit the text first names
        if named := unit_in(sentence):
            unit = Proposal("stats_unit", named, sentence)
            break
    if period is None:
        first = next(((s, p) for s in sentences if (p := _period(s))), None)
        if first:
            period = Proposal("stats_period", first[1], first[0])
    return [p for p in (unit, period, *found.values()) if p is not None]
