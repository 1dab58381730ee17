"""평가위원 채점표 (평가표) written: one workbook per subcommittee (분과위원회).

One sheet per evaluator (평가위원; the sheet name is the evaluator's name) lists the
subcommittee's tasks × the evaluator-scored criteria, each cell limited to 0..배점 by Excel data
validation, plus a 합계 formula and the comment columns 우수사항 and 개선·보완사항. The ``안내``
sheet lists the criteria and the evaluators (평가위원 명단), so a missing sheet is caught when
the workbook is read back (:mod:`._panel_read`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from .._errors import Problem
from .._files import write_files
from .._inputs import Panel
from .._numbers import fmt_plain
from .._rubric import Rubric, Task
from ._book import _COVER_SHEET, _HEADER_ROW, _Book, _number_value
from ._cells import _col_letter, _raise

_EVALUATOR_LIST_LABEL = "평가위원 명단"
_SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = set("[]:*?/\\")

# Milestone results that mean "not achieved" (achieved: the target text or the engine's words).


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
    cover = book.sheet(_COVER_SHEET)
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
    book.header(cover, r, [_EVALUATOR_LIST_LABEL])
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
        f"4. 평가위원이 바뀌면 시트 이름과 위의 '{_EVALUATOR_LIST_LABEL}'을 함께 고칩니다.",
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
        book.header(ws, _HEADER_ROW, labels)
        r = _HEADER_ROW
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
            first, last = _col_letter(2), _col_letter(1 + n)
            book.formula(ws, r, sum_col, f"=SUM({first}{r}:{last}{r})")
            book.put(ws, r, good_col, mine.strengths if mine is not None else None)
            book.put(ws, r, improve_col, mine.improvements if mine is not None else None)
            for j in range(1, improve_col + 1):
                cell = ws.cell(row=r, column=j)
                cell.border = book.border
                cell.alignment = book.wrap if j in (2, good_col, improve_col) else book.top
                if 3 <= j < sum_col or j in (good_col, improve_col):
                    cell.fill = book.input_fill
        last_row = max(r, _HEADER_ROW + 1)
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
            letter = _col_letter(j - 1)
            dv.add(f"{letter}{_HEADER_ROW + 1}:{letter}{last_row}")
        ws.freeze_panes = f"C{_HEADER_ROW + 1}"
        caps = {1: 12, 2: 40, good_col: 45, improve_col: 45}
        book.fit_columns(ws, _HEADER_ROW, caps, minimum=9, default_cap=14)
        for j in (good_col, improve_col):
            ws.column_dimensions[_col_letter(j - 1)].width = 45
        book.printable(ws, f"{_HEADER_ROW}:{_HEADER_ROW}", improve_col, r)
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
        elif len(name) > _SHEET_NAME_MAX or bad or name == _COVER_SHEET or name.startswith("'"):
            problems.append(
                Problem(
                    f"evaluator name {name!r} cannot be a sheet name",
                    field=where,
                    fix=f"use at most {_SHEET_NAME_MAX} characters, none of [ ] : * ? / \\, "
                    f"and not {_COVER_SHEET!r}",
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
