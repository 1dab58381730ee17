"""Text helpers of the report model: how a figure, weight, note or name is printed.

All rounding of printed figures lives here (사사오입, half-up, from the scoreboard's exact
fractions), so every part of every format prints the same text for the same value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .._numbers import fmt, fmt_plain, round_half_up, round_int_half_up, to_fraction
from .._rubric import DataNote, Indicator, Task
from .._scoring import IndicatorScore, TaskScore
from ._blocks import Align

RATE_DECIMALS = 1  # 달성률 printed to one decimal (the scoreboard keeps them exact)

_ISSUE_KO: dict[str, str] = {
    "missing_weight": "가중치 미기재",
    "weight_sum": "가중치 합계 불일치",
    "typo": "오기",
    "target_conflict": "목표치 불일치",
    "incomplete_row": "항목 누락",
    "rationale_conflict": "설정근거 불일치",
    "count_mismatch": "개수 불일치",
    "other": "기타",
}
_FIELD_KO: dict[str, str] = {
    "weight": "가중치",
    "target": "목표치",
    "results": "실적",
    "rationale": "목표치 설정근거",
    "name": "지표명",
    "unit": "단위",
    "formula": "측정산식",
    "source": "자료출처",
    "direction": "지표 방향",
    "kind": "지표 유형",
    "nature": "지표 성격",
    "applied_weight": "적용 가중치",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled(n: int) -> str:
    """①, ②, … as printed in the plan's task tables (``(21)`` beyond ⑳)."""
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"


def score_text(value: Fraction, decimals: int) -> str:
    return fmt(value, decimals)


def signed_text(value: Fraction, decimals: int) -> str:
    text = fmt(value, decimals)
    return text if value <= 0 or text.startswith("-") else f"+{text}"


def apportion(parts: Sequence[Fraction], decimals: int) -> list[Fraction]:
    """The parts of an exact total, rounded so that they add up to the rounded total.

    Largest-remainder rounding (최대잉여법): the total is rounded half-up (사사오입) at
    ``decimals`` places; each part is cut down to ``decimals`` places and the units still
    missing go, one each, to the parts with the largest cut remainders (the earlier part on a
    tie). A part already exact at ``decimals`` places is never moved; each printed part is
    within one unit of its exact value.
    """
    scale = 10**decimals
    scaled = [p * scale for p in parts]
    floors = [math.floor(x) for x in scaled]
    missing = round_int_half_up(sum(scaled, Fraction(0))) - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (floors[i] - scaled[i], i))
    for i in order[:missing]:
        floors[i] += 1
    return [Fraction(f, scale) for f in floors]


def score_parts(d: TaskScore, criteria: Sequence[str], decimals: int) -> tuple[list[str], str]:
    """One task's printed criterion scores (``-`` for a criterion it lacks) and its printed
    가감점 (``-`` without adjustments), apportioned so they add up to the printed total."""
    got = d.criteria
    exact = [got[c] for c in criteria if c in got]
    if d.adjustments:
        exact.append(d.adjustment_total)
    printed = iter(apportion(exact, decimals))
    texts = [score_text(next(printed), decimals) if c in got else "-" for c in criteria]
    adj = signed_text(next(printed), decimals) if d.adjustments else "-"
    return texts, adj


def rate_text(value: Fraction | None) -> str:
    return "-" if value is None else fmt(value, RATE_DECIMALS)


def weight_text(value: Fraction) -> str:
    """An exact decimal when it has at most 3 places (``0.3``, ``0.25``), else ``1/3``."""
    for places in range(4):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return fmt_plain(Decimal(scaled.numerator).scaleb(-places))
    return f"{value.numerator}/{value.denominator}"


def _decimal_places(value: object) -> int:
    if isinstance(value, Decimal):
        exp = value.normalize().as_tuple().exponent
        return max(0, -exp) if isinstance(exp, int) else 0
    return 0


def value_text(value: object, places: int = 2) -> str:
    """A printed value: exact when short (``1,350``, ``94.3``), else rounded half-up."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "달성" if value else "미달성"
    if isinstance(value, str):
        return value
    try:
        frac = to_fraction(value)
    except ValueError:
        return str(value)
    d = round_half_up(frac, places)
    if Fraction(d) == frac:
        d = d.normalize() if d != d.to_integral_value() else d.quantize(Decimal(1))
    else:
        d = d.normalize()
    return fmt_plain(d)


def actual_text(score: IndicatorScore) -> str:
    ind = score.indicator
    value = score.actual_in_unit
    if ind.kind == "milestone":
        if isinstance(value, bool):
            return "달성" if value else "미달성"
        return str(score.actual.value) if score.actual.value is not None else "-"
    return value_text(value, max(2, _decimal_places(ind.target)))


def target_text(ind: Indicator) -> str:
    return value_text(ind.target, max(2, _decimal_places(ind.target)))


def subcommittee_label(name: str | None) -> str:
    if not name:
        return "미지정"
    return name if name.endswith(("분과", "위원회")) else f"{name} 분과"


def centred(n: int) -> tuple[Align, ...]:
    center: Align = "center"
    return (center,) * n


def count_text(n: int, unit: str = "개") -> str:
    return f"{n:,}{unit}"


def comment_lines(text: str) -> list[str]:
    """Comment text split into items; leading bullet marks typed by evaluators are dropped."""
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"^\s*(?:[-ㅇ○•·□*※]|\d+[.)])\s*", "", raw).strip()
        if line:
            out.append(line)
    return out


def note_field_text(field: str | None) -> str:
    """``indicators[2].weight`` → ``성과지표 ② 가중치``; other fields are printed as they are."""
    if not field:
        return ""
    m = re.fullmatch(r"indicators\[(\d+|\*)\](?:\.(\w+))?", field)
    if not m:
        return field
    which = "전체" if m[1] == "*" else circled(int(m[1]))
    what = _FIELD_KO.get(m[2] or "", m[2] or "")
    return f"성과지표 {which} {what}".strip()


def data_note_text(note: DataNote) -> str:
    where = note_field_text(note.field)
    head = f"[{_ISSUE_KO.get(note.issue, note.issue)}]" + (f" {where}" if where else "")
    return f"{head} — 원문: {note.printed} → 적용: {note.applied} (원문 {note.line}행)"


def weighting_text(task: Task) -> str:
    n = len(task.indicators)
    if task.weighting == "equal":
        return f"원문에 가중치가 없어 {n}개 지표에 균등 가중치(1/{n})를 적용"
    if task.weighting == "normalized":
        return "원문 가중치의 합계가 1이 아니어서 합계가 1이 되도록 환산하여 적용"
    if task.weighting == "override":
        applied = ", ".join(
            f"{circled(i.no)} {weight_text(i.effective_weight)}"
            for i in task.indicators
            if i.effective_weight is not None
        )
        return f"원문의 가중치를 그대로 쓸 수 없어 {applied} 적용"
    return ""


def safe_name(text: str) -> str:
    """A file-name-safe form of a subcommittee name or task code (Hangul and Ⅰ are kept)."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text.strip())
    return cleaned.strip("._") or "report"
