"""Text helpers of the report model (evalkit._report._text): how values are printed."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import evalkit
from evalkit._report import (
    circled,
    data_note_text,
    note_field_text,
    safe_name,
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
