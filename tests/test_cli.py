"""The evalkit command line: exit codes, messages with their place, no half-written output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
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


def test_a_rubric_with_very_many_mistakes_prints_a_bounded_message(tmp_path: Path) -> None:
    import time

    text = MINI.read_text(encoding="utf-8")
    bad = tmp_path / "many.yaml"
    bad.write_text(text + "".join(f"unknown_{i}: 0\n" for i in range(50_000)), encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["validate", str(bad)])
    assert time.perf_counter() - start < 15
    assert result.exit_code == 1
    assert "50000 error(s)" in result.output and "외 49,900건" in result.output
    assert len(result.output.encode()) < 100_000


def test_problem_text_is_printed_as_written_never_as_console_markup(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    bad = tmp_path / "markup.yaml"
    bad.write_text(text + '"[/]": 1\n"[bold red]x": 2\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1, result.output
    assert "[/]" in result.output and "[bold red]x" in result.output


# --- output the operating system refuses: a located message, exit 1, nothing left behind -------


def _no_temporaries(folder: Path) -> None:
    left = [p for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]
    assert left == []


def _out_case(tmp_path: Path, case: str) -> tuple[Path, str]:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    if case == "below-a-file":
        return blocker / "scores.xlsx", "파일이 있어 폴더를 만들 수 없습니다"
    if case == "deep-below-a-file":
        return blocker / "sub" / "scores.xlsx", "blocker 는 폴더가 아니라 파일입니다"
    if case == "folder-in-place":
        (tmp_path / "scores.xlsx").mkdir()
        return tmp_path / "scores.xlsx", "폴더가 있어"
    if case == "name-too-long":
        return tmp_path / ("가" * 100 + ".xlsx"), "길이보다 깁니다"  # 300 bytes of UTF-8
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case", ["below-a-file", "deep-below-a-file", "folder-in-place", "name-too-long"]
)
def test_score_out_the_system_refuses_is_a_located_error(tmp_path: Path, case: str) -> None:
    target, words = _out_case(tmp_path, case)
    result = runner.invoke(app, ["score", *_score_args(target)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, OSError) and "Traceback" not in result.output
    assert words in result.output and "fix:" in result.output
    _no_temporaries(tmp_path)


def test_score_out_in_a_folder_without_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as for a read-only folder (root may write)
    result = runner.invoke(app, ["score", *_score_args(tmp_path / "ro" / "scores.xlsx")])
    assert result.exit_code == 1, result.output
    assert "쓸 권한이 없습니다" in result.output and str(tmp_path / "ro") in result.output
    _no_temporaries(tmp_path)


@pytest.mark.parametrize("case", ["out-is-a-file", "below-a-file"])
def test_report_out_the_system_refuses_is_a_located_error(tmp_path: Path, case: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    out_dir = blocker if case == "out-is-a-file" else blocker / "reports"
    args = _score_args(out_dir)
    result = runner.invoke(app, ["report", *args, "--format", "docx"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and str(out_dir) in result.output
    assert "파일" in result.output and "fix:" in result.output
    assert blocker.read_text() == "a file"
    _no_temporaries(tmp_path)


@pytest.mark.parametrize("char", ["\x0b", "\x1b"])
def test_a_control_character_in_an_input_is_refused_and_printed_safely(
    tmp_path: Path, char: str
) -> None:
    adj = tmp_path / "adjustments.csv"
    text = (MINI_DIR / "adjustments.csv").read_text(encoding="utf-8-sig")
    adj.write_text(
        text.replace("공급망 대응 우수", f"공급망{char}[31m 대응 우수"), encoding="utf-8"
    )
    args = _score_args(tmp_path / "scores.xlsx")
    args[args.index("--adjustments") + 1] = str(adj)
    result = runner.invoke(app, ["score", *args])
    assert result.exit_code == 1, result.output
    assert "제어 문자" in result.output and repr(char)[1:-1] in result.output
    assert char not in result.output  # shown as \x1b, never sent to the terminal
    assert str(adj) in result.output and "row 2" in result.output
    assert not (tmp_path / "scores.xlsx").exists()


# --- signals: SIGTERM and Ctrl-C end the run, its workers and its temporaries -----------------


def _group(pgid: int) -> list[int]:
    """The live processes of process group ``pgid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_during_a_pdf_in_parts_ends_everything_and_leaves_no_temporaries(
    tmp_path: Path, name: str, code: int
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    pytest.importorskip("weasyprint")
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"an earlier output")
    root = Path(__file__).resolve().parents[1]
    command = ["demo", "--format", "pdf", "--jobs", "2", "--out", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "evalkit.cli", *command],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    try:
        deadline = time.monotonic() + 120
        while len(_group(proc.pid)) < 3:  # the command and its two PDF workers
            assert proc.poll() is None and time.monotonic() < deadline, "no PDF workers"
            time.sleep(0.05)
        sig = getattr(signal, name)
        start = time.monotonic()
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground group
        else:
            os.kill(proc.pid, sig)  # `kill PID` reaches the command only
        _, stderr = proc.communicate(timeout=30)
        assert time.monotonic() - start < 10
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == code, stderr.decode()
    assert "Traceback" not in stderr.decode()
    time.sleep(0.2)
    assert _group(proc.pid) == []  # no worker left behind
    assert sorted(p.name for p in out.iterdir()) == ["old.pdf", "scores.xlsx"]
    assert (out / "old.pdf").read_bytes() == b"an earlier output"
