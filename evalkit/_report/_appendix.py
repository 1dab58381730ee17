"""붙임: 1 the full ranking (관리과제별 평가결과 총괄표), 2 the rubric-wide notes (자료 주석)."""

from __future__ import annotations

from .._numbers import fmt_plain
from .._scoring import TaskScore
from ._blocks import Align, Block, Bullet, Note, Section, Table
from ._context import ReportContext
from ._text import data_note_text, score_text, signed_text, subcommittee_label


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
        for c in crit:
            got = d.criteria.get(c.id)
            row.append("-" if got is None else score_text(got, dec))
        if with_adj:
            row.append(signed_text(d.adjustment_total, dec) if d.adjustments else "-")
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


def notes_section(ctx: ReportContext) -> Section | None:
    """붙임 2: the data notes of the rubric and its 전략목표 (a task's notes are printed under
    the task in Ⅲ); None when there are none."""
    rubric = ctx.rubric
    groups: dict[str, list[str]] = {}
    for owner, note in rubric.all_data_notes:
        if owner is not None and any(t.code == owner for t in rubric.tasks):
            continue  # task notes are printed under their task
        key = f"전략목표 {owner}" if owner else "평가 기준 전체"
        groups.setdefault(key, []).append(data_note_text(note))
    if not groups:
        return None
    blocks: list[Block] = [
        Note("평가 기준 원문과 다르게 적용한 사항 (과제별 주석은 Ⅲ의 각 과제에 수록)")
    ]
    for key, texts in groups.items():
        blocks.append(Bullet(1, key, strong=True))
        blocks.extend(Bullet(4, t) for t in texts)
    return Section("붙임 2", "자료 주석", "notes", tuple(blocks), appendix=True)
