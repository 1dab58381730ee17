"""What the secretariat collects for scoring: indicator results (실적), the evaluators'
score sheets (평가표) and the committee's adjustments (가감점). Plain immutable values;
workbook and CSV readers build them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

ActualValue = Decimal | Fraction | int | float | str | bool | None


@dataclass(frozen=True, slots=True)
class EvaluatorSheet:
    """One evaluator's scores for one task: criterion id → points, plus comments."""

    evaluator: str
    scores: Mapping[str, Fraction]
    strengths: str = ""  # 우수사항
    improvements: str = ""  # 개선·보완사항

    @property
    def total(self) -> Fraction:
        return sum(self.scores.values(), Fraction(0))


@dataclass(frozen=True, slots=True)
class Actual:
    """One indicator's result: value, the unit it was reported in, and evidence text."""

    value: ActualValue
    unit: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Results:
    """Actual results keyed by indicator id (``Ⅰ-1-①-2``)."""

    actuals: Mapping[str, Actual]
    source: str | None = None
    # 주관부서 per task code, as the results file's 주관부서 column names them.
    departments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_mapping(
        cls, values: Mapping[str, ActualValue | Actual], source: str | None = None
    ) -> Results:
        return cls(
            {k: v if isinstance(v, Actual) else Actual(v) for k, v in values.items()}, source
        )


@dataclass(frozen=True)
class Panel:
    """Evaluator sheets per task code."""

    sheets: Mapping[str, tuple[EvaluatorSheet, ...]]
    source: str | None = None

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str, Mapping[str, object]]], source: str | None = None
    ) -> Panel:
        """Rows of (task code, evaluator, {criterion id: points})."""
        by_task: dict[str, list[EvaluatorSheet]] = {}
        for task, evaluator, scores in rows:
            sheet = EvaluatorSheet(
                evaluator, {k: Fraction(Decimal(str(v))) for k, v in scores.items()}
            )
            by_task.setdefault(task, []).append(sheet)
        return cls({k: tuple(v) for k, v in by_task.items()}, source)

    @property
    def evaluators(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for sheets in self.sheets.values():
            for s in sheets:
                seen.setdefault(s.evaluator, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """가감점: committee adjustment to a task's score, with its reason."""

    task: str
    points: Decimal
    reason: str


@dataclass(frozen=True)
class Adjustments:
    items: tuple[Adjustment, ...] = field(default=())
    source: str | None = None
