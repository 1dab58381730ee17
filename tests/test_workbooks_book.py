"""The house style of written workbooks (``_Book``) and its small value helpers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from evalkit import InputError
from evalkit.workbooks._book import _Book, _display_width, _number_value, _output_suffix


def saved(book: _Book, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "b.xlsx"
    path.write_bytes(book.to_bytes())
    return openpyxl.load_workbook(path)


def test_put_keeps_text_as_text_and_numbers_exact(tmp_path: Path) -> None:
    book = _Book()
    ws = book.sheet("s")
    for row, value in enumerate(["=SUM(A1)", "-3 감소", "plain", "bell\x07here"], start=1):
        book.put(ws, row, 1, value)
    book.put(ws, 5, 1, Fraction(2, 3))
    book.put(ws, 6, 1, 7)
    book.formula(ws, 7, 1, "=SUM(A5:A6)")
    got = saved(book, tmp_path)["s"]
    assert [got.cell(row=r, column=1).value for r in range(1, 5)] == [
        "=SUM(A1)",
        "-3 감소",
        "plain",
        "bellhere",  # a control character xlsx cannot hold is dropped
    ]
    assert {got.cell(row=r, column=1).data_type for r in range(1, 5)} == {"s"}
    assert [got.cell(row=r, column=1).quotePrefix for r in range(1, 4)] == [True, True, False]
    assert got["A5"].value == 0.666667 and got["A6"].value == 7
    assert got["A7"].data_type == "f" and got["A7"].value == "=SUM(A5:A6)"


def test_layout_prints_a4_landscape_and_fits_columns(tmp_path: Path) -> None:
    book = _Book()
    ws = book.sheet("s")
    book.title(ws, "제목", "안내 " * 100, 3)
    book.header(ws, 3, ["과제코드", "관리과제명이 아주 긴 열", "x"])
    book.put(ws, 4, 2, "가" * 60)
    book.fit_columns(ws, 3, {2: 40})
    book.printable(ws, "3:3", 3, 4)
    got = saved(book, tmp_path)["s"]
    assert got["A1"].font.b and got["A3"].font.b and got["A3"].fill.fgColor.rgb == "00D9D9D9"
    assert "A2:C2" in {str(r) for r in got.merged_cells.ranges}
    assert got.column_dimensions["B"].width == 40  # capped: 60 Hangul would be 122 wide
    assert got.column_dimensions["A"].width == 10  # 과제코드: 4 Hangul = 8, plus 2
    assert got.page_setup.orientation == "landscape" and got.page_setup.paperSize == 9
    assert got.print_title_rows == "$3:$3" and got.print_area == "'s'!$A$1:$C$4"


def test_same_content_gives_same_bytes() -> None:
    def build() -> bytes:
        book = _Book()
        book.put(book.sheet("s"), 1, 1, "같은 내용")
        return book.to_bytes()

    assert build() == build()


def test_display_width_counts_hangul_double() -> None:
    assert _display_width("abc") == 3
    assert _display_width("한글") == 4
    assert _display_width("긴 줄입니다\nab") == 11
    assert _display_width("") == 0


def test_number_value_is_as_the_workbook_shows_it() -> None:
    assert _number_value(None) is None
    got = _number_value(Decimal("3.00"))
    assert got == 3 and isinstance(got, int)
    assert str(_number_value(Decimal("2.50"))) == "2.5"
    assert str(_number_value(Decimal("1E+1"))) == "10"


def test_output_suffix_accepts_xlsx_and_csv_only(tmp_path: Path) -> None:
    assert _output_suffix(tmp_path / "s.XLSX") == ".xlsx"
    assert _output_suffix(tmp_path / "s.csv") == ".csv"
    with pytest.raises(InputError) as err:
        _output_suffix(tmp_path / "s")
    problem = err.value.problems[0]
    assert "without extension" in problem.message and problem.file == str(tmp_path / "s")
    assert problem.fix
