"""What every part's builder reads: the scoreboard, the rubric and the report's fixed facts."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .._rubric import Rubric, Task
from .._scoring import Scoreboard
from ._round_info import RoundInfo


def fixed_created(year: int, issued: date | None = None) -> datetime:
    """The document date written into DOCX/PDF metadata: fixed, so outputs are reproducible.

    ``SOURCE_DATE_EPOCH`` (reproducible-builds convention) wins, then ``issued``, else 1 January
    of the year after the evaluated year (when the report is written).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(microsecond=0)
    if issued is not None:
        return datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
    return datetime(year + 1, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ReportContext:
    """The shared state of one report's build (결과보고서 작성 정보).

    ``n_all`` counts every scored task (ranks and quotas are over all of them, even in a
    subcommittee report); ``decimals`` is the grade scheme's printed precision.
    """

    scoreboard: Scoreboard
    rubric: Rubric
    decimals: int
    grades: tuple[str, ...]
    n_all: int
    issued: date | None
    schedule: tuple[tuple[str, str], ...]
    year: int
    created: datetime
    organisation: str
    order: Mapping[str, int]
    round_info: RoundInfo | None = None

    @classmethod
    def of(
        cls,
        sb: Scoreboard,
        issued: date | None = None,
        schedule: Sequence[tuple[str, str]] | None = None,
        round_info: RoundInfo | None = None,
    ) -> ReportContext:
        meta = sb.rubric.meta
        return cls(
            scoreboard=sb,
            rubric=sb.rubric,
            decimals=sb.rubric.grade_scheme.decimals,
            grades=sb.rubric.grade_scheme.names,
            n_all=len(sb.details),
            issued=issued,
            schedule=tuple(schedule or ()),
            year=meta.year,
            created=fixed_created(meta.year, issued),
            organisation=f"{meta.ministry} 자체평가위원회",
            order={t.code: i for i, t in enumerate(sb.rubric.tasks)},
            round_info=round_info,
        )

    @property
    def issued_text(self) -> str:
        return f"{self.issued.year}. {self.issued.month}." if self.issued else ""

    @property
    def info(self) -> RoundInfo:
        """The round's facts, or an empty :class:`RoundInfo` when none was given."""
        return self.round_info if self.round_info is not None else _NO_ROUND

    def departments(self, task: Task) -> tuple[str, ...]:
        """The task's 주관부서: the rubric's, else the round's results files'."""
        return task.departments or tuple(self.info.departments.get(task.code, ()))

    def plan_index(self, task: Task) -> int:
        """The task's place in the plan (시행계획) order, from 0."""
        return self.order[task.code]


_NO_ROUND = RoundInfo()
