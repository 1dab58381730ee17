"""Achievement rate (달성률): up/down, ratio/mirror, caps, bands, milestones, bad targets."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import strategies  # noqa: F401  (loads the shared hypothesis profile)
from hypothesis import given
from hypothesis import strategies as st

from evalkit import Achievement, ScoringError, achievement_rate

F = Fraction


def test_up_is_actual_over_target() -> None:
    a = achievement_rate(18, 16)
    assert a == Achievement(raw=F(225, 2), scored=F(225, 2), capped=False, method="ratio")
    assert achievement_rate(Decimal("43.5"), Decimal("43.5")).raw == 100
    assert achievement_rate("1,350", 1350).raw == 100  # printed text with a separator
    assert achievement_rate(0.1, 0.3).raw == F(100, 3)  # floats by their text: exactly 1/3


def test_down_ratio_is_target_over_actual() -> None:
    # 석유사업자 부적합률: target 2.0 %, actual 2.5 % → 80 %; actual 1.6 % → 125 %.
    assert achievement_rate(Decimal("2.5"), Decimal("2.0"), direction="down").raw == 80
    assert achievement_rate(Decimal("1.6"), Decimal("2.0"), direction="down").raw == 125
    assert achievement_rate(3, 2, direction="down", method="ratio").raw == F(200, 3)


def test_down_mirror_is_two_minus_the_ratio_floored_at_zero() -> None:
    assert achievement_rate(Decimal("2.5"), 2, direction="down", method="mirror").raw == 75
    assert achievement_rate(1, 2, direction="down", method="mirror").raw == 150
    assert achievement_rate(5, 2, direction="down", method="mirror").raw == 0  # not −50
    assert achievement_rate(5, 2, direction="down", method="mirror").scored == 0
    # The method only matters downwards: up is always the plain ratio.
    assert achievement_rate(3, 2, direction="up", method="mirror").raw == 150


@pytest.mark.parametrize("cap, expected", [(None, 100), (120, 120), (Decimal("110"), 110)])
def test_down_actual_zero_has_no_raw_rate_and_scores_at_the_cap(cap: Any, expected: int) -> None:
    a = achievement_rate(0, Decimal("0.146"), direction="down", cap=cap)
    assert a.raw is None and a.scored == expected and a.capped
    assert a.note is not None and "undefined" in a.note
    # Mirror has a finite rate at 0: 200 %, then capped.
    m = achievement_rate(0, 2, direction="down", method="mirror", cap=cap)
    assert m.raw == 200 and m.scored == (200 if cap is None else expected)


def test_caps() -> None:
    a = achievement_rate(130, 100, cap=120)
    assert (a.raw, a.scored, a.capped) == (130, 120, True)
    b = achievement_rate(110, 100, cap=120)
    assert (b.raw, b.scored, b.capped) == (110, 110, False)
    c = achievement_rate(120, 100, cap=120)
    assert (c.scored, c.capped) == (120, False)  # at the cap is not over it
    d = achievement_rate(-5, 100)
    assert (d.raw, d.scored) == (-5, 0)  # a negative result scores 0, its raw rate is kept
    for bad in (0, -10):
        with pytest.raises(ScoringError, match="cap must be positive"):
            achievement_rate(1, 1, cap=bad)
    with pytest.raises(ScoringError, match="indicator X: cap or band"):
        achievement_rate(1, 1, cap="많이", indicator="X")


BANDS = [(100, 100), (90, 90), (80, 70), (Decimal("70.5"), 50)]


@pytest.mark.parametrize(
    "actual, scored",
    [(105, 100), (100, 100), (99, 90), (90, 90), (85, 70), (Decimal("70.5"), 50), (70, 0), (0, 0)],
)
def test_band_table_maps_the_raw_rate(actual: Any, scored: int) -> None:
    a = achievement_rate(actual, 100, bands=BANDS)
    assert a.raw == F(actual) and a.scored == scored and not a.capped


def test_band_points_are_capped() -> None:
    a = achievement_rate(130, 100, bands=[(100, 130), (0, 10)], cap=120)
    assert (a.raw, a.scored, a.capped) == (130, 120, True)


@pytest.mark.parametrize(
    "actual, target, done",
    [
        (True, "제정", True),
        (False, "제정", False),
        ("제정", "제정", True),  # the printed target itself
        (" 수립 ", "수립", True),
        ("달성", "O", True),
        ("완료", "선정", True),
        ("O", "O", True),
        ("○", None, True),
        ("Y", "수립", True),
        ("미달성", "수립", False),
        ("X", "O", False),
        ("", "O", False),
        (1, "O", True),
        (0, "O", False),
        (1.0, "O", True),  # a float flag counts like an int
        (Decimal(1), "O", True),
        (np.True_, "O", True),
    ],
)
def test_milestone_achieved_or_not(actual: Any, target: Any, done: bool) -> None:
    a = achievement_rate(actual, target, kind="milestone")
    assert a.raw == a.scored == (100 if done else 0)
    assert a.method == "milestone"


def test_milestone_partial_credit_only_through_bands() -> None:
    bands = [(100, 100), (50, 60), (0, 0)]
    # Without a band table a progress figure is just "done" (non-zero) or not.
    assert achievement_rate(80, "완료", kind="milestone").scored == 100
    # With one, a numeric actual is the progress rate (진척률) and gets partial credit.
    assert achievement_rate(80, "완료", kind="milestone", bands=bands).scored == 60
    assert achievement_rate("80", "완료", kind="milestone", bands=bands).scored == 60
    assert achievement_rate(30, "완료", kind="milestone", bands=bands).scored == 0
    assert achievement_rate(True, "완료", kind="milestone", bands=bands).scored == 100
    assert achievement_rate("미완료", "완료", kind="milestone", bands=bands).scored == 0


@pytest.mark.parametrize("target", [0, -5, Decimal("0"), "0"])
@pytest.mark.parametrize("direction, method", [("up", None), ("down", "ratio"), ("down", "mirror")])
def test_zero_or_negative_target_is_an_error_naming_the_indicator(
    target: Any, direction: Any, method: Any
) -> None:
    with pytest.raises(ScoringError, match=r"indicator Ⅰ-1-①-2: target .* zero or negative"):
        achievement_rate(5, target, direction=direction, method=method, indicator="Ⅰ-1-①-2")


def test_bad_values_are_errors_naming_the_indicator() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"actual": None, "target": 10}, "no actual result"),
        ({"actual": "많음", "target": 10}, "actual '많음' is not a number"),
        ({"actual": True, "target": 10}, "actual True is not a number"),
        ({"actual": float("nan"), "target": 10}, "not a number"),
        ({"actual": 5, "target": "제정"}, "kind: milestone"),
        ({"actual": 5, "target": None}, "target None is not a number"),
        ({"actual": -1, "target": 10, "direction": "down"}, "negative on a down"),
        ({"actual": 5, "target": 10, "direction": "sideways"}, "'up' or 'down'"),
        ({"actual": 5, "target": 10, "direction": "down", "method": "log"}, "unknown method"),
        ({"actual": None, "target": "O", "kind": "milestone"}, "no actual result"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ScoringError, match=message) as info:
            achievement_rate(indicator="Ⅱ-1-②-1", **kwargs)
        assert str(info.value).startswith("indicator Ⅱ-1-②-1: ")


positive = st.fractions(min_value=F(1, 1000), max_value=F(10**6), max_denominator=1000)
non_negative = st.fractions(min_value=0, max_value=F(10**6), max_denominator=1000)


@given(non_negative, positive, st.one_of(st.none(), st.integers(1, 200)))
def test_rates_are_exact_fractions(actual: Fraction, target: Fraction, cap: int | None) -> None:
    up = achievement_rate(actual, target, cap=cap)
    assert up.raw == actual / target * 100
    assert up.scored == (up.raw if cap is None else min(up.raw, cap))
    assert up.capped == (cap is not None and up.raw > cap)
    mirror = achievement_rate(actual, target, direction="down", method="mirror", cap=cap)
    assert mirror.raw == max(F(0), 200 - actual / target * 100)
    ratio = achievement_rate(actual, target, direction="down", cap=cap)
    if actual == 0:
        assert ratio.raw is None and ratio.scored == (100 if cap is None else cap)
    else:
        assert ratio.raw == target / actual * 100
        # ratio and up are reciprocal: (a/t)·(t/a) = 1 = 100 % × 100 % / 100 %
        assert up.raw * ratio.raw == 100 * 100
    for a in (up, mirror, ratio):
        assert a.scored >= 0 and (cap is None or a.scored <= cap)


@given(positive, positive, positive)
def test_more_is_better_up_and_worse_down(a: Fraction, b: Fraction, t: Fraction) -> None:
    lo, hi = sorted((a, b))
    assert achievement_rate(lo, t).raw <= achievement_rate(hi, t).raw  # type: ignore[operator]
    for method in ("ratio", "mirror"):
        down_lo = achievement_rate(lo, t, direction="down", method=method).raw  # type: ignore[arg-type]
        down_hi = achievement_rate(hi, t, direction="down", method=method).raw  # type: ignore[arg-type]
        assert down_lo is not None and down_hi is not None and down_lo >= down_hi


@pytest.mark.parametrize("text", ["부분달성", "진행중", "50%"])
def test_unreadable_milestone_text_is_refused_with_its_indicator(text: str) -> None:
    # Issue 15: the API scored this 0 silently while the CLI refused it.
    with pytest.raises(ScoringError, match=r"indicator 1-1: 마일스톤 실적 .* 읽을 수 없습니다"):
        achievement_rate(text, "수립", kind="milestone", indicator="1-1")
