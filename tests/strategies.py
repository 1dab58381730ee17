"""Shared hypothesis strategies and an independent reference model of the grading rule.

Profiles (pick one with the environment variable ``HYPOTHESIS_PROFILE``):

- ``default``: 200 examples per property, random seeds;
- ``ci``: 200 examples, derandomized (the same examples on every run), for the CI job;
- ``dev``: 30 examples, for a quick local loop;
- ``thorough``: 5,000 examples, to hunt for rare cases before a release.

The reference model below is deliberately written differently from the engine (sorted lists
and Decimal arithmetic instead of numpy and Fractions) so the two check each other.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Hashable, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from evalkit import GradeScheme

_COMMON: dict[str, Any] = {
    "deadline": None,  # first calls warm numpy/pandas up; timing is the benchmark's job
    "suppress_health_check": [HealthCheck.too_slow],
}
settings.register_profile("default", max_examples=200, **_COMMON)
settings.register_profile("ci", max_examples=200, derandomize=True, print_blob=True, **_COMMON)
settings.register_profile("dev", max_examples=30, **_COMMON)
settings.register_profile("thorough", max_examples=5000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# --- schemes ----------------------------------------------------------------------------------


@st.composite
def schemes(draw: st.DrawFn, max_grades: int = 8, *, allow_tenths: bool = True) -> GradeScheme:
    """A grade scheme of 1..max_grades grades whose percentages (maybe with one decimal place,
    maybe 0) add up to exactly 100."""
    k = draw(st.integers(1, max_grades))
    unit = 10 if allow_tenths and draw(st.booleans()) else 1
    cuts = sorted(draw(st.lists(st.integers(0, 100 * unit), min_size=k - 1, max_size=k - 1)))
    edges = [0, *cuts, 100 * unit]
    percents = [Decimal(b - a) / unit for a, b in itertools.pairwise(edges)]
    names = [f"G{i + 1}" for i in range(k)]
    return GradeScheme.from_percentages(dict(zip(names, percents, strict=True)))


def default_or_random_scheme() -> st.SearchStrategy[GradeScheme]:
    return st.one_of(st.just(GradeScheme()), schemes())


# --- scores -----------------------------------------------------------------------------------


def decimal_texts(places: int = 4, max_value: int = 100) -> st.SearchStrategy[str]:
    """Scores as a secretariat writes them: decimal text with up to ``places`` places."""
    scale = 10**places
    return st.integers(0, max_value * scale).map(lambda i: str(Decimal(i) / scale))


def half_boundary_texts(decimals: int = 2) -> st.SearchStrategy[str]:
    """Decimal text lying exactly on a rounding half (e.g. ``2.675`` for 2 places): the values
    where binary floats and half-up rounding disagree most often."""
    return st.integers(0, 100 * 10**decimals).map(
        lambda i: str((Decimal(i) + Decimal("0.5")) / 10**decimals)
    )


def score_texts() -> st.SearchStrategy[str]:
    return st.one_of(decimal_texts(), half_boundary_texts(), decimal_texts(2))


def as_kind(text: str, kind: str) -> Any:
    """The same published score as float, Decimal, Fraction or (when whole) int."""
    if kind == "float":
        return float(text)
    if kind == "decimal":
        return Decimal(text)
    if kind == "fraction":
        return Fraction(Decimal(text))
    return int(Decimal(text)) if Decimal(text) == Decimal(text).to_integral_value() else text


def score_lists(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[list[float]]:
    """Float scores with few distinct values (so ties happen) or many."""
    few = st.lists(
        st.sampled_from([70.0, 80.5, 85.55, 85.554, 85.555, 90.0, 99.999]),
        min_size=min_size,
        max_size=max_size,
    )
    many = st.lists(score_texts().map(float), min_size=min_size, max_size=max_size)
    return st.one_of(few, many)


def distinct_score_lists(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[list[float]]:
    """Float scores whose values rounded to 2 places are all different (no ties)."""
    return st.lists(st.integers(0, 10_000), min_size=min_size, max_size=max_size, unique=True).map(
        lambda xs: [x / 100 for x in xs]
    )


def integer_score_lists(min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(-50, 50), min_size=min_size, max_size=max_size)


@st.composite
def increasing_maps(draw: st.DrawFn, values: Sequence[int]) -> dict[int, int]:
    """A strictly increasing map of the given integers onto other integers (any gaps)."""
    distinct = sorted(set(values))
    steps = draw(st.lists(st.integers(1, 10**6), min_size=len(distinct), max_size=len(distinct)))
    start = draw(st.integers(-(10**9), 10**9))
    out: dict[int, int] = {}
    acc = start
    for v, step in zip(distinct, steps, strict=True):
        acc += step
        out[v] = acc
    return out


# --- the reference model ----------------------------------------------------------------------


def ref_round(value: Any, decimals: int) -> Decimal:
    """Half-up rounding of a score's decimal text (floats by their shortest repr)."""
    if isinstance(value, Fraction):
        with localcontext() as ctx:
            ctx.prec = 60
            d = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, float):
        d = Decimal(repr(value))
    else:
        d = Decimal(str(value))
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def ref_boundaries(n: int, scheme: GradeScheme) -> list[int]:
    bounds: list[int] = []
    cum = Decimal(0)
    for g in scheme.grades:
        cum += g.percent or Decimal(0)
        bounds.append(int((Decimal(n) * cum / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    bounds[-1] = n
    return bounds


def ref_grades(
    scores: Sequence[Any],
    scheme: GradeScheme,
    ties: str = "upper",
    decimals: int = 2,
    tie_breakers: Sequence[Sequence[Any]] = (),
) -> list[str]:
    """The grading rule of issue 4, step by step, for one group."""
    n = len(scores)
    if n == 0:
        return []
    keys = [
        (ref_round(s, decimals), *(Fraction(str(tb[i])) for tb in tie_breakers))
        for i, s in enumerate(scores)
    ]
    order = sorted(range(n), key=lambda i: keys[i], reverse=True)
    bounds = ref_boundaries(n, scheme)

    def grade_at(position: int) -> str:  # 1-based
        return next(g.name for g, b in zip(scheme.grades, bounds, strict=True) if position <= b)

    out = [""] * n
    p = 0
    while p < n:
        q = p
        while q + 1 < n and keys[order[q + 1]] == keys[order[p]]:
            q += 1
        name = grade_at(p + 1 if ties == "upper" else q + 1)
        for r in range(p, q + 1):
            out[order[r]] = name
        p = q + 1
    return out


def ref_grades_by(
    scores: Sequence[Any],
    groups: Sequence[Hashable],
    scheme: GradeScheme,
    ties: str = "upper",
    tie_breakers: Sequence[Sequence[Any]] = (),
) -> list[str]:
    """The rule applied to each group on its own (``by=``)."""
    out = [""] * len(scores)
    for g in dict.fromkeys(groups):
        members = [i for i, x in enumerate(groups) if x == g]
        names = ref_grades(
            [scores[i] for i in members],
            scheme,
            ties,
            2,
            [[tb[i] for i in members] for tb in tie_breakers],
        )
        for i, name in zip(members, names, strict=True):
            out[i] = name
    return out


# --- limit-form schemes (한도) and their reference model -------------------------------------


@st.composite
def limit_schemes(draw: st.DrawFn, max_grades: int = 4) -> GradeScheme:
    """A consistent limit-form scheme: 1..max_grades grades, 1..4 limits in steps of 5 %."""
    from hypothesis import assume
    from pydantic import ValidationError

    k = draw(st.integers(1, max_grades))
    names = [f"G{i + 1}" for i in range(k)]
    limits = []
    for _ in range(draw(st.integers(1, 4))):
        bound = draw(st.sampled_from(["at_most", "at_least", "both"]))
        a, b = sorted(draw(st.lists(st.integers(0, 20), min_size=2, max_size=2)))
        lim: dict[str, Any] = {
            "grade": draw(st.sampled_from(names)),
            "scope": draw(st.sampled_from(["grade", "and_above", "and_below"])),
        }
        if bound in ("at_most", "both"):
            lim["at_most"] = 5 * b
        if bound in ("at_least", "both"):
            lim["at_least"] = 5 * a
        limits.append(lim)
    rounding = draw(st.sampled_from(["strict", "half_up"]))
    try:
        return GradeScheme.from_limits(names, limits, limit_rounding=rounding)
    except ValidationError:
        assume(False)
        raise


def ref_limit_counts_ok(counts: Sequence[int], scheme: GradeScheme) -> bool:
    """Whether grade counts (best first) keep every limit, tested on the counts themselves:
    strict means count·100 ≤ N·p (at most) and count·100 ≥ N·p (at least)."""
    n = sum(counts)
    index = {name: i for i, name in enumerate(scheme.names)}
    for lim in scheme.limits:
        i = index[lim.grade]
        part = {
            "grade": counts[i : i + 1],
            "and_above": counts[: i + 1],
            "and_below": counts[i:],
        }[lim.scope]
        c = sum(part)
        for p, side in ((lim.at_most, "max"), (lim.at_least, "min")):
            if p is None:
                continue
            exact = Decimal(n) * p / 100
            if scheme.limit_rounding == "half_up":
                allowed = exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
                if (side == "max" and c > allowed) or (side == "min" and c < allowed):
                    return False
            elif (side == "max" and c > exact) or (side == "min" and c < exact):
                return False
    return True


def ref_limit_grades(scores: Sequence[Any], scheme: GradeScheme) -> list[str] | None:
    """The fill rule by brute force: of every way to cut the ranking between tie groups into
    the grades (best first) that keeps the limits, the one giving the most tasks to the best
    grade, then to the next, …; None when no way keeps them all."""
    n = len(scores)
    keys = [ref_round(s, 2) for s in scores]
    order = sorted(range(n), key=lambda i: keys[i], reverse=True)
    cuts = [0] + [p for p in range(1, n) if keys[order[p]] != keys[order[p - 1]]] + [n]
    k = len(scheme.names)
    best: tuple[int, ...] | None = None
    for inner in itertools.combinations_with_replacement(cuts, k - 1):
        bounds = (*inner, n)
        counts = [b - a for a, b in zip((0, *bounds[:-1]), bounds, strict=True)]
        if ref_limit_counts_ok(counts, scheme) and (best is None or bounds > best):
            best = bounds
    if best is None:
        return None
    out = [""] * n
    for pos, i in enumerate(order):
        out[i] = scheme.names[next(g for g, b in enumerate(best) if pos < b)]
    return out
