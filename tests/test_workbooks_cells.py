"""Reading cells and sheets: saved formula values, unreadable and damaged files."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _workbooks import BadCase, R, assert_located, row_of, write_file

from evalkit import InputError
from evalkit.workbooks import read_results


def test_formula_with_saved_value_is_read(work: Path, mini_rubric: Any) -> None:
    path = work / "results.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["실적"]
    r = row_of(ws, "Ⅰ-1-①-1")
    ws.cell(row=r, column=11).value = "=10+8"
    wb.save(path)
    # Excel saves the computed value beside the formula; openpyxl does not, so add it.
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name], n = re.subn(
        rb"(<c r=\"K%d\"[^>]*><f>10\+8</f>)<v\s*/?>(</v>)?" % r, rb"\1<v>18</v>", parts[name]
    )
    assert n == 1
    with zipfile.ZipFile(path, "w") as z:
        for k, v in parts.items():
            z.writestr(k, v)
    assert read_results(path, mini_rubric).actuals["Ⅰ-1-①-1"].value == 18


@pytest.mark.parametrize(
    ("name", "msg"),
    [
        ("results.xls", "cannot read .xls files"),
        ("missing.xlsx", "file not found"),
        ("missing.csv", "file not found"),
    ],
)
def test_unreadable_files(mini_rubric: Any, tmp_path: Path, name: str, msg: str) -> None:
    path = tmp_path / name
    if name.endswith(".xls"):
        path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=msg) as err:
        read_results(path, mini_rubric)
    assert err.value.problems[0].file == str(path) and err.value.problems[0].fix


BAD_FILES: list[BadCase] = [
    (
        "corrupt workbook",
        write_file("results.xlsx", b"PK\x03\x04 not really a zip"),
        dict(file=R, sheet=None, row=None, col=None, msg="not a readable .xlsx workbook"),
    ),
]


@pytest.mark.parametrize(
    ("mutate", "want"),
    [(m, w) for _, m, w in BAD_FILES],
    ids=[name for name, _, _ in BAD_FILES],
)
def test_bad_file_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, mutate: Callable[[Path], None], want: dict[str, Any]
) -> None:
    assert_located(work, mini_rubric, mutate, want)
