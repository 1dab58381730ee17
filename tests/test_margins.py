"""Grade margins: worked examples (by=, tie-breakers, limits) and properties against the
reference model: adding the margin moves the task up and no smaller amount would."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import limit_schemes, ref_grades, ref_grades_by, ref_limit_grades, schemes

from evalkit import GradeScheme, GradingError, assign_grades, grade_margins, points_to_next_grade

ABC = GradeScheme.from_percentages({"A": 20, "B": 40, "C": 40})
F = Fraction


def test_margins_up_and_down() -> None:
    s = pd.Series({"a": 91.0, "b": 88.5, "c": 88.5, "d": 80.004, "e": 70.0})
    m = grade_margins(s, ABC)
    assert m["grade"].tolist() == ["A", "B", "B", "C", "C"]
    # b needs 91.00 − 88.50 to tie a (upper ties: the tie group takes A).
    assert m["up"].tolist() == [None, F(5, 2), F(5, 2), F(17, 2), F(37, 2)]
    assert m["up_grade"].tolist() == [None, "A", "A", "B", "B"]
    # a falls to B when it drops below 88.50 ... no: tied at 88.50 it still holds position 1.
    assert m.loc["a", "down"] == F(251, 100) and m.loc["a", "down_grade"] == "B"
    # b drops to C only below d's 80.00 (tied with d, the group starts at position 3 ≤ 3).
    assert m.loc["b", "down"] == F(851, 100)
    assert m.loc["e", "down"] is None and m.loc["d", "down"] is None
    assert not m["up_tie_breaker"].any()


def test_points_to_next_grade_is_the_up_margin() -> None:
    s = pd.Series({"a": 91.0, "b": 88.5, "c": 88.5, "d": 80.004, "e": 70.0})
    gap = points_to_next_grade(s, assign_grades(s, ABC), ABC)
    assert np.isnan(gap["a"]) and gap[["b", "c", "d", "e"]].tolist() == [2.5, 2.5, 8.5, 18.5]
    with pytest.raises(GradingError, match="산정 등급"):
        points_to_next_grade(s, pd.Series(["B", "B", "B", "C", "C"], index=s.index), ABC)


def test_by_compares_only_within_the_group() -> None:
    # Issue 15: with by=, the old answer compared with another group's tasks.
    s = pd.Series({"x1": 95.0, "x2": 90.0, "y1": 70.0, "y2": 60.0})
    groups = ["x", "x", "y", "y"]
    two = GradeScheme.from_percentages({"상": 50, "하": 50})
    m = grade_margins(s, two, by=groups)
    assert m["grade"].tolist() == ["상", "하", "상", "하"]
    assert m.loc["x2", "up"] == 5 and m.loc["y2", "up"] == 10
    assert points_to_next_grade(s, assign_grades(s, two, by=groups), two, by=groups)[
        "y2"
    ] == pytest.approx(10.0)


def test_tie_breaker_margins_are_points_and_flagged() -> None:
    # a and b tie on score; the tie-breaker puts a first. b's margin is one unit of score
    # (passing a), never a negative number.
    two = GradeScheme.from_percentages({"상": 50, "하": 50})
    s = pd.Series({"a": 80.0, "b": 80.0})
    m = grade_margins(s, two, tie_breakers=[2, 1])
    assert m["grade"].tolist() == ["상", "하"]
    assert m.loc["b", "up"] == F(1, 100) and not m.loc["b", "up_tie_breaker"]
    # c behind d on score but ahead on the tie-breaker: equal score suffices, flagged.
    s = pd.Series({"d": 81.0, "c": 80.0})
    m = grade_margins(s, two, tie_breakers=[1, 2])
    assert m.loc["c", "up"] == 1 and m.loc["c", "up_tie_breaker"]
    assert m.loc["d", "down"] == 1 and m.loc["d", "down_tie_breaker"]


def test_margins_under_limits() -> None:
    three = GradeScheme.from_limits(
        ["우수", "보통", "미흡"],
        [
            {"grade": "우수", "scope": "and_above", "at_most": 20},
            {"grade": "미흡", "scope": "and_below", "at_least": 10},
        ],
    )
    scores = [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]
    m = grade_margins(scores, three)
    assert m["grade"].tolist() == ["우수", "우수", *["보통"] * 7, "미흡"]
    # The third task tying the second makes both 보통 (a tie cannot cross the limit): it must
    # pass 8.00, and then it takes the second place.
    assert m.loc[2, "up"] == F(101, 100)
    assert m.loc[1, "down"] == F(1, 1)  # tied with the third, both fall to 보통


def _unit_scan(
    scores: list[int], i: int, sign: int, grade_of: Any, names: Any, top: int = 40
) -> tuple[int | None, str | None]:
    """Smallest whole δ with a better (sign 1) / worse (sign -1) grade for task i."""
    base = names.index(grade_of(scores)[i])
    for d in range(1, top):
        trial = list(scores)
        trial[i] += sign * d
        g = grade_of(trial)[i]
        # None: the limits cannot hold there (no grade); better is a smaller index.
        if g is not None and (names.index(g) - base) * -sign > 0:
            return d, g
    return None, None


@given(
    st.lists(st.integers(0, 15), min_size=1, max_size=9),
    schemes(5),
    st.sampled_from(["upper", "lower"]),
    st.booleans(),
)
def test_margin_matches_a_unit_scan_of_the_reference(
    scores: list[int], scheme: GradeScheme, ties: str, breaking: bool
) -> None:
    tb = [[(7 * i) % 3 for i in range(len(scores))]] if breaking else []

    def grade_of(xs: list[int]) -> list[str]:
        return ref_grades(xs, scheme, ties, 0, tb)

    m = grade_margins(scores, scheme, ties=ties, decimals=0, tie_breakers=tb[0] if tb else None)
    order = {n: k for k, n in enumerate(scheme.names)}
    assert m["grade"].tolist() == grade_of(scores)
    for i in range(len(scores)):
        up, up_grade = _unit_scan(scores, i, 1, grade_of, scheme.names)
        down, down_grade = _unit_scan(scores, i, -1, grade_of, scheme.names)
        assert (m.loc[i, "up"], m.loc[i, "up_grade"]) == (up, up_grade)
        assert (m.loc[i, "down"], m.loc[i, "down_grade"]) == (down, down_grade)
        if up_grade is not None:
            assert order[up_grade] < order[str(m.loc[i, "grade"])]


@given(st.lists(st.integers(0, 12), min_size=1, max_size=8), limit_schemes(3))
def test_limit_margins_match_a_unit_scan(scores: list[int], scheme: GradeScheme) -> None:
    if ref_limit_grades(scores, scheme) is None:
        return

    def grade_of(xs: list[int]) -> list[str | None]:
        got = ref_limit_grades(xs, scheme)
        return [None] * len(xs) if got is None else list(got)

    m = grade_margins(scores, scheme, decimals=0)
    for i in range(len(scores)):
        # Scores 0..12: every score that could move a task lies within 16 of it.
        up, up_grade = _unit_scan(scores, i, 1, grade_of, scheme.names, 16)
        assert (m.loc[i, "up"], m.loc[i, "up_grade"]) == (up, up_grade)
        down, down_grade = _unit_scan(scores, i, -1, grade_of, scheme.names, 16)
        assert (m.loc[i, "down"], m.loc[i, "down_grade"]) == (down, down_grade)


@given(
    st.lists(st.integers(0, 15), min_size=1, max_size=10),
    st.lists(st.sampled_from("xyz"), min_size=10, max_size=10),
)
def test_by_margins_are_each_groups_own(scores: list[int], labels: list[str]) -> None:
    groups = labels[: len(scores)]
    scheme = GradeScheme.from_percentages({"A": 30, "B": 40, "C": 30}, decimals=0)

    def grade_of(xs: list[int]) -> list[str]:
        return ref_grades_by(xs, groups, scheme)

    m = grade_margins(scores, scheme, by=groups)
    for i in range(len(scores)):
        assert m.loc[i, "up"] == _unit_scan(scores, i, 1, grade_of, scheme.names)[0]
