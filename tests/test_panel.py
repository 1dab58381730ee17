"""Evaluator panel (평가단): trimmed mean of totals, mean, median, recorded dropped evaluators."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import strategies  # noqa: F401  (loads the shared hypothesis profile)
from hypothesis import given
from hypothesis import strategies as st

from evalkit import EvaluatorSheet, ScoringError, aggregate_panel

F = Fraction
CRITERIA = ["plan", "execution", "outcome", "feedback"]  # 계획 15, 집행 15, 성과 18, 환류 12


def sheet(name: str, *points: Any) -> EvaluatorSheet:
    return EvaluatorSheet(name, {c: F(str(p)) for c, p in zip(CRITERIA, points, strict=True)})


def test_trimmed_drops_one_high_and_one_low_total() -> None:
    sheets = [
        sheet("김", 14, 13, 16, 10),  # 53 highest
        sheet("이", 12, 12, 15, 9),  # 48
        sheet("박", 10, 11, 12, 8),  # 41 lowest
        sheet("최", 13, 12, 14, 11),  # 50
    ]
    r = aggregate_panel(sheets, CRITERIA)
    assert (r.rule, r.dropped_high, r.dropped_low) == ("trimmed", "김", "박")
    # Mean of 이 and 최 per criterion: (12+13)/2, (12+12)/2, (15+14)/2, (9+11)/2.
    assert r.criteria == {"plan": F(25, 2), "execution": 12, "outcome": F(29, 2), "feedback": 10}
    assert r.total == 49 == sum(r.criteria.values())
    assert r.evaluators == ("김", "이", "박", "최") and len(r.sheets) == 4


def test_trimmed_drops_only_one_of_several_sharing_the_max_or_min() -> None:
    sheets = [
        sheet("A", 15, 15, 18, 12),  # 60 max (first listed: dropped)
        sheet("B", 15, 15, 18, 12),  # 60 max (kept)
        sheet("C", 10, 10, 10, 10),  # 40 min (first listed: dropped)
        sheet("D", 12, 10, 8, 10),  # 40 min (kept)
        sheet("E", 12, 12, 12, 12),  # 48
    ]
    r = aggregate_panel(sheets, CRITERIA)
    assert (r.dropped_high, r.dropped_low) == ("A", "C")
    # Kept B, D, E: totals 60 + 40 + 48 = 148, three evaluators.
    assert r.total == F(148, 3)
    assert r.criteria["outcome"] == F(18 + 8 + 12, 3)


def test_trimmed_with_all_totals_equal_still_drops_two() -> None:
    sheets = [sheet(n, 10, 10, 10, 10) for n in "ABCD"]
    r = aggregate_panel(sheets, CRITERIA)
    assert (r.dropped_high, r.dropped_low) == ("A", "D")
    assert r.total == 40


@pytest.mark.parametrize("n", [1, 2, 3])
def test_fewer_than_four_evaluators_take_the_plain_mean(n: int) -> None:
    sheets = [sheet("A", 15, 15, 18, 12), sheet("B", 9, 9, 9, 9), sheet("C", 6, 6, 6, 6)][:n]
    r = aggregate_panel(sheets, CRITERIA)
    assert r.rule == "mean" and r.dropped_high is None and r.dropped_low is None
    assert r.total == sum((s.total for s in sheets), F(0)) / n


def test_mean_rule_keeps_everyone() -> None:
    sheets = [
        sheet("A", 15, 15, 18, 12),
        sheet("B", 9, 9, 9, 9),
        sheet("C", 6, 6, 6, 6),
        sheet("D", 3, 3, 3, 3),
    ]
    r = aggregate_panel(sheets, CRITERIA, "mean")
    assert r.rule == "mean" and r.dropped_high is None
    assert r.total == F(60 + 36 + 24 + 12, 4)


def test_median_takes_the_middle_evaluators_whole() -> None:
    odd = [sheet("A", 15, 15, 18, 12), sheet("B", 1, 2, 3, 4), sheet("C", 6, 6, 6, 6)]
    r = aggregate_panel(odd, CRITERIA, "median")
    # Totals 60, 10, 24: the median evaluator is C, whose breakdown is taken as is.
    assert r.rule == "median" and r.criteria == {c: 6 for c in CRITERIA} and r.total == 24
    even = [*odd, sheet("D", 10, 10, 10, 10)]
    r = aggregate_panel(even, CRITERIA, "median")
    # Totals 10, 24, 40, 60: the middle two are C (24) and D (40), averaged per criterion.
    assert r.criteria == {c: 8 for c in CRITERIA} and r.total == 32


def test_stray_criterion_does_not_move_the_trim() -> None:
    sheets = [
        sheet("A", 10, 10, 10, 10),
        sheet("B", 11, 11, 11, 11),
        sheet("C", 9, 9, 9, 9),
        sheet("D", 12, 12, 12, 12),
    ]
    # A's sheet carries a key that is not one of the aggregated criteria: ignored by the trim.
    sheets[0] = EvaluatorSheet("A", {**sheets[0].scores, "bonus": F(100)})
    r = aggregate_panel(sheets, CRITERIA)
    assert (r.dropped_high, r.dropped_low) == ("D", "C")
    assert r.total == F(40 + 44, 2)


def test_panel_errors_name_the_task() -> None:
    with pytest.raises(ScoringError, match="task Ⅰ-1-①: no evaluator"):
        aggregate_panel([], CRITERIA, task="Ⅰ-1-①")
    with pytest.raises(ScoringError, match="task Ⅰ-1-①: evaluator\\(s\\) A scored it twice"):
        aggregate_panel([sheet("A", 1, 1, 1, 1), sheet("A", 2, 2, 2, 2)], CRITERIA, task="Ⅰ-1-①")
    with pytest.raises(ScoringError, match="evaluator B gave no score for feedback"):
        aggregate_panel(
            [
                sheet("A", 1, 1, 1, 1),
                EvaluatorSheet("B", {"plan": F(1), "execution": F(1), "outcome": F(1)}),
            ],
            CRITERIA,
            task="Ⅰ-1-①",
        )
    with pytest.raises(ScoringError, match="unknown panel rule 'max'"):
        aggregate_panel([sheet("A", 1, 1, 1, 1)], CRITERIA, "max")  # type: ignore[arg-type]


points = st.integers(0, 60).map(lambda q: F(q, 4))  # 0 to 15 in quarter points
sheets_st = st.lists(st.tuples(points, points, points, points), min_size=1, max_size=9)


@given(sheets_st, st.sampled_from(["trimmed", "mean", "median"]))
def test_breakdown_sums_to_the_total(rows: list[tuple[Fraction, ...]], rule: Any) -> None:
    sheets = [sheet(f"위원{i}", *row) for i, row in enumerate(rows)]
    r = aggregate_panel(sheets, CRITERIA, rule)
    assert sum(r.criteria.values()) == r.total
    totals = sorted(s.total for s in sheets)
    assert totals[0] <= r.total <= totals[-1]


@given(sheets_st)
def test_trimmed_mean_of_totals(rows: list[tuple[Fraction, ...]]) -> None:
    sheets = [sheet(f"위원{i}", *row) for i, row in enumerate(rows)]
    r = aggregate_panel(sheets, CRITERIA)
    totals = [s.total for s in sheets]
    if len(sheets) < 4:
        assert r.rule == "mean" and r.total == sum(totals, F(0)) / len(totals)
        return
    by_name = {s.evaluator: s.total for s in sheets}
    assert r.dropped_high != r.dropped_low
    assert by_name[r.dropped_high] == max(totals)  # type: ignore[index]
    assert by_name[r.dropped_low] == min(totals)  # type: ignore[index]
    kept = sorted(totals)[1:-1]  # exactly one of each end, even when several share it
    assert r.total == sum(kept, F(0)) / len(kept)
