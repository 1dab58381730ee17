"""Building a report: check the request, then assemble the printed parts in order."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from .._errors import InputError, Problem
from .._grading import grade_quotas
from .._identifiers import IdentifierError, resolve_subcommittee, resolve_task_code
from .._numbers import fmt_plain
from .._scoring import Scoreboard, TaskScore
from ._appendix import ranking_section
from ._blocks import Block, Bullet, Chart, GradeLine, Report, ReportKind, Section, Table, TaskLine
from ._context import ReportContext
from ._overview import overview_section
from ._round_info import RoundInfo, date_text
from ._summary import summary_section
from ._tasks import task_blocks, task_results_section
from ._text import safe_name, score_text, subcommittee_label


def build_report(
    scoreboard: Scoreboard,
    *,
    subcommittee: str | None = None,
    task: str | None = None,
    issued: date | None = None,
    schedule: Sequence[tuple[str, str]] | None = None,
    round_info: RoundInfo | None = None,
    example: bool = False,
) -> Report:
    """Build the report model from a scoreboard; the kind follows from the arguments.

    - neither: annual result report (자체평가 결과보고서) over every scored task
    - ``subcommittee``: the same report limited to one subcommittee (분과)
    - ``task``: a one-task result sheet (과제별 결과표)

    ``round_info`` (from the round file, :meth:`RoundInfo.of`) gives the cover its 발간일,
    의결일, status (초안/확정) and 판, and the schedule; ``issued`` and ``schedule`` set those
    two alone (a round's own values win). ``example`` marks a report made from synthetic
    inputs (the demo) as 예시(가상 자료) on the cover and every page, as a round with
    ``example: true`` does. A draft (초안) and a provisional run (잠정) say so on every page.

    Raises:
        InputError: both ``subcommittee`` and ``task`` given, or either unknown.
    """
    problems, subcommittee, task = _request_problems(scoreboard, subcommittee, task)
    if problems:
        raise InputError(problems, "보고서를 만들 수 없습니다")
    if round_info is not None:
        issued = round_info.issue_date or issued
        schedule = round_info.schedule or schedule
    ctx = ReportContext.of(scoreboard, issued, schedule, round_info)
    details = list(scoreboard.details)
    if task is not None:
        report = _task_sheet(ctx, scoreboard.task(task))
    elif subcommittee is not None:
        chosen = [d for d in details if d.task.assigned_subcommittee == subcommittee]
        report = _full_report(ctx, "subcommittee", chosen, subcommittee)
    else:
        report = _full_report(ctx, "annual", details, None)
    return dataclasses.replace(
        report,
        page_marks=page_marks(scoreboard, round_info, example),
        cover_notes=cover_notes(round_info),
    )


EXAMPLE_MARK = "예시(가상 자료)"


def page_marks(sb: Scoreboard, info: RoundInfo | None, example: bool) -> tuple[str, ...]:
    """What every page must say: 예시(가상 자료), 초안, 잠정 (in that order)."""
    marks = []
    if example or (info is not None and info.example):
        marks.append(EXAMPLE_MARK)
    if info is not None and info.draft:
        marks.append("초안")
    if sb.provisional:
        marks.append("잠정")
    return tuple(marks)


def cover_notes(info: RoundInfo | None) -> tuple[str, ...]:
    """The cover's dates and status: ``발간일 2025. 4. 10.``, ``의결일 …``, ``초안 (제1판)``."""
    if info is None:
        return ()
    lines = []
    if info.issue_date is not None:
        lines.append(f"발간일 {date_text(info.issue_date)}")
    if info.approval_date is not None:
        lines.append(f"의결일 {date_text(info.approval_date)}")
    lines.append(f"{info.status} (제{info.version}판)")
    return tuple(lines)


def _request_problems(
    scoreboard: Scoreboard, subcommittee: str | None, task: str | None
) -> tuple[list[Problem], str | None, str | None]:
    """Every problem with the request at once, and the subcommittee and task it names
    (forgiving spellings resolved: ``I-1-1`` for ``Ⅰ-1-①``, ``산업정책 분과`` for ``산업정책``)."""
    problems: list[Problem] = []
    if subcommittee is not None and task is not None:
        problems.append(
            Problem(
                "분과(subcommittee)와 과제(task)를 함께 줄 수 없습니다",
                field="subcommittee/task",
                fix="--subcommittee 또는 --task 중 하나만 쓰십시오",
            )
        )
    details = list(scoreboard.details)
    if subcommittee is not None:
        names = sorted({d.task.assigned_subcommittee or "" for d in details} - {""})
        try:
            subcommittee = resolve_subcommittee(subcommittee, names, option="subcommittee")
        except IdentifierError as exc:
            problems.extend(exc.problems)
    if task is not None:
        try:
            task = resolve_task_code(task, [d.task.code for d in details], option="task")
        except IdentifierError as exc:
            problems.extend(exc.problems)
    if not details:
        problems.append(
            Problem(
                "채점된 과제가 하나도 없습니다",
                field="scoreboard",
                fix="보고서를 만들기 전에 과제를 하나 이상 채점하십시오",
            )
        )
    return problems, subcommittee, task


def _full_report(
    ctx: ReportContext, kind: ReportKind, details: list[TaskScore], sub: str | None
) -> Report:
    """The annual report, or one subcommittee's (``sub``): Ⅰ, Ⅱ, Ⅲ and 붙임."""
    meta = ctx.rubric.meta
    plan = sorted(details, key=lambda d: ctx.plan_index(d.task))
    ranked = sorted(details, key=lambda d: (d.rank, d.task.code))
    dist = _distribution(ctx, details, sub)
    sections = [
        overview_section(ctx, plan, sub),
        summary_section(ctx, plan, ranked, dist, sub),
        task_results_section(ctx, plan),
        ranking_section(ctx, ranked, sub),
    ]
    stem = f"자체평가_결과보고서_{ctx.year}"
    if sub is not None:
        stem += f"_{safe_name(sub)}"
    return Report(
        kind=kind,
        title=f"{meta.title} 결과보고서{_provisional_mark(ctx)}",
        cover_lines=(meta.title, "결과보고서", *_provisional_lines(ctx)),
        subtitle=f"({subcommittee_label(sub)})" if sub else "",
        ministry=meta.ministry,
        year=ctx.year,
        organisation=ctx.organisation,
        issued=ctx.issued_text,
        created=ctx.created,
        file_stem=stem,
        sections=tuple(_kept_lines(s) for s in sections),
        tasks=tuple(_task_line(ctx, d) for d in ranked),
        distribution=dist,
    )


def _provisional_mark(ctx: ReportContext) -> str:
    return " (잠정)" if ctx.scoreboard.provisional else ""


def _provisional_lines(ctx: ReportContext) -> tuple[str, ...]:
    """A provisional run (잠정 산정) says so on its cover, with the tasks it left out."""
    pending = ctx.scoreboard.pending
    if not pending:
        return ()
    return (f"잠정 순위 — 자료 미제출 {len(pending)}개 과제 미산정: " + ", ".join(pending),)


def _task_sheet(ctx: ReportContext, d: TaskScore) -> Report:
    """The one-task result sheet (과제별 결과표): the task's Ⅲ page under a boxed title."""
    meta = ctx.rubric.meta
    blocks = task_blocks(ctx, d, new_page=False)
    section = Section("", "과제별 평가결과", "task", tuple(blocks), new_page=False)
    return Report(
        kind="task",
        title=f"{meta.title} 과제별 평가결과",
        cover_lines=(meta.title, "과제별 평가결과"),
        subtitle=f"{d.task.code} {d.task.name}",
        ministry=meta.ministry,
        year=ctx.year,
        organisation=ctx.organisation,
        issued=ctx.issued_text,
        created=ctx.created,
        file_stem=f"자체평가_결과표_{ctx.year}_{safe_name(d.task.code)}",
        sections=(_kept_lines(section),),
        tasks=(_task_line(ctx, d),),
        distribution=_distribution(ctx, [d], None),
    )


def _kept_lines(section: Section) -> Section:
    """Mark the lines that must share a page with the block after them: a small heading
    (``strong``) and a line that introduces a table or chart."""

    def kept(b: Block, nxt: Block | None) -> Block:
        if isinstance(b, Bullet) and (b.strong or isinstance(nxt, Table | Chart)):
            return dataclasses.replace(b, keep_with_next=True)
        return b

    blocks = section.blocks
    return dataclasses.replace(
        section,
        blocks=tuple(kept(b, nxt) for b, nxt in zip(blocks, (*blocks[1:], None), strict=True)),
    )


def _task_line(ctx: ReportContext, d: TaskScore) -> TaskLine:
    return TaskLine(
        d.task.code,
        d.task.name,
        subcommittee_label(d.task.assigned_subcommittee),
        score_text(d.total, ctx.decimals),
        d.grade,
        d.rank,
    )


def _distribution(
    ctx: ReportContext, details: list[TaskScore], sub: str | None
) -> tuple[GradeLine, ...]:
    """Per grade: its share, its quota (when one means something here) and the count."""
    scheme = ctx.rubric.grade_scheme
    sb = ctx.scoreboard
    counts = {n: 0 for n in scheme.names}
    for d in details:
        counts[d.grade] = counts.get(d.grade, 0) + 1
    quotas: list[int] | None
    if len(details) == ctx.n_all:
        quotas = [int(q) for q in sb.summary["quota"]]
    elif sub is not None and sb.by == "subcommittee":
        quotas = grade_quotas(len(details), scheme)
    else:
        quotas = None  # graded over all tasks: a quota of this subset means nothing
    return tuple(
        GradeLine(
            g.name, fmt_plain(g.percent), None if quotas is None else quotas[i], counts[g.name]
        )
        for i, g in enumerate(scheme.grades)
    )
