"""``evalkit diff OLD NEW``: what moved between two scored workbooks; ``score`` prints the same
summary when it overwrites an earlier one."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from .._errors import EvalkitError
from ._common import app, fail, out


def _show(v: Any) -> str:
    return "-" if v is None else str(v)


def print_changes(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    old_inputs: Mapping[str, Any] | None = None,
    new_inputs: Mapping[str, Any] | None = None,
) -> int:
    """Print every moved task as a Korean table; return how many moved."""
    from rich.table import Table

    from .._diff import compare

    changes = compare(old, new, old_inputs, new_inputs)
    if not changes:
        out.print("바뀐 과제가 없습니다 (점수·등급·순위 모두 같음)")
        return 0
    table = Table(title=f"바뀐 과제 {len(changes)}개")
    for col in ("과제", "과제명", "점수", "등급", "순위", "바뀐 것", "비고"):
        table.add_column(col)
    for c in changes:
        a, b = c.old, c.new
        table.add_row(
            c.code,
            c.name,
            f"{_show(a and a.total)} → {_show(b and b.total)}",
            f"{_show(a and a.grade)} → {_show(b and b.grade)}",
            f"{_show(a and a.rank)} → {_show(b and b.rank)}",
            ", ".join(c.what),
            "자기 점수는 그대로, 다른 과제 변화로 밀림"
            if c.displaced
            else ("바뀐 입력: " + ", ".join(c.causes) if c.causes else ""),
        )
    out.print(table)
    return len(changes)


def read_previous(path: Path) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """The scored workbook about to be overwritten (rows, inputs), or None (absent, unreadable)."""
    from ..workbooks import read_scored, read_scored_inputs

    if not path.is_file() or path.suffix.lower() != ".xlsx":
        return None
    try:
        return read_scored(path), read_scored_inputs(path)
    except EvalkitError:
        return None


def _scored(path: Path) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """A scored workbook's rows and inputs; a round file is scored first, exactly as
    ``evalkit score round.yaml`` does, into a temporary workbook that is read back."""
    import tempfile

    from ..workbooks import read_scored, read_scored_inputs, write_scoreboard
    from ._audit import audit_of
    from ._roundrun import is_round, score_run

    if not is_round(path):
        return read_scored(path), read_scored_inputs(path)
    run = score_run(path, None, None, None, None, None, None, False)
    sb, audit = audit_of(run, False)
    with tempfile.TemporaryDirectory(prefix="evalkit-diff-") as tmp:
        scored = write_scoreboard(sb, Path(tmp) / "scores.xlsx", audit=audit)
        return read_scored(scored), read_scored_inputs(scored)


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="이전 채점 결과 scores.xlsx 또는 회차 파일 round.yaml")
    ],
    new: Annotated[Path, typer.Argument(help="새 채점 결과 scores.xlsx 또는 회차 파일 round.yaml")],
) -> None:
    """두 채점 결과(또는 두 회차)를 비교해 점수·등급·순위가 바뀐 과제를 모두 보여 줍니다.

    회차 파일은 score 명령과 똑같이 채점한 뒤 비교합니다.
    """
    try:
        (a, a_inputs), (b, b_inputs) = _scored(old), _scored(new)
    except EvalkitError as exc:
        raise fail(exc, "diff") from None
    print_changes(a, b, a_inputs, b_inputs)
