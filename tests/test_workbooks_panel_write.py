"""평가위원 채점표 written per subcommittee (``write_panel_workbook``)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from evalkit import EvaluatorSheet, InputError, Panel
from evalkit.workbooks import read_panel, write_panel_workbook


def test_panel_workbook_rejects_bad_evaluator_name(mini_rubric: Any, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be a sheet name"):
        write_panel_workbook(mini_rubric, tmp_path / "p.xlsx", ["a" * 32])
    assert not (tmp_path / "p.xlsx").exists()


def test_filled_panel_workbook_reads_back_exactly(mini_rubric: Any, tmp_path: Path) -> None:
    tasks = [t for t in mini_rubric.tasks if t.assigned_subcommittee == "에너지분과"]
    criteria = [c.id for c in mini_rubric.criteria.panel]
    sheets = {
        t.code: tuple(
            EvaluatorSheet(
                name,
                {c: Fraction(2 * i + j + 1, 2) for j, c in enumerate(criteria)},
                f"={t.code} 우수" if i == 0 else "",
                "-보완" if i == 1 else "",
            )
            for i, name in enumerate(("김가온", "이나래"))
        )
        for t in tasks
    }
    path = write_panel_workbook(
        mini_rubric,
        tmp_path / "에너지분과.xlsx",
        ["김가온", "이나래"],
        subcommittee="에너지분과",
        panel=Panel(sheets),
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["안내", "김가온", "이나래"]
    assert [r[0].value for r in wb["김가온"].iter_rows(min_row=4)] == [t.code for t in tasks]
    got = read_panel([path], mini_rubric)
    assert dict(got.sheets) == sheets
    assert got.evaluators == ("김가온", "이나래")
    again = write_panel_workbook(
        mini_rubric,
        tmp_path / "again.xlsx",
        ["김가온", "이나래"],
        subcommittee="에너지분과",
        panel=got,
    )
    assert again.read_bytes() == path.read_bytes()
