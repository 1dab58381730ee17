"""Seven-grade relative ranking: hand-worked examples, properties, errors."""

from __future__ import annotations

import random
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    as_kind,
    default_or_random_scheme,
    distinct_score_lists,
    increasing_maps,
    integer_score_lists,
    ref_boundaries,
    ref_grades,
    ref_grades_by,
    schemes,
    score_lists,
    score_texts,
)

from evalkit import (
    DEFAULT_SCHEME,
    GradeScheme,
    GradingError,
    assign_grades,
    grade_boundaries,
    grade_quotas,
    points_to_next_grade,
)
from evalkit._grading import rounded_keys

G = ["매우우수", "우수", "다소우수", "보통", "다소미흡", "미흡", "부진"]
VG, GOOD, FAIRLY_GOOD, AVERAGE, FAIRLY_POOR, POOR, BAD = G
ABC = GradeScheme.from_percentages({"A": 30, "B": 40, "C": 30})


def grades(scores: Any, scheme: GradeScheme | None = None, **kw: Any) -> list[str]:
    return [str(g) for g in assign_grades(scores, scheme, **kw)]


def descending(n: int) -> dict[str, float]:
    """n distinct scores, best first, labelled t01, t02, …"""
    return {f"t{i + 1:02d}": 100.0 - i * 0.5 for i in range(n)}


# --- worked examples, by hand ----------------------------------------------------------------
# Default scheme 10/20/20/20/15/10/5 %: cumulative 10, 30, 50, 70, 85, 95, 100 %.


def test_n1_single_task_is_fairly_good() -> None:
    # N·C/100 = .1 .3 .5 .7 .85 .95 1 → half-up 0 0 1 1 1 1 1: position 1 first fits grade 3.
    assert grade_boundaries(1) == [0, 0, 1, 1, 1, 1, 1]
    assert grade_quotas(1) == [0, 0, 1, 0, 0, 0, 0]
    assert grades({"Ⅰ-1-①": 71.3}) == [FAIRLY_GOOD]


def test_n3() -> None:
    # .3 .9 1.5 2.1 2.55 2.85 3 → 0 1 2 2 3 3 3
    assert grade_boundaries(3) == [0, 1, 2, 2, 3, 3, 3]
    assert grade_quotas(3) == [0, 1, 1, 0, 1, 0, 0]
    assert grades({"A": 90.0, "B": 80.0, "C": 70.0}) == [GOOD, FAIRLY_GOOD, FAIRLY_POOR]


def test_n7() -> None:
    # .7 2.1 3.5 4.9 5.95 6.65 7 → 1 2 4 5 6 7 7
    assert grade_boundaries(7) == [1, 2, 4, 5, 6, 7, 7]
    assert grade_quotas(7) == [1, 1, 2, 1, 1, 1, 0]
    scores = {"a": 91.2, "b": 88.0, "c": 87.99, "d": 80.0, "e": 79.5, "f": 70.25, "g": 60.0}
    assert grades(scores) == [VG, GOOD, FAIRLY_GOOD, FAIRLY_GOOD, AVERAGE, FAIRLY_POOR, POOR]


def test_n10() -> None:
    # 1 3 5 7 8.5 9.5 10 → 1 3 5 7 9 10 10
    assert grade_boundaries(10) == [1, 3, 5, 7, 9, 10, 10]
    assert grade_quotas(10) == [1, 2, 2, 2, 2, 1, 0]
    # Given in scrambled order: grades follow the scores, not the input order.
    scores = {
        "c": 97.0,
        "a": 99.0,
        "j": 10.0,
        "b": 98.0,
        "e": 95.0,
        "d": 96.0,
        "g": 93.0,
        "f": 94.0,
        "i": 91.0,
        "h": 92.0,
    }
    out = dict(zip(scores, grades(scores), strict=True))
    assert out == {
        "a": VG,
        "b": GOOD,
        "c": GOOD,
        "d": FAIRLY_GOOD,
        "e": FAIRLY_GOOD,
        "f": AVERAGE,
        "g": AVERAGE,
        "h": FAIRLY_POOR,
        "i": FAIRLY_POOR,
        "j": POOR,
    }


def test_n83_the_motie_size() -> None:
    # 8.3 24.9 41.5 58.1 70.55 78.85 83 → 8 25 42 58 71 79 83
    assert grade_boundaries(83) == [8, 25, 42, 58, 71, 79, 83]
    assert grade_quotas(83) == [8, 17, 17, 16, 13, 8, 4]
    expected = (
        [VG] * 8
        + [GOOD] * 17
        + [FAIRLY_GOOD] * 17
        + [AVERAGE] * 16
        + [FAIRLY_POOR] * 13
        + [POOR] * 8
        + [BAD] * 4
    )
    assert grades(descending(83)) == expected


def test_n100() -> None:
    assert grade_boundaries(100) == [10, 30, 50, 70, 85, 95, 100]
    assert grade_quotas(100) == [10, 20, 20, 20, 15, 10, 5]
    expected = (
        [VG] * 10
        + [GOOD] * 20
        + [FAIRLY_GOOD] * 20
        + [AVERAGE] * 20
        + [FAIRLY_POOR] * 15
        + [POOR] * 10
        + [BAD] * 5
    )
    assert grades(descending(100)) == expected


def test_n0_and_small_boundaries() -> None:
    assert grade_boundaries(0) == [0] * 7 and grade_quotas(0) == [0] * 7
    assert grade_quotas(2) == [0, 1, 0, 0, 1, 0, 0]  # .2 .6 1 1.4 1.7 1.9 2 → 0 1 1 1 2 2 2
    assert grade_quotas(5) == [1, 1, 1, 1, 0, 1, 0]  # .5 1.5 2.5 3.5 4.25 4.75 5 → 1 2 3 4 4 5 5


@pytest.mark.parametrize("bad", [-1, 2.5, "10", True])
def test_boundaries_need_a_whole_count(bad: Any) -> None:
    with pytest.raises(ValueError, match="whole number"):
        grade_boundaries(bad)


# Ten tasks: positions 1-10; boundaries 1 3 5 7 9 10 10.
TEN_TIED_AT_TOP = {
    "A": 95.0,
    "B": 95.0,
    "C": 90.0,
    "D": 88.0,
    "E": 85.0,
    "F": 80.0,
    "G": 75.0,
    "H": 70.0,
    "I": 65.0,
    "J": 60.0,
}


def test_tie_across_the_first_boundary_upper() -> None:
    # A and B share positions 1-2; B_1 = 1 lies between them. Upper: position 1 → 매우우수.
    assert grades(TEN_TIED_AT_TOP) == [
        VG,
        VG,
        GOOD,
        FAIRLY_GOOD,
        FAIRLY_GOOD,
        AVERAGE,
        AVERAGE,
        FAIRLY_POOR,
        FAIRLY_POOR,
        POOR,
    ]


def test_tie_across_the_first_boundary_lower() -> None:
    # Lower: position 2 → 우수 for both; C keeps its own position 3 → 우수.
    assert grades(TEN_TIED_AT_TOP, ties="lower") == [
        GOOD,
        GOOD,
        GOOD,
        FAIRLY_GOOD,
        FAIRLY_GOOD,
        AVERAGE,
        AVERAGE,
        FAIRLY_POOR,
        FAIRLY_POOR,
        POOR,
    ]


def test_tie_across_an_inner_boundary() -> None:
    # C and D share positions 3-4 across B_2 = 3.
    scores = {
        "A": 99.0,
        "B": 98.0,
        "C": 90.0,
        "D": 90.0,
        "E": 85.0,
        "F": 80.0,
        "G": 75.0,
        "H": 70.0,
        "I": 65.0,
        "J": 60.0,
    }
    upper = grades(scores)
    lower = grades(scores, ties="lower")
    assert upper[2:4] == [GOOD, GOOD] and lower[2:4] == [FAIRLY_GOOD, FAIRLY_GOOD]
    assert upper[:2] == lower[:2] == [VG, GOOD]
    assert upper[4:] == lower[4:] == [FAIRLY_GOOD, AVERAGE, AVERAGE, FAIRLY_POOR, FAIRLY_POOR, POOR]


def test_scheme_tie_policy_is_the_default() -> None:
    lower = GradeScheme(ties="lower")
    assert grades(TEN_TIED_AT_TOP, lower)[:2] == [GOOD, GOOD]
    assert grades(TEN_TIED_AT_TOP, lower, ties="upper")[:2] == [VG, VG]


def test_all_scores_equal() -> None:
    same = dict.fromkeys("ABCDEFGHIJ", 80.0)
    assert grades(same) == [VG] * 10  # every task's tie group starts at position 1
    # …and ends at position 10: the first grade with B_k ≥ 10 is 미흡 (B_6 = 10).
    assert grades(same, ties="lower") == [POOR] * 10


def test_rounding_makes_ties_before_ranking() -> None:
    # 85.555 → 85.56 (half-up) ties 85.56; 85.554 → 85.55 does not.
    scores = {"x": 85.555, "y": 85.56, "z": 85.554}
    assert grades(scores, ABC) == ["A", "A", "C"]
    assert grades(scores, ABC, ties="lower") == ["B", "B", "C"]
    # At one decimal all three are 85.6: one tie group.
    assert grades(scores, ABC, decimals=1) == ["A", "A", "A"]
    assert grades(
        scores, GradeScheme.from_percentages({"A": 30, "B": 40, "C": 30}, decimals=3), ties="lower"
    ) == ["B", "A", "C"]


def test_tie_breakers_order_within_a_rounded_tie() -> None:
    # A and B tie at 95; the computed criterion (성과지표 달성도 points) breaks it.
    breaker = pd.Series({k: 30.0 for k in TEN_TIED_AT_TOP} | {"A": 31.0, "B": 35.5})
    out = grades(pd.Series(TEN_TIED_AT_TOP), tie_breakers=breaker)
    assert out[:3] == [GOOD, VG, GOOD]
    # Several breakers in priority order; a tie on the first falls to the second.
    scores = [90.0, 90.0, 90.0, 80.0]
    first = [1, 2, 2, 9]
    second = [Fraction(1, 3), Fraction(1, 2), Decimal("0.4"), 0]
    four = GradeScheme.from_percentages({"A": 25, "B": 25, "C": 25, "D": 25})
    assert grades(scores, four, tie_breakers=[first, second]) == ["C", "A", "B", "D"]
    assert grades(scores, four, tie_breakers=pd.DataFrame({"f": first, "s": second})) == [
        "C",
        "A",
        "B",
        "D",
    ]
    assert grades(scores, four, tie_breakers=np.array([first, [0, 0, 1, 0]]).T) == [
        "C",
        "B",
        "A",
        "D",
    ]
    # Equal on every key: still one tie group.
    assert grades(scores, four, tie_breakers=[[5, 5, 5, 5]]) == ["A", "A", "A", "D"]
    # A yes/no breaker ranks yes first (two tasks under 30/40/30: boundaries 1, 1, 2).
    assert grades([1.0, 1.0], ABC, tie_breakers=np.array([False, True])) == ["C", "A"]
    # Unsigned and huge integer breakers keep their order.
    assert grades([1.0, 1.0], ABC, tie_breakers=np.array([0, 1], dtype=np.uint8)) == ["C", "A"]
    assert grades([1.0, 1.0], ABC, tie_breakers=[[2**70, 2**70 + 1]]) == ["C", "A"]


def test_by_grades_each_group_with_its_own_quotas() -> None:
    scores = pd.Series({"a1": 90.0, "a2": 80.0, "a3": 70.0, "b1": 50.0, "b2": 40.0})
    sub = pd.Series({"a1": "산업", "a2": "산업", "a3": "산업", "b1": "에너지", "b2": "에너지"})
    out = assign_grades(scores, by=sub)
    # Three tasks: 우수, 다소우수, 다소미흡; two tasks: 우수, 다소미흡 (quotas 0 1 0 0 1 0 0).
    assert out.to_dict() == {
        "a1": GOOD,
        "a2": FAIRLY_GOOD,
        "a3": FAIRLY_POOR,
        "b1": GOOD,
        "b2": FAIRLY_POOR,
    }
    # A plain sequence of labels works too, and the Series may be in another order.
    assert grades(scores, by=list(sub)) == list(out)
    assert assign_grades(scores, by=sub.iloc[::-1]).to_dict() == out.to_dict()


def test_result_is_aligned_and_ordered() -> None:
    s = pd.Series([70.0, 90.0, 80.0], index=["Ⅰ-1-②", "Ⅰ-1-①", "Ⅱ-1-①"])
    out = assign_grades(s, ABC)
    assert list(out.index) == list(s.index) and out.name == "grade"
    assert out.dtype == pd.CategoricalDtype(["C", "B", "A"], ordered=True)
    assert out.max() == "A" and out.idxmax() == "Ⅰ-1-①"
    assert grades(np.array([1.0, 3.0, 2.0]), ABC) == ["C", "A", "B"]
    assert grades((x for x in [1, 3, 2]), ABC) == ["C", "A", "B"]


def test_points_to_next_grade() -> None:
    s = pd.Series({"a": 91.0, "b": 88.5, "c": 88.5, "d": 80.004, "e": 70.0})
    g = assign_grades(s, GradeScheme.from_percentages({"A": 20, "B": 40, "C": 40}))
    assert g.tolist() == ["A", "B", "B", "C", "C"]
    gap = points_to_next_grade(s, g, GradeScheme.from_percentages({"A": 20, "B": 40, "C": 40}))
    assert np.isnan(gap["a"])
    # Gaps in rounded scores: 91.00 − 88.50, 88.50 − 80.00, 88.50 − 70.00.
    assert gap[["b", "c", "d", "e"]].tolist() == [2.5, 2.5, 8.5, 18.5]


# --- inputs: kinds of numbers, errors, empty --------------------------------------------------


@pytest.mark.parametrize(
    "bad, shown",
    [
        (float("nan"), "nan"),
        (None, "None"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (Decimal("NaN"), "NaN"),
        (Decimal("-Infinity"), "Infinity"),
        (pd.NA, "NA"),
        ("85.5점", "85.5점"),
        (True, "True"),
    ],
)
def test_missing_or_bad_score_names_the_task(bad: Any, shown: str) -> None:
    scores = {"Ⅰ-1-①": 90.0, "Ⅱ-3-④": bad, "Ⅰ-1-②": 80.0}
    with pytest.raises(GradingError, match="'Ⅱ-3-④'") as info:
        assign_grades(scores)
    assert shown in str(info.value)
    with pytest.raises(GradingError, match="'Ⅱ-3-④'"):
        assign_grades(pd.Series(scores))


def test_nan_in_a_float_series_and_array() -> None:
    with pytest.raises(GradingError, match="task 'b'"):
        assign_grades(pd.Series([1.0, np.nan], index=["a", "b"]))
    with pytest.raises(GradingError, match="task 1 "):
        assign_grades(np.array([1.0, np.inf]))
    with pytest.raises(GradingError, match="task 'c'"):
        assign_grades(pd.Series([1, 2, None], dtype="Int64", index=list("abc")))


@pytest.mark.parametrize("empty", [[], {}, (), np.array([]), pd.Series([], dtype=float)])
def test_empty_input_gives_an_empty_result(empty: Any) -> None:
    out = assign_grades(empty)
    assert len(out) == 0 and out.name == "grade"
    assert list(out.cat.categories) == list(reversed(G))


def test_input_shape_errors() -> None:
    with pytest.raises(GradingError, match="DataFrame"):
        assign_grades(pd.DataFrame({"a": [1.0]}))
    with pytest.raises(GradingError, match="one-dimensional"):
        assign_grades(np.ones((2, 2)))
    with pytest.raises(GradingError, match="cannot grade"):
        assign_grades(42)
    with pytest.raises(GradingError, match="ties"):
        assign_grades([1.0], ties="middle")
    with pytest.raises(GradingError, match="decimals"):
        assign_grades([1.0], decimals=-1)


def test_tie_breaker_and_group_errors() -> None:
    with pytest.raises(GradingError, match="tie-breaker 1 has 2 values for 3"):
        assign_grades([1.0, 2.0, 3.0], tie_breakers=[1, 2])
    with pytest.raises(GradingError, match=r"tie-breaker 2 .* task 'y'"):
        assign_grades({"x": 1.0, "y": 1.0}, tie_breakers=[[1, 2], [3, None]])
    with pytest.raises(GradingError, match=r"tie-breaker 1 .* task 'y'"):
        assign_grades(pd.Series({"x": 1.0, "y": 1.0}), tie_breakers=pd.Series({"x": 1.0}))
    with pytest.raises(GradingError, match="name 'subcommittee'"):
        assign_grades([1.0, 2.0], tie_breakers="subcommittee")
    with pytest.raises(GradingError, match="name 'subcommittee'"):
        assign_grades([1.0, 2.0], by="subcommittee")
    with pytest.raises(GradingError, match="3 labels for 2"):
        assign_grades([1.0, 2.0], by=["a", "b", "c"])
    with pytest.raises(GradingError, match="task 'y' has no group label"):
        assign_grades(pd.Series({"x": 1.0, "y": 2.0}), by=pd.Series({"x": "a"}))


def test_number_kinds_agree_on_half_boundaries() -> None:
    # Binary floats sit just below these halves (2.675 is 2.67499999…); the text decides.
    texts = ["1.005", "2.675", "0.125", "85.555", "99.995", "-2.675", "1.0049999"]
    expected = [Decimal(t).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for t in texts]
    for kind in ("float", "decimal", "fraction"):
        keys = rounded_keys([as_kind(t, kind) for t in texts], 2)
        assert [Decimal(int(k)) / 100 for k in keys] == expected, kind
    assert rounded_keys(np.array([1.005, 2.675]), 2).tolist() == [101, 268]
    assert rounded_keys(
        pd.Series([1.005, Fraction(1, 8)], dtype=object).to_numpy(), 2
    ).tolist() == [101, 13]
    assert rounded_keys([np.float64(2.675), np.float32(0.125), np.int64(7)], 2).tolist() == [
        268,
        13,
        700,
    ]


def test_fast_float_rounding_matches_the_text_exhaustively() -> None:
    # Every 3-place value up to 200 and every 5-place value in [0, 1): the vectorised path and
    # Decimal(str(x)) must agree on each.
    for step, count, places in ((1000, 200_000, 2), (100_000, 100_000, 4)):
        values = np.arange(count) / step
        keys = rounded_keys(values, places)
        want = [
            int(Decimal(repr(float(v))).scaleb(places).quantize(Decimal(1), ROUND_HALF_UP))
            for v in values
        ]
        assert keys.tolist() == want


def test_huge_scores_are_ranked_exactly() -> None:
    # Beyond int64 after scaling (and beyond float precision): exact, no overflow.
    big = [2**62, 2**62 + 1, 2**62 + 2, 10**30]
    assert grades(big, GradeScheme.from_percentages({"A": 25, "B": 25, "C": 25, "D": 25})) == [
        "D",
        "C",
        "B",
        "A",
    ]
    assert grades([1e300, 1e299, -1e300], ABC) == ["A", "B", "C"]
    assert grades([np.uint64(2**64 - 1), np.uint64(0)], ABC) == ["A", "C"]
    assert grades([0, -(2**63)], ABC) == ["A", "C"]  # np.abs(int64 min) overflows
    assert grades(np.array([0, -(2**63)], dtype=np.int64), ABC) == ["A", "C"]
    assert grades([Fraction(10**40 + 10**36, 10**38), Fraction(10**40, 10**38)], ABC) == ["A", "C"]


# --- properties --------------------------------------------------------------------------------


@given(st.integers(0, 5000), default_or_random_scheme())
def test_quotas_sum_to_n_and_are_boundary_differences(n: int, scheme: GradeScheme) -> None:
    bounds = grade_boundaries(n, scheme)
    quotas = grade_quotas(n, scheme)
    assert sum(quotas) == n and all(q >= 0 for q in quotas)
    assert quotas == [b - a for a, b in zip([0, *bounds], bounds, strict=False)]
    assert bounds == ref_boundaries(n, scheme) and bounds[-1] == n
    for b, c in zip(bounds[:-1], scheme.cumulative_percents, strict=False):
        assert abs(b - Fraction(n) * c / 100) <= Fraction(1, 2)


@given(distinct_score_lists(), default_or_random_scheme(), st.sampled_from(["upper", "lower"]))
def test_without_ties_counts_equal_quotas(
    scores: list[float], scheme: GradeScheme, ties: Any
) -> None:
    counts = Counter(grades(scores, scheme, ties=ties))
    assert [counts[g] for g in scheme.names] == grade_quotas(len(scores), scheme)


@given(score_lists(min_size=1), default_or_random_scheme())
def test_with_ties_cumulative_counts_bound_the_boundaries(
    scores: list[float], scheme: GradeScheme
) -> None:
    bounds = grade_boundaries(len(scores), scheme)
    for ties, holds in (("upper", lambda c, b: c >= b), ("lower", lambda c, b: c <= b)):
        counts = Counter(grades(scores, scheme, ties=ties))
        cumulative = 0
        for name, b in zip(scheme.names, bounds, strict=True):
            cumulative += counts[name]
            assert holds(cumulative, b), (ties, name, cumulative, b)


@given(score_lists(min_size=1), default_or_random_scheme(), st.sampled_from(["upper", "lower"]))
def test_higher_rounded_score_never_gets_a_worse_grade_and_ties_share(
    scores: list[float], scheme: GradeScheme, ties: Any
) -> None:
    out = grades(scores, scheme, ties=ties)
    rank = {name: i for i, name in enumerate(scheme.names)}  # 0 = best
    rounded = [Decimal(repr(s)).quantize(Decimal("0.01"), ROUND_HALF_UP) for s in scores]
    for i in range(len(scores)):
        for j in range(len(scores)):
            if rounded[i] > rounded[j]:
                assert rank[out[i]] <= rank[out[j]]
            elif rounded[i] == rounded[j]:
                assert out[i] == out[j]


@given(
    score_lists(min_size=1),
    default_or_random_scheme(),
    st.randoms(use_true_random=False),
    st.sampled_from(["upper", "lower"]),
)
def test_permutation_invariance(
    scores: list[float], scheme: GradeScheme, rnd: random.Random, ties: Any
) -> None:
    labelled = {f"task{i}": s for i, s in enumerate(scores)}
    keys = list(labelled)
    rnd.shuffle(keys)
    a = assign_grades(labelled, scheme, ties=ties)
    b = assign_grades({k: labelled[k] for k in keys}, scheme, ties=ties)
    assert a.to_dict() == b.to_dict()


@given(
    st.data(),
    integer_score_lists(),
    default_or_random_scheme(),
    st.sampled_from(["upper", "lower"]),
)
def test_invariant_under_strictly_increasing_transforms(
    data: st.DataObject, scores: list[int], scheme: GradeScheme, ties: Any
) -> None:
    f = data.draw(increasing_maps(scores))
    before = grades(scores, scheme, ties=ties, decimals=0)
    assert grades([f[s] for s in scores], scheme, ties=ties, decimals=0) == before
    # Also as floats and with the default two places: whole numbers stay whole.
    assert grades([float(f[s]) for s in scores], scheme, ties=ties) == before


@given(
    st.lists(score_texts(), max_size=40),
    default_or_random_scheme(),
    st.sampled_from(["upper", "lower"]),
    st.sampled_from([0, 1, 2, 3]),
)
def test_matches_the_reference_rule_for_every_number_kind(
    texts: list[str], scheme: GradeScheme, ties: Any, decimals: int
) -> None:
    want = ref_grades([Decimal(t) for t in texts], scheme, ties, decimals)
    kinds = ["float", "decimal", "fraction"]
    if all(Decimal(t) == Decimal(t).to_integral_value() for t in texts):
        kinds.append("int")
    for kind in kinds:
        got = grades([as_kind(t, kind) for t in texts], scheme, ties=ties, decimals=decimals)
        assert got == want, kind


@given(
    st.data(), score_lists(min_size=1, max_size=40), schemes(), st.sampled_from(["upper", "lower"])
)
def test_tie_breakers_match_the_reference_rule(
    data: st.DataObject, scores: list[float], scheme: GradeScheme, ties: Any
) -> None:
    n = len(scores)
    breakers = data.draw(
        st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=1, max_size=2)
    )
    got = grades(scores, scheme, ties=ties, tie_breakers=breakers)
    assert got == ref_grades(scores, scheme, ties, 2, breakers)
    # A constant breaker changes nothing (and exercises the multi-key sort).
    assert grades(scores, scheme, ties=ties, tie_breakers=[[7] * n]) == grades(
        scores, scheme, ties=ties
    )


@given(
    st.data(),
    score_lists(min_size=1, max_size=50),
    default_or_random_scheme(),
    st.sampled_from(["upper", "lower"]),
)
def test_by_equals_grading_each_group_alone(
    data: st.DataObject, scores: list[float], scheme: GradeScheme, ties: Any
) -> None:
    groups = data.draw(
        st.lists(
            st.sampled_from(["산업", "에너지", "통상"]), min_size=len(scores), max_size=len(scores)
        )
    )
    got = grades(scores, scheme, ties=ties, by=groups)
    assert got == ref_grades_by(scores, groups, scheme, ties)
    # With a tie-breaker too: each group sorted by score, then by the breaker.
    breaker = data.draw(st.lists(st.integers(0, 2), min_size=len(scores), max_size=len(scores)))
    got = grades(scores, scheme, ties=ties, by=groups, tie_breakers=breaker)
    assert got == ref_grades_by(scores, groups, scheme, ties, [breaker])


@given(st.lists(st.integers(-(2**70), 2**70), min_size=1, max_size=30), schemes())
def test_big_integers_match_the_reference_rule(scores: list[int], scheme: GradeScheme) -> None:
    assume(any(abs(s) > 2**60 for s in scores))
    assert grades(scores, scheme) == ref_grades(scores, scheme)


def test_default_scheme_is_the_documented_seven_grades() -> None:
    assert DEFAULT_SCHEME.names == tuple(G)
    assert [int(g.percent) for g in DEFAULT_SCHEME.grades] == [10, 20, 20, 20, 15, 10, 5]


@given(
    st.lists(st.integers(-(2**50), 2**50), min_size=1, max_size=40),
    st.data(),
    schemes(),
    st.sampled_from(["upper", "lower"]),
)
def test_by_with_whole_number_labels_and_wide_keys(
    scores: list[int], data: st.DataObject, scheme: GradeScheme, ties: Any
) -> None:
    # All groups graded in one sort (the fast path), labels as a numpy array or a list, keys
    # wide enough that group × key overflows int64 (then each group is graded alone).
    labels = data.draw(st.lists(st.integers(0, 5000), min_size=len(scores), max_size=len(scores)))
    expected = ref_grades_by(scores, labels, scheme, ties)
    assert grades(scores, scheme, ties=ties, by=np.array(labels)) == expected
    assert grades(scores, scheme, ties=ties, by=labels) == expected
