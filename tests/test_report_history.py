"""성과지표 추이 (evalkit._report._history): the plan's past results beside this year's."""

from __future__ import annotations

from _report_data import mini_scoreboard, motie_scoreboard, tables, task_blocks

import evalkit
from evalkit._report import build_report


def test_history_sits_beside_the_years_target_and_actual(motie_rubric: evalkit.Rubric) -> None:
    rep = build_report(motie_scoreboard(motie_rubric))
    history = tables(task_blocks(rep, "Ⅰ-1-①"))[3]
    assert history.header == (
        "성과지표",
        "단위",
        "'21\n실적",
        "'22\n실적",
        "'23\n실적",
        "'24\n목표",
        "'24\n실적",
    )
    assert history.rows[0][:6] == (
        "① 산업 혁신성장 성과확산을 위한 민관협력 확대",
        "건",
        "14",
        "18",
        "16",
        "17",
    )
    assert history.rows[2][4] == "94.3"


def test_no_history_no_table() -> None:
    sb = mini_scoreboard()
    rep = build_report(sb)
    for t in sb.rubric.tasks:
        with_history = any(ind.results for ind in t.indicators)
        assert len(tables(task_blocks(rep, t.code))) == 3 + with_history, t.code
