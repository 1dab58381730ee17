"""``evalkit report`` and ``evalkit demo``: the result report; the shipped example end to end."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from .._errors import EvalkitError
from ..report import DEFAULT_FORMATS
from ._common import (
    EXAMPLE_DIR,
    EXAMPLE_RUBRIC,
    AdjustmentsOpt,
    ByOpt,
    FormatOpt,
    JobsOpt,
    app,
    check_rubric,
    err,
    fail,
    out,
    parse_formats,
    print_ranking,
    render_reports,
    score_inputs,
)
from ._names import task_or_exit
from ._roundrun import (
    ProvisionalOpt,
    RuleOpt,
    SubcommitteeOpt,
    print_scoreboard,
    score_run,
)


@app.command()
def report(
    rubric: Annotated[Path, typer.Argument(help="루브릭 YAML 또는 회차 파일 round.yaml")],
    out_dir: Annotated[Path, typer.Option("--out", help="output folder")],
    results: Annotated[Path | None, typer.Option(help="filled results.xlsx or CSV")] = None,
    panel: Annotated[
        list[Path] | None,
        typer.Option("--panel", help="panel workbook/CSV or a folder (repeatable)"),
    ] = None,
    adjustments: AdjustmentsOpt = None,
    fmt_: FormatOpt = None,
    subcommittee: SubcommitteeOpt = None,
    task: Annotated[
        str | None,
        typer.Option(help="이 과제 하나의 결과표 (과제 코드: Ⅰ-1-① 또는 I-1-1, 1-1-1)"),
    ] = None,
    by: ByOpt = None,
    rule: RuleOpt = None,
    provisional: ProvisionalOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Write the evaluation report (자체평가 결과보고서) as DOCX, PDF and/or HWPX.

    The scoring is the one ``score`` runs, with the same options (one pipeline). The formats
    are --format's, else the round file's report.formats, else docx,pdf.
    """
    if fmt_ is not None:
        formats = parse_formats(fmt_)
    if subcommittee and task:
        err.print("give either --subcommittee or --task, not both")
        raise typer.Exit(2)
    run = score_run(rubric, results, panel, adjustments, by, rule, subcommittee, provisional)
    sb = run.scoreboard
    subcommittee = run.subcommittee
    task = task_or_exit([t.code for t in sb.rubric.tasks], task)
    if sb.provisional:
        print_scoreboard(sb)
    info = None
    if fmt_ is None:
        rf = run.round_file
        given = ",".join(rf.round.report.formats if rf is not None else DEFAULT_FORMATS)
        formats = parse_formats(given, where=f"{rf.path.name}: report.formats" if rf else None)
    if run.round_file is not None:
        from ..report import RoundInfo

        col = run.collected
        info = RoundInfo.of(run.round_file.round, col.results.departments if col else None)
    for p in render_reports(sb, out_dir, formats, subcommittee, task, jobs, round_info=info):
        out.print(f"wrote {p}")


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="output folder")] = Path("out"),
    fmt_: FormatOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Run the shipped 2024 example end to end: validate, score, both reports."""
    formats = parse_formats(fmt_ or ",".join(DEFAULT_FORMATS))
    if not EXAMPLE_DIR.is_dir():
        err.print(f"example folder {EXAMPLE_DIR} not found (run from a source checkout)")
        raise typer.Exit(1)
    out.rule("1. validate")
    check_rubric(EXAMPLE_RUBRIC, False)
    out.rule("2. score")
    adj = EXAMPLE_DIR / "adjustments.csv"
    sb = score_inputs(
        EXAMPLE_RUBRIC,
        EXAMPLE_DIR / "results.xlsx",
        [EXAMPLE_DIR / "panel"],
        adj if adj.exists() else None,
        None,
        "trimmed",
    )
    print_ranking(sb)
    from ..workbooks import write_scoreboard
    from ._audit import audit_relative_to

    # Named relative to the checkout, so the demo's scores.xlsx is the same in every checkout.
    sources = {**sb.sources, "adjustments": str(adj) if adj.exists() else None}
    sb, audit = audit_relative_to(dataclasses.replace(sb, sources=sources), EXAMPLE_DIR.parents[1])
    try:
        out.print(f"wrote {write_scoreboard(sb, out_dir / 'scores.xlsx', audit=audit)}")
    except EvalkitError as exc:
        raise fail(exc, "write") from None
    out.rule("3. reports")
    for p in render_reports(sb, out_dir, formats, None, None, jobs, example=True):
        out.print(f"wrote {p}")
