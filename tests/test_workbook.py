"""Workbooks in and out: templates, filled round trips, the worked examples, and bad input.

Each bad workbook or CSV must be refused with its file, sheet, row and column, and must leave
no output file behind.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib.util
import io
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _paths import MINI, MOTIE, ROOT

import evalkit
from evalkit import Actual, Adjustment, Adjustments, EvaluatorSheet, InputError, Panel, Results
from evalkit.workbooks import (
    read_adjustments,
    read_inputs,
    read_panel,
    read_results,
    write_adjustments,
    write_panel_workbook,
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


@pytest.fixture(scope="session")
def filled_dir(tmp_path_factory: pytest.TempPathFactory, mini_rubric: Any) -> tuple[Path, Filled]:
    """Blank templates for the mini rubric, filled in programmatically like a user would."""
    d = tmp_path_factory.mktemp("filled")
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
    return d, Filled(expected)


@pytest.fixture()
def work(filled_dir: tuple[Path, Filled], tmp_path: Path) -> Path:
    """A private copy of the filled workbooks to break."""
    d = tmp_path / "in"
    shutil.copytree(filled_dir[0], d)
    return d


def read_all(d: Path, rubric: Any) -> tuple[Results, Panel, Adjustments]:
    return (
        read_results(d / "results.xlsx", rubric),
        read_panel([d / "panel"], rubric),
        read_adjustments(d / "adjustments.xlsx", rubric),
    )


# --------------------------------------------------------------------------------------------
# Templates


def test_templates_files_and_layout(mini_rubric: Any, tmp_path: Path) -> None:
    paths = write_templates(mini_rubric, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "results.xlsx",
        f"panel/{IND}",
        f"panel/{ENE}",
        "adjustments.xlsx",
    ]
    wb = openpyxl.load_workbook(tmp_path / "results.xlsx")
    ws = wb["실적"]
    header = [c.value for c in ws[3]]
    assert header == [
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
    keys = [r[0].value for r in ws.iter_rows(min_row=4)]
    assert keys == [i.id for _, i in mini_rubric.iter_indicators()]
    r = row_of(ws, "Ⅱ-1-①-1")
    assert [ws.cell(row=r, column=c).value for c in (6, 7, 8, 9, 12)] == [
        "toe/백만원",
        0.5,
        0.146,
        "하향",
        "toe/백만원",
    ]
    assert ws.cell(row=row_of(ws, "Ⅰ-1-②-1"), column=7).value == pytest.approx(0.3333)
    assert ws.freeze_panes == "C4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["C"].width > ws.column_dimensions["D"].width
    milestone = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(milestone) == 1 and str(milestone[0].sqref) == f"K{row_of(ws, 'Ⅰ-2-①-2')}"
    assert milestone[0].formula1 == '"수립,달성,미달성"'

    wb = openpyxl.load_workbook(tmp_path / "panel" / IND)
    assert wb.sheetnames == ["안내", *EVALUATORS]
    ws = wb["위원3"]
    assert [c.value for c in ws[3]] == [
        "과제코드",
        "관리과제명",
        "계획 (15점)",
        "집행 (15점)",
        "성과 (18점)",
        "환류 (12점)",
        "합계 (60점)",
        "우수사항",
        "개선·보완사항",
    ]
    assert [r[0].value for r in ws.iter_rows(min_row=4)] == ["Ⅰ-1-①", "Ⅰ-1-②", "Ⅰ-1-③", "Ⅰ-2-①"]
    assert ws["G4"].value == "=SUM(C4:F4)"
    limits = {
        str(dv.sqref): (dv.type, dv.formula1, dv.formula2)
        for dv in ws.data_validations.dataValidation
    }
    assert limits == {
        "C4:C7": ("decimal", "0", "15"),
        "D4:D7": ("decimal", "0", "15"),
        "E4:E7": ("decimal", "0", "18"),
        "F4:F7": ("decimal", "0", "12"),
    }
    assert ws.freeze_panes == "C4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    cover = [r[0] for r in wb["안내"].iter_rows(values_only=True)]
    i = cover.index("평가위원 명단")
    assert cover[i + 1 : i + 5] == list(EVALUATORS)


def test_templates_are_byte_identical(mini_rubric: Any, tmp_path: Path) -> None:
    a = write_templates(mini_rubric, tmp_path / "a")
    b = write_templates(mini_rubric, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    with zipfile.ZipFile(a[0]) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_templates_evaluator_options(mini_rubric: Any, tmp_path: Path) -> None:
    paths = write_templates(mini_rubric, tmp_path / "n", evaluators=3)
    assert openpyxl.load_workbook(paths[1]).sheetnames == ["안내", "위원1", "위원2", "위원3"]
    paths = write_templates(
        mini_rubric, tmp_path / "s", subcommittee="에너지분과", evaluators=["김가온", "이나래"]
    )
    assert [p.name for p in paths] == ["results.xlsx", ENE, "adjustments.xlsx"]
    assert openpyxl.load_workbook(paths[1]).sheetnames == ["안내", "김가온", "이나래"]
    keys = [r[0].value for r in openpyxl.load_workbook(paths[0])["실적"].iter_rows(min_row=4)]
    assert keys == ["Ⅱ-1-①-1", "Ⅱ-1-①-2", "Ⅱ-1-②-1", "Ⅱ-1-②-2", "Ⅱ-1-③-1"]


def test_templates_refuse_bad_options_and_existing_files(mini_rubric: Any, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown subcommittee '없는분과'"):
        write_templates(mini_rubric, tmp_path / "x", subcommittee="없는분과")
    with pytest.raises(InputError) as err:
        write_templates(mini_rubric, tmp_path / "x", evaluators=["위원:1", "안내", "a", "a"])
    text = str(err.value)
    assert "'위원:1' cannot be a sheet name" in text and "'안내' cannot be" in text
    assert "'a' is given twice" in text
    assert not (tmp_path / "x").exists()
    write_templates(mini_rubric, tmp_path / "t")
    before = (tmp_path / "t" / "results.xlsx").read_bytes()
    (tmp_path / "t" / "results.xlsx").write_bytes(b"filled")
    with pytest.raises(InputError) as err:
        write_templates(mini_rubric, tmp_path / "t")
    assert len(err.value.problems) == 4
    assert all(p.message == "the file already exists" for p in err.value.problems)
    assert (tmp_path / "t" / "results.xlsx").read_bytes() == b"filled"
    write_templates(mini_rubric, tmp_path / "t", overwrite=True)
    assert (tmp_path / "t" / "results.xlsx").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "adjustments.xlsx",
        "panel",
        "results.xlsx",
    ]  # no temporary files left


def test_motie_templates_follow_member_counts(motie_rubric: Any, tmp_path: Path) -> None:
    paths = write_templates(motie_rubric, tmp_path)
    counts = {
        p.stem: len(openpyxl.load_workbook(p, read_only=True).sheetnames) - 1
        for p in paths
        if p.parent.name == "panel"
    }
    assert counts == {
        "산업정책": 4,
        "산업혁신성장": 5,
        "에너지자원": 6,
        "통상국제": 5,
        "무역투자": 4,
    }
    ws = openpyxl.load_workbook(paths[0])["실적"]
    assert ws.max_row - 3 == 215


# --------------------------------------------------------------------------------------------
# Round trips


def test_round_trip_nothing_lost(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    d, filled = filled_dir
    results, panel, adjustments = read_all(d, mini_rubric)
    assert dict(results.actuals) == EXPECTED_RESULTS
    assert results.source == str(d / "results.xlsx")
    assert {k: list(v) for k, v in panel.sheets.items()} == filled.expected_panel
    assert panel.evaluators == EVALUATORS
    assert adjustments.items == EXPECTED_ADJ
    sb = evalkit.score(mini_rubric, results, panel, adjustments)
    direct = evalkit.score(
        mini_rubric,
        Results(EXPECTED_RESULTS),
        Panel({k: tuple(v) for k, v in filled.expected_panel.items()}),
        Adjustments(EXPECTED_ADJ),
    )
    assert [(t.task.code, t.total, t.grade) for t in sb.details] == [
        (t.task.code, t.total, t.grade) for t in direct.details
    ]
    # the actual in 백만원 was converted to the target's 억원 by the engine
    assert sb.task("Ⅰ-1-③").indicators[1].actual_in_unit == 739

    out = write_scoreboard(sb, tmp_path / "scores.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["tasks", "indicators", "summary"]
    ws = wb["tasks"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["과제코드", "관리과제명"] and "평정점수" in header and "계획" in header
    got = {r[0]: r[header.index("평정점수")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == dict(zip(sb.tasks["code"], sb.tasks["total"], strict=True))
    assert wb["indicators"].max_row == 17 and wb["summary"]["A2"].value == "매우우수"
    csv_out = write_scoreboard(sb, tmp_path / "scores.csv")
    text = csv_out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "평정점수".encode() in text
    assert (tmp_path / "scores-indicators.csv").exists()
    assert (tmp_path / "scores-summary.csv").exists()


def test_rows_resorted_and_split_over_sheets(work: Path, mini_rubric: Any) -> None:
    wb = openpyxl.load_workbook(work / "results.xlsx")
    ws = wb["실적"]
    rows = [[(c.value, c.number_format, c.data_type) for c in r] for r in ws.iter_rows(min_row=4)]
    rows.reverse()
    moved = rows[:5]  # the first five (reversed) rows go to a second sheet
    other = wb.copy_worksheet(ws)
    other.title = "에너지과"
    for target, data in ((ws, rows[5:]), (other, moved)):
        target.delete_rows(4, target.max_row)
        for i, row in enumerate(data, start=4):
            for j, (v, fmt, dtype) in enumerate(row, start=1):
                cell = target.cell(row=i, column=j)
                cell.value = v
                cell.number_format = fmt
                if dtype == "s":
                    cell.data_type = "s"
    wb.save(work / "results.xlsx")
    assert dict(read_results(work / "results.xlsx", mini_rubric).actuals) == EXPECTED_RESULTS


def _results_csv(rows: list[list[str]]) -> str:
    lines = ["키,실적,실적 단위,근거·비고"]
    for r in rows:
        lines.append(
            ",".join('"' + x.replace('"', '""') + '"' if ("," in x or "\n" in x) else x for x in r)
        )
    return "\r\n".join(lines) + "\r\n"


CSV_ROWS = [
    ["Ⅰ-1-①-1", "18", "", "'=정책협의회 등 18건"],
    ["Ⅰ-1-②-1", "1,412", "", "여러 줄\n근거"],
    ["Ⅰ-1-②-2", "44.8%", "", ""],
    ["Ⅰ-2-①-2", "수립", "", "2025년 뿌리산업 진흥 실행계획"],
    ["Ⅰ-1-③-2", "73,900", "백만원", "R&D 176억 → 739억원"],
    ["Ⅱ-1-③-1", "71,200", "", "#1 재생에너지"],
    ["Ⅱ-1-②-1", "98.5백만B", "", ""],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_results_csv_encodings(encoding: str, mini_rubric: Any, tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(_results_csv(CSV_ROWS).encode(encoding))
    got = read_results(path, mini_rubric).actuals
    for key in ("Ⅰ-1-①-1", "Ⅰ-1-②-1", "Ⅰ-1-②-2", "Ⅰ-2-①-2", "Ⅰ-1-③-2", "Ⅱ-1-③-1"):
        assert got[key] == EXPECTED_RESULTS[key]
    assert got["Ⅱ-1-②-1"] == Actual(Decimal("98.5"), None, "")


def test_results_csv_with_task_and_number_instead_of_key(mini_rubric: Any, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("task,no,actual,unit,evidence\nⅠ-1-③,2,7390,백만원,x\n", encoding="utf-8")
    assert read_results(path, mini_rubric).actuals == {
        "Ⅰ-1-③-2": Actual(Decimal(7390), "백만원", "x")
    }


def test_formula_with_saved_value_is_read(work: Path, mini_rubric: Any) -> None:
    path = work / "results.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["실적"]
    r = row_of(ws, "Ⅰ-1-①-1")
    ws.cell(row=r, column=11).value = "=10+8"
    wb.save(path)
    # Excel saves the computed value beside the formula; openpyxl does not, so add it.
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name], n = re.subn(
        rb"(<c r=\"K%d\"[^>]*><f>10\+8</f>)<v\s*/?>(</v>)?" % r, rb"\1<v>18</v>", parts[name]
    )
    assert n == 1
    with zipfile.ZipFile(path, "w") as z:
        for k, v in parts.items():
            z.writestr(k, v)
    assert read_results(path, mini_rubric).actuals["Ⅰ-1-①-1"].value == 18


def test_panel_and_adjustments_csv(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    _, filled = filled_dir
    lines = ["평가위원,과제코드,계획,집행,성과,환류,우수사항,개선·보완사항"]
    for code, sheets in filled.expected_panel.items():
        for s in sheets:
            vals = [str(Decimal(s.scores[c].numerator) / s.scores[c].denominator) for c in CRITERIA]
            good = "'" + s.strengths if s.strengths.startswith("=") else s.strengths
            bad = "'" + s.improvements if s.improvements.startswith("-") else s.improvements
            lines.append(",".join([s.evaluator, code, *vals, good, bad]))
    path = tmp_path / "panel.csv"
    path.write_bytes("\r\n".join(lines).encode("cp949"))
    panel = read_panel([path], mini_rubric)
    assert {k: list(v) for k, v in panel.sheets.items()} == filled.expected_panel
    adj = tmp_path / "adj.csv"
    write_adjustments(Adjustments(EXPECTED_ADJ), adj, mini_rubric)
    assert adj.read_bytes().count(b"'=") == 1  # formula-like text is guarded in CSV
    assert read_adjustments(adj, mini_rubric).items == EXPECTED_ADJ


def test_scoreboard_user_text_is_never_a_formula(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    sb = evalkit.score(mini_rubric, *read_all(filled_dir[0], mini_rubric))
    tasks = sb.tasks.copy()
    evil = ['=HYPERLINK("http://x","y")', "+1+2", "-3 감소", "@SUM(A1)", "#N/A"]
    tasks.loc[: len(evil) - 1, "name"] = evil
    sb2 = dataclasses.replace(sb, tasks=tasks)
    wb = openpyxl.load_workbook(write_scoreboard(sb2, tmp_path / "s.xlsx"))
    cells = [r[1] for r in wb["tasks"].iter_rows(min_row=2, max_row=len(evil) + 1)]
    assert [c.value for c in cells] == evil
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells[:4])
    text = write_scoreboard(sb2, tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    names = [row[1] for row in csv.reader(io.StringIO(text))][1 : len(evil) + 1]
    assert names == ["'" + e for e in evil[:4]] + ["#N/A"]  # '#' is no formula prefix


def test_write_scoreboard_refuses_unknown_extension(
    filled_dir: tuple[Path, Filled], mini_rubric: Any, tmp_path: Path
) -> None:
    sb = evalkit.score(mini_rubric, *read_all(filled_dir[0], mini_rubric))
    with pytest.raises(InputError, match=r"cannot write \.ods"):
        write_scoreboard(sb, tmp_path / "s.ods")
    assert not list(tmp_path.iterdir())


def test_panel_workbook_rejects_bad_evaluator_name(mini_rubric: Any, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be a sheet name"):
        write_panel_workbook(mini_rubric, tmp_path / "p.xlsx", ["a" * 32])
    assert not (tmp_path / "p.xlsx").exists()


# --------------------------------------------------------------------------------------------
# The worked examples


def _load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"gen_{path.parent.name}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("folder", [EXAMPLE, MINI_DIR], ids=["motie-2024", "mini"])
def test_examples_regenerate_to_identical_bytes(folder: Path, tmp_path: Path) -> None:
    written = _load_module(folder / "generate.py").main(tmp_path)
    assert written
    for p in written:
        committed = folder / p.relative_to(tmp_path)
        assert committed.read_bytes() == p.read_bytes(), f"{committed} is stale: regenerate it"
    committed_panels = sorted(p.name for p in (folder / "panel").iterdir())
    assert committed_panels == sorted(p.name for p in (tmp_path / "panel").iterdir())


def test_motie_example_scores(motie_rubric: Any) -> None:
    results = read_results(EXAMPLE / "results.xlsx", motie_rubric)
    panel = read_panel([EXAMPLE / "panel"], motie_rubric)
    adjustments = read_adjustments(EXAMPLE / "adjustments.csv", motie_rubric)
    assert len(results.actuals) == 215
    members = {s.name: s.members for s in motie_rubric.subcommittees}
    assert members == {
        "산업정책": 4,
        "산업혁신성장": 5,
        "에너지자원": 6,
        "통상국제": 5,
        "무역투자": 4,
    }
    for task in motie_rubric.tasks:
        assert len(panel.sheets[task.code]) == members[task.assigned_subcommittee]
    assert len(panel.evaluators) == sum(members.values())
    evidence = {k: a.evidence for k, a in results.actuals.items() if a.evidence}
    assert "176억원" in evidence["Ⅰ-2-①-1"] and "739억원" in evidence["Ⅰ-2-①-1"]
    assert "10개 품목" in evidence["Ⅳ-3-①-1"]
    assert "뿌리산업 진흥 실행계획" in evidence["Ⅰ-2-①-2"]
    assert "정책협의회" in evidence["Ⅱ-3-③-2"]
    assert results.actuals["Ⅳ-2-①-2"].unit == "백만불"
    sb = evalkit.score(motie_rubric, results, panel, adjustments)
    assert len(sb.details) == 83
    assert list(sb.summary["count"]) == list(sb.summary["quota"])
    assert (EXAMPLE / "README.md").read_text(encoding="utf-8").count("synthetic") >= 1


def test_mini_example_scores(mini_rubric: Any) -> None:
    sb = evalkit.score(
        mini_rubric,
        read_results(MINI_DIR / "results.xlsx", mini_rubric),
        read_panel([MINI_DIR / "panel"], mini_rubric),
        read_adjustments(MINI_DIR / "adjustments.csv", mini_rubric),
    )
    assert len(sb.details) == 7
    assert sb.task("Ⅱ-1-②").indicators[0].actual_in_unit == Fraction("98.5")  # from 만B


# --------------------------------------------------------------------------------------------
# Bad input: each refused with file, sheet, row and column, and no output file


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
BAD: list[tuple[str, Callable[[Path], None], dict[str, Any]]] = [
    (
        "unknown indicator key",
        set_result("Ⅰ-1-①-1", 1, "Ⅰ-1-①-9"),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-①-1"),
            col="A",
            msg="unknown indicator 'Ⅰ-1-①-9'",
        ),
    ),
    (
        "duplicated indicator row",
        duplicate_result_row,
        dict(
            file=R,
            sheet="실적",
            row=20,
            col="A",
            msg=f"indicator Ⅰ-1-①-2 appears twice (first at sheet '실적', row "
            f"{results_row('Ⅰ-1-①-2')})",
        ),
    ),
    (
        "text in a numeric actual",
        set_result("Ⅰ-1-①-2", 11, "약 250건 내외"),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-①-2"),
            col="K",
            msg="text '약 250건 내외' in a numeric cell",
        ),
    ),
    (
        "blank actual",
        set_result("Ⅱ-1-①-2", 11, None),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅱ-1-①-2"),
            col="K",
            msg="indicator Ⅱ-1-①-2 (효율개선 지원 가구) has no 실적",
        ),
    ),
    (
        "incompatible unit column",
        set_result("Ⅰ-1-②-1", 12, "건"),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-②-1"),
            col="L",
            msg="indicator Ⅰ-1-②-1 (석박사 배출 인원수): '건' cannot convert to '명'",
        ),
    ),
    (
        "incompatible unit in the cell",
        in_cell_unit,
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-③-2"),
            col="K",
            msg="'억불' cannot convert to '억원'",
        ),
    ),
    (
        "unknown unit",
        set_result("Ⅱ-1-①-2", 12, "채"),
        dict(file=R, sheet="실적", row=results_row("Ⅱ-1-①-2"), col="L", msg="unknown unit '채'"),
    ),
    (
        "unreadable milestone",
        set_result("Ⅰ-2-①-2", 11, "추진 중"),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-2-①-2"),
            col="K",
            msg="milestone result '추진 중' is not one evalkit can read",
        ),
    ),
    (
        "formula without a saved value",
        set_result("Ⅰ-1-①-3", 11, "=90+3"),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-①-3"),
            col="K",
            msg="formula with no saved value",
        ),
    ),
    (
        "Excel error value",
        set_result("Ⅰ-1-①-4", 11, "#DIV/0!"),
        dict(
            file=R, sheet="실적", row=results_row("Ⅰ-1-①-4"), col="K", msg="the Excel error #DIV/0!"
        ),
    ),
    (
        "date in a numeric cell",
        set_result("Ⅱ-1-②-2", 11, dt.datetime(2024, 5, 1)),
        dict(file=R, sheet="실적", row=results_row("Ⅱ-1-②-2"), col="K", msg="holds a date"),
    ),
    (
        "stale target",
        set_result("Ⅰ-1-①-1", 8, 20),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-①-1"),
            col="H",
            msg="목표치 '20' differs from the rubric's target '17'",
        ),
    ),
    (
        "task code does not match the key",
        set_result("Ⅰ-1-①-1", 2, "Ⅰ-1-②"),
        dict(
            file=R,
            sheet="실적",
            row=results_row("Ⅰ-1-①-1"),
            col="B",
            msg="과제코드 'Ⅰ-1-②' does not match the key",
        ),
    ),
    (
        "score above the points",
        set_panel(IND, "위원2", "Ⅰ-1-②", 3, 16),
        dict(file=IND, sheet="위원2", row=5, col="C", msg="계획 score 16 is above its 15 points"),
    ),
    (
        "score below 0",
        set_panel(IND, "위원3", "Ⅰ-1-③", 5, -1),
        dict(file=IND, sheet="위원3", row=6, col="E", msg="성과 score -1 is below 0"),
    ),
    (
        "text in a score",
        set_panel(ENE, "위원1", "Ⅱ-1-②", 4, "보통"),
        dict(file=ENE, sheet="위원1", row=5, col="D", msg="text '보통' in a numeric cell"),
    ),
    (
        "unknown task code in a panel",
        set_panel(ENE, "위원4", "Ⅱ-1-③", 1, "Ⅱ-9-③"),
        dict(file=ENE, sheet="위원4", row=6, col="A", msg="unknown task code 'Ⅱ-9-③'"),
    ),
    (
        "duplicated task row",
        set_panel(IND, "위원2", "Ⅰ-1-③", 1, "Ⅰ-1-②"),
        dict(
            file=IND,
            sheet="위원2",
            row=6,
            col="A",
            msg="evaluator 위원2 scored task Ⅰ-1-② twice (first at sheet '위원2', row 5)",
        ),
    ),
    (
        "blank score cell",
        set_panel(ENE, "위원3", "Ⅱ-1-①", 6, None),
        dict(file=ENE, sheet="위원3", row=4, col="F", msg="task Ⅱ-1-①: no score for 환류"),
    ),
    (
        "row without any score",
        blank_scores,
        dict(file=IND, sheet="위원4", row=5, col="C", msg="위원4 gave no scores for task Ⅰ-1-②"),
    ),
    (
        "missing evaluator sheet",
        delete_sheet,
        dict(
            file=IND,
            sheet="위원4",
            row=None,
            col=None,
            msg="the evaluator sheet '위원4' is missing",
        ),
    ),
    (
        "deleted task row",
        delete_task_row,
        dict(
            file=IND,
            sheet="위원3",
            row=None,
            col=None,
            msg="evaluator 위원3 has no row for task Ⅰ-2-①",
        ),
    ),
    (
        "missing criterion column",
        delete_column,
        dict(file=ENE, sheet="위원1", row=3, col=None, msg="no column for the criterion 환류"),
    ),
    (
        "evaluator sheet without its header",
        header_deleted,
        dict(
            file=ENE,
            sheet="위원4",
            row=None,
            col=None,
            msg="the evaluator sheet '위원4' has no header row",
        ),
    ),
    (
        "template of another rubric",
        stale_points,
        dict(
            file=ENE,
            sheet="위원2",
            row=3,
            col="C",
            msg="the column 계획 says 20 points but the rubric gives 15",
        ),
    ),
    (
        "formula in a comment",
        formula_comment,
        dict(file=ENE, sheet="위원3", row=6, col="H", msg="우수사항: the cell holds a formula"),
    ),
    (
        "same evaluator in two files",
        extra_panel_csv,
        dict(
            file="추가.csv",
            sheet=None,
            row=2,
            col="B",
            msg="evaluator 위원1 scored task Ⅰ-1-① twice (first at 산업분과.xlsx, sheet '위원1', "
            "row 4)",
        ),
    ),
    (
        "adjustment for an unknown task",
        set_adj(4, 1, "Ⅰ-1-⑨"),
        dict(
            file="adjustments.xlsx", sheet="가감점", row=4, col="A", msg="unknown task code 'Ⅰ-1-⑨'"
        ),
    ),
    (
        "adjustment without a reason",
        set_adj(5, 4, None),
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=5,
            col="D",
            msg="가감점 for Ⅱ-1-② has no reason",
        ),
    ),
    (
        "adjustment points as text",
        set_adj(4, 3, "많이"),
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=4,
            col="C",
            msg="text '많이' in a numeric cell",
        ),
    ),
    (
        "adjustments over the limit",
        two_adjustments_over_limit,
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=7,
            col="C",
            msg="가감점 for Ⅰ-1-③ total 2.5 (row(s) 4, 6, 7), outside the rubric's limits -2..2",
        ),
    ),
    (
        "repeated adjustment row",
        repeated_adjustment,
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=6,
            col="A",
            msg="the 가감점 row for Ⅱ-1-② repeats row 5",
        ),
    ),
    (
        "corrupt workbook",
        write_file("results.xlsx", b"PK\x03\x04 not really a zip"),
        dict(file=R, sheet=None, row=None, col=None, msg="not a readable .xlsx workbook"),
    ),
]


@pytest.mark.parametrize(
    ("mutate", "want"), [(m, w) for _, m, w in BAD], ids=[name for name, _, _ in BAD]
)
def test_bad_input_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, mutate: Callable[[Path], None], want: dict[str, Any]
) -> None:
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


CSV_BAD: list[tuple[str, str, bytes, str, dict[str, Any]]] = [
    (
        "results CSV (CP949): text in a number",
        "results",
        "키,실적\r\nⅠ-1-①-1,18\r\nⅠ-1-①-2,이백오십\r\n".encode("cp949"),
        "text '이백오십' in a numeric cell",
        dict(row=3, col="B"),
    ),
    (
        "results CSV (UTF-8 BOM): duplicated row",
        "results",
        "\ufeff키,실적\nⅠ-1-①-1,18\nⅠ-1-①-1,19\n".encode(),
        "indicator Ⅰ-1-①-1 appears twice (first at row 2)",
        dict(row=3, col="A"),
    ),
    (
        "results CSV: incompatible unit",
        "results",
        "키,실적,단위\nⅠ-1-①-1,18,명\n".encode(),
        "'명' cannot convert to '건'",
        dict(row=2, col="C"),
    ),
    (
        "panel CSV: score above the points",
        "panel",
        "평가위원,과제코드,계획,집행,성과,환류\n김가온,Ⅰ-1-①,15,15,18.5,12\n".encode("cp949"),
        "성과 score 18.5 is above its 18 points",
        dict(row=2, col="E"),
    ),
    (
        "panel CSV: no evaluator column",
        "panel",
        "과제코드,계획,집행,성과,환류\nⅠ-1-①,15,15,18,12\n".encode(),
        "no 평가위원 (evaluator) column",
        dict(row=1, col=None),
    ),
    (
        "adjustments CSV (CP949): unknown task",
        "adjustments",
        "과제코드,가감점,사유\nⅢ-1-①,1,우수\n".encode("cp949"),
        "unknown task code 'Ⅲ-1-①'",
        dict(row=2, col="A"),
    ),
    (
        "results CSV: neither UTF-8 nor CP949",
        "results",
        b"\xef\xbb\xbf\x80\x81,1\n",
        "neither UTF-8 nor CP949",
        dict(row=None, col=None),
    ),
    (
        "results CSV: no header",
        "results",
        "Ⅰ-1-①-1,18\n".encode(),
        "no sheet has a header row",
        dict(row=None, col=None),
    ),
]


@pytest.mark.parametrize(
    ("kind", "data", "msg", "where"),
    [(k, d, m, w) for _, k, d, m, w in CSV_BAD],
    ids=[name for name, *_ in CSV_BAD],
)
def test_bad_csv_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, kind: str, data: bytes, msg: str, where: dict[str, Any]
) -> None:
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


@pytest.mark.parametrize(
    ("name", "msg"),
    [
        ("results.xls", "cannot read .xls files"),
        ("missing.xlsx", "file not found"),
        ("missing.csv", "file not found"),
    ],
)
def test_unreadable_files(mini_rubric: Any, tmp_path: Path, name: str, msg: str) -> None:
    path = tmp_path / name
    if name.endswith(".xls"):
        path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=msg) as err:
        read_results(path, mini_rubric)
    assert err.value.problems[0].file == str(path) and err.value.problems[0].fix


def test_all_problems_reported_in_one_pass(work: Path, mini_rubric: Any) -> None:
    for mutate in (
        set_result("Ⅰ-1-①-2", 11, "많음"),
        set_result("Ⅱ-1-①-2", 11, None),
        set_panel(IND, "위원2", "Ⅰ-1-②", 3, 16),
        set_panel(ENE, "위원1", "Ⅱ-1-②", 4, -2),
        set_adj(4, 1, "없음"),
    ):
        mutate(work)
    with pytest.raises(InputError) as err:
        run_pipeline(work, mini_rubric)
    assert len(err.value.problems) == 5
    assert {Path(p.file or "").name for p in err.value.problems} == {
        "results.xlsx",
        IND,
        ENE,
        "adjustments.xlsx",
    }
    assert not (work / "out").exists()


def test_cli_score_refuses_bad_panel_and_writes_nothing(work: Path) -> None:
    from typer.testing import CliRunner

    from evalkit.cli import app

    set_panel(IND, "위원2", "Ⅰ-1-②", 3, 16)(work)
    out = work / "out" / "scores.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "score",
            str(MINI),
            "--results",
            str(work / "results.xlsx"),
            "--panel",
            str(work / "panel"),
            "--adjustments",
            str(work / "adjustments.xlsx"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "sheet '위원2', row 5, column C" in result.output
    assert "above its 15 points" in result.output
    assert not out.exists()


def test_milestone_spelling(mini_rubric: Any, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    rows = ["키,실적", "Ⅰ-2-①-2,  수 립 "]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert read_results(path, mini_rubric).actuals["Ⅰ-2-①-2"].value == "수립"
    for text, done in (("달성", True), ("O", True), ("미달성", False), ("X", False)):
        path.write_text(f"키,실적\nⅠ-2-①-2,{text}\n", encoding="utf-8")
        actual = read_results(path, mini_rubric).actuals["Ⅰ-2-①-2"]
        ach = evalkit.achievement_rate(actual.value, "수립", kind="milestone")
        assert (ach.scored == 100) is done


def test_partial_results_file_is_read(mini_rubric: Any, tmp_path: Path) -> None:
    # a department's own file: only its rows; the engine reports the missing ones when scoring
    path = tmp_path / "r.csv"
    path.write_text("키,실적\nⅡ-1-③-1,70000\n", encoding="utf-8")
    results = read_results(path, mini_rubric)
    assert results.actuals == {"Ⅱ-1-③-1": Actual(Decimal(70000), None, "")}


def test_motie_rubric_reads_fresh_template_as_all_blank(motie_rubric: Any, tmp_path: Path) -> None:
    write_templates(motie_rubric, tmp_path)
    with pytest.raises(InputError) as err:
        read_results(tmp_path / "results.xlsx", motie_rubric)
    assert len(err.value.problems) == 215
    assert all(p.col == "K" and "has no 실적" in p.message for p in err.value.problems)
    _ = MOTIE


def test_read_inputs_reports_all_three_inputs_at_once(mini_rubric: Any, tmp_path: Path) -> None:
    results = tmp_path / "results.csv"
    results.write_text("키,실적\nⅨ-9-⑨-1,3\n", encoding="utf-8")
    panel = tmp_path / "panel.csv"
    panel.write_text("task,evaluator,plan\nⅨ-9-⑨,김,99\n", encoding="utf-8")
    adjustments = tmp_path / "adj.csv"
    adjustments.write_text("과제코드,가감점,사유\nⅨ-9-⑨,1,x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_inputs(mini_rubric, results, [panel], adjustments)
    files = {p.file for p in info.value.problems}
    assert files == {str(results), str(panel), str(adjustments)}


def test_read_inputs_reads_the_shipped_mini_example(mini_rubric: Any) -> None:
    res, pan, adj = read_inputs(
        mini_rubric,
        MINI_DIR / "results.xlsx",
        [MINI_DIR / "panel"],
        MINI_DIR / "adjustments.csv",
    )
    assert set(res.actuals) == {i.id for _, i in mini_rubric.iter_indicators()}
    assert set(pan.sheets) == {t.code for t in mini_rubric.tasks}
    assert adj is not None and adj.items
