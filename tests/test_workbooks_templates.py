"""Blank workbooks for a round (``write_templates``): files, layout, options, refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from _workbooks import ENE, EVALUATORS, IND, row_of

from evalkit import InputError
from evalkit.workbooks import write_templates


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
        "주관부서",
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
