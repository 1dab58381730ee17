"""Ⅱ 종합 결과: the grade distribution, results by 전략목표 and 분과 (tables and charts), the
best and weakest, then the findings (:mod:`._findings`)."""

from __future__ import annotations

from fractions import Fraction

from .._numbers import fmt
from .._scoring import TaskScore
from ._blocks import Block, Bullet, Chart, ChartSeries, GradeLine, Heading, Note, Section, Table
from ._context import ReportContext
from ._findings import findings_blocks
from ._text import centred, score_text, subcommittee_label

TOP_N = 5  # 우수·미흡 과제: at most this many of each (and at most half the tasks)


def summary_section(
    ctx: ReportContext,
    plan: list[TaskScore],
    ranked: list[TaskScore],
    dist: tuple[GradeLine, ...],
    sub: str | None,
) -> Section:
    """Ⅱ over ``plan`` (plan order) and ``ranked`` (the same tasks by rank)."""
    blocks: list[Block] = [Heading("1.", "등급 분포", "summary_grades")]
    blocks.extend(_distribution(ctx, plan, dist, sub))
    blocks.append(Heading("2.", "전략목표별 결과", "summary_goals"))
    goals = [
        g
        for g in ctx.rubric.strategic_goals
        if any(d.task.strategic_goal_code == g.code for d in plan)
    ]
    by_goal = [(g.code, [d for d in plan if d.task.strategic_goal_code == g.code]) for g in goals]
    blocks.append(group_table(ctx, "전략목표", by_goal, plan, "< 전략목표별 평가결과 >"))
    if len(by_goal) > 1:
        blocks.append(group_chart(ctx, by_goal, "< 전략목표별 등급 분포 >"))
    number = 3
    if sub is None and ctx.rubric.subcommittees:
        blocks.append(Heading(f"{number}.", "분과위원회별 결과", "summary_subcommittees"))
        number += 1
        groups: list[tuple[str, list[TaskScore]]] = [
            (
                subcommittee_label(s.name),
                [d for d in plan if d.task.assigned_subcommittee == s.name],
            )
            for s in ctx.rubric.subcommittees
        ]
        rest = [d for d in plan if d.task.assigned_subcommittee is None]
        if rest:
            groups.append(("미지정", rest))
        blocks.append(group_table(ctx, "분과", groups, plan, "< 분과위원회별 평가결과 >"))
        if len(groups) > 1:
            blocks.append(group_chart(ctx, groups, "< 분과위원회별 등급 분포 >"))

    k = min(TOP_N, len(plan) // 2)
    if k >= 1:
        blocks.append(Heading(f"{number}.", "평정점수 상위·하위 과제", "summary_best"))
        number += 1
        blocks.append(Bullet(1, f"평정점수 상위 {k}개 과제", "우수과제"))
        blocks.append(rank_table(ctx, ranked[:k], "< 상위 과제 >"))
        blocks.append(Bullet(1, f"평정점수 하위 {k}개 과제", "하위과제"))
        blocks.append(rank_table(ctx, list(reversed(ranked[-k:])), "< 하위 과제 >"))
    blocks.extend(findings_blocks(ctx, plan, ranked, number))
    return Section("Ⅱ", "종합 결과", "summary", tuple(blocks))


def group_chart(
    ctx: ReportContext, groups: list[tuple[str, list[TaskScore]]], caption: str
) -> Chart:
    """Task count per grade (one series a grade) for each group."""
    return Chart(
        caption,
        tuple(name for name, _ in groups),
        tuple(
            ChartSeries(g, tuple(sum(1 for d in items if d.grade == g) for _, items in groups))
            for g in ctx.grades
        ),
        "과제 수(개)",
    )


def _distribution(
    ctx: ReportContext, plan: list[TaskScore], dist: tuple[GradeLine, ...], sub: str | None
) -> list[Block]:
    n = len(plan)
    dec = ctx.decimals
    counts = ", ".join(f"{g.name} {g.count}개" for g in dist)
    totals = [d.total for d in plan]
    mean = sum(totals, Fraction(0)) / n
    out: list[Block] = [
        Bullet(1, f"평가대상 관리과제 {n}개 중 {counts}", "등급분포"),
        Bullet(
            2,
            f"평균 {score_text(mean, dec)}점 (최고 {score_text(max(totals), dec)}점, 최저 "
            f"{score_text(min(totals), dec)}점)",
        ),
    ]
    with_quota = all(g.quota is not None for g in dist)
    rows: list[tuple[str, ...]] = [("기준 비율(%)", *(g.percent for g in dist), "100")]
    if with_quota:
        rows.append(
            ("기준 과제 수", *(str(g.quota) for g in dist), str(sum(g.quota or 0 for g in dist)))
        )
    rows.append(("평가 결과", *(str(g.count) for g in dist), str(n)))
    rows.append(("결과 비율(%)", *(fmt(Fraction(g.count * 100, n), 1) for g in dist), "100.0"))
    out.append(
        Table(
            ("구분", *(g.name for g in dist), "계"),
            tuple(rows),
            (16, *(11,) * len(dist), 9),
            centred(len(dist) + 2),
            caption="< 등급별 과제 수 >",
            unit="(단위: %, 개)",
            small=True,
        )
    )
    series = [ChartSeries("평가 결과", tuple(g.count for g in dist))]
    if with_quota:
        series.insert(0, ChartSeries("기준 과제 수", tuple(g.quota or 0 for g in dist)))
    out.append(
        Chart(
            "< 등급별 과제 수: 기준과 결과 >",
            tuple(g.name for g in dist),
            tuple(series),
            "과제 수(개)",
        )
    )
    if sub is not None and ctx.scoreboard.by != "subcommittee":
        out.append(
            Note(
                f"등급은 전체 {ctx.n_all}개 과제를 대상으로 부여되어, 분과 안의 "
                "분포는 기준 비율과 다를 수 있음"
            )
        )
    return out


def group_table(
    ctx: ReportContext,
    label: str,
    groups: list[tuple[str, list[TaskScore]]],
    everything: list[TaskScore],
    caption: str,
) -> Table:
    """Task count, mean score and grade counts per group, with a 계 row over ``everything``."""
    rows: list[tuple[str, ...]] = []
    for name, items in [*groups, ("계", everything)]:
        if not items:
            rows.append((name, "0", "-", *("0" for _ in ctx.grades)))
            continue
        mean = sum((d.total for d in items), Fraction(0)) / len(items)
        counts = [sum(1 for d in items if d.grade == g) for g in ctx.grades]
        rows.append(
            (name, str(len(items)), score_text(mean, ctx.decimals), *(str(c) for c in counts))
        )
    ng = len(ctx.grades)
    return Table(
        (label, "과제 수", "평균\n점수", *ctx.grades),
        tuple(rows),
        (14, 9, 10, *(10,) * ng),
        centred(ng + 3),
        caption=caption,
        unit="(단위: 개, 점)",
        total_rows=1,
        small=True,
    )


def rank_table(ctx: ReportContext, items: list[TaskScore], caption: str) -> Table:
    """Rank, code, name, 분과, score and grade of ``items``, in the order given."""
    rows = tuple(
        (
            str(d.rank),
            d.task.code,
            d.task.name,
            subcommittee_label(d.task.assigned_subcommittee),
            score_text(d.total, ctx.decimals),
            d.grade,
        )
        for d in items
    )
    return Table(
        ("순위", "과제코드", "관리과제명", "분과", "평정점수", "등급"),
        rows,
        (8, 13, 41, 14, 12, 12),
        ("center", "center", "left", "center", "center", "center"),
        caption=caption,
        small=True,
    )
