"""The audit sheets of ``scores.xlsx`` (감사 추적): what was reported and what was made of it.

- ``실적 원자료``: per indicator the value and unit as reported and as converted;
- ``평가위원 점수``: every evaluator's raw criterion scores, and which totals the rule dropped;
- ``가감점``: every adjustment with its reason;
- ``입력 파일``: every input file by name relative to the round, with its SHA-256;
- ``적용 규칙``: the evalkit version, panel rule, grading unit and provisional policy.

No absolute path is written. ``anonymise`` replaces evaluator names by 위원 A, B, … (in the
order first read) for copies that leave the secretariat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._numbers import round_half_up
from .._version import __version__
from ._collect import InputFile

if TYPE_CHECKING:
    from .._scoring import Scoreboard

_RULE_LABEL = {
    "trimmed": "최고·최저 총점 1명씩 제외 후 평균(평가위원 4명 이상)",
    "mean": "평균",
    "median": "중앙값",
}


@dataclass(frozen=True)
class Audit:
    """What the audit sheets need beyond the scoreboard."""

    files: tuple[InputFile, ...] = ()
    anonymise: bool = False
    round_name: str | None = None
    status: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())


def _alias_map(names: Sequence[str]) -> dict[str, str]:
    """위원 A, B, …, Z, AA, … in the given order."""
    out: dict[str, str] = {}
    for i, n in enumerate(dict.fromkeys(names)):
        label, k = "", i + 1
        while k:
            k, rem = divmod(k - 1, 26)
            label = chr(65 + rem) + label
        out[n] = f"위원 {label}"
    return out


def _anonymised_text(sb: Scoreboard, text: str) -> str:
    """``text`` with every evaluator's name replaced by their alias (longest names first)."""
    alias = _alias_map([s.evaluator for d in sb.details if d.panel for s in d.panel.sheets])
    for name in sorted(alias, key=len, reverse=True):
        text = text.replace(name, alias[name])
    return text


def _num(x: Fraction | Decimal | int | float | None) -> object:
    if x is None:
        return None
    if isinstance(x, (Fraction, Decimal)):
        return float(round_half_up(Fraction(x), 6))
    return x


def _audit_tables(sb: Scoreboard, audit: Audit) -> list[tuple[str, list[str], list[list[object]]]]:
    """The audit sheets as (title, header, rows), in workbook order."""
    evaluators = [s.evaluator for d in sb.details if d.panel for s in d.panel.sheets]
    alias = _alias_map(evaluators) if audit.anonymise else {}

    def who(name: str | None) -> str:
        return "" if name is None else alias.get(name, name)

    actual_rows: list[list[object]] = []
    for d in sb.details:
        for i in d.indicators:
            reported: Any = i.actual.value
            converted: Any = i.actual_in_unit
            actual_rows.append(
                [
                    d.task.code,
                    i.indicator.id,
                    i.indicator.name,
                    reported if isinstance(reported, (str, bool)) else _num(reported),
                    i.actual.unit or i.indicator.unit or "",
                    converted if isinstance(converted, (str, bool)) else _num(converted),
                    i.indicator.unit or "",
                    "환산" if i.actual.unit else "",
                    i.actual.evidence,
                ]
            )
    crit = [c for c in sb.rubric.criteria.panel]
    panel_rows: list[list[object]] = []
    for d in sb.details:
        if d.panel is None:
            continue
        for s in d.panel.sheets:
            dropped = (
                "최고점 제외"
                if s.evaluator == d.panel.dropped_high
                else "최저점 제외"
                if s.evaluator == d.panel.dropped_low
                else ""
            )
            panel_rows.append(
                [d.task.code, who(s.evaluator)]
                + [_num(s.scores.get(c.id)) for c in crit]
                + [_num(s.total), dropped]
            )
    adj_rows: list[list[object]] = [
        [d.task.code, _num(a.points), a.reason] for d in sb.details for a in d.adjustments
    ]
    file_rows: list[list[object]] = [
        [f.kind, _anonymised_text(sb, f.name) if audit.anonymise else f.name, f.sha256]
        for f in audit.files
    ]
    rules: list[list[object]] = [
        ["evalkit 버전", __version__],
        ["루브릭", sb.rubric.meta.title],
        ["평가위원 점수 집계", _RULE_LABEL.get(sb.panel_rule, sb.panel_rule)],
        ["등급 산정 단위", "분과별" if sb.by == "subcommittee" else (sb.by or "전체")],
        [
            "잠정 산정",
            f"예: 미산정 {len(sb.pending)}개 과제는 순위와 등급 배분에서 제외"
            if sb.provisional
            else "아니오(모든 과제 산정)",
        ],
        ["평가위원 이름", "익명(위원 A, B, …)" if audit.anonymise else "실명"],
    ]
    if audit.round_name:
        rules.append(["회차 파일", audit.round_name])
    if audit.status:
        rules.append(["상태", audit.status])
    rules += [[k, v] for k, v in audit.extra]
    rules += [[f"미산정: {code}", ", ".join(what)] for code, what in sb.pending.items()]
    return [
        (
            "실적 원자료",
            [
                "과제코드",
                "지표 키",
                "성과지표",
                "보고 실적",
                "보고 단위",
                "환산 실적",
                "지표 단위",
                "환산 여부",
                "근거·비고",
            ],
            actual_rows,
        ),
        (
            "평가위원 점수",
            ["과제코드", "평가위원"] + [c.name for c in crit] + ["총점", "집계 규칙에 따른 제외"],
            panel_rows,
        ),
        ("가감점", ["과제코드", "가감점", "사유"], adj_rows),
        ("입력 파일", ["구분", "파일(회차 폴더 기준)", "SHA-256"], file_rows),
        ("적용 규칙", ["항목", "내용"], rules),
    ]
