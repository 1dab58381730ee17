"""``evalkit new-year`` through the command line."""

from __future__ import annotations

from pathlib import Path

from _paths import MINI, MOTIE
from typer.testing import CliRunner

import evalkit
from evalkit.cli import app

runner = CliRunner()


def _run(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_new_year_writes_a_draft_that_validates(tmp_path: Path) -> None:
    code, out = _run("new-year", MOTIE, "--year", 2025, "--out", tmp_path)
    assert code == 0, out
    assert "2024년도 → 2025년도 초안" in out and "비운 목표치 215개" in out
    assert (tmp_path / "motie-2025.yaml").is_file()
    assert len(list((tmp_path / "motie-2025").glob("goal-*.yaml"))) == 7
    code, out = _run("validate", tmp_path / "motie-2025.yaml")
    assert code == 0, out
    again = _run("new-year", MOTIE, "--year", 2025, "--out", tmp_path)
    assert again[0] == 1 and "이미 있는 파일" in again[1] and "--force" in again[1]
    assert _run("new-year", MOTIE, "--year", 2025, "--out", tmp_path, "--force")[0] == 0


def test_new_year_takes_last_years_actuals_from_scores(tmp_path: Path) -> None:
    m = MINI.parent
    scored = tmp_path / "scores.xlsx"
    code, out = _run(
        "score", MINI, "--results", m / "results.xlsx", "--panel", m / "panel", "--out", scored
    )
    assert code == 0, out
    code, out = _run("new-year", MINI, "--year", 2025, "--scores", scored, "--out", tmp_path / "n")
    assert code == 0, out
    assert "채운 2024년 실적 16개" in out
    r = evalkit.load_rubric(MINI)
    new = evalkit.validate_rubric(tmp_path / "n" / "rubric.yaml").rubric
    assert new is not None
    first = r.tasks[0].indicators[0]
    assert new.task(first.task_code).indicators[0].results[2024] is not None


def test_new_year_refuses_bad_input_in_korean_and_writes_nothing(tmp_path: Path) -> None:
    code, out = _run("new-year", MINI, "--year", 2023, "--out", tmp_path / "a")
    assert code == 1 and "--year" in out and "뒤가 아닙니다" in out
    code, out = _run(
        "new-year", MINI, "--year", 2025, "--scores", m_results(), "--out", tmp_path / "b"
    )
    assert code == 1 and "--scores" in out and "채점 결과가 아닙니다" in out
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def m_results() -> Path:
    return MINI.parent / "results.xlsx"


def test_a_draft_is_not_scored_until_its_targets_are_filled(tmp_path: Path) -> None:
    assert _run("new-year", MINI, "--year", 2025, "--out", tmp_path / "n")[0] == 0
    m = MINI.parent
    code, out = _run(
        "score",
        tmp_path / "n" / "rubric.yaml",
        "--results",
        m / "results.xlsx",
        "--panel",
        m / "panel",
        "--out",
        tmp_path / "s.xlsx",
    )
    assert code == 1 and "초안 루브릭" in out and "meta.draft" in out
    assert not (tmp_path / "s.xlsx").exists()
