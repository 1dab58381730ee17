"""What changed between two scorings: moved scores, grades and ranks, displaced tasks."""

from __future__ import annotations

from decimal import Decimal

from evalkit._diff import TaskRow, compare


def _row(code: str, total: str | None, grade: str, rank: int | None) -> TaskRow:
    return TaskRow(code, f"과제 {code}", None if total is None else Decimal(total), grade, rank)


def test_unchanged_rows_are_not_listed() -> None:
    rows = {"A": _row("A", "90", "우수", 1)}
    assert compare(rows, dict(rows)) == []


def test_a_corrected_score_and_the_task_it_displaced() -> None:
    old = {"A": _row("A", "90", "우수", 1), "B": _row("B", "85", "보통", 2)}
    new = {"B": _row("B", "85", "우수", 1), "A": _row("A", "80", "보통", 2)}
    changes = {c.code: c for c in compare(old, new)}
    assert changes["A"].what == ("점수", "등급", "순위") and not changes["A"].displaced
    assert changes["B"].what == ("등급", "순위") and changes["B"].displaced
    assert [c.code for c in compare(old, new)] == ["B", "A"]  # in the new ranking's order


def test_tasks_scored_for_the_first_time_and_removed() -> None:
    old = {"A": _row("A", None, "미산정", None), "C": _row("C", "70", "미흡", 2)}
    new = {"A": _row("A", "88", "우수", 1)}
    changes = {c.code: c for c in compare(old, new)}
    assert changes["A"].what == ("점수", "등급", "순위")
    assert changes["C"].what == ("삭제",)
    assert compare({}, new)[0].what == ("추가",)


def test_the_changed_inputs_are_named_and_a_displaced_task_has_none() -> None:
    old = {"A": _row("A", "90", "우수", 1), "B": _row("B", "85", "보통", 2)}
    new = {"B": _row("B", "85", "우수", 1), "A": _row("A", "80", "보통", 2)}
    before = {"A": {"평가위원 위원1": ("10",), "실적 A-1": ("5",)}, "B": {"평가위원 위원1": ("9",)}}
    after = {"A": {"평가위원 위원1": ("2",), "실적 A-1": ("5",)}, "B": {"평가위원 위원1": ("9",)}}
    changes = {c.code: c for c in compare(old, new, before, after)}
    assert changes["A"].causes == ("평가위원 위원1",)
    assert changes["B"].causes == () and changes["B"].displaced
