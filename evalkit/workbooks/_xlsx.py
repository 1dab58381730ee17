"""Opening a filled .xlsx safely: archive limits first, then the cells streamed, empty rows skipped.

An .xlsx is a zip of XML. Before openpyxl opens one, ``_check_archive`` refuses a file whose
members would unzip beyond ``_MAX_UNZIPPED`` in all or ``_MAX_MEMBER`` each, or that unzip more
than ``_MAX_RATIO`` times their compressed size (a zip bomb: 0.6 MB that unzips to gigabytes).
zipfile never inflates a member past the size its header declares, so the declared sizes bound
what is read.

The sheets are then read in openpyxl's read-only mode, row by row from the sheet's XML: a row
without a value (only a format, the typical million formatted rows below the data) is skipped
without building its cells, and a sheet is as large as its data, never as its declared
dimension (``A1:XFD1048576``). Data beyond ``_MAX_ROWS`` rows or ``_MAX_COLUMNS`` columns is
refused with its place. openpyxl's row parser turns the kept rows into values (shared strings,
dates, formulas), so values read exactly as openpyxl reads them.
"""

from __future__ import annotations

import contextlib
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import Problem

_MAX_UNZIPPED = 512 * 1024 * 1024  # all members together, unzipped
_MAX_MEMBER = 256 * 1024 * 1024  # one member (a sheet's XML), unzipped
_MAX_RATIO = 100  # unzipped / zipped size of a member over 1 MB (sheet XML: 10-30)
_MAX_MEMBERS = 10_000
_MAX_ROWS = 100_000  # the last row with a value (a ministry's results sheet: under 1,000)
_MAX_COLUMNS = 1_000  # the last column with a value (the widest workbook: under 30)
_MAX_CELLS = 5_000_000  # rows × columns of a sheet's data

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW = f"{_NS}row"
_SHEET_DATA = f"{_NS}sheetData"
_SAVE_FIX = "Excel에서 열어 필요한 표만 남기고 Excel 통합 문서(.xlsx)로 다시 저장하십시오"


class _Refused(Exception):
    """The workbook is beyond a limit; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class _RawCell:
    value: object
    data_type: str
    number_format: str


@dataclass(frozen=True)
class _RawSheet:
    title: str
    cells: dict[tuple[int, int], _RawCell]  # (row, column), both 1-based; only cells with a value
    max_row: int
    max_col: int


def _check_archive(path: Path) -> Problem | None:
    """Why the zip at ``path`` must not be opened (sizes, ratio), or None."""
    mb = 1024 * 1024
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None  # openpyxl reports a damaged file in the reader's own words
    if len(infos) > _MAX_MEMBERS:
        return Problem(
            f"통합 문서 안의 파일이 너무 많습니다 ({len(infos):,}개, 최대 {_MAX_MEMBERS:,}개)",
            file=str(path),
            fix=_SAVE_FIX,
        )
    total = sum(i.file_size for i in infos)
    if total > _MAX_UNZIPPED:
        return Problem(
            f"통합 문서의 압축을 풀면 {_mb(total)}입니다 (최대 {_mb(_MAX_UNZIPPED)})",
            file=str(path),
            fix=_SAVE_FIX,
        )
    for info in infos:
        if info.file_size > _MAX_MEMBER:
            return Problem(
                f"통합 문서 안의 {info.filename} 는 압축을 풀면 {_mb(info.file_size)}입니다 "
                f"(최대 {_mb(_MAX_MEMBER)})",
                file=str(path),
                fix=_SAVE_FIX,
            )
        if info.file_size > mb and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
            return Problem(
                f"통합 문서 안의 {info.filename} 가 비정상적으로 압축되어 있습니다 "
                f"({info.compress_size:,} 바이트가 {info.file_size:,} 바이트로 풀림: 압축 폭탄)",
                file=str(path),
                fix="믿을 수 있는 곳에서 받은 파일인지 확인하고, Excel에서 다시 저장하십시오",
            )
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _read_workbook(path: Path) -> list[_RawSheet]:
    """Every worksheet's cells with a value. Raises _Refused, or openpyxl's own errors."""
    problem = _check_archive(path)
    if problem is not None:
        raise _Refused(problem)
    import openpyxl

    # openpyxl leaves its zip open when a damaged file makes it fail: it reads from files opened
    # here, which are closed whatever happens.
    with warnings.catch_warnings(), contextlib.ExitStack() as files:
        # openpyxl warns in English about extensions it ignores and dates it cannot convert;
        # the reader's own problems say what matters.
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(
            files.enter_context(path.open("rb")), read_only=True, data_only=False
        )
        saved: Any = None  # the same workbook with formulas' saved values, opened on demand
        try:
            sheets: list[_RawSheet] = []
            for ws in wb.worksheets:
                sheet = _read_sheet(path, ws)
                formulas = [k for k, c in sheet.cells.items() if c.data_type == "f"]
                if formulas:
                    if saved is None:
                        saved = openpyxl.load_workbook(
                            files.enter_context(path.open("rb")), read_only=True, data_only=True
                        )
                    values = _read_sheet(path, saved[ws.title]).cells
                    for key in formulas:
                        sheet.cells[key] = values.get(key, _RawCell(None, "f", ""))
                sheets.append(sheet)
            return sheets
        finally:
            wb.close()
            if saved is not None:
                saved.close()


def _read_sheet(path: Path, ws: Any) -> _RawSheet:
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    parser = WorkSheetParser(
        None,
        ws._shared_strings,
        data_only=wb.data_only,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )
    cells: dict[tuple[int, int], _RawCell] = {}
    max_row = max_col = 0
    for element in _row_elements(ws):
        if not any(len(c) for c in element):  # no <v>, <f> or <is> in any cell
            parser.row_counter = _row_number(element.get("r"), parser.row_counter)
            continue
        _, found = parser.parse_row(element)
        parser.row_dimensions.clear()  # formats of rows: not needed, would only grow
        for cell in found:
            value = cell["value"]
            if value is None:
                continue
            r, c = cell["row"], cell["column"]
            if r > _MAX_ROWS or c > _MAX_COLUMNS:
                raise _Refused(_too_far(path, ws.title, r, c))
            fmt = ""
            if isinstance(value, (int, float)):
                fmt = ReadOnlyCell(ws, r, c, value, cell["data_type"], cell["style_id"])
                fmt = fmt.number_format or ""
            cells[(r, c)] = _RawCell(value, cell["data_type"], fmt)
            max_row, max_col = max(max_row, r), max(max_col, c)
            if max_row * max_col > _MAX_CELLS:
                raise _Refused(_too_far(path, ws.title, r, c))
    return _RawSheet(ws.title, cells, max_row, max_col)


def _row_number(text: str | None, previous: int) -> int:
    """The number of a row element (its ``r``, else the one after ``previous``), as openpyxl."""
    if text is None:
        return previous + 1
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"{text} is not a valid row number")
    return int(number)


def _too_far(path: Path, sheet: str, row: int, col: int) -> Problem:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(min(col, 18_278))  # ZZZ, the last letter openpyxl names
    return Problem(
        f"표가 너무 큽니다: 값이 {row:,}행 {letter}열에 있습니다 "
        f"(최대 {_MAX_ROWS:,}행, {_MAX_COLUMNS:,}열, 칸 {_MAX_CELLS:,}개)",
        file=str(path),
        sheet=sheet,
        row=row,
        col=letter,
        fix="표 아래나 오른쪽 멀리 떨어진 값을 지우고 다시 저장하십시오",
    )


# A row or cell with no content, written as one empty tag (``<row r="7" s="3" .../>``,
# ``<c r="B7" s="3"/>``): the million formatted rows below a table. They are dropped from the
# XML before it is parsed, which is safe only when every row and cell names its own place (an
# unnumbered one takes its number from the one before): ``_NUMBERLESS`` finds one that does not.
_EMPTY_CELL = re.compile(rb"<c\b[^>]*/>")
_EMPTY_ROW = re.compile(rb"<row\b[^>]*/>|<row\b[^>]*>\s*</row>")
_NUMBERLESS = re.compile(rb"<(?:row|c)(?=[\s/>])(?![^>]*\sr=)")
_CHUNK = 1 << 20


def _chunks(source: Any) -> Iterator[bytes]:
    """The bytes of ``source``, each piece ending at a tag's end (``>``)."""
    rest = b""
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            if rest:
                yield rest
            return
        data = rest + chunk
        cut = data.rfind(b">") + 1
        if cut:
            rest = data[cut:]
            yield data[:cut]
        else:
            rest = data


def _sheet_xml(ws: Any) -> Iterator[bytes]:
    """A sheet's XML, without its empty rows and cells when that keeps every place the same."""
    with ws._get_source() as source:
        numbered = not any(_NUMBERLESS.search(chunk) for chunk in _chunks(source))
    with ws._get_source() as source:
        for chunk in _chunks(source):
            yield _EMPTY_ROW.sub(b"", _EMPTY_CELL.sub(b"", chunk)) if numbered else chunk


def _row_elements(ws: Any) -> Iterator[Any]:
    """The ``<row>`` elements of a sheet, each dropped once the caller moves on."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml comes with python-docx and python-hwpx
        yield from _row_elements_stdlib(ws)
        return
    parser = etree.XMLPullParser(
        events=("end",),
        tag=_ROW,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    for chunk in _sheet_xml(ws):
        parser.feed(chunk)
        for _, element in parser.read_events():
            yield element
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None and parent is not None:
                del parent[0]
    parser.close()


def _row_elements_stdlib(ws: Any) -> Iterator[Any]:
    import xml.etree.ElementTree as ET

    parser: Any = ET.XMLPullParser(events=("start", "end"))
    data: Any = None
    for chunk in _sheet_xml(ws):
        parser.feed(chunk)
        event: str
        element: Any
        for event, element in parser.read_events():
            if event == "start" and element.tag == _SHEET_DATA:
                data = element
            elif event == "end" and element.tag == _ROW:
                yield element
                if data is not None:
                    data.clear()
    parser.close()
