"""Scoring a round the same way for ``score`` and ``report``: from a round file or from the
explicit flags, for the whole round or one subcommittee, complete or provisional.

잠정 산정 (``--provisional``): a task whose results or evaluator sheets are not all in is left
out: it gets no score, no rank and no grade (미산정), and is not counted when the grade quotas
are worked out, so the quotas apply to the tasks that could be scored. Every output names the
left-out tasks and says the ranking is provisional; nothing is ever scored as zero.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from .._errors import EvalkitError, InputError, Problem
from ._common import fail, load_or_exit, refuse_draft

SubcommitteeOpt = Annotated[
    str | None,
    typer.Option(
        help="이 분과의 과제만 (그 분과의 자료만 있으면 됨; '분과'와 띄어쓰기는 생략 가능)"
    ),
]
ProvisionalOpt = Annotated[
    bool,
    typer.Option(
        "--provisional",
        help="잠정 산정: 자료가 덜 온 과제는 미산정으로 빼고 나머지로 순위를 냄",
    ),
]
RuleOpt = Annotated[
    str | None,
    typer.Option(
        help="평가위원 점수 집계: trimmed(절사평균), mean(평균), median(중앙값) (기본 trimmed)"
    ),
]


@dataclasses.dataclass(frozen=True)
class RoundRun:
    """What one scoring run used: the scoreboard, and for a round file its collected inputs."""

    scoreboard: Any
    round_file: Any = None  # RoundFile
    collected: Any = None  # Collected
    subcommittee: str | None = None  # as the rubric names it


def is_round(path: Path) -> bool:
    from .._round import is_round_file

    return is_round_file(path)


def load_round_or_exit(path: Path) -> Any:
    from .._round import load_round

    try:
        return load_round(path)
    except EvalkitError as exc:
        raise fail(exc, f"회차 파일 {path}") from None


def score_run(
    source: Path,
    results: Path | None,
    panel: Sequence[Path] | None,
    adjustments: Path | None,
    by: str | None,
    rule: str | None,
    subcommittee: str | None,
    provisional: bool,
) -> RoundRun:
    """Score a round file or the flag-given inputs; exit 1 with every problem on bad input.

    ``by``, ``rule`` and ``subcommittee`` may be written as typed (``분과``, ``절사평균``,
    ``에너지자원 분과``); the run records the subcommittee's name as the rubric writes it.
    """
    from .._scoring import score as run_score
    from ._names import by_or_exit, rule_or_exit, subcommittee_or_exit

    by_given, by = by_or_exit(by)
    rule = rule_or_exit(rule)
    if is_round(source):
        if results is not None or panel or adjustments is not None:
            from ._common import err

            err.print(
                "회차 파일을 주면 --results, --panel, --adjustments는 쓰지 않습니다 "
                "(회차 파일의 inputs를 고치십시오)"
            )
            raise typer.Exit(2)
        rf = load_round_or_exit(source)
        rubric = load_or_exit(rf.rubric_path)
        refuse_draft(rubric)
        subcommittee = subcommittee_or_exit(rubric, subcommittee)
        from ..workbooks import collect_round

        try:
            col = collect_round(rf, rubric, subcommittee=subcommittee, allow_missing=provisional)
        except InputError as exc:
            raise fail(exc, "입력 자료") from None
        by = by if by_given else rf.round.scoring.by
        rule = rule or rf.round.scoring.panel_rule
        codes = col.complete if provisional else tuple(t.code for t in col.tasks)
        res, pan, adj = col.results, col.panel, col.adjustments
    else:
        if results is None or not panel:
            from ._common import err

            err.print(
                "루브릭으로 실행할 때는 --results와 --panel이 필요합니다 "
                "(또는 첫 인자로 round.yaml을 주십시오)"
            )
            raise typer.Exit(2)
        rf = col = None
        rubric = load_or_exit(source)
        refuse_draft(rubric)
        subcommittee = subcommittee_or_exit(rubric, subcommittee)
        from ..workbooks import read_inputs

        pending: set[str] = set()
        blank_rows: set[tuple[str, str]] = set()
        try:
            if provisional:
                res, pan, adj = _read_provisional(
                    rubric, results, panel, adjustments, pending, blank_rows
                )
            else:
                res, pan, adj = read_inputs(rubric, results, panel, adjustments)
        except InputError as exc:
            raise fail(exc, "inputs") from None
        tasks = [
            t
            for t in rubric.tasks
            if subcommittee is None or t.assigned_subcommittee == subcommittee
        ]
        if subcommittee is not None and not tasks:
            raise fail(
                InputError(
                    [
                        Problem(
                            f"분과 {subcommittee!r}에 속한 과제가 없습니다",
                            field="--subcommittee",
                            fix="루브릭의 분과명 중 하나를 쓰십시오: "
                            + ", ".join(s.name for s in rubric.subcommittees),
                        )
                    ]
                ),
                "inputs",
            )
        codes = tuple(t.code for t in tasks)
        if subcommittee is not None and not _flag_missing(rubric.tasks, res, pan, pending):
            # Every task's inputs are here: rank over all of them, as without the flag; the
            # subcommittee only selects what is shown. Otherwise only its own tasks count.
            codes = tuple(t.code for t in rubric.tasks)
        missing_map = _flag_missing(tasks, res, pan, pending) if provisional else {}
        for code, who in sorted(blank_rows):
            if code in codes:
                missing_map[code] = (*missing_map.get(code, ()), f"평가표 {who}")
        codes = tuple(c for c in codes if c not in missing_map)
    rule = rule or "trimmed"
    if provisional and not codes:
        raise fail(
            InputError(
                [
                    Problem(
                        "자료가 모두 모인 과제가 하나도 없어 잠정 순위도 낼 수 없습니다",
                        fix="evalkit status로 빠진 자료를 확인하십시오",
                    )
                ]
            ),
            "잠정 산정",
        )
    try:
        sb = run_score(rubric, res, pan, adj, by=by, panel_rule=rule, tasks=codes)  # type: ignore[arg-type]
    except EvalkitError as exc:
        raise fail(exc, "score") from None
    if provisional:
        pending_map = col.missing if col is not None else missing_map
        sb = dataclasses.replace(sb, pending=dict(pending_map))
    if col is None:
        sb = dataclasses.replace(
            sb, sources={**sb.sources, "adjustments": adj.source if adj else None}
        )
    if col is not None:
        sb = dataclasses.replace(
            sb,
            sources={
                "results": col.results.source,
                "panel": col.panel.source,
                "adjustments": col.adjustments.source if col.adjustments else None,
            },
        )
    return RoundRun(sb, rf, col, subcommittee)


def _read_provisional(
    rubric: Any,
    results: Path,
    panel: Sequence[Path],
    adjustments: Path | None,
    pending: set[str],
    blank_rows: set[tuple[str, str]],
) -> tuple[Any, Any, Any]:
    """As ``read_inputs``, but blank or 미제출 results and blank score rows are not errors."""
    from ..workbooks import read_adjustments, read_panel, read_results

    problems: list[Problem] = []
    res = pan = adj = None
    try:
        res = read_results(results, rubric, pending=pending)
    except InputError as exc:
        problems += exc.problems
    try:
        pan = read_panel(panel, rubric, pending=blank_rows)
    except InputError as exc:
        problems += exc.problems
    if adjustments is not None:
        try:
            adj = read_adjustments(adjustments, rubric)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return res, pan, adj


def _flag_missing(tasks: Sequence[Any], res: Any, pan: Any, pending: set[str]) -> dict[str, Any]:
    """Tasks without every result or without any evaluator sheet (flag form)."""
    out: dict[str, tuple[str, ...]] = {}
    for t in tasks:
        what = [
            f"실적 {i.id} ({'미제출' if i.id in pending else '행 없음'})"
            for i in t.indicators
            if i.id not in res.actuals
        ]
        if not pan.sheets.get(t.code):
            what.append("평가표 없음")
        if what:
            out[t.code] = tuple(what)
    return out


def print_scoreboard(sb: Any) -> None:
    """The ranking: as before for one group; sectioned per group with ``--by``; 미산정 last."""
    from rich.table import Table

    from .._numbers import fmt
    from ._common import out, print_ranking

    if sb.provisional:
        out.print(
            f"[bold yellow]잠정 산정[/]: 자료가 덜 온 {len(sb.pending)}개 과제는 미산정으로 빼고 "
            f"{len(sb.details)}개 과제로 순위를 냈습니다 (등급 배분도 {len(sb.details)}개 기준)"
        )
    if sb.by is None:
        print_ranking(sb)
    else:
        dec = sb.rubric.grade_scheme.decimals
        groups: dict[str, list[Any]] = {}
        for d in sorted(sb.details, key=lambda d: (d.group or "", d.group_rank or 0, d.task.code)):
            groups.setdefault(d.group or "", []).append(d)
        for g, items in groups.items():
            table = Table(title=f"{g} — 분과 내 순위 ({len(items)}개 과제)")
            for col, justify in (
                ("분과 내 순위", "right"),
                ("과제", "left"),
                ("과제명", "left"),
                ("점수", "right"),
                ("등급", "center"),
                ("상위등급까지", "right"),
            ):
                table.add_column(col, justify=justify)  # type: ignore[arg-type]
            for d in items:
                table.add_row(
                    f"{d.group_rank}위 / {len(items)}개",
                    d.task.code,
                    d.task.name,
                    fmt(d.total, dec),
                    d.grade,
                    "" if d.to_next_grade is None else fmt(d.to_next_grade, dec),
                )
            out.print(table)
            dist = Table(title=f"{g} 등급 분포")
            for col in ("등급", "과제 수"):
                dist.add_column(col, justify="right")
            counts: dict[str, int] = {}
            for d in items:
                counts[d.grade] = counts.get(d.grade, 0) + 1
            for grade in [g_.name for g_ in sb.rubric.grade_scheme.grades]:
                dist.add_row(grade, str(counts.get(grade, 0)))
            out.print(dist)
    if sb.pending:
        table = Table(title="미산정 과제 (잠정 순위에서 제외)")
        table.add_column("과제")
        table.add_column("빠진 자료")
        for code, what in sb.pending.items():
            table.add_row(code, ", ".join(what))
        out.print(table)
