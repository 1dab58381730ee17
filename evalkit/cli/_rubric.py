"""``evalkit validate`` and ``evalkit schema``: the rubric's own commands."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ._common import RubricArg, app, check_rubric, out


@app.command()
def validate(
    rubric: RubricArg,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every warning")] = False,
) -> None:
    """Check a rubric: every error with file, line, field and fix; a warning summary."""
    check_rubric(rubric, verbose)
    out.print("[green]valid[/]")


@app.command()
def schema(
    round_: Annotated[
        bool, typer.Option("--round", help="회차 파일(round.yaml)의 스키마를 출력")
    ] = False,
) -> None:
    """Print the rubric JSON Schema (or, with --round, the round file's)."""
    from .._round import Round as _Round
    from .._rubric import Rubric as _Rubric

    model = _Round if round_ else _Rubric
    sys.stdout.write(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
