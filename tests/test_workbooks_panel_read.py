"""평가위원 채점표 read back: workbooks and CSV, every bad score or sheet refused with its place."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _workbooks import (
    CRITERIA,
    ENE,
    IND,
    BadCase,
    CsvCase,
    Filled,
    assert_csv_located,
    assert_located,
    blank_scores,
    delete_column,
    delete_sheet,
    delete_task_row,
    extra_panel_csv,
    formula_comment,
    header_deleted,
    set_panel,
    stale_points,
)

from evalkit.workbooks import read_panel


def test_panel_csv(filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path) -> None:
    _, filled = filled_dir
    lines = ["평가위원,과제코드,계획,집행,성과,환류,우수사항,개선·보완사항"]
    for code, sheets in filled.expected_panel.items():
        for s in sheets:
            vals = [str(Decimal(s.scores[c].numerator) / s.scores[c].denominator) for c in CRITERIA]
            good = "'" + s.strengths if s.strengths.startswith("=") else s.strengths
            bad = "'" + s.improvements if s.improvements.startswith("-") else s.improvements
            lines.append(",".join([s.evaluator, code, *vals, good, bad]))
    path = tmp_path / "panel.csv"
    path.write_bytes("\r\n".join(lines).encode("cp949"))
    panel = read_panel([path], mini_rubric)
    assert {k: list(v) for k, v in panel.sheets.items()} == filled.expected_panel


BAD_PANEL: list[BadCase] = [
    (
        "score above the points",
        set_panel(IND, "위원2", "Ⅰ-1-②", 3, 16),
        dict(file=IND, sheet="위원2", row=5, col="C", msg="계획 score 16 is above its 15 points"),
    ),
    (
        "score below 0",
        set_panel(IND, "위원3", "Ⅰ-1-③", 5, -1),
        dict(file=IND, sheet="위원3", row=6, col="E", msg="성과 score -1 is below 0"),
    ),
    (
        "text in a score",
        set_panel(ENE, "위원1", "Ⅱ-1-②", 4, "보통"),
        dict(file=ENE, sheet="위원1", row=5, col="D", msg="text '보통' in a numeric cell"),
    ),
    (
        "unknown task code in a panel",
        set_panel(ENE, "위원4", "Ⅱ-1-③", 1, "Ⅱ-9-③"),
        dict(file=ENE, sheet="위원4", row=6, col="A", msg="unknown task code 'Ⅱ-9-③'"),
    ),
    (
        "duplicated task row",
        set_panel(IND, "위원2", "Ⅰ-1-③", 1, "Ⅰ-1-②"),
        dict(
            file=IND,
            sheet="위원2",
            row=6,
            col="A",
            msg="evaluator 위원2 scored task Ⅰ-1-② twice (first at sheet '위원2', row 5)",
        ),
    ),
    (
        "blank score cell",
        set_panel(ENE, "위원3", "Ⅱ-1-①", 6, None),
        dict(file=ENE, sheet="위원3", row=4, col="F", msg="task Ⅱ-1-①: no score for 환류"),
    ),
    (
        "row without any score",
        blank_scores,
        dict(file=IND, sheet="위원4", row=5, col="C", msg="위원4 gave no scores for task Ⅰ-1-②"),
    ),
    (
        "missing evaluator sheet",
        delete_sheet,
        dict(
            file=IND,
            sheet="위원4",
            row=None,
            col=None,
            msg="the evaluator sheet '위원4' is missing",
        ),
    ),
    (
        "deleted task row",
        delete_task_row,
        dict(
            file=IND,
            sheet="위원3",
            row=None,
            col=None,
            msg="evaluator 위원3 has no row for task Ⅰ-2-①",
        ),
    ),
    (
        "missing criterion column",
        delete_column,
        dict(file=ENE, sheet="위원1", row=3, col=None, msg="no column for the criterion 환류"),
    ),
    (
        "evaluator sheet without its header",
        header_deleted,
        dict(
            file=ENE,
            sheet="위원4",
            row=None,
            col=None,
            msg="the evaluator sheet '위원4' has no header row",
        ),
    ),
    (
        "template of another rubric",
        stale_points,
        dict(
            file=ENE,
            sheet="위원2",
            row=3,
            col="C",
            msg="the column 계획 says 20 points but the rubric gives 15",
        ),
    ),
    (
        "formula in a comment",
        formula_comment,
        dict(file=ENE, sheet="위원3", row=6, col="H", msg="우수사항: the cell holds a formula"),
    ),
    (
        "same evaluator in two files",
        extra_panel_csv,
        dict(
            file="추가.csv",
            sheet=None,
            row=2,
            col="B",
            msg="evaluator 위원1 scored task Ⅰ-1-① twice (first at 산업분과.xlsx, sheet '위원1', "
            "row 4)",
        ),
    ),
]


@pytest.mark.parametrize(
    ("mutate", "want"),
    [(m, w) for _, m, w in BAD_PANEL],
    ids=[name for name, _, _ in BAD_PANEL],
)
def test_bad_panel_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, mutate: Callable[[Path], None], want: dict[str, Any]
) -> None:
    assert_located(work, mini_rubric, mutate, want)


CSV_BAD_PANEL: list[CsvCase] = [
    (
        "panel CSV: score above the points",
        "panel",
        "평가위원,과제코드,계획,집행,성과,환류\n김가온,Ⅰ-1-①,15,15,18.5,12\n".encode("cp949"),
        "성과 score 18.5 is above its 18 points",
        dict(row=2, col="E"),
    ),
    (
        "panel CSV: no evaluator column",
        "panel",
        "과제코드,계획,집행,성과,환류\nⅠ-1-①,15,15,18,12\n".encode(),
        "no 평가위원 (evaluator) column",
        dict(row=1, col=None),
    ),
]


@pytest.mark.parametrize(
    ("kind", "data", "msg", "where"),
    [(k, d, m, w) for _, k, d, m, w in CSV_BAD_PANEL],
    ids=[name for name, *_ in CSV_BAD_PANEL],
)
def test_bad_panel_csv_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, kind: str, data: bytes, msg: str, where: dict[str, Any]
) -> None:
    assert_csv_located(work, mini_rubric, kind, data, msg, where)
