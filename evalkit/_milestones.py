"""The milestone vocabulary (마일스톤 실적의 말): one list for the engine and the workbook reader.

A milestone's result is achieved when it is the target as printed (spaces aside), True, a
non-zero number, or one of :data:`DONE_WORDS`; it is not achieved when it is False, zero or one of
:data:`NOT_DONE_WORDS`. Anything else (``부분달성``, ``진행중``) cannot be read: the engine and
the workbook reader both refuse it, naming the indicator.
"""

from __future__ import annotations

import re
from decimal import Decimal
from numbers import Real

__all__ = ["DONE_WORDS", "NOT_DONE_WORDS", "read_milestone", "same_as_target"]

# Compared in lower case, after stripping.
DONE_WORDS = frozenset({"달성", "완료", "o", "○", "y", "yes", "예", "true", "achieved", "done"})
NOT_DONE_WORDS = frozenset(
    {
        "미달성",
        "미완료",
        "미수립",
        "미제정",
        "미선정",
        "미이행",
        "미신청",
        "x",
        "×",
        "n",
        "no",
        "아니오",
        "false",
        "not achieved",
    }
)


def same_as_target(text: str, target: object) -> bool:
    """Whether ``text`` is the printed target, spaces aside (``기본계획수립`` is
    ``기본계획 수립``)."""
    if target is None:
        return False
    want = re.sub(r"\s", "", str(target))
    return bool(want) and re.sub(r"\s", "", text) == want


def read_milestone(actual: object, target: object) -> bool | None:
    """True (achieved), False (not achieved) or None (text that cannot be read).

    An empty text is not achieved (nothing was reported as done).
    """
    if isinstance(actual, bool):
        return actual
    if isinstance(actual, (Real, Decimal)):  # 1 / 0, also as 1.0, Decimal or numpy numbers
        return bool(actual)
    text = str(actual).strip()
    if same_as_target(text, target):
        return True
    low = text.lower()
    if low in DONE_WORDS:
        return True
    if low in NOT_DONE_WORDS or not text:
        return False
    return None
