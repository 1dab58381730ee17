from __future__ import annotations

from fractions import Fraction

import pytest

from evalkit import UnitError, convert, parse_unit
from evalkit._units import is_known_unit


@pytest.mark.parametrize(
    ("a", "b", "factor"),
    [
        ("억불", "백만불", 100),
        ("백만불", "억불", Fraction(1, 100)),
        ("억원", "조원", Fraction(1, 10_000)),
        ("천tCO2", "tCO2", 1000),
        ("만ton", "천톤", 10),
        ("천toe", "toe", 1000),
        ("GWh", "MWh", 1000),
        ("GW", "MW", 1000),
        ("천㎡", "m2", 1000),
        ("만대", "대", 10_000),
        ("%", "%", 1),
        ("toe/백만원", "toe/억원", 100),
        ("천톤CO2eq/GWh", "tCO2/MWh", 1),
        ("(건)", "건", 1),
        ("TWh", "GWh", 1000),
        ("kWh", "GWh", Fraction(1, 10**6)),
        ("천toe", "GWh", Fraction("11.63")),
    ],
)
def test_compatible_units_convert_exactly(a: str, b: str, factor: int | Fraction) -> None:
    assert convert(1, a, b) == Fraction(factor)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("억원", "억불"),
        ("명", "건"),
        ("개사", "가구"),
        ("%", "점"),
        ("GWh", "GW"),
        ("위", "점"),
        ("건", "회"),
        ("천tCO2", "천톤"),
    ],
)
def test_incompatible_units_are_refused(a: str, b: str) -> None:
    with pytest.raises(UnitError, match="cannot convert"):
        convert(1, a, b)


def test_korean_multipliers_and_per_units() -> None:
    assert parse_unit("억불").factor == 10**8
    assert parse_unit("10억원당").factor == Fraction(1, 10**9)
    assert parse_unit("백만B").factor == 10**6


@pytest.mark.parametrize(
    "text",
    [
        "건",
        "건수",
        "명",
        "개",
        "개사",
        "회",
        "가구",
        "기업수",
        "억불",
        "억원",
        "만대",
        "천톤",
        "만ton",
        "천tCO2",
        "천㎡",
        "GWh",
        "MWh",
        "MW",
        "GW",
        "toe",
        "천toe",
        "㎡",
        "m2",
        "%",
        "점",
        "위",
    ],
)
def test_units_the_plan_prints_are_known(text: str) -> None:
    assert is_known_unit(text)


@pytest.mark.parametrize("text", ["", "furlongs", "억", "km/냥"])
def test_unknown_units_raise(text: str) -> None:
    with pytest.raises(UnitError):
        parse_unit(text)


def test_every_unit_in_the_shipped_rubric_is_known(motie_rubric) -> None:  # type: ignore[no-untyped-def]
    units = {i.unit for _, i in motie_rubric.iter_indicators() if i.unit}
    assert units and all(is_known_unit(u) for u in units)
