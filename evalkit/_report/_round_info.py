"""What a report takes from the round (평가 회차): status, dates, the committee, the schedule,
the committee's text (종합의견, 우수사례, 환류) and the 주관부서 the results files name.

A plain value object, so a report can be built from a round file (:meth:`RoundInfo.of`) or by
another program that keeps its rounds elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .._round import Round, ScheduleItem


@dataclass(frozen=True, slots=True)
class SubcommitteeInfo:
    """분과위원회: its name, chair and evaluators as the roster gives them (names or 위원N)."""

    name: str
    chair: str | None
    evaluators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoundInfo:
    """The round's facts a result report prints (표지, 평가 일정, 위원회 구성)."""

    status: Literal["초안", "확정"] = "초안"
    version: str = "1"
    issue_date: date | None = None
    approval_date: date | None = None
    example: bool = False
    chair: str | None = None
    members: tuple[str, ...] = ()
    subcommittees: tuple[SubcommitteeInfo, ...] = ()
    schedule: tuple[tuple[str, str], ...] = ()  # (할 일, 일정) as printed
    # The committee's own text: 종합의견 (one item a line), 우수사례 (task, text) and 환류
    # (task or None, last year's recommendation, what was done).
    opinion: tuple[str, ...] = ()
    best_practices: tuple[tuple[str, str], ...] = ()
    feedback: tuple[tuple[str | None, str, str], ...] = ()
    # 주관부서 per task code, as the round's results files name them.
    departments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, r: Round, departments: Mapping[str, tuple[str, ...]] | None = None) -> RoundInfo:
        return cls(
            status=r.status,
            version=r.version,
            issue_date=r.issue_date,
            approval_date=r.approval_date,
            example=r.example,
            chair=r.roster.committee.chair,
            members=r.roster.committee.members,
            subcommittees=tuple(
                SubcommitteeInfo(s.name, s.chair, s.evaluator_names) for s in r.roster.subcommittees
            ),
            schedule=tuple((item.what, schedule_text(item)) for item in r.schedule),
            opinion=tuple(
                line.strip().lstrip("-ㅇ○•· ").strip()
                for line in (r.opinion or "").splitlines()
                if line.strip().lstrip("-ㅇ○•· ").strip()
            ),
            best_practices=tuple((b.task, b.text) for b in r.best_practices),
            feedback=tuple((f.task, f.recommendation, f.action) for f in r.feedback),
            departments=dict(departments or {}),
        )

    @property
    def draft(self) -> bool:
        return self.status == "초안"


def date_text(d: date, year: bool = True) -> str:
    """``2025. 3. 31.`` (or ``3. 31.``), as Korean official documents print dates."""
    return f"{d.year}. {d.month}. {d.day}." if year else f"{d.month}. {d.day}."


def schedule_text(item: ScheduleItem) -> str:
    """A schedule line's date: ``2025. 3. 31.`` or ``2025. 1. 15. ~ 2. 15.``."""
    if item.date is not None:
        return date_text(item.date)
    assert item.start is not None and item.end is not None
    return f"{date_text(item.start)} ~ {date_text(item.end, item.end.year != item.start.year)}"
