"""``evalkit template`` and ``evalkit score``: blank workbooks out, filled ones scored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .._errors import EvalkitError
from .._identifiers import SPLIT_CHOICES
from ._audit import audit_of
from ._common import (
    AdjustmentsOpt,
    ByOpt,
    RubricArg,
    app,
    err,
    fail,
    load_or_exit,
    out,
)
from ._names import subcommittee_or_exit
from ._roundrun import (
    ProvisionalOpt,
    RuleOpt,
    SubcommitteeOpt,
    print_scoreboard,
    score_run,
)


@app.command()
def template(
    rubric: RubricArg,
    out_dir: Annotated[Path, typer.Option("--out", help="folder for the blank workbooks")],
    subcommittee: Annotated[
        str | None, typer.Option(help="이 분과의 과제만 ('분과'와 띄어쓰기는 생략 가능)")
    ] = None,
    evaluators: Annotated[int | None, typer.Option(help="number of evaluators")] = None,
    evaluator: Annotated[list[str] | None, typer.Option(help="evaluator name (repeat)")] = None,
    force: Annotated[bool, typer.Option("--force", help="overwrite existing workbooks")] = False,
    split: Annotated[
        list[str] | None,
        typer.Option(
            help="나눠 쓰기: department 또는 주관부서(주관부서별 실적 파일), "
            "evaluator 또는 평가위원(평가위원별 평가표); 반복 가능"
        ),
    ] = None,
) -> None:
    """Write blank workbooks: results.xlsx and one score sheet per evaluator."""
    from ..workbooks import write_split_templates, write_templates

    r = load_or_exit(rubric)
    subcommittee = subcommittee_or_exit(r, subcommittee)
    split = [SPLIT_CHOICES.get(s.strip(), s) for s in split or ()]
    if evaluators is not None and evaluator:
        err.print("give either --evaluators N or --evaluator NAME, not both")
        raise typer.Exit(2)
    bad = [s for s in split or () if s not in ("department", "evaluator")]
    if bad:
        err.print(
            "--split에는 department(주관부서) 또는 evaluator(평가위원)를 쓰십시오 "
            f"(받은 값: {', '.join(bad)})"
        )
        raise typer.Exit(2)
    who: int | list[str] | None = list(evaluator) if evaluator else evaluators
    try:
        if split:
            names = None
            if who is not None:
                listed = [f"위원{i}" for i in range(1, who + 1)] if isinstance(who, int) else who
                names = {s.name: listed for s in r.subcommittees}
            paths = write_split_templates(
                r,
                out_dir,
                by_department="department" in split,
                by_evaluator="evaluator" in split,
                subcommittee=subcommittee,
                evaluators=names,
                overwrite=force,
            )
        else:
            paths = write_templates(
                r, out_dir, subcommittee=subcommittee, evaluators=who, overwrite=force
            )
    except EvalkitError as exc:
        raise fail(exc, "template") from None
    for p in paths:
        out.print(f"wrote {p}")


@app.command()
def score(
    rubric: Annotated[Path, typer.Argument(help="루브릭 YAML 또는 회차 파일 round.yaml")],
    out_file: Annotated[Path, typer.Option("--out", help="output .xlsx or .csv")],
    results: Annotated[Path | None, typer.Option(help="filled results.xlsx or CSV")] = None,
    panel: Annotated[
        list[Path] | None,
        typer.Option("--panel", help="panel workbook/CSV or a folder (repeatable)"),
    ] = None,
    adjustments: AdjustmentsOpt = None,
    by: ByOpt = None,
    rule: RuleOpt = None,
    subcommittee: SubcommitteeOpt = None,
    provisional: ProvisionalOpt = False,
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="평가위원 이름을 위원 A, B, …로 바꿔 씀")
    ] = False,
) -> None:
    """Score every task, rank into grades, print the ranking and write OUT."""
    from ..workbooks import read_scored, read_scored_inputs, write_scoreboard
    from ._diff import print_changes, read_previous

    run = score_run(rubric, results, panel, adjustments, by, rule, subcommittee, provisional)
    print_scoreboard(run.scoreboard)
    before = read_previous(out_file)
    sb, audit = audit_of(run, anonymise)
    try:
        path = write_scoreboard(sb, out_file, audit=audit)
    except EvalkitError as exc:
        raise fail(exc, "write") from None
    out.print(f"wrote {path}")
    if before is not None:
        out.rule(f"이전 {out_file.name}과(와) 달라진 점")
        print_changes(before[0], read_scored(path), before[1], read_scored_inputs(path))
