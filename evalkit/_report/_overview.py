"""Ⅰ 평가 개요: what was evaluated, how it was scored and graded, and by whom."""

from __future__ import annotations

from .. import _panel
from .._numbers import fmt_plain
from .._scoring import TaskScore
from ._blocks import Block, Bullet, Heading, Section, Table
from ._context import ReportContext
from ._text import centred, count_text, subcommittee_label


def overview_section(ctx: ReportContext, plan: list[TaskScore], sub: str | None) -> Section:
    """Ⅰ over the tasks of ``plan`` (in plan order); ``sub`` names the subcommittee of a
    subcommittee report."""
    blocks: list[Block] = [Heading("1.", "평가 대상", "overview_scope")]
    blocks.extend(_scope(ctx, plan, sub))
    blocks.append(Heading("2.", "평가 방법", "overview_method"))
    blocks.extend(_criteria(ctx))
    blocks.extend(_method(ctx))
    blocks.append(Heading("3.", "평가 체계 및 절차", "overview_committee"))
    blocks.extend(_committee(ctx, plan, sub))
    return Section("Ⅰ", "평가 개요", "overview", tuple(blocks))


def _scope(ctx: ReportContext, plan: list[TaskScore], sub: str | None) -> list[Block]:
    rubric = ctx.rubric
    tasks = [d.task for d in plan]
    goals = [
        g for g in rubric.strategic_goals if any(t.strategic_goal_code == g.code for t in tasks)
    ]
    pgs = {t.performance_goal_code for t in tasks}
    n_ind = sum(len(t.indicators) for t in tasks)
    scope = (
        f"{len(goals)}개 전략목표, {len(pgs)}개 성과목표 아래 관리과제 {len(tasks)}개"
        f"(성과지표 {n_ind}개)"
    )
    if sub is not None:
        scope = f"{subcommittee_label(sub)} 소관 " + scope
    out: list[Block] = [Bullet(1, scope, "평가대상")]
    if rubric.meta.source and rubric.meta.source.document:
        out.append(Bullet(2, f"평가 기준: 「{rubric.meta.source.document}」의 관리과제와 성과지표"))
    if rubric.all_data_notes:
        out.append(
            Bullet(
                2,
                "평가 기준 원문의 표기가 서로 다르거나 빠진 곳은 바로잡아 적용하고, 점수에 "
                "영향을 주는 사항은 해당 과제의 각주(*)에 적음",
            )
        )
    rows: list[tuple[str, ...]] = []
    for g in goals:
        gt = [t for t in tasks if t.strategic_goal_code == g.code]
        rows.append(
            (
                g.code,
                g.title,
                count_text(len({t.performance_goal_code for t in gt})),
                count_text(len(gt)),
                count_text(sum(len(t.indicators) for t in gt)),
            )
        )
    rows.append(("계", "", count_text(len(pgs)), count_text(len(tasks)), count_text(n_ind)))
    out.append(
        Table(
            ("전략목표", "내용", "성과목표", "관리과제", "성과지표"),
            tuple(rows),
            (12, 50, 12, 12, 12),
            ("center", "left", "center", "center", "center"),
            caption="< 전략목표별 평가대상 현황 >",
            unit="(단위: 개)",
            total_rows=1,
        )
    )
    return out


def _criteria(ctx: ReportContext) -> list[Block]:
    crit = ctx.rubric.criteria
    parts = ", ".join(f"{c.name} {fmt_plain(c.points)}점" for c in crit.items)
    out: list[Block] = [Bullet(1, f"{fmt_plain(crit.total)}점 만점: {parts}", "평가지표")]
    rows: list[tuple[str, ...]] = [
        (
            c.name,
            fmt_plain(c.points),
            "계량(자동산정)" if c.method == "computed" else "평가위원",
            c.description or "",
        )
        for c in crit.items
    ]
    rows.append(("계", fmt_plain(crit.total), "", ""))
    out.append(
        Table(
            ("평가항목", "배점", "평가방식", "내용"),
            tuple(rows),
            (20, 10, 18, 52),
            ("center", "center", "center", "left"),
            caption="< 평가지표 및 배점 >",
            unit="(단위: 점)",
            total_rows=1,
        )
    )
    # criteria.note is the rubric editor's (e.g. that the points are an example): validate
    # warns about it; the committee's report does not print it.
    return out


def _method(ctx: ReportContext) -> list[Block]:
    """How each part of the score is made: 달성도, the panel, 가감점 and the grading."""
    rubric = ctx.rubric
    sb = ctx.scoreboard
    out: list[Block] = []
    computed = rubric.criteria.computed
    pol = rubric.achievement
    if computed:
        c = computed[0]
        out.append(
            Bullet(
                1,
                f"지표별 달성률에 가중치를 곱해 합산하고 배점 {fmt_plain(c.points)}점으로 환산",
                c.name,
            )
        )
        down = "목표 ÷ 실적 × 100" if pol.down_method == "ratio" else "(2 - 실적 ÷ 목표) × 100"
        out.append(Bullet(2, f"달성률 = 실적 ÷ 목표 × 100 (하향지표는 {down})"))
        if pol.cap is not None:
            out.append(Bullet(2, f"달성률은 {fmt_plain(pol.cap)}%를 상한으로 인정"))
        out.append(Bullet(2, "정성·이행 지표(수립, 제정 등)는 달성 100%, 미달성 0%"))
    panel = rubric.criteria.panel
    if panel:
        names = "·".join(c.name for c in panel)
        rule = {
            "trimmed": _trimmed_mean_text(),
            "mean": "평가위원 점수의 평균",
            "median": "평가위원 총점의 중앙값",
        }.get(sb.panel_rule, sb.panel_rule)
        out.append(Bullet(1, f"분과위원회 평가위원이 {names} 항목을 평가, {rule}", "위원평가"))
    adj = rubric.adjustments
    if adj.min != 0 or adj.max != 0:
        out.append(
            Bullet(
                1,
                f"자체평가위원회 심의를 거쳐 과제당 {fmt_plain(adj.min)}점 ~ "
                f"+{fmt_plain(adj.max)}점 범위에서 가감",
                "가감점",
            )
        )
    scheme = rubric.grade_scheme
    where = {
        "subcommittee": "분과별로",
        "strategic_goal": "전략목표별로",
        "performance_goal": "성과목표별로",
    }.get(sb.by or "", "전체 과제를 대상으로")
    out.append(
        Bullet(
            1,
            f"평정점수(소수점 {scheme.decimals}자리 반올림) 순위에 따라 {where} "
            f"{len(scheme.grades)}등급 상대평가",
            "등급부여",
        )
    )
    out.append(
        Bullet(
            2,
            f"등급은 반올림 전 평정점수로 정하며, 항목별 점수는 합계와 맞도록 소수점 "
            f"{scheme.decimals}자리까지 내린 뒤 버린 나머지가 큰 항목부터 끝자리를 올려 표기"
            "(최대잉여법)",
        )
    )
    tie = "상위" if scheme.ties == "upper" else "하위"
    out.append(Bullet(2, f"동점 과제는 같은 등급으로 하고, 등급 경계에 걸치면 {tie} 등급을 부여"))
    header = ("구분", *scheme.names, "계")
    pct = ("비율(%)", *(fmt_plain(g.percent) for g in scheme.grades), "100")
    quota = [int(q) for q in sb.summary["quota"]]
    qrow = (f"과제 수({ctx.n_all}개 기준)", *(str(q) for q in quota), str(sum(quota)))
    out.append(
        Table(
            header,
            (pct, qrow),
            (16, *(11,) * len(scheme.grades), 9),
            centred(len(scheme.grades) + 2),
            caption="< 등급별 배분 기준 >",
            unit="(단위: %, 개)",
            small=True,
        )
    )
    return out


def _trimmed_mean_text() -> str:
    """The trimmed-mean rule in words, from the constants :func:`~evalkit.aggregate_panel`
    applies (read at build time, so the sentence cannot drift from the rule)."""
    return (
        f"평가위원 {_panel.TRIM_MIN_EVALUATORS}인 이상인 과제는 최고·최저 점수를 "
        f"{_panel.TRIM_DROPPED_EACH}개씩 제외한 평균"
    )


def _committee(ctx: ReportContext, plan: list[TaskScore], sub: str | None) -> list[Block]:
    subs = [s for s in ctx.rubric.subcommittees if sub is None or s.name == sub]
    out: list[Block] = []
    if subs:
        members = sum(s.members for s in subs)
        if sub is None:
            text = (
                f"자체평가위원회 아래 {len(subs)}개 분과위원회, 평가위원 {members}명이 "
                "소관 관리과제를 평가"
            )
        else:
            text = f"{subcommittee_label(sub)} 평가위원 {members}명이 소관 관리과제를 평가"
        out.append(Bullet(1, text, "평가조직"))
        rows: list[tuple[str, ...]] = []
        for s in subs:
            n = sum(1 for d in plan if d.task.assigned_subcommittee == s.name)
            rows.append(
                (
                    subcommittee_label(s.name),
                    f"{s.members}명",
                    ", ".join(s.goals) or "-",
                    count_text(n),
                )
            )
        if sub is None:
            rows.append(("계", f"{members}명", "", count_text(len(plan))))
        out.append(
            Table(
                ("분과위원회", "평가위원", "담당 전략목표", "평가 과제"),
                tuple(rows),
                (30, 20, 30, 20),
                centred(4),
                caption="< 분과위원회 구성 >",
                total_rows=1 if sub is None else 0,
            )
        )
    out.extend(_roster(ctx, sub))
    out.append(
        Bullet(
            1,
            "성과지표 실적 제출 → 분과위원회 과제별 평가 → 가감점 심의 → 자체평가위원회 심의·확정",
            "평가절차",
        )
    )
    if ctx.schedule:
        out.append(
            Table(
                ("단계", "일정"),
                tuple((a, b) for a, b in ctx.schedule),
                (60, 40),
                ("left", "center"),
                caption="< 평가 일정 >",
            )
        )
    return out


def _roster(ctx: ReportContext, sub: str | None) -> list[Block]:
    """위원회 구성: the committee's chair and members and each subcommittee's, by name, as
    the round's roster gives them (nothing without a round)."""
    info = ctx.info
    subs = [s for s in info.subcommittees if sub is None or s.name == sub]
    if not (info.chair or info.members or subs):
        return []
    rows: list[tuple[str, ...]] = []
    if sub is None:
        rows.append(("자체평가위원회", info.chair or "-", ", ".join(info.members) or "-"))
    for s in subs:
        rows.append((subcommittee_label(s.name), s.chair or "-", ", ".join(s.evaluators) or "-"))
    head = []
    if sub is None and info.chair:
        head.append(f"위원장 {info.chair}")
    if sub is None and info.members:
        head.append(f"위원 {len(info.members)}명")
    if subs:
        head.append(f"분과위원회 {len(subs)}개, 평가위원 {sum(len(s.evaluators) for s in subs)}명")
    return [
        Bullet(1, ", ".join(head), "위원회 구성"),
        Table(
            ("구분", "위원장", "위원"),
            tuple(rows),
            (24, 16, 60),
            ("center", "center", "left"),
            caption="< 위원회 및 분과위원회 명단 >",
        ),
    ]
