"""Quota limits (등급 한도): the fill rule against a brute-force reference, limits never
breached, ties equal, monotone in score; infeasible limits named in Korean."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import limit_schemes, ref_limit_counts_ok, ref_limit_grades, ref_round

from evalkit import (
    GradeScheme,
    GradingError,
    QuotaLimit,
    assign_grades,
    grade_boundaries,
    grade_quotas,
)

SEVEN = ["매우우수", "우수", "다소우수", "보통", "다소미흡", "미흡", "부진"]
ISSUE = GradeScheme.from_limits(
    SEVEN,
    [
        {"grade": "매우우수", "at_most": 10},
        {"grade": "우수", "scope": "and_above", "at_most": 30},
        {"grade": "미흡", "scope": "and_below", "at_least": 15},
    ],
)
THREE = GradeScheme.from_limits(
    ["우수", "보통", "미흡"],
    [
        {"grade": "우수", "scope": "and_above", "at_most": 20},
        {"grade": "미흡", "scope": "and_below", "at_least": 10},
    ],
)


def test_the_issue_example_fills_best_first() -> None:
    # 83 tasks: 매우우수 ⌊8.3⌋ = 8, 우수 이상 ⌊24.9⌋ = 24, 미흡 이하 ⌈12.45⌉ = 13; the best
    # grade takes what the limits allow, then the next: 다소우수 takes all up to the 13 kept
    # for 미흡 이하, and 미흡 takes those 13.
    assert grade_boundaries(83, ISSUE) == [8, 24, 70, 70, 70, 83, 83]
    assert grade_quotas(83, ISSUE) == [8, 16, 46, 0, 0, 13, 0]
    # The common three-grade wording: 우수 이상 20% 이내, 미흡 이하 10% 이상.
    assert grade_quotas(10, THREE) == [2, 7, 1]
    assert grade_quotas(25, THREE) == [5, 17, 3]


def test_half_up_rounding_of_limits() -> None:
    s = THREE.model_copy(update={"limit_rounding": "half_up"})
    s = GradeScheme.model_validate(s.model_dump())
    # 우수 이상 ⌊5.4 + ½⌋ = 5, 미흡 이하 ⌊2.7 + ½⌋ = 3.
    assert grade_quotas(27, s) == [5, 19, 3]
    assert grade_quotas(27, THREE) == [5, 19, 3]
    assert grade_quotas(28, s) == [6, 19, 3]  # 5.6 rounds up: may exceed 20 %
    assert grade_quotas(28, THREE) == [5, 20, 3]  # strict: never above 20 %


def test_a_tie_at_a_limit_moves_down_whole() -> None:
    # 10 tasks, 우수 이상 at most 2: two tied at the top are both 우수; three tied are not.
    assert [str(g) for g in assign_grades([9, 9, 8, 7, 6, 5, 4, 3, 2, 1], THREE)] == [
        "우수", "우수", *["보통"] * 7, "미흡"
    ]  # fmt: skip
    got = [str(g) for g in assign_grades([9, 9, 9, 7, 6, 5, 4, 3, 2, 1], THREE)]
    assert got == [*["보통"] * 9, "미흡"]
    # A tie at the bottom takes the worse grade whole when 미흡 이하 needs it.
    got = [str(g) for g in assign_grades([9, 8, 7, 6, 5, 4, 3, 2, 1, 1], THREE)]
    assert got == ["우수", "우수", *["보통"] * 6, "미흡", "미흡"]


def test_ties_that_make_limits_impossible_are_an_error() -> None:
    two = GradeScheme.from_limits(
        ["A", "B"], [{"grade": "A", "at_most": 50}, {"grade": "B", "at_most": 50}]
    )
    assert grade_quotas(4, two) == [2, 2]
    with pytest.raises(GradingError, match=r"과제 4개로는 등급 한도를 모두 지킬 수 없습니다"):
        assign_grades([1, 1, 1, 0], two)
    with pytest.raises(GradingError, match=r"A 50% 이하, B 50% 이하"):
        grade_boundaries(3, two)  # ⌊1.5⌋ + ⌊1.5⌋ < 3


@pytest.mark.parametrize(
    "limits, named",
    [
        (
            [
                {"grade": "A", "at_most": 10},
                {"grade": "B", "at_most": 80},
                {"grade": "C", "at_most": 5},
            ],
            "A 10% 이하, B 80% 이하, C 5% 이하",
        ),
        (
            [
                {"grade": "B", "scope": "and_above", "at_least": 30},
                {"grade": "C", "scope": "and_below", "at_least": 80},
                {"grade": "A", "at_least": 5},
            ],
            "B 이상 30% 이상, C 이하 80% 이상",
        ),
        ([{"grade": "A", "at_least": 60}, {"grade": "B", "at_least": 50}], "A 60% 이상, B 50%"),
    ],
)
def test_infeasible_limits_are_named(limits: list[dict[str, Any]], named: str) -> None:
    with pytest.raises(ValidationError, match="등급 한도를 동시에 지킬 수 없습니다") as info:
        GradeScheme.from_limits(["A", "B", "C"], limits)
    assert named in str(info.value)


def test_limit_validation_messages() -> None:
    with pytest.raises(ValidationError, match="at_most도 at_least도 없습니다"):
        QuotaLimit(grade="A")
    with pytest.raises(ValidationError, match="하한이 상한보다 큽니다"):
        QuotaLimit(grade="A", at_most=Decimal(10), at_least=Decimal(20))
    with pytest.raises(ValidationError, match="한도에 없는 등급이 있습니다: Z"):
        GradeScheme.from_limits(["A", "B"], [{"grade": "Z", "at_most": 10}])
    with pytest.raises(ValidationError, match="정률\\(percent\\)과 한도\\(limits\\) 중 하나"):
        GradeScheme.model_validate(
            {"grades": [{"name": "A", "percent": 100}], "limits": [{"grade": "A", "at_most": 50}]}
        )
    with pytest.raises(ValidationError, match="비율\\(percent\\)이 없습니다"):
        GradeScheme.model_validate({"grades": ["A", "B"]})
    assert QuotaLimit(grade="미흡", scope="and_below", at_least=15.0).describe() == (  # type: ignore[arg-type]
        "미흡 이하 15% 이상"
    )
    assert ISSUE.form == "limits" and GradeScheme().form == "exact"
    assert ISSUE.cumulative_percents == ()


# --- properties against the brute-force reference ------------------------------------------

few_scores = st.lists(st.sampled_from([70.0, 80.5, 85.55, 85.554, 90.0, 99.999]), max_size=9)
any_scores = st.one_of(few_scores, st.lists(st.integers(0, 40).map(float), max_size=9))


@given(any_scores, limit_schemes())
def test_matches_the_reference_fill_rule(scores: list[float], scheme: GradeScheme) -> None:
    expected = ref_limit_grades(scores, scheme)
    if expected is None:
        with pytest.raises(GradingError, match="등급 한도를 모두 지킬 수 없습니다"):
            assign_grades(scores, scheme)
        return
    assert [str(g) for g in assign_grades(scores, scheme)] == expected


@given(any_scores, limit_schemes())
def test_limits_never_breached_ties_equal_monotone(
    scores: list[float], scheme: GradeScheme
) -> None:
    try:
        got = [str(g) for g in assign_grades(scores, scheme)]
    except GradingError:
        assume(False)
        return
    counts = Counter(got)
    assert ref_limit_counts_ok([counts[n] for n in scheme.names], scheme)
    rank = {n: i for i, n in enumerate(scheme.names)}
    keys = [ref_round(s, 2) for s in scores]
    for i in range(len(scores)):
        for j in range(len(scores)):
            if keys[i] == keys[j]:
                assert got[i] == got[j]
            elif keys[i] > keys[j]:
                assert rank[got[i]] <= rank[got[j]]


@given(st.integers(0, 40), limit_schemes())
def test_boundaries_without_ties_match_the_reference(n: int, scheme: GradeScheme) -> None:
    scores = [float(n - i) for i in range(n)]
    expected = ref_limit_grades(scores, scheme) if n <= 12 else None
    try:
        quotas = grade_quotas(n, scheme)
    except GradingError:
        assert n > 12 or expected is None
        return
    assert sum(quotas) == n and min(quotas, default=0) >= 0
    assert ref_limit_counts_ok(quotas, scheme)
    if n <= 12:
        assert expected is not None
        assert [Counter(expected)[g] for g in scheme.names] == quotas


@given(st.lists(st.integers(0, 30), max_size=12), st.lists(st.sampled_from("xy"), max_size=12))
def test_by_grades_each_group_with_its_own_limits(scores: list[int], groups: list[str]) -> None:
    n = min(len(scores), len(groups))
    scores, groups = scores[:n], groups[:n]
    try:
        got = [str(g) for g in assign_grades(scores, THREE, by=groups)]
    except GradingError:
        return
    for label in set(groups):
        idx = [i for i in range(n) if groups[i] == label]
        alone = ref_limit_grades([float(scores[i]) for i in idx], THREE)
        assert alone == [got[i] for i in idx]
