"""Data notes for the committee (evalkit._report._notes): plain Korean, no provenance."""

from __future__ import annotations

import re

import pytest
from _report_data import motie_scoreboard, texts

import evalkit
from evalkit._report import Report, build_report, task_note_text

# What only the rubric's editor reads: field paths, YAML words, tool names, source lines.
FIELD_PATH = re.compile(r"\w+\[[^\]]*\]|\b(?:results|indicators|weighting)\.\w+|\.\d{4}\b")
LINE_NO = re.compile(r"원문\s*\d+\s*행|\d{3,}행")
# Units and proper names the 2024 plan prints in Latin letters (acronyms are all capitals).
UNITS = {"ton", "toe", "km", "GWh", "MWh", "GW", "MW", "tCO", "eq", "Capa", "m", "e"}


def english_words(text: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z]+", text))
    return {w for w in words if not w.isupper() and w not in UNITS}


@pytest.fixture(scope="module")
def motie_report(motie_rubric: evalkit.Rubric) -> Report:
    return build_report(motie_scoreboard(motie_rubric))


def test_the_demo_report_has_no_developer_text(motie_report: Report) -> None:
    t = texts(motie_report)
    assert not FIELD_PATH.findall(t)
    assert not LINE_NO.findall(t)
    assert "evalkit" not in t.lower()
    assert not re.search(r"\bnull\b|\bmilestone\b|\bequal\b|weighting", t)
    assert "교체" not in t and "예시 배점" not in t  # the rubric's example assumption
    assert english_words(t) == set(), english_words(t)


def test_the_grep_catches_what_it_looks_for() -> None:
    """The patterns above find the lines the issue quotes."""
    bad = [
        "적용: weighting: equal, 각 1/4로 적용(가정) (원문 4383행)",
        "[기타] performance_goals[Ⅰ-3].code — 원문 …",
        "[기타] indicators[2].results.2021 — 원문: '(신규)'",
        "`evalkit validate`가 집계",
    ]
    assert FIELD_PATH.search(bad[1]) and FIELD_PATH.search(bad[2])
    assert LINE_NO.search(bad[0]) and english_words(bad[0]) == {"weighting", "equal"}
    assert "evalkit" in bad[3] and english_words(bad[3]) == {"evalkit", "validate"}


def test_a_note_that_changes_a_score_is_a_plain_footnote(motie_rubric: evalkit.Rubric) -> None:
    task = motie_rubric.task("Ⅰ-1-①")
    lines = [task_note_text(task, n) for n in task.data_notes]
    printed = [x for x in lines if x is not None]
    assert "① 목표치: 원문의 목표치와 설정근거의 계산이 달라 17건 적용" in printed
    other = motie_rubric.task("Ⅰ-1-②")  # notes on past results and tags only
    assert other.data_notes and all(task_note_text(other, n) is None for n in other.data_notes)


def test_which_notes_are_printed() -> None:
    note = evalkit.DataNote
    rubric = evalkit.load_rubric(_mini())
    assumed = rubric.task("Ⅰ-1-②")
    plain = rubric.task("Ⅰ-2-①")
    # weights the plan lacks are told once, by the weighting footnote
    assert (
        task_note_text(assumed, note(line=1, issue="missing_weight", printed="x", applied="y"))
        is None
    )
    typo = note(line=3, field="indicators[1].target", issue="typo", printed="45O", applied="450")
    assert task_note_text(plain, typo) == "① 목표치: 원문 표기의 오기를 바로잡아 450개사 적용"
    unit = note(line=3, field="indicators[1].unit", issue="typo", printed="개사)", applied="개사")
    assert task_note_text(plain, unit) == "① 단위: 원문 표기의 오기를 바로잡아 개사 적용"
    for field in ("indicators[1].results.2021", "indicators[1].name", "tags", "code", None):
        n = note(line=3, field=field, issue="other", printed="a", applied="b")
        assert task_note_text(plain, n) is None, field
    both = note(
        line=3, field="indicators[*].target", issue="target_conflict", printed="a", applied="b"
    )
    assert task_note_text(plain, both) == (
        "성과지표 목표치: 원문의 표마다 목표치가 달라 ① 450개사, ② 수립 적용"
    )
    count = note(line=3, field="indicators[2]", issue="count_mismatch", printed="a", applied="b")
    assert task_note_text(plain, count) == (
        "성과지표 ②: 원문의 표마다 지표 수가 달라 과제 표에 인쇄된 지표로 평가에 반영"
    )


def _mini():  # type: ignore[no-untyped-def]
    from _paths import MINI

    return MINI
