"""What-if: hypothetical 가감점 and evaluator scores, checked against rescoring from scratch."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from _workbooks import MINI_DIR
from hypothesis import given
from hypothesis import strategies as st

import evalkit
from evalkit import (
    AdjustmentChange,
    Adjustments,
    CriterionScoreChange,
    InputError,
    Panel,
    score,
    what_if,
)
from evalkit.workbooks import read_adjustments, read_panel, read_results


@pytest.fixture(scope="module")
def mini() -> dict[str, Any]:
    rubric = evalkit.load_rubric(MINI_DIR / "rubric.yaml")
    return {
        "rubric": rubric,
        "results": read_results(MINI_DIR / "results.xlsx", rubric),
        "panel": read_panel([MINI_DIR / "panel"], rubric),
        "adjustments": read_adjustments(MINI_DIR / "adjustments.csv", rubric),
    }


def _rescore(m: dict[str, Any], changes: list[Any], by: str | None) -> evalkit.Scoreboard:
    """The reference: change the inputs themselves and score the round again."""
    adj = {a.task: [a] for a in m["adjustments"].items}
    sheets = {code: list(s) for code, s in m["panel"].sheets.items()}
    for ch in changes:
        if isinstance(ch, AdjustmentChange):
            adj[ch.task] = [evalkit.Adjustment(ch.task, Decimal(str(ch.points)), ch.reason)]
        else:
            sheets[ch.task] = [
                dataclasses.replace(s, scores={**s.scores, ch.criterion: Fraction(ch.points)})
                if s.evaluator == ch.evaluator
                else s
                for s in sheets[ch.task]
            ]
    items = tuple(a for v in adj.values() for a in v)
    panel = Panel({k: tuple(v) for k, v in sheets.items()})
    return score(m["rubric"], m["results"], panel, Adjustments(items), by=by)


@st.composite
def change_lists(draw: st.DrawFn, sb: evalkit.Scoreboard) -> list[Any]:
    out: list[Any] = []
    codes = [d.task.code for d in sb.details]
    for _ in range(draw(st.integers(1, 3))):
        code = draw(st.sampled_from(codes))
        if draw(st.booleans()):
            out.append(AdjustmentChange(code, draw(st.sampled_from([-2, -1.5, 0, 0.5, 1, 2]))))
        else:
            d = sb.task(code)
            assert d.panel is not None
            crit = draw(st.sampled_from(sb.rubric.criteria.panel))
            who = draw(st.sampled_from(d.panel.evaluators))
            pts = draw(st.integers(0, int(crit.points)))
            out.append(CriterionScoreChange(code, who, crit.id, pts))
    return out


@pytest.mark.parametrize("by", [None, "subcommittee"])
def test_matches_rescoring_from_scratch(mini: dict[str, Any], by: str | None) -> None:
    sb = score(mini["rubric"], mini["results"], mini["panel"], mini["adjustments"], by=by)

    @given(change_lists(sb))
    def check(changes: list[Any]) -> None:
        got = what_if(sb, changes)
        ref = _rescore(mini, changes, by)
        for d in ref.details:
            a = got.after.task(d.task.code)
            assert (a.total, a.grade, a.rank, a.group_rank) == (
                d.total,
                d.grade,
                d.rank,
                d.group_rank,
            )
        expected = {
            d.task.code
            for d in ref.details
            if (d.grade, d.rank, d.group_rank)
            != (
                sb.task(d.task.code).grade,
                sb.task(d.task.code).rank,
                sb.task(d.task.code).group_rank,
            )
        }
        assert {m.task for m in got.moved} == expected
        assert {m.task for m in got.grade_changes} == {
            c for c in expected if got.after.task(c).grade != sb.task(c).grade
        }
        assert got.before is sb

    check()


def test_a_change_that_moves_grades(mini: dict[str, Any]) -> None:
    sb = score(mini["rubric"], mini["results"], mini["panel"], mini["adjustments"])
    last = sb.ranking()[-1]
    got = what_if(sb, [AdjustmentChange(last.task.code, mini["rubric"].adjustments.max)])
    me = next(m for m in got.moved if m.task == last.task.code)
    assert me.changed_inputs and me.total_after > me.total_before
    assert what_if(sb, []).moved == ()


def test_every_problem_at_once_in_korean(mini: dict[str, Any]) -> None:
    sb = score(mini["rubric"], mini["results"], mini["panel"], mini["adjustments"])
    d = sb.details[0]
    assert d.panel is not None
    crit = sb.rubric.criteria.panel[0]
    with pytest.raises(InputError) as info:
        what_if(
            sb,
            [
                AdjustmentChange("없는과제", 1),
                AdjustmentChange(d.task.code, 99),
                AdjustmentChange(d.task.code, "많이"),
                CriterionScoreChange(d.task.code, "모르는위원", crit.id, 1),
                CriterionScoreChange(d.task.code, d.panel.evaluators[0], "nope", 1),
                CriterionScoreChange(d.task.code, d.panel.evaluators[0], crit.id, 999),
            ],
        )
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 6
    assert "채점표에 없습니다" in messages[0]
    assert "루브릭 한도" in messages[1]
    assert "숫자가 아닙니다" in messages[2]
    assert "채점한 위원이 아닙니다" in messages[3]
    assert "채점하는 항목이 아닙니다" in messages[4]
    assert "배점" in messages[5]
