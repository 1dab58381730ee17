"""``evalkit whatif``: hypothetical 가감점 or evaluator scores, and every task they move.

Writes nothing: the round is read and scored as ``evalkit score`` does, the changes are applied
in memory (:func:`evalkit.what_if`) and the tasks whose grade or rank would change are printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .._errors import EvalkitError, InputError, Problem
from ._common import AdjustmentsOpt, ByOpt, app, fail, out
from ._roundrun import ProvisionalOpt, RuleOpt, score_run

__all__ = ["parse_changes", "whatif"]


def parse_changes(adjust: list[str], set_: list[str]) -> list[Any]:
    """``--adjust 과제=점수`` and ``--set 과제:위원:항목=점수`` as what-if changes; every
    malformed one is reported at once."""
    from .._whatif import AdjustmentChange, CriterionScoreChange

    changes: list[Any] = []
    problems: list[Problem] = []
    for text in adjust:
        code, eq, points = text.partition("=")
        if not eq or not code.strip() or not points.strip():
            problems.append(
                Problem(
                    f"--adjust {text!r}을(를) 읽을 수 없습니다",
                    field="--adjust",
                    fix="과제코드=가감점 으로 적으십시오 (예: --adjust Ⅰ-1-①=+1.5)",
                )
            )
            continue
        changes.append(AdjustmentChange(code.strip(), points.strip()))
    for text in set_:
        where, eq, points = text.partition("=")
        parts = [p.strip() for p in where.split(":")]
        if not eq or len(parts) != 3 or not all(parts) or not points.strip():
            problems.append(
                Problem(
                    f"--set {text!r}을(를) 읽을 수 없습니다",
                    field="--set",
                    fix="과제코드:위원:항목=점수 로 적으십시오 (예: --set Ⅰ-1-①:위원1:outcome=16)",
                )
            )
            continue
        changes.append(CriterionScoreChange(parts[0], parts[1], parts[2], points.strip()))
    if problems:
        raise InputError(problems, f"가정 변경 {len(problems)}건을 읽을 수 없습니다")
    return changes


@app.command()
def whatif(
    source: Annotated[Path, typer.Argument(help="루브릭 YAML 또는 회차 파일 round.yaml")],
    results: Annotated[Path | None, typer.Option(help="실적 results.xlsx 또는 CSV")] = None,
    panel: Annotated[
        list[Path] | None,
        typer.Option("--panel", help="평가위원 채점표 파일/CSV 또는 폴더 (반복 가능)"),
    ] = None,
    adjustments: AdjustmentsOpt = None,
    by: ByOpt = None,
    rule: RuleOpt = None,
    provisional: ProvisionalOpt = False,
    adjust: Annotated[
        list[str] | None,
        typer.Option(
            "--adjust",
            help="가정: 과제의 가감점 합계를 이 값으로 (과제코드=점수, 예: Ⅰ-1-①=+1.5; 반복 가능)",
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="가정: 한 위원의 한 항목 점수를 이 값으로 "
            "(과제코드:위원:항목=점수, 예: Ⅰ-1-①:위원1:outcome=16; 반복 가능)",
        ),
    ] = None,
    ranks: Annotated[
        bool, typer.Option("--ranks", help="등급은 그대로이고 순위만 바뀌는 과제도 보여 줌")
    ] = False,
) -> None:
    """가정 산정: 가감점·위원 점수를 바꾸면 등급이 바뀌는 과제를 모두 보여 줌 (파일은 쓰지 않음)."""
    from .._numbers import fmt
    from .._whatif import what_if

    try:
        changes = parse_changes(list(adjust or ()), list(set_ or ()))
    except InputError as exc:
        raise fail(exc, "whatif") from None
    if not changes:
        from ._common import err

        err.print("가정할 변경을 --adjust 또는 --set으로 하나 이상 주십시오")
        raise typer.Exit(2)
    run = score_run(source, results, panel, adjustments, by, rule, None, provisional)
    try:
        answer = what_if(run.scoreboard, changes)
    except EvalkitError as exc:
        raise fail(exc, "whatif") from None
    print_answer(answer, fmt, ranks)


def print_answer(answer: Any, fmt: Any, ranks: bool = False) -> None:
    """The tasks whose grade changes (with ``ranks``, also those whose rank alone changes)."""
    from rich.table import Table

    sb = answer.after
    dec = sb.rubric.grade_scheme.decimals
    shown = answer.moved if ranks else answer.grade_changes
    rank_only = len(answer.moved) - len(answer.grade_changes)
    if not shown:
        out.print(
            "등급이 바뀌는 과제가 없습니다." if not ranks else "등급·순위가 바뀌는 과제가 없습니다."
        )
    grouped = sb.by is not None
    table = Table(
        title=f"가정 산정: 등급이 바뀌는 과제 {len(answer.grade_changes)}개"
        + (f", 순위만 바뀌는 과제 {rank_only}개" if ranks else "")
    )
    for col, justify in (
        ("과제", "left"),
        ("과제명", "left"),
        ("점수", "right"),
        ("등급", "center"),
        ("분과 내 순위" if grouped else "순위", "right"),
        ("", "left"),
    ):
        table.add_column(col, justify=justify, max_width=28)  # type: ignore[arg-type]
    for m in shown:
        rank = (
            (m.group_rank_before, m.group_rank_after) if grouped else (m.rank_before, m.rank_after)
        )
        grade = m.grade_after if not m.grade_changed else f"{m.grade_before} → {m.grade_after}"
        total = (
            fmt(m.total_after, dec)
            if m.total_before == m.total_after
            else f"{fmt(m.total_before, dec)} → {fmt(m.total_after, dec)}"
        )
        table.add_row(
            m.task,
            m.name,
            total,
            f"[bold]{grade}[/]" if m.grade_changed else grade,
            f"{rank[0]} → {rank[1]}",
            "가정 변경" if m.changed_inputs else "",
        )
    if shown:
        out.print(table)
    if rank_only and not ranks:
        out.print(f"순위만 바뀌는 과제 {rank_only}개는 --ranks로 봅니다.")
