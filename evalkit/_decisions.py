"""Committee decisions (위원회 결정): grade overrides and appeals, after the computed ranking.

The computed ranking is the rule's answer; the committee may then decide otherwise and must
record why. :func:`apply_decisions` takes the computed grades (a :class:`~evalkit.Scoreboard` or
a Series of grades) and the decisions, and returns the final grades beside the computed ones:

- :class:`GradeOverride` (등급 조정): the task's grade becomes ``decided_grade``; the override
  states the ``computed_grade`` it replaces, which must be the computed one.
- :class:`Appeal` (이의신청): ``기각`` changes nothing; ``인용`` or ``일부인용`` changes criterion
  scores (the round is rescored with them, by the scoreboard's rules) and/or the grade.

The final grades are checked against the scheme (per ``by`` group). Limit form: every limit
must hold. Exact form: each grade's share is a ceiling on that grade and every better one, so
the number of tasks graded ``k`` or better may not exceed the larger of the boundary ``B_k``
and what the computed ranking already gave (ties may already exceed ``B_k``). A breach is
refused, or with ``allow_breach=True`` kept and listed in ``breaches``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._errors import InputError, Problem
from ._grading import grade_boundaries
from ._quota import constraints
from ._scheme import DEFAULT_SCHEME, GradeScheme
from ._scoring import Scoreboard
from ._whatif import CriterionScoreChange, what_if

__all__ = [
    "Appeal",
    "AppealDecision",
    "AppliedDecision",
    "DecidedGrades",
    "DecisionError",
    "GradeOverride",
    "apply_decisions",
    "breaches",
]

AppealDecision = Literal["인용", "기각", "일부인용"]


class DecisionError(InputError):
    """Decisions that cannot be applied (unknown task or grade, a stale computed grade, a
    breach of the scheme without ``allow_breach``); every problem at once."""


@dataclass(frozen=True)
class GradeOverride:
    """등급 조정: the committee gives ``task`` the grade ``decided_grade`` instead of the
    computed ``computed_grade``, for ``reason``, on ``decision_date``."""

    task: str
    computed_grade: str
    decided_grade: str
    reason: str
    decision_date: dt.date | None = None


@dataclass(frozen=True)
class Appeal:
    """이의신청 and its decision: ``changed_scores`` (criterion scores the decision changes)
    and/or ``decided_grade``; ``기각`` carries neither."""

    task: str
    claim: str
    decision: AppealDecision
    changed_scores: tuple[CriterionScoreChange, ...] = ()
    decided_grade: str | None = None
    reason: str = ""
    decision_date: dt.date | None = None


Decision = GradeOverride | Appeal


@dataclass(frozen=True)
class AppliedDecision:
    """One decision as applied: the task's computed and final grade side by side."""

    task: str
    kind: Literal["등급 조정", "이의신청"]
    computed_grade: str
    final_grade: str
    text: str  # the override's reason or the appeal's claim
    decision: str = ""  # 인용 / 기각 / 일부인용 for an appeal
    decision_date: dt.date | None = None


@dataclass(frozen=True)
class DecidedGrades:
    """Computed and final grades (Series on the task codes), the decisions, and breaches."""

    computed: pd.Series
    final: pd.Series
    applied: tuple[AppliedDecision, ...]
    breaches: tuple[str, ...] = ()
    scoreboard: Scoreboard | None = None  # rescored with the upheld appeals' scores
    groups: pd.Series | None = field(default=None, repr=False)

    @property
    def changed(self) -> tuple[Hashable, ...]:
        """Tasks whose final grade differs from the computed one."""
        return tuple(t for t in self.final.index if self.final[t] != self.computed[t])

    @property
    def breached(self) -> bool:
        return bool(self.breaches)


def _grades_of(source: Scoreboard | pd.Series) -> tuple[pd.Series, pd.Series | None]:
    if isinstance(source, Scoreboard):
        codes = [d.task.code for d in source.details]
        grades = pd.Series([d.grade for d in source.details], index=codes, dtype=object)
        groups = None
        if source.by is not None:
            groups = pd.Series([d.group for d in source.details], index=codes, dtype=object)
        return grades, groups
    return source.astype(object), None


def _check(
    decisions: Sequence[Decision], computed: pd.Series, scheme: GradeScheme, rescorable: bool
) -> list[Problem]:
    names = set(scheme.names)
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for i, dec in enumerate(decisions, start=1):
        where = f"결정 {i} (과제 {dec.task})"
        kind = "등급 조정" if isinstance(dec, GradeOverride) else "이의신청"
        if dec.task not in computed.index:
            problems.append(
                Problem(
                    f"{where}: 산정된 과제가 아닙니다",
                    field=dec.task,
                    fix="과제코드를 확인하십시오",
                )
            )
            continue
        decided = dec.decided_grade
        if decided is not None and decided not in names:
            problems.append(
                Problem(
                    f"{where}: 등급 {decided!r}은(는) 등급 체계에 없습니다",
                    field=dec.task,
                    fix=f"{', '.join(scheme.names)} 중 하나를 쓰십시오",
                )
            )
        if decided is not None:
            if dec.task in seen:
                problems.append(
                    Problem(
                        f"{where}: 이 과제의 등급을 {seen[dec.task]}에서 이미 정했습니다",
                        field=dec.task,
                        fix="과제마다 등급 결정은 하나만 두십시오",
                    )
                )
            seen[dec.task] = f"결정 {i}"
        if isinstance(dec, GradeOverride):
            if not dec.reason.strip():
                problems.append(
                    Problem(
                        f"{where}: 등급 조정 사유가 없습니다",
                        field=dec.task,
                        fix="사유를 적으십시오",
                    )
                )
            if dec.computed_grade != computed[dec.task]:
                problems.append(
                    Problem(
                        f"{where}: 산정 등급을 {dec.computed_grade!r}(으)로 적었으나 산정 결과는 "
                        f"{computed[dec.task]!r}입니다",
                        field=dec.task,
                        fix="현재 산정 결과를 보고 등급 조정을 다시 적으십시오",
                    )
                )
            continue
        if dec.decision not in ("인용", "기각", "일부인용"):
            problems.append(
                Problem(
                    f"{where}: 처리 결과 {dec.decision!r}을(를) 알 수 없습니다",
                    field=dec.task,
                    fix="인용, 기각, 일부인용 중 하나를 쓰십시오",
                )
            )
        elif dec.decision == "기각" and (dec.changed_scores or dec.decided_grade is not None):
            problems.append(
                Problem(
                    f"{where}: 기각된 이의신청에 바뀐 점수나 등급이 있습니다",
                    field=dec.task,
                    fix="기각이면 바뀐 점수·등급을 지우고, 아니면 인용/일부인용으로 적으십시오",
                )
            )
        elif dec.decision != "기각" and not dec.changed_scores and dec.decided_grade is None:
            problems.append(
                Problem(
                    f"{where}: {dec.decision}인데 바뀐 점수도 등급도 없습니다",
                    field=dec.task,
                    fix="인용·일부인용으로 바뀐 평가항목 점수나 등급을 적으십시오",
                )
            )
        if dec.changed_scores and not rescorable:
            problems.append(
                Problem(
                    f"{where}: 점수를 바꾸는 {kind}은(는) 채점표(Scoreboard)가 있어야 반영됩니다",
                    field=dec.task,
                    fix="apply_decisions에 등급 대신 Scoreboard를 주십시오",
                )
            )
        for ch in dec.changed_scores:
            if ch.task != dec.task:
                problems.append(
                    Problem(
                        f"{where}: 바뀐 점수가 다른 과제 {ch.task}의 것입니다",
                        field=dec.task,
                        fix="이의신청한 과제의 점수만 적으십시오",
                    )
                )
    return problems


def breaches(
    computed: pd.Series,
    final: pd.Series,
    scheme: GradeScheme,
    groups: pd.Series | None = None,
) -> list[str]:
    """How the final grades breach the scheme (per group), in Korean; empty when they do not.

    ``computed`` is the ranking's own answer: in the exact form, a grade-and-above count the
    ranking itself reached through ties is not a breach."""
    out: list[str] = []
    labels = [None] if groups is None else list(dict.fromkeys(groups.tolist()))
    rank = {n: i for i, n in enumerate(scheme.names)}
    k_count = len(scheme.names)
    for label in labels:
        mask = np.ones(len(final), dtype=bool) if groups is None else (groups == label).to_numpy()
        fin = [rank[str(g)] for g in final[mask]]
        comp = [rank[str(g)] for g in computed[mask]]
        n = len(fin)
        counts = [fin.count(k) for k in range(k_count)]
        cum = list(np.cumsum(counts))
        where = "" if label is None else f"{label}: "
        if scheme.form == "limits":
            for lim in scheme.limits:
                k = rank[lim.grade]
                part = {
                    "grade": counts[k : k + 1],
                    "and_above": counts[: k + 1],
                    "and_below": counts[k:],
                }[lim.scope]
                one = constraints([lim], scheme.names, Fraction(n), scheme.limit_rounding)
                got = sum(part)
                if not _within(one, lim.scope, k, got, n):
                    out.append(f"{where}{lim.describe()} 한도를 벗어남 (과제 {got}개 / {n}개)")
            continue
        bounds = grade_boundaries(n, scheme)
        comp_cum = list(np.cumsum([comp.count(k) for k in range(k_count)]))
        for k in range(k_count - 1):
            cap = max(bounds[k], int(comp_cum[k]))
            if cum[k] > cap:
                out.append(
                    f"{where}{scheme.names[k]} 이상이 {int(cum[k])}개로 배분 기준 {cap}개를 넘음"
                )
    return out


def _within(c: Any, scope: str, k: int, got: int, n: int) -> bool:
    """Whether one limit's count ``got`` lies in its interval (from :func:`constraints`)."""
    if scope == "grade":
        lo, hi = c.diff[k + 1]
    elif scope == "and_above":
        lo, hi = c.cum[k + 1]
    else:  # N − X_{k} ∈ [lo, hi] was stored as X_k ∈ [N − hi, N − lo]
        a, b = c.cum[k]
        lo, hi = n - b, n - a
    return bool(lo <= got <= hi)


def apply_decisions(
    scoreboard_or_grades: Scoreboard | pd.Series,
    decisions: Sequence[Decision],
    scheme: GradeScheme | None = None,
    allow_breach: bool = False,
    *,
    by: pd.Series | Sequence[Hashable] | None = None,
) -> DecidedGrades:
    """Apply the committee's overrides and appeals after the computed ranking.

    Args:
        scoreboard_or_grades: the scored round, or a Series of computed grades on the codes.
        decisions: :class:`GradeOverride` and :class:`Appeal` items, in the order decided.
        scheme: default the scoreboard rubric's scheme (or the example scheme for a Series).
        allow_breach: keep decisions that breach the scheme and list the breaches; otherwise
            they are refused.
        by: group labels for a Series of grades (a Scoreboard brings its own).

    Raises:
        DecisionError: every problem with the decisions at once, in Korean.
    """
    source = scoreboard_or_grades
    is_board = isinstance(source, Scoreboard)
    if scheme is None:
        scheme = source.rubric.grade_scheme if isinstance(source, Scoreboard) else DEFAULT_SCHEME
    computed, groups = _grades_of(source)
    if by is not None and groups is None:
        groups = pd.Series(list(by), index=computed.index, dtype=object)
    decisions = tuple(decisions)
    problems = _check(decisions, computed, scheme, is_board)
    if problems:
        raise DecisionError(problems, f"위원회 결정을 반영할 수 없습니다: 문제 {len(problems)}건")
    board: Scoreboard | None = source if isinstance(source, Scoreboard) else None
    score_changes = [
        ch
        for d in decisions
        if isinstance(d, Appeal) and d.decision != "기각"
        for ch in d.changed_scores
    ]
    rescored = computed
    if score_changes and board is not None:
        try:
            board = what_if(board, score_changes).after
        except InputError as exc:
            raise DecisionError(exc.problems, "이의신청의 바뀐 점수를 반영할 수 없습니다") from None
        rescored, _ = _grades_of(board)
    final = rescored.copy()
    for d in decisions:
        if d.decided_grade is not None:
            final[d.task] = d.decided_grade
    applied = tuple(
        AppliedDecision(
            d.task,
            "등급 조정" if isinstance(d, GradeOverride) else "이의신청",
            str(computed[d.task]),
            str(final[d.task]),
            d.reason if isinstance(d, GradeOverride) else d.claim,
            "" if isinstance(d, GradeOverride) else d.decision,
            d.decision_date,
        )
        for d in decisions
    )
    found = breaches(rescored, final, scheme, groups)
    if found and not allow_breach:
        raise DecisionError(
            [
                Problem(
                    f"결정을 반영하면 등급 배분을 벗어납니다: {b}",
                    fix="결정을 고치거나, 벗어남을 알고 반영하려면 allow_breach=True로 하십시오",
                )
                for b in found
            ],
            f"위원회 결정이 등급 배분을 벗어납니다: {len(found)}건",
        )
    return DecidedGrades(computed, final, applied, tuple(found), board, groups)
