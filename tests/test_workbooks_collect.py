"""Collecting a round: many department files, per-evaluator sheets, duplicates, the roster."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from _round_data import ROUND_YAML, make_round

from evalkit import load_rubric
from evalkit._errors import InputError
from evalkit._round import load_round
from evalkit.workbooks import Collected, collect_round


def _collect(path: Path, **kw: object) -> Collected:
    rf = load_round(path)
    return collect_round(rf, load_rubric(rf.rubric_path), **kw)  # type: ignore[arg-type]


def _errors(path: Path, **kw: object) -> list[str]:
    with pytest.raises(InputError) as exc:
        _collect(path, **kw)
    return [str(p) for p in exc.value.problems]


def _set_cell(path: Path, sheet: str | None, ref: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    ws[ref] = value
    wb.save(path)


def _header_col(path: Path, sheet: str, label: str) -> str:
    wb = openpyxl.load_workbook(path)
    for row in wb[sheet].iter_rows(max_row=6):
        for c in row:
            if c.value == label:
                return str(c.column_letter)
    raise KeyError(label)


def test_merges_every_file(tmp_path: Path) -> None:
    col = _collect(make_round(tmp_path))
    assert len(col.results.actuals) == 16
    assert all(len(v) == 4 for v in col.panel.sheets.values()) and len(col.panel.sheets) == 7
    assert not col.missing and len(col.files) == 16
    assert {f.kind for f in col.files} == {"실적", "평가표", "가감점"}
    assert all(not Path(f.name).is_absolute() and len(f.sha256) == 64 for f in col.files)


def test_identical_duplicate_results_are_taken_once(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    shutil.copy(tmp_path / "실적" / "Ⅰ-1-①.xlsx", tmp_path / "실적" / "사본.xlsx")
    assert len(_collect(path).results.actuals) == 16


def _filled_cell(path: Path) -> tuple[str, str]:
    """The first filled 실적 cell of a results workbook and its column letter."""
    col = _header_col(path, "실적", "실적")
    return col, f"{col}4"


def test_conflicting_results_name_both_files(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    src = tmp_path / "실적" / "Ⅱ-1-①.xlsx"
    copy = tmp_path / "실적" / "재제출.xlsx"
    shutil.copy(src, copy)
    _, ref = _filled_cell(copy)
    _set_cell(copy, "실적", ref, 1)
    out = _errors(path)
    assert any("실적/Ⅱ-1-①.xlsx" in p and "실적/재제출.xlsx" in p for p in out), out


def test_identical_duplicate_panel_sheet_is_taken_once(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    shutil.copy(
        tmp_path / "평가표/산업분과/위원1.xlsx", tmp_path / "평가표/산업분과/위원1-재송부.xlsx"
    )
    assert len(_collect(path).panel.sheets["Ⅰ-1-①"]) == 4


def test_conflicting_panel_sheets_name_both_files(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    copy = tmp_path / "평가표/산업분과/위원1-수정.xlsx"
    shutil.copy(tmp_path / "평가표/산업분과/위원1.xlsx", copy)
    col = _header_col(copy, "위원1", "과제코드")
    nxt = chr(ord(col) + 2)  # the first criterion column (after 과제명)
    _set_cell(copy, "위원1", f"{nxt}4", 0)
    out = _errors(path)
    assert any("위원1.xlsx" in p and "위원1-수정.xlsx" in p and "위원1" in p for p in out), out


def test_evaluator_not_on_the_roster(tmp_path: Path) -> None:
    path = make_round(
        tmp_path,
        ROUND_YAML.replace("[위원1, 위원2, 위원3, 위원4]", "[위원1, 위원2, 위원3, 홍길동]"),
    )
    out = _errors(path)
    assert any("위원4" in p and "명단에 없습니다" in p for p in out), out
    assert any("홍길동" in p and "아직 없습니다" in p for p in out), out


def test_department_file_of_another_year(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    f = tmp_path / "실적" / "Ⅰ-2-①.xlsx"
    wb = openpyxl.load_workbook(f)
    ws = wb["실적"]
    ws["A1"] = str(ws["A1"].value).replace("2024", "2023")
    wb.save(f)
    out = _errors(path)
    assert any("Ⅰ-2-①.xlsx" in p and "2023년도" in p and "row 1" in p for p in out), out


def test_round_year_differs_from_the_rubric(tmp_path: Path) -> None:
    out = _errors(make_round(tmp_path, ROUND_YAML.replace("year: 2024", "year: 2025")))
    assert any("2025" in p and "루브릭" in p for p in out), out


def test_roster_names_an_unknown_subcommittee(tmp_path: Path) -> None:
    out = _errors(make_round(tmp_path, ROUND_YAML.replace("{name: 에너지분과", "{name: 에너지")))
    assert any("'에너지'" in p and "루브릭에 없습니다" in p for p in out), out


def test_missing_department_file_is_an_error_listing_every_indicator(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    (tmp_path / "실적" / "Ⅱ-1-③.xlsx").unlink()
    out = _errors(path)
    n = len(load_rubric(tmp_path / "rubric.yaml").task("Ⅱ-1-③").indicators)
    assert sum("Ⅱ-1-③" in p and "아직 없습니다" in p for p in out) == n, out


def test_missing_evaluator_file(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    (tmp_path / "평가표/에너지분과/위원3.xlsx").unlink()
    out = _errors(path)
    assert sum("평가표 위원3" in p for p in out) == 3, out  # 에너지분과 has 3 tasks


def test_missing_inputs_are_listed_when_allowed(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    (tmp_path / "평가표/에너지분과/위원3.xlsx").unlink()
    (tmp_path / "실적" / "Ⅰ-1-②.xlsx").unlink()
    col = _collect(path, allow_missing=True)
    assert set(col.missing) == {"Ⅰ-1-②", "Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"}
    assert "Ⅰ-1-②" not in col.complete and "Ⅰ-1-①" in col.complete


def test_written_not_submitted_is_an_error_or_pending(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    f = tmp_path / "실적" / "Ⅰ-1-③.xlsx"
    _, ref = _filled_cell(f)
    _set_cell(f, "실적", ref, "미제출")
    out = _errors(path)
    assert any("미제출" in p and "--provisional" in p and "Ⅰ-1-③.xlsx" in p for p in out), out
    col = _collect(path, allow_missing=True)
    assert any("미제출" in w for w in col.missing["Ⅰ-1-③"])


def test_no_results_at_all(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    shutil.rmtree(tmp_path / "실적")
    (tmp_path / "실적").mkdir()
    out = _errors(path)
    assert any("실적 파일이 하나도 없습니다" in p for p in out), out


def test_unknown_subcommittee(tmp_path: Path) -> None:
    out = _errors(make_round(tmp_path), subcommittee="없는분과")
    assert any("없는분과" in p for p in out), out


def test_one_subcommittee_needs_only_its_files(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    shutil.rmtree(tmp_path / "평가표" / "산업분과")
    for f in (tmp_path / "실적").glob("Ⅰ-*.xlsx"):
        f.unlink()
    col = _collect(path, subcommittee="에너지분과")
    assert {t.code for t in col.tasks} == {"Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"} and not col.missing


def test_a_broken_file_does_not_hide_the_others(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    (tmp_path / "실적" / "Ⅰ-1-①.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "평가표/에너지분과/위원2.xlsx").write_bytes(b"junk")
    out = _errors(path)
    assert any("Ⅰ-1-①.xlsx" in p for p in out) and any("위원2.xlsx" in p for p in out), out
