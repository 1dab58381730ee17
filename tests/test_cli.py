"""The evalkit command line: exit codes, messages with their place, no half-written output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
    # Schema errors are all reported together; the tasks they break are not checked again.
    # The cross-field checks of the valid parts run in the same pass (next tests).
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


MINI_DIR = MINI.parent


def _score_args(out: Path) -> list[str]:
    return [
        str(MINI),
        "--results",
        str(MINI_DIR / "results.xlsx"),
        "--panel",
        str(MINI_DIR / "panel"),
        "--adjustments",
        str(MINI_DIR / "adjustments.csv"),
        "--out",
        str(out),
    ]


def test_template_then_score_round_trip(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(MINI), "--out", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t" / "results.xlsx").exists()
    again = runner.invoke(app, ["template", str(MINI), "--out", str(tmp_path / "t")])
    assert again.exit_code == 1 and "results.xlsx" in again.output
    forced = runner.invoke(app, ["template", str(MINI), "--out", str(tmp_path / "t"), "--force"])
    assert forced.exit_code == 0, forced.output


def test_score_prints_ranking_and_writes_workbook(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", *_score_args(tmp_path / "scores.xlsx")])
    assert result.exit_code == 0, result.output
    assert "매우우수" in result.output and "Ⅰ-1-①" in result.output
    assert (tmp_path / "scores.xlsx").stat().st_size > 0


def test_score_refuses_bad_panel_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "panel.csv"
    bad.write_text("task,evaluator,plan\nⅨ-9-⑨,김,99\n", encoding="utf-8")
    args = _score_args(tmp_path / "scores.xlsx")
    args[args.index("--panel") + 1] = str(bad)
    result = runner.invoke(app, ["score", *args])
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert not (tmp_path / "scores.xlsx").exists()


def test_report_docx_for_one_subcommittee(tmp_path: Path) -> None:
    args = _score_args(tmp_path / "r")
    result = runner.invoke(app, ["report", *args, "--format", "docx", "--subcommittee", "산업분과"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "r").iterdir())
    assert files == ["자체평가_결과보고서_2024_산업분과.docx"]


def test_report_unknown_task_writes_nothing(tmp_path: Path) -> None:
    args = _score_args(tmp_path / "r")
    result = runner.invoke(app, ["report", *args, "--format", "docx", "--task", "Ⅸ-9-⑨"])
    assert result.exit_code == 1
    assert "Ⅸ-9-⑨" in result.output and "--task" in result.output
    # Refused before anything is staged: not even the output folder is made.
    assert not (tmp_path / "r").exists()


def test_demo_runs_the_2024_example(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path), "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert "83 관리과제" in result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["scores.xlsx", "자체평가_결과보고서_2024.docx"]


def test_report_passes_jobs_to_the_pdf_renderer(tmp_path: Path, monkeypatch: Any) -> None:
    seen: list[int | None] = []

    def fake_pdf(report: Any, options: Any, progress: Any = None) -> bytes:
        seen.append(options.jobs)
        return b"%PDF-"

    from evalkit.renderers import RENDERERS

    monkeypatch.setattr(RENDERERS["pdf"], "render", fake_pdf)
    args = _score_args(tmp_path / "r")
    result = runner.invoke(app, ["report", *args, "--format", "pdf", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert seen == [1]
    bad = runner.invoke(app, ["report", *args, "--format", "pdf", "--jobs", "0"])
    assert bad.exit_code == 2 and "--jobs" in bad.output


def test_version_prints_the_package_version() -> None:
    from evalkit._version import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"evalkit {__version__}"
    helped = runner.invoke(app, ["--help"])
    assert "버전을 출력" in helped.output


def test_schema_kinds_and_out_file(tmp_path: Path) -> None:
    kinds = (("goal", "StrategicGoal"), ("전략목표", "StrategicGoal"), ("round", "Round"))
    for kind, title in kinds:
        result = runner.invoke(app, ["schema", "--kind", kind])
        assert result.exit_code == 0, result.output
        schema = json.loads(result.stdout)
        assert schema["title"] == title and schema["$schema"].endswith("2020-12/schema")
    target = tmp_path / "s" / "rubric.schema.json"
    result = runner.invoke(app, ["schema", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["$id"] == "urn:evalkit:schema:rubric:1"
    bad = runner.invoke(app, ["schema", "--kind", "task"])
    assert bad.exit_code == 1 and "--kind" in bad.output and "rubric" in bad.output


def test_validate_shows_scheme_and_weight_errors_in_one_pass(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "weight: 0.3, target: 266", "weight: 0.4, target: 266"
    )
    assert "percent: 10}" in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("percent: 10}", "percent: 15}", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "2 error(s)" in result.output
    assert "grade_scheme" in result.output and "sum to 105" in result.output
    assert "tasks[Ⅰ-1-①].weighting" in result.output and "sum to 1.1" in result.output
