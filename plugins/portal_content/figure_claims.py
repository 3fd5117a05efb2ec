"""What an article's text says of its own admissions against target ("đạt 48,3% chỉ
tiêu", "vượt chỉ tiêu 63,2%", "bằng 105% kế hoạch"), checked against its Stats_Admitted
and Stats_Target. A difference is a warning, never an error: the editor decides which
is right. "Vượt X%" said where the figures give "đạt X%" is named as such.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .header import Header
from .messages import Violation
from .metadata_rules import RuleError, parse_count

NUMBER = r"([0-9]{1,3}(?:[.][0-9]{3})*(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)"
# "đạt 48,3% chỉ tiêu", "bằng 105% kế hoạch", "đạt 163,2% so với chỉ tiêu"
REACHED = re.compile(rf"\b(đạt|bằng)\s+(?:tỷ lệ\s+)?{NUMBER}\s*%(?=[^.;!?\n]{{0,30}}"
                     r"(?:chỉ tiêu|kế hoạch))", re.IGNORECASE)
# "vượt chỉ tiêu 63,2%", "vượt 12% chỉ tiêu", "vượt kế hoạch 5%"
EXCEEDED = re.compile(rf"\bvượt\s+(?:(?:chỉ tiêu|kế hoạch)\s+)?(?:đề ra\s+)?{NUMBER}\s*%",
                      re.IGNORECASE)
HUNDRED = Decimal(100)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _tolerance(text: str) -> Decimal:
    """Half a unit of the last digit written: '48,3' -> 0.05, '12' -> 0.5."""
    decimals = len(text.split(",", 1)[1]) if "," in text else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1)


def _shown(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".").replace(".", ",")


def _gap(over: Decimal) -> dict:
    if over >= 0:
        return {"gap_vi": f"vượt {_shown(over)}%", "gap_en": f"{_shown(over)}% over it"}
    return {"gap_vi": f"còn thiếu {_shown(-over)}%", "gap_en": f"{_shown(-over)}% short"}


def check_claims(header: Header, path: str) -> list[Violation]:
    try:
        admitted = parse_count(header.value("stats_admitted"))
        target = parse_count(header.value("stats_target"))
    except RuleError:
        return []  # no pair of figures to compare with (a bad one is reported elsewhere)
    if not target:
        return []
    reached = Decimal(admitted) / Decimal(target) * HUNDRED
    found = []
    for offset, line in enumerate(header.body.split("\n")):
        claims = [("reached", m) for m in REACHED.finditer(line)]
        if "chỉ tiêu" in line.lower() or "kế hoạch" in line.lower():
            claims += [("exceeded", m) for m in EXCEEDED.finditer(line)]
        for kind, match in claims:
            written = match[match.lastindex]
            claimed = _number(written)
            meant = reached if kind == "reached" else reached - HUNDRED
            if abs(meant - claimed) <= _tolerance(written):
                continue
            code = "figure_claim"
            if kind == "exceeded" and abs(reached - claimed) <= _tolerance(written):
                code = "figure_claim_exceeded"
            found.append(Violation(
                path, header.body_line + offset, "body", code,
                {"claim": match[0], "admitted": admitted, "target": target,
                 "reached": _shown(reached), **_gap(reached - HUNDRED)},
                drops_file=False, warning=True))
    return found
