"""The report model (결과보고서 모델): every string and number a report prints, built once.

:func:`build_report` turns a :class:`~evalkit.Scoreboard` into a :class:`Report`: frozen
dataclasses of display-ready text. All rounding (사사오입, half-up) happens here, from the
scoreboard's exact fractions; the renderers only lay the blocks out, so every format prints
the same figures.

- :mod:`._blocks`: the block types and :class:`Report`, the renderers' contract (no engine
  imports);
- :mod:`._text`: how figures, weights, notes and names are printed; :mod:`._notes`: the
  data notes that change a score, as plain-Korean footnotes;
- :mod:`._context` and :mod:`._build`: the shared build state and :func:`build_report`;
- one builder per printed part: :mod:`._overview` (Ⅰ 평가 개요), :mod:`._summary`
  (Ⅱ 종합 결과), :mod:`._tasks` (Ⅲ 과제별 평가결과), :mod:`._appendix` (붙임).
"""

from ._blocks import (
    KEEP_ROWS,
    MARKERS,
    Align,
    Block,
    Bullet,
    Chart,
    ChartSeries,
    GradeLine,
    Heading,
    Note,
    Report,
    ReportKind,
    Section,
    Table,
    TaskHeading,
    TaskLine,
)
from ._build import build_report
from ._context import fixed_created
from ._notes import task_note_lines, task_note_text
from ._round_info import RoundInfo, SubcommitteeInfo
from ._text import (
    apportion,
    circled,
    data_note_text,
    note_field_text,
    rate_text,
    safe_name,
    score_text,
    value_text,
    weight_text,
    weighting_text,
)

__all__ = [
    "KEEP_ROWS",
    "MARKERS",
    "Align",
    "Block",
    "Bullet",
    "Chart",
    "ChartSeries",
    "GradeLine",
    "Heading",
    "Note",
    "Report",
    "ReportKind",
    "RoundInfo",
    "Section",
    "SubcommitteeInfo",
    "Table",
    "TaskHeading",
    "TaskLine",
    "apportion",
    "build_report",
    "circled",
    "data_note_text",
    "fixed_created",
    "note_field_text",
    "rate_text",
    "safe_name",
    "score_text",
    "task_note_lines",
    "task_note_text",
    "value_text",
    "weight_text",
    "weighting_text",
]
