"""A whole round: filled workbooks read together, scored, written; every problem in one pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _paths import MINI
from _workbooks import (
    ENE,
    EVALUATORS,
    EXPECTED_ADJ,
    EXPECTED_RESULTS,
    IND,
    MINI_DIR,
    Filled,
    read_all,
    run_pipeline,
    set_adj,
    set_panel,
    set_result,
)

import evalkit
from evalkit import Adjustments, InputError, Panel, Results
from evalkit.workbooks import read_inputs, write_scoreboard


def test_round_trip_nothing_lost(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    d, filled = filled_dir
    results, panel, adjustments = read_all(d, mini_rubric)
    assert dict(results.actuals) == EXPECTED_RESULTS
    assert results.source == str(d / "results.xlsx")
    assert {k: list(v) for k, v in panel.sheets.items()} == filled.expected_panel
    assert panel.evaluators == EVALUATORS
    assert adjustments.items == EXPECTED_ADJ
    sb = evalkit.score(mini_rubric, results, panel, adjustments)
    direct = evalkit.score(
        mini_rubric,
        Results(EXPECTED_RESULTS),
        Panel({k: tuple(v) for k, v in filled.expected_panel.items()}),
        Adjustments(EXPECTED_ADJ),
    )
    assert [(t.task.code, t.total, t.grade) for t in sb.details] == [
        (t.task.code, t.total, t.grade) for t in direct.details
    ]
    # the actual in 백만원 was converted to the target's 억원 by the engine
    assert sb.task("Ⅰ-1-③").indicators[1].actual_in_unit == 739

    out = write_scoreboard(sb, tmp_path / "scores.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["tasks", "indicators", "summary"]
    ws = wb["tasks"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["과제코드", "관리과제명"] and "평정점수" in header and "계획" in header
    got = {r[0]: r[header.index("평정점수")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == dict(zip(sb.tasks["code"], sb.tasks["total"], strict=True))
    assert wb["indicators"].max_row == 17 and wb["summary"]["A2"].value == "매우우수"
    csv_out = write_scoreboard(sb, tmp_path / "scores.csv")
    text = csv_out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "평정점수".encode() in text
    assert (tmp_path / "scores-indicators.csv").exists()
    assert (tmp_path / "scores-summary.csv").exists()


def test_all_problems_reported_in_one_pass(work: Path, mini_rubric: Any) -> None:
    for mutate in (
        set_result("Ⅰ-1-①-2", 11, "많음"),
        set_result("Ⅱ-1-①-2", 11, None),
        set_panel(IND, "위원2", "Ⅰ-1-②", 3, 16),
        set_panel(ENE, "위원1", "Ⅱ-1-②", 4, -2),
        set_adj(4, 1, "없음"),
    ):
        mutate(work)
    with pytest.raises(InputError) as err:
        run_pipeline(work, mini_rubric)
    assert len(err.value.problems) == 5
    assert {Path(p.file or "").name for p in err.value.problems} == {
        "results.xlsx",
        IND,
        ENE,
        "adjustments.xlsx",
    }
    assert not (work / "out").exists()


def test_cli_score_refuses_bad_panel_and_writes_nothing(work: Path) -> None:
    from typer.testing import CliRunner

    from evalkit.cli import app

    set_panel(IND, "위원2", "Ⅰ-1-②", 3, 16)(work)
    out = work / "out" / "scores.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "score",
            str(MINI),
            "--results",
            str(work / "results.xlsx"),
            "--panel",
            str(work / "panel"),
            "--adjustments",
            str(work / "adjustments.xlsx"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "sheet '위원2', row 5, column C" in result.output
    assert "above its 15 points" in result.output
    assert not out.exists()


def test_read_inputs_reports_all_three_inputs_at_once(mini_rubric: Any, tmp_path: Path) -> None:
    results = tmp_path / "results.csv"
    results.write_text("키,실적\nⅨ-9-⑨-1,3\n", encoding="utf-8")
    panel = tmp_path / "panel.csv"
    panel.write_text("task,evaluator,plan\nⅨ-9-⑨,김,99\n", encoding="utf-8")
    adjustments = tmp_path / "adj.csv"
    adjustments.write_text("과제코드,가감점,사유\nⅨ-9-⑨,1,x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_inputs(mini_rubric, results, [panel], adjustments)
    files = {p.file for p in info.value.problems}
    assert files == {str(results), str(panel), str(adjustments)}


def test_read_inputs_reads_the_shipped_mini_example(mini_rubric: Any) -> None:
    res, pan, adj = read_inputs(
        mini_rubric,
        MINI_DIR / "results.xlsx",
        [MINI_DIR / "panel"],
        MINI_DIR / "adjustments.csv",
    )
    assert set(res.actuals) == {i.id for _, i in mini_rubric.iter_indicators()}
    assert set(pan.sheets) == {t.code for t in mini_rubric.tasks}
    assert adj is not None and adj.items
