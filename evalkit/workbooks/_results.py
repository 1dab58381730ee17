"""성과지표 실적: ``results.xlsx`` (sheet ``실적``) written as a template and read back.

One row per indicator with a ``키`` column (the indicator id, ``Ⅰ-1-①-2``) so rows can be
re-sorted, filtered or split over one sheet per department; the department fills 실적, 실적 단위
(pre-filled with the target's unit; change it to report in e.g. 백만불) and 근거·비고. A CSV with
the same headers (UTF-8 with or without BOM, CP949) reads the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .._errors import Problem, UnitError
from .._files import write_files
from .._inputs import Actual, ActualValue, Results
from .._milestones import DONE_WORDS as _DONE
from .._milestones import NOT_DONE_WORDS as _NOT_DONE
from .._numbers import fmt_plain, round_half_up
from .._rubric import Indicator, Rubric, Task
from .._units import conversion_factor, parse_unit
from ._book import _COVER_SHEET, _HEADER_ROW, _Book, _number_value
from ._cells import (
    _PLAIN_NUMBER_FIX,
    _at,
    _blank,
    _Cell,
    _col_letter,
    _data_rows,
    _find_header,
    _free_text,
    _Header,
    _load,
    _number,
    _raise,
    _Sheet,
    _suggest,
    _text,
)

_RESULTS_SHEET = "실적"

_KIND_LABEL = {"quantitative": "정량", "qualitative": "정성", "milestone": "마일스톤"}
_DIRECTION_LABEL = {"up": "상향", "down": "하향"}


_RESULT_FIELDS: dict[str, tuple[str, ...]] = {
    "key": ("키", "key", "지표키", "indicator", "indicator_id", "id"),
    "task": ("과제코드", "과제", "task", "task_code", "code"),
    "no": ("번호", "지표번호", "no", "indicator_no"),
    "actual": ("실적", "실적치", "actual", "value"),
    "unit": ("실적 단위", "actual_unit"),
    "unit_info": ("단위", "unit"),
    "evidence": ("근거·비고", "근거", "비고", "evidence", "notes", "note"),
    "target": ("목표치", "목표", "target"),
    "department": ("주관부서", "부서", "department"),
}


# A result a department has not sent yet, written out (a blank cell means the same).
_NOT_SUBMITTED = frozenset({"미제출", "제출전", "제출 전"})


def read_results(path: str | Path, rubric: Rubric, *, pending: set[str] | None = None) -> Results:
    """Read indicator results (실적) from ``results.xlsx`` or a CSV.

    Columns are found by their header (``키``/``key``, ``실적``/``actual``, optionally
    ``실적 단위``, ``근거·비고``; ``과제코드`` + ``번호`` may stand in for ``키``). Every sheet with
    such a header is read, so a workbook may hold one sheet per department. An actual may carry
    a unit (``7.8억불`` in the cell, or the 실적 단위 column); it must convert to the
    indicator's unit. A milestone takes its target text or 달성 (achieved) / 미달성 (not).

    Raises:
        InputError: every unknown or duplicated indicator, blank or non-numeric actual,
            unconvertible unit and stale target, each with file, sheet, row and column.

    With ``pending`` (a provisional run), a blank 실적 or one written 미제출 is not an error:
    its indicator key is added to ``pending`` instead.
    """
    path = Path(path)
    problems: list[Problem] = []
    sheets = _load(path, problems)
    actuals: dict[str, Actual] = {}
    departments: dict[str, tuple[str, ...]] = {}
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
                _result_row(sheet, header, row, get, indicators, seen, actuals, problems, pending)
                if "department" in header.cols:
                    _department(get, indicators, departments)
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
    return Results(actuals, str(path), departments)


def _department(
    get: Callable[[str], _Cell],
    indicators: Mapping[str, Indicator],
    departments: dict[str, tuple[str, ...]],
) -> None:
    """The row's 주관부서 (``·`` or ``,`` between several), kept per task code."""
    names = [n.strip() for n in re.split(r"[·,]", _text(get("department"))) if n.strip()]
    if not names:
        return
    key = _text(get("key"))
    ind = indicators.get(key) if key else None
    code = ind.task_code if ind is not None else _text(get("task"))
    if code:
        departments[code] = tuple(dict.fromkeys((*departments.get(code, ()), *names)))


def _result_row(
    sheet: _Sheet,
    header: _Header,
    row: int,
    get: Callable[[str], _Cell],
    indicators: Mapping[str, Indicator],
    seen: dict[str, tuple[str | None, int]],
    actuals: dict[str, Actual],
    problems: list[Problem],
    pending: set[str] | None = None,
) -> None:
    key_c, task_c, no_c, act_c = get("key"), get("task"), get("no"), get("actual")
    ev_c = get("evidence")
    if all(_blank(c) for c in (key_c, task_c, no_c, act_c, ev_c)):
        return
    col = {name: _col_letter(j) for name, j in header.cols.items()}

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
    not_sent = isinstance(act_c.value, str) and act_c.value.strip() in _NOT_SUBMITTED
    if pending is not None and (
        not_sent or (_blank(act_c) and not (act_c.unsaved_formula or act_c.excel_error))
    ):
        pending.add(key)
        return
    if not_sent:
        bad(
            f"{where}: 실적이 '미제출'입니다",
            "actual",
            "실적을 입력하거나, 제출 전이면 --provisional(잠정 산정)로 실행하십시오",
        )
        return
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
            if text != target and text.lower() not in _DONE | _NOT_DONE:
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
            bad(f"{where}: {num.error}", "actual", num.fix or _PLAIN_NUMBER_FIX)
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


def _results_bytes(rubric: Rubric, tasks: Sequence[Task], results: Results | None) -> bytes:
    from openpyxl.worksheet.datavalidation import DataValidation

    book = _Book()
    ws = book.sheet(_RESULTS_SHEET)
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
        "주관부서",
    ]
    book.title(
        ws,
        f"{rubric.meta.title} — 성과지표 실적 입력표",
        "노란 칸(실적, 실적 단위, 근거·비고)만 입력합니다. 행 순서를 바꾸거나 "
        "필터를 써도 '키'로 읽습니다. 다른 단위로 보고하려면 실적 단위를 바꿉니다"
        "(예: 억불 → 백만불). 마일스톤은 목표치 그대로 또는 달성/미달성으로 적습니다.",
        len(labels),
    )
    book.header(ws, _HEADER_ROW, labels)
    actuals = results.actuals if results is not None else {}
    r = _HEADER_ROW
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
                _DIRECTION_LABEL.get(ind.direction, ind.direction),
                _KIND_LABEL.get(ind.kind, ind.kind),
                value,
                unit or "",
                evidence,
                "·".join(task.departments),
            ]
            for j, v in enumerate(row, start=1):
                c = book.put(ws, r, j, v)
                c.border = book.border
                c.alignment = book.wrap if j in (3, 5, 13) else book.top
                if j in (11, 12, 13) or (j == 14 and not task.departments):
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
    ws.freeze_panes = f"C{_HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{_HEADER_ROW}:N{max(r, _HEADER_ROW + 1)}"
    book.fit_columns(ws, _HEADER_ROW, {3: 36, 5: 40, 13: 50, 14: 20}, default_cap=16)
    book.printable(ws, f"{_HEADER_ROW}:{_HEADER_ROW}", len(labels), r)
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
            "   주관부서 칸이 비어 있으면 실적을 제출하는 부서명을 적습니다.",
            "6. CSV로 제출할 때는 'CSV UTF-8' 또는 한글 Excel의 CSV(CP949)로 저장합니다.",
        ],
    )
    return book.to_bytes()


def _guide(book: _Book, rubric: Rubric, lines: Sequence[str]) -> None:
    ws = book.sheet(_COVER_SHEET)
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
