"""The milestone vocabulary: one list read by the engine and the workbook reader alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit._milestones import DONE_WORDS, NOT_DONE_WORDS, read_milestone, same_as_target
from evalkit.workbooks import _results


def test_the_workbook_reader_uses_the_same_words() -> None:
    assert getattr(_results, "_DONE") is DONE_WORDS  # noqa: B009
    assert getattr(_results, "_NOT_DONE") is NOT_DONE_WORDS  # noqa: B009
    assert not DONE_WORDS & NOT_DONE_WORDS


@pytest.mark.parametrize(
    "actual, target, expected",
    [
        ("기본계획수립", "기본계획 수립", True),
        (" 수립 ", "수립", True),
        ("완료", "수립", True),
        ("미수립", "수립", False),
        ("No", None, False),
        ("", "수립", False),
        (Decimal(0), "수립", False),
        (2, "수립", True),
        ("부분달성", "수립", None),
        ("진행중", None, None),
    ],
)
def test_read_milestone(actual: Any, target: Any, expected: bool | None) -> None:
    assert read_milestone(actual, target) is expected


@given(st.text(max_size=8), st.one_of(st.none(), st.text(max_size=8)))
def test_words_are_read_one_way(text: str, target: str | None) -> None:
    got = read_milestone(text, target)
    low = text.strip().lower()
    if same_as_target(text.strip(), target) or low in DONE_WORDS:
        assert got is True
    elif low in NOT_DONE_WORDS or not text.strip():
        assert got is False
    else:
        assert got is None
