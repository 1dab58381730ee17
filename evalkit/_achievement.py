"""Achievement rate (달성률) of one indicator, exact.

- up (상향): actual / target × 100
- down (하향), method ``ratio``: target / actual × 100; method ``mirror``:
  (2 − actual / target) × 100, floored at 0. A down indicator with actual 0 and a positive
  target has no finite ratio: the raw rate is undefined (None) and it scores at the cap
  (100 when no cap is set).
- milestone: achieved → 100, not achieved → 0; with a band table, a numeric actual is the
  progress rate (진척률) and earns partial credit through the bands.

The scored rate is the raw rate (or its band's points when a band table is given), floored at
0 and capped at ``cap``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ._errors import ScoringError
from ._milestones import read_milestone
from ._numbers import to_fraction

Method = Literal["ratio", "mirror"]
HUNDRED = Fraction(100)


@dataclass(frozen=True, slots=True)
class Achievement:
    """Raw and scored achievement rate in percent (exact fractions).

    ``raw`` is None when the rate is undefined (a down indicator whose actual is 0).
    """

    raw: Fraction | None
    scored: Fraction
    capped: bool = False
    method: str = "ratio"
    note: str | None = None


def _apply_bands(raw: Fraction, bands: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
    best: Fraction | None = None
    for lo, pts in sorted(bands, key=lambda b: b[0]):
        if raw >= lo:
            best = pts
    return best if best is not None else Fraction(0)


def achievement_rate(
    actual: object,
    target: object,
    *,
    direction: Literal["up", "down"] = "up",
    method: Method | None = None,
    cap: object = None,
    kind: Literal["quantitative", "qualitative", "milestone"] = "quantitative",
    bands: Sequence[tuple[object, object]] | None = None,
    indicator: str | None = None,
) -> Achievement:
    """Achievement rate (달성률) of ``actual`` against ``target``.

    Args:
        actual: the result (실적). For a milestone: True/False, or the printed text
            (equal to the target, or one of 달성/완료/O/Y/예 counts as achieved, 미달성/미완료/X/
            아니오 as not; other text is refused: see :mod:`evalkit._milestones`).
        target: the target (목표치); must be positive on ratio methods.
        direction: ``"up"`` or ``"down"`` (하향지표: lower is better).
        method: for down indicators, ``"ratio"`` (default) or ``"mirror"``.
        cap: cap on the scored rate in percent (e.g. 100 or 120).
        kind: ``"milestone"`` scores 100 or 0 (or, with ``bands``, a numeric actual is the
            progress rate in percent, mapped through the bands).
        bands: optional band table ``[(min_rate, points), …]``: the scored rate is the points
            of the highest band whose minimum the raw rate reaches (0 below all bands).
        indicator: name used in error messages.

    Raises:
        ScoringError: zero/negative target on a ratio method, missing actual, bad values,
            milestone text that is neither the target nor a word of the vocabulary.

    >>> achievement_rate(18, 16).raw
    Fraction(225, 2)
    >>> float(achievement_rate(18, 16, cap=100).scored)
    100.0
    """
    who = f"indicator {indicator}: " if indicator else ""
    try:
        cap_f = to_fraction(cap) if cap is not None else None
        band_table = [(to_fraction(lo), to_fraction(p)) for lo, p in bands] if bands else None
    except ValueError as exc:
        raise ScoringError(f"{who}cap or band table is not numeric ({exc})") from None
    if cap_f is not None and cap_f <= 0:
        raise ScoringError(f"{who}cap must be positive, got {cap}")
    if actual is None:
        raise ScoringError(
            f"{who}no actual result (실적) given; enter the result or mark the "
            "indicator as not measured in the rubric"
        )
    if kind == "milestone":
        # 이행 여부: achieved → 100, not → 0. With a band table, a numeric actual is the
        # progress rate (진척률, %) and earns partial credit through the bands.
        if band_table and _is_number(actual):
            raw_m = to_fraction(actual)
        else:
            done = read_milestone(actual, target)
            if done is None:
                shown = ", ".join(
                    x for x in (str(target).strip() if target else "", "달성", "미달성") if x
                )
                raise ScoringError(
                    f"{who}마일스톤 실적 {str(actual).strip()!r}은(는) 읽을 수 없습니다; "
                    f"{shown} 중 하나로 적으십시오(부분 달성은 rubric의 band 표와 진척률(%)로)"
                )
            raw_m = HUNDRED if done else Fraction(0)
        scored_m = _apply_bands(raw_m, band_table) if band_table else raw_m
        return _finish(raw_m, scored_m, cap_f, "milestone")
    try:
        a = to_fraction(actual)
    except ValueError:
        raise ScoringError(f"{who}actual {actual!r} is not a number") from None
    try:
        t = to_fraction(target)
    except ValueError:
        raise ScoringError(
            f"{who}target {target!r} is not a number; a text target needs kind: milestone"
        ) from None
    if direction not in ("up", "down"):
        raise ScoringError(f"{who}direction must be 'up' or 'down', not {direction!r}")
    m: str = "ratio" if direction == "up" else (method or "ratio")
    if m not in ("ratio", "mirror"):
        raise ScoringError(f"{who}unknown method {method!r}; use 'ratio' or 'mirror'")
    if t <= 0:
        raise ScoringError(
            f"{who}target {target} is zero or negative: a rate against it has no "
            "meaning; set a positive target or a band table in the rubric"
        )
    raw: Fraction | None
    if direction == "up":
        raw = a / t * HUNDRED
    elif m == "ratio":
        if a < 0:
            raise ScoringError(f"{who}actual {actual} is negative on a down (하향) ratio")
        raw = None if a == 0 else t / a * HUNDRED
    else:
        raw = max(Fraction(0), (2 - a / t) * HUNDRED)
    if raw is None:
        return Achievement(
            raw=None,
            scored=cap_f if cap_f is not None else HUNDRED,
            capped=True,
            method=m,
            note="actual 0 on a down indicator: rate undefined, scored at the cap",
        )
    return _finish(raw, _apply_bands(raw, band_table) if band_table else raw, cap_f, m)


def _finish(raw: Fraction, scored: Fraction, cap: Fraction | None, method: str) -> Achievement:
    """Floor the scored rate at 0 and cap it; ``capped`` says whether the cap bit."""
    scored = max(scored, Fraction(0))
    if cap is not None and scored > cap:
        return Achievement(raw=raw, scored=cap, capped=True, method=method)
    return Achievement(raw=raw, scored=scored, capped=False, method=method)


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    try:
        to_fraction(value)  # numbers, and numeric text such as "80" from a CSV file
    except ValueError:
        return False
    return True
