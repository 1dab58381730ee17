"""Exact numbers: parse as printed, compute in fractions, round half-up only for display."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from numbers import Real

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
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Real):
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
    frac = to_fraction(value)
    scale = Fraction(10) ** decimals
    scaled = abs(frac) * scale
    n = math.floor(scaled + Fraction(1, 2))
    if frac < 0:
        n = -n
    q = Decimal(1).scaleb(-decimals)
    return (Decimal(n) / Decimal(10) ** decimals).quantize(q, rounding=ROUND_HALF_UP)


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
