"""성과지표 실적 (``results.xlsx`` or CSV): read back exactly, bad rows refused with their place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _paths import MOTIE
from _workbooks import (
    EXPECTED_RESULTS,
    BadCase,
    CsvCase,
    R,
    assert_csv_located,
    assert_located,
    duplicate_result_row,
    in_cell_unit,
    results_row,
    set_result,
)

import evalkit
from evalkit import Actual, InputError
from evalkit.workbooks import read_results, write_templates


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


BAD_RESULTS: list[BadCase] = [
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
]


@pytest.mark.parametrize(
    ("mutate", "want"),
    [(m, w) for _, m, w in BAD_RESULTS],
    ids=[name for name, _, _ in BAD_RESULTS],
)
def test_bad_results_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, mutate: Callable[[Path], None], want: dict[str, Any]
) -> None:
    assert_located(work, mini_rubric, mutate, want)


CSV_BAD_RESULTS: list[CsvCase] = [
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
    [(k, d, m, w) for _, k, d, m, w in CSV_BAD_RESULTS],
    ids=[name for name, *_ in CSV_BAD_RESULTS],
)
def test_bad_results_csv_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, kind: str, data: bytes, msg: str, where: dict[str, Any]
) -> None:
    assert_csv_located(work, mini_rubric, kind, data, msg, where)


def test_the_department_column_is_read_per_task(mini_rubric: Any, tmp_path: Path) -> None:
    """주관부서 (as the template and the department files carry it) goes to the report."""
    path = tmp_path / "r.csv"
    path.write_text(
        "키,실적,주관부서\nⅠ-1-③-1,9,산업정책과\nⅠ-1-③-2,739,산업정책과·기술정책과\nⅠ-1-①-1,18,\n",
        encoding="utf-8",
    )
    res = read_results(path, mini_rubric)
    assert res.departments == {"Ⅰ-1-③": ("산업정책과", "기술정책과")}
    plain = tmp_path / "p.csv"
    plain.write_text("키,실적\nⅠ-1-③-1,9\n", encoding="utf-8")
    assert read_results(plain, mini_rubric).departments == {}
