"""The scored output (``write_scoreboard``): user text stays text, unknown formats refused."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _workbooks import Filled, read_all

import evalkit
from evalkit import InputError
from evalkit.workbooks import write_scoreboard


def test_scoreboard_user_text_is_never_a_formula(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    sb = evalkit.score(mini_rubric, *read_all(filled_dir[0], mini_rubric))
    tasks = sb.tasks.copy()
    evil = ['=HYPERLINK("http://x","y")', "+1+2", "-3 감소", "@SUM(A1)", "#N/A"]
    tasks.loc[: len(evil) - 1, "name"] = evil
    sb2 = dataclasses.replace(sb, tasks=tasks)
    wb = openpyxl.load_workbook(write_scoreboard(sb2, tmp_path / "s.xlsx"))
    cells = [r[1] for r in wb["tasks"].iter_rows(min_row=2, max_row=len(evil) + 1)]
    assert [c.value for c in cells] == evil
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells[:4])
    text = write_scoreboard(sb2, tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    names = [row[1] for row in csv.reader(io.StringIO(text))][1 : len(evil) + 1]
    assert names == ["'" + e for e in evil[:4]] + ["#N/A"]  # '#' is no formula prefix


def test_write_scoreboard_refuses_unknown_extension(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    sb = evalkit.score(mini_rubric, *read_all(filled_dir[0], mini_rubric))
    with pytest.raises(InputError, match=r"cannot write \.ods"):
        write_scoreboard(sb, tmp_path / "s.ods")
    assert not list(tmp_path.iterdir())
