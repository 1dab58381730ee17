"""Grade margins (등급 여유): how far a task's score is from the next higher and lower grade.

A margin is found with the grading rule itself, so it holds for every scheme form (exact
percentages or limits), every tie policy, with tie-breakers and within each ``by`` group:

- ``up``: the least number of points that, added to this task's score alone (every other task
  unchanged), gives it a better grade; ``up_grade`` names that grade. NaN when no score would.
- ``down``: the least number of points that, taken from this task's score alone, gives it a
  worse grade; ``down_grade`` names it. NaN when no score would.

Points are multiples of the scheme's rounding unit (0.01 with ``decimals=2``); adding
``up`` moves the task up, and adding ``up`` less one unit does not. When the move is decided by
the tie-breakers (the task then shares its rounded score with a task it passes or falls behind
on them), ``up_tie_breaker`` / ``down_tie_breaker`` is True: the margin is still in points of
score, never a negative number, and the flag says that a tie-breaker settles it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._grading import (
    GradingError,
    _grade_by_limits,
    _grade_positions,
    _group_codes,
    _labels_and_values,
    _sortable,
    _tie_breaker_keys,
    grade_quotas,
    rounded_keys,
)
from ._scheme import DEFAULT_SCHEME, GradeScheme, TiePolicy

__all__ = ["grade_margins", "points_to_next_grade"]

COLUMNS = ("grade", "up", "up_grade", "up_tie_breaker", "down", "down_grade", "down_tie_breaker")


def _grader(
    keys: list[int], breakers: list[npt.NDArray[Any]], scheme: GradeScheme, ties: TiePolicy
) -> tuple[Callable[[int, int], int], list[int]]:
    """grade(i, key): the grade index of member ``i`` when its rounded key alone is ``key``;
    and every member's grade as it stands (raises GradingError if that cannot be graded)."""
    quotas = grade_quotas(len(keys), scheme) if scheme.form == "exact" else []
    fits = all(-(2**62) < k < 2**62 for k in keys)

    def grade_all(trial: list[int]) -> npt.NDArray[np.intp]:
        primary = (
            np.array(trial, dtype=np.int64) if fits else _sortable(np.array(trial, dtype=object))
        )
        all_keys = [primary, *breakers]
        if scheme.form == "limits":
            return _grade_by_limits(all_keys, scheme)
        return _grade_positions(all_keys, quotas, ties)

    current = [int(g) for g in grade_all(keys)]

    def grade(i: int, key: int) -> int:
        trial = list(keys)
        trial[i] = key
        try:
            return int(grade_all(trial)[i])
        except GradingError:
            # A trial score at which the limits cannot hold (a new tie group): no grade
            # there, so it counts as no change for this task.
            return current[i]

    return grade, current


def _moves(grade: Callable[[int, int], int], i: int, g: int, sign: int, key: int) -> bool:
    """Whether member ``i`` at ``key`` gets a better (sign −1) or worse (sign 1) grade than g."""
    return (grade(i, key) - g) * sign > 0


def _least(candidates: list[int], better: Callable[[int], bool], monotone: bool) -> int | None:
    """The first candidate (in the given order) for which ``better`` holds: by bisection when
    ``better`` is monotone along the list (exact form: a task's own grade rises with its own
    score), else by a scan from the nearest (limit form: a tie created at a limit can move the
    task down where a smaller or larger change would not)."""
    if not monotone:
        return next((c for c in candidates if better(c)), None)
    lo, hi = 0, len(candidates)
    while lo < hi:
        mid = (lo + hi) // 2
        if better(candidates[mid]):
            hi = mid
        else:
            lo = mid + 1
    return candidates[lo] if lo < len(candidates) else None


def _group_margins(
    keys: list[int],
    breakers: list[npt.NDArray[Any]],
    scheme: GradeScheme,
    ties: TiePolicy,
    with_breakers: bool,
) -> list[tuple[int, int | None, int | None, bool, int | None, int | None, bool]]:
    grade, current = _grader(keys, breakers, scheme, ties)
    monotone = scheme.form == "exact"
    others = sorted(set(keys))
    out = []
    for i, k in enumerate(keys):
        g = current[i]
        # Within a group the task's grade changes only where its key meets or passes another's.
        ups = sorted({c for o in others for c in (o, o + 1) if c > k})
        downs = sorted({c for o in others for c in (o, o - 1) if c < k}, reverse=True)
        top, bottom = g == 0, g == len(scheme.names) - 1
        up_key = None if top else _least(ups, partial(_moves, grade, i, g, -1), monotone)
        down_key = None if bottom else _least(downs, partial(_moves, grade, i, g, 1), monotone)
        same = set(keys[:i] + keys[i + 1 :])
        out.append(
            (
                g,
                None if up_key is None else up_key - k,
                None if up_key is None else grade(i, up_key),
                with_breakers and up_key is not None and up_key in same,
                None if down_key is None else k - down_key,
                None if down_key is None else grade(i, down_key),
                with_breakers and down_key is not None and down_key in same,
            )
        )
    return out


def grade_margins(
    scores: pd.Series | Mapping[Hashable, Any] | Sequence[Any] | npt.NDArray[Any],
    scheme: GradeScheme | None = None,
    *,
    ties: TiePolicy | None = None,
    tie_breakers: Any = None,
    decimals: int | None = None,
    by: Any = None,
) -> pd.DataFrame:
    """Each task's grade and its margins to the next higher and lower grade.

    Takes the same arguments as :func:`~evalkit.assign_grades` and grades the same way (within
    each ``by`` group). Returns a DataFrame indexed like the scores with columns ``grade``,
    ``up`` (points to add for a better grade), ``up_grade``, ``up_tie_breaker`` (the better
    grade is reached on equal score through the tie-breakers), ``down`` (points to lose for a
    worse grade), ``down_grade`` and ``down_tie_breaker``. Margins are exact Fractions (None
    when no score of this task alone would change its grade).

    >>> m = grade_margins({"a": 91.0, "b": 88.5, "c": 80.0},
    ...     GradeScheme.from_percentages({"A": 34, "B": 33, "C": 33}))
    >>> m.loc["b", "up"], m.loc["b", "down"]
    (Fraction(5, 2), Fraction(17, 2))
    """
    scheme = scheme or DEFAULT_SCHEME
    ties = ties or scheme.ties
    decimals = scheme.decimals if decimals is None else decimals
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise GradingError(f"decimals must be a whole number ≥ 0, not {decimals!r}")
    index, values = _labels_and_values(scores)
    n = len(values)
    keys = [int(k) for k in rounded_keys(values, decimals, index).tolist()]
    breakers = _tie_breaker_keys(tie_breakers, index, n)
    codes = np.zeros(n, dtype=np.intp) if by is None else _group_codes(by, index, n)
    rows: list[Any] = [None] * n
    for code in dict.fromkeys(codes.tolist()):
        members = np.flatnonzero(codes == code)
        res = _group_margins(
            [keys[j] for j in members],
            [b[members] for b in breakers],
            scheme,
            ties,
            bool(breakers),
        )
        for j, r in zip(members.tolist(), res, strict=True):
            rows[j] = r
    unit = Fraction(1, 10**decimals)
    names = scheme.names

    def pts(x: int | None) -> Fraction | None:
        return None if x is None else x * unit

    def name(x: int | None) -> str | None:
        return None if x is None else names[x]

    data = {
        "grade": [names[r[0]] for r in rows],
        "up": [pts(r[1]) for r in rows],
        "up_grade": [name(r[2]) for r in rows],
        "up_tie_breaker": [r[3] for r in rows],
        "down": [pts(r[4]) for r in rows],
        "down_grade": [name(r[5]) for r in rows],
        "down_tie_breaker": [r[6] for r in rows],
    }
    frame = pd.DataFrame(
        {c: pd.Series(v, index=index, dtype=object) for c, v in data.items()}, index=index
    )
    return frame.astype({"up_tie_breaker": bool, "down_tie_breaker": bool})


def points_to_next_grade(
    scores: pd.Series,
    grades: pd.Series | None = None,
    scheme: GradeScheme | None = None,
    *,
    decimals: int | None = None,
    ties: TiePolicy | None = None,
    tie_breakers: Any = None,
    by: Any = None,
) -> pd.Series:
    """Points this task alone needs for a better grade (``grade_margins(...)["up"]`` as
    floats; NaN for the best grade or when no score would do).

    ``grades``, when given, must be the grades :func:`~evalkit.assign_grades` gives with the
    same arguments (the margin is of the computed ranking); ``by`` and ``tie_breakers`` are
    honoured as in grading.
    """
    m = grade_margins(
        scores, scheme, ties=ties, tie_breakers=tie_breakers, decimals=decimals, by=by
    )
    if grades is not None:
        given = [str(g) for g in grades]
        if given != m["grade"].tolist():
            bad = next(i for i, (a, b) in enumerate(zip(given, m["grade"], strict=False)) if a != b)
            raise GradingError(
                f"과제 {m.index[bad]!r}의 등급 {given[bad]!r}이 산정 등급 "
                f"{m['grade'].iloc[bad]!r}과 다릅니다; "
                "points_to_next_grade에는 같은 인수로 산정한 등급을 주십시오"
                "(by=, tie_breakers= 포함)"
            )
    out = [np.nan if x is None else float(x) for x in m["up"]]
    return pd.Series(out, index=m.index, name="to_next_grade", dtype=float)
