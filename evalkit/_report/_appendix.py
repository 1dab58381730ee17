"""붙임 1: the full ranking (관리과제별 평가결과 총괄표).

The rubric's data notes are not an appendix: those that change a score are footnotes on
their task (:mod:`._notes`); their provenance stays in the rubric and in validate's output.
"""

from __future__ import annotations

from .._numbers import fmt_plain
from .._scoring import TaskScore
from ._blocks import Align, Bullet, Section, Table
from ._context import ReportContext
from ._text import score_parts, score_text, subcommittee_label


def ranking_section(ctx: ReportContext, ranked: list[TaskScore], sub: str | None) -> Section:
    """붙임 1: every task of ``ranked`` with its criterion scores, on landscape pages."""
    rubric = ctx.rubric
    dec = ctx.decimals
    crit = rubric.criteria.items
    with_adj = (
        rubric.adjustments.min != 0
        or rubric.adjustments.max != 0
        or any(d.adjustments for d in ranked)
    )
    header: list[str] = ["순위", "과제코드", "관리과제명"]
    widths: list[int] = [6, 11, 46]
    align: list[Align] = ["center", "center", "left"]
    if sub is None:
        header.append("분과")
        widths.append(14)
        align.append("center")
    for c in crit:
        header.append(f"{c.name}\n({fmt_plain(c.points)})")
        widths.append(10)
        align.append("center")
    if with_adj:
        header.append("가감점")
        widths.append(8)
        align.append("center")
    header += ["총점", "등급"]
    widths += [10, 11]
    align += ["center", "center"]
    rows: list[tuple[str, ...]] = []
    for d in ranked:
        row = [str(d.rank), d.task.code, d.task.name]
        if sub is None:
            row.append(subcommittee_label(d.task.assigned_subcommittee).removesuffix(" 분과"))
        printed, adj = score_parts(d, [c.id for c in crit], dec)
        row += printed
        if with_adj:
            row.append(adj)
        row += [score_text(d.total, dec), d.grade]
        rows.append(tuple(row))
    if ctx.scoreboard.by is None and len(ranked) == ctx.n_all:
        intro = Bullet(1, f"평정점수 순으로 전체 {ctx.n_all}개 관리과제를 정렬")
    else:
        intro = Bullet(1, f"순위는 전체 {ctx.n_all}개 관리과제 기준")
    table = Table(
        tuple(header),
        tuple(rows),
        tuple(widths),
        tuple(align),
        caption="< 관리과제별 평정점수 및 등급 >",
        unit="(단위: 점)",
        small=True,
    )
    return Section(
        "붙임 1",
        "관리과제별 평가결과 총괄표",
        "ranking",
        (intro, table),
        appendix=True,
        landscape=True,
    )
