"""Opening a workbook safely: zip limits, empty rows skipped, sheets as large as their data."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _paths import ROOT

from evalkit.workbooks import _xlsx

MINI_RESULTS = ROOT / "examples" / "mini" / "results.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
EXAMPLES = sorted(
    [
        MINI_RESULTS,
        *(ROOT / "examples" / "mini" / "panel").glob("*.xlsx"),
        ROOT / "examples" / "motie-2024" / "results.xlsx",
        *sorted((ROOT / "examples" / "round-2024" / "평가표").glob("*/*.xlsx"))[:3],
    ]
)


Raw = dict[str, dict[tuple[int, int], tuple[object, bool, bool, bool]]]


def _reference(path: Path) -> Raw:
    """Cells with a value as openpyxl's ordinary (not read-only) mode reads them:
    (value, formula without a saved value, shown as a percentage, Excel error)."""
    wb = openpyxl.load_workbook(path)
    saved = openpyxl.load_workbook(path, data_only=True)
    out: Raw = {}
    for ws in wb.worksheets:
        grid = out.setdefault(ws.title, {})
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or type(cell).__name__ == "MergedCell":
                    continue
                value, dtype = cell.value, cell.data_type
                if dtype == "f":
                    keep = saved[ws.title].cell(row=cell.row, column=cell.column)
                    value, dtype = keep.value, keep.data_type
                    if value is None:
                        grid[(cell.row, cell.column)] = (None, True, False, False)
                        continue
                percent = isinstance(value, (int, float)) and "%" in (cell.number_format or "")
                grid[(cell.row, cell.column)] = (value, False, percent, dtype == "e")
    return out


def _read(path: Path) -> Raw:
    out: Raw = {}
    for sheet in _xlsx._read_workbook(path):
        grid = out.setdefault(sheet.title, {})
        for key, c in sheet.cells.items():
            unsaved = c.data_type == "f" and c.value is None
            percent = isinstance(c.value, (int, float)) and "%" in c.number_format
            grid[key] = (c.value, unsaved, percent, c.data_type == "e")
        assert sheet.max_row == max((r for r, _ in grid), default=0)
        assert sheet.max_col == max((c for _, c in grid), default=0)
    return out


def _refused(path: Path) -> Any:
    with pytest.raises(_xlsx._Refused) as info:
        _xlsx._read_workbook(path)
    return info.value.problem


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_sheets_read_as_openpyxl_reads_them(path: Path) -> None:
    assert _read(path) == _reference(path)


def test_the_stdlib_parser_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _read(MINI_RESULTS)
    monkeypatch.setattr(_xlsx, "_row_elements", _xlsx._row_elements_stdlib)
    assert _read(MINI_RESULTS) == expected


def _with_rows(tmp_path: Path, name: str, rows: bytes, dimension: bytes = b"A1:XFD1048576") -> Path:
    """The mini results workbook with ``rows`` added below its data in the first sheet."""
    out = tmp_path / name
    with zipfile.ZipFile(MINI_RESULTS) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == SHEET:
                data = data.replace(
                    b'<dimension ref="A1:N19"/>', b'<dimension ref="%s"/>' % dimension
                )
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            z.writestr(info, data)
    return out


@pytest.mark.parametrize("cells", [0, 4], ids=["rows", "rows-of-empty-cells"])
def test_many_formatted_empty_rows_read_in_seconds_as_large_as_the_data(
    tmp_path: Path, cells: int
) -> None:
    n = 300_000 if cells == 0 else 100_000
    rows = b"".join(
        b'<row r="%d" s="1" customFormat="1" ht="15" customHeight="1">%s</row>'
        % (r, b"".join(b'<c r="%s%d" s="1"/>' % (bytes([65 + j]), r) for j in range(cells)))
        if cells
        else b'<row r="%d" s="1" customFormat="1" ht="15" customHeight="1"/>' % r
        for r in range(20, 20 + n)
    )
    path = _with_rows(tmp_path, "formatted.xlsx", rows)
    start = time.perf_counter()
    got = _read(path)
    assert time.perf_counter() - start < 20
    assert got == _read(MINI_RESULTS)  # 19 rows × 14 columns, not 300,019 × 16,384


def test_unnumbered_rows_and_cells_keep_their_places(tmp_path: Path) -> None:
    # Without r="…" a row is the one after the previous row: empty rows still count.
    rows = (
        b'<row r="30"/><row/><row><c><v>7</v></c><c/><c t="inlineStr"><is><t>x</t></is></c></row>'
    )
    path = _with_rows(tmp_path, "unnumbered.xlsx", rows, b"A1:N32")
    sheet = _read(path)["실적"]
    assert sheet[(32, 1)][0] == 7 and sheet[(32, 3)][0] == "x" and (32, 2) not in sheet
    assert max(r for r, _ in sheet) == 32


def test_data_far_below_the_table_is_refused_with_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _with_rows(tmp_path, "far.xlsx", b'<row r="5000"><c r="C5000"><v>1</v></c></row>')
    monkeypatch.setattr(_xlsx, "_MAX_ROWS", 1_000)
    p = _refused(path)
    assert (p.sheet, p.row, p.col) == ("실적", 5000, "C") and "너무 큽니다" in p.message
    monkeypatch.setattr(_xlsx, "_MAX_ROWS", 100_000)
    monkeypatch.setattr(_xlsx, "_MAX_COLUMNS", 2)
    p = _refused(path)
    assert (p.row, p.col, p.file) == (3, "C", str(path))  # the header reaches column C


def _bomb(tmp_path: Path, size: int) -> Path:
    out = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(MINI_RESULTS) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == SHEET:
                data = data.replace(b"</sheetData>", b" " * size + b"</sheetData>")
            z.writestr(info, data)
    return out


def test_a_zip_bomb_is_refused_before_it_is_unzipped(tmp_path: Path) -> None:
    path = _bomb(tmp_path, 20 * 1024 * 1024)  # 20 MB of spaces in about 20 KB
    assert path.stat().st_size < 200_000
    start = time.perf_counter()
    p = _refused(path)
    assert time.perf_counter() - start < 2
    assert p.file == str(path) and "압축 폭탄" in p.message and SHEET in p.message and p.fix


@pytest.mark.parametrize(
    ("limit", "value", "words"),
    [
        ("_MAX_UNZIPPED", 40_000, "압축을 풀면"),
        ("_MAX_MEMBER", 15_000, SHEET),
        ("_MAX_MEMBERS", 5, "파일이 너무 많습니다"),
    ],
)
def test_archive_limits_are_refused_with_a_fix(
    monkeypatch: pytest.MonkeyPatch, limit: str, value: int, words: str
) -> None:
    monkeypatch.setattr(_xlsx, limit, value)
    p = _refused(MINI_RESULTS)
    assert words in p.message and p.file == str(MINI_RESULTS) and "Excel" in (p.fix or "")


def test_dates_and_saved_values_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = dt.datetime(2024, 3, 1)
    ws["B1"] = 0.435
    ws["B1"].number_format = "0.0%"
    ws["C1"] = "=1+1"
    wb.save(path)
    (sheet,) = _read(path).values()
    assert sheet[(1, 1)] == (dt.datetime(2024, 3, 1), False, False, False)
    assert sheet[(1, 2)] == (0.435, False, True, False)
    assert sheet[(1, 3)] == (None, True, False, False)  # openpyxl saves no value beside =1+1
