"""평가위원 채점표 (평가표) read back: panel workbooks and/or CSV files.

A panel workbook (``panel/<분과>.xlsx``, written by :mod:`._panel_write`) has one sheet per
evaluator named after the evaluator, and an ``안내`` sheet whose evaluator list (평가위원 명단)
catches a missing sheet. A CSV has an ``평가위원`` column instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .._errors import Problem
from .._inputs import EvaluatorSheet, Panel
from .._numbers import fmt_plain
from .._rubric import Criterion, Rubric
from ._book import _COVER_SHEET
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
    _norm,
    _number,
    _raise,
    _Sheet,
    _suggest,
    _text,
)
from ._panel_write import _EVALUATOR_LIST_LABEL

_POINTS_IN_HEADER = re.compile(r"\(\s*(\d+(?:\.\d+)?)\s*점\s*\)")


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


def read_panel(
    paths: Sequence[str | Path], rubric: Rubric, *, pending: set[tuple[str, str]] | None = None
) -> Panel:
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

    With ``pending`` (a provisional run or ``evalkit status``), a task row left wholly blank is
    not an error: its (task code, evaluator) is added to ``pending``.
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
        _panel_file(path, sheets, criteria, known, entries, problems, pending)
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
    pending: set[tuple[str, str]] | None = None,
) -> None:
    fields = _panel_fields(criteria)
    is_csv = len(sheets) == 1 and sheets[0].name is None
    listed: list[str] | None = None
    covered: dict[str, set[str]] = {}  # evaluator → tasks, to find deleted rows
    where_of: dict[str, str | None] = {}
    found = False
    cover = next((s for s in sheets if s.name == _COVER_SHEET), None)
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
                        **sheet.where(header.row, _col_letter(j)),
                        fix="this workbook was made from another rubric: write a new template with "
                        "`evalkit template` and copy the scores over",
                    )
                )
        if missing or stale:
            continue
        for row, get in _data_rows(sheet, header):
            _panel_row(
                sheet,
                header,
                row,
                get,
                criteria,
                known,
                entries,
                covered,
                where_of,
                problems,
                pending,
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
        present = {s.name for s in sheets if s.name != _COVER_SHEET}
        absent = [n for n in listed if n not in present]
        extra = [n for n in present if n not in listed and n in covered]
        if len(absent) > len(extra):  # renamed sheets are fine, fewer sheets are not
            for name in absent:
                problems.append(
                    Problem(
                        f"the evaluator sheet {name!r} is missing (the {_COVER_SHEET} sheet lists "
                        f"{len(listed)} evaluators)",
                        file=str(path),
                        sheet=name,
                        fix=f"restore the sheet {name!r} from the template, or delete the "
                        f"name from the list on the {_COVER_SHEET} sheet if the evaluator did "
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
    target = _norm(_EVALUATOR_LIST_LABEL)
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
    pending: set[tuple[str, str]] | None = None,
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
    if all(_blank(x) for _, x in crit_cells) and pending is not None:
        pending.add((code, evaluator))
        return
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
                    fix=fix if num.fix == _PLAIN_NUMBER_FIX else num.fix,
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
