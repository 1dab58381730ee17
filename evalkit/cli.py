"""The ``evalkit`` command line: validate, schema, template, score, report, demo.

Every command exits non-zero on bad input, prints each problem with its place and fix, and
writes no output file unless everything succeeded.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ._errors import EvalkitError, InputError, Problem
from ._loader import ValidationReport, load_rubric, validate_rubric
from ._numbers import fmt
from ._rubric import Rubric

app = typer.Typer(
    name="evalkit",
    help="자체평가 (self-evaluation): rubric in, scores and 7-grade ranking out, "
    "HWP-style reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "examples" / "motie-2024"
EXAMPLE_RUBRIC = Path(__file__).resolve().parent.parent / "rubrics" / "motie-2024.yaml"


def _print_problems(problems: Sequence[Problem], title: str) -> None:
    errors = [p for p in problems if p.severity == "error"]
    err.print(f"[bold red]{title}[/]: {len(errors)} error(s)")
    for p in errors:
        err.print(f"  [red]✗[/] {p.location}: {p.message}", soft_wrap=True)
        if p.fix:
            err.print(f"      [dim]fix:[/] {p.fix}", soft_wrap=True)


def _fail(exc: EvalkitError, title: str = "evalkit") -> typer.Exit:
    if isinstance(exc, InputError):
        _print_problems(exc.problems, title)
    else:
        err.print(f"[bold red]{title}[/]: {exc}", soft_wrap=True)
    return typer.Exit(1)


def _load(rubric: Path) -> Rubric:
    try:
        return load_rubric(rubric)
    except EvalkitError as exc:
        raise _fail(exc, f"rubric {rubric}") from None


def _print_validation(report: ValidationReport, path: Path, verbose: bool) -> None:
    s = report.summary()
    if report.rubric is not None:
        out.print(
            f"[bold]{path}[/]: {s['strategic_goals']} 전략목표, {s['performance_goals']} "
            f"성과목표, {s['tasks']} 관리과제, {s['indicators']} 성과지표"
        )
    warnings = report.warnings
    if report.rubric is not None:
        out.print(
            f"warnings: {s['assumed_weights']} task(s) with assumed weights, "
            f"{s['data_notes']} data note(s), {len(warnings)} warning(s)"
        )
    if verbose:
        for w in warnings:
            out.print(f"  [yellow]![/] {w.location}: {w.message}", soft_wrap=True)
    elif warnings:
        out.print("  (run with --verbose to list every warning)")


# Arguments and options that several commands share, declared once.
RubricArg = Annotated[Path, typer.Argument(help="rubric YAML file")]
ResultsOpt = Annotated[Path, typer.Option(help="filled results.xlsx or CSV")]
PanelOpt = Annotated[
    list[Path], typer.Option("--panel", help="panel workbook/CSV or a folder (repeatable)")
]
AdjustmentsOpt = Annotated[Path | None, typer.Option(help="가감점 CSV/xlsx")]
ByOpt = Annotated[str | None, typer.Option(help="grade within groups, e.g. subcommittee")]
FormatOpt = Annotated[str, typer.Option("--format", help="docx, pdf or docx,pdf")]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        help="processes for a long PDF (default: EVALKIT_JOBS, else every CPU; 1: one process)",
    ),
]


@app.command()
def validate(
    rubric: RubricArg,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every warning")] = False,
) -> None:
    """Check a rubric: every error with file, line, field and fix; a warning summary."""
    _check_rubric(rubric, verbose)
    out.print("[green]valid[/]")


def _check_rubric(rubric: Path, verbose: bool) -> None:
    """Validate ``rubric``: print every error and exit 1, or print the warning summary."""
    report = validate_rubric(rubric)
    if report.errors:
        _print_problems(report.problems, f"rubric {rubric}")
        raise typer.Exit(1)
    _print_validation(report, rubric, verbose)


@app.command()
def schema() -> None:
    """Print the rubric JSON Schema."""
    from ._rubric import Rubric as _Rubric

    sys.stdout.write(json.dumps(_Rubric.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command()
def template(
    rubric: RubricArg,
    out_dir: Annotated[Path, typer.Option("--out", help="folder for the blank workbooks")],
    subcommittee: Annotated[str | None, typer.Option(help="only this subcommittee's tasks")] = None,
    evaluators: Annotated[int | None, typer.Option(help="number of evaluators")] = None,
    evaluator: Annotated[list[str] | None, typer.Option(help="evaluator name (repeat)")] = None,
    force: Annotated[bool, typer.Option("--force", help="overwrite existing workbooks")] = False,
) -> None:
    """Write blank workbooks: results.xlsx and one score sheet per evaluator."""
    from .workbooks import write_templates

    r = _load(rubric)
    if evaluators is not None and evaluator:
        err.print("give either --evaluators N or --evaluator NAME, not both")
        raise typer.Exit(2)
    who: int | list[str] | None = list(evaluator) if evaluator else evaluators
    try:
        paths = write_templates(
            r, out_dir, subcommittee=subcommittee, evaluators=who, overwrite=force
        )
    except EvalkitError as exc:
        raise _fail(exc, "template") from None
    for p in paths:
        out.print(f"wrote {p}")


def _score(
    rubric: Path,
    results: Path,
    panel: Sequence[Path],
    adjustments: Path | None,
    by: str | None,
    rule: str,
) -> Any:
    from ._scoring import score as run_score
    from .workbooks import read_inputs

    r = _load(rubric)
    try:
        res, pan, adj = read_inputs(r, results, panel, adjustments)
    except InputError as exc:
        raise _fail(exc, "inputs") from None
    try:
        return run_score(r, res, pan, adj, by=by, panel_rule=rule)  # type: ignore[arg-type]
    except EvalkitError as exc:
        raise _fail(exc, "score") from None


def _print_ranking(sb: Any) -> None:
    dec = sb.rubric.grade_scheme.decimals
    table = Table(title=f"{sb.rubric.meta.title} — 순위", show_lines=False)
    for col, justify in (
        ("순위", "right"),
        ("과제", "left"),
        ("과제명", "left"),
        ("분과", "left"),
        ("점수", "right"),
        ("등급", "center"),
        ("상위등급까지", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for d in sb.ranking():
        table.add_row(
            str(d.rank),
            d.task.code,
            d.task.name,
            d.task.assigned_subcommittee or "",
            fmt(d.total, dec),
            d.grade,
            "" if d.to_next_grade is None else fmt(d.to_next_grade, dec),
        )
    out.print(table)
    dist = Table(title="등급 분포 (배분 기준 대비)")
    for col in ("등급", "비율(%)", "배분", "실제"):
        dist.add_column(col, justify="right")
    for _, row in sb.summary.iterrows():
        dist.add_row(str(row["grade"]), f"{row['percent']:g}", str(row["quota"]), str(row["count"]))
    out.print(dist)


@app.command()
def score(
    rubric: RubricArg,
    results: ResultsOpt,
    panel: PanelOpt,
    out_file: Annotated[Path, typer.Option("--out", help="output .xlsx or .csv")],
    adjustments: AdjustmentsOpt = None,
    by: ByOpt = None,
    rule: Annotated[str, typer.Option(help="panel rule: trimmed, mean, median")] = "trimmed",
) -> None:
    """Score every task, rank into grades, print the ranking and write OUT."""
    from .workbooks import write_scoreboard

    sb = _score(rubric, results, panel, adjustments, by, rule)
    _print_ranking(sb)
    try:
        path = write_scoreboard(sb, out_file)
    except EvalkitError as exc:
        raise _fail(exc, "write") from None
    out.print(f"wrote {path}")


@contextmanager
def _staging(out_dir: Path) -> Iterator[Path]:
    """A temporary folder beside ``out_dir``; its files move in only when all succeeded."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".evalkit-", dir=out_dir))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _render(
    sb: Any,
    out_dir: Path,
    formats: Sequence[str],
    subcommittee: str | None,
    task: str | None,
    jobs: int | None = None,
) -> list[Path]:
    from rich.progress import Progress

    from . import report as report_mod

    written: list[Path] = []
    with _staging(out_dir) as tmp, Progress(console=err, transient=True) as progress:
        bar = progress.add_task("rendering", total=None)

        def tick(msg: str) -> None:
            progress.update(bar, description=msg)

        try:
            staged = report_mod.write_reports(
                sb, tmp, formats, subcommittee=subcommittee, task=task, progress=tick, jobs=jobs
            )
        except EvalkitError as exc:
            progress.stop()
            raise _fail(exc, "report") from None
        for p in staged:
            final = out_dir / p.name
            p.replace(final)
            written.append(final)
    return written


def _formats(text: str) -> list[str]:
    fmts = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in fmts if f not in ("docx", "pdf")]
    if bad or not fmts:
        err.print(f"unknown format(s) {', '.join(bad) or text!r}; use docx, pdf or docx,pdf")
        raise typer.Exit(2)
    return fmts


@app.command()
def report(
    rubric: RubricArg,
    results: ResultsOpt,
    panel: PanelOpt,
    out_dir: Annotated[Path, typer.Option("--out", help="output folder")],
    adjustments: AdjustmentsOpt = None,
    fmt_: FormatOpt = "docx,pdf",
    subcommittee: Annotated[str | None, typer.Option(help="subcommittee report")] = None,
    task: Annotated[str | None, typer.Option(help="one-task sheet for this task code")] = None,
    by: ByOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Write the evaluation report (자체평가 결과보고서) as DOCX and/or PDF."""
    formats = _formats(fmt_)
    if subcommittee and task:
        err.print("give either --subcommittee or --task, not both")
        raise typer.Exit(2)
    sb = _score(rubric, results, panel, adjustments, by, "trimmed")
    for p in _render(sb, out_dir, formats, subcommittee, task, jobs):
        out.print(f"wrote {p}")


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="output folder")] = Path("out"),
    fmt_: FormatOpt = "docx,pdf",
    jobs: JobsOpt = None,
) -> None:
    """Run the shipped 2024 example end to end: validate, score, both reports."""
    formats = _formats(fmt_)
    if not EXAMPLE_DIR.is_dir():
        err.print(f"example folder {EXAMPLE_DIR} not found (run from a source checkout)")
        raise typer.Exit(1)
    out.rule("1. validate")
    _check_rubric(EXAMPLE_RUBRIC, False)
    out.rule("2. score")
    adj = EXAMPLE_DIR / "adjustments.csv"
    sb = _score(
        EXAMPLE_RUBRIC,
        EXAMPLE_DIR / "results.xlsx",
        [EXAMPLE_DIR / "panel"],
        adj if adj.exists() else None,
        None,
        "trimmed",
    )
    _print_ranking(sb)
    from .workbooks import write_scoreboard

    out_dir.mkdir(parents=True, exist_ok=True)
    out.print(f"wrote {write_scoreboard(sb, out_dir / 'scores.xlsx')}")
    out.rule("3. reports")
    for p in _render(sb, out_dir, formats, None, None, jobs):
        out.print(f"wrote {p}")


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    app(args=list(argv) if argv is not None else None, prog_name="evalkit")


if __name__ == "__main__":  # pragma: no cover
    main()
