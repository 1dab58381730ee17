"""Grade scheme definition (등급 체계): immutable, separate from the grading behaviour.

Two forms: exact percentages per grade (정률, every grade has ``percent``) or limits
(한도, ``limits`` of :class:`~evalkit._quota.QuotaLimit`, no grade has ``percent``). Presets
(:data:`PRESETS`) are named examples and observations, never an official rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ._quota import LimitRounding, QuotaLimit, conflict, constraints, feasible_shares

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
    percent: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        description="share of tasks in percent (exact); none when the scheme states limits",
    )

    @field_validator("percent", mode="before")
    @classmethod
    def _exact_percent(cls, value: object) -> object:
        # A float such as 12.5 is taken from its repr, never from its binary value.
        if isinstance(value, float):
            return Decimal(repr(value))
        return value


@dataclass(frozen=True)
class Preset:
    """A named scheme shipped with evalkit, with where its numbers come from."""

    name: str
    kind: Literal["example", "observation"]
    percents: tuple[tuple[str, str], ...]
    provenance: str


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "example-10-20-20-20-15-10-5",
            "example",
            tuple((n, str(pc)) for n, pc in DEFAULT_GRADES),
            "예시: 7등급 상대평가의 흔한 배분 예(10/20/20/20/15/10/5%). 이 비율을 정한 공식 "
            "근거 문서는 확인되지 않았습니다. 부처가 정한 기준으로 바꾸어 쓰십시오.",
        ),
        Preset(
            "observed-motie-2023",
            "observation",
            (
                ("매우우수", "6.0"),
                ("우수", "14.5"),
                ("다소우수", "14.4"),
                ("보통", "30.2"),
                ("다소미흡", "13.2"),
                ("미흡", "15.7"),
                ("부진", "6.0"),
            ),
            "관측: 산업통상자원부 2023년 자체평가 결과로 보도된 83개 과제의 등급별 과제 수"
            "(5/12/12/25/11/13/5)에 맞춘 누적 비율(0.1% 단위). 83개에서 그 과제 수를 그대로 "
            "재현할 뿐 공식 배분 기준이 아닙니다.",
        ),
    )
}


class GradeScheme(BaseModel):
    """Ordered grades, best first: exact percentages summing to 100, or limits.

    Exact form: boundaries are cumulative and integer, ``B_k = round_half_up(N × C_k / 100)``
    with ``C_k`` the cumulative percentage through grade ``k``, and ``B_last = N``.

    Limit form: ``limits`` bound grades' shares from above and/or below; the best grade takes
    as many tasks as the limits allow, then the next (docs/grading.md, "the fill rule").

    ``GradeScheme()`` is the preset ``example-10-20-20-20-15-10-5``: an example, not an
    official rule. A rubric must state its scheme (``preset:`` or its grades).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    grades: tuple[GradeDefinition, ...] = Field(
        default=tuple(GradeDefinition(name=n, percent=Decimal(p)) for n, p in DEFAULT_GRADES),
        min_length=1,
    )
    limits: tuple[QuotaLimit, ...] = Field(
        default=(), description="limits per grade or cumulative (한도); grades then have no percent"
    )
    limit_rounding: LimitRounding = Field(
        default="strict",
        description="strict: at most → round down, at least → round up; half_up: both half-up",
    )
    decimals: int = Field(
        default=2, ge=0, le=6, description="scores are compared after rounding half-up to this"
    )
    ties: TiePolicy = Field(
        default="upper", description="upper: a tie group takes its first position's grade"
    )
    preset: str | None = Field(
        default=None, description=f"a named preset instead of grades: {', '.join(PRESETS)}"
    )

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("grades"), (list, tuple)):
            # A grade given by its name only (the limit form): "우수" is {name: 우수}.
            data["grades"] = tuple({"name": g} if isinstance(g, str) else g for g in data["grades"])
        name = data.get("preset")
        if name is None:
            return data
        preset = PRESETS.get(name) if isinstance(name, str) else None
        if preset is None:
            raise ValueError(
                f"알 수 없는 등급 체계 preset {name!r}입니다; "
                f"{', '.join(PRESETS)} 중 하나를 쓰거나 grades를 직접 적으십시오"
            )
        if "grades" in data or "limits" in data:
            raise ValueError(
                f"preset {name!r}과 grades/limits를 함께 적었습니다; 둘 중 하나만 적으십시오"
            )
        data["grades"] = tuple({"name": n, "percent": p} for n, p in preset.percents)
        return data

    @model_validator(mode="after")
    def _check(self) -> GradeScheme:
        names = [g.name for g in self.grades]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(
                f"grade names repeat: {', '.join(dupes)}; give each grade its own name"
            )
        if self.limits:
            given = [g.name for g in self.grades if g.percent is not None]
            if given:
                raise ValueError(
                    "한도(limits)를 쓰는 등급 체계에 비율(percent)이 있습니다"
                    f"({', '.join(given)}); "
                    "정률(percent)과 한도(limits) 중 하나의 형식만 쓰십시오"
                )
            unknown = sorted({lim.grade for lim in self.limits} - set(names))
            if unknown:
                raise ValueError(
                    f"한도에 없는 등급이 있습니다: {', '.join(unknown)}; "
                    f"등급 이름({', '.join(names)}) 중에서 고르십시오"
                )

            def ok(lims: list[QuotaLimit]) -> bool:
                return feasible_shares(constraints(lims, names, Fraction(100), exact=True))

            if not ok(list(self.limits)):
                bad = conflict(list(self.limits), ok)
                raise ValueError(
                    "등급 한도를 동시에 지킬 수 없습니다: "
                    f"{', '.join(lim.describe() for lim in bad)}; 이 한도들을 서로 맞게 고치십시오"
                )
            return self
        missing = [g.name for g in self.grades if g.percent is None]
        if missing:
            raise ValueError(
                f"등급 {', '.join(missing)}에 비율(percent)이 없습니다; "
                "모든 등급에 비율을 적거나, 비율 대신 한도(limits)를 적으십시오"
            )
        total = sum((g.percent or Decimal(0) for g in self.grades), Decimal(0))
        if total != 100:
            raise ValueError(f"grade percentages sum to {total}, not 100; adjust them to total 100")
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

    @classmethod
    def from_limits(
        cls, names: Sequence[str], limits: Sequence[QuotaLimit | Mapping[str, Any]], **kwargs: Any
    ) -> GradeScheme:
        """Build a limit-form scheme: ``from_limits(["A", "B", "C"], [{"grade": "A",
        "at_most": 20}, {"grade": "C", "scope": "and_below", "at_least": 10}])``."""
        return cls.model_validate(
            {"grades": tuple({"name": n} for n in names), "limits": tuple(limits), **kwargs}
        )

    @classmethod
    def from_preset(cls, name: str, **kwargs: Any) -> GradeScheme:
        """A shipped preset (:data:`PRESETS`), e.g. ``from_preset("observed-motie-2023")``."""
        return cls.model_validate({"preset": name, **kwargs})

    @property
    def form(self) -> Literal["exact", "limits"]:
        """``"exact"``: percentages per grade; ``"limits"``: at most / at least limits."""
        return "limits" if self.limits else "exact"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.grades)

    @property
    def cumulative_percents(self) -> tuple[Fraction, ...]:
        """Cumulative exact percentages (exact form only; empty for a limit form)."""
        if self.limits:
            return ()
        out: list[Fraction] = []
        acc = Fraction(0)
        for g in self.grades:
            acc += Fraction(g.percent or 0)
            out.append(acc)
        return tuple(out)


DEFAULT_SCHEME = GradeScheme()
