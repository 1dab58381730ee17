"""Task scores (과제별 평정점수) and the scoreboard: indicators → criteria → total → grade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import pandas as pd

from ._achievement import Achievement, achievement_rate
from ._errors import InputError, Problem, ScoringError, UnitError
from ._grading import assign_grades, grade_quotas
from ._identifiers import IdentifierError, resolve_task_code
from ._inputs import Actual, Adjustment, Adjustments, Panel, Results
from ._margins import grade_margins
from ._numbers import exact_text, round_half_up, to_fraction
from ._panel import Aggregation, PanelResult, aggregate_panel
from ._rubric import Indicator, Rubric, Task
from ._standardise import standardise_panel
from ._units import convert


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator's outcome within its task."""

    indicator: Indicator
    actual: Actual
    actual_in_unit: Fraction | str | bool | None
    achievement: Achievement
    weight: Fraction

    @property
    def weighted(self) -> Fraction:
        """Weight × scored rate (percent points of the computed criterion)."""
        return self.weight * self.achievement.scored


@dataclass(frozen=True)
class TaskScore:
    """Everything scored for one task (관리과제), in exact fractions."""

    task: Task
    indicators: tuple[IndicatorScore, ...]
    computed: dict[str, Fraction]
    panel: PanelResult | None
    adjustments: tuple[Adjustment, ...]
    total: Fraction
    rank: int = 0
    grade: str = ""
    to_next_grade: Fraction | None = None
    group: str | None = None
    group_rank: int | None = None  # rank within ``group`` when graded with ``by``
    # Points this task alone may lose before a worse grade (NaN-free: None at the worst).
    to_lower_grade: Fraction | None = None

    @property
    def criteria(self) -> dict[str, Fraction]:
        out = dict(self.computed)
        if self.panel is not None:
            out.update(self.panel.criteria)
        return out

    @property
    def adjustment_total(self) -> Fraction:
        return sum((to_fraction(a.points) for a in self.adjustments), Fraction(0))

    @property
    def weighted_achievement(self) -> Fraction:
        """Σ weight × scored rate, in percent."""
        return sum((i.weighted for i in self.indicators), Fraction(0))


@dataclass(frozen=True)
class Scoreboard:
    """Result of :func:`score`: per-task detail and pandas tables.

    - ``indicators``: one row per indicator (raw, scored and weighted achievement)
    - ``tasks``: one row per task (criterion points, panel detail, adjustments, total,
      rank, grade, points to the next better grade)
    - ``summary``: grade distribution against the quotas
    """

    rubric: Rubric
    details: tuple[TaskScore, ...]
    indicators: pd.DataFrame
    tasks: pd.DataFrame
    summary: pd.DataFrame
    by: str | None = None
    panel_rule: str = "trimmed"
    sources: Mapping[str, str | None] = field(default_factory=dict)
    # 잠정 산정 (provisional run): tasks left out for missing inputs → what is missing. They
    # are not scored, not ranked and not counted against the grade quotas.
    pending: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Evaluator scores standardised per evaluator before the panel rule (off by default).
    standardised: bool = False

    @property
    def provisional(self) -> bool:
        return bool(self.pending)

    def task(self, code: str) -> TaskScore:
        """The scored task ``code`` names (``I-1-1`` finds ``Ⅰ-1-①``).

        Raises:
            IdentifierError: (a KeyError) no scored task or more than one matches.
        """
        codes = [d.task.code for d in self.details]
        found = resolve_task_code(code, codes, option=None)
        return self.details[codes.index(found)]

    def ranking(self) -> list[TaskScore]:
        return sorted(self.details, key=lambda d: (d.rank, d.task.code))


def _indicator_scores(
    rubric: Rubric, task: Task, results: Results, problems: list[Problem]
) -> list[IndicatorScore]:
    out: list[IndicatorScore] = []
    policy = rubric.achievement
    for ind in task.indicators:
        where = f"indicator {ind.id} ({ind.name})"
        actual = results.actuals.get(ind.id)
        if (
            actual is None
            or actual.value is None
            or (isinstance(actual.value, str) and not actual.value.strip())
        ):
            problems.append(
                Problem(
                    f"{where} has no actual result",
                    file=results.source,
                    field=ind.id,
                    fix="enter the 실적 for this indicator",
                )
            )
            continue
        value: Any = actual.value
        if ind.kind != "milestone":
            try:
                num = to_fraction(value)
            except ValueError:
                problems.append(
                    Problem(
                        f"{where}: actual {value!r} is not a number",
                        file=results.source,
                        field=ind.id,
                        fix="write a plain number (no units or text)",
                    )
                )
                continue
            if actual.unit and ind.unit and actual.unit.strip() != ind.unit.strip():
                try:
                    num = convert(num, actual.unit, ind.unit)
                except UnitError as exc:
                    problems.append(
                        Problem(
                            f"{where}: {exc}",
                            file=results.source,
                            field=ind.id,
                            fix=f"report the actual in {ind.unit} or a unit that converts to it",
                        )
                    )
                    continue
            value = num
        cap = ind.cap if ind.cap is not None else policy.cap
        band = ind.band or policy.band
        try:
            ach = achievement_rate(
                value,
                ind.target,
                direction=ind.direction,
                method=policy.down_method,
                cap=cap,
                kind=ind.kind,
                bands=[(b.min, b.points) for b in band] if band else None,
                indicator=where,
            )
        except ScoringError as exc:
            problems.append(
                Problem(
                    str(exc),
                    file=results.source,
                    field=ind.id,
                    fix="check the target and the actual",
                )
            )
            continue
        weight = ind.effective_weight
        if weight is None:  # load_rubric guarantees weights; guard for hand-built rubrics
            problems.append(Problem(f"{where} has no effective weight", field=ind.id))
            continue
        out.append(IndicatorScore(ind, actual, value, ach, weight))
    return out


def score(
    rubric: Rubric,
    results: Results | Mapping[str, Any],
    panel: Panel | None = None,
    adjustments: Adjustments | Sequence[Adjustment] | None = None,
    *,
    by: str | None = None,
    panel_rule: Aggregation = "trimmed",
    tasks: Sequence[str] | None = None,
    standardise: bool = False,
) -> Scoreboard:
    """Score every task and assign grades.

    The computed criterion (성과지표 달성도) = its points × Σ effective_weight × scored rate /
    100; panel criteria come from the evaluators' sheets (default: drop the highest and lowest
    total with ≥ 4 evaluators, average the rest); adjustments (가감점) are added within the
    rubric's limits. Grades follow the rubric's :class:`GradeScheme`, over all tasks or within
    ``by`` (``"subcommittee"`` or another column of the tasks table). With ``standardise``,
    each evaluator's scores are standardised per criterion first (z-score within the evaluator,
    rescaled to the pooled mean and spread; :mod:`evalkit._standardise`); off by default.

    Raises:
        InputError: listing every missing result, unconvertible unit, bad panel score or
            adjustment at once.
    """
    if not isinstance(results, Results):
        results = Results.from_mapping(results)
    adj_items = (
        adjustments.items if isinstance(adjustments, Adjustments) else tuple(adjustments or ())
    )
    problems: list[Problem] = []
    if tasks is None:
        selected = rubric.tasks
    else:
        all_codes = [t.code for t in rubric.tasks]
        wanted: set[str] = set()
        for typed in tasks:
            try:
                wanted.add(resolve_task_code(typed, all_codes, option="tasks"))
            except IdentifierError as exc:
                problems.append(
                    Problem(
                        f"unknown task code {typed!r} in `tasks`",
                        field=typed,
                        fix=exc.problems[0].fix,
                    )
                )
        selected = tuple(t for t in rubric.tasks if t.code in wanted)
    computed_crit = rubric.criteria.computed
    panel_crit = [c.id for c in rubric.criteria.panel]
    panel_points = {c.id: Fraction(c.points) for c in rubric.criteria.panel}
    known = {t.code for t in rubric.tasks}
    known_ind = {i.id for _, i in rubric.iter_indicators()}
    for key in results.actuals:
        if key not in known_ind:
            problems.append(
                Problem(
                    f"unknown indicator {key!r}",
                    file=results.source,
                    field=key,
                    fix="use the indicator keys of the rubric (evalkit template)",
                )
            )
    if panel is not None:
        for code in panel.sheets:
            if code not in known:
                problems.append(
                    Problem(
                        f"unknown task code {code!r} in the panel",
                        file=panel.source,
                        field=code,
                        fix="use the task codes of the rubric",
                    )
                )
    lo, hi = Fraction(rubric.adjustments.min), Fraction(rubric.adjustments.max)
    adj_by_task: dict[str, list[Adjustment]] = {}
    for a in adj_items:
        if a.task not in known:
            problems.append(
                Problem(
                    f"unknown task code {a.task!r} in the adjustments",
                    field=a.task,
                    fix="use the task codes of the rubric",
                )
            )
            continue
        adj_by_task.setdefault(a.task, []).append(a)
        if not a.reason.strip():
            problems.append(
                Problem(
                    f"adjustment for {a.task} has no reason",
                    field=a.task,
                    fix="every 가감점 needs its reason",
                )
            )
    for code, items in adj_by_task.items():
        adj_sum = sum((to_fraction(a.points) for a in items), Fraction(0))
        if not lo <= adj_sum <= hi:
            problems.append(
                Problem(
                    f"adjustments for {code} total {exact_text(adj_sum)}, outside the rubric's "
                    f"limits {rubric.adjustments.min}..{rubric.adjustments.max}",
                    field=code,
                    fix="keep 가감점 within the limits",
                )
            )

    std_panel = (
        standardise_panel(panel, rubric.criteria.panel)
        if standardise and panel is not None
        else None
    )
    details: list[TaskScore] = []
    for task in selected:
        inds = _indicator_scores(rubric, task, results, problems)
        computed: dict[str, Fraction] = {}
        if computed_crit and len(inds) == len(task.indicators):
            weighted = sum((i.weighted for i in inds), Fraction(0))
            for c in computed_crit:
                computed[c.id] = Fraction(c.points) * weighted / 100
        pres: PanelResult | None = None
        if panel_crit:
            sheets = panel.sheets.get(task.code, ()) if panel is not None else ()
            bad = False
            for s in sheets:
                for cid, pts in s.scores.items():
                    if cid not in panel_points:
                        problems.append(
                            Problem(
                                f"task {task.code}, evaluator {s.evaluator}: "
                                f"unknown criterion {cid!r}",
                                file=panel.source if panel else None,
                                fix=f"use {', '.join(panel_crit)}",
                            )
                        )
                        bad = True
                    elif not 0 <= pts <= panel_points[cid]:
                        problems.append(
                            Problem(
                                f"task {task.code}, evaluator {s.evaluator}: {cid} = "
                                f"{exact_text(pts)} is outside 0..{exact_text(panel_points[cid])}",
                                file=panel.source if panel else None,
                                fix="score within the criterion's points",
                            )
                        )
                        bad = True
            if not sheets:
                problems.append(
                    Problem(
                        f"task {task.code} has no evaluator scores",
                        file=panel.source if panel else None,
                        field=task.code,
                        fix="collect the panel's sheets for this task",
                    )
                )
            elif not bad:
                try:
                    used = std_panel.sheets.get(task.code, ()) if std_panel else sheets
                    pres = aggregate_panel(used, panel_crit, panel_rule, task=task.code)
                except ScoringError as exc:
                    problems.append(
                        Problem(str(exc), file=panel.source if panel else None, field=task.code)
                    )
        adj = tuple(adj_by_task.get(task.code, ()))
        total = (
            sum(computed.values(), Fraction(0))
            + (pres.total if pres else Fraction(0))
            + sum((to_fraction(a.points) for a in adj), Fraction(0))
        )
        details.append(TaskScore(task, tuple(inds), computed, pres, adj, total))
    if any(p.severity == "error" for p in problems):
        raise InputError(problems, f"cannot score: {len(problems)} problem(s)")
    board = _rank(rubric, details, by, panel_rule, results, panel)
    return replace(board, standardised=True) if std_panel is not None else board


def _rank(
    rubric: Rubric,
    details: list[TaskScore],
    by: str | None,
    panel_rule: str,
    results: Results,
    panel: Panel | None,
) -> Scoreboard:
    scheme = rubric.grade_scheme
    codes = [d.task.code for d in details]
    totals = pd.Series([d.total for d in details], index=codes, dtype=object)
    groups = None
    if by is not None:
        getter = {
            "subcommittee": lambda t: t.assigned_subcommittee,
            "strategic_goal": lambda t: t.strategic_goal_code,
            "performance_goal": lambda t: t.performance_goal_code,
        }.get(by)
        if getter is None:
            raise ScoringError(
                f"cannot group by {by!r}; use subcommittee, strategic_goal or performance_goal"
            )
        groups = pd.Series([getter(d.task) for d in details], index=codes)
    grades = assign_grades(totals, scheme, by=groups)
    keys = pd.Series([round_half_up(t, scheme.decimals) for t in totals], index=codes)
    # Distinct published (rounded) scores stay distinct as floats, so ranking floats is exact.
    key_values = keys.astype(float)
    rank = key_values.rank(method="min", ascending=False).astype(int)
    group_rank = None
    if groups is not None:
        group_rank = key_values.groupby(groups).rank(method="min", ascending=False).astype(int)
    margins = grade_margins(totals, scheme, by=groups)
    ranked = [
        TaskScore(
            d.task,
            d.indicators,
            d.computed,
            d.panel,
            d.adjustments,
            d.total,
            int(rank[d.task.code]),
            str(grades[d.task.code]),
            _margin(margins, d.task.code, "up"),
            None if groups is None else str(groups[d.task.code]),
            None if group_rank is None else int(group_rank[d.task.code]),
            _margin(margins, d.task.code, "down"),
        )
        for d in details
    ]
    return Scoreboard(
        rubric=rubric,
        details=tuple(ranked),
        indicators=_indicator_frame(ranked),
        tasks=_task_frame(rubric, ranked),
        summary=_summary_frame(rubric, ranked, groups),
        by=by,
        panel_rule=panel_rule,
        sources={"results": results.source, "panel": panel.source if panel else None},
    )


def _margin(margins: pd.DataFrame, code: str, column: str) -> Fraction | None:
    value = margins.at[code, column]
    return value if isinstance(value, Fraction) else None


def _f(x: Fraction | None, places: int = 4) -> float | None:
    return None if x is None else float(round_half_up(x, places))


def _indicator_frame(details: Sequence[TaskScore]) -> pd.DataFrame:
    rows = []
    for d in details:
        for s in d.indicators:
            ind = s.indicator
            rows.append(
                {
                    "task": d.task.code,
                    "indicator": ind.id,
                    "name": ind.name,
                    "unit": ind.unit,
                    "weight": _f(s.weight),
                    "weight_printed": None if ind.weight is None else float(ind.weight),
                    "weighting": d.task.weighting,
                    "target": ind.target
                    if isinstance(ind.target, str)
                    else _f(to_fraction(ind.target))
                    if ind.target is not None
                    else None,
                    "actual": s.actual_in_unit
                    if isinstance(s.actual_in_unit, (str, bool))
                    else _f(s.actual_in_unit),
                    "direction": ind.direction,
                    "kind": ind.kind,
                    "raw_rate": _f(s.achievement.raw),
                    "scored_rate": _f(s.achievement.scored),
                    "capped": s.achievement.capped,
                    "weighted_rate": _f(s.weighted),
                }
            )
    return pd.DataFrame(rows)


def _task_frame(rubric: Rubric, details: Sequence[TaskScore]) -> pd.DataFrame:
    dec = rubric.grade_scheme.decimals
    rows = []
    for d in details:
        row: dict[str, Any] = {
            "code": d.task.code,
            "name": d.task.name,
            "strategic_goal": d.task.strategic_goal_code,
            "performance_goal": d.task.performance_goal_code,
            "subcommittee": d.task.assigned_subcommittee,
        }
        for c in rubric.criteria.items:
            row[c.id] = _f(d.criteria.get(c.id))
        row["adjustment"] = _f(d.adjustment_total)
        row["total"] = float(round_half_up(d.total, dec))
        row["total_exact"] = _f(d.total, 6)
        row["rank"] = d.rank
        if d.group is not None:
            row["group"] = d.group
            row["group_rank"] = d.group_rank
        row["grade"] = d.grade
        row["to_next_grade"] = _f(d.to_next_grade)
        row["evaluators"] = len(d.panel.evaluators) if d.panel else 0
        row["dropped_high"] = d.panel.dropped_high if d.panel else None
        row["dropped_low"] = d.panel.dropped_low if d.panel else None
        row["weights_assumed"] = d.task.weights_assumed
        row["data_notes"] = len(d.task.data_notes)
        rows.append(row)
    df = pd.DataFrame(rows)
    return df.sort_values(["rank", "code"], kind="stable").reset_index(drop=True)


def _summary_frame(
    rubric: Rubric, details: Sequence[TaskScore], groups: pd.Series | None
) -> pd.DataFrame:
    scheme = rubric.grade_scheme
    if groups is None:
        quotas = grade_quotas(len(details), scheme)
    else:
        quotas = [0] * len(scheme.grades)
        for g in groups.unique():
            for i, q in enumerate(grade_quotas(int((groups == g).sum()), scheme)):
                quotas[i] += q
    counts = {name: 0 for name in scheme.names}
    for d in details:
        counts[d.grade] += 1
    return pd.DataFrame(
        {
            "grade": list(scheme.names),
            "percent": [None if g.percent is None else float(g.percent) for g in scheme.grades],
            "quota": quotas,
            "count": [counts[n] for n in scheme.names],
        }
    )
