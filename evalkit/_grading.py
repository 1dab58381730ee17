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
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._errors import EvalkitError
from ._numbers import round_int_half_up, to_fraction
from ._quota import conflict, constraints, fill
from ._scheme import DEFAULT_SCHEME, GradeScheme, TiePolicy

# Keys (score × 10^decimals) stay in int64 below this; larger ones are ranked exactly instead.
_INT64_SAFE = 2**62
# Integers up to 2^53 are exact as float64, so mixed int/float input may take the float path.
_FLOAT_EXACT_INT = 2**53


class GradingError(EvalkitError):
    """A score cannot be graded (missing, not finite, misaligned tie-breakers)."""


def grade_boundaries(n: int, scheme: GradeScheme | None = None) -> list[int]:
    """Cumulative integer boundaries ``B_1 ≤ … ≤ B_K = n`` for ``n`` ranked tasks.

    >>> grade_boundaries(83)
    [8, 25, 42, 58, 71, 79, 83]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a whole number ≥ 0, not {n!r}")
    scheme = scheme or DEFAULT_SCHEME
    if scheme.form == "limits":
        return _limit_bounds(int(n), scheme, np.arange(int(n) + 1, dtype=np.int64))
    bounds = [round_int_half_up(int(n) * c / 100) for c in scheme.cumulative_percents]
    bounds[-1] = int(n)
    return bounds


def _limit_bounds(n: int, scheme: GradeScheme, cuts: npt.NDArray[np.int64]) -> list[int]:
    """Boundaries of a limit-form scheme for ``n`` tasks cut only at ``cuts`` (the fill rule)."""
    names, rounding = scheme.names, scheme.limit_rounding
    bounds = fill(constraints(scheme.limits, names, Fraction(n), rounding), cuts)
    if bounds is not None:
        return bounds

    def ok(lims: list[Any]) -> bool:
        return fill(constraints(lims, names, Fraction(n), rounding), cuts) is not None

    bad = conflict(list(scheme.limits), ok)
    tied = " (동점 과제는 한 등급에 함께 두므로 나눌 수 없음)" if cuts.shape[0] < n + 1 else ""
    raise GradingError(
        f"과제 {n}개로는 등급 한도를 모두 지킬 수 없습니다{tied}: "
        f"{', '.join(lim.describe() for lim in bad)}. 한도나 과제 수를 조정하십시오"
    )


def grade_quotas(n: int, scheme: GradeScheme | None = None) -> list[int]:
    """How many of ``n`` tasks each grade takes when there are no ties (best grade first).

    >>> grade_quotas(10)
    [1, 2, 2, 2, 2, 1, 0]
    """
    bounds = grade_boundaries(n, scheme)
    return [b - a for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]


# --- reading scores ---------------------------------------------------------------------------


def _labels_and_values(scores: Any) -> tuple[pd.Index, npt.NDArray[Any]]:
    if isinstance(scores, pd.Series):
        return scores.index, scores.to_numpy()
    if isinstance(scores, pd.DataFrame):
        raise GradingError("pass one score column (a Series), not a DataFrame")
    if isinstance(scores, np.ndarray):
        if scores.ndim != 1:
            raise GradingError(f"pass a one-dimensional array of scores, not shape {scores.shape}")
        return pd.RangeIndex(len(scores)), scores
    if isinstance(scores, Mapping):
        return pd.Index(list(scores.keys())), _object_array(list(scores.values()))
    if isinstance(scores, Iterable) and not isinstance(scores, (str, bytes)):
        vals = list(scores)
        return pd.RangeIndex(len(vals)), _object_array(vals)
    raise GradingError(f"cannot grade {type(scores).__name__}: pass a Series, mapping or sequence")


def _object_array(values: list[Any]) -> npt.NDArray[Any]:
    # np.asarray (or slice assignment) would broadcast nested sequences; fromiter never does.
    return np.fromiter(values, dtype=object, count=len(values))


def _numeric(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A float64 or int64 array when that holds every value exactly, else an object array."""
    kind = values.dtype.kind
    if kind == "f" and values.dtype == np.float64:
        return values
    if kind in "iu":
        if values.size and kind == "u" and int(values.max()) >= 2**63:
            return values.astype(object)
        return values.astype(np.int64)
    if kind != "O":
        # float32 (its own decimal text differs from float64's), bool, text, dates: per value.
        return values.astype(object)
    types = {type(v) for v in values}
    if types <= {float, np.float64}:
        return values.astype(np.float64)
    ints = {int, np.int64, np.int32, np.int16, np.int8, np.uint8, np.uint16, np.uint32}
    if types <= ints:
        try:
            return values.astype(np.int64)
        except OverflowError:
            return values
    if types <= ints | {float, np.float64}:
        as_float = values.astype(np.float64)
        if np.all(np.abs(as_float) <= _FLOAT_EXACT_INT):
            return as_float
    return values


def _show(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return str(float(v))
    return repr(v)


def _who(labels: Sequence[Hashable] | pd.Index | None, i: int) -> str:
    return f"task {labels[i]!r}" if labels is not None else f"position {i}"


def _missing_message(labels: Sequence[Hashable] | pd.Index | None, i: int, v: Any) -> str:
    missing = v is None or v is pd.NA or v is pd.NaT or isinstance(v, (float, np.floating))
    if missing or (isinstance(v, Decimal) and not v.is_finite()):
        what = f"no finite score ({_show(v)})"
    else:
        what = f"a score that is not a number ({_show(v)})"
    return (
        f"{_who(labels, i)} has {what}; every graded task needs a numeric score "
        "(enter it, or leave the task out of the grading)"
    )


def _to_fraction(v: Any) -> Fraction | None:
    """Exact value of one score (:func:`~evalkit._numbers.to_fraction`, the one rule for every
    number kind); None when it is not a finite number. Text is not a score here."""
    if v is None or v is pd.NA or v is pd.NaT or isinstance(v, (bool, np.bool_, str, bytes)):
        return None
    try:
        return to_fraction(v)
    except (ArithmeticError, ValueError, TypeError):
        return None


def rounded_keys(
    values: Sequence[Any] | npt.NDArray[Any],
    decimals: int,
    labels: Sequence[Hashable] | pd.Index | None = None,
) -> npt.NDArray[Any]:
    """Scores rounded half-up to ``decimals`` places, as integers (score × 10^decimals).

    Returns an int64 array, or an object array of Python ints when a key does not fit in
    int64. Floats are rounded from their shortest decimal text (``str(x)``), exactly as
    ``Decimal(str(x)).quantize(…, ROUND_HALF_UP)`` would, but vectorised: only values whose
    scaled fraction lies within float noise of ``.5`` take the exact path.

    Raises:
        GradingError: a value is missing, not finite or not a number (naming the task).
    """
    arr = _numeric(values if isinstance(values, np.ndarray) else _object_array(list(values)))
    scale = 10**decimals
    if arr.dtype.kind == "i":
        # Python ints for the magnitude: np.abs(-2**63) overflows back to -2**63.
        if arr.size == 0 or max(int(arr.max()), -int(arr.min())) * scale < _INT64_SAFE:
            scaled_ints: npt.NDArray[np.int64] = arr * scale
            return scaled_ints
        return _exact_keys(arr.astype(object), scale, labels)
    if arr.dtype.kind == "f":
        scaled = np.abs(arr)
        scaled *= scale
        top = float(scaled.max(initial=0.0))  # NaN or inf here when any score is not finite
        if not math.isfinite(top):
            i = int(np.flatnonzero(~np.isfinite(arr))[0])
            raise GradingError(_missing_message(labels, i, arr[i]))
        if top >= _INT64_SAFE / 2:
            return _exact_keys(arr.astype(object), scale, labels)
        # In place, to spare the allocations: scaled → scaled + ½ → its fraction − ½.
        scaled += 0.5
        out = np.floor(scaled)
        scaled -= out
        scaled -= 0.5
        np.abs(scaled, out=scaled)
        # Where the scaled value sits within float noise of a half, the binary value may lie on
        # either side of the decimal text: decide those few exactly from the text. The errors
        # are a few ulps of the scaled value (~2^-51 relative); a 2^-40 margin covers them.
        tol = 2.0**-40 * max(1.0, top)
        for j in np.flatnonzero(scaled > 0.5 - tol):
            frac = Fraction(Decimal(float.__repr__(float(abs(arr[j])))))
            out[j] = math.floor(frac * scale + Fraction(1, 2))
        keys: npt.NDArray[np.int64] = out.astype(np.int64)
        if arr.size and arr.min() < 0:
            np.negative(keys, out=keys, where=arr < 0)
        return keys
    return _exact_keys(arr, scale, labels)


def _exact_keys(
    arr: npt.NDArray[Any], scale: int, labels: Sequence[Hashable] | pd.Index | None
) -> npt.NDArray[Any]:
    keys: list[int] = []
    for i, v in enumerate(arr.tolist()):
        fr = _to_fraction(v)
        if fr is None:
            raise GradingError(_missing_message(labels, i, v))
        k = math.floor(abs(fr) * scale + Fraction(1, 2))
        keys.append(-k if fr < 0 else k)
    if all(-_INT64_SAFE < k < _INT64_SAFE for k in keys):
        return np.array(keys, dtype=np.int64)
    return _object_array(list(keys))


def _sortable(keys: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """An int64/float array ordered like ``keys``: object keys become exact dense ranks."""
    if keys.dtype.kind == "O":
        _, inverse = np.unique(keys, return_inverse=True)
        return inverse.astype(np.int64)
    return keys


def _tie_breaker_columns(tie_breakers: Any) -> list[Any]:
    if isinstance(tie_breakers, pd.DataFrame):
        return [tie_breakers[c] for c in tie_breakers.columns]
    if isinstance(tie_breakers, pd.Series):
        return [tie_breakers]
    if isinstance(tie_breakers, np.ndarray):
        if tie_breakers.ndim == 1:
            return [tie_breakers]
        if tie_breakers.ndim == 2:  # one column per tie-breaker, as in a DataFrame
            return [tie_breakers[:, j] for j in range(tie_breakers.shape[1])]
        raise GradingError(f"tie_breakers of shape {tie_breakers.shape}: pass 1-D columns")
    if isinstance(tie_breakers, (str, bytes)):
        raise GradingError(
            "tie_breakers must hold values (a Series, sequence or DataFrame), "
            f"not the name {tie_breakers!r}"
        )
    cols = list(tie_breakers)
    if cols and all(
        isinstance(c, (pd.Series, np.ndarray))
        or (isinstance(c, Sequence) and not isinstance(c, (str, bytes)))
        for c in cols
    ):
        return cols
    return [cols]  # a plain sequence of values is one tie-breaker


def _tie_breaker_keys(tie_breakers: Any, index: pd.Index, n: int) -> list[npt.NDArray[Any]]:
    if tie_breakers is None:
        return []
    out: list[npt.NDArray[Any]] = []
    for j, col in enumerate(_tie_breaker_columns(tie_breakers)):
        if isinstance(col, pd.Series):
            if not col.index.equals(index):
                col = col.reindex(index)
            values = col.to_numpy()
        elif isinstance(col, np.ndarray):
            values = col
        else:
            values = _object_array(list(col))
        if values.ndim != 1 or values.shape[0] != n:
            raise GradingError(f"tie-breaker {j + 1} has {len(values)} values for {n} scores")
        # A yes/no tie-breaker (e.g. 수상 여부) ranks yes first.
        arr = _numeric(values.astype(np.int64) if values.dtype.kind == "b" else values)
        if arr.dtype.kind == "f":
            nan = np.isnan(arr)
            if nan.any():
                i = int(np.flatnonzero(nan)[0])
                raise GradingError(
                    f"tie-breaker {j + 1} is missing or not a number for {_who(index, i)}"
                )
        elif arr.dtype.kind == "O":
            fracs: list[Fraction] = []
            for i, v in enumerate(arr.tolist()):
                fr = _to_fraction(v)
                if fr is None:
                    raise GradingError(
                        f"tie-breaker {j + 1} is missing or not a number for {_who(index, i)} "
                        f"({_show(v)})"
                    )
                fracs.append(fr)
            arr = _sortable(_object_array(list(fracs)))
        out.append(arr)
    return out


# --- ranking ----------------------------------------------------------------------------------


def _grade_by_thresholds(
    key: npt.NDArray[Any], bounds: Sequence[int], ties: TiePolicy
) -> npt.NDArray[np.intp]:
    """Grade index for every item of one key (higher is better), in O(N) without sorting.

    With ``s_1 ≥ … ≥ s_N`` the keys in descending order, a tie group's first position is
    ``1 + #{keys > v}`` and that is ``≤ B_k`` exactly when ``v ≥ s_{B_k}``; its last position
    is ``#{keys ≥ v}`` and that is ``≤ B_k`` exactly when ``v > s_{B_k + 1}``. Both thresholds
    fall as ``k`` grows, so the grade index is the number of grades whose test fails, and only
    the order statistics at the boundaries are needed (np.partition).
    """
    n = key.shape[0]
    # Descending position p is ascending index n - p.
    if ties == "upper":
        at = {k: n - b for k, b in enumerate(bounds) if b >= 1}
    else:
        at = {k: n - b - 1 for k, b in enumerate(bounds) if b < n}
    part = np.partition(key, sorted(set(at.values()))) if at else key
    grade = np.zeros(n, dtype=np.intp)
    for k in range(len(bounds)):
        if k not in at:
            # upper with B_k = 0: nobody's first position fits; lower with B_k = n: all fit.
            grade += ties == "upper"
        elif ties == "upper":
            grade += key < part[at[k]]
        else:
            grade += key <= part[at[k]]
    return grade


def _grade_positions(
    keys: list[npt.NDArray[Any]], quotas: Sequence[int], ties: TiePolicy
) -> npt.NDArray[np.intp]:
    """Grade index for every item; ``keys[0]`` is the primary key (higher is better)."""
    if len(keys) == 1:
        return _grade_by_thresholds(keys[0], np.cumsum(quotas).tolist(), ties)
    n = keys[0].shape[0]
    # Descending order. Order within a tie group does not matter, so a fast unstable sort will
    # do; np.lexsort sorts by its last key first.
    order = (np.argsort(keys[0]) if len(keys) == 1 else np.lexsort(tuple(reversed(keys))))[::-1]
    grade_at_pos = np.repeat(np.arange(len(quotas), dtype=np.intp), quotas)
    # Tie groups: consecutive sorted items equal on every key.
    same = np.ones(n - 1, dtype=bool)
    for k in keys:
        ks = k[order]
        same &= ks[1:] == ks[:-1]
    new_group = np.concatenate(([True], ~same))
    positions = np.arange(n, dtype=np.intp)
    if ties == "upper":  # first position of each group, carried forward
        anchor = np.maximum.accumulate(np.where(new_group, positions, 0))
    else:  # last position of each group, carried backward
        group_end = np.empty(n, dtype=bool)
        group_end[:-1] = new_group[1:]
        group_end[-1] = True
        anchor = np.minimum.accumulate(np.where(group_end, positions, n)[::-1])[::-1]
    grades = np.empty(n, dtype=np.intp)
    grades[order] = grade_at_pos[anchor]
    return grades


def _grade_by_limits(keys: list[npt.NDArray[Any]], scheme: GradeScheme) -> npt.NDArray[np.intp]:
    """Grade index for every item under a limit-form scheme: boundaries only between tie
    groups, the best grade filled first as far as the limits allow."""
    n = keys[0].shape[0]
    order = (np.argsort(keys[0]) if len(keys) == 1 else np.lexsort(tuple(reversed(keys))))[::-1]
    same = np.ones(max(n - 1, 0), dtype=bool)
    for k in keys:
        ks = k[order]
        same &= ks[1:] == ks[:-1]
    # A cut may fall after position p (1-based) when the next item starts a new tie group.
    cuts = np.concatenate(([0], np.flatnonzero(~same) + 1, [n])).astype(np.int64)
    bounds = _limit_bounds(n, scheme, cuts)
    quotas = [b - a for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]
    grades = np.empty(n, dtype=np.intp)
    grades[order] = np.repeat(np.arange(len(bounds), dtype=np.intp), quotas)
    return grades


def _group_codes(by: Any, index: pd.Index, n: int) -> npt.NDArray[np.intp]:
    if isinstance(by, (str, bytes)):
        raise GradingError(
            f"`by` must hold one group label per score, not the name {by!r} "
            "(score() takes column names)"
        )
    if isinstance(by, pd.Series):
        groups = by if by.index.equals(index) else by.reindex(index)
    elif isinstance(by, np.ndarray) and by.ndim == 1 and by.dtype.kind in "iub":
        groups = pd.Series(by)  # whole-number labels: factorized as they are, no objects
    else:
        groups = pd.Series(_object_array(list(by)))
    if len(groups) != n:
        raise GradingError(f"`by` has {len(groups)} labels for {n} scores")
    missing = groups.isna().to_numpy()
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise GradingError(f"{_who(index, i)} has no group label in `by`")
    codes, _ = pd.factorize(groups, sort=False)
    return codes.astype(np.intp)


def _grade_each_group(
    primary: npt.NDArray[Any],
    breakers: list[npt.NDArray[Any]],
    codes: npt.NDArray[np.intp],
    scheme: GradeScheme,
    ties: TiePolicy,
) -> npt.NDArray[np.intp]:
    """Grade index per item, each ``by`` group graded on its own (any form, tie-breakers)."""
    grade_idx = np.empty(codes.shape[0], dtype=np.intp)
    members_sorted = np.argsort(codes, kind="stable")
    cuts = np.flatnonzero(np.diff(codes[members_sorted])) + 1
    for members in np.split(members_sorted, cuts):
        member_keys = [primary[members], *(b[members] for b in breakers)]
        grade_idx[members] = (
            _grade_by_limits(member_keys, scheme)
            if scheme.form == "limits"
            else _grade_positions(member_keys, grade_quotas(len(members), scheme), ties)
        )
    return grade_idx


def _grade_groups(
    primary: npt.NDArray[Any], codes: npt.NDArray[np.intp], scheme: GradeScheme, ties: TiePolicy
) -> npt.NDArray[np.intp] | None:
    """Every ``by`` group at once (exact form, one int64 key): one sort of (group, −key), the
    tie groups' anchor positions within their group, and each group's boundaries. None when
    the combined key would not fit in int64 (then each group is graded on its own)."""
    if primary.dtype.kind != "i":
        return None
    n = primary.shape[0]
    lo, hi = int(primary.min()), int(primary.max())
    span = hi - lo + 1
    sizes = np.bincount(codes)
    if span * sizes.shape[0] >= _INT64_SAFE:
        return None
    desc = codes.astype(np.int64) * span + (hi - primary)  # group ascending, key descending
    order = np.argsort(desc)
    ordered = desc[order]
    in_group = codes[order]
    starts = np.cumsum(sizes) - sizes
    positions = np.arange(n, dtype=np.int64)
    new_group = np.empty(n, dtype=bool)
    new_group[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new_group[1:])
    if ties == "upper":  # first position of each tie group, carried forward
        anchor = np.maximum.accumulate(np.where(new_group, positions, 0))
    else:  # last position of each tie group, carried backward
        group_end = np.empty(n, dtype=bool)
        group_end[:-1] = new_group[1:]
        group_end[-1] = True
        anchor = np.minimum.accumulate(np.where(group_end, positions, n)[::-1])[::-1]
    anchor -= starts[in_group]  # 0-based position within the group
    uniq, inverse = np.unique(sizes, return_inverse=True)
    table = np.array([grade_boundaries(int(u), scheme) for u in uniq], dtype=np.int64)
    per_group = table[inverse]
    grade = np.zeros(n, dtype=np.intp)
    for k in range(per_group.shape[1]):
        # Position p (1-based) is past grade k when p > B_k, i.e. anchor ≥ B_k.
        grade += per_group[:, k][in_group] <= anchor
    out = np.empty(n, dtype=np.intp)
    out[order] = grade
    return out


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
            sequence / 1-D array. Scores may be int, float, Decimal or Fraction.
        scheme: the :class:`GradeScheme`; default 매우우수 10 / 우수 20 / 다소우수 20 / 보통 20 /
            다소미흡 15 / 미흡 10 / 부진 5 (%).
        ties: ``"upper"`` (a tie group takes the grade of its first position) or ``"lower"``
            (of its last); default from the scheme.
        tie_breakers: extra keys, compared descending after the rounded score (not rounded):
            a Series (aligned on the index), a sequence or 1-D array, or a DataFrame / 2-D
            array / list of them in priority order.
        decimals: rounding before comparison (half-up); default from the scheme (2).
        by: group labels (a Series aligned on the index, or a sequence); grades are assigned
            within each group (e.g. per 분과), each group with its own quotas.

    Returns:
        A Series of grade names aligned to the input's index, with an ordered categorical
        dtype whose order runs worst → best (so ``max()`` is the best grade).

    Raises:
        GradingError: a score is missing, not finite or not a number (naming the task), or a
            tie-breaker / group label is missing or misaligned.

    >>> assign_grades({"A": 91.0, "B": 85.5, "C": 85.5}, GradeScheme.from_percentages(
    ...     {"상": 30, "중": 40, "하": 30})).tolist()
    ['상', '중', '중']
    """
    scheme = scheme or DEFAULT_SCHEME
    ties = ties or scheme.ties
    if ties not in ("upper", "lower"):
        raise GradingError(f"ties must be 'upper' or 'lower', not {ties!r}")
    decimals = scheme.decimals if decimals is None else decimals
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise GradingError(f"decimals must be a whole number ≥ 0, not {decimals!r}")
    index, values = _labels_and_values(scores)
    n = len(values)
    dtype = pd.CategoricalDtype(list(reversed(scheme.names)), ordered=True)
    if n == 0:
        return pd.Series(pd.Categorical([], dtype=dtype), index=index, name="grade")
    primary = _sortable(rounded_keys(values, decimals, index))
    breakers = _tie_breaker_keys(tie_breakers, index, n)
    limits = scheme.form == "limits"
    if by is None:
        grade_idx = (
            _grade_by_limits([primary, *breakers], scheme)
            if limits
            else _grade_positions([primary, *breakers], grade_quotas(n, scheme), ties)
        )
    else:
        codes = _group_codes(by, index, n)
        fast = None if limits or breakers else _grade_groups(primary, codes, scheme, ties)
        if fast is not None:
            grade_idx = fast
        else:
            grade_idx = _grade_each_group(primary, breakers, codes, scheme, ties)
    small = len(scheme.names) < 127
    codes_out = (len(scheme.names) - 1 - grade_idx).astype(np.int8 if small else np.int32)
    cat = pd.Categorical.from_codes(codes_out, dtype=dtype, validate=False)  # type: ignore[arg-type]
    return pd.Series(cat, index=index, name="grade")
