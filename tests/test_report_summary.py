"""Ⅱ 종합 결과 (evalkit._report._summary): distribution, group tables, best and weakest."""

from __future__ import annotations

from fractions import Fraction

import pytest
from _report_data import mini_scoreboard, tables, texts

import evalkit
from evalkit._report import Chart, Report, build_report


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual(sb: evalkit.Scoreboard) -> Report:
    return build_report(sb)


def test_distribution_matches_the_scoreboard_summary(
    annual: Report, sb: evalkit.Scoreboard
) -> None:
    summary = sb.summary
    assert [g.name for g in annual.distribution] == list(summary["grade"])
    assert [g.count for g in annual.distribution] == list(summary["count"])
    assert [g.quota for g in annual.distribution] == list(summary["quota"])
    dist = next(
        t for t in tables(list(annual.sections[1].blocks)) if t.caption == "< 등급별 과제 수 >"
    )
    assert dist.header == ("구분", *summary["grade"], "계")
    rows = {row[0]: row[1:] for row in dist.rows}
    assert rows["기준 비율(%)"] == ("10", "20", "20", "20", "15", "10", "5", "100")
    assert rows["기준 과제 수"] == (*(str(q) for q in summary["quota"]), "7")
    assert rows["평가 결과"] == (*(str(c) for c in summary["count"]), "7")
    chart = next(b for b in annual.sections[1].blocks if isinstance(b, Chart))
    assert chart.categories == tuple(summary["grade"])
    assert [s.name for s in chart.series] == ["기준 과제 수", "평가 결과"]
    assert chart.series[1].values == tuple(summary["count"])


def test_subcommittee_quotas_when_graded_within_subcommittees() -> None:
    sb = mini_scoreboard(by="subcommittee")
    rep = build_report(sb, subcommittee="산업분과")
    assert [g.quota for g in rep.distribution] == evalkit.grade_quotas(4)
    assert "분과별로" in texts(build_report(sb))


def test_summary_groups_and_best_and_weakest(annual: Report, sb: evalkit.Scoreboard) -> None:
    summary = tables(list(annual.sections[1].blocks))
    by_goal = next(t for t in summary if t.caption == "< 전략목표별 평가결과 >")
    assert by_goal.rows[-1][:2] == ("계", "7")
    totals = [Fraction(d.total) for d in sb.details]
    mean = sum(totals, Fraction(0)) / len(totals)
    assert by_goal.rows[-1][2] == evalkit.round_half_up(mean, 2).to_eng_string()
    best = next(t for t in summary if t.caption == "< 상위 과제 >")
    worst = next(t for t in summary if t.caption == "< 하위 과제 >")
    ranked = sb.ranking()
    assert [r[1] for r in best.rows] == [d.task.code for d in ranked[:3]]
    assert [r[1] for r in worst.rows] == [d.task.code for d in reversed(ranked[-3:])]


def test_charts_by_strategic_goal_and_subcommittee(annual: Report, sb: evalkit.Scoreboard) -> None:
    charts = {c.caption: c for c in annual.sections[1].blocks if isinstance(c, Chart)}
    goal = charts["< 전략목표별 등급 분포 >"]
    sub = charts["< 분과위원회별 등급 분포 >"]
    assert goal.categories == ("Ⅰ", "Ⅱ") and sub.categories == ("산업분과", "에너지분과")
    assert [s.name for s in goal.series] == list(sb.rubric.grade_scheme.names)
    assert sum(sum(s.values) for s in goal.series) == sum(sum(s.values) for s in sub.series) == 7
