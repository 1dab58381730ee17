"""Exact numbers: parse as printed, compute in fractions, round half-up only for display."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from numbers import Integral, Real

Exact = Fraction | Decimal | int


def to_fraction(value: object) -> Fraction:
    """Exact value of ``value``; floats go through their shortest repr (``0.1`` is 1/10).

    Raises ValueError for non-numbers and non-finite values.
    """
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        # float.__repr__, not repr(): numpy's float64 subclass reprs as "np.float64(0.1)".
        return Fraction(Decimal(float.__repr__(value)))
    if isinstance(value, Integral):  # numpy integers: exact, never through float
        return Fraction(int(value))
    if isinstance(value, Real):
        # Other reals (numpy float32, …) by their own shortest text, as printed.
        try:
            return to_fraction(Decimal(str(value)))
        except (ArithmeticError, ValueError):
            return to_fraction(float(value))
    if isinstance(value, str):
        return Fraction(parse_decimal(value))
    raise ValueError(f"not a number: {value!r}")


def parse_decimal(text: str) -> Decimal:
    """Parse a number as printed in Korean documents (``1,350``, ``94.3``, ``-2``)."""
    cleaned = text.strip().replace(",", "")
    try:
        d = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if not d.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return d


def round_half_up(value: Exact | float, decimals: int = 2) -> Decimal:
    """Round half away from zero at ``decimals`` places (사사오입), exactly.

    >>> round_half_up(Fraction(2, 8), 1)
    Decimal('0.3')
    """
    if decimals < 0:
        raise ValueError(f"decimals must be ≥ 0, not {decimals}")
    frac = to_fraction(value)
    n = math.floor(abs(frac) * 10**decimals + Fraction(1, 2))
    # Built from its digits, so no decimal context can round it (28 digits by default).
    return Decimal((1 if frac < 0 and n else 0, tuple(int(c) for c in str(n)), -decimals))


def round_int_half_up(value: Fraction) -> int:
    """Nearest integer, halves away from zero."""
    n = math.floor(abs(value) + Fraction(1, 2))
    return -n if value < 0 else n


def fmt(value: Exact | float | None, decimals: int = 2) -> str:
    """Display form: rounded half-up with thousands separators; '' for None."""
    if value is None:
        return ""
    d = round_half_up(value, decimals)
    return f"{d:,.{decimals}f}"


def fmt_plain(value: object) -> str:
    """Printed form of a rubric value without forcing decimals (1350 -> '1,350', 94.3 -> '94.3')."""
    if value is None:
        return ""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        d = Decimal(value)
        if d == d.to_integral_value():
            return f"{int(d):,}"
        text = format(d.normalize(), "f")
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}.{frac}" if whole not in ("-0",) else text
    if isinstance(value, Fraction):
        return fmt(value, 2)
    return str(value)


def exact_text(value: Fraction) -> str:
    """A fraction as plain decimal text for messages (``Fraction(3, 4)`` -> ``0.75``), to 28
    significant digits when it does not terminate; no grouping, no trailing zeros."""
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return format(d.normalize(), "f")
