"""``evalkit template`` and ``evalkit score``: blank workbooks out, filled ones scored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .._errors import EvalkitError
from ._common import (
    AdjustmentsOpt,
    ByOpt,
    PanelOpt,
    ResultsOpt,
    RubricArg,
    app,
    err,
    fail,
    load_or_exit,
    out,
    print_ranking,
    score_inputs,
)


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
    from ..workbooks import write_templates

    r = load_or_exit(rubric)
    if evaluators is not None and evaluator:
        err.print("give either --evaluators N or --evaluator NAME, not both")
        raise typer.Exit(2)
    who: int | list[str] | None = list(evaluator) if evaluator else evaluators
    try:
        paths = write_templates(
            r, out_dir, subcommittee=subcommittee, evaluators=who, overwrite=force
        )
    except EvalkitError as exc:
        raise fail(exc, "template") from None
    for p in paths:
        out.print(f"wrote {p}")


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
    from ..workbooks import write_scoreboard

    sb = score_inputs(rubric, results, panel, adjustments, by, rule)
    print_ranking(sb)
    try:
        path = write_scoreboard(sb, out_file)
    except EvalkitError as exc:
        raise fail(exc, "write") from None
    out.print(f"wrote {path}")
