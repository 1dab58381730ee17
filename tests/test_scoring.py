"""Task scores (과제별 평정점수): indicators → criteria → total → grade, exactly."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import _paths
import pandas as pd
import pytest
import strategies  # noqa: F401  (loads the shared hypothesis profile)
from hypothesis import given
from hypothesis import strategies as st

import evalkit
from evalkit import (
    Actual,
    Adjustment,
    Adjustments,
    InputError,
    Panel,
    Results,
    Rubric,
    assign_grades,
    grade_quotas,
    score,
)

F = Fraction
D = Decimal

# Every indicator of examples/mini at exactly its target (100 %).
AT_TARGET: dict[str, Any] = {
    "Ⅰ-1-①-1": 17, "Ⅰ-1-①-2": 266, "Ⅰ-1-①-3": 92, "Ⅰ-1-①-4": 85,
    "Ⅰ-1-②-1": 1350, "Ⅰ-1-②-2": D("43.5"), "Ⅰ-1-②-3": 28,
    "Ⅰ-1-③-1": 10, "Ⅰ-1-③-2": 739,
    "Ⅰ-2-①-1": 450, "Ⅰ-2-①-2": "수립",
    "Ⅱ-1-①-1": D("0.146"), "Ⅱ-1-①-2": 40000,
    "Ⅱ-1-②-1": 100, "Ⅱ-1-②-2": D("2.0"),
    "Ⅱ-1-③-1": 70000,
}  # fmt: skip
TASKS = ["Ⅰ-1-①", "Ⅰ-1-②", "Ⅰ-1-③", "Ⅰ-2-①", "Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"]
PANEL_CRITERIA = ("plan", "execution", "outcome", "feedback")  # 15 / 15 / 18 / 12


def panel_rows(task: str, *sheets: tuple[Any, ...]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (task, f"위원{i + 1}", dict(zip(PANEL_CRITERIA, s, strict=True)))
        for i, s in enumerate(sheets)
    ]


def uniform_panel(points: dict[str, tuple[Any, ...]]) -> Panel:
    rows = []
    for task in TASKS:
        rows += panel_rows(task, points.get(task, (10, 10, 10, 10)))
    return Panel.from_rows(rows, source="panel.csv")


@pytest.fixture(scope="module")
def mini_cap120() -> Rubric:
    return evalkit.load_rubric(_paths.mini_cap120())


def test_worked_example_on_the_mini_rubric(mini_cap120: Rubric) -> None:
    mini_rubric = mini_cap120
    actuals = dict(AT_TARGET)
    # Ⅰ-1-① (weights .3 .3 .2 .2, cap 120): 34/17 = 200 % → 120; 133/266 = 50 %;
    # 46/92 = 50 %; 85/85 = 100 %. Σ w·rate = 36 + 15 + 10 + 20 = 81 → 40 × 81 % = 32.4.
    actuals |= {"Ⅰ-1-①-1": 34, "Ⅰ-1-①-2": 133, "Ⅰ-1-①-3": 46}
    rows = panel_rows(
        "Ⅰ-1-①",
        (15, 15, 18, 12),  # 60: dropped as highest
        (12, 12, 15, 10),  # 49
        (10, 10, 10, 10),  # 40: dropped as lowest
        (13, 14, 16, 11),  # 54
    )
    for task in TASKS[1:]:
        rows += panel_rows(task, (10, 10, 10, 10))
    adjustments = [Adjustment("Ⅰ-1-①", D("1.5"), "우수사례 선정")]
    sb = score(mini_rubric, actuals, Panel.from_rows(rows), adjustments)

    t = sb.task("Ⅰ-1-①")
    assert [i.achievement.scored for i in t.indicators] == [120, 50, 50, 100]
    assert t.indicators[0].achievement.raw == 200 and t.indicators[0].achievement.capped
    assert t.weighted_achievement == 81
    assert t.computed == {"indicators": F(162, 5)}  # 32.4
    # Panel: mean of 위원2 and 위원4 per criterion.
    assert t.panel is not None
    assert (t.panel.dropped_high, t.panel.dropped_low) == ("위원1", "위원3")
    assert t.panel.criteria == {
        "plan": F(25, 2),
        "execution": 13,
        "outcome": F(31, 2),
        "feedback": F(21, 2),
    }
    assert t.adjustment_total == F(3, 2)
    assert t.total == F(162, 5) + F(103, 2) + F(3, 2) == F(854, 10)  # 85.4
    assert sum(t.criteria.values()) + t.adjustment_total == t.total

    # Every other task: 40 × 100 % + 40 from the panel.
    for task in TASKS[1:]:
        assert sb.task(task).total == 80, task
    # 85.4 vs six tasks at 80 (seven tasks: quotas 1 1 2 1 1 1 0): 매우우수, and the tie group
    # of six starts at position 2 → 우수 for all of them.
    assert t.grade == "매우우수" and t.rank == 1
    assert {sb.task(c).grade for c in TASKS[1:]} == {"우수"}
    assert {sb.task(c).rank for c in TASKS[1:]} == {2}
    assert t.to_next_grade is None and sb.task("Ⅰ-1-②").to_next_grade == F(54, 10)

    row = sb.tasks.set_index("code").loc["Ⅰ-1-①"]
    assert row["total"] == 85.4 and row["indicators"] == 32.4 and row["plan"] == 12.5
    assert row["dropped_high"] == "위원1" and row["dropped_low"] == "위원3"
    assert row["adjustment"] == 1.5 and row["grade"] == "매우우수"
    assert sb.tasks["code"].iloc[0] == "Ⅰ-1-①"  # sorted by rank
    ind = sb.indicators.set_index("indicator").loc["Ⅰ-1-①-1"]
    assert (ind["raw_rate"], ind["scored_rate"], ind["capped"]) == (200.0, 120.0, True)
    assert ind["weighted_rate"] == 36.0
    summary = sb.summary.set_index("grade")
    assert summary["quota"].tolist() == grade_quotas(7)
    assert summary.loc["매우우수", "count"] == 1 and summary.loc["우수", "count"] == 6


def test_down_indicators_milestones_units_and_equal_weights(mini_cap120: Rubric) -> None:
    mini_rubric = mini_cap120
    actuals: dict[str, Any] = dict(AT_TARGET)
    actuals |= {
        "Ⅱ-1-①-1": 0,  # 하향, actual 0: rate undefined, scored at the rubric cap (120)
        "Ⅱ-1-②-1": Actual(D("100000"), unit="천B"),  # 1억 배럴 reported in 천B: 100 %
        "Ⅱ-1-②-2": D("2.5"),  # 하향 ratio: 2.0 / 2.5 = 80 %
        "Ⅰ-2-①-2": "미수립",  # milestone not achieved: 0
        "Ⅰ-1-②-1": 675,  # equal weights 1/3: 50 %, 100 %, 100 %
    }
    sb = score(mini_rubric, actuals, uniform_panel({}))
    e1 = sb.task("Ⅱ-1-①").indicators[0].achievement
    assert e1.raw is None and e1.scored == 120
    assert sb.task("Ⅱ-1-①").weighted_achievement == F(1, 2) * 120 + F(1, 2) * 100
    assert sb.task("Ⅱ-1-②").indicators[0].actual_in_unit == 100
    assert sb.task("Ⅱ-1-②").weighted_achievement == F(7, 10) * 100 + F(3, 10) * 80
    assert sb.task("Ⅰ-2-①").weighted_achievement == F(3, 5) * 100
    assert sb.task("Ⅰ-1-②").weighted_achievement == F(1, 3) * (50 + 100 + 100)
    assert sb.task("Ⅰ-1-②").computed["indicators"] == F(40, 3) * F(250, 100)
    row = sb.indicators.set_index("indicator")
    assert pd.isna(row.loc["Ⅱ-1-①-1", "raw_rate"]) and row.loc["Ⅱ-1-①-1", "scored_rate"] == 120
    assert sb.tasks.set_index("code").loc["Ⅰ-1-②", "weights_assumed"]


def test_grading_by_subcommittee(mini_rubric: Rubric) -> None:
    panel = uniform_panel({c: (i, i, i, i) for i, c in enumerate(TASKS)})
    sb = score(mini_rubric, AT_TARGET, panel, by="subcommittee")
    totals = pd.Series({d.task.code: d.total for d in sb.details})
    groups = pd.Series({d.task.code: d.task.assigned_subcommittee for d in sb.details})
    expected = assign_grades(totals, mini_rubric.grade_scheme, by=groups)
    assert {d.task.code: d.grade for d in sb.details} == expected.to_dict()
    assert {d.group for d in sb.details} == {"산업분과", "에너지분과"}
    # Quotas add up per group: 4 tasks (0 1 1 1 1 0 0) and 3 tasks (0 1 1 0 1 0 0).
    assert sb.summary["quota"].tolist() == [
        a + b for a, b in zip(grade_quotas(4), grade_quotas(3), strict=True)
    ]
    with pytest.raises(Exception, match="cannot group by 'ministry'"):
        score(mini_rubric, AT_TARGET, panel, by="ministry")


def test_every_input_problem_is_reported_at_once(mini_rubric: Rubric) -> None:
    actuals: dict[str, Any] = dict(AT_TARGET)
    del actuals["Ⅰ-1-③-1"]
    actuals["Ⅰ-1-①-2"] = "많음"
    actuals["Ⅱ-1-②-1"] = Actual(5, unit="억원")  # barrels cannot become won
    actuals["Ⅸ-1-①-1"] = 5
    rows = []
    for task in TASKS:
        if task != "Ⅱ-1-③":
            rows += panel_rows(task, (10, 10, 10, 10))
    rows += [("Ⅰ-1-①", "위원9", {"plan": 16, "execution": 1, "outcome": 1, "feedback": 1})]
    rows += [("Ⅹ-9-⑨", "위원1", {"plan": 1})]
    adjustments = Adjustments((Adjustment("Ⅰ-1-②", D(3), "과대"), Adjustment("Ⅰ-1-③", D(1), " ")))
    results = Results.from_mapping(actuals, source="results.csv")
    with pytest.raises(InputError) as info:
        score(mini_rubric, results, Panel.from_rows(rows, source="panel.csv"), adjustments)
    text = str(info.value)
    for needle in [
        "indicator Ⅰ-1-③-1 (수입처 다변화 지원 품목) has no actual result",
        "Ⅰ-1-①-2 (사업재편 지원): actual '많음' is not a number",
        "Ⅱ-1-②-1 (비축유 확보): '억원' cannot convert to '백만B'",
        "unknown indicator 'Ⅸ-1-①-1'",
        "unknown task code 'Ⅹ-9-⑨' in the panel",
        "task Ⅰ-1-①, evaluator 위원9: plan = 16 is outside 0..15",
        "task Ⅱ-1-③ has no evaluator scores",
        "adjustments for Ⅰ-1-② total 3, outside the rubric's limits -2..2",
        "adjustment for Ⅰ-1-③ has no reason",
    ]:
        assert needle in text, needle
    files = {p.file for p in info.value.problems}
    assert {"results.csv", "panel.csv"} <= files


def test_scoring_a_subset_of_tasks(mini_rubric: Rubric) -> None:
    panel = uniform_panel({})
    adjustments = [Adjustment("Ⅱ-1-③", 0.1, "float points are read from their text")]  # type: ignore[arg-type]
    sb = score(mini_rubric, AT_TARGET, panel, adjustments, tasks=["Ⅱ-1-③", "Ⅰ-1-①"])
    assert [d.task.code for d in sb.details] == ["Ⅰ-1-①", "Ⅱ-1-③"]  # plan order
    assert sb.task("Ⅱ-1-③").total == 80 + F(1, 10)
    assert grade_quotas(2) == sb.summary["quota"].tolist()
    with pytest.raises(InputError, match="unknown task code 'Ⅸ-1-①' in `tasks`"):
        score(mini_rubric, AT_TARGET, panel, tasks=["Ⅸ-1-①"])


# --- the engine against Fractions -------------------------------------------------------------


@st.composite
def scoring_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A random one-goal rubric with its results and panel, plus the expected totals."""
    computed_points = draw(st.integers(10, 60))
    cap = draw(st.one_of(st.none(), st.sampled_from([100, 110, 120, 150])))
    down_method = draw(st.sampled_from(["ratio", "mirror"]))
    n_tasks = draw(st.integers(1, 6))
    tasks, actuals, expected, rows = [], {}, {}, []
    for ti in range(n_tasks):
        code = f"Ⅰ-1-{ti + 1}"
        n = draw(st.integers(1, 5))
        equal = draw(st.booleans())
        if equal:
            weights = [F(1, n)] * n
        else:  # printed weights in hundredths adding up to exactly 1
            cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1)))
            weights = [F(b - a, 100) for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
        indicators, weighted = [], F(0)
        for i in range(n):
            target = draw(st.integers(1, 10**5)) / D(100)
            actual = draw(st.integers(0, 3 * 10**5)) / D(100)
            direction = draw(st.sampled_from(["up", "down"]))
            indicators.append(
                {
                    "no": i + 1,
                    "name": f"지표{i + 1}",
                    "unit": "건",
                    "target": target,
                    "direction": direction,
                }
                | ({} if equal else {"weight": D(weights[i].numerator) / weights[i].denominator})
            )
            actuals[f"{code}-{i + 1}"] = actual
            a, t = F(actual), F(target)
            if direction == "up":
                rate: Fraction | None = a / t * 100
            elif down_method == "ratio":
                rate = None if a == 0 else t / a * 100
            else:
                rate = max(F(0), 200 - a / t * 100)
            if rate is None:
                scored = F(100) if cap is None else F(cap)
            else:
                scored = max(rate, F(0)) if cap is None else min(max(rate, F(0)), F(cap))
            weighted += weights[i] * scored
        tasks.append(
            {
                "code": code,
                "name": f"과제{ti + 1}",
                "weighting": "equal" if equal else "printed",
                "indicators": indicators,
            }
        )
        plan = [draw(st.integers(0, 100 - computed_points)) for _ in range(draw(st.integers(1, 6)))]
        rows += [(code, f"위원{k}", {"plan": p}) for k, p in enumerate(plan)]
        kept = sorted(plan)[1:-1] if len(plan) >= 4 else plan
        panel_mean = F(sum(kept), len(kept))
        expected[code] = computed_points * weighted / 100 + panel_mean
    rubric = Rubric.model_validate({
        "meta": {"ministry": "시험부", "year": 2024, "title": "시험"},
        "criteria": {"total": 100, "items": [
            {"id": "indicators", "name": "성과지표 달성도", "points": computed_points,
             "method": "computed"},
            {"id": "plan", "name": "계획", "points": 100 - computed_points, "method": "panel"},
        ]},
        "achievement": {"cap": cap, "down_method": down_method},
        "strategic_goals": [{"code": "Ⅰ", "title": "목표", "performance_goals": [
            {"code": "Ⅰ-1", "title": "성과목표", "tasks": tasks}]}],
    })  # fmt: skip
    return {
        "rubric": rubric,
        "actuals": actuals,
        "panel": Panel.from_rows(rows),
        "expected": expected,
    }


@given(scoring_cases())
def test_task_totals_equal_fraction_arithmetic(case: dict[str, Any]) -> None:
    sb = score(case["rubric"], case["actuals"], case["panel"])
    assert {d.task.code: d.total for d in sb.details} == case["expected"]
    for d in sb.details:
        assert sum(d.criteria.values()) == d.total
    totals = pd.Series(case["expected"])
    grades = assign_grades(totals, case["rubric"].grade_scheme)
    assert {d.task.code: d.grade for d in sb.details} == grades.to_dict()


def test_grading_by_subcommittee_ranks_within_each_group(mini_rubric) -> None:  # type: ignore[no-untyped-def]
    import evalkit

    results = {
        i.id: (i.numeric_target if i.numeric_target is not None else "수립")
        for _, i in mini_rubric.iter_indicators()
    }
    rows = [
        (t.code, f"위원{k}", {"plan": 10 + n % 5, "execution": 12, "outcome": 15, "feedback": 10})
        for n, t in enumerate(mini_rubric.tasks)
        for k in range(1, 5)
    ]
    sb = evalkit.score(mini_rubric, results, evalkit.Panel.from_rows(rows), by="subcommittee")
    frame = sb.tasks.set_index("code")
    for group, part in frame.groupby("group"):
        assert sorted(part["group_rank"]) == sorted(
            part["total"].rank(method="min", ascending=False).astype(int)
        ), group
    assert set(frame["group"]) == {"산업분과", "에너지분과"}
    assert sorted(frame["rank"]) == sorted(frame["total"].rank(method="min", ascending=False))
