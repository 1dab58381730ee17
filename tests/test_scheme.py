"""Grade scheme (등급 체계): exact percentages, validation, cumulative shares."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from pydantic import ValidationError
from strategies import schemes

from evalkit import DEFAULT_SCHEME, GradeDefinition, GradeScheme


def test_default_scheme() -> None:
    s = GradeScheme()
    assert s == DEFAULT_SCHEME
    assert s.names == ("매우우수", "우수", "다소우수", "보통", "다소미흡", "미흡", "부진")
    assert [g.percent for g in s.grades] == [10, 20, 20, 20, 15, 10, 5]
    assert s.cumulative_percents == tuple(Fraction(c) for c in (10, 30, 50, 70, 85, 95, 100))
    assert (s.decimals, s.ties) == (2, "upper")


def test_from_percentages_keeps_percentages_exact() -> None:
    s = GradeScheme.from_percentages({"S": "12.5", "A": 37.5, "B": Decimal("50")}, ties="lower")
    assert [g.percent for g in s.grades] == [Decimal("12.5"), Decimal("37.5"), Decimal(50)]
    assert s.cumulative_percents == (Fraction(25, 2), Fraction(50), Fraction(100))
    assert s.ties == "lower"
    # Thirds as decimals do not add up to 100 exactly, so they are refused.
    with pytest.raises(ValidationError, match=r"sum to 99\.9,"):
        GradeScheme.from_percentages({"A": "33.3", "B": "33.3", "C": "33.3"})
    pairs = GradeScheme.from_percentages([("상", 30), ("중", 40), ("하", 30)])
    assert pairs.names == ("상", "중", "하")


def test_float_percent_is_read_from_its_text() -> None:
    # In binary 0.1 + 0.2 + 99.7 is not 100; read from their text the percentages add up.
    g = GradeDefinition(name="A", percent=12.3)  # type: ignore[arg-type]
    assert g.percent == Decimal("12.3")
    s = GradeScheme(
        grades=(
            GradeDefinition(name="A", percent=0.1),  # type: ignore[arg-type]
            GradeDefinition(name="B", percent=0.2),  # type: ignore[arg-type]
            GradeDefinition(name="C", percent=99.7),
        )
    )  # type: ignore[arg-type]
    assert s.cumulative_percents[-1] == 100


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"grades": ({"name": "A", "percent": 60}, {"name": "B", "percent": 30})}, "sum to 90"),
        ({"grades": ({"name": "A", "percent": 50}, {"name": "A", "percent": 50})}, "repeat: A"),
        ({"grades": ()}, "at least 1"),
        ({"grades": ({"name": "", "percent": 100},)}, "at least 1 character"),
        ({"grades": ({"name": "A", "percent": -10}, {"name": "B", "percent": 110})}, "greater"),
        ({"decimals": 7}, "less than or equal to 6"),
        ({"decimals": -1}, "greater than or equal to 0"),
        ({"ties": "middle"}, "'upper' or 'lower'"),
        ({"rounding": "down"}, "Extra inputs"),
    ],
)
def test_invalid_schemes_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        GradeScheme.model_validate(kwargs)


def test_scheme_is_immutable() -> None:
    with pytest.raises(ValidationError):
        DEFAULT_SCHEME.decimals = 3  # type: ignore[misc]


@given(schemes())
def test_random_schemes_are_valid_and_cumulative(scheme: GradeScheme) -> None:
    cum = scheme.cumulative_percents
    assert cum[-1] == 100
    assert all(a <= b for a, b in itertools.pairwise(cum))
    assert cum[0] == Fraction(scheme.grades[0].percent)


# --- presets: named examples and observations, never the official rule ---------------------


def test_example_preset_is_the_default_split() -> None:
    from evalkit import PRESETS

    s = GradeScheme.from_preset("example-10-20-20-20-15-10-5")
    assert s.preset == "example-10-20-20-20-15-10-5"
    assert s.grades == DEFAULT_SCHEME.grades
    assert PRESETS[s.preset].kind == "example"
    assert "공식 근거 문서는 확인되지 않았습니다" in PRESETS[s.preset].provenance


def test_observed_2023_preset_reproduces_the_reported_counts() -> None:
    from evalkit import PRESETS, grade_quotas

    s = GradeScheme.from_preset("observed-motie-2023", ties="lower")
    assert s.ties == "lower"
    assert PRESETS["observed-motie-2023"].kind == "observation"
    # 매우우수 5, 우수 12, 다소우수 12, 보통 25, 다소미흡 11, 미흡 13, 부진 5 of 83 tasks.
    assert grade_quotas(83, s) == [5, 12, 12, 25, 11, 13, 5]
    assert s.cumulative_percents[-1] == 100


def test_preset_errors() -> None:
    with pytest.raises(ValidationError, match="알 수 없는 등급 체계 preset 'official'"):
        GradeScheme.from_preset("official")
    with pytest.raises(ValidationError, match="grades/limits를 함께 적었습니다"):
        GradeScheme.model_validate(
            {"preset": "observed-motie-2023", "grades": [{"name": "A", "percent": 100}]}
        )
