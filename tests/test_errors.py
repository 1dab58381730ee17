"""Problems name their place; long lists are capped when printed, never when collected."""

from __future__ import annotations

import pytest

from evalkit._errors import SHOWN_PROBLEMS, InputError, Problem, shown_problems


def _many(n: int) -> list[Problem]:
    return [Problem(f"bad {i}", file="x.yaml", line=i + 1) for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, SHOWN_PROBLEMS])
def test_short_lists_are_printed_whole(n: int) -> None:
    shown, more = shown_problems(_many(n))
    assert len(shown) == n and more is None
    assert str(InputError(_many(n))).count("\n") == n


@pytest.mark.parametrize(
    ("n", "rest"), [(SHOWN_PROBLEMS + 1, "1"), (1_000_000, "999,900"), (12_345, "12,245")]
)
def test_long_lists_print_the_first_and_count_the_rest(n: int, rest: str) -> None:
    problems = _many(n)
    shown, more = shown_problems(problems)
    assert list(shown) == problems[:SHOWN_PROBLEMS]
    assert more is not None and f"외 {rest}건" in more
    exc = InputError(problems)
    assert len(exc.problems) == n  # every problem is kept for callers
    text = str(exc)
    assert text.count("\n  - ") == SHOWN_PROBLEMS and f"외 {rest}건" in text
    assert len(text) < 20_000


def test_warnings_are_not_counted_as_errors() -> None:
    problems = [*_many(3), Problem("note", severity="warning")]
    assert str(InputError(problems)).startswith("3 problem(s)")
