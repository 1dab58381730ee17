"""Committee decisions: overrides and appeals after the computed ranking, checked against the
scheme; properties against a reference model of the breach rule."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pandas as pd
import pytest
from _workbooks import MINI_DIR
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    limit_schemes,
    ref_boundaries,
    ref_limit_counts_ok,
    schemes,
)

import evalkit
from evalkit import (
    Appeal,
    CriterionScoreChange,
    DecisionError,
    GradeOverride,
    GradeScheme,
    GradingError,
    apply_decisions,
    assign_grades,
    score,
)
from evalkit.workbooks import read_adjustments, read_panel, read_results

DAY = dt.date(2025, 2, 14)


@pytest.fixture(scope="module")
def board() -> evalkit.Scoreboard:
    rubric = evalkit.load_rubric(MINI_DIR / "rubric.yaml")
    return score(
        rubric,
        read_results(MINI_DIR / "results.xlsx", rubric),
        read_panel([MINI_DIR / "panel"], rubric),
        read_adjustments(MINI_DIR / "adjustments.csv", rubric),
    )


def test_an_override_and_appeals_side_by_side(board: evalkit.Scoreboard) -> None:
    ranking = board.ranking()
    names = board.rubric.grade_scheme.names
    low = ranking[-1]
    # A downgrade never breaches the ceilings: the committee may always grade lower.
    worse = names[min(names.index(ranking[0].grade) + 1, len(names) - 1)]
    mid = ranking[len(ranking) // 2]
    assert mid.panel is not None
    crit = board.rubric.criteria.panel[0]
    decisions = [
        GradeOverride(ranking[0].task.code, ranking[0].grade, worse, "현장점검 결과 반영", DAY),
        Appeal(low.task.code, "실적 누락", "기각", decision_date=DAY),
        Appeal(
            mid.task.code,
            "평가항목 점수 재심",
            "일부인용",
            changed_scores=(
                CriterionScoreChange(mid.task.code, mid.panel.evaluators[0], crit.id, 0),
            ),
        ),
    ]
    got = apply_decisions(board, decisions)
    assert got.final[ranking[0].task.code] == worse
    assert got.final[low.task.code] == low.grade
    assert [a.kind for a in got.applied] == ["등급 조정", "이의신청", "이의신청"]
    first = got.applied[0]
    assert (first.computed_grade, first.final_grade, first.decision_date) == (
        ranking[0].grade,
        worse,
        DAY,
    )
    assert got.scoreboard is not None
    assert got.scoreboard.task(mid.task.code).total < mid.total
    assert not got.breached


def test_a_breach_is_refused_unless_allowed(board: evalkit.Scoreboard) -> None:
    low = board.ranking()[-1]
    best = board.rubric.grade_scheme.names[0]
    up = [GradeOverride(low.task.code, low.grade, best, "위원회 의결")]
    with pytest.raises(DecisionError, match="등급 배분을 벗어납니다") as info:
        apply_decisions(board, up)
    assert "이상이" in info.value.problems[0].message
    got = apply_decisions(board, up, allow_breach=True)
    assert got.breached and got.final[low.task.code] == best
    assert got.changed == (low.task.code,)


def test_every_problem_at_once(board: evalkit.Scoreboard) -> None:
    d = board.ranking()[0]
    wrong = "부진" if d.grade != "부진" else "보통"
    with pytest.raises(DecisionError) as info:
        apply_decisions(
            board,
            [
                GradeOverride("없는과제", "보통", "보통", "x"),
                GradeOverride(d.task.code, wrong, "보통", ""),
                GradeOverride(d.task.code, d.grade, "최우수", "y"),
                Appeal(d.task.code, "c", "기각", decided_grade="보통"),
                Appeal(d.task.code, "c", "인용"),
                Appeal(d.task.code, "c", "보류"),  # type: ignore[arg-type]
            ],
        )
    text = " | ".join(p.message for p in info.value.problems)
    for part in (
        "산정된 과제가 아닙니다",
        "사유가 없습니다",
        "산정 결과는",
        "등급 체계에 없습니다",
        "이미 정했습니다",
        "기각된 이의신청",
        "바뀐 점수도 등급도 없습니다",
        "처리 결과 '보류'",
    ):
        assert part in text, part


def test_score_changes_need_a_scoreboard() -> None:
    grades = assign_grades({"a": 90.0, "b": 80.0})
    with pytest.raises(DecisionError, match=r"\(Scoreboard\)가 있어야"):
        apply_decisions(
            grades,
            [Appeal("a", "c", "인용", changed_scores=(CriterionScoreChange("a", "w", "plan", 1),))],
        )


# --- properties -------------------------------------------------------------------------------


def ref_breached(computed: list[str], final: list[str], scheme: GradeScheme) -> bool:
    """The breach rule, directly: limits on the final counts, or in the exact form no grade
    and above holding more than its boundary or what the ranking itself gave."""
    if scheme.form == "limits":
        c = Counter(final)
        return not ref_limit_counts_ok([c[n] for n in scheme.names], scheme)
    n = len(final)
    bounds = ref_boundaries(n, scheme)
    for k in range(len(scheme.names) - 1):
        top = set(scheme.names[: k + 1])
        now = sum(g in top for g in final)
        before = sum(g in top for g in computed)
        if now > max(bounds[k], before):
            return True
    return False


@st.composite
def graded_with_overrides(draw: st.DrawFn) -> tuple[Any, ...]:
    scheme = draw(st.one_of(schemes(5), limit_schemes(4)))
    scores = draw(st.lists(st.integers(0, 30), min_size=1, max_size=12))
    try:
        grades = assign_grades(
            pd.Series(scores, index=[f"t{i}" for i in range(len(scores))]), scheme
        )
    except GradingError:
        grades = None
    picked = draw(st.lists(st.integers(0, len(scores) - 1), unique=True, max_size=len(scores)))
    decided = [draw(st.sampled_from(scheme.names)) for _ in picked]
    return scheme, grades, picked, decided


@given(graded_with_overrides())
def test_overrides_change_exactly_the_listed_tasks(case: tuple[Any, ...]) -> None:
    scheme, grades, picked, decided = case
    if grades is None:
        return
    computed = grades.astype(str)
    overrides = [
        GradeOverride(f"t{i}", computed[f"t{i}"], g, "의결")
        for i, g in zip(picked, decided, strict=True)
    ]
    got = apply_decisions(computed, overrides, scheme, allow_breach=True)
    expected = {f"t{i}" for i, g in zip(picked, decided, strict=True) if g != computed[f"t{i}"]}
    assert set(got.changed) == expected
    for t in computed.index:
        want = dict(zip([f"t{i}" for i in picked], decided, strict=True)).get(t, computed[t])
        assert got.final[t] == want
    assert got.breached == ref_breached(list(computed), list(got.final), scheme)
    if got.breached:
        with pytest.raises(DecisionError):
            apply_decisions(computed, overrides, scheme)
    else:
        assert list(apply_decisions(computed, overrides, scheme).final) == list(got.final)
