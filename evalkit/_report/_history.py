"""성과지표 추이 on a task page: the plan's results of the three years before, next to the
evaluated year's target and actual.

The rubric holds the history as the plan prints it (numbers, or text such as 신규 for an
indicator new that year); it is printed as it stands, the evaluated year from the scoreboard.
"""

from __future__ import annotations

from .._scoring import TaskScore
from ._blocks import Block, Bullet, Table
from ._context import ReportContext
from ._text import actual_text, centred, circled, target_text, value_text

HISTORY_YEARS = 3  # the years before the evaluated one printed ('21-'23 for 2024)


def history_blocks(ctx: ReportContext, d: TaskScore) -> list[Block]:
    """The 추이 table of ``d``'s indicators, or nothing when the plan prints no past result."""
    t = d.task
    if not any(ind.results for ind in t.indicators):
        return []
    years = list(range(ctx.year - HISTORY_YEARS, ctx.year))
    scored = {s.indicator.no: s for s in d.indicators}
    rows: list[tuple[str, ...]] = []
    for ind in t.indicators:
        past = [value_text(ind.results.get(y)) for y in years]
        s = scored.get(ind.no)
        rows.append(
            (
                f"{circled(ind.no)} {ind.name}",
                ind.unit or "-",
                *past,
                target_text(ind),
                "-" if s is None else actual_text(s),
            )
        )
    yy = [f"'{y % 100:02d}" for y in years]
    this = f"'{ctx.year % 100:02d}"
    return [
        Bullet(1, "성과지표 추이", strong=True),
        Table(
            ("성과지표", "단위", *(f"{y}\n실적" for y in yy), f"{this}\n목표", f"{this}\n실적"),
            tuple(rows),
            (34, 9, *(10,) * HISTORY_YEARS, 12, 15),
            ("left", *centred(HISTORY_YEARS + 3)),
            caption="",
            small=True,
        ),
    ]
