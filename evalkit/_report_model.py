"""The report model (결과보고서 모델): every string and number a report prints, built once.

:func:`build_report` turns a :class:`~evalkit.Scoreboard` into a :class:`Report`: frozen
dataclasses of display-ready text. All rounding (사사오입, half-up) happens here, from the
scoreboard's exact fractions; the DOCX and PDF renderers only lay the blocks out, so the two
formats always print the same figures.

A report is a list of :class:`Section` (Ⅰ 평가 개요, Ⅱ 종합 결과, Ⅲ 과제별 평가결과, 붙임), each a
list of blocks: :class:`Heading`, :class:`Bullet` (the □ → ㅇ → - → * ladder), :class:`Note`
(※), :class:`Table`, :class:`Chart` and :class:`TaskHeading`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ._errors import InputError, Problem
from ._grading import grade_quotas
from ._numbers import fmt, fmt_plain, round_half_up, to_fraction
from ._rubric import DataNote, Indicator, Rubric, Task
from ._scoring import IndicatorScore, Scoreboard, TaskScore

ReportKind = Literal["annual", "subcommittee", "task"]
Align = Literal["left", "center", "right"]

MARKERS: dict[int, str] = {1: "□", 2: "ㅇ", 3: "-", 4: "*"}
"""The bullet ladder of Korean government reports, level 1 to 4."""

RATE_DECIMALS = 1  # 달성률 printed to one decimal (the scoreboard keeps them exact)
_TOP_N = 5


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True, slots=True)
class Heading:
    """Second-level heading inside a section, e.g. ``1. 평가 대상``."""

    number: str
    text: str
    anchor: str = ""
    new_page: bool = False


@dataclass(frozen=True, slots=True)
class Bullet:
    """One line of the ladder: level 1 □, 2 ㅇ, 3 -, 4 * (footnote-like, in 고딕).

    ``lead`` is the bracketed topic printed in bold before the text, as in ``□ (평가대상) …``;
    ``strong`` prints the whole line as a small heading (□ 우수사항).
    """

    level: int
    text: str
    lead: str = ""
    strong: bool = False

    @property
    def marker(self) -> str:
        return MARKERS[self.level]


@dataclass(frozen=True, slots=True)
class Note:
    """A ※ note (참고), printed in 고딕 at a smaller size."""

    text: str
    mark: str = "※"


@dataclass(frozen=True, slots=True)
class Table:
    """A table of display strings; the first row of ``header`` is shaded.

    ``widths`` are relative column widths; ``total_rows`` trailing rows are emphasised (합계);
    a ``form`` table alternates label and value columns (labels shaded), with no header.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    align: tuple[Align, ...]
    caption: str = ""
    unit: str = ""
    total_rows: int = 0
    small: bool = False
    form: bool = False

    def __post_init__(self) -> None:
        n = len(self.widths)
        if len(self.align) != n or (self.header and len(self.header) != n):
            raise ValueError("table header, widths and align must have the same length")
        for row in self.rows:
            if len(row) != n:
                raise ValueError(f"table row has {len(row)} cells, expected {n}: {row!r}")


@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """Grouped bar chart (e.g. quota against actual count per grade)."""

    caption: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_label: str


@dataclass(frozen=True, slots=True)
class TaskHeading:
    """The boxed heading that opens one task's result (과제코드 and 과제명)."""

    code: str
    name: str
    anchor: str
    new_page: bool = True


Block = Heading | Bullet | Note | Table | Chart | TaskHeading


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level part: ``Ⅰ 평가 개요`` … or an appendix (``붙임 1``)."""

    number: str
    title: str
    anchor: str
    blocks: tuple[Block, ...]
    appendix: bool = False
    new_page: bool = True
    landscape: bool = False  # a wide table (the full ranking) is printed on landscape pages


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One task's headline figures, as printed."""

    code: str
    name: str
    subcommittee: str
    score: str
    grade: str
    rank: int


@dataclass(frozen=True, slots=True)
class GradeLine:
    """One grade of the distribution: its share, quota (None when not defined) and count."""

    name: str
    percent: str
    quota: int | None
    count: int


@dataclass(frozen=True)
class Report:
    """A self-evaluation report (자체평가 결과보고서), ready to render."""

    kind: ReportKind
    title: str
    cover_lines: tuple[str, ...]
    subtitle: str
    ministry: str
    year: int
    organisation: str
    issued: str
    created: datetime
    file_stem: str
    sections: tuple[Section, ...]
    tasks: tuple[TaskLine, ...]
    distribution: tuple[GradeLine, ...]

    @property
    def has_cover(self) -> bool:
        """Annual and subcommittee reports open with a cover page and a table of contents."""
        return self.kind != "task"

    @property
    def grade_names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.distribution)

    def iter_text(self) -> Iterator[str]:
        """Every string the report prints, in order (for tests and search)."""
        yield self.title
        if self.subtitle:
            yield self.subtitle
        for sec in self.sections:
            yield f"{sec.number} {sec.title}"
            for b in sec.blocks:
                if isinstance(b, Heading):
                    yield f"{b.number} {b.text}"
                elif isinstance(b, Bullet):
                    yield f"({b.lead}) {b.text}" if b.lead else b.text
                elif isinstance(b, Note):
                    yield b.text
                elif isinstance(b, Table):
                    yield from (t for t in (b.caption, b.unit) if t)
                    yield from b.header
                    for row in b.rows:
                        yield from row
                elif isinstance(b, Chart):
                    yield b.caption
                else:
                    yield f"{b.code} {b.name}"


# ---------------------------------------------------------------------------------------------
# Display helpers (all rounding lives here)

_ISSUE_KO: dict[str, str] = {
    "missing_weight": "가중치 미기재",
    "weight_sum": "가중치 합계 불일치",
    "typo": "오기",
    "target_conflict": "목표치 불일치",
    "incomplete_row": "항목 누락",
    "rationale_conflict": "설정근거 불일치",
    "count_mismatch": "개수 불일치",
    "other": "기타",
}
_FIELD_KO: dict[str, str] = {
    "weight": "가중치",
    "target": "목표치",
    "results": "실적",
    "rationale": "목표치 설정근거",
    "name": "지표명",
    "unit": "단위",
    "formula": "측정산식",
    "source": "자료출처",
    "direction": "지표 방향",
    "kind": "지표 유형",
    "nature": "지표 성격",
    "applied_weight": "적용 가중치",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled(n: int) -> str:
    """①, ②, … as printed in the plan's task tables (``(21)`` beyond ⑳)."""
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"


def score_text(value: Fraction, decimals: int) -> str:
    return fmt(value, decimals)


def signed_text(value: Fraction, decimals: int) -> str:
    text = fmt(value, decimals)
    return text if value <= 0 or text.startswith("-") else f"+{text}"


def rate_text(value: Fraction | None) -> str:
    return "-" if value is None else fmt(value, RATE_DECIMALS)


def weight_text(value: Fraction) -> str:
    """An exact decimal when it has at most 3 places (``0.3``, ``0.25``), else ``1/3``."""
    for places in range(4):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return fmt_plain(Decimal(scaled.numerator).scaleb(-places))
    return f"{value.numerator}/{value.denominator}"


def _decimal_places(value: object) -> int:
    if isinstance(value, Decimal):
        exp = value.normalize().as_tuple().exponent
        return max(0, -exp) if isinstance(exp, int) else 0
    return 0


def value_text(value: object, places: int = 2) -> str:
    """A printed value: exact when short (``1,350``, ``94.3``), else rounded half-up."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "달성" if value else "미달성"
    if isinstance(value, str):
        return value
    try:
        frac = to_fraction(value)
    except ValueError:
        return str(value)
    d = round_half_up(frac, places)
    if Fraction(d) == frac:
        d = d.normalize() if d != d.to_integral_value() else d.quantize(Decimal(1))
    else:
        d = d.normalize()
    return fmt_plain(d)


def actual_text(score: IndicatorScore) -> str:
    ind = score.indicator
    value = score.actual_in_unit
    if ind.kind == "milestone":
        if isinstance(value, bool):
            return "달성" if value else "미달성"
        return str(score.actual.value) if score.actual.value is not None else "-"
    return value_text(value, max(2, _decimal_places(ind.target)))


def target_text(ind: Indicator) -> str:
    return value_text(ind.target, max(2, _decimal_places(ind.target)))


def subcommittee_label(name: str | None) -> str:
    if not name:
        return "미지정"
    return name if name.endswith(("분과", "위원회")) else f"{name} 분과"


def _centred(n: int) -> tuple[Align, ...]:
    center: Align = "center"
    return (center,) * n


def _count(n: int, unit: str = "개") -> str:
    return f"{n:,}{unit}"


def _lines(text: str) -> list[str]:
    """Comment text split into items; leading bullet marks typed by evaluators are dropped."""
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"^\s*(?:[-ㅇ○•·□*※]|\d+[.)])\s*", "", raw).strip()
        if line:
            out.append(line)
    return out


def note_field_text(field: str | None) -> str:
    """``indicators[2].weight`` → ``성과지표 ② 가중치``; other fields are printed as they are."""
    if not field:
        return ""
    m = re.fullmatch(r"indicators\[(\d+|\*)\](?:\.(\w+))?", field)
    if not m:
        return field
    which = "전체" if m[1] == "*" else circled(int(m[1]))
    what = _FIELD_KO.get(m[2] or "", m[2] or "")
    return f"성과지표 {which} {what}".strip()


def data_note_text(note: DataNote) -> str:
    where = note_field_text(note.field)
    head = f"[{_ISSUE_KO.get(note.issue, note.issue)}]" + (f" {where}" if where else "")
    return f"{head} — 원문: {note.printed} → 적용: {note.applied} (원문 {note.line}행)"


def weighting_text(task: Task) -> str:
    n = len(task.indicators)
    if task.weighting == "equal":
        return f"원문에 가중치가 없어 {n}개 지표에 균등 가중치(1/{n})를 적용"
    if task.weighting == "normalized":
        return "원문 가중치의 합계가 1이 아니어서 합계가 1이 되도록 환산하여 적용"
    if task.weighting == "override":
        return "자료 주석에 따라 원문과 다른 가중치를 적용"
    return ""


def safe_name(text: str) -> str:
    """A file-name-safe form of a subcommittee name or task code (Hangul and Ⅰ are kept)."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text.strip())
    return cleaned.strip("._") or "report"


def fixed_created(year: int, issued: date | None = None) -> datetime:
    """The document date written into DOCX/PDF metadata: fixed, so outputs are reproducible.

    ``SOURCE_DATE_EPOCH`` (reproducible-builds convention) wins, then ``issued``, else 1 January
    of the year after the evaluated year (when the report is written).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(microsecond=0)
    if issued is not None:
        return datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
    return datetime(year + 1, 1, 1, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# Building


def build_report(
    scoreboard: Scoreboard,
    *,
    subcommittee: str | None = None,
    task: str | None = None,
    issued: date | None = None,
    schedule: Sequence[tuple[str, str]] | None = None,
) -> Report:
    """Build the report model from a scoreboard; the kind follows from the arguments.

    - neither: annual result report (자체평가 결과보고서) over every scored task
    - ``subcommittee``: the same report limited to one subcommittee (분과)
    - ``task``: a one-task result sheet (과제별 결과표)

    ``issued`` prints a date on the cover (and fixes the document date); ``schedule`` adds an
    evaluation schedule table of (단계, 일정) rows to Ⅰ (the rubric does not carry one).

    Raises:
        InputError: both ``subcommittee`` and ``task`` given, or either unknown.
    """
    problems: list[Problem] = []
    if subcommittee is not None and task is not None:
        problems.append(
            Problem(
                "give either a subcommittee or a task, not both",
                field="subcommittee/task",
                fix="drop --subcommittee or --task",
            )
        )
    details = list(scoreboard.details)
    if subcommittee is not None:
        names = sorted({d.task.assigned_subcommittee or "" for d in details} - {""})
        if subcommittee not in names:
            problems.append(
                Problem(
                    f"no scored task belongs to subcommittee {subcommittee!r}",
                    field="subcommittee",
                    fix=f"use one of: {', '.join(names) or '(none defined)'}",
                )
            )
    if task is not None and all(d.task.code != task for d in details):
        problems.append(
            Problem(
                f"task {task!r} is not on the scoreboard",
                field="task",
                fix="use a task code of the rubric, e.g. "
                f"{details[0].task.code if details else 'Ⅰ-1-①'}",
            )
        )
    if not details:
        problems.append(
            Problem(
                "the scoreboard holds no task",
                field="scoreboard",
                fix="score at least one task before writing a report",
            )
        )
    if problems:
        raise InputError(problems, "cannot build the report")

    b = _Builder(scoreboard, issued, schedule)
    if task is not None:
        return b.task_sheet(scoreboard.task(task))
    if subcommittee is not None:
        chosen = [d for d in details if d.task.assigned_subcommittee == subcommittee]
        return b.full_report("subcommittee", chosen, subcommittee)
    return b.full_report("annual", details, None)


class _Builder:
    def __init__(
        self, sb: Scoreboard, issued: date | None, schedule: Sequence[tuple[str, str]] | None
    ) -> None:
        self.sb = sb
        self.rubric: Rubric = sb.rubric
        self.dec = sb.rubric.grade_scheme.decimals
        self.grades = sb.rubric.grade_scheme.names
        self.n_all = len(sb.details)
        self.issued = issued
        self.schedule = tuple(schedule or ())
        meta = sb.rubric.meta
        self.year = meta.year
        self.created = fixed_created(meta.year, issued)
        self.organisation = f"{meta.ministry} 자체평가위원회"
        self._order = {t.code: i for i, t in enumerate(sb.rubric.tasks)}

    # -- report kinds -------------------------------------------------------------------------

    def full_report(self, kind: ReportKind, details: list[TaskScore], sub: str | None) -> Report:
        meta = self.rubric.meta
        plan = sorted(details, key=lambda d: self._plan_index(d.task))
        ranked = sorted(details, key=lambda d: (d.rank, d.task.code))
        dist = self._distribution(details, sub)
        sections = [
            self._overview(plan, sub),
            self._summary(plan, ranked, dist, sub),
            self._task_results(plan),
            self._ranking(ranked, sub),
        ]
        notes = self._rubric_notes() if kind == "annual" else ()
        if notes:
            sections.append(Section("붙임 2", "자료 주석", "notes", notes, appendix=True))
        stem = f"자체평가_결과보고서_{self.year}"
        if sub is not None:
            stem += f"_{safe_name(sub)}"
        return Report(
            kind=kind,
            title=f"{meta.title} 결과보고서",
            cover_lines=(meta.title, "결과보고서"),
            subtitle=f"({subcommittee_label(sub)})" if sub else "",
            ministry=meta.ministry,
            year=self.year,
            organisation=self.organisation,
            issued=self._issued_text(),
            created=self.created,
            file_stem=stem,
            sections=tuple(sections),
            tasks=tuple(self._task_line(d) for d in ranked),
            distribution=dist,
        )

    def task_sheet(self, d: TaskScore) -> Report:
        meta = self.rubric.meta
        blocks = self._task_blocks(d, new_page=False)
        section = Section("", "과제별 평가결과", "task", tuple(blocks), new_page=False)
        dist = self._distribution([d], None)
        return Report(
            kind="task",
            title=f"{meta.title} 과제별 평가결과",
            cover_lines=(meta.title, "과제별 평가결과"),
            subtitle=f"{d.task.code} {d.task.name}",
            ministry=meta.ministry,
            year=self.year,
            organisation=self.organisation,
            issued=self._issued_text(),
            created=self.created,
            file_stem=f"자체평가_결과표_{self.year}_{safe_name(d.task.code)}",
            sections=(section,),
            tasks=(self._task_line(d),),
            distribution=dist,
        )

    # -- shared pieces ------------------------------------------------------------------------

    def _issued_text(self) -> str:
        return f"{self.issued.year}. {self.issued.month}." if self.issued else ""

    def _plan_index(self, task: Task) -> int:
        return self._order[task.code]

    def _task_line(self, d: TaskScore) -> TaskLine:
        return TaskLine(
            d.task.code,
            d.task.name,
            subcommittee_label(d.task.assigned_subcommittee),
            score_text(d.total, self.dec),
            d.grade,
            d.rank,
        )

    def _distribution(self, details: list[TaskScore], sub: str | None) -> tuple[GradeLine, ...]:
        scheme = self.rubric.grade_scheme
        counts = {n: 0 for n in scheme.names}
        for d in details:
            counts[d.grade] = counts.get(d.grade, 0) + 1
        quotas: list[int] | None
        if len(details) == self.n_all:
            quotas = [int(q) for q in self.sb.summary["quota"]]
        elif sub is not None and self.sb.by == "subcommittee":
            quotas = grade_quotas(len(details), scheme)
        else:
            quotas = None  # graded over all tasks: a quota of this subset means nothing
        return tuple(
            GradeLine(
                g.name, fmt_plain(g.percent), None if quotas is None else quotas[i], counts[g.name]
            )
            for i, g in enumerate(scheme.grades)
        )

    # -- Ⅰ 평가 개요 ----------------------------------------------------------------------------

    def _overview(self, plan: list[TaskScore], sub: str | None) -> Section:
        rubric = self.rubric
        tasks = [d.task for d in plan]
        goals = [
            g for g in rubric.strategic_goals if any(t.strategic_goal_code == g.code for t in tasks)
        ]
        pgs = {t.performance_goal_code for t in tasks}
        n_ind = sum(len(t.indicators) for t in tasks)
        blocks: list[Block] = [Heading("1.", "평가 대상", "overview_scope")]
        scope = (
            f"{len(goals)}개 전략목표, {len(pgs)}개 성과목표 아래 관리과제 {len(tasks)}개"
            f"(성과지표 {n_ind}개)"
        )
        if sub is not None:
            scope = f"{subcommittee_label(sub)} 소관 " + scope
        blocks.append(Bullet(1, scope, "평가대상"))
        if rubric.meta.source and rubric.meta.source.document:
            blocks.append(
                Bullet(2, f"평가 기준: 「{rubric.meta.source.document}」의 관리과제와 성과지표")
            )
        rows: list[tuple[str, ...]] = []
        for g in goals:
            gt = [t for t in tasks if t.strategic_goal_code == g.code]
            rows.append(
                (
                    g.code,
                    g.title,
                    _count(len({t.performance_goal_code for t in gt})),
                    _count(len(gt)),
                    _count(sum(len(t.indicators) for t in gt)),
                )
            )
        rows.append(("계", "", _count(len(pgs)), _count(len(tasks)), _count(n_ind)))
        blocks.append(
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

        blocks.append(Heading("2.", "평가 방법", "overview_method"))
        crit = rubric.criteria
        parts = ", ".join(f"{c.name} {fmt_plain(c.points)}점" for c in crit.items)
        blocks.append(Bullet(1, f"{fmt_plain(crit.total)}점 만점: {parts}", "평가지표"))
        crow: list[tuple[str, ...]] = [
            (
                c.name,
                fmt_plain(c.points),
                "계량(자동산정)" if c.method == "computed" else "평가위원",
                c.description or "",
            )
            for c in crit.items
        ]
        crow.append(("계", fmt_plain(crit.total), "", ""))
        blocks.append(
            Table(
                ("평가항목", "배점", "평가방식", "내용"),
                tuple(crow),
                (20, 10, 18, 52),
                ("center", "center", "center", "left"),
                caption="< 평가지표 및 배점 >",
                unit="(단위: 점)",
                total_rows=1,
            )
        )
        if crit.note:
            blocks.append(Note(crit.note))
        blocks.extend(self._method_bullets())

        blocks.append(Heading("3.", "평가 체계 및 절차", "overview_committee"))
        blocks.extend(self._committee(plan, sub))
        return Section("Ⅰ", "평가 개요", "overview", tuple(blocks))

    def _method_bullets(self) -> list[Block]:
        rubric = self.rubric
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
                "trimmed": "평가위원 4인 이상인 과제는 최고·최저 점수를 1개씩 제외한 평균",
                "mean": "평가위원 점수의 평균",
                "median": "평가위원 총점의 중앙값",
            }.get(self.sb.panel_rule, self.sb.panel_rule)
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
        }.get(self.sb.by or "", "전체 과제를 대상으로")
        out.append(
            Bullet(
                1,
                f"평정점수(소수점 {scheme.decimals}자리 반올림) 순위에 따라 {where} "
                f"{len(scheme.grades)}등급 상대평가",
                "등급부여",
            )
        )
        tie = "상위" if scheme.ties == "upper" else "하위"
        out.append(
            Bullet(2, f"동점 과제는 같은 등급으로 하고, 등급 경계에 걸치면 {tie} 등급을 부여")
        )
        header = ("구분", *scheme.names, "계")
        pct = ("비율(%)", *(fmt_plain(g.percent) for g in scheme.grades), "100")
        quota = [int(q) for q in self.sb.summary["quota"]]
        n = self.n_all
        qrow = (f"과제 수({n}개 기준)", *(str(q) for q in quota), str(sum(quota)))
        out.append(
            Table(
                header,
                (pct, qrow),
                (16, *(11,) * len(scheme.grades), 9),
                _centred(len(scheme.grades) + 2),
                caption="< 등급별 배분 기준 >",
                unit="(단위: %, 개)",
                small=True,
            )
        )
        return out

    def _committee(self, plan: list[TaskScore], sub: str | None) -> list[Block]:
        rubric = self.rubric
        subs = [s for s in rubric.subcommittees if sub is None or s.name == sub]
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
                        _count(n),
                    )
                )
            if sub is None:
                rows.append(("계", f"{members}명", "", _count(len(plan))))
            out.append(
                Table(
                    ("분과위원회", "평가위원", "담당 전략목표", "평가 과제"),
                    tuple(rows),
                    (30, 20, 30, 20),
                    _centred(4),
                    caption="< 분과위원회 구성 >",
                    total_rows=1 if sub is None else 0,
                )
            )
        out.append(
            Bullet(
                1,
                "성과지표 실적 제출 → 분과위원회 과제별 평가 → 가감점 심의 → "
                "자체평가위원회 심의·확정",
                "평가절차",
            )
        )
        if self.schedule:
            out.append(
                Table(
                    ("단계", "일정"),
                    tuple((a, b) for a, b in self.schedule),
                    (60, 40),
                    ("left", "center"),
                    caption="< 평가 일정 >",
                )
            )
        return out

    # -- Ⅱ 종합 결과 ----------------------------------------------------------------------------

    def _summary(
        self,
        plan: list[TaskScore],
        ranked: list[TaskScore],
        dist: tuple[GradeLine, ...],
        sub: str | None,
    ) -> Section:
        blocks: list[Block] = [Heading("1.", "등급 분포", "summary_grades")]
        n = len(plan)
        counts = ", ".join(f"{g.name} {g.count}개" for g in dist)
        blocks.append(Bullet(1, f"평가대상 관리과제 {n}개 중 {counts}", "등급분포"))
        totals = [d.total for d in plan]
        mean = sum(totals, Fraction(0)) / n
        blocks.append(
            Bullet(
                2,
                f"평균 {score_text(mean, self.dec)}점 (최고 "
                f"{score_text(max(totals), self.dec)}점, 최저 "
                f"{score_text(min(totals), self.dec)}점)",
            )
        )
        header = ("구분", *(g.name for g in dist), "계")
        rows: list[tuple[str, ...]] = [("기준 비율(%)", *(g.percent for g in dist), "100")]
        if all(g.quota is not None for g in dist):
            rows.append(
                (
                    "기준 과제 수",
                    *(str(g.quota) for g in dist),
                    str(sum(g.quota or 0 for g in dist)),
                )
            )
        rows.append(("평가 결과", *(str(g.count) for g in dist), str(n)))
        rows.append(("결과 비율(%)", *(fmt(Fraction(g.count * 100, n), 1) for g in dist), "100.0"))
        blocks.append(
            Table(
                header,
                tuple(rows),
                (16, *(11,) * len(dist), 9),
                _centred(len(dist) + 2),
                caption="< 등급별 과제 수 >",
                unit="(단위: %, 개)",
                small=True,
            )
        )
        series = [ChartSeries("평가 결과", tuple(g.count for g in dist))]
        if all(g.quota is not None for g in dist):
            series.insert(0, ChartSeries("기준 과제 수", tuple(g.quota or 0 for g in dist)))
        blocks.append(
            Chart(
                "< 등급별 과제 수: 기준과 결과 >",
                tuple(g.name for g in dist),
                tuple(series),
                "과제 수(개)",
            )
        )
        if sub is not None and self.sb.by != "subcommittee":
            blocks.append(
                Note(
                    f"등급은 전체 {self.n_all}개 과제를 대상으로 부여되어, 분과 안의 "
                    "분포는 기준 비율과 다를 수 있음"
                )
            )

        blocks.append(Heading("2.", "전략목표별 결과", "summary_goals"))
        goals = [
            g
            for g in self.rubric.strategic_goals
            if any(d.task.strategic_goal_code == g.code for d in plan)
        ]
        blocks.append(
            self._group_table(
                "전략목표",
                [
                    (g.code, [d for d in plan if d.task.strategic_goal_code == g.code])
                    for g in goals
                ],
                plan,
                "< 전략목표별 평가결과 >",
            )
        )
        number = 3
        if sub is None and self.rubric.subcommittees:
            blocks.append(Heading(f"{number}.", "분과위원회별 결과", "summary_subcommittees"))
            number += 1
            groups: list[tuple[str, list[TaskScore]]] = []
            for s in self.rubric.subcommittees:
                groups.append(
                    (
                        subcommittee_label(s.name),
                        [d for d in plan if d.task.assigned_subcommittee == s.name],
                    )
                )
            rest = [d for d in plan if d.task.assigned_subcommittee is None]
            if rest:
                groups.append(("미지정", rest))
            blocks.append(self._group_table("분과", groups, plan, "< 분과위원회별 평가결과 >"))

        k = min(_TOP_N, n // 2)
        if k >= 1:
            blocks.append(Heading(f"{number}.", "우수·미흡 과제", "summary_best"))
            blocks.append(Bullet(1, f"평정점수 상위 {k}개 과제", "우수과제"))
            blocks.append(self._rank_table(ranked[:k], "< 상위 과제 >"))
            blocks.append(Bullet(1, f"평정점수 하위 {k}개 과제", "미흡과제"))
            blocks.append(self._rank_table(list(reversed(ranked[-k:])), "< 하위 과제 >"))
        return Section("Ⅱ", "종합 결과", "summary", tuple(blocks))

    def _group_table(
        self,
        label: str,
        groups: list[tuple[str, list[TaskScore]]],
        everything: list[TaskScore],
        caption: str,
    ) -> Table:
        rows: list[tuple[str, ...]] = []
        for name, items in [*groups, ("계", everything)]:
            if not items:
                rows.append((name, "0", "-", *("0" for _ in self.grades)))
                continue
            mean = sum((d.total for d in items), Fraction(0)) / len(items)
            counts = [sum(1 for d in items if d.grade == g) for g in self.grades]
            rows.append(
                (name, str(len(items)), score_text(mean, self.dec), *(str(c) for c in counts))
            )
        ng = len(self.grades)
        return Table(
            (label, "과제 수", "평균\n점수", *self.grades),
            tuple(rows),
            (14, 9, 10, *(10,) * ng),
            _centred(ng + 3),
            caption=caption,
            unit="(단위: 개, 점)",
            total_rows=1,
            small=True,
        )

    def _rank_table(self, items: list[TaskScore], caption: str) -> Table:
        rows = tuple(
            (
                str(d.rank),
                d.task.code,
                d.task.name,
                subcommittee_label(d.task.assigned_subcommittee),
                score_text(d.total, self.dec),
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

    # -- Ⅲ 과제별 평가결과 -------------------------------------------------------------------

    def _task_results(self, plan: list[TaskScore]) -> Section:
        blocks: list[Block] = []
        goal = None
        for d in plan:
            if d.task.strategic_goal_code != goal:
                goal = d.task.strategic_goal_code
                sg = next(g for g in self.rubric.strategic_goals if g.code == goal)
                blocks.append(
                    Heading(
                        f"전략목표 {sg.code}.",
                        sg.title,
                        f"goal_{len(blocks)}",
                        new_page=bool(blocks),
                    )
                )
                blocks.extend(self._task_blocks(d, new_page=False))
            else:
                blocks.extend(self._task_blocks(d, new_page=True))
        return Section("Ⅲ", "과제별 평가결과", "tasks", tuple(blocks))

    def _task_blocks(self, d: TaskScore, *, new_page: bool) -> list[Block]:
        t = d.task
        dec = self.dec
        out: list[Block] = [
            TaskHeading(t.code, t.name, f"task_{self._plan_index(t) + 1}", new_page)
        ]
        evaluators = len(d.panel.evaluators) if d.panel else 0
        panel_text = "-"
        if d.panel:
            panel_text = f"{evaluators}명"
            if d.panel.dropped_high is not None:
                panel_text += " (최고·최저 제외)"
        to_next = (
            "최고 등급"
            if d.grade == self.grades[0]
            else "-"
            if d.to_next_grade is None
            else f"{score_text(d.to_next_grade, dec)}점"
        )
        out.append(
            Table(
                (),
                (
                    ("과제코드", t.code, "분과", subcommittee_label(t.assigned_subcommittee)),
                    (
                        "주관부서",
                        ", ".join(t.departments) or "-",
                        "성과목표",
                        t.performance_goal_code,
                    ),
                    (
                        "평정점수",
                        f"{score_text(d.total, dec)}점",
                        "등급(순위)",
                        f"{d.grade} ({d.rank}위 / {self.n_all}개)",
                    ),
                    ("평가위원", panel_text, "상위 등급까지", to_next),
                ),
                (16, 34, 16, 34),
                ("center", "left", "center", "left"),
                form=True,
            )
        )

        out.append(Bullet(1, "평가항목별 점수", strong=True))
        crit_rows: list[tuple[str, ...]] = []
        for c in self.rubric.criteria.items:
            got = d.criteria.get(c.id)
            remark = ""
            if c.method == "computed":
                remark = f"가중 달성률 {rate_text(d.weighted_achievement)}%"
            crit_rows.append(
                (c.name, fmt_plain(c.points), "-" if got is None else score_text(got, dec), remark)
            )
        lim = self.rubric.adjustments
        if lim.min != 0 or lim.max != 0 or d.adjustments:
            reasons = "; ".join(a.reason for a in d.adjustments)
            crit_rows.append(
                (
                    "가감점",
                    f"{fmt_plain(lim.min)} ~ +{fmt_plain(lim.max)}",
                    signed_text(d.adjustment_total, dec) if d.adjustments else "-",
                    reasons,
                )
            )
        crit_rows.append(
            ("합계", fmt_plain(self.rubric.criteria.total), score_text(d.total, dec), d.grade)
        )
        out.append(
            Table(
                ("평가항목", "배점", "점수", "비고"),
                tuple(crit_rows),
                (24, 14, 14, 48),
                ("center", "center", "center", "left"),
                unit="(단위: 점)",
                total_rows=1,
            )
        )

        out.append(Bullet(1, "성과지표 달성도", strong=True))
        ind_rows: list[tuple[str, ...]] = []
        foot: list[str] = []
        capped: list[str] = []
        scored = {s.indicator.no: s for s in d.indicators}
        for ind in t.indicators:
            s = scored.get(ind.no)
            name = f"{circled(ind.no)} {ind.name}" + (" (하향)" if ind.direction == "down" else "")
            w = ind.effective_weight
            wt = "-" if w is None else weight_text(w) + ("*" if t.weights_assumed else "")
            if s is None:
                ind_rows.append((name, wt, ind.unit or "-", target_text(ind), "-", "-", "-"))
                continue
            ach = s.achievement
            if ach.raw is None:
                foot.append(
                    f"{circled(ind.no)} 실적 0(하향지표)으로 달성률을 산정할 수 없어 "
                    f"{rate_text(ach.scored)}% 인정"
                )
            elif ach.capped:
                capped.append(circled(ind.no))
            ind_rows.append(
                (
                    name,
                    wt,
                    ind.unit or "-",
                    target_text(ind),
                    actual_text(s),
                    rate_text(ach.raw),
                    rate_text(ach.scored),
                )
            )
        out.append(
            Table(
                ("성과지표", "가중치", "단위", "목표", "실적", "달성률", "인정\n달성률"),
                tuple(ind_rows),
                (37, 9, 9, 12, 12, 10, 11),
                ("left", "center", "center", "center", "center", "center", "center"),
                unit="(달성률 단위: %)",
                small=True,
            )
        )
        evidence = [
            (s.indicator.no, s.actual.evidence.strip())
            for s in d.indicators
            if s.actual.evidence.strip()
        ]
        if capped:
            foot.insert(0, f"달성률 상한 적용: {', '.join(capped)}")
        if t.weights_assumed:
            foot.insert(0, f"가중치 가정: {weighting_text(t)}")
        foot.extend(data_note_text(n) for n in t.data_notes)
        out.extend(Bullet(4, f) for f in foot)
        if evidence:
            out.append(Bullet(1, "주요 실적", strong=True))
            out.extend(Bullet(2, f"{circled(no)} {text}") for no, text in evidence)

        strengths: list[str] = []
        improvements: list[str] = []
        for sheet in d.panel.sheets if d.panel else ():
            for line in _lines(sheet.strengths):
                if line not in strengths:
                    strengths.append(line)
            for line in _lines(sheet.improvements):
                if line not in improvements:
                    improvements.append(line)
        out.append(Bullet(1, "우수사항", strong=True))
        out.extend(Bullet(2, s) for s in strengths or ["제출된 의견 없음"])
        out.append(Bullet(1, "개선·보완사항", strong=True))
        out.extend(Bullet(2, s) for s in improvements or ["제출된 의견 없음"])
        return out

    # -- 붙임 -----------------------------------------------------------------------------------

    def _ranking(self, ranked: list[TaskScore], sub: str | None) -> Section:
        crit = self.rubric.criteria.items
        with_adj = (
            self.rubric.adjustments.min != 0
            or self.rubric.adjustments.max != 0
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
                row.append("-" if got is None else score_text(got, self.dec))
            if with_adj:
                row.append(signed_text(d.adjustment_total, self.dec) if d.adjustments else "-")
            row += [score_text(d.total, self.dec), d.grade]
            rows.append(tuple(row))
        table = Table(
            tuple(header),
            tuple(rows),
            tuple(widths),
            tuple(align),
            caption="< 관리과제별 평정점수 및 등급 >",
            unit="(단위: 점)",
            small=True,
        )
        blocks: list[Block] = [table]
        if self.sb.by is None and len(ranked) == self.n_all:
            blocks.insert(0, Bullet(1, f"평정점수 순으로 전체 {self.n_all}개 관리과제를 정렬"))
        else:
            blocks.insert(0, Bullet(1, f"순위는 전체 {self.n_all}개 관리과제 기준"))
        return Section(
            "붙임 1",
            "관리과제별 평가결과 총괄표",
            "ranking",
            tuple(blocks),
            appendix=True,
            landscape=True,
        )

    def _rubric_notes(self) -> tuple[Block, ...]:
        groups: dict[str, list[str]] = {}
        for owner, note in self.rubric.all_data_notes:
            if owner is not None and any(t.code == owner for t in self.rubric.tasks):
                continue  # task notes are printed under their task
            key = f"전략목표 {owner}" if owner else "평가 기준 전체"
            groups.setdefault(key, []).append(data_note_text(note))
        out: list[Block] = []
        if groups:
            out.append(
                Note("평가 기준 원문과 다르게 적용한 사항 (과제별 주석은 Ⅲ의 각 과제에 수록)")
            )
        for key, texts in groups.items():
            out.append(Bullet(1, key, strong=True))
            out.extend(Bullet(4, t) for t in texts)
        return tuple(out)
