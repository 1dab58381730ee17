"""What changed between two scorings of a round (``evalkit diff``): every task whose score,
grade or rank moved, including tasks displaced by others (their own score unchanged).

Engine layer: compares plain rows; reading ``scores.xlsx`` lives in :mod:`evalkit.workbooks`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ._numbers import round_half_up

if TYPE_CHECKING:
    from ._scoring import Scoreboard


@dataclass(frozen=True)
class TaskRow:
    """One task as a scored workbook publishes it (None: 미산정 or absent)."""

    code: str
    name: str
    total: Decimal | None
    grade: str
    rank: int | None


@dataclass(frozen=True)
class Change:
    """One task that moved: before and after (None when it was not there)."""

    code: str
    name: str
    old: TaskRow | None
    new: TaskRow | None
    causes: tuple[str, ...] = ()  # the task's own inputs that changed (평가위원 위원2, 실적 …)

    @property
    def what(self) -> tuple[str, ...]:
        """Which of 점수, 등급, 순위 moved (or 추가/삭제)."""
        if self.old is None:
            return ("추가",)
        if self.new is None:
            return ("삭제",)
        moved = []
        if self.old.total != self.new.total:
            moved.append("점수")
        if self.old.grade != self.new.grade:
            moved.append("등급")
        if self.old.rank != self.new.rank:
            moved.append("순위")
        return tuple(moved)

    @property
    def displaced(self) -> bool:
        """Its own score did not move; its grade or rank moved because others did."""
        return self.old is not None and self.new is not None and self.old.total == self.new.total


def rows_of(sb: Scoreboard) -> dict[str, TaskRow]:
    """The published rows of a scoreboard (scores rounded as printed)."""
    dec = sb.rubric.grade_scheme.decimals
    rows = {
        d.task.code: TaskRow(d.task.code, d.task.name, round_half_up(d.total, dec), d.grade, d.rank)
        for d in sb.details
    }
    for code in sb.pending:
        task = next(t for t in sb.rubric.tasks if t.code == code)
        rows[code] = TaskRow(code, task.name, None, "미산정", None)
    return rows


TaskInputs = Mapping[str, Mapping[str, tuple[str, ...]]]


def compare(
    old: Mapping[str, TaskRow],
    new: Mapping[str, TaskRow],
    old_inputs: TaskInputs | None = None,
    new_inputs: TaskInputs | None = None,
) -> list[Change]:
    """Every task whose score, grade or rank differs, in the new ranking's order.

    With the inputs each scoring recorded per task (the audit sheets), a change names the
    task's own inputs that differ: a displaced task has none.
    """
    out: list[Change] = []
    for code in list(new) + [c for c in old if c not in new]:
        a, b = old.get(code), new.get(code)
        if a == b:
            continue
        causes: tuple[str, ...] = ()
        if old_inputs is not None and new_inputs is not None:
            before, after = old_inputs.get(code, {}), new_inputs.get(code, {})
            causes = tuple(
                k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)
            )
        named = b or a
        ch = Change(code, named.name if named else code, a, b, causes)
        if ch.what:
            out.append(ch)
    out.sort(key=lambda c: (c.new is None, c.new.rank if c.new and c.new.rank else 10**6, c.code))
    return out
