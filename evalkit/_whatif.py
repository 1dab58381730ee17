"""What-if (가정 산정): hypothetical changes to a scored round, and every task they move.

The question a committee asks in its meeting: "if this task's 가감점 were +1, or this evaluator
had given 성과 16 instead of 14, whose grade would change?" :func:`what_if` answers it from a
:class:`~evalkit.Scoreboard` alone (it keeps each task's evaluator sheets and adjustments),
with the scoreboard's own rules (panel rule, ``by`` grouping, grade scheme), and writes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import cast

from ._errors import InputError, Problem, ScoringError
from ._inputs import Adjustment, EvaluatorSheet, Panel, Results
from ._numbers import to_fraction
from ._panel import Aggregation, aggregate_panel
from ._scoring import Scoreboard, TaskScore, _rank

__all__ = ["AdjustmentChange", "CriterionScoreChange", "TaskChange", "WhatIf", "what_if"]


@dataclass(frozen=True)
class AdjustmentChange:
    """Suppose the task's 가감점 were ``points`` in all (it replaces the task's adjustments)."""

    task: str
    points: Decimal | Fraction | int | float | str
    reason: str = "가정 산정(what-if)"


@dataclass(frozen=True)
class CriterionScoreChange:
    """Suppose ``evaluator`` had given ``points`` on ``criterion`` (a panel criterion id)."""

    task: str
    evaluator: str
    criterion: str
    points: Decimal | Fraction | int | float | str


Change = AdjustmentChange | CriterionScoreChange


@dataclass(frozen=True)
class TaskChange:
    """One task whose grade or rank the changes move (before → after)."""

    task: str
    name: str
    total_before: Fraction
    total_after: Fraction
    grade_before: str
    grade_after: str
    rank_before: int
    rank_after: int
    group_rank_before: int | None = None
    group_rank_after: int | None = None
    changed_inputs: bool = False  # True when a change names this task itself

    @property
    def grade_changed(self) -> bool:
        return self.grade_before != self.grade_after


@dataclass(frozen=True)
class WhatIf:
    """The answer: the changes, the scoreboards before and after, and the tasks moved."""

    changes: tuple[Change, ...]
    before: Scoreboard
    after: Scoreboard
    moved: tuple[TaskChange, ...]

    @property
    def grade_changes(self) -> tuple[TaskChange, ...]:
        return tuple(m for m in self.moved if m.grade_changed)


def _points(value: object, what: str, problems: list[Problem], field: str) -> Fraction | None:
    try:
        return to_fraction(value)
    except ValueError:
        problems.append(
            Problem(
                f"{what}: {value!r}은(는) 숫자가 아닙니다", field=field, fix="숫자로 적으십시오"
            )
        )
        return None


def _check(sb: Scoreboard, changes: Sequence[Change]) -> list[Problem]:
    """Every problem with the changes at once (unknown task, evaluator, criterion, limits)."""
    rubric = sb.rubric
    codes = {d.task.code: d for d in sb.details}
    panel_points = {c.id: Fraction(c.points) for c in rubric.criteria.panel}
    lo, hi = Fraction(rubric.adjustments.min), Fraction(rubric.adjustments.max)
    problems: list[Problem] = []
    for ch in changes:
        d = codes.get(ch.task)
        if d is None:
            pending = ch.task in sb.pending
            problems.append(
                Problem(
                    f"과제 {ch.task!r}은(는) "
                    + ("잠정 산정에서 빠진(미산정) 과제입니다" if pending else "채점표에 없습니다"),
                    field=ch.task,
                    fix="산정된 과제의 코드를 쓰십시오",
                )
            )
            continue
        if isinstance(ch, AdjustmentChange):
            pts = _points(ch.points, f"과제 {ch.task} 가감점", problems, ch.task)
            if pts is not None and not lo <= pts <= hi:
                problems.append(
                    Problem(
                        f"과제 {ch.task}의 가정 가감점 {_show(pts)}점이 루브릭 한도 "
                        f"{rubric.adjustments.min}~{rubric.adjustments.max}점을 벗어납니다",
                        field=ch.task,
                        fix="가감점 한도 안의 값으로 가정하십시오",
                    )
                )
            continue
        where = f"과제 {ch.task}, 위원 {ch.evaluator}, 항목 {ch.criterion}"
        if sb.standardised:
            problems.append(
                Problem(
                    f"{where}: 위원별 표준화를 한 산정에서는 위원 점수를 가정할 수 없습니다 "
                    "(한 점수가 그 위원의 모든 과제를 바꿈)",
                    field=ch.criterion,
                    fix="표준화 없이 산정한 결과로 가정하거나, 채점표를 고쳐 다시 산정하십시오",
                )
            )
            continue
        if ch.criterion not in panel_points:
            problems.append(
                Problem(
                    f"{where}: 평가위원이 채점하는 항목이 아닙니다",
                    field=ch.criterion,
                    fix=f"{', '.join(panel_points) or '(위원 채점 항목 없음)'} 중 하나를 쓰십시오",
                )
            )
            continue
        sheets = d.panel.sheets if d.panel is not None else ()
        if ch.evaluator not in {s.evaluator for s in sheets}:
            names = ", ".join(s.evaluator for s in sheets) or "(없음)"
            problems.append(
                Problem(
                    f"{where}: 이 과제를 채점한 위원이 아닙니다",
                    field=ch.evaluator,
                    fix=f"이 과제의 위원({names}) 중 하나를 쓰십시오",
                )
            )
            continue
        pts = _points(ch.points, where, problems, ch.criterion)
        if pts is not None and not 0 <= pts <= panel_points[ch.criterion]:
            problems.append(
                Problem(
                    f"{where}: {_show(pts)}점은 배점 "
                    f"0~{_show(panel_points[ch.criterion])}점 밖입니다",
                    field=ch.criterion,
                    fix="배점 안의 점수로 가정하십시오",
                )
            )
    return problems


def _show(f: Fraction) -> str:
    d = Decimal(f.numerator) / Decimal(f.denominator)
    return format(d.normalize(), "f")


def _changed_detail(d: TaskScore, changes: Sequence[Change], sb: Scoreboard) -> TaskScore:
    adjustments = d.adjustments
    panel = d.panel
    for ch in changes:
        if isinstance(ch, AdjustmentChange):
            points = Decimal(_show(to_fraction(ch.points)))
            adjustments = (Adjustment(d.task.code, points, ch.reason),)
    score_changes = [c for c in changes if isinstance(c, CriterionScoreChange)]
    if score_changes and panel is not None:
        sheets: list[EvaluatorSheet] = []
        for s in panel.sheets:
            scores = dict(s.scores)
            for c in score_changes:
                if c.evaluator == s.evaluator:
                    scores[c.criterion] = to_fraction(c.points)
            sheets.append(dataclasses.replace(s, scores=scores))
        criteria = [c.id for c in sb.rubric.criteria.panel]
        try:
            panel = aggregate_panel(
                sheets, criteria, cast(Aggregation, sb.panel_rule), task=d.task.code
            )
        except ScoringError as exc:
            raise InputError([Problem(str(exc), field=d.task.code)]) from None
    total = (
        sum(d.computed.values(), Fraction(0))
        + (panel.total if panel is not None else Fraction(0))
        + sum((to_fraction(a.points) for a in adjustments), Fraction(0))
    )
    return TaskScore(d.task, d.indicators, d.computed, panel, adjustments, total)


def what_if(scoreboard: Scoreboard, changes: Sequence[Change]) -> WhatIf:
    """Rescore with hypothetical ``changes`` and list every task whose grade or rank moves.

    Each task is rescored by the scoreboard's own rules: the panel rule, the grouping ``by``
    and the rubric's grade scheme; a task's 가감점 change replaces its adjustments, an
    evaluator's criterion change replaces that one score before the panel is aggregated again.
    Nothing is written. ``moved`` is in the new ranking order.

    Raises:
        InputError: every problem with the changes at once (unknown task, evaluator or
            criterion, a score outside its points, 가감점 outside the rubric's limits).
    """
    sb = scoreboard
    changes = tuple(changes)
    problems = _check(sb, changes)
    if problems:
        raise InputError(problems, f"가정 산정을 할 수 없습니다: 문제 {len(problems)}건")
    by_task: dict[str, list[Change]] = {}
    for ch in changes:
        by_task.setdefault(ch.task, []).append(ch)
    details = [
        _changed_detail(d, by_task[d.task.code], sb) if d.task.code in by_task else d
        for d in sb.details
    ]
    results = Results(actuals={}, source=sb.sources.get("results"))
    panel = Panel(sheets={}, source=sb.sources.get("panel"))
    after = _rank(sb.rubric, details, sb.by, sb.panel_rule, results, panel)
    after = dataclasses.replace(
        after, pending=sb.pending, sources=sb.sources, standardised=sb.standardised
    )
    old = {d.task.code: d for d in sb.details}
    moved: list[TaskChange] = []
    for d in after.ranking():
        b = old[d.task.code]
        if (b.grade, b.rank, b.group_rank) == (d.grade, d.rank, d.group_rank):
            continue
        moved.append(
            TaskChange(
                d.task.code,
                d.task.name,
                b.total,
                d.total,
                b.grade,
                d.grade,
                b.rank,
                d.rank,
                b.group_rank,
                d.group_rank,
                d.task.code in by_task,
            )
        )
    return WhatIf(changes, sb, after, tuple(moved))
