"""``evalkit validate`` and ``evalkit schema``: the rubric's own commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .._schema import SchemaKind
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
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="rubric(루브릭 파일), goal(include:로 나눈 전략목표 파일), "
            "round(회차 파일 round.yaml)",
        ),
    ] = "rubric",
    round_: Annotated[bool, typer.Option("--round", help="--kind round와 같음")] = False,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="표준 출력 대신 이 파일에 씀 (예: rubric.schema.json)"),
    ] = None,
) -> None:
    """편집기용 JSON Schema(draft 2020-12)를 출력합니다. 설정법: docs/schema.md."""
    from .._schema import json_schema
    from ._names import choice_or_exit

    chosen: SchemaKind = "round" if round_ else choice_or_exit(kind, _KIND_CHOICES, "--kind")
    text = json.dumps(json_schema(chosen), ensure_ascii=False, indent=2) + "\n"
    if out_file is None:
        sys.stdout.write(text)
        return
    from .._files import write_files

    for p in write_files([(out_file, text.encode("utf-8"))]):
        out.print(f"wrote {p}")


_KIND_CHOICES: dict[str, SchemaKind] = {
    "rubric": "rubric",
    "루브릭": "rubric",
    "goal": "goal",
    "전략목표": "goal",
    "round": "round",
    "회차": "round",
}
