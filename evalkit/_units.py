"""Units as Korean ministry plans print them (건, 억불, 천tCO2, toe/백만원, …), backed by pint.

A printed unit is a Korean multiplier (천, 만, 억, 백만, 조, …) in front of a base unit.
Counts of different things (건, 명, 개사, 가구, …) are separate dimensions, and currencies
never convert into each other, so ``억불 → 백만불`` converts while ``억원 → 억불`` or
``명 → 건`` is an error naming the indicator.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ._errors import UnitError

# Korean numeric multipliers, longest first so that 백만 wins over 백.
MULTIPLIERS: tuple[tuple[str, int], ...] = (
    ("천만", 10**7),
    ("백만", 10**6),
    ("십만", 10**5),
    ("조", 10**12),
    ("억", 10**8),
    ("만", 10**4),
    ("천", 10**3),
    ("백", 10**2),
    ("십", 10),
)

# Base units: printed spelling -> pint expression in the registry below.
BASE_UNITS: dict[str, str] = {
    # counts, each its own kind (건 never converts into 명)
    "건": "case",
    "건수": "case",
    "누적건수": "case",
    "명": "person",
    "인": "person",
    "개": "item",
    "개수": "item",
    "개소": "site",
    "곳": "site",
    "지역": "region",
    "드럼": "drum",
    "개사": "company",
    "사": "company",
    "社": "company",
    "기업": "company",
    "기업수": "company",
    "개국": "country",
    "회": "occurrence",
    "차례": "occurrence",
    "가구": "household",
    "세대": "household",
    "대": "vehicle",
    "척": "ship",
    "종": "kind",
    "품목": "product_item",
    "개품목": "product_item",
    "과제": "project",
    "개과제": "project",
    "호": "unit_no",
    "편": "document",
    # money: never converts between currencies
    "불": "usd",
    "달러": "usd",
    "$": "usd",
    "USD": "usd",
    "B$": "usd",
    "원": "krw",
    "KRW": "krw",
    # physical
    "ton": "tonne",
    "톤": "tonne",
    "t": "tonne",
    "tCO2": "tco2",
    "tCO2eq": "tco2",
    "tCO2e": "tco2",
    "톤CO2": "tco2",
    "톤CO2eq": "tco2",
    "toe": "toe",
    "TOE": "toe",
    "Wh": "Wh",
    "kWh": "kWh",
    "MWh": "MWh",
    "GWh": "GWh",
    "TWh": "TWh",
    "W": "W",
    "kW": "kW",
    "MW": "MW",
    "GW": "GW",
    "㎡": "m**2",
    "m2": "m**2",
    "m²": "m**2",
    "평": "pyeong",
    "km": "km",
    "m": "m",
    "㎞": "km",
    "B": "oil_barrel",
    "배럴": "oil_barrel",
    "bbl": "oil_barrel",
    "kg": "kg",
    "g": "g",
    "L": "liter",
    "ℓ": "liter",
    "㎘": "kiloliter",
    "kL": "kiloliter",
    # ratios and scores
    "%": "percent",
    "％": "percent",
    "%p": "percent_point",
    "점": "score_point",
    "위": "rank_position",
    "등": "rank_position",
    "지수": "index_point",
    "pt": "index_point",
    "배": "fold",
    # time
    "일": "day",
    "개월": "month",
    "월": "month",
    "년": "year",
    "시간": "hour",
    "분": "minute",
}

_DEFINITIONS = """
case = [case]
person = [person]
item = [item]
site = [site]
company = [company]
country = [country]
occurrence = [occurrence]
household = [household]
vehicle = [vehicle]
ship = [ship]
kind = [kind]
product_item = [product_item]
project = [project]
unit_no = [unit_no]
document = [document]
region = [region]
drum = [drum]
usd = [currency_usd]
krw = [currency_krw]
tco2 = [co2_equivalent]
score_point = [score]
rank_position = [rank]
index_point = [index]
percent_point = [percent_point]
fold = [fold]
pyeong = 400 / 121 * m ** 2
toe = 41.868 * GJ
"""


@functools.cache
def registry() -> Any:
    """The shared pint registry (built lazily: pint is not needed to import evalkit)."""
    import pint

    ureg: Any = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line.strip())
    return ureg


@dataclass(frozen=True, slots=True)
class ParsedUnit:
    """A printed unit split into an exact multiplier and a pint unit expression."""

    text: str
    factor: Fraction
    expression: str

    @property
    def pint_unit(self) -> Any:
        return registry().Unit(self.expression)


_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*(.+)$")


def _parse_simple(text: str) -> tuple[Fraction, str] | None:
    t = text.strip()
    if t in BASE_UNITS:
        return Fraction(1), BASE_UNITS[t]
    if t.endswith("당") and len(t) > 1:  # "10억원당" = per 10억원
        inner = _parse_simple(t[:-1])
        return (1 / inner[0], f"1 / ({inner[1]})") if inner else None
    num = _LEADING_NUMBER.match(t)
    if num:  # "10억원" = 10 × 억원
        inner = _parse_simple(num.group(2))
        return (Fraction(Decimal(num.group(1))) * inner[0], inner[1]) if inner else None
    for word, mult in MULTIPLIERS:
        if t.startswith(word):
            rest = t[len(word) :].strip()
            inner = _parse_simple(rest) if rest else None
            if inner is not None:
                return mult * inner[0], inner[1]
    return None


_PAREN = re.compile(r"^\((.*)\)$")


@functools.lru_cache(maxsize=1024)
def parse_unit(text: str) -> ParsedUnit:
    """Parse a printed unit such as ``억불``, ``천tCO2``, ``toe/백만원``.

    Raises :class:`UnitError` for a unit evalkit does not know.
    """
    raw = text.strip()
    m = _PAREN.match(raw)
    if m:
        raw = m.group(1).strip()
    if not raw:
        raise UnitError("empty unit")
    parts = raw.split("/")
    factor = Fraction(1)
    exprs: list[str] = []
    for i, part in enumerate(parts):
        parsed = _parse_simple(part)
        if parsed is None:
            known = ", ".join(sorted(BASE_UNITS)[:12])
            raise UnitError(
                f"unknown unit {text!r}: {part!r} is not a unit evalkit knows "
                f"(e.g. {known}, …, with 천/만/억/백만 in front)"
            )
        f, e = parsed
        if i == 0:
            factor *= f
            exprs.append(f"({e})")
        else:
            factor /= f
            exprs.append(f"/ ({e})")
    return ParsedUnit(text=text, factor=factor, expression=" ".join(exprs))


def is_known_unit(text: str) -> bool:
    try:
        parse_unit(text)
    except UnitError:
        return False
    return True


@functools.lru_cache(maxsize=1024)
def conversion_factor(from_unit: str, to_unit: str) -> Fraction:
    """Exact factor f with value_in_to = value_in_from × f.

    Raises :class:`UnitError` when the units measure different things.
    """
    if from_unit.strip() == to_unit.strip():
        return Fraction(1)
    a = parse_unit(from_unit)
    b = parse_unit(to_unit)
    if a.expression == b.expression:
        return a.factor / b.factor
    import pint

    ureg = registry()
    try:
        mag = ureg.Quantity(1, a.expression).to(b.expression).magnitude
    except pint.DimensionalityError:
        raise UnitError(
            f"{from_unit!r} cannot convert to {to_unit!r}: they measure different things"
        ) from None
    # pint works in floats (1 TWh -> 1000.0000000000001 GWh); every factor between the units
    # here is a short decimal, so 15 significant digits recover it exactly.
    base = Fraction(Decimal(f"{float(mag):.15g}"))
    return a.factor * base / b.factor


def convert(value: Fraction | Decimal | int, from_unit: str, to_unit: str) -> Fraction:
    """Convert ``value`` from ``from_unit`` into ``to_unit`` exactly where the factor is exact."""
    return Fraction(value) * conversion_factor(from_unit, to_unit)
