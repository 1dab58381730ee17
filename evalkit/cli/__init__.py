"""The ``evalkit`` command line: validate, schema, template, score, report, demo, whatif.

Every command exits non-zero on bad input, prints each problem with its place and fix, and
writes no output file unless everything succeeded.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Annotated

import typer

from .._version import __version__
from ._common import app

# Each command module registers its commands on `app` when imported; `--help` lists them in
# this order (the round's order: rubric, workbooks and scores, reports).
for _module in ("_rubric", "_year", "_roundfile", "_round", "_report", "_diff", "_whatif"):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"evalkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="evalkit 버전을 출력하고 끝냅니다",
        ),
    ] = False,
) -> None:
    """자체평가 명령 모음 (도움말은 Typer 앱의 help에 있음)."""


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    app(args=list(argv) if argv is not None else None, prog_name="evalkit")
