"""Reading cells and sheets: saved formula values, unreadable and damaged files."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _workbooks import BadCase, R, assert_located, row_of, write_file

from evalkit import InputError
from evalkit.workbooks import read_results
from evalkit.workbooks._cells import _Cell, _col_letter, _norm, _Num, _number, _text


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


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")]
)
def test_col_letter(index: int, letter: str) -> None:
    assert _col_letter(index) == letter


def test_headers_match_across_spelling() -> None:
    assert _norm("실적 단위") == _norm("실적단위") == _norm("실적_단위")
    assert _norm("개선·보완사항") == _norm("개선ㆍ보완 사항")
    assert _norm("계획 (15점)") == _norm("계획") and _norm("Task Code") == "taskcode"


def num(value: object, **kw: Any) -> _Num:
    return _number(_Cell(value, 4, "K", **kw), allow_unit=True)


def test_numbers_are_read_exactly() -> None:
    assert num(0.1) == _Num(Decimal("0.1"))
    assert num(1350) == _Num(Decimal(1350))
    assert num("1,350") == _Num(Decimal(1350))
    assert num(" 7.8억불") == _Num(Decimal("7.8"), "억불")
    assert num("-.5") == _Num(Decimal("-0.5"))
    assert num(0.435, percent=True) == _Num(Decimal("43.500"), "%")
    assert num(None) == _Num() and num("  ") == _Num()


def test_number_refusals_say_why_and_how_to_fix() -> None:
    for cell, why in (
        (_Cell(True, 4, "K"), "TRUE is not a number"),
        (_Cell(float("nan"), 4, "K"), "not a finite number"),
        (_Cell(dt.date(2024, 5, 1), 4, "K"), "holds a date (2024-05-01)"),
        (_Cell(None, 4, "K", unsaved_formula=True), "formula with no saved value"),
        (_Cell("#N/A", 4, "K", excel_error=True), "the Excel error #N/A"),
        (_Cell("약 250건", 4, "K"), "text '약 250건' in a numeric cell"),
    ):
        got = _number(cell, allow_unit=True)
        assert got.value is None and got.error is not None and why in got.error, why
        assert got.fix
    points = _Cell("15점", 4, "C")
    assert _number(points, allow_unit=False, suffixes=("점",)) == _Num(Decimal(15))
    assert _number(_Cell("15명", 4, "C"), allow_unit=False, suffixes=("점",)).error


def test_csv_formula_guard_is_removed_only_in_csv() -> None:
    assert _text(_Cell("'=SUM(A1)", 2, "B", csv=True)) == "=SUM(A1)"
    assert _text(_Cell("'=SUM(A1)", 2, "B")) == "'=SUM(A1)"
    assert _text(_Cell("'quoted", 2, "B", csv=True)) == "'quoted"
    assert _text(_Cell(3.0, 2, "B")) == "3" and _text(_Cell(2.5, 2, "B")) == "2.5"


def test_a_workbook_reads_as_a_grid_as_large_as_its_data(tmp_path: Path) -> None:
    from evalkit.workbooks._cells import _load

    path = tmp_path / "g.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = "x"
    ws["D1"] = 1
    for r in range(3, 500):  # formatted, empty
        ws.cell(row=r, column=8).number_format = "0.0%"
    wb.save(path)
    (sheet,) = _load(path, [])  # type: ignore[misc]
    assert [[c.col for c in row] for row in sheet.rows] == [list("ABCD")] * 2
    assert sheet.rows[1][1].value == "x" and sheet.rows[0][3].value == 1
    assert sheet.rows[0][0].value is None and sheet.rows[0][0].row == 1


def test_a_workbook_beyond_the_limits_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_rubric: Any
) -> None:
    from evalkit.workbooks import _xlsx

    path = tmp_path / "results.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "실적"
    wb.active["C40"] = 1
    wb.save(path)
    monkeypatch.setattr(_xlsx, "_MAX_ROWS", 30)
    with pytest.raises(InputError) as err:
        read_results(path, mini_rubric)
    (p,) = err.value.problems
    assert (p.file, p.sheet, p.row, p.col) == (str(path), "실적", 40, "C")


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\x7f"])
def test_control_characters_in_cells_are_refused_at_their_cell(tmp_path: Path, char: str) -> None:
    from evalkit.workbooks._cells import _load

    path = tmp_path / "t.csv"
    path.write_text(f"과제코드,사유\nⅠ-1-①,ok\nⅠ-1-②,나쁜{char}글자\n", encoding="utf-8")
    problems: list[Any] = []
    assert _load(path, problems) is None
    (p,) = problems
    assert (p.file, p.row, p.col) == (str(path), 3, "B")
    assert repr(char) in p.message and "제어 문자" in p.message and p.fix


def test_tabs_and_line_breaks_in_cells_are_text() -> None:
    import tempfile

    from evalkit.workbooks._cells import _load

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "t.csv"
        path.write_text('a,b\n"두\r\n줄",탭\t글자\n', encoding="utf-8")
        problems: list[Any] = []
        sheets = _load(path, problems)
        assert sheets is not None and not problems
