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
def schema() -> None:
    """Print the rubric JSON Schema."""
    from .._rubric import Rubric as _Rubric

    sys.stdout.write(json.dumps(_Rubric.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
