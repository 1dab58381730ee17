"""Grade scheme definition (등급 체계): immutable, separate from the grading behaviour."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PercentLike = int | float | str | Decimal

TiePolicy = Literal["upper", "lower"]

DEFAULT_GRADES: tuple[tuple[str, int], ...] = (
    ("매우우수", 10),
    ("우수", 20),
    ("다소우수", 20),
    ("보통", 20),
    ("다소미흡", 15),
    ("미흡", 10),
    ("부진", 5),
)


class GradeDefinition(BaseModel):
    """One grade and its share of the ranked tasks, in percent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="grade name, e.g. 매우우수")
    percent: Decimal = Field(ge=0, le=100, description="share of tasks in percent (exact)")

    @field_validator("percent", mode="before")
    @classmethod
    def _exact_percent(cls, value: object) -> object:
        # A float such as 12.5 is taken from its repr, never from its binary value.
        if isinstance(value, float):
            return Decimal(repr(value))
        return value


class GradeScheme(BaseModel):
    """Ordered grades, best first, with exact percentages summing to 100.

    The default is the seven-grade relative ranking (7등급 상대평가) commonly used in
    ministry self-evaluations: 매우우수 10%, 우수 20%, 다소우수 20%, 보통 20%, 다소미흡 15%,
    미흡 10%, 부진 5%. Ministries set their own; pass another scheme to change it.

    Boundaries are cumulative and integer: ``B_k = round_half_up(N × C_k / 100)`` with
    ``C_k`` the cumulative percentage through grade ``k``, and ``B_last = N``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    grades: tuple[GradeDefinition, ...] = Field(
        default=tuple(GradeDefinition(name=n, percent=Decimal(p)) for n, p in DEFAULT_GRADES),
        min_length=1,
    )
    decimals: int = Field(
        default=2, ge=0, le=6, description="scores are compared after rounding half-up to this"
    )
    ties: TiePolicy = Field(
        default="upper", description="upper: a tie group takes its first position's grade"
    )

    @model_validator(mode="after")
    def _check(self) -> GradeScheme:
        total = sum((g.percent for g in self.grades), Decimal(0))
        if total != 100:
            raise ValueError(f"grade percentages sum to {total}, not 100; adjust them to total 100")
        names = [g.name for g in self.grades]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(
                f"grade names repeat: {', '.join(dupes)}; give each grade its own name"
            )
        return self

    @classmethod
    def from_percentages(
        cls,
        items: Mapping[str, PercentLike] | Sequence[tuple[str, PercentLike]],
        **kwargs: object,
    ) -> GradeScheme:
        """Build a scheme from ``{"A": 30, "B": 70}`` (best first).

        A float is read by its shortest decimal form (``37.5`` is exactly 37.5 %), never by its
        binary value.
        """
        pairs = list(items.items()) if isinstance(items, Mapping) else list(items)
        grades = tuple(GradeDefinition(name=n, percent=Decimal(str(p))) for n, p in pairs)
        return cls.model_validate({"grades": grades, **kwargs})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.grades)

    @property
    def cumulative_percents(self) -> tuple[Fraction, ...]:
        out: list[Fraction] = []
        acc = Fraction(0)
        for g in self.grades:
            acc += Fraction(g.percent)
            out.append(acc)
        return tuple(out)


DEFAULT_SCHEME = GradeScheme()
