"""Forgiving identifiers: what a user types, resolved to the rubric's own codes and names.

A task code is printed with a Roman numeral and a circled digit (``Ⅰ-1-①``), which are hard to
type. ``I-1-1``, ``1-1-1``, ``i-1-1``, ``Ⅰ-1-1`` and ``Ⅰ－1－①`` all name the same task: each part
is read as a number (Roman numerals in Unicode or Latin letters, plain, full-width or circled
digits). A subcommittee is found with or without "분과"/"분과위원회" and spaces, and an option
value by its Korean name (``--by 분과``).

Every failure is an :class:`IdentifierError` (an :class:`~evalkit.InputError` and a
:class:`KeyError`) whose one problem lists the choices, closest first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TypeVar

from ._errors import InputError, Problem

__all__ = [
    "BY_CHOICES",
    "RULE_CHOICES",
    "SPLIT_CHOICES",
    "IdentifierError",
    "code_key",
    "resolve_choice",
    "resolve_subcommittee",
    "resolve_task_code",
    "subcommittee_key",
]

T = TypeVar("T")

# How many choices an error lists (closest first); the rest are counted.
_SHOWN = 8

# Option values by name and Korean alias. ``--by 전체`` is the default: grade over all tasks.
BY_CHOICES: Mapping[str, str | None] = {
    "subcommittee": "subcommittee",
    "분과": "subcommittee",
    "분과위원회": "subcommittee",
    "strategic_goal": "strategic_goal",
    "전략목표": "strategic_goal",
    "performance_goal": "performance_goal",
    "성과목표": "performance_goal",
    "전체": None,
    "all": None,
}
RULE_CHOICES: Mapping[str, str] = {
    "trimmed": "trimmed",
    "절사평균": "trimmed",
    "mean": "mean",
    "평균": "mean",
    "median": "median",
    "중앙값": "median",
}
SPLIT_CHOICES: Mapping[str, str] = {
    "department": "department",
    "주관부서": "department",
    "부서": "department",
    "evaluator": "evaluator",
    "평가위원": "evaluator",
}

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_SEPARATORS = re.compile(r"\s*[-‐‑‒–—―−_.·]\s*")


class IdentifierError(InputError, KeyError):
    """A typed code, name or option value matches nothing, or more than one thing."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return InputError.__str__(self)


def _roman(text: str) -> int | None:
    """A Latin Roman numeral (any case) as an int, or None."""
    text = text.lower()
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if total > 0 and _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix")):
        while n >= value:
            out, n = out + sym, n - value
    for value, sym in ((5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _nfkc(text: str) -> str:
    # NFKC turns Ⅳ into IV, ① into 1 and full-width digits and hyphens into ASCII.
    return unicodedata.normalize("NFKC", text).strip()


def code_key(text: str) -> str:
    """The comparable form of a code: ``Ⅰ-1-①``, ``I-1-1`` and ``1-1-1`` all give ``1-1-1``.

    A part that is neither a number nor a Roman numeral is kept, case-folded.
    """
    parts = [p for p in _SEPARATORS.split(_nfkc(text)) if p]
    keyed: list[str] = []
    for part in parts:
        if part.isdigit():
            keyed.append(str(int(part)))
            continue
        roman = _roman(part)
        keyed.append(str(roman) if roman is not None else part.casefold())
    return "-".join(keyed)


def subcommittee_key(text: str) -> str:
    """The comparable form of a subcommittee name: no spaces, no "분과"/"분과위원회"."""
    key = re.sub(r"\s+", "", _nfkc(text)).casefold()
    for suffix in ("분과위원회", "분과"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key.removesuffix(suffix)
    return key


def _closest(typed: str, choices: Sequence[str], key: str) -> list[str]:
    """``choices`` ordered by likeness to ``typed`` (compared by ``key``), closest first."""

    def likeness(choice: str) -> float:
        other = code_key(choice) if key == "code" else subcommittee_key(choice)
        mine = code_key(typed) if key == "code" else subcommittee_key(typed)
        return difflib.SequenceMatcher(None, mine, other).ratio()

    return sorted(choices, key=lambda c: -likeness(c))


def _listed(choices: Sequence[str]) -> str:
    shown = ", ".join(choices[:_SHOWN])
    rest = len(choices) - _SHOWN
    return f"{shown} 외 {rest}개" if rest > 0 else shown


def _error(message: str, option: str | None, fix: str) -> IdentifierError:
    return IdentifierError([Problem(message, field=option, fix=fix)], message)


def resolve_task_code(text: str, codes: Sequence[str], option: str | None = "--task") -> str:
    """The code in ``codes`` that ``text`` names.

    An exact match wins; otherwise the code whose every part is the same number (``I-1-1`` for
    ``Ⅰ-1-①``); otherwise, when ``text`` is a leading part of codes (``Ⅰ-1``, a performance
    goal), that is ambiguous unless only one task sits under it.

    Raises:
        IdentifierError: no task or more than one task matches; the choices closest first.
    """
    if text in codes:
        return text
    codes = list(dict.fromkeys(codes))
    key = code_key(text)
    same = [c for c in codes if code_key(c) == key]
    if len(same) == 1:
        return same[0]
    under = same or [c for c in codes if key and code_key(c).startswith(key + "-")]
    if len(under) == 1:
        return under[0]
    if under:
        raise _error(
            f"과제 코드 {text!r}에 해당하는 과제가 {len(under)}개입니다",
            option,
            "다음 중 하나를 쓰십시오: " + _listed(_closest(text, under, "code")),
        )
    if not codes:
        raise _error(
            f"과제 코드 {text!r}: 고를 수 있는 과제가 없습니다", option, "과제를 먼저 정의하십시오"
        )
    raise _error(
        f"과제 코드 {text!r}에 해당하는 과제가 없습니다",
        option,
        "루브릭의 과제 코드를 쓰십시오 (I-1-1처럼 입력해도 됨). 가까운 코드: "
        + _listed(_closest(text, codes, "code")),
    )


def resolve_subcommittee(
    text: str, names: Sequence[str], option: str | None = "--subcommittee"
) -> str:
    """The subcommittee name in ``names`` that ``text`` names.

    An exact match wins; then a match ignoring spaces and "분과"; then the one name that starts
    with what was typed (``산업`` when only one name starts so).

    Raises:
        IdentifierError: no name or more than one name matches; the choices closest first.
    """
    if text in names:
        return text
    names = list(dict.fromkeys(names))
    key = subcommittee_key(text)
    same = [n for n in names if subcommittee_key(n) == key]
    if len(same) == 1:
        return same[0]
    under = same or [n for n in names if key and subcommittee_key(n).startswith(key)]
    if len(under) == 1:
        return under[0]
    if under:
        raise _error(
            f"분과 {text!r}에 해당하는 분과가 {len(under)}개입니다",
            option,
            "다음 중 하나를 쓰십시오: " + _listed(_closest(text, under, "name")),
        )
    if not names:
        raise _error(
            f"분과 {text!r}: 루브릭에 분과가 정의되어 있지 않습니다",
            option,
            "루브릭의 subcommittees에 분과를 정의하거나 이 선택사항을 빼십시오",
        )
    raise _error(
        f"분과 {text!r}이(가) 루브릭에 없습니다",
        option,
        "다음 중 하나를 쓰십시오: " + _listed(_closest(text, names, "name")),
    )


def resolve_choice(text: str, choices: Mapping[str, T], option: str | None = None) -> T:
    """The value ``text`` names in ``choices`` (a name or alias → value).

    Names compare without case, spaces, ``-`` and ``_`` (``strategic-goal`` is
    ``strategic_goal``) and without a trailing "별" (``분과별`` is ``분과``).

    Raises:
        IdentifierError: no choice matches; every name listed, closest first.
    """

    def key(s: str) -> str:
        k = re.sub(r"[\s_\-]+", "", _nfkc(s)).casefold()
        return k.removesuffix("별") if len(k) > 1 else k

    found = {key(name): value for name, value in choices.items()}
    typed = key(text)
    if typed in found:
        return found[typed]
    names = list(choices)
    ordered = sorted(names, key=lambda n: -difflib.SequenceMatcher(None, typed, key(n)).ratio())
    raise _error(
        f"{option + ' ' if option else ''}값 {text!r}을(를) 알 수 없습니다",
        option,
        "다음 중 하나를 쓰십시오: " + ", ".join(ordered),
    )
