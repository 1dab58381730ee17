"""The report model: what a report prints, rounded once from the scoreboard's exact values.

``mini_scoreboard`` and ``hostile_rubric`` are also used by the renderer tests.
"""

from __future__ import annotations

import dataclasses
import random
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from _paths import ROOT, mini_cap120

import evalkit
from evalkit import Adjustment, EvaluatorSheet, InputError, Panel
from evalkit._report import (
    KEEP_ROWS,
    Block,
    Bullet,
    Chart,
    Heading,
    Note,
    Report,
    Table,
    TaskHeading,
    build_report,
    circled,
    data_note_text,
    fixed_created,
    note_field_text,
    safe_name,
    value_text,
    weight_text,
)

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if x %} https://example.com/a?b=1&c=2"


def mini_scoreboard(
    rubric: evalkit.Rubric | None = None, *, by: str | None = None, comment: str = ""
) -> evalkit.Scoreboard:
    """The 7-task tutorial rubric scored with hand-checkable numbers.

    Every indicator reaches 95 % except: Ⅰ-1-③ (9/10 and 739/739 → 95 %), Ⅱ-1-③ at 61,468.75
    of 70,000 (87.8125 %, so its total 83.125 prints 83.13 half-up), Ⅱ-1-①-1 a down indicator
    with actual 0 (rate undefined, scored at the 120 % cap). Four evaluators per task; 위원1 and
    위원2 write overlapping strengths; Ⅰ-1-③ gets +1.5 가감점.
    """
    r = rubric or evalkit.load_rubric(mini_cap120())
    res: dict[str, object] = {}
    for _, ind in r.iter_indicators():
        target = ind.numeric_target
        res[ind.id] = "달성" if target is None else target * Decimal("0.95")
    res.update({"Ⅰ-1-③-1": 9, "Ⅰ-1-③-2": 739, "Ⅱ-1-③-1": "61468.75", "Ⅱ-1-①-1": 0})
    sheets: dict[str, tuple[EvaluatorSheet, ...]] = {}
    for j, t in enumerate(r.tasks):
        rows = []
        for k in range(1, 5):
            scores = {
                "plan": 8 + k + j % 4,
                "execution": 10 + k,
                "outcome": 12 + k,
                "feedback": 6 + k + j % 3,
            }
            strengths = {1: "- 현장 소통 우수\n- 예산 집행률 높음", 2: "현장 소통 우수"}.get(k, "")
            improvements = "ㅇ 성과지표 도전성 보완" if k == 3 and j % 2 == 0 else ""
            if k == 4 and comment:
                strengths = comment
            rows.append(
                EvaluatorSheet(
                    f"위원{k}",
                    {c: Fraction(v) for c, v in scores.items()},
                    strengths=strengths,
                    improvements=improvements,
                )
            )
        sheets[t.code] = tuple(rows)
    adjustments = [Adjustment("Ⅰ-1-③", Decimal("1.5"), "정책 성과 우수")]
    return evalkit.score(r, res, Panel(sheets), adjustments, by=by)


def hostile_rubric(tmp_path: Path) -> evalkit.Rubric:
    """The mini rubric with markup, template syntax and a URL in a task name and the title."""
    text = mini_cap120().read_text(encoding="utf-8")
    text = text.replace("name: 석유 수급 안정", f"name: '{HOSTILE}'")
    text = text.replace(
        "title: 2024년도 주요정책 자체평가 (예시)", "title: '2024년도 <b>자체평가</b> {{ title }}'"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return evalkit.load_rubric(path)


def motie_scoreboard(rubric: evalkit.Rubric) -> evalkit.Scoreboard:
    """Synthetic results for the 83-task rubric (the lead's development recipe)."""
    rng = random.Random(7)
    res: dict[str, object] = {}
    for _, i in rubric.iter_indicators():
        t = i.numeric_target
        res[i.id] = float(t) * rng.uniform(0.8, 1.2) if t is not None else "달성"
    rows = [
        (
            t.code,
            f"위원{k}",
            {
                "plan": rng.randint(9, 15),
                "execution": rng.randint(9, 15),
                "outcome": rng.randint(10, 18),
                "feedback": rng.randint(6, 12),
            },
        )
        for t in rubric.tasks
        for k in range(1, 5)
    ]
    return evalkit.score(rubric, res, Panel.from_rows(rows))


def flipped_layout(report: Report) -> Report:
    """``report`` with the content rules the renderers read turned around: every bullet's
    keep_with_next, and the 목차 entry of 1. 평가 대상 and of Ⅲ's first 전략목표 heading. A
    renderer that derives those rules itself instead of reading them prints this as before."""

    def flip(b: Block) -> Block:
        if isinstance(b, Bullet):
            return dataclasses.replace(b, keep_with_next=not b.keep_with_next)
        if isinstance(b, Heading) and b.anchor in ("overview_scope", "goal_0"):
            return dataclasses.replace(b, in_toc=not b.in_toc)
        return b

    sections = tuple(
        dataclasses.replace(s, blocks=tuple(flip(b) for b in s.blocks)) for s in report.sections
    )
    return dataclasses.replace(report, sections=sections)


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual(sb: evalkit.Scoreboard) -> Report:
    return build_report(sb)


def texts(report: Report) -> str:
    return "\n".join(report.iter_text())


def task_blocks(report: Report, code: str) -> list[object]:
    blocks = next(
        list(s.blocks)
        for s in report.sections
        if any(isinstance(b, TaskHeading) and b.code == code for b in s.blocks)
    )
    start = next(i for i, b in enumerate(blocks) if isinstance(b, TaskHeading) and b.code == code)
    end = next(
        (i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], TaskHeading | Heading)),
        len(blocks),
    )
    return blocks[start:end]


def tables(blocks: list[object]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


# ---- report kinds ------------------------------------------------------------------------------


def test_annual_report_has_the_four_parts_and_every_task(
    annual: Report, sb: evalkit.Scoreboard
) -> None:
    assert annual.kind == "annual" and annual.has_cover
    assert [s.number for s in annual.sections][:4] == ["Ⅰ", "Ⅱ", "Ⅲ", "붙임 1"]
    assert [s.title for s in annual.sections][:3] == ["평가 개요", "종합 결과", "과제별 평가결과"]
    assert annual.file_stem == "자체평가_결과보고서_2024"
    assert annual.title == "2024년도 주요정책 자체평가 (예시) 결과보고서"
    assert annual.organisation == "예시부 자체평가위원회"
    heads = [b.code for b in annual.sections[2].blocks if isinstance(b, TaskHeading)]
    assert heads == [t.code for t in sb.rubric.tasks]  # plan order in Ⅲ
    ranking = tables(list(annual.sections[3].blocks))[0]
    assert [row[1] for row in ranking.rows] == [d.task.code for d in sb.ranking()]
    assert annual.sections[3].landscape
    assert [t.code for t in annual.tasks] == [d.task.code for d in sb.ranking()]


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


def test_subcommittee_report_is_limited_to_its_tasks(sb: evalkit.Scoreboard) -> None:
    rep = build_report(sb, subcommittee="에너지분과")
    assert rep.kind == "subcommittee" and rep.subtitle == "(에너지분과)"
    assert rep.file_stem == "자체평가_결과보고서_2024_에너지분과"
    assert {t.code for t in rep.tasks} == {"Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"}
    heads = [b.code for s in rep.sections for b in s.blocks if isinstance(b, TaskHeading)]
    assert heads == ["Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"]
    assert "Ⅰ-1-①" not in texts(rep)
    # graded over all seven tasks: a quota for three of them would mean nothing
    assert all(g.quota is None for g in rep.distribution)
    assert sum(g.count for g in rep.distribution) == 3
    assert any(isinstance(b, Note) and "전체 7개" in b.text for b in rep.sections[1].blocks)
    assert "분과위원회별 결과" not in texts(rep)


def test_subcommittee_quotas_when_graded_within_subcommittees() -> None:
    sb = mini_scoreboard(by="subcommittee")
    rep = build_report(sb, subcommittee="산업분과")
    assert [g.quota for g in rep.distribution] == evalkit.grade_quotas(4)
    assert "분과별로" in texts(build_report(sb))


def test_task_sheet(sb: evalkit.Scoreboard) -> None:
    rep = build_report(sb, task="Ⅱ-1-③")
    assert rep.kind == "task" and not rep.has_cover
    assert rep.file_stem == "자체평가_결과표_2024_Ⅱ-1-③"
    assert rep.cover_lines[-1] == "과제별 평가결과"
    assert [t.code for t in rep.tasks] == ["Ⅱ-1-③"]
    heads = [b for s in rep.sections for b in s.blocks if isinstance(b, TaskHeading)]
    assert len(heads) == 1 and not heads[0].new_page
    assert "Ⅰ-1-①" not in texts(rep)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"subcommittee": "없는분과"}, "subcommittee", "산업분과, 에너지분과"),
        ({"task": "Ⅸ-9-⑨"}, "task", "task code"),
        ({"subcommittee": "산업분과", "task": "Ⅰ-1-①"}, "subcommittee/task", "not both"),
    ],
)
def test_bad_arguments_name_the_field_and_the_fix(
    sb: evalkit.Scoreboard, kwargs: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(InputError) as err:
        build_report(sb, **kwargs)
    problems = err.value.problems
    assert any(p.field == field and p.fix for p in problems)
    assert words in str(err.value)


def test_all_problems_at_once(sb: evalkit.Scoreboard) -> None:
    with pytest.raises(InputError) as err:
        build_report(sb, subcommittee="없는분과", task="Ⅸ-9-⑨")
    assert {p.field for p in err.value.problems} == {"subcommittee", "task", "subcommittee/task"}


# ---- figures and rounding ----------------------------------------------------------------------


def test_scores_are_rounded_half_up_from_exact_values(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅱ-1-③")
    form, crit, inds = tables(blocks)
    # 40 × 87.8125 % = 35.125 and the panel gives 48: 83.125 → 83.13 (not banker's 83.12)
    assert form.rows[2][1] == "83.13점"
    assert crit.rows[0][:3] == ("성과지표 달성도", "40", "35.13")
    assert crit.rows[-1][:3] == ("합계", "100", "83.13")
    assert inds.rows[0][3:] == ("70,000", "61,468.75", "87.8", "87.8")
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
    assert inds.header == ("성과지표", "가중치", "단위", "목표", "실적", "달성률", "인정\n달성률")
    assert inds.rows[0] == ("① 특화단지 지원 기업수", "0.6", "개사", "450", "427.5", "95.0", "95.0")
    assert inds.rows[1] == (
        "② 뿌리산업 진흥 기본계획 수립",
        "0.4",
        "-",
        "수립",
        "달성",
        "100.0",
        "100.0",
    )


def test_down_indicator_with_actual_zero_is_footnoted(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅱ-1-①")
    _, _, inds = tables(blocks)
    assert inds.rows[0][0] == "① 에너지원단위 (하향)"
    assert inds.rows[0][4:] == ("0", "-", "120.0")
    foot = [b.text for b in blocks if isinstance(b, Bullet) and b.level == 4]
    assert any("① 실적 0(하향지표)" in f and "120.0% 인정" in f for f in foot)
    assert not any(f.startswith("달성률 상한 적용") for f in foot)  # undefined is not capped


def test_assumed_weights_and_data_notes_are_footnotes(annual: Report) -> None:
    blocks = task_blocks(annual, "Ⅰ-1-②")
    _, _, inds = tables(blocks)
    assert [r[1] for r in inds.rows] == ["1/3*"] * 3
    foot = [b for b in blocks if isinstance(b, Bullet) and b.level == 4]
    assert all(b.marker == "*" for b in foot)
    assert foot[0].text == "가중치 가정: 원문에 가중치가 없어 3개 지표에 균등 가중치(1/3)를 적용"
    assert foot[1].text.startswith("[가중치 미기재] — 원문: 가중치 미기재 → 적용: 균등 가중치 1/3")
    assert foot[1].text.endswith("(원문 1행)")


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


def test_schedule_and_issued_date(sb: evalkit.Scoreboard) -> None:
    rep = build_report(
        sb,
        issued=date(2025, 3, 14),
        schedule=[("실적 제출", "2025. 1."), ("분과 평가", "2025. 2.")],
    )
    assert rep.issued == "2025. 3."
    assert rep.created == datetime(2025, 3, 14, tzinfo=UTC)
    sched = next(t for t in tables(list(rep.sections[0].blocks)) if t.caption == "< 평가 일정 >")
    assert sched.rows == (("실적 제출", "2025. 1."), ("분과 평가", "2025. 2."))


def test_rubric_wide_notes_go_to_an_appendix(motie_rubric: evalkit.Rubric) -> None:
    rep = build_report(motie_scoreboard(motie_rubric))
    notes = rep.sections[-1]
    assert (notes.number, notes.title) == ("붙임 2", "자료 주석")
    texts_ = [b.text for b in notes.blocks if isinstance(b, Bullet) and b.level == 4]
    assert any("원문 2553행" in t for t in texts_)
    assert len(rep.tasks) == 83


def test_layout_rules_that_are_content_are_block_attributes(annual: Report) -> None:
    """The 목차, what keeps with what, and which tables stay whole are decided here, once."""
    heads = [b for s in annual.sections for b in s.blocks if isinstance(b, Heading)]
    in_toc = {b.number for b in heads if b.in_toc}
    assert {"1.", "2.", "3.", "4."} == in_toc
    goal_heads = [b for b in heads if b.number.startswith("전략목표")]
    assert goal_heads and not any(b.in_toc for b in goal_heads)
    assert [s.toc_label for s in annual.sections] == [
        "Ⅰ. 평가 개요",
        "Ⅱ. 종합 결과",
        "Ⅲ. 과제별 평가결과",
        "[붙임 1] 관리과제별 평가결과 총괄표",
    ]
    checked = 0
    for sec in annual.sections:
        for b, nxt in zip(sec.blocks, (*sec.blocks[1:], None), strict=True):
            if isinstance(b, Bullet):
                assert b.keep_with_next == (b.strong or isinstance(nxt, Table | Chart)), b
                checked += b.keep_with_next
    assert checked > 0
    best = next(
        b for b in annual.sections[1].blocks if isinstance(b, Bullet) and b.lead == "우수과제"
    )
    assert best.keep_with_next and not best.strong  # it introduces the 상위 과제 table
    sheet = build_report(mini_scoreboard(), task="Ⅰ-1-①")
    assert all(
        b.keep_with_next for b in sheet.sections[0].blocks if isinstance(b, Bullet) and b.strong
    )


def test_short_tables_are_kept_together() -> None:
    def table(n: int) -> Table:
        return Table(("a",), tuple((str(i),) for i in range(n)), (1,), ("left",))

    assert table(KEEP_ROWS).keep_together and not table(KEEP_ROWS + 1).keep_together


def test_the_model_is_frozen(annual: Report) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        annual.title = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="expected 2"):
        Table(("a", "b"), (("1",),), (1, 1), ("left", "left"))


def test_user_text_is_kept_verbatim_in_the_model(tmp_path: Path) -> None:
    sb = mini_scoreboard(hostile_rubric(tmp_path), comment=HOSTILE)
    t = texts(build_report(sb))
    assert HOSTILE in t  # escaping is the renderers' job; the model keeps the text as written


# ---- helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(3, 10), "0.3"),
        (Fraction(1, 4), "0.25"),
        (Fraction(1, 3), "1/3"),
        (Fraction(1), "1"),
        (Fraction(1, 8), "0.125"),
    ],
)
def test_weight_text(value: Fraction, text: str) -> None:
    assert weight_text(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("1350"), 2, "1,350"),
        (Decimal("94.3"), 2, "94.3"),
        (Fraction(2675, 1000), 2, "2.68"),
        (Fraction(1, 3), 2, "0.33"),
        (Fraction(1462, 10000), 3, "0.146"),
        ("수립", 2, "수립"),
        (None, 2, "-"),
        (True, 2, "달성"),
        (Decimal("40000"), 2, "40,000"),
        (Fraction(0), 2, "0"),
    ],
)
def test_value_text(value: object, places: int, text: str) -> None:
    assert value_text(value, places) == text


def test_small_helpers() -> None:
    assert circled(1) == "①" and circled(20) == "⑳" and circled(21) == "(21)"
    assert note_field_text("indicators[2].weight") == "성과지표 ② 가중치"
    assert note_field_text("indicators[*].weight") == "성과지표 전체 가중치"
    assert note_field_text("counts") == "counts"
    assert safe_name("산업 정책/분과") == "산업_정책_분과"
    assert safe_name("Ⅰ-1-①") == "Ⅰ-1-①"
    note = evalkit.DataNote(
        line=12, field="indicators[1].target", issue="typo", printed="17건", applied="17"
    )
    assert data_note_text(note) == "[오기] 성과지표 ① 목표치 — 원문: 17건 → 적용: 17 (원문 12행)"


def test_document_date_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert fixed_created(2024) == datetime(2025, 1, 1, tzinfo=UTC)
    assert fixed_created(2024, date(2025, 2, 3)) == datetime(2025, 2, 3, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert fixed_created(2024, date(2025, 2, 3)) == datetime.fromtimestamp(1700000000, tz=UTC)


def test_importing_evalkit_and_the_report_api_is_light() -> None:
    code = (
        "import sys, evalkit, evalkit.report, evalkit.grading\n"
        "heavy = {'docx', 'weasyprint', 'matplotlib', 'jinja2', 'openpyxl'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_engine_never_imports_renderers() -> None:
    imports = re.compile(r"^\s*(?:from|import)\s+\S*(renderers|report\b)", re.MULTILINE)
    for path in (ROOT / "evalkit").glob("*.py"):
        if path.name in ("report.py", "cli.py"):
            continue  # the report API and the command line may
        assert not imports.search(path.read_text(encoding="utf-8")), path.name
    for path in (ROOT / "evalkit" / "renderers").glob("*.py"):
        # renderers lay out the model: they never reach into the scoring engine
        assert "_scoring" not in path.read_text(encoding="utf-8"), path.name
