"""The rubric model (평가 기준): a ministry plan's goals, tasks and indicators, as printed.

Definitions only: immutable pydantic models that hold the plan, including its gaps
(missing weights, typos), recorded as :class:`DataNote`. Scoring lives in the engine.

Hierarchy: 전략목표 (:class:`StrategicGoal`) → 성과목표 (:class:`PerformanceGoal`) →
관리과제 (:class:`Task`) → 성과지표 (:class:`Indicator`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictInt

from ._identifiers import resolve_task_code
from ._scheme import GradeScheme

Direction = Literal["up", "down"]
IndicatorKind = Literal["quantitative", "qualitative", "milestone"]
Nature = Literal["투입", "과정", "산출", "결과"]
WeightingPolicy = Literal["printed", "equal", "normalized", "override"]
CriterionMethod = Literal["computed", "panel"]
DownMethod = Literal["ratio", "mirror"]
NoteIssue = Literal[
    "missing_weight",
    "weight_sum",
    "typo",
    "target_conflict",
    "incomplete_row",
    "rationale_conflict",
    "count_mismatch",
    "other",
]
PrintedValue = Decimal | str | None

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class DataNote(BaseModel):
    """자료 주석: where the source is inconsistent, what is printed and what evalkit applies."""

    model_config = _FROZEN

    line: int = Field(ge=1, description="line of the source document where it is printed")
    field: str | None = Field(default=None, description="field of the task it concerns")
    issue: NoteIssue
    printed: str = Field(min_length=1, description="what the source prints")
    applied: str = Field(min_length=1, description="what evalkit applies instead, and why")
    year: int | None = Field(
        default=None,
        ge=2000,
        le=2100,
        description="plan year the note was written against (None: the rubric's year)",
    )


class Band(BaseModel):
    """One row of a band table: a raw rate of at least ``min`` scores ``points`` percent."""

    model_config = _FROZEN

    min: Decimal = Field(description="lowest achievement rate (%) of this band")
    points: Decimal = Field(ge=0, description="scored rate (%) given in this band")


class Indicator(BaseModel):
    """성과지표: one performance indicator of a task (or of a goal)."""

    model_config = _FROZEN

    # Strict: YAML 1.1 habits (`no: yes`) or `true` must not silently become 1.
    no: StrictInt = Field(ge=1, description="position in the printed table (①=1)")
    name: str = Field(min_length=1)
    unit: str | None = None
    weight: Decimal | None = Field(default=None, ge=0, le=1, description="가중치 as printed")
    results: dict[int, PrintedValue] = Field(default_factory=dict, description="실적 by year")
    target: PrintedValue = Field(description="목표치; text for a milestone")
    target_year: int | None = None
    direction: Direction = "up"
    kind: IndicatorKind = "quantitative"
    nature: Nature | None = None
    new: bool = False
    common: bool = False
    formula: str | None = None
    source: str | None = None
    rationale: str | None = None
    line: int | None = Field(default=None, ge=1, description="source line of the name")
    cap: Decimal | None = Field(default=None, gt=0, description="cap on the scored rate (%)")
    band: tuple[Band, ...] | None = None
    applied_weight: Decimal | None = Field(default=None, ge=0, le=1)
    notes: str | None = None

    _owner: str = PrivateAttr(default="")
    _effective_weight: Fraction | None = PrivateAttr(default=None)

    @property
    def id(self) -> str:
        """Stable key, ``<task code>-<no>`` (e.g. ``Ⅰ-1-①-2``)."""
        return f"{self._owner}-{self.no}"

    @property
    def task_code(self) -> str:
        return self._owner

    @property
    def effective_weight(self) -> Fraction | None:
        """Weight applied in scoring, after the task's weighting policy (exact)."""
        return self._effective_weight

    @property
    def numeric_target(self) -> Decimal | None:
        return self.target if isinstance(self.target, Decimal) else None


class Task(BaseModel):
    """관리과제: a management task, the unit that is scored and graded."""

    model_config = _FROZEN

    code: str = Field(min_length=1, description="e.g. Ⅰ-1-①")
    name: str = Field(min_length=1)
    line: int | None = Field(default=None, ge=1)
    departments: tuple[str, ...] = ()
    national_agenda: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    subcommittee: str | None = Field(default=None, description="분과; default from goals")
    weighting: WeightingPolicy = "printed"
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    data_notes: tuple[DataNote, ...] = ()

    _goal: str = PrivateAttr(default="")
    _performance_goal: str = PrivateAttr(default="")
    _subcommittee: str | None = PrivateAttr(default=None)

    @property
    def strategic_goal_code(self) -> str:
        return self._goal

    @property
    def performance_goal_code(self) -> str:
        return self._performance_goal

    @property
    def assigned_subcommittee(self) -> str | None:
        """The task's subcommittee: its own field, else the one that covers its goal."""
        return self._subcommittee

    @property
    def weights_assumed(self) -> bool:
        """True when evalkit applies weights the plan does not print as they stand."""
        return self.weighting != "printed"

    def indicator(self, no: int) -> Indicator:
        for ind in self.indicators:
            if ind.no == no:
                return ind
        raise KeyError(f"task {self.code} has no indicator {no}")


class PerformanceGoal(BaseModel):
    """성과목표."""

    model_config = _FROZEN

    code: str = Field(min_length=1, description="e.g. Ⅰ-1")
    title: str = Field(min_length=1)
    line: int | None = Field(default=None, ge=1)
    indicators: tuple[Indicator, ...] = ()
    tasks: tuple[Task, ...] = ()


class StrategicGoal(BaseModel):
    """전략목표."""

    model_config = _FROZEN

    code: str = Field(min_length=1, description="Roman numeral, e.g. Ⅰ")
    title: str = Field(min_length=1)
    line: int | None = Field(default=None, ge=1)
    indicators: tuple[Indicator, ...] = ()
    performance_goals: tuple[PerformanceGoal, ...] = ()
    data_notes: tuple[DataNote, ...] = ()


class Criterion(BaseModel):
    """평가항목: a scored criterion, computed from indicators or scored by evaluators."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", description="ASCII key, e.g. plan")
    name: str = Field(min_length=1, description="e.g. 계획, 집행, 성과, 환류")
    points: Decimal = Field(gt=0, description="배점")
    method: CriterionMethod
    description: str | None = None


class Criteria(BaseModel):
    """평가지표 및 배점, totalling ``total`` points."""

    model_config = _FROZEN

    total: Decimal = Field(gt=0)
    items: tuple[Criterion, ...] = Field(min_length=1)
    note: str | None = None

    @property
    def computed(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.items if c.method == "computed")

    @property
    def panel(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.items if c.method == "panel")


class AchievementPolicy(BaseModel):
    """달성률 rules: default cap and the method for downward (하향) indicators."""

    model_config = _FROZEN

    cap: Decimal | None = Field(default=None, gt=0, description="default cap (%)")
    down_method: DownMethod = "ratio"
    band: tuple[Band, ...] | None = None


class AdjustmentLimits(BaseModel):
    """가감점 bounds per task."""

    model_config = _FROZEN

    min: Decimal = Decimal(0)
    max: Decimal = Decimal(0)


class Subcommittee(BaseModel):
    """분과위원회."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    members: int = Field(ge=1)
    goals: tuple[str, ...] = ()
    note: str | None = None


class SourceRef(BaseModel):
    model_config = _FROZEN

    document: str | None = None
    file: str | None = None
    sha256: str | None = None
    note: str | None = None


class Meta(BaseModel):
    model_config = _FROZEN

    ministry: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1)
    source: SourceRef | None = None
    draft: bool = Field(
        default=False,
        description="a new year's draft (evalkit new-year): blank targets are warnings",
    )


class Rubric(BaseModel):
    """A year's self-evaluation rubric: load it with :func:`evalkit.load_rubric`."""

    model_config = _FROZEN

    schema_version: Literal[1] = 1
    meta: Meta
    criteria: Criteria
    grade_scheme: GradeScheme = GradeScheme()
    achievement: AchievementPolicy = AchievementPolicy()
    adjustments: AdjustmentLimits = AdjustmentLimits()
    subcommittees: tuple[Subcommittee, ...] = ()
    include: tuple[str, ...] = Field(default=(), description="files with one strategic goal each")
    data_notes: tuple[DataNote, ...] = ()
    strategic_goals: tuple[StrategicGoal, ...] = Field(min_length=1)

    _tasks: tuple[Task, ...] = PrivateAttr(default=())
    _path: str | None = PrivateAttr(default=None)

    def model_post_init(self, context: object, /) -> None:
        tasks: list[Task] = []
        by_goal = {g: s.name for s in self.subcommittees for g in s.goals}
        for sg in self.strategic_goals:
            for ind in sg.indicators:
                ind._owner = sg.code
            for pg in sg.performance_goals:
                for ind in pg.indicators:
                    ind._owner = pg.code
                for task in pg.tasks:
                    task._goal = sg.code
                    task._performance_goal = pg.code
                    task._subcommittee = task.subcommittee or by_goal.get(sg.code)
                    weights = effective_weights(task)
                    for i, ind in enumerate(task.indicators):
                        ind._owner = task.code
                        ind._effective_weight = weights[i] if weights else None
                    tasks.append(task)
        self._tasks = tuple(tasks)

    @property
    def tasks(self) -> tuple[Task, ...]:
        """All management tasks (관리과제) in plan order."""
        return self._tasks

    @property
    def source_path(self) -> str | None:
        return self._path

    def task(self, code: str) -> Task:
        """The task ``code`` names: ``Ⅰ-1-①``, or as typed, ``I-1-1``, ``1-1-1``.

        Raises:
            IdentifierError: (a KeyError) no task or more than one matches; the choices
                closest first.
        """
        codes = [t.code for t in self._tasks]
        return self._tasks[codes.index(resolve_task_code(code, codes, option=None))]

    def iter_indicators(self) -> Iterator[tuple[Task, Indicator]]:
        for t in self._tasks:
            for ind in t.indicators:
                yield t, ind

    @property
    def performance_goals(self) -> tuple[PerformanceGoal, ...]:
        return tuple(pg for sg in self.strategic_goals for pg in sg.performance_goals)

    @property
    def all_data_notes(self) -> tuple[tuple[str | None, DataNote], ...]:
        """Every data note with the task code it belongs to (None for rubric/goal notes)."""
        out: list[tuple[str | None, DataNote]] = [(None, n) for n in self.data_notes]
        for sg in self.strategic_goals:
            out.extend((sg.code, n) for n in sg.data_notes)
        for t in self._tasks:
            out.extend((t.code, n) for n in t.data_notes)
        return tuple(out)

    def subcommittee_of(self, task_code: str) -> str | None:
        return self.task(task_code).assigned_subcommittee


def effective_weights(task: Task) -> tuple[Fraction, ...] | None:
    """Weights the engine applies under the task's policy, or None if they cannot be derived.

    - ``printed``: the printed weights (must sum to exactly 1)
    - ``equal``: 1/n each (the plan prints none)
    - ``normalized``: printed weights scaled to sum to 1
    - ``override``: ``applied_weight`` of each indicator
    """
    inds = task.indicators
    if task.weighting == "equal":
        return tuple(Fraction(1, len(inds)) for _ in inds)
    if task.weighting == "override":
        if any(i.applied_weight is None for i in inds):
            return None
        return tuple(Fraction(i.applied_weight) for i in inds if i.applied_weight is not None)
    printed = [i.weight for i in inds]
    if any(w is None for w in printed):
        return None
    fr = [Fraction(w) for w in printed if w is not None]
    if task.weighting == "printed":
        return tuple(fr)
    total = sum(fr, Fraction(0))
    if total == 0:
        return None
    return tuple(w / total for w in fr)
