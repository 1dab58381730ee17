"""Workbooks in and out: 실적 입력표, 평가표, 가감점, and the scored results.

Writes (every file all-or-nothing, byte-identical for the same input):

- ``results.xlsx`` (sheet ``실적``): one row per indicator with a ``키`` column (the indicator id,
  ``Ⅰ-1-①-2``) so rows can be re-sorted or filtered freely; the department fills 실적, 실적 단위
  (pre-filled with the target's unit; change it to report in e.g. 백만불) and 근거·비고.
- ``panel/<분과>.xlsx``: one workbook per subcommittee (분과위원회) with one sheet per evaluator
  (평가위원; the sheet name is the evaluator's name) listing the subcommittee's tasks × the
  evaluator-scored criteria, each cell limited to 0..배점 by Excel data validation, plus the
  comment columns 우수사항 and 개선·보완사항. The ``안내`` sheet lists the evaluators, so a missing
  sheet is caught.
- ``adjustments.xlsx`` (가감점): task code, points, reason.
- the scoreboard as xlsx (sheets ``tasks``, ``indicators``, ``summary``) or CSV.

Reads the filled workbooks or CSV (UTF-8 with or without BOM, CP949), matching columns by their
header (Korean or English), and refuses bad input with every problem at once, each naming the
file, sheet, row and column and the fix. Text that a spreadsheet would run as a formula is
always written as text.

openpyxl is imported inside the functions: importing evalkit never loads it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._achievement import _DONE
from ._csvio import FORMULA_PREFIXES, csv_bytes, read_csv
from ._errors import InputError, Problem, UnitError
from ._files import write_files
from ._inputs import Actual, ActualValue, Adjustment, Adjustments, EvaluatorSheet, Panel, Results
from ._numbers import fmt_plain, round_half_up
from ._rubric import Criterion, Indicator, Rubric, Task
from ._units import conversion_factor, parse_unit

if TYPE_CHECKING:
    from ._scoring import Scoreboard

__all__ = [
    "read_adjustments",
    "read_panel",
    "read_results",
    "write_adjustments",
    "write_panel_workbook",
    "write_results_template",
    "write_scoreboard",
    "write_templates",
]

RESULTS_SHEET = "실적"
COVER_SHEET = "안내"
ADJUSTMENTS_SHEET = "가감점"
EVALUATOR_LIST_LABEL = "평가위원 명단"
HEADER_ROW = 3  # title, instructions, then the header; data from row 4
FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook timestamps: same input, same bytes
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = set("[]:*?/\\")

# Milestone results that mean "not achieved" (achieved: the target text or the engine's words).
NOT_DONE = frozenset(
    {
        "미달성",
        "미완료",
        "미수립",
        "미제정",
        "미선정",
        "미이행",
        "미신청",
        "x",
        "×",
        "n",
        "no",
        "아니오",
        "false",
        "not achieved",
    }
)

KIND_LABEL = {"quantitative": "정량", "qualitative": "정성", "milestone": "마일스톤"}
DIRECTION_LABEL = {"up": "상향", "down": "하향"}

INPUT_FILL = "FFF2CC"
HEADER_FILL = "D9D9D9"
INFO_FONT = "595959"


# --------------------------------------------------------------------------------------------
# Reading: cells and sheets from xlsx or CSV


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


def col_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 → A, 26 → AA)."""
    n, out = index + 1, ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _load(path: Path, problems: list[Problem]) -> list[_Sheet] | None:
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffix == ".txt":
        text = read_csv(path, problems)
        if text is None:
            return None
        rows = [
            [_Cell(v if v.strip() else None, r, col_letter(c), csv=True) for c, v in enumerate(rec)]
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
    import openpyxl

    if not path.exists():
        problems.append(Problem("file not found", file=str(path), fix="check the path"))
        return None
    try:
        wb = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(
            Problem(
                f"not a readable .xlsx workbook ({type(exc).__name__})",
                file=str(path),
                fix="open it in Excel and save it as Excel 통합 문서 (.xlsx)",
            )
        )
        return None
    cached: Any = None  # the same workbook with formulas' saved values, loaded on demand
    sheets: list[_Sheet] = []
    for ws in wb.worksheets:
        rows: list[list[_Cell]] = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            cells: list[_Cell] = []
            for c, cell in enumerate(row):
                value, dtype = cell.value, cell.data_type
                if dtype == "f":
                    if cached is None:
                        cached = openpyxl.load_workbook(path, data_only=True)
                    saved = cached[ws.title].cell(row=r, column=c + 1)
                    value, dtype = saved.value, saved.data_type
                    if value is None:
                        cells.append(_Cell(None, r, col_letter(c), unsaved_formula=True))
                        continue
                fmt = cell.number_format or ""
                percent = isinstance(value, (int, float)) and "%" in fmt
                cells.append(
                    _Cell(value, r, col_letter(c), percent=percent, excel_error=dtype == "e")
                )
            rows.append(cells)
        sheets.append(_Sheet(str(path), ws.title, rows))
    return sheets


def _norm(text: object) -> str:
    """Header text reduced for matching: NFKC, no '(…)', no spaces or separators, lower case."""
    t = unicodedata.normalize("NFKC", str(text))
    t = re.sub(r"\(.*?\)", "", t)
    t = re.sub(r"[\s·ㆍ\u318d\u119e・.,_\-/]", "", t)
    return t.lower()


_POINTS_IN_HEADER = re.compile(r"\(\s*(\d+(?:\.\d+)?)\s*점\s*\)")


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
            return row[j] if j < len(row) else _Cell(None, r + 1, col_letter(j))

        yield r + 1, get


def _at(sheet: _Sheet, header: _Header, row: int, name: str) -> dict[str, Any]:
    """Where a cell of column ``name`` is: file, sheet, row, column letter and header text."""
    j = header.cols.get(name)
    return sheet.where(row, None if j is None else col_letter(j), header.labels.get(name))


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
    if cell.csv and t.startswith("'") and t[1:2] and t[1] in FORMULA_PREFIXES:
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
PLAIN_NUMBER_FIX = "write a plain number such as 1350 or 94.3"


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
        return _Num(error=f"{'TRUE' if v else 'FALSE'} is not a number", fix=PLAIN_NUMBER_FIX)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return _Num(
            error=f"the cell holds a date ({v.isoformat()}), not a number",
            fix="format the cell as 일반 (General) and type the number",
        )
    if isinstance(v, (int, float, Decimal)):
        if isinstance(v, float) and not math.isfinite(v):
            return _Num(error=f"{v} is not a finite number", fix=PLAIN_NUMBER_FIX)
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
        return _Num(error=f"text {_text(cell)!r} in a numeric cell", fix=PLAIN_NUMBER_FIX)
    try:
        d = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return _Num(error=f"text {_text(cell)!r} in a numeric cell", fix=PLAIN_NUMBER_FIX)
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


# --------------------------------------------------------------------------------------------
# read_results

_RESULT_FIELDS: dict[str, tuple[str, ...]] = {
    "key": ("키", "key", "지표키", "indicator", "indicator_id", "id"),
    "task": ("과제코드", "과제", "task", "task_code", "code"),
    "no": ("번호", "지표번호", "no", "indicator_no"),
    "actual": ("실적", "실적치", "actual", "value"),
    "unit": ("실적 단위", "actual_unit"),
    "unit_info": ("단위", "unit"),
    "evidence": ("근거·비고", "근거", "비고", "evidence", "notes", "note"),
    "target": ("목표치", "목표", "target"),
}


def read_results(path: str | Path, rubric: Rubric) -> Results:
    """Read indicator results (실적) from ``results.xlsx`` or a CSV.

    Columns are found by their header (``키``/``key``, ``실적``/``actual``, optionally
    ``실적 단위``, ``근거·비고``; ``과제코드`` + ``번호`` may stand in for ``키``). Every sheet with
    such a header is read, so a workbook may hold one sheet per department. An actual may carry
    a unit (``7.8억불`` in the cell, or the 실적 단위 column); it must convert to the
    indicator's unit. A milestone takes its target text or 달성 (achieved) / 미달성 (not).

    Raises:
        InputError: every unknown or duplicated indicator, blank or non-numeric actual,
            unconvertible unit and stale target, each with file, sheet, row and column.
    """
    path = Path(path)
    problems: list[Problem] = []
    sheets = _load(path, problems)
    actuals: dict[str, Actual] = {}
    if sheets is not None:
        indicators = {ind.id: ind for _, ind in rubric.iter_indicators()}
        seen: dict[str, tuple[str | None, int]] = {}
        found = False
        for sheet in sheets:
            header = _find_header(
                sheet,
                _RESULT_FIELDS,
                lambda f: "actual" in f and ("key" in f or {"task", "no"} <= f),
            )
            if header is None:
                continue
            found = True
            for row, get in _data_rows(sheet, header):
                _result_row(sheet, header, row, get, indicators, seen, actuals, problems)
        if not found:
            problems.append(
                Problem(
                    "no sheet has a header row with 키 (or 과제코드 and 번호) and 실적",
                    file=str(path),
                    fix="use the results.xlsx written by `evalkit template`, or a CSV whose first "
                    "row names the columns 키,실적,실적 단위,근거·비고",
                )
            )
    _raise(problems, f"results {path}")
    return Results(actuals, str(path))


def _result_row(
    sheet: _Sheet,
    header: _Header,
    row: int,
    get: Callable[[str], _Cell],
    indicators: Mapping[str, Indicator],
    seen: dict[str, tuple[str | None, int]],
    actuals: dict[str, Actual],
    problems: list[Problem],
) -> None:
    key_c, task_c, no_c, act_c = get("key"), get("task"), get("no"), get("actual")
    ev_c = get("evidence")
    if all(_blank(c) for c in (key_c, task_c, no_c, act_c, ev_c)):
        return
    col = {name: col_letter(j) for name, j in header.cols.items()}

    def bad(message: str, field: str, fix: str) -> None:
        problems.append(Problem(message, **_at(sheet, header, row, field), fix=fix))

    key = _text(key_c)
    if not key and not _blank(task_c) and not _blank(no_c):
        key = f"{_text(task_c)}-{_text(no_c)}"
    if not key:
        bad(
            "the row has content but no indicator key",
            "key" if "key" in col else "task",
            "restore the 키 (indicator id, e.g. Ⅰ-1-①-2) from the template",
        )
        return
    ind = indicators.get(key)
    if ind is None:
        bad(
            f"unknown indicator {key!r}{_suggest(key, indicators)}",
            "key" if "key" in col else "task",
            "use the indicator keys of the rubric (write a new template with evalkit template)",
        )
        return
    if key in seen:
        first_sheet, first_row = seen[key]
        at = f"sheet {first_sheet!r}, row {first_row}" if first_sheet else f"row {first_row}"
        bad(
            f"indicator {key} appears twice (first at {at})",
            "key" if "key" in col else "task",
            "keep one row per indicator",
        )
        return
    seen[key] = (sheet.name, row)
    where = f"indicator {key} ({ind.name})"
    if "key" in col:
        if not _blank(task_c) and _text(task_c) != ind.task_code:
            bad(
                f"{where}: 과제코드 {_text(task_c)!r} does not match the key",
                "task",
                "keep the row as the template wrote it (re-sorting whole rows is fine)",
            )
        if not _blank(no_c) and _text(no_c) != str(ind.no):
            bad(
                f"{where}: 번호 {_text(no_c)!r} does not match the key",
                "no",
                "keep the row as the template wrote it (re-sorting whole rows is fine)",
            )
    tgt_c = get("target")
    if "target" in col and not _same_target(tgt_c, ind.target):
        bad(
            f"{where}: 목표치 {_text(tgt_c)!r} differs from the rubric's target "
            f"{fmt_plain(ind.target)!r}",
            "target",
            "this workbook was made from another rubric: write a new template with "
            "`evalkit template` and copy the 실적 over",
        )
    evidence = _free_text(ev_c, sheet, f"{where}, 근거·비고", problems)
    if _blank(act_c) and not (act_c.unsaved_formula or act_c.excel_error):
        bad(
            f"{where} has no 실적",
            "actual",
            f"enter the result{f' in {ind.unit}' if ind.unit else ''}",
        )
        return
    value: ActualValue
    unit: str | None = None
    if ind.kind == "milestone":
        if act_c.unsaved_formula or act_c.excel_error:
            num = _number(act_c, allow_unit=False)
            bad(f"{where}: {num.error}", "actual", num.fix or "")
            return
        if isinstance(act_c.value, bool):
            value = act_c.value
        else:
            text = _text(act_c)
            target = "" if ind.target is None else str(ind.target).strip()
            if target and re.sub(r"\s", "", text) == re.sub(r"\s", "", target):
                text = target  # '기본계획수립' is the target '기본계획 수립': store it as printed
            if text != target and text.lower() not in _DONE | NOT_DONE:
                ok = ", ".join(x for x in (target, "달성", "미달성") if x)
                bad(
                    f"{where}: milestone result {text!r} is not one evalkit can read",
                    "actual",
                    f"write one of {ok}",
                )
                return
            value = text
    else:
        num = _number(act_c, allow_unit=True)
        if num.error is not None or num.value is None:
            bad(f"{where}: {num.error}", "actual", num.fix or PLAIN_NUMBER_FIX)
            return
        # 실적 단위; a plain CSV may call it just 단위/unit
        unit_field = "unit" if "unit" in col else "unit_info"
        column_unit = _text(get(unit_field)) or None
        unit = num.unit
        if unit is None:
            unit = column_unit
        elif column_unit and column_unit not in (unit, ind.unit):
            bad(
                f"{where}: the unit is given twice, {unit!r} in 실적 and {column_unit!r} in "
                "실적 단위",
                unit_field,
                "give the unit in one place",
            )
            return
        problem = _unit_problem(ind, unit)
        if problem is not None:
            bad(f"{where}: {problem[0]}", "actual" if num.unit else unit_field, problem[1])
            return
        value = num.value
        if unit is not None and (ind.unit is None or unit.strip() == ind.unit.strip()):
            unit = None  # reported in the indicator's own unit: nothing to convert
    actuals[key] = Actual(value, unit, evidence)


def _same_target(cell: _Cell, target: Decimal | str | None) -> bool:
    if _blank(cell):
        return target is None or (isinstance(target, str) and not target.strip())
    if isinstance(target, Decimal):
        num = _number(cell, allow_unit=True)
        return num.value is not None and num.value == target
    return _text(cell) == ("" if target is None else str(target).strip())


def _unit_problem(ind: Indicator, unit: str | None) -> tuple[str, str] | None:
    """Why ``unit`` cannot stand for the indicator's unit, with the fix; None when it can."""
    if unit is None or (ind.unit is not None and unit.strip() == ind.unit.strip()):
        return None
    if ind.unit is None:
        try:
            parsed = parse_unit(unit)
        except UnitError as exc:
            return str(exc), "write the plain number, as the plan counts it"
        if parsed.factor != 1:
            return (
                f"the rubric gives this indicator no unit, so {unit!r} cannot be converted",
                "write the plain number, as the plan counts it",
            )
        return None
    try:
        conversion_factor(unit, ind.unit)
    except UnitError as exc:
        return str(exc), f"report the actual in {ind.unit} or a unit that converts to it"
    return None


# --------------------------------------------------------------------------------------------
# read_panel

_PANEL_FIELDS: dict[str, tuple[str, ...]] = {
    "task": ("과제코드", "과제", "task", "task_code", "code"),
    "evaluator": ("평가위원", "위원", "evaluator"),
    "strengths": ("우수사항", "strengths"),
    "improvements": ("개선·보완사항", "개선사항", "보완사항", "improvements"),
}


def _panel_fields(criteria: Sequence[Criterion]) -> dict[str, tuple[str, ...]]:
    fields = dict(_PANEL_FIELDS)
    for c in criteria:
        fields[f"crit:{c.id}"] = (c.id, c.name)
    return fields


@dataclass
class _PanelEntry:
    sheet: EvaluatorSheet
    file: str
    sheet_name: str | None
    row: int


def read_panel(paths: Sequence[str | Path], rubric: Rubric) -> Panel:
    """Read evaluators' score sheets (평가표): panel workbooks and/or CSV files.

    In a workbook every sheet with a ``과제코드`` header and one column per evaluator-scored
    criterion is one evaluator's sheet, named after the evaluator; the ``안내`` sheet's
    evaluator list catches a missing sheet. A CSV has an ``평가위원`` column instead. A folder
    in ``paths`` stands for its .xlsx and .csv files in name order. Comments go to
    :attr:`EvaluatorSheet.strengths` (우수사항) and ``.improvements`` (개선·보완사항).

    Evaluators are kept in the order read (file, sheet, row): that order breaks ties when the
    highest and lowest totals are dropped.

    Raises:
        InputError: every unknown task code, duplicated row, blank or non-numeric score, score
            below 0 or above the criterion's points, missing evaluator sheet or task row.
    """
    files = _expand(paths)
    problems: list[Problem] = []
    criteria = rubric.criteria.panel
    if not criteria:  # every criterion is computed: there is nothing for a panel to score
        return Panel({}, ", ".join(str(p) for p in files) or None)
    known = {t.code for t in rubric.tasks}
    entries: dict[str, list[_PanelEntry]] = {}
    for path in files:
        sheets = _load(path, problems)
        if sheets is None:
            continue
        _panel_file(path, sheets, criteria, known, entries, problems)
    if not files:
        problems.append(
            Problem(
                "no panel workbook or CSV given", fix="pass the panel workbooks (or their folder)"
            )
        )
    _raise(problems, "panel score sheets")
    return Panel(
        {code: tuple(e.sheet for e in items) for code, items in entries.items()},
        ", ".join(str(p) for p in files) or None,
    )


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    x
                    for x in p.iterdir()
                    if x.suffix.lower() in (".xlsx", ".csv") and not x.name.startswith(("~$", "."))
                )
            )
        else:
            out.append(p)
    return out


def _panel_file(
    path: Path,
    sheets: list[_Sheet],
    criteria: Sequence[Criterion],
    known: set[str],
    entries: dict[str, list[_PanelEntry]],
    problems: list[Problem],
) -> None:
    fields = _panel_fields(criteria)
    is_csv = len(sheets) == 1 and sheets[0].name is None
    listed: list[str] | None = None
    covered: dict[str, set[str]] = {}  # evaluator → tasks, to find deleted rows
    where_of: dict[str, str | None] = {}
    found = False
    cover = next((s for s in sheets if s.name == COVER_SHEET), None)
    if cover is not None:
        listed = _evaluator_list(cover)
    for sheet in sheets:
        if sheet is cover:
            continue
        header = _find_header(sheet, fields, lambda f: "task" in f)
        if header is None:
            if listed is not None and sheet.name in listed:
                problems.append(
                    Problem(
                        f"the evaluator sheet {sheet.name!r} has no header row with 과제코드",
                        **sheet.where(),
                        fix="restore the header row (row 3) from the template",
                    )
                )
            continue
        found = True
        missing = [c for c in criteria if f"crit:{c.id}" not in header.cols]
        if is_csv and "evaluator" not in header.cols:
            problems.append(
                Problem(
                    "no 평가위원 (evaluator) column",
                    **sheet.where(header.row),
                    fix="add a 평가위원 column naming who gave each row's scores",
                )
            )
            continue
        for c in missing:
            problems.append(
                Problem(
                    f"no column for the criterion {c.name} ({c.id})",
                    **sheet.where(header.row),
                    fix=f"restore the column '{c.name} ({fmt_plain(c.points)}점)' "
                    "from the template",
                )
            )
        stale = False
        for c in criteria:
            j = header.cols.get(f"crit:{c.id}")
            m = _POINTS_IN_HEADER.search(header.labels.get(f"crit:{c.id}", ""))
            if j is not None and m and Decimal(m.group(1)) != c.points:
                stale = True
                problems.append(
                    Problem(
                        f"the column {c.name} says {m.group(1)} points but the rubric gives "
                        f"{fmt_plain(c.points)}",
                        **sheet.where(header.row, col_letter(j)),
                        fix="this workbook was made from another rubric: write a new template with "
                        "`evalkit template` and copy the scores over",
                    )
                )
        if missing or stale:
            continue
        for row, get in _data_rows(sheet, header):
            _panel_row(
                sheet, header, row, get, criteria, known, entries, covered, where_of, problems
            )
    if not found:
        problems.append(
            Problem(
                "no sheet has a header row with 과제코드 and the criteria columns",
                file=str(path),
                fix="use the panel workbook written by `evalkit template`, or a CSV with the "
                "columns 평가위원,과제코드,"
                + ",".join(c.name for c in criteria)
                + ",우수사항,개선·보완사항",
            )
        )
        return
    if listed is not None:
        present = {s.name for s in sheets if s.name != COVER_SHEET}
        absent = [n for n in listed if n not in present]
        extra = [n for n in present if n not in listed and n in covered]
        if len(absent) > len(extra):  # renamed sheets are fine, fewer sheets are not
            for name in absent:
                problems.append(
                    Problem(
                        f"the evaluator sheet {name!r} is missing (the {COVER_SHEET} sheet lists "
                        f"{len(listed)} evaluators)",
                        file=str(path),
                        sheet=name,
                        fix=f"restore the sheet {name!r} from the template, or delete the "
                        f"name from the list on the {COVER_SHEET} sheet if the evaluator did "
                        "not take part",
                    )
                )
    every = set().union(*covered.values()) if covered else set()
    for evaluator, tasks in covered.items():
        for code in sorted(every - tasks):
            problems.append(
                Problem(
                    f"evaluator {evaluator} has no row for task {code}, which the other evaluators "
                    "in this file scored",
                    file=str(path),
                    sheet=where_of[evaluator],
                    field=code,
                    fix="restore the task's row (copy it from the template) and score it",
                )
            )


def _evaluator_list(sheet: _Sheet) -> list[str] | None:
    target = _norm(EVALUATOR_LIST_LABEL)
    for r, row in enumerate(sheet.rows):
        for j, cell in enumerate(row):
            if isinstance(cell.value, str) and _norm(cell.value) == target:
                names: list[str] = []
                for below in sheet.rows[r + 1 :]:
                    if j >= len(below) or _blank(below[j]):
                        break
                    names.append(_text(below[j]))
                return names
    return None


def _panel_row(
    sheet: _Sheet,
    header: _Header,
    row: int,
    get: Callable[[str], _Cell],
    criteria: Sequence[Criterion],
    known: set[str],
    entries: dict[str, list[_PanelEntry]],
    covered: dict[str, set[str]],
    where_of: dict[str, str | None],
    problems: list[Problem],
) -> None:
    task_c = get("task")
    crit_cells = [(c, get(f"crit:{c.id}")) for c in criteria]
    comments = (get("strengths"), get("improvements"))
    if _blank(task_c) and all(_blank(x) for _, x in crit_cells) and all(map(_blank, comments)):
        return  # nothing but the 합계 formula or an evaluator name
    if "evaluator" in header.cols:
        evaluator = _text(get("evaluator"))
        if not evaluator:
            problems.append(
                Problem(
                    "the row has no evaluator",
                    **_at(sheet, header, row, "evaluator"),
                    fix="write the evaluator's name in 평가위원",
                )
            )
            return
    else:
        evaluator = sheet.name or ""
    code = _text(task_c)
    if not code:
        problems.append(
            Problem(
                "scores without a 과제코드",
                **_at(sheet, header, row, "task"),
                fix="restore the task code from the template",
            )
        )
        return
    if code not in known:
        problems.append(
            Problem(
                f"unknown task code {code!r}{_suggest(code, known)}",
                **_at(sheet, header, row, "task"),
                fix="use the task codes of the rubric",
            )
        )
        return
    covered.setdefault(evaluator, set()).add(code)
    where_of.setdefault(evaluator, sheet.name)
    for e in entries.get(code, ()):
        if e.sheet.evaluator == evaluator:
            at = ", ".join(
                x
                for x in (
                    Path(e.file).name if e.file != sheet.file else "",
                    f"sheet {e.sheet_name!r}" if e.sheet_name else "",
                    f"row {e.row}",
                )
                if x
            )
            problems.append(
                Problem(
                    f"evaluator {evaluator} scored task {code} twice (first at {at})",
                    **_at(sheet, header, row, "task"),
                    fix="keep one row per task and evaluator",
                )
            )
            return
    scores: dict[str, Fraction] = {}
    ok = True
    if all(_blank(x) for _, x in crit_cells):
        first = crit_cells[0][0]
        problems.append(
            Problem(
                f"evaluator {evaluator} gave no scores for task {code}",
                **_at(sheet, header, row, f"crit:{first.id}"),
                fix="score every criterion ("
                + ", ".join(f"{c.name} 0–{fmt_plain(c.points)}" for c, _ in crit_cells)
                + ")",
            )
        )
        return
    for c, cell in crit_cells:
        here = _at(sheet, header, row, f"crit:{c.id}")
        num = _number(cell, allow_unit=False, suffixes=("점",))
        if num.error is not None:
            fix = f"score {c.name} from 0 to {fmt_plain(c.points)}"
            problems.append(
                Problem(
                    f"task {code}, {c.name}: {num.error}",
                    **here,
                    fix=fix if num.fix == PLAIN_NUMBER_FIX else num.fix,
                )
            )
            ok = False
        elif num.value is None:
            problems.append(
                Problem(
                    f"task {code}: no score for {c.name}",
                    **here,
                    fix=f"score {c.name} from 0 to {fmt_plain(c.points)}",
                )
            )
            ok = False
        elif num.value > c.points:
            problems.append(
                Problem(
                    f"task {code}: {c.name} score {fmt_plain(num.value)} is above its "
                    f"{fmt_plain(c.points)} points",
                    **here,
                    fix=f"score {c.name} from 0 to {fmt_plain(c.points)}",
                )
            )
            ok = False
        elif num.value < 0:
            problems.append(
                Problem(
                    f"task {code}: {c.name} score {fmt_plain(num.value)} is below 0",
                    **here,
                    fix=f"score {c.name} from 0 to {fmt_plain(c.points)}",
                )
            )
            ok = False
        else:
            scores[c.id] = Fraction(num.value)
    strengths = _free_text(comments[0], sheet, f"task {code}, 우수사항", problems)
    improvements = _free_text(comments[1], sheet, f"task {code}, 개선·보완사항", problems)
    if ok:
        es = EvaluatorSheet(evaluator, scores, strengths, improvements)
        entries.setdefault(code, []).append(_PanelEntry(es, sheet.file, sheet.name, row))


# --------------------------------------------------------------------------------------------
# read_adjustments

_ADJ_FIELDS: dict[str, tuple[str, ...]] = {
    "task": ("과제코드", "과제", "task", "task_code", "code"),
    "points": ("가감점", "점수", "points", "adjustment"),
    "reason": ("사유", "근거", "reason"),
}


def read_adjustments(path: str | Path, rubric: Rubric) -> Adjustments:
    """Read the committee's adjustments (가감점): 과제코드, 가감점, 사유 per row (CSV or xlsx).

    A task may have several rows; their sum must stay within the rubric's limits.

    Raises:
        InputError: unknown task codes, non-numeric points, blank reasons, repeated rows and
            totals outside the limits, each with file, sheet, row and column.
    """
    path = Path(path)
    problems: list[Problem] = []
    sheets = _load(path, problems)
    items: list[Adjustment] = []
    if sheets is not None:
        known = {t.code for t in rubric.tasks}
        lo, hi = rubric.adjustments.min, rubric.adjustments.max
        seen: dict[tuple[str, Decimal, str], int] = {}
        rows_of: dict[str, list[tuple[_Sheet, int, str, Decimal]]] = {}
        found = False
        for sheet in sheets:
            header = _find_header(sheet, _ADJ_FIELDS, lambda f: {"task", "points"} <= f)
            if header is None:
                continue
            found = True
            col = {name: col_letter(j) for name, j in header.cols.items()}
            for row, get in _data_rows(sheet, header):
                task_c, pts_c, why_c = get("task"), get("points"), get("reason")
                if all(_blank(c) for c in (task_c, pts_c, why_c)):
                    continue
                code = _text(task_c)
                n_before = len(problems)
                reason = _free_text(
                    why_c, sheet, f"가감점 for {code or 'this row'}, 사유", problems
                )
                reason_bad = len(problems) != n_before
                ok = not reason_bad
                if not code:
                    problems.append(
                        Problem(
                            "가감점 without a 과제코드",
                            **_at(sheet, header, row, "task"),
                            fix="write the task code (e.g. Ⅰ-1-①)",
                        )
                    )
                    ok = False
                elif code not in known:
                    problems.append(
                        Problem(
                            f"unknown task code {code!r}{_suggest(code, known)}",
                            **_at(sheet, header, row, "task"),
                            fix="use the task codes of the rubric",
                        )
                    )
                    ok = False
                num = _number(pts_c, allow_unit=False, suffixes=("점",))
                if num.error is not None or num.value is None:
                    problems.append(
                        Problem(
                            f"가감점 for {code or 'this row'}: {num.error or 'no points given'}",
                            **_at(sheet, header, row, "points"),
                            fix=num.fix
                            or f"write the points, from {fmt_plain(lo)} to {fmt_plain(hi)}",
                        )
                    )
                    ok = False
                if not reason and not reason_bad:
                    problems.append(
                        Problem(
                            f"가감점 for {code or 'this row'} has no reason",
                            **_at(sheet, header, row, "reason"),
                            fix="every 가감점 needs its reason (사유)",
                        )
                    )
                    ok = False
                if not ok or num.value is None:
                    continue
                sig = (code, num.value, reason)
                if sig in seen:
                    problems.append(
                        Problem(
                            f"the 가감점 row for {code} repeats row {seen[sig]}",
                            **_at(sheet, header, row, "task"),
                            fix="delete the repeated row (give each adjustment once)",
                        )
                    )
                    continue
                seen[sig] = row
                rows_of.setdefault(code, []).append((sheet, row, col["points"], num.value))
                items.append(Adjustment(code, num.value, reason))
        if not found:
            problems.append(
                Problem(
                    "no sheet has a header row with 과제코드 and 가감점",
                    file=str(path),
                    fix="name the columns 과제코드,가감점,사유 in the first row",
                )
            )
        for code, rows in rows_of.items():
            total = sum((v for *_, v in rows), Decimal(0))
            if not lo <= total <= hi:
                sheet, row, c, _ = rows[-1]
                listed = ", ".join(str(r) for _, r, _, _ in rows)
                problems.append(
                    Problem(
                        f"가감점 for {code} total {fmt_plain(total)} (row(s) {listed}), "
                        f"outside the rubric's limits {fmt_plain(lo)}..{fmt_plain(hi)}",
                        **sheet.where(row, c, code),
                        fix="keep each task's 가감점 within the limits",
                    )
                )
    _raise(problems, f"adjustments {path}")
    return Adjustments(tuple(items), str(path))


# --------------------------------------------------------------------------------------------
# Writing


class _Book:
    """An openpyxl workbook with the house style: safe text, widths that fit, A4 landscape."""

    def __init__(self) -> None:
        import openpyxl
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)
        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.info_font = Font(color=INFO_FONT)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top = Alignment(vertical="top")

    def sheet(self, title: str) -> Any:
        return self.wb.create_sheet(title)

    def put(self, ws: Any, row: int, col: int, value: object) -> Any:
        """Write one value; text is always stored as text, never as a formula."""
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters xlsx cannot hold
            cell.value = text
            cell.data_type = "s"  # not "f" (=…) nor "e" (#N/A…)
            if text.startswith(FORMULA_PREFIXES):
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        elif isinstance(value, Fraction):
            cell.value = float(round_half_up(value, 6))
        else:
            cell.value = value
        return cell

    def formula(self, ws: Any, row: int, col: int, text: str) -> Any:
        cell = ws.cell(row=row, column=col)
        cell.value = text  # our own formula (합계), never user text
        return cell

    def header(self, ws: Any, row: int, labels: Sequence[str]) -> None:
        for j, label in enumerate(labels, start=1):
            c = self.put(ws, row, j, label)
            c.font, c.fill, c.alignment, c.border = (
                self.bold,
                self.header_fill,
                self.center,
                self.border,
            )

    def title(self, ws: Any, text: str, note: str, width: int) -> None:
        c = self.put(ws, 1, 1, text)
        c.font = self.title_font
        n = self.put(ws, 2, 1, note)
        n.font, n.alignment = self.info_font, self.wrap
        if width > 1:
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
            ws.row_dimensions[2].height = 15 * max(1, math.ceil(_display_width(note) / 150))

    def fit_columns(
        self,
        ws: Any,
        first_row: int,
        caps: Mapping[int, int],
        *,
        minimum: int = 6,
        default_cap: int = 40,
    ) -> None:
        """Column widths that fit the text (Hangul counts double), within per-column caps."""
        from openpyxl.utils import get_column_letter

        widths: dict[int, int] = {}
        for row in ws.iter_rows(min_row=first_row):
            for cell in row:
                if cell.value is None or type(cell).__name__ == "MergedCell":
                    continue
                text = cell.value if isinstance(cell.value, str) else _plain_text(cell.value)
                widths[cell.column] = max(widths.get(cell.column, 0), _display_width(text))
        for col, w in widths.items():
            cap = caps.get(col, default_cap)
            ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(w + 2, cap))

    @staticmethod
    def printable(ws: Any, title_rows: str, last_col: int, last_row: int) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.print_title_rows = title_rows
        ws.print_area = f"A1:{get_column_letter(last_col)}{max(last_row, 1)}"
        ws.oddFooter.center.text = "&P / &N"

    def to_bytes(self) -> bytes:
        props = self.wb.properties
        props.creator = "evalkit"
        props.created = FIXED_TIME
        buf = io.BytesIO()
        self.wb.save(buf)
        return _deterministic_zip(buf.getvalue())


def read_inputs(
    rubric: Rubric,
    results: str | Path,
    panel: Sequence[str | Path],
    adjustments: str | Path | None = None,
) -> tuple[Results, Panel, Adjustments | None]:
    """Read a round's results, panel sheets (files or folders) and adjustments together.

    Raises:
        InputError: every problem of all three inputs at once, so one pass fixes them all.
    """
    problems: list[Problem] = []
    res = pan = adj = None
    try:
        res = read_results(results, rubric)
    except InputError as exc:
        problems.extend(exc.problems)
    try:
        pan = read_panel(panel, rubric)
    except InputError as exc:
        problems.extend(exc.problems)
    if adjustments is not None:
        try:
            adj = read_adjustments(adjustments, rubric)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems or res is None or pan is None:
        raise InputError(problems)
    return res, pan, adj


def _deterministic_zip(data: bytes) -> bytes:
    """The same xlsx with fixed zip timestamps and a fixed modified time in docProps/core.xml.

    openpyxl stamps the save time in both places; fixing them makes equal input give equal
    bytes, so generated example files do not change when regenerated.
    """
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, content)
    return out.getvalue()


def _display_width(text: str) -> int:
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
            for line in str(text).splitlines()
        ),
        default=0,
    )


def _plain_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if not value.is_integer() else str(int(value))
    return str(value)


def _number_value(value: Decimal | None) -> Decimal | int | None:
    """A Decimal as the workbook shows it (integers as int, no trailing zeros)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _results_bytes(rubric: Rubric, tasks: Sequence[Task], results: Results | None) -> bytes:
    from openpyxl.worksheet.datavalidation import DataValidation

    book = _Book()
    ws = book.sheet(RESULTS_SHEET)
    labels = [
        "키",
        "과제코드",
        "관리과제명",
        "번호",
        "성과지표",
        "단위",
        "적용 가중치",
        "목표치",
        "방향",
        "유형",
        "실적",
        "실적 단위",
        "근거·비고",
    ]
    book.title(
        ws,
        f"{rubric.meta.title} — 성과지표 실적 입력표",
        "노란 칸(실적, 실적 단위, 근거·비고)만 입력합니다. 행 순서를 바꾸거나 "
        "필터를 써도 '키'로 읽습니다. 다른 단위로 보고하려면 실적 단위를 바꿉니다"
        "(예: 억불 → 백만불). 마일스톤은 목표치 그대로 또는 달성/미달성으로 적습니다.",
        len(labels),
    )
    book.header(ws, HEADER_ROW, labels)
    actuals = results.actuals if results is not None else {}
    r = HEADER_ROW
    for task in tasks:
        for ind in task.indicators:
            r += 1
            w = ind.effective_weight
            act = actuals.get(ind.id)
            value: object = None
            unit = ind.unit
            evidence = ""
            if act is not None:
                value = act.value
                if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
                    value = _number_value(Decimal(value))
                elif isinstance(value, Fraction):
                    value = float(value)
                unit = act.unit or ind.unit
                evidence = act.evidence
            target = ind.target
            row = [
                ind.id,
                task.code,
                task.name,
                ind.no,
                ind.name,
                ind.unit or "",
                None if w is None else _number_value(round_half_up(w, 4)),
                _number_value(target) if isinstance(target, Decimal) else (target or ""),
                DIRECTION_LABEL.get(ind.direction, ind.direction),
                KIND_LABEL.get(ind.kind, ind.kind),
                value,
                unit or "",
                evidence,
            ]
            for j, v in enumerate(row, start=1):
                c = book.put(ws, r, j, v)
                c.border = book.border
                c.alignment = book.wrap if j in (3, 5, 13) else book.top
                if j in (11, 12, 13):
                    c.fill = book.input_fill
                elif j == 1:
                    c.font = book.info_font
            if ind.kind == "milestone":
                options = [
                    x
                    for x in (str(target).strip() if target else "", "달성", "미달성")
                    if x and "," not in x and '"' not in x
                ]
                dv = DataValidation(
                    type="list",
                    formula1='"' + ",".join(options) + '"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="마일스톤 실적",
                    error="목록에서 고르세요.",
                )
                ws.add_data_validation(dv)
                dv.add(f"K{r}")
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:M{max(r, HEADER_ROW + 1)}"
    book.fit_columns(ws, HEADER_ROW, {3: 36, 5: 40, 13: 50}, default_cap=16)
    book.printable(ws, f"{HEADER_ROW}:{HEADER_ROW}", len(labels), r)
    _guide(
        book,
        rubric,
        [
            "성과지표 실적 입력표 작성 방법",
            "1. '실적' 시트의 노란 칸만 입력합니다: 실적, 실적 단위, 근거·비고.",
            "2. '키' 열(성과지표 식별자)은 지우거나 고치지 않습니다. 행 정렬·필터는 자유롭습니다.",
            "3. 실적은 숫자로 적습니다(1,350 / 94.3). 다른 단위로 보고하면 "
            "실적 단위 칸에 그 단위를 적거나 실적 칸에 함께 적습니다(예: 78억불). "
            "환산할 수 없는 단위는 거부됩니다.",
            "4. 마일스톤(예: 기본계획 수립)은 목표치 그대로 또는 '달성'/'미달성'으로 적습니다.",
            "5. 근거·비고에는 실적의 근거(보도자료, 통계, 공문 등)를 적습니다.",
            "6. CSV로 제출할 때는 'CSV UTF-8' 또는 한글 Excel의 CSV(CP949)로 저장합니다.",
        ],
    )
    return book.to_bytes()


def _guide(book: _Book, rubric: Rubric, lines: Sequence[str]) -> None:
    ws = book.sheet(COVER_SHEET)
    c = book.put(ws, 1, 1, rubric.meta.title)
    c.font = book.title_font
    for i, line in enumerate(lines, start=3):
        cell = book.put(ws, i, 1, line)
        if i == 3:
            cell.font = book.bold
    ws.column_dimensions["A"].width = 110
    book.printable(ws, "1:1", 1, len(lines) + 2)


def write_results_template(
    rubric: Rubric,
    path: str | Path,
    *,
    tasks: Sequence[Task] | None = None,
    results: Results | None = None,
) -> Path:
    """Write ``results.xlsx`` for ``tasks`` (default: all), pre-filled from ``results``."""
    path = Path(path)
    write_files([(path, _results_bytes(rubric, tasks or rubric.tasks, results))])
    return path


def _panel_bytes(
    rubric: Rubric,
    subcommittee: str | None,
    tasks: Sequence[Task],
    evaluators: Sequence[str],
    panel: Panel | None,
) -> bytes:
    from openpyxl.worksheet.datavalidation import DataValidation

    criteria = rubric.criteria.panel
    book = _Book()
    sub = subcommittee or "평가단"
    total = sum((c.points for c in criteria), Decimal(0))
    cover = book.sheet(COVER_SHEET)
    book.put(cover, 1, 1, f"{rubric.meta.title} — 평가표").font = book.title_font
    facts = [
        ("분과", sub),
        ("평가대상 과제 수", len(tasks)),
        ("평가위원 수", len(evaluators)),
        ("평가항목 합계", _number_value(total)),
    ]
    for i, (k, v) in enumerate(facts, start=3):
        book.put(cover, i, 1, k).font = book.bold
        book.put(cover, i, 2, v)
    r = 3 + len(facts) + 1
    book.header(cover, r, ["평가항목", "배점", "설명"])
    for c in criteria:
        r += 1
        book.put(cover, r, 1, c.name)
        book.put(cover, r, 2, _number_value(c.points))
        book.put(cover, r, 3, c.description or "")
    r += 2
    book.header(cover, r, [EVALUATOR_LIST_LABEL])
    for name in evaluators:
        r += 1
        book.put(cover, r, 1, name)
    r += 2
    for line in (
        "작성 방법",
        "1. 평가위원별 시트(시트 이름 = 평가위원)에서 과제마다 항목별 점수를 "
        "0점부터 배점까지 적습니다(소수점 가능).",
        "2. 과제코드 열과 행을 지우지 않습니다. 점수 칸을 비워 두면 제출할 수 없습니다.",
        "3. 우수사항과 개선·보완사항은 결과보고서에 실립니다.",
        f"4. 평가위원이 바뀌면 시트 이름과 위의 '{EVALUATOR_LIST_LABEL}'을 함께 고칩니다.",
    ):
        r += 1
        cell = book.put(cover, r, 1, line)
        if line == "작성 방법":
            cell.font = book.bold
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 14
    cover.column_dimensions["C"].width = 60
    book.printable(cover, "1:1", 3, r)

    labels = ["과제코드", "관리과제명"]
    labels += [f"{c.name} ({fmt_plain(c.points)}점)" for c in criteria]
    labels += [f"합계 ({fmt_plain(total)}점)", "우수사항", "개선·보완사항"]
    n = len(criteria)
    sum_col, good_col, improve_col = 3 + n, 4 + n, 5 + n
    by_task = panel.sheets if panel is not None else {}
    for name in evaluators:
        ws = book.sheet(name)
        book.title(
            ws,
            f"{rubric.meta.title} — 평가표",
            f"분과: {sub} · 평가위원: {name} · 항목별 점수는 0점부터 배점까지(소수점 가능), "
            "우수사항과 개선·보완사항을 함께 적습니다.",
            len(labels),
        )
        book.header(ws, HEADER_ROW, labels)
        r = HEADER_ROW
        for task in tasks:
            r += 1
            mine = next((s for s in by_task.get(task.code, ()) if s.evaluator == name), None)
            book.put(ws, r, 1, task.code)
            book.put(ws, r, 2, task.name)
            for j, c in enumerate(criteria, start=3):
                v = mine.scores.get(c.id) if mine is not None else None
                book.put(
                    ws,
                    r,
                    j,
                    None
                    if v is None
                    else _number_value(Decimal(v.numerator) / Decimal(v.denominator)),
                )
            first, last = col_letter(2), col_letter(1 + n)
            book.formula(ws, r, sum_col, f"=SUM({first}{r}:{last}{r})")
            book.put(ws, r, good_col, mine.strengths if mine is not None else None)
            book.put(ws, r, improve_col, mine.improvements if mine is not None else None)
            for j in range(1, improve_col + 1):
                cell = ws.cell(row=r, column=j)
                cell.border = book.border
                cell.alignment = book.wrap if j in (2, good_col, improve_col) else book.top
                if 3 <= j < sum_col or j in (good_col, improve_col):
                    cell.fill = book.input_fill
        last_row = max(r, HEADER_ROW + 1)
        for j, c in enumerate(criteria, start=3):
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=fmt_plain(c.points).replace(",", ""),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=c.name,
                error=f"{c.name}: 0 ~ {fmt_plain(c.points)}점 사이로 입력하세요.",
                showInputMessage=True,
                promptTitle=c.name,
                prompt=f"0 ~ {fmt_plain(c.points)}점",
            )
            ws.add_data_validation(dv)
            letter = col_letter(j - 1)
            dv.add(f"{letter}{HEADER_ROW + 1}:{letter}{last_row}")
        ws.freeze_panes = f"C{HEADER_ROW + 1}"
        caps = {1: 12, 2: 40, good_col: 45, improve_col: 45}
        book.fit_columns(ws, HEADER_ROW, caps, minimum=9, default_cap=14)
        for j in (good_col, improve_col):
            ws.column_dimensions[col_letter(j - 1)].width = 45
        book.printable(ws, f"{HEADER_ROW}:{HEADER_ROW}", improve_col, r)
    book.wb.active = 0
    return book.to_bytes()


def write_panel_workbook(
    rubric: Rubric,
    path: str | Path,
    evaluators: Sequence[str],
    *,
    subcommittee: str | None = None,
    tasks: Sequence[Task] | None = None,
    panel: Panel | None = None,
) -> Path:
    """Write one subcommittee's panel workbook (one sheet per evaluator), optionally filled.

    ``tasks`` defaults to the subcommittee's tasks (all tasks when ``subcommittee`` is None).
    """
    path = Path(path)
    problems = _evaluator_problems(evaluators, subcommittee)
    _raise(problems, "evaluator names")
    if tasks is None:
        tasks = [
            t
            for t in rubric.tasks
            if subcommittee is None or t.assigned_subcommittee == subcommittee
        ]
    write_files([(path, _panel_bytes(rubric, subcommittee, tasks, evaluators, panel))])
    return path


def _adjustments_bytes(rubric: Rubric | None, adjustments: Adjustments | None, xlsx: bool) -> bytes:
    names = {t.code: t.name for t in rubric.tasks} if rubric is not None else {}
    items = adjustments.items if adjustments is not None else ()
    rows: list[list[object]] = [
        [a.task, names.get(a.task, ""), _number_value(a.points), a.reason] for a in items
    ]
    labels = ["과제코드", "관리과제명", "가감점", "사유"]
    if not xlsx:
        return csv_bytes(labels, rows)
    from openpyxl.worksheet.datavalidation import DataValidation

    book = _Book()
    ws = book.sheet(ADJUSTMENTS_SHEET)
    limits = ""
    if rubric is not None:
        limits = (
            f" 과제별 합계는 {fmt_plain(rubric.adjustments.min)} ~ "
            f"{fmt_plain(rubric.adjustments.max)}점입니다."
        )
    book.title(
        ws,
        f"{rubric.meta.title if rubric else ''} — 가감점".strip(" —"),
        "과제코드, 가감점, 사유를 적습니다. 한 과제에 여러 행을 적을 수 있습니다." + limits,
        len(labels),
    )
    book.header(ws, HEADER_ROW, labels)
    r = HEADER_ROW
    blank_rows = max(0, 20 - len(rows))
    empty: list[list[object]] = [[None, None, None, None] for _ in range(blank_rows)]
    for values in [*rows, *empty]:
        r += 1
        for j, v in enumerate(values, start=1):
            c = book.put(ws, r, j, v)
            c.border = book.border
            c.alignment = book.wrap if j in (2, 4) else book.top
            if j != 2:
                c.fill = book.input_fill
    if rubric is not None:
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1=fmt_plain(rubric.adjustments.min).replace(",", ""),
            formula2=fmt_plain(rubric.adjustments.max).replace(",", ""),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="가감점",
            error="가감점 한도를 넘습니다.",
        )
        ws.add_data_validation(dv)
        dv.add(f"C{HEADER_ROW + 1}:C{r}")
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    book.fit_columns(ws, HEADER_ROW, {2: 40, 4: 60}, minimum=10, default_cap=14)
    ws.column_dimensions["D"].width = 60
    book.printable(ws, f"{HEADER_ROW}:{HEADER_ROW}", len(labels), r)
    return book.to_bytes()


def _output_suffix(path: Path) -> str:
    """The output format by extension: ``.xlsx`` or ``.csv``; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(
            [
                Problem(
                    f"cannot write {suffix or 'a file without extension'} files",
                    file=str(path),
                    fix="name the output .xlsx or .csv",
                )
            ]
        )
    return suffix


def write_adjustments(
    adjustments: Adjustments | None, path: str | Path, rubric: Rubric | None = None
) -> Path:
    """Write 가감점 as xlsx or CSV (UTF-8 with BOM) by extension; blank rows when None."""
    path = Path(path)
    suffix = _output_suffix(path)
    write_files([(path, _adjustments_bytes(rubric, adjustments, suffix == ".xlsx"))])
    return path


def _evaluator_problems(names: Sequence[str], subcommittee: str | None) -> list[Problem]:
    problems: list[Problem] = []
    where = f"subcommittee {subcommittee}" if subcommittee else "the panel"
    seen: set[str] = set()
    for name in names:
        bad = [ch for ch in name if ch in _BAD_SHEET_CHARS]
        if not name.strip() or name != name.strip():
            problems.append(
                Problem(
                    f"evaluator name {name!r} is blank or padded",
                    field=where,
                    fix="give each evaluator a name without outer spaces",
                )
            )
        elif len(name) > SHEET_NAME_MAX or bad or name == COVER_SHEET or name.startswith("'"):
            problems.append(
                Problem(
                    f"evaluator name {name!r} cannot be a sheet name",
                    field=where,
                    fix=f"use at most {SHEET_NAME_MAX} characters, none of [ ] : * ? / \\, and not "
                    f"{COVER_SHEET!r}",
                )
            )
        elif name in seen:
            problems.append(
                Problem(
                    f"evaluator name {name!r} is given twice",
                    field=where,
                    fix="give every evaluator a distinct name",
                )
            )
        seen.add(name)
    if not names:
        problems.append(Problem("no evaluators", field=where, fix="give at least one evaluator"))
    return problems


def _file_name(name: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return safe or "panel"


def write_templates(
    rubric: Rubric,
    out_dir: str | Path,
    *,
    subcommittee: str | None = None,
    evaluators: int | Sequence[str] | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write blank workbooks for a round of evaluation into ``out_dir``.

    - ``results.xlsx``: one row per indicator of the selected tasks;
    - ``panel/<분과>.xlsx``: per subcommittee, one sheet per evaluator (default: the
      subcommittee's ``members`` from the rubric, named 위원1, 위원2, …; an int gives that many,
      a list of names gives those evaluators to every selected subcommittee);
    - ``adjustments.xlsx``: 가감점 rows.

    ``subcommittee`` restricts the results and panel workbooks to its tasks. Existing files are
    never overwritten unless ``overwrite`` is true; nothing is written if anything is refused.

    Raises:
        InputError: unknown subcommittee, bad evaluator names, tasks without a subcommittee
            and no evaluator count, or files that already exist.
    """
    out = Path(out_dir)
    problems: list[Problem] = []
    subs = {s.name: s for s in rubric.subcommittees}
    if subcommittee is not None and subcommittee not in subs:
        problems.append(
            Problem(
                f"unknown subcommittee {subcommittee!r}",
                field="subcommittee",
                fix="use one of " + (", ".join(subs) or "(the rubric defines none)"),
            )
        )
        _raise(problems, "template options")
    tasks = [
        t for t in rubric.tasks if subcommittee is None or t.assigned_subcommittee == subcommittee
    ]

    def names_for(members: int | None, label: str) -> list[str] | None:
        if isinstance(evaluators, int):
            if evaluators < 1:
                problems.append(
                    Problem(
                        f"{evaluators} evaluators",
                        field="evaluators",
                        fix="give at least one evaluator",
                    )
                )
                return None
            return [f"위원{i}" for i in range(1, evaluators + 1)]
        if evaluators is not None:
            return list(evaluators)
        if members is None:
            problems.append(
                Problem(
                    f"{label} has no member count",
                    field="subcommittees",
                    fix="assign every task to a subcommittee in the rubric, or give the number of "
                    "evaluators (--evaluators N)",
                )
            )
            return None
        return [f"위원{i}" for i in range(1, members + 1)]

    groups: list[tuple[str | None, list[Task], list[str]]] = []
    if rubric.criteria.panel:
        order = [s.name for s in rubric.subcommittees]
        unassigned = [t for t in tasks if t.assigned_subcommittee not in subs]
        for name in order:
            mine = [t for t in tasks if t.assigned_subcommittee == name]
            if mine:
                who = names_for(subs[name].members, f"subcommittee {name}")
                if who is not None:
                    problems.extend(_evaluator_problems(who, name))
                    groups.append((name, mine, who))
        if unassigned:
            codes = ", ".join(t.code for t in unassigned[:5])
            who = names_for(
                None,
                f"task(s) {codes}{' …' if len(unassigned) > 5 else ''} without a subcommittee:",
            )
            if who is not None:
                problems.extend(_evaluator_problems(who, None))
                groups.append((None, unassigned, who))
    files: list[tuple[Path, Callable[[], bytes]]] = [
        (out / "results.xlsx", lambda: _results_bytes(rubric, tasks, None))
    ]
    for sub, mine, who in groups:
        fname = _file_name(sub) if sub else "평가단"

        def build(sub: str | None = sub, mine: list[Task] = mine, who: list[str] = who) -> bytes:
            return _panel_bytes(rubric, sub, mine, who, None)

        files.append((out / "panel" / f"{fname}.xlsx", build))
    files.append((out / "adjustments.xlsx", lambda: _adjustments_bytes(rubric, None, True)))
    if not overwrite:
        for p, _ in files:
            if p.exists():
                problems.append(
                    Problem(
                        "the file already exists",
                        file=str(p),
                        fix="choose another output folder, or move the file "
                        "away (filled workbooks are never overwritten)",
                    )
                )
    _raise(problems, "template options")
    return write_files([(p, build_bytes()) for p, build_bytes in files])


# --------------------------------------------------------------------------------------------
# write_scoreboard

TASK_LABELS: dict[str, str] = {
    "code": "과제코드",
    "name": "관리과제명",
    "strategic_goal": "전략목표",
    "performance_goal": "성과목표",
    "subcommittee": "분과",
    "adjustment": "가감점",
    "total": "평정점수",
    "total_exact": "평정점수(반올림 전)",
    "rank": "순위",
    "grade": "등급",
    "to_next_grade": "상위 등급까지",
    "evaluators": "평가위원 수",
    "dropped_high": "제외(최고점)",
    "dropped_low": "제외(최저점)",
    "weights_assumed": "가중치 가정",
    "data_notes": "자료 주석 수",
    "group": "등급 산정 단위",
}
INDICATOR_LABELS: dict[str, str] = {
    "task": "과제코드",
    "indicator": "지표 키",
    "name": "성과지표",
    "unit": "단위",
    "weight": "적용 가중치",
    "weight_printed": "표기 가중치",
    "weighting": "가중치 방식",
    "target": "목표치",
    "actual": "실적",
    "direction": "방향",
    "kind": "유형",
    "raw_rate": "달성률(%)",
    "scored_rate": "반영 달성률(%)",
    "capped": "상한 적용",
    "weighted_rate": "가중 달성률(%)",
}
SUMMARY_LABELS: dict[str, str] = {
    "grade": "등급",
    "percent": "비율(%)",
    "quota": "배분",
    "count": "실제",
}


def _cell_value(value: object) -> object:
    """A pandas/numpy value as a plain Python value for a cell (NaN → empty)."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Fraction):
        return float(round_half_up(value, 6))
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _frame_rows(frame: Any, labels: Mapping[str, str]) -> tuple[list[str], list[list[object]]]:
    columns = [str(c) for c in frame.columns]
    header = [labels.get(c, c) for c in columns]
    rows = [[_cell_value(v) for v in rec] for rec in frame.itertuples(index=False, name=None)]
    return header, rows


def write_scoreboard(scoreboard: Scoreboard, path: str | Path) -> Path:
    """Write the scored results: ``.xlsx`` (sheets tasks, indicators, summary) or ``.csv``.

    CSV: the tasks table goes to ``path``; the indicators and the grade distribution go beside
    it as ``<name>-indicators.csv`` and ``<name>-summary.csv`` (UTF-8 with BOM). Headers are in
    Korean. Text from the rubric or the inputs is always written as text, never as a formula.
    All files are written or none.
    """
    path = Path(path)
    suffix = _output_suffix(path)
    crit = {c.id: c.name for c in scoreboard.rubric.criteria.items}
    task_labels = {**TASK_LABELS, **crit}
    tables = [
        ("tasks", *_frame_rows(scoreboard.tasks, task_labels)),
        ("indicators", *_frame_rows(scoreboard.indicators, INDICATOR_LABELS)),
        ("summary", *_frame_rows(scoreboard.summary, SUMMARY_LABELS)),
    ]
    if suffix == ".csv":
        stem = path.stem
        names = {
            "tasks": path,
            "indicators": path.with_name(f"{stem}-indicators.csv"),
            "summary": path.with_name(f"{stem}-summary.csv"),
        }
        write_files([(names[t], csv_bytes(h, rows)) for t, h, rows in tables])
        return path
    book = _Book()
    for title, header, rows in tables:
        ws = book.sheet(title)
        book.header(ws, 1, header)
        for i, values in enumerate(rows, start=2):
            for j, v in enumerate(values, start=1):
                book.put(ws, i, j, v)
        ws.freeze_panes = "C2" if title != "summary" else "A2"
        if rows:
            ws.auto_filter.ref = f"A1:{col_letter(len(header) - 1)}{len(rows) + 1}"
        book.fit_columns(ws, 1, {}, minimum=6, default_cap=40)
        book.printable(ws, "1:1", len(header), len(rows) + 1)
        if title == "summary":
            _summary_facts(book, ws, scoreboard, len(rows) + 3)
    write_files([(path, book.to_bytes())])
    return path


def _summary_facts(book: _Book, ws: Any, sb: Scoreboard, row: int) -> None:
    meta = sb.rubric.meta
    facts: list[tuple[str, object]] = [
        ("평가", meta.title),
        ("연도", meta.year),
        ("과제 수", len(sb.details)),
        ("등급 산정 단위", sb.by or "전체"),
        ("평가단 집계", sb.panel_rule),
    ]
    facts += [(f"입력: {k}", v or "") for k, v in sb.sources.items()]
    for i, (k, v) in enumerate(facts):
        book.put(ws, row + i, 1, k).font = book.bold
        book.put(ws, row + i, 2, v)
