"""Text helpers of the report model (evalkit._report._text): how values are printed."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import evalkit
from evalkit._report import (
    apportion,
    circled,
    data_note_text,
    note_field_text,
    safe_name,
    score_text,
    value_text,
    weight_text,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(3, 10), "0.3"),
        (Fraction(1, 4), "0.25"),
        (Fraction(1, 3), "1/3"),
        (Fraction(1), "1"),
        (Fraction(1, 8), "0.125"),
    ],
)
def test_weight_text(value: Fraction, text: str) -> None:
    assert weight_text(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("1350"), 2, "1,350"),
        (Decimal("94.3"), 2, "94.3"),
        (Fraction(2675, 1000), 2, "2.68"),
        (Fraction(1, 3), 2, "0.33"),
        (Fraction(1462, 10000), 3, "0.146"),
        ("수립", 2, "수립"),
        (None, 2, "-"),
        (True, 2, "달성"),
        (Decimal("40000"), 2, "40,000"),
        (Fraction(0), 2, "0"),
    ],
)
def test_value_text(value: object, places: int, text: str) -> None:
    assert value_text(value, places) == text


def test_small_helpers() -> None:
    assert circled(1) == "①" and circled(20) == "⑳" and circled(21) == "(21)"
    assert note_field_text("indicators[2].weight") == "성과지표 ② 가중치"
    assert note_field_text("indicators[*].weight") == "성과지표 전체 가중치"
    assert note_field_text("counts") == "counts"
    assert safe_name("산업 정책/분과") == "산업_정책_분과"
    assert safe_name("Ⅰ-1-①") == "Ⅰ-1-①"
    note = evalkit.DataNote(
        line=12, field="indicators[1].target", issue="typo", printed="17건", applied="17"
    )
    assert data_note_text(note) == "[오기] 성과지표 ① 목표치 — 원문: 17건 → 적용: 17 (원문 12행)"


# --- printed parts that add up (largest-remainder rounding) -------------------------------------

exact_parts = st.lists(
    st.fractions(min_value=-5, max_value=60, max_denominator=48), min_size=1, max_size=8
)


def reference_apportion(parts: list[Fraction], decimals: int) -> list[Decimal]:
    """An independent model: start from the parts truncated towards -∞ in Decimal, then hand
    out one unit at a time to the part furthest below its exact value (earlier on a tie)."""
    unit = Decimal(1).scaleb(-decimals)
    with localcontext() as ctx:
        ctx.prec = 60
        printed = [
            (Decimal(p.numerator) / Decimal(p.denominator)).quantize(unit, rounding=ROUND_FLOOR)
            for p in parts
        ]
        target = evalkit.round_half_up(sum(parts, Fraction(0)), decimals)
        while sum(printed) < target:
            gaps = [Fraction(p) - Fraction(q) for p, q in zip(parts, printed, strict=True)]
            i = max(range(len(parts)), key=lambda k: (gaps[k], -k))
            printed[i] += unit
    return printed


@given(exact_parts, st.integers(0, 3))
def test_apportioned_parts_add_up_to_the_rounded_total(parts: list[Fraction], dec: int) -> None:
    got = apportion(parts, dec)
    unit = Fraction(1, 10**dec)
    assert sum(got, Fraction(0)) == Fraction(evalkit.round_half_up(sum(parts, Fraction(0)), dec))
    assert all(abs(g - p) < unit for g, p in zip(got, parts, strict=True))
    assert all(g == p for g, p in zip(got, parts, strict=True) if (p / unit).denominator == 1)
    assert [Fraction(x) for x in reference_apportion(parts, dec)] == got


def test_apportion_examples() -> None:
    # 35.125 + 48: the total 83.125 prints 83.13, so does the part
    assert apportion([Fraction(35125, 1000), Fraction(48)], 2) == [Fraction(3513, 100), 48]
    # three thirds of 100 print 33.34 + 33.33 + 33.33: the earlier part wins a tie
    assert apportion([Fraction(100, 3)] * 3, 2) == [
        Fraction(3334, 100),
        Fraction(3333, 100),
        Fraction(3333, 100),
    ]
    assert score_text(apportion([Fraction(1, 8)], 2)[0], 2) == "0.13"  # alone: half-up
