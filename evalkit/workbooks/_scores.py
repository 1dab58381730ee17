"""The scored output (``scores.xlsx`` or CSV): the scoreboard's tasks, indicators, summary.

Headers are in Korean; text from the rubric or the inputs is always written as text, never as a
formula.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import write_files
from .._numbers import round_half_up
from ._audit import Audit, _alias_map, _audit_tables
from ._book import _Book, _output_suffix
from ._cells import _col_letter
from ._csv import _csv_bytes

if TYPE_CHECKING:
    from .._scoring import Scoreboard


_TASK_LABELS: dict[str, str] = {
    "code": "과제코드",
    "name": "관리과제명",
    "strategic_goal": "전략목표",
    "performance_goal": "성과목표",
    "subcommittee": "분과",
    "adjustment": "가감점",
    "total": "평정점수",
    "total_exact": "평정점수(반올림 전)",
    "rank": "순위",
    "grade": "등급",
    "to_next_grade": "상위 등급까지",
    "evaluators": "평가위원 수",
    "dropped_high": "제외(최고점)",
    "dropped_low": "제외(최저점)",
    "weights_assumed": "가중치 가정",
    "data_notes": "자료 주석 수",
    "group": "등급 산정 단위",
    "group_rank": "단위 내 순위",
}
_INDICATOR_LABELS: dict[str, str] = {
    "task": "과제코드",
    "indicator": "지표 키",
    "name": "성과지표",
    "unit": "단위",
    "weight": "적용 가중치",
    "weight_printed": "표기 가중치",
    "weighting": "가중치 방식",
    "target": "목표치",
    "actual": "실적",
    "direction": "방향",
    "kind": "유형",
    "raw_rate": "달성률(%)",
    "scored_rate": "반영 달성률(%)",
    "capped": "상한 적용",
    "weighted_rate": "가중 달성률(%)",
}
_SUMMARY_LABELS: dict[str, str] = {
    "grade": "등급",
    "percent": "비율(%)",
    "quota": "배분",
    "count": "실제",
}


def _cell_value(value: object) -> object:
    """A pandas/numpy value as a plain Python value for a cell (NaN → empty)."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Fraction):
        return float(round_half_up(value, 6))
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _frame_rows(frame: Any, labels: Mapping[str, str]) -> tuple[list[str], list[list[object]]]:
    columns = [str(c) for c in frame.columns]
    header = [labels.get(c, c) for c in columns]
    rows = [[_cell_value(v) for v in rec] for rec in frame.itertuples(index=False, name=None)]
    return header, rows


def write_scoreboard(
    scoreboard: Scoreboard, path: str | Path, *, audit: Audit | None = None
) -> Path:
    """Write the scored results: ``.xlsx`` (sheets tasks, indicators, summary) or ``.csv``.

    CSV: the tasks table goes to ``path``; the indicators and the grade distribution go beside
    it as ``<name>-indicators.csv`` and ``<name>-summary.csv`` (UTF-8 with BOM). Headers are in
    Korean. Text from the rubric or the inputs is always written as text, never as a formula.
    All files are written or none.

    With ``audit`` (:class:`~evalkit.workbooks.Audit`), the workbook also carries the
    audit sheets (reported and converted results, raw evaluator scores and drops, 가감점 with
    reasons, input files with SHA-256, rules applied). Tasks left out of a provisional run
    (잠정 산정) are listed on ``tasks`` with the grade 미산정.
    """
    path = Path(path)
    suffix = _output_suffix(path)
    crit = {c.id: c.name for c in scoreboard.rubric.criteria.items}
    task_labels = {**_TASK_LABELS, **crit}
    tasks_header, tasks_rows = _frame_rows(scoreboard.tasks, task_labels)
    tasks_rows += _pending_rows(scoreboard, tasks_header)
    if audit is not None and audit.anonymise:
        alias = _alias_map(
            [s.evaluator for d in scoreboard.details if d.panel for s in d.panel.sheets]
        )
        named = [tasks_header.index(_TASK_LABELS[k]) for k in ("dropped_high", "dropped_low")]
        for row in tasks_rows:
            for j in named:
                row[j] = alias.get(str(row[j]), row[j]) if row[j] is not None else None
    tables = [
        ("tasks", tasks_header, tasks_rows),
        ("indicators", *_frame_rows(scoreboard.indicators, _INDICATOR_LABELS)),
        ("summary", *_frame_rows(scoreboard.summary, _SUMMARY_LABELS)),
    ]
    if audit is not None:
        tables += _audit_tables(scoreboard, audit)
    if suffix == ".csv":
        stem = path.stem
        names = {
            "tasks": path,
            "indicators": path.with_name(f"{stem}-indicators.csv"),
            "summary": path.with_name(f"{stem}-summary.csv"),
        }
        names.update({t: path.with_name(f"{stem}-{t}.csv") for t, _, _ in tables[3:]})
        write_files([(names[t], _csv_bytes(h, rows)) for t, h, rows in tables])
        return path
    book = _Book()
    for title, header, rows in tables:
        ws = book.sheet(title)
        book.header(ws, 1, header)
        for i, values in enumerate(rows, start=2):
            for j, v in enumerate(values, start=1):
                book.put(ws, i, j, v)
        ws.freeze_panes = "C2" if title in ("tasks", "indicators") else "A2"
        if rows:
            ws.auto_filter.ref = f"A1:{_col_letter(len(header) - 1)}{len(rows) + 1}"
        book.fit_columns(ws, 1, {}, minimum=6, default_cap=40)
        book.printable(ws, "1:1", len(header), len(rows) + 1)
        if title == "summary":
            _summary_facts(book, ws, scoreboard, len(rows) + 3, audit)
    write_files([(path, book.to_bytes())])
    return path


def _hide_names(sb: Scoreboard, text: str, audit: Audit | None) -> str:
    """Evaluator names in file names (평가위원별 평가표) become 위원 A, B, … when anonymised."""
    if audit is None or not audit.anonymise:
        return text
    from ._audit import _anonymised_text

    return _anonymised_text(sb, text)


def _pending_rows(sb: Scoreboard, header: list[str]) -> list[list[object]]:
    """미산정 rows for the tasks a provisional run left out: code, name, grade, why."""
    rows: list[list[object]] = []
    for code, what in sb.pending.items():
        task = next(t for t in sb.rubric.tasks if t.code == code)
        row: list[object] = [None] * len(header)
        for label, value in (
            (_TASK_LABELS["code"], code),
            (_TASK_LABELS["name"], task.name),
            (_TASK_LABELS["subcommittee"], task.assigned_subcommittee),
            (_TASK_LABELS["grade"], "미산정"),
        ):
            if label in header:
                row[header.index(label)] = value
        row.append("잠정 산정에서 제외: " + ", ".join(what))
        rows.append(row)
    return rows


def _summary_facts(
    book: _Book, ws: Any, sb: Scoreboard, row: int, audit: Audit | None = None
) -> None:
    meta = sb.rubric.meta
    facts: list[tuple[str, object]] = [
        ("평가", meta.title),
        ("연도", meta.year),
        ("과제 수", len(sb.details)),
        ("등급 산정 단위", sb.by or "전체"),
        ("평가단 집계", sb.panel_rule),
    ]
    facts += [(f"입력: {k}", _hide_names(sb, v or "", audit)) for k, v in sb.sources.items()]
    if sb.provisional:
        facts.append(("잠정 산정", f"미산정 {len(sb.pending)}개 과제 제외(등급 배분에서도 제외)"))
    for i, (k, v) in enumerate(facts):
        book.put(ws, row + i, 1, k).font = book.bold
        book.put(ws, row + i, 2, v)
