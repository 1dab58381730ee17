"""붙임 (evalkit._report._appendix): the full ranking; the data notes are no appendix."""

from __future__ import annotations

from _report_data import motie_scoreboard

import evalkit
from evalkit._report import build_report


def test_the_appendix_is_the_ranking_alone(motie_rubric: evalkit.Rubric) -> None:
    """붙임 2 (자료 주석) is gone: the notes that change a score are footnotes on their task,
    their provenance stays in the rubric and in validate's output."""
    rep = build_report(motie_scoreboard(motie_rubric))
    appendices = [s for s in rep.sections if s.appendix]
    assert [(s.number, s.title) for s in appendices] == [("붙임 1", "관리과제별 평가결과 총괄표")]
    assert len(rep.tasks) == 83
