"""Ⅲ 과제별 평가결과 (evalkit._report._tasks): one task's page, rounded once from exact values."""

from __future__ import annotations

from fractions import Fraction

import pytest
from _report_data import mini_scoreboard, motie_scoreboard, tables, task_blocks

import evalkit
from evalkit._report import Bullet, Report, build_report


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual(sb: evalkit.Scoreboard) -> Report:
    return build_report(sb)


def test_scores_are_rounded_half_up_from_exact_values(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅱ-1-③")
    form, crit, inds = tables(blocks)
    # 40 × 87.8125 % = 35.125 and the panel gives 48: 83.125 → 83.13 (not banker's 83.12)
    assert form.rows[2][1] == "83.13점"
    assert crit.rows[0][:3] == ("성과지표 달성도", "40", "35.13")
    assert crit.rows[-1][:3] == ("합계", "100", "83.13")
    assert inds.rows[0][3:] == ("70,000", "61,468.75", "87.8", "87.8", "87.8")
    assert inds.rows[-1] == ("계", "1", "", "", "", "", "", "87.8")
    ranking = tables(list(annual.sections[3].blocks))[0]
    assert next(r for r in ranking.rows if r[1] == "Ⅱ-1-③")[-2:] == ("83.13", "미흡")


def test_criterion_breakdown_adjustment_and_header(annual: Report) -> None:
    form, crit, _ = tables(task_blocks(annual, "Ⅰ-1-③"))
    assert form.form and not form.header
    assert form.rows[0] == ("과제코드", "Ⅰ-1-③", "분과", "산업분과")
    assert form.rows[2][3] == "우수 (2위 / 7개)"
    assert form.rows[3][1] == "4명 (최고·최저 제외)"
    by_name = {r[0]: r for r in crit.rows}
    # trimmed mean of the middle two evaluators: plan (11+12)/2 … and +1.5 가감점
    assert by_name["계획"][2] == "12.50"
    assert by_name["가감점"][1:] == ("-2 ~ +2", "+1.50", "정책 성과 우수")
    assert by_name["합계"][2:] == ("89.50", "우수")
    assert by_name["성과지표 달성도"][3] == "가중 달성률 95.0%"


def test_indicator_table_weights_units_targets_and_milestones(annual: Report) -> None:
    _, _, inds = tables(task_blocks(annual, "Ⅰ-2-①"))
    assert inds.header == (
        "성과지표",
        "가중치",
        "단위",
        "목표",
        "실적",
        "달성률",
        "인정\n달성률",
        "가중\n달성률",
    )
    assert inds.rows[0] == (
        "① 특화단지 지원 기업수",
        "0.6",
        "개사",
        "450",
        "427.5",
        "95.0",
        "95.0",
        "57.0",
    )
    assert inds.rows[1] == (
        "② 뿌리산업 진흥 기본계획 수립",
        "0.4",
        "-",
        "수립",
        "달성",
        "100.0",
        "100.0",
        "40.0",
    )
    assert inds.rows[2] == ("계", "1", "", "", "", "", "", "97.0")  # 57 + 40


def test_down_indicator_with_actual_zero_is_footnoted(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅱ-1-①")
    _, _, inds = tables(blocks)
    assert inds.rows[0][0] == "① 에너지원단위 (하향)"
    assert inds.rows[0][4:] == ("0", "-", "120.0", "60.0")
    foot = [b.text for b in blocks if isinstance(b, Bullet) and b.level == 4]
    assert any("① 실적 0(하향지표)" in f and "120.0% 인정" in f for f in foot)
    assert not any(f.startswith("달성률 상한 적용") for f in foot)  # undefined is not capped


def test_assumed_weights_and_data_notes_are_footnotes(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅰ-1-②")
    _, _, inds = tables(blocks)
    assert [r[1] for r in inds.rows] == ["1/3*"] * 3 + ["1"]
    foot = [b for b in blocks if isinstance(b, Bullet) and b.level == 4]
    assert all(b.marker == "*" for b in foot)
    assert foot[0].text == "가중치 가정: 원문에 가중치가 없어 3개 지표에 균등 가중치(1/3)를 적용"
    # the data note on the same missing weights is not repeated, nor its source line
    assert len(foot) == 1


def test_comments_are_merged_deduplicated_and_unbulleted(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅰ-1-①")
    lines = [(b.level, b.text) for b in blocks if isinstance(b, Bullet) and b.level in (1, 2)]
    i = lines.index((1, "우수사항"))
    j = lines.index((1, "개선·보완사항"))
    assert lines[i + 1 : j] == [(2, "현장 소통 우수"), (2, "예산 집행률 높음")]
    assert lines[j + 1 :] == [(2, "성과지표 도전성 보완")]
    other = task_blocks(annual, "Ⅰ-1-②")  # odd task: no improvements were written
    after = [b.text for b in other if isinstance(b, Bullet)]
    assert after[after.index("개선·보완사항") + 1] == "제출된 의견 없음"
    assert all(b.strong for b in blocks if isinstance(b, Bullet) and b.text == "우수사항")


def _num(text: str) -> Fraction:
    return (
        Fraction(text.replace(",", "").replace("+", "")) if text not in ("-", "") else Fraction(0)
    )


def test_every_printed_breakdown_of_the_2024_example_adds_up(
    motie_rubric: evalkit.Rubric,
) -> None:
    """Criterion scores (and 가감점) sum to the printed total on every task page and in every
    row of 붙임 1; the indicators' 가중 달성률 sum to their 계 and to the criterion's remark;
    the grade is still the exact total's."""
    sb = motie_scoreboard(motie_rubric)
    rep = build_report(sb)
    checked = 0
    for d in sb.details:
        form, crit, inds, *_ = tables(task_blocks(rep, d.task.code))
        *parts, total = crit.rows
        assert total[0] == "합계"
        assert sum(_num(r[2]) for r in parts) == _num(total[2]), d.task.code
        assert form.rows[2][1] == f"{total[2]}점"
        *lines, sums = inds.rows
        assert sums[0] == "계"
        assert sum(_num(r[-1]) for r in lines) == _num(sums[-1]), d.task.code
        assert parts[0][3] == f"가중 달성률 {sums[-1]}%"
        checked += 1
    ranking = tables(list(rep.sections[3].blocks))[0]
    first = ranking.header.index(next(h for h in ranking.header if "\n(" in h))
    for row in ranking.rows:
        assert sum(_num(c) for c in row[first:-2]) == _num(row[-2]), row
        checked += 1
    assert checked == 2 * 83
    grades = {t.code: t.grade for t in rep.tasks}
    assert all(grades[d.task.code] == d.grade for d in sb.details)
