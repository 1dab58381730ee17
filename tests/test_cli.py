"""The evalkit command line: exit codes, messages with their place, no half-written output."""

from __future__ import annotations

import json
from pathlib import Path

from _paths import MINI
from typer.testing import CliRunner

from evalkit.cli import app

runner = CliRunner()


def test_validate_ok_prints_summary() -> None:
    result = runner.invoke(app, ["validate", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "7 관리과제" in result.output and "16 성과지표" in result.output
    assert "1 task(s) with assumed weights" in result.output
    assert "valid" in result.output


def test_validate_verbose_lists_warnings() -> None:
    result = runner.invoke(app, ["validate", "--verbose", str(MINI)])
    assert result.exit_code == 0
    assert "tasks[Ⅰ-1-②].weighting" in result.output and "equal weights 1/3" in result.output


def test_validate_reports_every_error_with_place(tmp_path: Path) -> None:
    # Schema errors are all reported together; cross-field checks (weight sums, codes) run
    # once the schema holds, and are also all reported together (next test).
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("weight: 0.3, target: 266", "weight: abc, target: 266")
    text = text.replace("direction: down}", "direction: sideways}", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    out = result.output
    assert "2 error(s)" in out
    assert f"{bad}, line" in out
    assert "tasks[Ⅱ-1-①].indicators[1].direction" in out and "sideways" in out
    assert "tasks[Ⅰ-1-①].indicators[2].weight" in out and "'abc'" in out
    assert "fix:" in out


def test_validate_cross_field_errors_are_reported_together(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "weight: 0.3, target: 266", "weight: 0.4, target: 266"
    )
    text = text.replace("code: Ⅱ-1-③", "code: Ⅱ-1-②")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "2 error(s)" in result.output
    assert "tasks[Ⅰ-1-①].weighting" in result.output
    assert "sum to 1.1" in result.output
    assert "task code 'Ⅱ-1-②' is used twice" in result.output


def test_validate_missing_file() -> None:
    result = runner.invoke(app, ["validate", "no/such/rubric.yaml"])
    assert result.exit_code == 1
    assert "no/such/rubric.yaml" in result.output and "not found" in result.output


def test_schema_is_json() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Rubric"
    assert "GradeScheme" in schema["$defs"]


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            str(MINI),
            "--results",
            "x.xlsx",
            "--panel",
            "p",
            "--format",
            "odt",
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert "odt" in result.output
    assert not (tmp_path / "o").exists()
