"""Reading cells and sheets from the filled xlsx or CSV files.

``_load`` turns a workbook (every sheet) or a CSV into ``_Sheet`` rows of ``_Cell`` values,
keeping what the format says about a cell (a percentage, a formula Excel never calculated, an
Excel error). Columns are then found by their header text, Korean or English
(``_find_header``), and cells parsed exactly (``_number``: floats via their shortest repr, text
as written, ``1,350`` and ``7.8억불`` understood). Every problem goes into a list, each naming
its file, sheet, row and column, so a reader reports them all at once (``_raise``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .._errors import InputError, Problem, control_character
from ._csv import _FORMULA_PREFIXES, _read_csv


@dataclass(frozen=True, slots=True)
class _Cell:
    """One cell as read: its value and what the format says about it."""

    value: object
    row: int
    col: str
    percent: bool = False  # number shown as a percentage (0.435 shown as 43.5%)
    unsaved_formula: bool = False  # a formula Excel never calculated (no saved value)
    excel_error: bool = False  # #N/A, #DIV/0!, …
    csv: bool = False


@dataclass(frozen=True)
class _Sheet:
    file: str
    name: str | None  # None for CSV
    rows: list[list[_Cell]]  # rows[i] is row i + 1

    def where(
        self, row: int | None = None, col: str | None = None, field: str | None = None
    ) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.name, "row": row, "col": col, "field": field}


def _col_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 → A, 26 → AA)."""
    n, out = index + 1, ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _load(path: Path, problems: list[Problem]) -> list[_Sheet] | None:
    """Every sheet of a workbook or CSV; None, with located problems, if it cannot be used.

    Text holding a control character (``\\x01``, ``\\x0b`` pasted from Word, ``\\x1b``) is
    refused at its cell: no report format can hold it.
    """
    sheets = _load_any(path, problems)
    if sheets is None:
        return None
    bad = [
        Problem(
            f"글자에 제어 문자 {ch} 가 들어 있습니다 (보고서에 쓸 수 없음)",
            **sheet.where(cell.row, cell.col),
            fix="그 칸의 글자를 지우고 다시 입력하십시오 (Word에서 붙여 넣은 줄바꿈일 수 있음)",
        )
        for sheet in sheets
        for row in sheet.rows
        for cell in row
        if isinstance(cell.value, str) and (ch := control_character(cell.value))
    ]
    bad += [
        Problem(
            f"시트 이름에 제어 문자 {ch} 가 들어 있습니다",
            file=sheet.file,
            sheet=sheet.name,
            fix="시트 이름을 다시 입력하십시오",
        )
        for sheet in sheets
        if sheet.name and (ch := control_character(sheet.name))
    ]
    if bad:
        problems.extend(bad)
        return None
    return sheets


def _load_any(path: Path, problems: list[Problem]) -> list[_Sheet] | None:
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffix == ".txt":
        text = _read_csv(path, problems)
        if text is None:
            return None
        rows = [
            [
                _Cell(v if v.strip() else None, r, _col_letter(c), csv=True)
                for c, v in enumerate(rec)
            ]
            for r, rec in enumerate(text.records, start=1)
        ]
        return [_Sheet(str(path), None, rows)]
    if suffix in (".xlsx", ".xlsm"):
        return _load_xlsx(path, problems)
    old = suffix in (".xls", ".ods", ".numbers")
    fix = (
        "save it as Excel 통합 문서 (.xlsx) or CSV UTF-8"
        if old
        else "give an .xlsx workbook or a .csv file"
    )
    problems.append(
        Problem(
            f"cannot read {suffix or 'a file without extension'} files", file=str(path), fix=fix
        )
    )
    return None


def _load_xlsx(path: Path, problems: list[Problem]) -> list[_Sheet] | None:
    """Every worksheet as rows of cells, as far as its data reaches (see ``_xlsx``)."""
    from ._xlsx import _read_workbook, _Refused

    if not path.exists():
        problems.append(Problem("file not found", file=str(path), fix="check the path"))
        return None
    try:
        raw = _read_workbook(path)
    except _Refused as exc:
        problems.append(exc.problem)
        return None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(
            Problem(
                f"not a readable .xlsx workbook ({type(exc).__name__})",
                file=str(path),
                fix="open it in Excel and save it as Excel 통합 문서 (.xlsx)",
            )
        )
        return None
    sheets: list[_Sheet] = []
    for sheet in raw:
        rows: list[list[_Cell]] = []
        for r in range(1, sheet.max_row + 1):
            cells: list[_Cell] = []
            for c in range(1, sheet.max_col + 1):
                got = sheet.cells.get((r, c))
                col = _col_letter(c - 1)
                if got is None:
                    cells.append(_Cell(None, r, col))
                elif got.data_type == "f" and got.value is None:
                    cells.append(_Cell(None, r, col, unsaved_formula=True))
                else:
                    value = got.value
                    percent = isinstance(value, (int, float)) and "%" in got.number_format
                    cells.append(
                        _Cell(value, r, col, percent=percent, excel_error=got.data_type == "e")
                    )
            rows.append(cells)
        sheets.append(_Sheet(str(path), sheet.title, rows))
    return sheets


def _norm(text: object) -> str:
    """Header text reduced for matching: NFKC, no '(…)', no spaces or separators, lower case."""
    t = unicodedata.normalize("NFKC", str(text))
    t = re.sub(r"\(.*?\)", "", t)
    t = re.sub(r"[\s·ㆍ\u318d\u119e・.,_\-/]", "", t)
    return t.lower()


@dataclass(frozen=True)
class _Header:
    row: int  # 1-based row of the header
    cols: dict[str, int]  # field → 0-based column index
    labels: dict[str, str]  # field → header text as written


def _find_header(
    sheet: _Sheet,
    fields: Mapping[str, Iterable[str]],
    accept: Callable[[set[str]], bool],
    scan: int = 20,
) -> _Header | None:
    """The first row (within ``scan``) whose cells name fields that ``accept`` approves."""
    lookup: dict[str, str] = {}
    for name, aliases in fields.items():
        for a in aliases:
            lookup.setdefault(_norm(a), name)
    for i, row in enumerate(sheet.rows[:scan]):
        cols: dict[str, int] = {}
        labels: dict[str, str] = {}
        for j, cell in enumerate(row):
            if isinstance(cell.value, str):
                field = lookup.get(_norm(cell.value))
                if field is not None and field not in cols:
                    cols[field] = j
                    labels[field] = cell.value.strip()
        if accept(set(cols)):
            return _Header(i + 1, cols, labels)
    return None


def _data_rows(sheet: _Sheet, header: _Header) -> Iterable[tuple[int, Callable[[str], _Cell]]]:
    """(row number, field getter) for every row below the header that has any content."""
    for r in range(header.row, len(sheet.rows)):
        row = sheet.rows[r]
        if all(_blank(c) for c in row):
            continue

        def get(name: str, row: list[_Cell] = row, r: int = r) -> _Cell:
            j = header.cols.get(name)
            if j is None:
                return _Cell(None, r + 1, "")
            return row[j] if j < len(row) else _Cell(None, r + 1, _col_letter(j))

        yield r + 1, get


def _at(sheet: _Sheet, header: _Header, row: int, name: str) -> dict[str, Any]:
    """Where a cell of column ``name`` is: file, sheet, row, column letter and header text."""
    j = header.cols.get(name)
    return sheet.where(row, None if j is None else _col_letter(j), header.labels.get(name))


def _blank(cell: _Cell) -> bool:
    if cell.unsaved_formula or cell.excel_error:
        return False
    v = cell.value
    return v is None or (isinstance(v, str) and not v.strip())


def _text(cell: _Cell) -> str:
    """A cell as text: numbers in their plain form, CSV formula guards (') removed."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return repr(v) if not v.is_integer() else str(int(v))
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    t = str(v).strip()
    if cell.csv and t.startswith("'") and t[1:2] and t[1] in _FORMULA_PREFIXES:
        t = t[1:]
    return t


@dataclass(frozen=True, slots=True)
class _Num:
    """A numeric cell as read: blank (value None), a number with its unit, or an error."""

    value: Decimal | None = None
    unit: str | None = None
    error: str | None = None
    fix: str | None = None


_NUMBER = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(.*)$")
_PLAIN_NUMBER_FIX = "write a plain number such as 1350 or 94.3"


def _number(cell: _Cell, *, allow_unit: bool, suffixes: Iterable[str] = ()) -> _Num:
    """Parse a numeric cell exactly (floats via their shortest repr, text as written)."""
    v = cell.value
    if cell.unsaved_formula:
        return _Num(
            error="the cell holds a formula with no saved value",
            fix="open and save the workbook in Excel, or type the value",
        )
    if cell.excel_error:
        return _Num(
            error=f"the cell shows the Excel error {v}", fix="correct the formula or type the value"
        )
    if v is None:
        return _Num()
    if isinstance(v, bool):
        return _Num(error=f"{'TRUE' if v else 'FALSE'} is not a number", fix=_PLAIN_NUMBER_FIX)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return _Num(
            error=f"the cell holds a date ({v.isoformat()}), not a number",
            fix="format the cell as 일반 (General) and type the number",
        )
    if isinstance(v, (int, float, Decimal)):
        if isinstance(v, float) and not math.isfinite(v):
            return _Num(error=f"{v} is not a finite number", fix=_PLAIN_NUMBER_FIX)
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        if cell.percent:  # Excel stores 43.5% as 0.435
            return _Num(d * 100, "%")
        return _Num(d)
    text = unicodedata.normalize("NFKC", _text(cell)).strip()
    if not text:
        return _Num()
    m = _NUMBER.match(text)
    rest = m.group(2).strip() if m else ""
    if m is None or (rest and not allow_unit and rest not in suffixes):
        return _Num(error=f"text {_text(cell)!r} in a numeric cell", fix=_PLAIN_NUMBER_FIX)
    try:
        d = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return _Num(error=f"text {_text(cell)!r} in a numeric cell", fix=_PLAIN_NUMBER_FIX)
    unit = rest if rest and rest not in suffixes else None
    return _Num(d, unit)


def _free_text(cell: _Cell, sheet: _Sheet, what: str, problems: list[Problem]) -> str:
    """A text cell (근거, 우수사항, 사유); a formula without a value or an error is refused."""
    if cell.unsaved_formula or cell.excel_error:
        num = _number(cell, allow_unit=False)
        problems.append(
            Problem(
                f"{what}: {num.error}",
                **sheet.where(cell.row, cell.col),
                fix="type the text itself (start it with ' if it begins with =)",
            )
        )
    return _text(cell)


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _raise(problems: list[Problem], what: str) -> None:
    if any(p.severity == "error" for p in problems):
        n = sum(1 for p in problems if p.severity == "error")
        raise InputError(problems, f"cannot read the {what}: {n} problem(s)")
