"""가감점: the committee's adjustments to task scores, written (xlsx or CSV) and read back.

Columns 과제코드, 관리과제명, 가감점, 사유; a task may have several rows, and their sum must stay
within the rubric's limits.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .._errors import Problem
from .._files import write_files
from .._inputs import Adjustment, Adjustments
from .._numbers import fmt_plain
from .._rubric import Rubric
from ._book import _HEADER_ROW, _Book, _number_value, _output_suffix
from ._cells import (
    _at,
    _blank,
    _col_letter,
    _data_rows,
    _find_header,
    _free_text,
    _load,
    _number,
    _raise,
    _Sheet,
    _suggest,
    _text,
)
from ._csv import _csv_bytes

_ADJUSTMENTS_SHEET = "가감점"

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
            col = {name: _col_letter(j) for name, j in header.cols.items()}
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


def _adjustments_bytes(rubric: Rubric | None, adjustments: Adjustments | None, xlsx: bool) -> bytes:
    names = {t.code: t.name for t in rubric.tasks} if rubric is not None else {}
    items = adjustments.items if adjustments is not None else ()
    rows: list[list[object]] = [
        [a.task, names.get(a.task, ""), _number_value(a.points), a.reason] for a in items
    ]
    labels = ["과제코드", "관리과제명", "가감점", "사유"]
    if not xlsx:
        return _csv_bytes(labels, rows)
    from openpyxl.worksheet.datavalidation import DataValidation

    book = _Book()
    ws = book.sheet(_ADJUSTMENTS_SHEET)
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
    book.header(ws, _HEADER_ROW, labels)
    r = _HEADER_ROW
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
        dv.add(f"C{_HEADER_ROW + 1}:C{r}")
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    book.fit_columns(ws, _HEADER_ROW, {2: 40, 4: 60}, minimum=10, default_cap=14)
    ws.column_dimensions["D"].width = 60
    book.printable(ws, f"{_HEADER_ROW}:{_HEADER_ROW}", len(labels), r)
    return book.to_bytes()


def write_adjustments(
    adjustments: Adjustments | None, path: str | Path, rubric: Rubric | None = None
) -> Path:
    """Write 가감점 as xlsx or CSV (UTF-8 with BOM) by extension; blank rows when None."""
    path = Path(path)
    suffix = _output_suffix(path)
    write_files([(path, _adjustments_bytes(rubric, adjustments, suffix == ".xlsx"))])
    return path
