"""Ⅲ 과제별 평가결과: one page per task (the one-task result sheet prints the same blocks).

Each task page: the boxed heading, a form of its headline figures, the score per criterion,
the indicators' achievement with footnotes, the main results, the indicators' history
(:mod:`._history`) and the panel's comments.
"""

from __future__ import annotations

from fractions import Fraction

from .._numbers import fmt_plain
from .._rubric import Task
from .._scoring import TaskScore
from ._blocks import Block, Bullet, Heading, Section, Table, TaskHeading
from ._context import ReportContext
from ._history import history_blocks
from ._notes import task_note_lines
from ._text import (
    RATE_DECIMALS,
    actual_text,
    apportion,
    centred,
    circled,
    comment_lines,
    rate_text,
    score_parts,
    score_text,
    subcommittee_label,
    target_text,
    weight_text,
    weighting_text,
)


def task_results_section(ctx: ReportContext, plan: list[TaskScore]) -> Section:
    """Ⅲ: the tasks of ``plan`` in plan order, under a heading per 전략목표."""
    blocks: list[Block] = []
    goal = None
    for d in plan:
        if d.task.strategic_goal_code != goal:
            goal = d.task.strategic_goal_code
            sg = next(g for g in ctx.rubric.strategic_goals if g.code == goal)
            blocks.append(
                Heading(
                    f"전략목표 {sg.code}.",
                    sg.title,
                    f"goal_{len(blocks)}",
                    new_page=bool(blocks),
                    in_toc=False,  # the 목차 lists Ⅲ itself; its pages are found by task
                )
            )
            blocks.extend(task_blocks(ctx, d, new_page=False))
        else:
            blocks.extend(task_blocks(ctx, d, new_page=True))
    return Section("Ⅲ", "과제별 평가결과", "tasks", tuple(blocks))


def task_blocks(ctx: ReportContext, d: TaskScore, *, new_page: bool) -> list[Block]:
    """One task's result, opening with its :class:`TaskHeading`."""
    t = d.task
    return [
        TaskHeading(t.code, t.name, f"task_{ctx.plan_index(t) + 1}", new_page),
        _headline_form(ctx, d),
        Bullet(1, "평가항목별 점수", strong=True),
        _criteria_table(ctx, d),
        Bullet(1, "성과지표 달성도", strong=True),
        *_indicators(d),
        *history_blocks(ctx, d),
        *_comments(d),
    ]


def _rank_text(ctx: ReportContext, d: TaskScore) -> str:
    """등급(순위): the rank over all tasks, or within the group when graded by group."""
    if d.group_rank is None:
        return f"{d.grade} ({d.rank}위 / {ctx.n_all}개)"
    size = sum(1 for x in ctx.scoreboard.details if x.group == d.group)
    return f"{d.grade} (분과 내 {d.group_rank}위 / {size}개)"


def _headline_form(ctx: ReportContext, d: TaskScore) -> Table:
    t = d.task
    dec = ctx.decimals
    panel_text = "-"
    if d.panel:
        panel_text = f"{len(d.panel.evaluators)}명"
        if d.panel.dropped_high is not None:
            panel_text += " (최고·최저 제외)"
    to_next = (
        "최고 등급"
        if d.grade == ctx.grades[0]
        else "-"
        if d.to_next_grade is None
        else f"{score_text(d.to_next_grade, dec)}점"
    )
    return Table(
        (),
        (
            ("과제코드", t.code, "분과", subcommittee_label(t.assigned_subcommittee)),
            ("주관부서", ", ".join(ctx.departments(t)) or "-", "성과목표", t.performance_goal_code),
            (
                "평정점수",
                f"{score_text(d.total, dec)}점",
                "등급(순위)",
                _rank_text(ctx, d),
            ),
            ("평가위원", panel_text, "상위 등급까지", to_next),
        ),
        (16, 34, 16, 34),
        ("center", "left", "center", "left"),
        form=True,
    )


def _criteria_table(ctx: ReportContext, d: TaskScore) -> Table:
    dec = ctx.decimals
    rows: list[tuple[str, ...]] = []
    items = ctx.rubric.criteria.items
    printed, adj = score_parts(d, [c.id for c in items], dec)
    for c, text in zip(items, printed, strict=True):
        remark = ""
        if c.method == "computed":
            remark = f"가중 달성률 {rate_text(d.weighted_achievement)}%"
        rows.append((c.name, fmt_plain(c.points), text, remark))
    lim = ctx.rubric.adjustments
    if lim.min != 0 or lim.max != 0 or d.adjustments:
        rows.append(
            (
                "가감점",
                f"{fmt_plain(lim.min)} ~ +{fmt_plain(lim.max)}",
                adj,
                "; ".join(a.reason for a in d.adjustments),
            )
        )
    rows.append(("합계", fmt_plain(ctx.rubric.criteria.total), score_text(d.total, dec), d.grade))
    return Table(
        ("평가항목", "배점", "점수", "비고"),
        tuple(rows),
        (24, 14, 14, 48),
        ("center", "center", "center", "left"),
        unit="(단위: 점)",
        total_rows=1,
    )


def _indicators(d: TaskScore) -> list[Block]:
    """The indicator table, its * footnotes (cap, undefined rates, assumed weights, data notes)
    and the main results (주요 실적) the ministry reported."""
    t = d.task
    rows: list[tuple[str, ...]] = []
    foot: list[str] = []
    capped: list[str] = []
    scored = {s.indicator.no: s for s in d.indicators}
    # Each indicator's share of the 가중 달성률, apportioned to add up to its printed total.
    shares = dict(
        zip(
            (s.indicator.no for s in d.indicators),
            apportion([s.weighted for s in d.indicators], RATE_DECIMALS),
            strict=True,
        )
    )
    for ind in t.indicators:
        s = scored.get(ind.no)
        name = f"{circled(ind.no)} {ind.name}" + (" (하향)" if ind.direction == "down" else "")
        w = ind.effective_weight
        wt = "-" if w is None else weight_text(w) + ("*" if t.weights_assumed else "")
        if s is None:
            rows.append((name, wt, ind.unit or "-", target_text(ind), "-", "-", "-", "-"))
            continue
        ach = s.achievement
        if ach.raw is None:
            foot.append(
                f"{circled(ind.no)} 실적 0(하향지표)으로 달성률을 산정할 수 없어 "
                f"{rate_text(ach.scored)}% 인정"
            )
        elif ach.capped:
            capped.append(circled(ind.no))
        rows.append(
            (
                name,
                wt,
                ind.unit or "-",
                target_text(ind),
                actual_text(s),
                rate_text(ach.raw),
                rate_text(ach.scored),
                rate_text(shares[ind.no]),
            )
        )
    weights = [w for ind in t.indicators if (w := ind.effective_weight) is not None]
    total_weight = weight_text(sum(weights, Fraction(0))) if len(weights) == len(rows) else ""
    rows.append(("계", total_weight, "", "", "", "", "", rate_text(d.weighted_achievement)))
    out: list[Block] = [
        Table(
            (
                "성과지표",
                "가중치",
                "단위",
                "목표",
                "실적",
                "달성률",
                "인정\n달성률",
                "가중\n달성률",
            ),
            tuple(rows),
            (31, 8, 8, 11, 11, 10, 10, 11),
            ("left", *centred(7)),
            unit="(달성률 단위: %)",
            total_rows=1,
            small=True,
        )
    ]
    out.extend(Bullet(4, f) for f in _footnotes(t, foot, capped))
    evidence = [
        (s.indicator.no, s.actual.evidence.strip())
        for s in d.indicators
        if s.actual.evidence.strip()
    ]
    if evidence:
        out.append(Bullet(1, "주요 실적", strong=True))
        out.extend(Bullet(2, f"{circled(no)} {text}") for no, text in evidence)
    return out


def _footnotes(t: Task, rates: list[str], capped: list[str]) -> list[str]:
    out: list[str] = []
    if t.weights_assumed:
        out.append(f"가중치 가정: {weighting_text(t)}")
    if capped:
        out.append(f"달성률 상한 적용: {', '.join(capped)}")
    out.extend(rates)
    out.extend(task_note_lines(t))
    return out


def _comments(d: TaskScore) -> list[Block]:
    """우수사항 and 개선·보완사항: every evaluator's lines, merged without repeats."""
    strengths: list[str] = []
    improvements: list[str] = []
    for sheet in d.panel.sheets if d.panel else ():
        for line in comment_lines(sheet.strengths):
            if line not in strengths:
                strengths.append(line)
        for line in comment_lines(sheet.improvements):
            if line not in improvements:
                improvements.append(line)
    out: list[Block] = [Bullet(1, "우수사항", strong=True)]
    out.extend(Bullet(2, s) for s in strengths or ["제출된 의견 없음"])
    out.append(Bullet(1, "개선·보완사항", strong=True))
    out.extend(Bullet(2, s) for s in improvements or ["제출된 의견 없음"])
    return out
