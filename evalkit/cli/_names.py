"""What a user types for a task, a subcommittee or an option value, resolved or refused.

``--task I-1-1`` is ``Ⅰ-1-①``, ``--subcommittee "에너지자원 분과"`` is ``에너지자원``, ``--by 분과``
is ``subcommittee``; anything else exits 1 with a Korean problem listing the choices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from .._identifiers import (
    BY_CHOICES,
    RULE_CHOICES,
    IdentifierError,
    resolve_choice,
    resolve_subcommittee,
    resolve_task_code,
)
from ._common import fail

T = TypeVar("T")


def choice_or_exit(text: str, choices: Mapping[str, T], option: str) -> T:
    try:
        return resolve_choice(text, choices, option)
    except IdentifierError as exc:
        raise fail(exc, option) from None


def by_or_exit(text: str | None) -> tuple[bool, str | None]:
    """(given, value) for ``--by``: ``전체`` is given and means no grouping."""
    if text is None:
        return False, None
    return True, choice_or_exit(text, BY_CHOICES, "--by")


def rule_or_exit(text: str | None) -> str | None:
    return None if text is None else choice_or_exit(text, RULE_CHOICES, "--rule")


def subcommittee_or_exit(rubric: Any, text: str | None) -> str | None:
    """The rubric's own name of the subcommittee ``text`` names (None stays None)."""
    if text is None:
        return None
    try:
        return resolve_subcommittee(text, [s.name for s in rubric.subcommittees])
    except IdentifierError as exc:
        raise fail(exc, "--subcommittee") from None


def task_or_exit(codes: Sequence[str], text: str | None) -> str | None:
    """The task code in ``codes`` that ``text`` names (None stays None)."""
    if text is None:
        return None
    try:
        return resolve_task_code(text, codes)
    except IdentifierError as exc:
        raise fail(exc, "--task") from None
