"""Ⅱ's findings (evalkit._report._findings): 미흡·부진 with 권고, 우수사례, 환류, 종합의견."""

from __future__ import annotations

import pytest
from _report_data import mini_scoreboard, motie_scoreboard, tables, texts

import evalkit
from evalkit._report import Bullet, Heading, RoundInfo, build_report

INFO = RoundInfo(
    opinion=("고르게 추진됨", "목표치 상향 필요"),
    best_practices=(("Ⅰ-1-①", "현장 소통을 정례화함"), ("Ⅱ-1-①", "에너지 절감 사례")),
    feedback=((None, "설정근거 정리", "정리함"), ("Ⅱ-1-③", "환류 구체화", "")),
)


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


def test_the_weak_list_is_exactly_the_bottom_grades(motie_rubric: evalkit.Rubric) -> None:
    sb = motie_scoreboard(motie_rubric)
    rep = build_report(sb)
    summary = rep.sections[1]
    table = next(t for t in tables(list(summary.blocks)) if "개선·보완 권고" in t.caption)
    counts = {g.name: g.count for g in rep.distribution}
    assert len(table.rows) == counts["미흡"] + counts["부진"]
    weak = {d.task.code for d in sb.details if d.grade in ("미흡", "부진")}
    assert {r[0] for r in table.rows} == weak
    assert all(r[3] in ("미흡", "부진") and "필요" in r[4] for r in table.rows)
    lead = next(b for b in summary.blocks if isinstance(b, Bullet) and b.lead == "대상")
    assert f"{len(weak)}개 과제(미흡 {counts['미흡']}개, 부진 {counts['부진']}개)" in lead.text


def test_a_recommendation_names_the_weakest_criterion_and_missed_indicators(
    sb: evalkit.Scoreboard,
) -> None:
    from evalkit._report._context import ReportContext
    from evalkit._report._findings import recommendation

    ctx = ReportContext.of(sb)
    d = sb.task("Ⅱ-1-③")  # 87.8 % on its one indicator
    text = recommendation(ctx, d)
    assert "항목이" in text and "배점" in text and "전체 평균" in text
    assert "① " in text and "(87.8%)" in text
    import dataclasses

    reached = dataclasses.replace(d, indicators=())  # no indicator below its target
    assert "모두 목표를 달성" in recommendation(ctx, reached)


def test_the_committees_text_is_printed_from_the_round(sb: evalkit.Scoreboard) -> None:
    rep = build_report(sb, round_info=INFO)
    heads = [b.text for b in rep.sections[1].blocks if isinstance(b, Heading)]
    assert heads[-3:] == ["우수사례", "전년도 권고 이행(환류)", "종합의견"]
    t = texts(rep)
    assert "현장 소통을 정례화함" in t and "고르게 추진됨" in t
    fb = next(x for x in tables(list(rep.sections[1].blocks)) if "권고 이행" in x.caption)
    assert fb.rows == (
        ("평가 전반", "설정근거 정리", "정리함"),
        ("Ⅱ-1-③", "환류 구체화", "조치 중"),
    )
    assert "우수사례" not in [
        b.text for b in build_report(sb).sections[1].blocks if isinstance(b, Heading)
    ]


def test_a_subcommittee_report_keeps_its_own_tasks(sb: evalkit.Scoreboard) -> None:
    rep = build_report(sb, subcommittee="에너지분과", round_info=INFO)
    t = texts(rep)
    assert "에너지 절감 사례" in t and "현장 소통을 정례화함" not in t
    assert "환류 구체화" in t and "설정근거 정리" not in t  # the general one is the annual's
