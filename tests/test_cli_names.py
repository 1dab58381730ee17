"""Typed task codes, subcommittees and option values through every CLI option that takes one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from _paths import MINI
from _round_data import make_round
from typer.testing import CliRunner

from evalkit.cli import app

runner = CliRunner()
M = MINI.parent


def _run(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def _flags(out: Path) -> list[object]:
    return [
        MINI,
        "--results",
        M / "results.xlsx",
        "--panel",
        M / "panel",
        "--adjustments",
        M / "adjustments.csv",
        "--out",
        out,
    ]


def test_report_task_in_latin_numerals(tmp_path: Path) -> None:
    code, out = _run("report", *_flags(tmp_path / "r"), "--format", "docx", "--task", "I-1-1")
    assert code == 0, out
    assert [p.name for p in (tmp_path / "r").iterdir()] == ["자체평가_결과표_2024_Ⅰ-1-①.docx"]


def test_report_ambiguous_task_lists_the_choices_and_writes_nothing(tmp_path: Path) -> None:
    code, out = _run("report", *_flags(tmp_path / "r"), "--format", "docx", "--task", "Ⅰ-1")
    assert code == 1
    assert "--task" in out and "3개" in out and "Ⅰ-1-①" in out and "Ⅰ-1-③" in out
    assert not (tmp_path / "r").exists()


def test_report_subcommittee_as_printed(tmp_path: Path) -> None:
    code, out = _run(
        "report", *_flags(tmp_path / "r"), "--format", "docx", "--subcommittee", "에너지 분과"
    )
    assert code == 0, out
    assert [p.name for p in (tmp_path / "r").iterdir()] == [
        "자체평가_결과보고서_2024_에너지분과.docx"
    ]


def test_unknown_subcommittee_is_korean_and_lists_names(tmp_path: Path) -> None:
    code, out = _run("score", *_flags(tmp_path / "s.xlsx"), "--subcommittee", "환경")
    assert code == 1
    assert "--subcommittee" in out and "'환경'" in out and "루브릭에 없습니다" in out
    assert "산업분과" in out and "에너지분과" in out
    assert not (tmp_path / "s.xlsx").exists()


def test_score_by_korean_alias_matches_english(tmp_path: Path) -> None:
    assert _run("score", *_flags(tmp_path / "a.xlsx"), "--by", "subcommittee")[0] == 0
    code, out = _run("score", *_flags(tmp_path / "b.xlsx"), "--by", "분과", "--rule", "절사평균")
    assert code == 0, out
    assert "분과 내 순위" in out
    a = openpyxl.load_workbook(tmp_path / "a.xlsx")["tasks"]
    b = openpyxl.load_workbook(tmp_path / "b.xlsx")["tasks"]
    assert list(a.iter_rows(values_only=True)) == list(b.iter_rows(values_only=True))


def test_unknown_by_lists_the_choices(tmp_path: Path) -> None:
    code, out = _run("score", *_flags(tmp_path / "s.xlsx"), "--by", "부서")
    assert code == 1
    assert "--by" in out and "'부서'" in out and "subcommittee" in out and "전체" in out
    assert not (tmp_path / "s.xlsx").exists()


def test_by_all_overrides_the_round_files_grouping(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "scoring: {panel_rule: trimmed}", "scoring: {panel_rule: trimmed, by: subcommittee}"
        ),
        encoding="utf-8",
    )
    code, out = _run("score", path, "--out", tmp_path / "a.xlsx")
    assert code == 0 and "분과 내 순위" in out, out
    code, out = _run("score", path, "--by", "전체", "--out", tmp_path / "b.xlsx")
    assert code == 0 and "분과 내 순위" not in out and "순위" in out, out


def test_template_and_status_take_the_subcommittee_as_typed(tmp_path: Path) -> None:
    code, out = _run("template", MINI, "--out", tmp_path / "t", "--subcommittee", "산업")
    assert code == 0, out
    path = make_round(tmp_path / "round")
    code, out = _run("status", path, "--subcommittee", "에너지 분과")
    assert code == 0, out
    assert "에너지분과" in out and "산업분과" not in out
    code, out = _run("template", MINI, "--out", tmp_path / "u", "--split", "주관부서")
    assert code == 0, out
