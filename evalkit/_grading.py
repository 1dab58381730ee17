"""Seven-grade relative ranking (7등급 상대평가): quotas, boundaries and grade assignment.

The rule, exactly:

1. Scores are compared after rounding half-up (사사오입) to ``decimals`` places, taken from the
   decimal text of each value (``Decimal(str(x))``), so equal published scores get equal grades.
2. Order: rounded score descending, then each tie-breaker descending. Tasks equal on all keys
   form a tie group.
3. Cumulative boundaries are integers: ``B_k = round_half_up(N × C_k / 100)`` where ``C_k`` is
   the cumulative percentage through grade ``k``; ``B_last = N``.
4. The task at position ``p`` (1-based) gets the first grade ``k`` with ``p ≤ B_k``. A tie group
   takes the grade of its first position (``ties="upper"``) or of its last (``ties="lower"``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._errors import EvalkitError
from ._numbers import round_int_half_up
from ._scheme import DEFAULT_SCHEME, GradeScheme, TiePolicy


class GradingError(EvalkitError):
    """A score cannot be graded (missing, not finite, misaligned tie-breakers)."""


def grade_boundaries(n: int, scheme: GradeScheme | None = None) -> list[int]:
    """Cumulative integer boundaries ``B_1 ≤ … ≤ B_K = n`` for ``n`` ranked tasks.

    >>> grade_boundaries(83)
    [8, 25, 42, 58, 71, 79, 83]
    """
    if n < 0:
        raise ValueError("n must be ≥ 0")
    scheme = scheme or DEFAULT_SCHEME
    cum = scheme.cumulative_percents
    bounds = [round_int_half_up(n * c / 100) for c in cum]
    bounds[-1] = n
    return bounds


def grade_quotas(n: int, scheme: GradeScheme | None = None) -> list[int]:
    """How many of ``n`` tasks each grade takes when there are no ties (best grade first).

    >>> grade_quotas(10)
    [1, 2, 2, 2, 2, 1, 0]
    """
    bounds = grade_boundaries(n, scheme)
    return [b - a for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]


def _labels_and_values(scores: Any) -> tuple[pd.Index, list[Any]]:
    if isinstance(scores, pd.Series):
        return scores.index, list(scores.to_numpy(dtype=object))
    if isinstance(scores, pd.DataFrame):
        raise GradingError("pass one score column (a Series), not a DataFrame")
    if isinstance(scores, Mapping):
        return pd.Index(list(scores.keys())), list(scores.values())
    if isinstance(scores, np.ndarray):
        return pd.RangeIndex(len(scores)), list(scores.tolist())
    if isinstance(scores, Iterable) and not isinstance(scores, (str, bytes)):
        vals = list(scores)
        return pd.RangeIndex(len(vals)), vals
    raise GradingError(f"cannot grade {type(scores).__name__}: pass a Series, mapping or sequence")


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and not math.isfinite(v):
        return True
    if isinstance(v, Decimal) and not v.is_finite():
        return True
    return isinstance(v, np.floating) and not np.isfinite(v)


def rounded_keys(values: Sequence[Any] | npt.NDArray[Any], decimals: int,
                 labels: Sequence[Hashable] | pd.Index | None = None) -> npt.NDArray[np.int64]:
    """Scores rounded half-up to ``decimals`` places, as integers (score × 10^decimals).

    Floats are rounded from their shortest decimal text (``str(x)``), exactly as
    ``Decimal(str(x)).quantize(…, ROUND_HALF_UP)`` would, but vectorised: only values whose
    scaled fraction lies within float noise of ``.5`` take the exact path.
    """
    arr = np.asarray(values)
    n = arr.shape[0]
    scale = 10**decimals
    if arr.dtype.kind in "iu":
        return arr.astype(np.int64) * scale
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise GradingError(_missing_message(labels, i, arr[i]))
        scaled = np.abs(arr) * scale
        out = np.floor(scaled + 0.5)
        frac = scaled - np.floor(scaled)
        # Near a half, the binary value may sit on either side of the decimal text: decide
        # those few exactly from the text.
        near = np.abs(frac - 0.5) < 1e-6 * np.maximum(1.0, scaled) * 1e-3 + 1e-9
        if near.any():
            for i in np.flatnonzero(near):
                out[i] = _exact_scaled(Fraction(Decimal(repr(float(abs(arr[i]))))), scale)
        if np.any(out > 2**62):
            raise GradingError("scores too large to grade at this precision")
        keys = out.astype(np.int64)
        return cast("npt.NDArray[np.int64]", np.where(arr < 0, -keys, keys))
    keys_list = np.empty(n, dtype=np.int64)
    for i, v in enumerate(arr.tolist()):
        if _is_missing(v) or isinstance(v, (bool, str)):
            raise GradingError(_missing_message(labels, i, v))
        if isinstance(v, float):
            fr = Fraction(Decimal(repr(v)))
        elif isinstance(v, (Decimal, Fraction, int)):
            fr = Fraction(v)
        else:
            try:
                fr = Fraction(Decimal(str(v)))
            except Exception:
                raise GradingError(_missing_message(labels, i, v)) from None
        k = _exact_scaled(abs(fr), scale)
        keys_list[i] = -k if fr < 0 else k
    return keys_list


def _exact_scaled(value: Fraction, scale: int) -> int:
    return math.floor(value * scale + Fraction(1, 2))


def _missing_message(labels: Sequence[Hashable] | pd.Index | None, i: int, v: Any) -> str:
    who = f"task {labels[i]!r}" if labels is not None else f"position {i}"
    return (f"{who} has no finite score ({v!r}); every graded task needs a score "
            "(enter it, or leave the task out of the grading)")


def _tie_breaker_keys(tie_breakers: Any, index: pd.Index, n: int) -> list[npt.NDArray[Any]]:
    if tie_breakers is None:
        return []
    if isinstance(tie_breakers, pd.DataFrame):
        cols = [tie_breakers[c] for c in tie_breakers.columns]
    elif isinstance(tie_breakers, pd.Series) or (
        isinstance(tie_breakers, Sequence) and tie_breakers
        and not isinstance(tie_breakers[0], (Sequence, pd.Series, np.ndarray))
    ):
        cols = [tie_breakers]
    else:
        cols = list(tie_breakers)
    out: list[npt.NDArray[Any]] = []
    for j, col in enumerate(cols):
        if isinstance(col, pd.Series):
            if not col.index.equals(index):
                col = col.reindex(index)
            values = col.to_numpy()
        else:
            values = np.asarray(list(col) if not isinstance(col, np.ndarray) else col)
        if values.shape[0] != n:
            raise GradingError(f"tie-breaker {j + 1} has {values.shape[0]} values for {n} scores")
        if values.dtype.kind == "O" or pd.isna(values).any():
            num = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
            if np.isnan(num).any():
                i = int(np.flatnonzero(np.isnan(num))[0])
                raise GradingError(f"tie-breaker {j + 1} is missing or not a number for "
                                   f"{_missing_message(index, i, values[i]).split(' has')[0]}")
            values = num
        out.append(values)
    return out


def _grade_positions(keys: list[npt.NDArray[Any]], bounds: npt.NDArray[np.int64],
                     ties: TiePolicy) -> npt.NDArray[np.intp]:
    """Grade index for every item; ``keys[0]`` is the primary key (higher is better)."""
    n = keys[0].shape[0]
    # np.lexsort sorts ascending by the last key first; negate for descending order.
    order = np.lexsort(tuple(-k for k in reversed(keys)))
    pos = np.arange(1, n + 1)
    grade_at_pos = np.searchsorted(bounds, pos, side="left")
    # Tie groups: consecutive sorted items equal on every key.
    same = np.ones(n - 1, dtype=bool)
    for k in keys:
        ks = k[order]
        same &= ks[1:] == ks[:-1]
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    group_id = np.cumsum(np.concatenate(([True], ~same))) - 1
    if ties == "upper":
        anchor = starts
    else:
        anchor = np.concatenate((starts[1:], [n])) - 1
    grade_sorted = grade_at_pos[anchor[group_id]]
    grades = np.empty(n, dtype=np.intp)
    grades[order] = grade_sorted
    return grades


def assign_grades(
    scores: pd.Series | Mapping[Hashable, Any] | Sequence[Any] | npt.NDArray[Any],
    scheme: GradeScheme | None = None,
    *,
    ties: TiePolicy | None = None,
    tie_breakers: Any = None,
    decimals: int | None = None,
    by: Any = None,
) -> pd.Series:
    """Assign relative grades (상대등급) to scores: best grade to the highest scores.

    Args:
        scores: a Series (its index names the tasks), a mapping ``{task: score}`` or a
            sequence. Scores may be int, float, Decimal or Fraction.
        scheme: the :class:`GradeScheme`; default 매우우수 10 / 우수 20 / 다소우수 20 / 보통 20 /
            다소미흡 15 / 미흡 10 / 부진 5 (%).
        ties: ``"upper"`` (a tie group takes the grade of its first position) or ``"lower"``
            (of its last); default from the scheme.
        tie_breakers: extra keys, compared descending after the rounded score: a Series,
            a sequence, or a DataFrame / list of them in priority order.
        decimals: rounding before comparison (half-up); default from the scheme (2).
        by: group labels (a Series aligned on the index or a sequence); grades are assigned
            within each group (e.g. per 분과).

    Returns:
        A Series of grade names aligned to the input's index, with an ordered categorical
        dtype whose order runs worst → best (so ``max()`` is the best grade).

    Raises:
        GradingError: a score is missing or not finite (naming the task).

    >>> assign_grades({"A": 91.0, "B": 85.5, "C": 85.5}, GradeScheme.from_percentages(
    ...     {"상": 30, "중": 40, "하": 30})).tolist()
    ['상', '중', '중']
    """
    scheme = scheme or DEFAULT_SCHEME
    ties = ties or scheme.ties
    if ties not in ("upper", "lower"):
        raise GradingError(f"ties must be 'upper' or 'lower', not {ties!r}")
    decimals = scheme.decimals if decimals is None else decimals
    index, values = _labels_and_values(scores)
    n = len(values)
    dtype = pd.CategoricalDtype(list(reversed(scheme.names)), ordered=True)
    if n == 0:
        return pd.Series(pd.Categorical([], dtype=dtype), index=index, name="grade")
    raw = scores.to_numpy() if isinstance(scores, pd.Series) else np.asarray(values, dtype=object)
    if raw.dtype.kind == "O":
        try:
            as_float = raw.astype(float)
            if all(isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, bool)
                   for v in values):
                raw = as_float
        except (TypeError, ValueError):
            pass
    primary = rounded_keys(raw, decimals, index)
    breakers = _tie_breaker_keys(tie_breakers, index, n)
    names = np.array(scheme.names, dtype=object)
    grade_idx = np.empty(n, dtype=np.intp)
    if by is None:
        bounds = np.asarray(grade_boundaries(n, scheme), dtype=np.int64)
        grade_idx[:] = _grade_positions([primary, *breakers], bounds, ties)
    else:
        groups = by.reindex(index) if isinstance(by, pd.Series) else pd.Series(list(by))
        if len(groups) != n:
            raise GradingError(f"`by` has {len(groups)} labels for {n} scores")
        if groups.isna().any():
            i = int(np.flatnonzero(groups.isna().to_numpy())[0])
            raise GradingError(f"task {index[i]!r} has no group label in `by`")
        codes, _ = pd.factorize(groups, sort=False)
        for g in range(int(codes.max()) + 1):
            members = np.flatnonzero(codes == g)
            bounds = np.asarray(grade_boundaries(len(members), scheme), dtype=np.int64)
            grade_idx[members] = _grade_positions(
                [primary[members], *(b[members] for b in breakers)], bounds, ties)
    cat = pd.Categorical.from_codes(len(names) - 1 - grade_idx, dtype=dtype)
    return pd.Series(cat, index=index, name="grade")


def points_to_next_grade(scores: pd.Series, grades: pd.Series,
                         scheme: GradeScheme | None = None, *,
                         decimals: int | None = None) -> pd.Series:
    """Margin to the next better grade: the lowest rounded score holding the better grade
    minus this task's rounded score (NaN for the best grade or when no task holds it)."""
    scheme = scheme or DEFAULT_SCHEME
    decimals = scheme.decimals if decimals is None else decimals
    keys = rounded_keys(scores.to_numpy(dtype=object), decimals, scores.index)
    order = {name: i for i, name in enumerate(scheme.names)}
    gi = np.array([order[str(g)] for g in grades], dtype=np.intp)
    out = np.full(len(scores), np.nan)
    for i in range(len(scores)):
        better = np.flatnonzero(gi < gi[i])
        if gi[i] == 0 or better.size == 0:
            continue
        target_grade = gi[better].max()
        holders = better[gi[better] == target_grade]
        out[i] = (keys[holders].min() - keys[i]) / 10**decimals
    return pd.Series(out, index=scores.index, name="to_next_grade")
