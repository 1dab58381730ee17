"""Ⅰ 평가 개요 (evalkit._report._overview): scope, criteria, method and committee."""

from __future__ import annotations

import pytest
from _report_data import mini_scoreboard, tables, task_blocks, texts

import evalkit
from evalkit._report import Report, build_report


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual(sb: evalkit.Scoreboard) -> Report:
    return build_report(sb)


def test_overview_scope_criteria_and_committee(annual: Report) -> None:
    t = texts(annual)
    assert "2개 전략목표, 3개 성과목표 아래 관리과제 7개(성과지표 16개)" in t
    overview = tables(list(annual.sections[0].blocks))
    scope, criteria, quotas, committee = overview
    assert scope.rows[-1] == ("계", "", "3개", "7개", "16개") and scope.total_rows == 1
    assert [r[0] for r in criteria.rows] == [
        "성과지표 달성도",
        "계획",
        "집행",
        "성과",
        "환류",
        "계",
    ]
    assert criteria.rows[-1][1] == "100"
    assert quotas.rows[1][1:] == ("1", "1", "2", "1", "1", "1", "0", "7")
    assert committee.rows == (
        ("산업분과", "4명", "Ⅰ", "4개"),
        ("에너지분과", "4명", "Ⅱ", "3개"),
        ("계", "8명", "", "7개"),
    )
    assert "최고·최저 점수를 1개씩 제외한 평균" in t
    assert "달성률은 120%를 상한으로 인정" in t
    assert "과제당 -2점 ~ +2점 범위에서 가감" in t


def test_the_printed_trimmed_mean_rule_is_the_rules_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentence in Ⅰ is built from the constants the panel applies: raise the minimum
    panel and both the scores (four evaluators now give the plain mean) and the words move."""
    from evalkit import _panel

    monkeypatch.setattr(_panel, "TRIM_MIN_EVALUATORS", 5)
    sb = mini_scoreboard()
    assert all(d.panel and d.panel.dropped_high is None for d in sb.details)
    rep = build_report(sb)
    t = texts(rep)
    assert "평가위원 5인 이상인 과제는 최고·최저 점수를 1개씩 제외한 평균" in t
    assert "4인 이상" not in t
    form = tables(task_blocks(rep, "Ⅰ-1-③"))[0]
    assert form.rows[3][1] == "4명"  # nobody was dropped


def test_the_committee_is_named_from_the_round(sb: evalkit.Scoreboard) -> None:
    from evalkit._report import RoundInfo, SubcommitteeInfo

    info = RoundInfo(
        chair="김위원장",
        members=("이위원", "박위원"),
        subcommittees=(
            SubcommitteeInfo("산업분과", "이위원", ("위원1", "위원2")),
            SubcommitteeInfo("에너지분과", None, ("위원3",)),
        ),
    )
    rep = build_report(sb, round_info=info)
    roster = next(t for t in tables(list(rep.sections[0].blocks)) if "명단" in t.caption)
    assert roster.rows == (
        ("자체평가위원회", "김위원장", "이위원, 박위원"),
        ("산업분과", "이위원", "위원1, 위원2"),
        ("에너지분과", "-", "위원3"),
    )
    sub = build_report(sb, subcommittee="에너지분과", round_info=info)
    roster = next(t for t in tables(list(sub.sections[0].blocks)) if "명단" in t.caption)
    assert roster.rows == (("에너지분과", "-", "위원3"),)
    assert not [t for t in tables(list(build_report(sb).sections[0].blocks)) if "명단" in t.caption]
