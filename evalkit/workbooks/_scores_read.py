"""Reading a scored workbook back (``scores.xlsx`` or its CSV), for ``evalkit diff``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from .._diff import TaskRow
from .._errors import InputError, Problem
from ._cells import _load, _text

_CODE, _NAME, _TOTAL, _GRADE, _RANK = "과제코드", "관리과제명", "평정점수", "등급", "순위"


def read_scored(path: str | Path) -> dict[str, TaskRow]:
    """The ``tasks`` sheet of a workbook written by ``evalkit score``: code → row.

    Raises:
        InputError: the file cannot be read or has no 과제코드/평정점수/등급/순위 header.
    """
    path = Path(path)
    problems: list[Problem] = []
    sheets = _load(path, problems)
    if sheets is None:
        raise InputError(problems, f"채점 결과 {path}")
    sheet = next((s for s in sheets if s.name in (None, "tasks")), None)
    header = [_text(c) for c in sheet.rows[0]] if sheet and sheet.rows else []
    need = [h for h in (_CODE, _TOTAL, _GRADE, _RANK) if h not in header]
    if sheet is None or need:
        raise InputError(
            [
                Problem(
                    "evalkit score가 쓴 채점 결과가 아닙니다 (없는 열: " + ", ".join(need) + ")",
                    file=str(path),
                    sheet="tasks",
                    row=1,
                    fix="evalkit score --out으로 쓴 scores.xlsx 두 개를 주십시오",
                )
            ]
        )
    col = {h: header.index(h) for h in (_CODE, _NAME, _TOTAL, _GRADE, _RANK) if h in header}
    rows: dict[str, TaskRow] = {}
    for rec in sheet.rows[1:]:

        def get(h: str, rec: list = rec) -> str:  # type: ignore[type-arg]
            j = col.get(h)
            return _text(rec[j]) if j is not None and j < len(rec) else ""

        code = get(_CODE)
        if not code:
            continue
        try:
            total = Decimal(get(_TOTAL)) if get(_TOTAL) else None
        except InvalidOperation:
            total = None
        rank = get(_RANK)
        rows[code] = TaskRow(
            code,
            get(_NAME),
            total,
            get(_GRADE),
            int(float(rank)) if rank else None,
        )
    return rows


# The audit sheets whose rows tell which input of a task changed: sheet → (label, key columns).
_INPUT_SHEETS = {
    "실적 원자료": ("실적", 2),  # 과제코드, 지표 키 | 보고 실적, 보고 단위, …
    "평가위원 점수": ("평가위원", 2),  # 과제코드, 평가위원 | criterion scores, …
    "가감점": ("가감점", 1),
}


def read_scored_inputs(path: str | Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per task, the inputs the audit sheets recorded: ``{task: {"평가위원 위원1": row, …}}``.

    Empty for a workbook without audit sheets (written before them, or as CSV).
    """
    sheets = _load(Path(path), [])
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for sheet in sheets or ():
        spec = _INPUT_SHEETS.get(sheet.name or "")
        if spec is None:
            continue
        label, keys = spec
        for rec in sheet.rows[1:]:
            values = tuple(_text(c) for c in rec)
            if not values or not values[0]:
                continue
            name = label if keys == 1 else f"{label} {values[1]}"
            task = out.setdefault(values[0], {})
            # The drop mark follows from the others' scores: only the evaluator's own count.
            own = values[keys:-1] if sheet.name == "평가위원 점수" else values[keys:]
            task[name] = task.get(name, ()) + own  # a task's 가감점 rows together
    return out


_KEY, _ACTUAL = "지표 키", "실적"


def read_scored_actuals(path: str | Path) -> dict[str, Decimal | str | None]:
    """The actual (실적) of every scored indicator in a ``scores.xlsx``: indicator key → value.

    Numbers come back exact from their shortest text, a milestone as 달성/미달성, text as
    written, a blank as None. For ``evalkit new-year``: last year's actuals become history.

    Raises:
        InputError: the file cannot be read or holds no sheet with 지표 키 and 실적 columns.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        beside = path.with_name(f"{path.stem}-indicators.csv")
        path = beside if beside.is_file() else path
    problems: list[Problem] = []
    sheets = _load(path, problems)
    if sheets is None:
        raise InputError(problems, f"채점 결과 {path}")
    for sheet in sheets:
        header = [_text(c) for c in sheet.rows[0]] if sheet.rows else []
        if _KEY not in header or _ACTUAL not in header:
            continue
        key, actual = header.index(_KEY), header.index(_ACTUAL)
        out: dict[str, Decimal | str | None] = {}
        for rec in sheet.rows[1:]:
            if key >= len(rec) or not _text(rec[key]):
                continue
            cell = rec[actual] if actual < len(rec) else None
            value = None if cell is None else cell.value
            text = "" if cell is None else _text(cell)
            if isinstance(value, bool) or text in ("TRUE", "FALSE"):
                out[_text(rec[key])] = "달성" if text == "TRUE" else "미달성"
            elif not text:
                out[_text(rec[key])] = None
            else:
                try:
                    out[_text(rec[key])] = Decimal(text)
                except InvalidOperation:
                    out[_text(rec[key])] = text
        return out
    raise InputError(
        [
            Problem(
                "evalkit score가 쓴 채점 결과가 아닙니다 (지표 키·실적 열이 있는 시트가 없음)",
                file=str(path),
                fix="evalkit score --out으로 쓴 scores.xlsx를 주십시오",
            )
        ]
    )
