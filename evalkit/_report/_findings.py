"""Ⅱ's findings: the 미흡·부진 tasks with their 개선·보완 권고 (made from the data), and the
committee's own text from the round (우수사례, 환류, 종합의견).

The list of weak tasks is built from the same grades as the distribution table, so its count
is the table's count by construction; each recommendation names the weakest criterion against
its points and the all-task mean, and the indicators that missed their target.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from .._numbers import fmt_plain
from .._scoring import TaskScore
from ._blocks import Block, Bullet, Heading, Table
from ._context import ReportContext
from ._text import circled, rate_text, score_text

WEAK_GRADES = 2  # the bottom grades of the scheme listed with recommendations (미흡·부진)
MISSED_SHOWN = 3  # at most this many missed indicators named in one recommendation


def weak_grades(ctx: ReportContext) -> tuple[str, ...]:
    """The grades whose tasks get a 개선·보완 권고: the scheme's bottom two (미흡, 부진)."""
    return ctx.grades[-WEAK_GRADES:]


def recommendation(ctx: ReportContext, d: TaskScore) -> str:
    """개선·보완 권고 for one task: its weakest panel criterion (score against points and the
    mean of every scored task) and the indicators below their target."""
    parts: list[str] = []
    panel = [c for c in ctx.rubric.criteria.panel if c.id in d.criteria]
    if panel:
        weakest = min(panel, key=lambda c: (d.criteria[c.id] / Fraction(c.points), c.id))
        scores = [
            x.criteria[weakest.id] for x in ctx.scoreboard.details if weakest.id in x.criteria
        ]
        mean = sum(scores, Fraction(0)) / len(scores)
        parts.append(
            f"{weakest.name} 항목이 {score_text(d.criteria[weakest.id], ctx.decimals)}점"
            f"(배점 {fmt_plain(weakest.points)}점, 전체 평균 {score_text(mean, ctx.decimals)}점)"
            "으로 가장 낮아 보완 필요"
        )
    missed = sorted(
        (s for s in d.indicators if s.achievement.scored < 100),
        key=lambda s: (s.achievement.scored, s.indicator.no),
    )
    if missed:
        named = ", ".join(
            f"{circled(s.indicator.no)} {s.indicator.name}({rate_text(s.achievement.scored)}%)"
            for s in missed[:MISSED_SHOWN]
        )
        more = f" 외 {len(missed) - MISSED_SHOWN}개" if len(missed) > MISSED_SHOWN else ""
        parts.append(f"목표에 못 미친 성과지표 {named}{more}의 실적 개선 필요")
    else:
        parts.append("성과지표는 모두 목표를 달성하여 정책 추진 과정과 환류의 보완 필요")
    return "; ".join(parts)


def findings_blocks(
    ctx: ReportContext, plan: list[TaskScore], ranked: list[TaskScore], number: int
) -> list[Block]:
    """The numbered parts of Ⅱ after the result tables, from ``number``."""
    out: list[Block] = []
    parts: list[tuple[str, str, Callable[[], list[Block]]]] = [
        (
            f"{'·'.join(weak_grades(ctx))} 과제 및 개선·보완 권고",
            "summary_weak",
            lambda: _weak(ctx, ranked),
        ),
        ("우수사례", "summary_practices", lambda: _practices(ctx, plan)),
        ("전년도 권고 이행(환류)", "summary_feedback", lambda: _feedback(ctx, plan)),
        ("종합의견", "summary_opinion", lambda: _opinion(ctx)),
    ]
    for title, anchor, build in parts:
        blocks = build()
        if blocks:
            out.append(Heading(f"{number}.", title, anchor))
            out.extend(blocks)
            number += 1
    return out


def _weak(ctx: ReportContext, ranked: list[TaskScore]) -> list[Block]:
    grades = weak_grades(ctx)
    weak = [d for d in ranked if d.grade in grades]
    counts = ", ".join(f"{g} {sum(1 for d in weak if d.grade == g)}개" for g in grades)
    out: list[Block] = [
        Bullet(1, f"{'·'.join(grades)} 등급 {len(weak)}개 과제({counts})", "대상"),
    ]
    if not weak:
        return out
    out.append(
        Bullet(
            1,
            "평가항목별 점수와 성과지표 달성률에서 가장 부족한 부분을 과제별로 적음",
            "개선·보완 권고",
        )
    )
    out.append(
        Table(
            ("과제코드", "관리과제명", "평정점수", "등급", "개선·보완 권고"),
            tuple(
                (
                    d.task.code,
                    d.task.name,
                    score_text(d.total, ctx.decimals),
                    d.grade,
                    recommendation(ctx, d),
                )
                for d in weak
            ),
            (11, 25, 10, 9, 45),
            ("center", "left", "center", "center", "left"),
            caption=f"< {'·'.join(grades)} 과제 개선·보완 권고 >",
            small=True,
        )
    )
    return out


def _practices(ctx: ReportContext, plan: list[TaskScore]) -> list[Block]:
    by_code = {d.task.code: d for d in plan}
    out: list[Block] = []
    for code, text in ctx.info.best_practices:
        d = by_code.get(code)
        if d is None:
            continue  # another subcommittee's task
        out.append(Bullet(1, f"{d.task.name} ({d.grade})", code))
        out.append(Bullet(2, text))
    return out


def _feedback(ctx: ReportContext, plan: list[TaskScore]) -> list[Block]:
    codes = {d.task.code for d in plan}
    every = len(plan) == ctx.n_all
    rows = tuple(
        (task or "평가 전반", rec, action or "조치 중")
        for task, rec, action in ctx.info.feedback
        if (task in codes) or (task is None and every)
    )
    if not rows:
        return []
    return [
        Bullet(1, f"지난해 자체평가의 개선·보완 권고 {len(rows)}건과 올해 조치 결과", "환류"),
        Table(
            ("과제", "지난해 권고", "조치 결과"),
            rows,
            (14, 43, 43),
            ("center", "left", "left"),
            caption="< 전년도 권고 이행 현황 >",
            small=True,
        ),
    ]


def _opinion(ctx: ReportContext) -> list[Block]:
    return [Bullet(1, line) for line in ctx.info.opinion]
