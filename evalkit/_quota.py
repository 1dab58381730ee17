"""Quota limits (등급 한도) of a grade scheme and the fill rule that honours them.

A limit bounds the share of the ranked tasks in one grade (``scope="grade"``), in a grade and
every better one (``"and_above"``, 이상) or in a grade and every worse one (``"and_below"``,
이하), from above (``at_most``, 이내·이하) and/or from below (``at_least``, 이상).

Everything here works on cumulative counts ``X_0 = 0 ≤ X_1 ≤ … ≤ X_K = N``, where ``X_k`` is the
number of tasks graded ``k`` or better. Each limit is an interval on one ``X_k`` (cumulative
limits) or on one difference ``X_k − X_{k−1}`` (a grade's own limit):

- grade ``k`` on its own: ``X_k − X_{k−1}``;
- grade ``k`` and above: ``X_k``;
- grade ``k`` and below: ``N − X_{k−1}``.

The fill rule (see docs/grading.md): among all boundary vectors that keep every limit and cut
only between tie groups, take the lexicographically greatest: the best grade takes as many tasks
as the limits allow, then the next grade, and so on. Percent limits become counts by
``limit_rounding``: ``"strict"`` (at most → ⌊N·p/100⌋, at least → ⌈N·p/100⌉, so the percentage
itself is never exceeded) or ``"half_up"`` (both ⌊N·p/100 + ½⌋).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Scope = Literal["grade", "and_above", "and_below"]
LimitRounding = Literal["strict", "half_up"]

__all__ = ["LimitRounding", "QuotaLimit", "Scope"]


def _decimal_from_text(value: object) -> object:
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


class QuotaLimit(BaseModel):
    """One limit: ``{grade: 우수, scope: and_above, at_most: 30}`` is 우수 이상 30% 이내."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    grade: str = Field(min_length=1, description="the grade the limit names")
    scope: Scope = Field(
        default="grade", description="grade: that grade alone; and_above: 이상; and_below: 이하"
    )
    at_most: Decimal | None = Field(default=None, ge=0, le=100, description="at most, in %")
    at_least: Decimal | None = Field(default=None, ge=0, le=100, description="at least, in %")

    @field_validator("at_most", "at_least", mode="before")
    @classmethod
    def _exact_percent(cls, value: object) -> object:
        # A float such as 12.5 is taken from its repr, never from its binary value.
        return _decimal_from_text(value)

    @model_validator(mode="after")
    def _check(self) -> QuotaLimit:
        if self.at_most is None and self.at_least is None:
            raise ValueError(
                f"한도 '{self.grade}'에 at_most도 at_least도 없습니다; "
                "at_most(이내) 또는 at_least(이상) 비율을 적으십시오"
            )
        if self.at_most is not None and self.at_least is not None and self.at_least > self.at_most:
            raise ValueError(
                f"한도 '{self.describe()}'의 하한이 상한보다 큽니다; "
                "at_least를 at_most 이하로 적으십시오"
            )
        return self

    def describe(self) -> str:
        """The limit in Korean, as a scheme document writes it (``우수 이상 30% 이하``)."""
        who = {"grade": self.grade, "and_above": f"{self.grade} 이상"}.get(
            self.scope, f"{self.grade} 이하"
        )
        parts = []
        if self.at_least is not None:
            parts.append(f"{_pct(self.at_least)}% 이상")
        if self.at_most is not None:
            parts.append(f"{_pct(self.at_most)}% 이하")
        return f"{who} {' '.join(parts)}"


def _pct(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else str(d)


# --- limits as interval constraints --------------------------------------------------------


@dataclass(frozen=True)
class Constraints:
    """Intervals on the cumulative counts ``X_0..X_K`` and on the grade counts ``X_k − X_{k−1}``.

    ``cum[k]`` bounds ``X_k`` (k = 0..K); ``diff[k]`` bounds ``X_k − X_{k−1}`` (k = 1..K;
    ``diff[0]`` is unused). Values are Fractions so one model serves counts and percentages.
    """

    cum: tuple[tuple[Fraction, Fraction], ...]
    diff: tuple[tuple[Fraction, Fraction], ...]


def _count(percent: Decimal, total: Fraction, side: str, rounding: LimitRounding) -> Fraction:
    exact = total * Fraction(percent) / 100
    if rounding == "half_up":
        return Fraction(math.floor(exact + Fraction(1, 2)))
    return Fraction(math.floor(exact) if side == "max" else math.ceil(exact))


def constraints(
    limits: Sequence[QuotaLimit],
    names: Sequence[str],
    total: Fraction,
    rounding: LimitRounding = "strict",
    *,
    exact: bool = False,
) -> Constraints:
    """The limits as intervals, for ``total`` tasks (or, with ``exact``, shares of 100 %)."""
    k_of = {n: i + 1 for i, n in enumerate(names)}
    k_count = len(names)
    cum = [[Fraction(0), total] for _ in range(k_count + 1)]
    cum[0] = [Fraction(0), Fraction(0)]
    cum[k_count] = [total, total]
    diff = [[Fraction(0), total] for _ in range(k_count + 1)]

    def count(p: Decimal, side: str) -> Fraction:
        if exact:
            return total * Fraction(p) / 100
        return _count(p, total, side, rounding)

    for lim in limits:
        k = k_of[lim.grade]
        lo = count(lim.at_least, "min") if lim.at_least is not None else None
        hi = count(lim.at_most, "max") if lim.at_most is not None else None
        if lim.scope == "grade":
            box, a, b = diff[k], lo, hi
        elif lim.scope == "and_above":
            box, a, b = cum[k], lo, hi
        else:  # N − X_{k−1} ∈ [lo, hi]  ⇔  X_{k−1} ∈ [N − hi, N − lo]
            box = cum[k - 1]
            a = None if hi is None else total - hi
            b = None if lo is None else total - lo
        if a is not None:
            box[0] = max(box[0], a)
        if b is not None:
            box[1] = min(box[1], b)
    return Constraints(tuple((lo, hi) for lo, hi in cum), tuple((lo, hi) for lo, hi in diff))


def feasible_shares(c: Constraints) -> bool:
    """Whether real cumulative shares satisfy every interval (the scheme is consistent)."""
    k_count = len(c.cum) - 1
    lo, hi = c.cum[k_count]
    for k in range(k_count - 1, -1, -1):
        dlo, dhi = c.diff[k + 1]
        lo, hi = max(c.cum[k][0], lo - dhi), min(c.cum[k][1], hi - dlo)
        if lo > hi:
            return False
    return lo <= 0 <= hi


def fill(c: Constraints, cuts: npt.NDArray[np.int64]) -> list[int] | None:
    """The lexicographically greatest ``X_1..X_K`` with every ``X_k`` in ``cuts`` (sorted
    positions between tie groups, 0 and N included) and every interval kept; None if none."""
    k_count = len(c.cum) - 1
    reach: list[npt.NDArray[np.int64]] = [cuts[:0]] * (k_count + 1)
    for k in range(k_count, -1, -1):
        lo, hi = math.ceil(c.cum[k][0]), math.floor(c.cum[k][1])
        cand = cuts[(cuts >= lo) & (cuts <= hi)]
        if k < k_count:
            dlo, dhi = c.diff[k + 1]
            nxt = reach[k + 1]
            at = np.searchsorted(nxt, cand + math.ceil(dlo), side="left")
            ok = at < nxt.shape[0]
            ok[ok] &= nxt[at[ok]] <= cand[ok] + math.floor(dhi)
            cand = cand[ok]
        reach[k] = cand
        if cand.shape[0] == 0:
            return None
    if reach[0][0] != 0:
        return None
    out: list[int] = []
    prev = 0
    for k in range(1, k_count + 1):
        dlo, dhi = c.diff[k]
        r = reach[k]
        j = int(np.searchsorted(r, prev + math.floor(dhi), side="right")) - 1
        x = int(r[j])
        assert x >= prev + dlo  # guaranteed by the backward pass
        out.append(x)
        prev = x
    return out


def conflict(limits: Sequence[QuotaLimit], test: object) -> list[QuotaLimit]:
    """A minimal subset of ``limits`` that ``test`` (limits → feasible?) still refuses."""
    assert callable(test)
    keep = list(limits)
    i = 0
    while i < len(keep):
        trial = keep[:i] + keep[i + 1 :]
        if not test(trial):
            keep = trial
        else:
            i += 1
    return keep
