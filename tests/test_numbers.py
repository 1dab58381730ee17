"""Exact numbers: parsing as printed, half-up rounding (사사오입), display forms."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import as_kind, decimal_texts, half_boundary_texts

from evalkit import round_half_up
from evalkit._numbers import fmt, fmt_plain, parse_decimal, round_int_half_up, to_fraction


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        ("1.005", 2, "1.01"),  # binary 1.00499999999999989…: the text decides
        ("2.675", 2, "2.68"),  # binary 2.67499999999999982…
        ("0.125", 2, "0.13"),
        ("85.555", 2, "85.56"),
        ("1.0049999", 2, "1.00"),
        ("99.995", 2, "100.00"),
        ("0.5", 0, "1"),
        ("1.5", 0, "2"),
        ("2.5", 0, "3"),  # half-up, not banker's rounding (round(2.5) == 2)
        ("-2.5", 0, "-3"),  # halves go away from zero
        ("-2.675", 2, "-2.68"),
        ("-0.001", 2, "0.00"),  # no negative zero
        ("7", 3, "7.000"),
    ],
)
def test_half_up_from_the_decimal_text(value: str, decimals: int, expected: str) -> None:
    for kind in ("float", "decimal", "fraction"):
        got = round_half_up(as_kind(value, kind), decimals)
        assert str(got) == expected, kind
    assert str(round_half_up(value, decimals)) == expected  # type: ignore[arg-type]


def test_fractions_round_exactly() -> None:
    assert round_half_up(Fraction(1, 8), 2) == Decimal("0.13")
    assert round_half_up(Fraction(1, 3), 2) == Decimal("0.33")
    assert round_half_up(Fraction(2, 3), 4) == Decimal("0.6667")
    assert round_half_up(Fraction(-1, 8), 2) == Decimal("-0.13")
    # Beyond the 28-digit default decimal context: still exact.
    big = Fraction(10**40) + Fraction(1, 200)
    assert str(round_half_up(big, 2)) == "1" + "0" * 40 + ".01"
    assert round_half_up(Fraction(10**30) + Fraction(1, 2), 0) == Decimal(10**30 + 1)
    assert str(round_half_up(Fraction(10**30) + Fraction(1, 2), 0)) == str(10**30 + 1)


def test_numpy_scalars() -> None:
    # numpy ≥ 2 reprs a float64 as "np.float64(1.005)": the value's own text must be used.
    assert round_half_up(np.float64(1.005)) == Decimal("1.01")
    assert round_half_up(np.float32(0.125)) == Decimal("0.13")
    assert round_half_up(np.int64(3), 1) == Decimal("3.0")
    assert to_fraction(np.float64(0.1)) == Fraction(1, 10)
    assert to_fraction(np.float32(0.1)) == Fraction(1, 10)  # as printed, not its binary value
    assert to_fraction(np.int64(2**62 + 1)) == 2**62 + 1  # never through a float


def test_rounding_errors() -> None:
    with pytest.raises(ValueError, match="decimals"):
        round_half_up(1, -1)
    for bad in (float("nan"), float("inf"), Decimal("NaN"), "abc", True, None):
        with pytest.raises(ValueError):
            round_half_up(bad)


def test_round_int_half_up() -> None:
    assert [round_int_half_up(Fraction(n, 2)) for n in range(-5, 6)] == [
        -3, -2, -2, -1, -1, 0, 1, 1, 2, 2, 3]  # fmt: skip


@pytest.mark.parametrize(
    "text, expected",
    [("1,350", "1350"), (" 94.3 ", "94.3"), ("-2", "-2"), ("0.146", "0.146"), ("1e3", "1E+3")],
)
def test_parse_decimal_as_printed(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "37..2", "신규", "NaN", "Infinity", "12%"])
def test_parse_decimal_refuses_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_to_fraction() -> None:
    assert to_fraction(0.1) == Fraction(1, 10)  # shortest repr, not the binary value
    assert to_fraction(Decimal("0.3")) == Fraction(3, 10)
    assert to_fraction("1,350.5") == Fraction(2701, 2)
    assert to_fraction(Fraction(1, 3)) == Fraction(1, 3)
    for bad in (True, None, "x", float("nan"), Decimal("Infinity"), [1]):
        with pytest.raises(ValueError):
            to_fraction(bad)


def test_display_forms() -> None:
    assert fmt(Fraction(1234567, 1000)) == "1,234.57"
    assert fmt(2.675) == "2.68"
    assert fmt(None) == ""
    assert fmt(Fraction(1, 3), 0) == "0"
    assert fmt_plain(Decimal("1350")) == "1,350"
    assert fmt_plain(Decimal("94.30")) == "94.3"
    assert fmt_plain(Decimal("12345.5")) == "12,345.5"
    assert fmt_plain(17) == "17"
    assert fmt_plain("제정") == "제정"
    assert fmt_plain(None) == ""


@given(
    st.one_of(decimal_texts(6, 1000), half_boundary_texts(2), half_boundary_texts(3)),
    st.integers(0, 4),
    st.booleans(),
)
def test_every_input_kind_rounds_like_the_decimal_text(
    text: str, decimals: int, negative: bool
) -> None:
    if negative:
        text = "-" + text
    want = Decimal(text).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if want == 0:
        want = abs(want)
    kinds: list[Any] = [as_kind(text, k) for k in ("float", "decimal", "fraction")] + [text]
    for value in kinds:
        assert round_half_up(value, decimals) == want
        assert round_half_up(value, decimals).as_tuple().exponent == -decimals


def test_exact_text_prints_fractions_as_plain_decimals() -> None:
    from fractions import Fraction

    from evalkit._numbers import exact_text

    assert exact_text(Fraction(3, 4)) == "0.75"
    assert exact_text(Fraction(1350)) == "1350"
    assert exact_text(Fraction(-1, 8)) == "-0.125"
    assert exact_text(Fraction(1, 3)).startswith("0.3333333333")
