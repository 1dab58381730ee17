"""Filled workbooks and ways to break them, shared by the tests of ``evalkit.workbooks``.

Importable as ``_workbooks`` (pytest puts tests/ on sys.path); the ``filled_dir`` and ``work``
fixtures in conftest.py build on :func:`make_filled`.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _paths import MINI, ROOT

import evalkit
from evalkit import Actual, Adjustment, Adjustments, EvaluatorSheet, InputError, Panel, Results
from evalkit.workbooks import (
    read_adjustments,
    read_panel,
    read_results,
    write_scoreboard,
    write_templates,
)

EXAMPLE = ROOT / "examples" / "motie-2024"


MINI_DIR = ROOT / "examples" / "mini"


IND = "산업분과.xlsx"


ENE = "에너지분과.xlsx"


CRITERIA = ("plan", "execution", "outcome", "feedback")  # columns C..F of an evaluator sheet


EVALUATORS = ("위원1", "위원2", "위원3", "위원4")


# What a department types into results.xlsx: key -> (cell value, 실적 단위 or None, 근거·비고).
# PERCENT marks a cell typed as "44.8%" in Excel (stored 0.448, formatted as a percentage).
PERCENT = object()


FILL: dict[str, tuple[object, str | None, str]] = {
    "Ⅰ-1-①-1": (18, None, "=정책협의회 등 18건"),
    "Ⅰ-1-①-2": (251, None, "-15건: 사업재편 신청 감소"),
    "Ⅰ-1-①-3": (93.1, None, "@만족도 조사(외부기관)"),
    "Ⅰ-1-①-4": (84.2, None, "+α 개선"),
    "Ⅰ-1-②-1": ("1,412", None, "여러 줄\n근거"),
    "Ⅰ-1-②-2": (PERCENT, None, ""),
    "Ⅰ-1-②-3": (27.5, None, ""),
    "Ⅰ-1-③-1": (10, None, "’24년 10개 품목의 대체 수입처 발굴 지원"),
    "Ⅰ-1-③-2": ("73,900", "백만원", "R&D 176억 → 739억원"),
    "Ⅰ-2-①-1": (462, None, ""),
    "Ⅰ-2-①-2": ("수립", None, "2025년 뿌리산업 진흥 실행계획"),
    "Ⅱ-1-①-1": (0.151, None, ""),
    "Ⅱ-1-①-2": (41250, None, ""),
    "Ⅱ-1-②-1": ("98.5", None, ""),
    "Ⅱ-1-②-2": (1.7, None, ""),
    "Ⅱ-1-③-1": ("71200GWh", None, "#1 재생에너지"),
}


EXPECTED_RESULTS: dict[str, Actual] = {
    "Ⅰ-1-①-1": Actual(Decimal(18), None, "=정책협의회 등 18건"),
    "Ⅰ-1-①-2": Actual(Decimal(251), None, "-15건: 사업재편 신청 감소"),
    "Ⅰ-1-①-3": Actual(Decimal("93.1"), None, "@만족도 조사(외부기관)"),
    "Ⅰ-1-①-4": Actual(Decimal("84.2"), None, "+α 개선"),
    "Ⅰ-1-②-1": Actual(Decimal(1412), None, "여러 줄\n근거"),
    "Ⅰ-1-②-2": Actual(Decimal("44.8"), None, ""),
    "Ⅰ-1-②-3": Actual(Decimal("27.5"), None, ""),
    "Ⅰ-1-③-1": Actual(Decimal(10), None, "’24년 10개 품목의 대체 수입처 발굴 지원"),
    "Ⅰ-1-③-2": Actual(Decimal(73900), "백만원", "R&D 176억 → 739억원"),
    "Ⅰ-2-①-1": Actual(Decimal(462), None, ""),
    "Ⅰ-2-①-2": Actual("수립", None, "2025년 뿌리산업 진흥 실행계획"),
    "Ⅱ-1-①-1": Actual(Decimal("0.151"), None, ""),
    "Ⅱ-1-①-2": Actual(Decimal(41250), None, ""),
    "Ⅱ-1-②-1": Actual(Decimal("98.5"), None, ""),
    "Ⅱ-1-②-2": Actual(Decimal("1.7"), None, ""),
    "Ⅱ-1-③-1": Actual(Decimal(71200), None, "#1 재생에너지"),
}


ADJ_FILL = [("Ⅰ-1-③", 1, "=공급망 대응 우수"), ("Ⅱ-1-②", -0.5, "보고 지연")]


EXPECTED_ADJ = (
    Adjustment("Ⅰ-1-③", Decimal(1), "=공급망 대응 우수"),
    Adjustment("Ⅱ-1-②", Decimal("-0.5"), "보고 지연"),
)


def put_text(cell: Any, text: str) -> None:
    """Type text into a cell the way Excel keeps it: as text even when it starts with '='."""
    cell.value = text
    cell.data_type = "s"


def row_of(ws: Any, key: str) -> int:
    for row in ws.iter_rows(min_row=4):
        if row[0].value == key:
            return int(row[0].row)
    raise KeyError(key)


@dataclasses.dataclass
class Filled:
    expected_panel: dict[str, list[EvaluatorSheet]]


def fill_panel(
    path: Path,
    rng: random.Random,
    expected: dict[str, list[EvaluatorSheet]],
    rubric: evalkit.Rubric,
) -> None:
    wb = openpyxl.load_workbook(path)
    points = {c.id: c.points for c in rubric.criteria.panel}
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows(min_row=4):
            code = row[0].value
            scores: dict[str, Fraction] = {}
            for j, cid in enumerate(CRITERIA, start=2):
                v = Decimal(rng.randint(int(points[cid]) // 2 * 2, int(points[cid]) * 2)) / 2
                scores[cid] = Fraction(v)
                # a few cells typed as text, as Korean users sometimes do
                row[j].value = f"{v}점" if (j == 3 and code.endswith("①")) else float(v)
            good = f"={code} 목표 초과 달성" if ws.title == "위원1" else f"{code} 협업 우수"
            bad = "-집행 점검 필요" if ws.title == "위원2" else ""
            put_text(row[7], good)
            if bad:
                put_text(row[8], bad)
            expected.setdefault(code, []).append(EvaluatorSheet(ws.title, scores, good, bad))
    wb.save(path)


def make_filled(d: Path, mini_rubric: Any) -> Filled:
    """Blank templates for the mini rubric in ``d``, filled in as a user would."""
    write_templates(mini_rubric, d)
    wb = openpyxl.load_workbook(d / "results.xlsx")
    ws = wb["실적"]
    for key, (value, unit, evidence) in FILL.items():
        r = row_of(ws, key)
        cell = ws.cell(row=r, column=11)
        if value is PERCENT:
            cell.value = 0.448
            cell.number_format = "0.0%"
        else:
            cell.value = value
        if unit:
            ws.cell(row=r, column=12).value = unit
        if evidence:
            put_text(ws.cell(row=r, column=13), evidence)
    wb.save(d / "results.xlsx")
    expected: dict[str, list[EvaluatorSheet]] = {}
    rng = random.Random(5)
    for name in (IND, ENE):
        fill_panel(d / "panel" / name, rng, expected, mini_rubric)
    wb = openpyxl.load_workbook(d / "adjustments.xlsx")
    ws = wb.active
    for i, (code, pts, reason) in enumerate(ADJ_FILL, start=4):
        ws.cell(row=i, column=1).value = code
        ws.cell(row=i, column=3).value = pts
        put_text(ws.cell(row=i, column=4), reason)
    wb.save(d / "adjustments.xlsx")
    return Filled(expected)


def read_all(d: Path, rubric: Any) -> tuple[Results, Panel, Adjustments]:
    return (
        read_results(d / "results.xlsx", rubric),
        read_panel([d / "panel"], rubric),
        read_adjustments(d / "adjustments.xlsx", rubric),
    )


def run_pipeline(
    d: Path,
    rubric: Any,
    panel: list[Path] | None = None,
    results: Path | None = None,
    adjustments: Path | None = None,
) -> Path:
    """What `evalkit score` does: read everything, report all problems, then score and write."""
    out = d / "out" / "scores.xlsx"
    problems: list[evalkit.Problem] = []
    got: list[Any] = []
    for read, arg in (
        (read_results, results or d / "results.xlsx"),
        (read_panel, panel or [d / "panel"]),
        (read_adjustments, adjustments or d / "adjustments.xlsx"),
    ):
        try:
            got.append(read(arg, rubric))  # type: ignore[operator]
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    write_scoreboard(evalkit.score(rubric, *got), out)
    return out


def edit(path: Path, fn: Callable[[Any], None]) -> None:
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)


def cell_of(sheet: str, key: str, col: int) -> Callable[[Any], Any]:
    def get(wb: Any) -> Any:
        ws = wb[sheet]
        return ws.cell(row=row_of(ws, key), column=col)

    return get


def set_result(key: str, col: int, value: object, fmt: str | None = None) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        def fn(wb: Any) -> None:
            c = cell_of("실적", key, col)(wb)
            c.value = value
            if fmt:
                c.number_format = fmt

        edit(d / "results.xlsx", fn)

    return mutate


def set_panel(book: str, sheet: str, code: str, col: int, value: object) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        edit(d / "panel" / book, lambda wb: setattr(cell_of(sheet, code, col)(wb), "value", value))

    return mutate


def set_adj(row: int, col: int, value: object) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        def fn(wb: Any) -> None:
            wb.active.cell(row=row, column=col).value = value

        edit(d / "adjustments.xlsx", fn)

    return mutate


def results_row(key: str) -> int:
    return [i.id for _, i in evalkit.load_rubric(MINI).iter_indicators()].index(key) + 4


def in_cell_unit(d: Path) -> None:
    """억불 typed in the cell while 실적 단위 still shows the target's 억원 (the cell wins)."""
    set_result("Ⅰ-1-③-2", 12, "억원")(d)
    set_result("Ⅰ-1-③-2", 11, "7.39억불")(d)


def duplicate_result_row(d: Path) -> None:
    def fn(wb: Any) -> None:
        ws = wb["실적"]
        src = row_of(ws, "Ⅰ-1-①-2")
        for j in range(1, 14):
            ws.cell(row=20, column=j).value = ws.cell(row=src, column=j).value

    edit(d / "results.xlsx", fn)


def delete_sheet(d: Path) -> None:
    edit(d / "panel" / IND, lambda wb: wb.remove(wb["위원4"]))


def delete_task_row(d: Path) -> None:
    edit(d / "panel" / IND, lambda wb: wb["위원3"].delete_rows(7))


def delete_column(d: Path) -> None:
    edit(d / "panel" / ENE, lambda wb: wb["위원1"].delete_cols(6))


def header_deleted(d: Path) -> None:
    edit(d / "panel" / ENE, lambda wb: wb["위원4"].delete_rows(3))


def stale_points(d: Path) -> None:
    def fn(wb: Any) -> None:
        wb["위원2"]["C3"].value = "계획 (20점)"

    edit(d / "panel" / ENE, fn)


def blank_scores(d: Path) -> None:
    def fn(wb: Any) -> None:
        for col in "CDEF":
            wb["위원4"][f"{col}5"].value = None

    edit(d / "panel" / IND, fn)


def formula_comment(d: Path) -> None:
    edit(d / "panel" / ENE, lambda wb: setattr(wb["위원3"]["H6"], "value", '=A1&"우수"'))


def extra_panel_csv(d: Path) -> None:
    (d / "panel" / "추가.csv").write_text(
        "평가위원,과제코드,계획,집행,성과,환류\r\n위원1,Ⅰ-1-①,10,10,10,10\r\n", encoding="utf-8"
    )


def two_adjustments_over_limit(d: Path) -> None:
    def fn(wb: Any) -> None:
        ws = wb.active
        for r, reason in ((6, "협업 우수"), (7, "홍보 우수")):
            ws.cell(row=r, column=1).value = "Ⅰ-1-③"
            ws.cell(row=r, column=3).value = 0.75
            ws.cell(row=r, column=4).value = reason

    edit(d / "adjustments.xlsx", fn)


def repeated_adjustment(d: Path) -> None:
    def fn(wb: Any) -> None:
        ws = wb.active
        ws["A6"].value, ws["C6"].value, ws["D6"].value = "Ⅱ-1-②", -0.5, "보고 지연"

    edit(d / "adjustments.xlsx", fn)


def write_file(name: str, data: bytes) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        (d / name).write_bytes(data)

    return mutate


R = "results.xlsx"


BadCase = tuple[str, Callable[[Path], None], dict[str, Any]]
CsvCase = tuple[str, str, bytes, str, dict[str, Any]]


def assert_located(
    work: Path, mini_rubric: Any, mutate: Callable[[Path], None], want: dict[str, Any]
) -> None:
    """Break the filled copy with ``mutate``; the pipeline must refuse it with ``want``."""
    mutate(work)
    with pytest.raises(InputError) as err:
        run_pipeline(work, mini_rubric)
    assert not (work / "out").exists()
    matches = [p for p in err.value.problems if want["msg"] in p.message]
    assert matches, f"{want['msg']!r} not in:\n{err.value}"
    p = matches[0]
    assert p.file is not None and Path(p.file).name == want["file"]
    assert (p.sheet, p.row, p.col) == (want["sheet"], want["row"], want["col"]), str(p)
    located = str(p)
    assert want["file"] in located and want["msg"] in located
    for part in (
        f"sheet {want['sheet']!r}" if want["sheet"] else None,
        f"row {want['row']}" if want["row"] else None,
        f"column {want['col']}" if want["col"] else None,
    ):
        if part:
            assert part in located
    assert p.fix, "every problem says how to fix it"


def assert_csv_located(
    work: Path, mini_rubric: Any, kind: str, data: bytes, msg: str, where: dict[str, Any]
) -> None:
    """A bad CSV given as ``kind`` must be refused at ``where`` and write nothing."""
    path = work / f"bad-{kind}.csv"
    path.write_bytes(data)
    args: dict[str, Any] = {kind: [path] if kind == "panel" else path}
    with pytest.raises(InputError) as err:
        run_pipeline(work, mini_rubric, **args)
    assert not (work / "out").exists()
    matches = [p for p in err.value.problems if msg in p.message]
    assert matches, f"{msg!r} not in:\n{err.value}"
    p = matches[0]
    assert p.file == str(path) and p.sheet is None
    assert (p.row, p.col) == (where["row"], where["col"]), str(p)
    assert p.fix
