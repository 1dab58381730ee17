"""The rubric model: derived attributes, weight policies, public loading API."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from _paths import MINI

import evalkit
from evalkit._rubric import effective_weights


def test_public_loading_api(mini_rubric: evalkit.Rubric) -> None:
    r = mini_rubric
    assert [t.code for t in r.tasks] == [
        "Ⅰ-1-①",
        "Ⅰ-1-②",
        "Ⅰ-1-③",
        "Ⅰ-2-①",
        "Ⅱ-1-①",
        "Ⅱ-1-②",
        "Ⅱ-1-③",
    ]
    t = r.task("Ⅰ-1-①")
    assert t.name == "산업 혁신성장 성과확산 기반 마련"
    ind = t.indicators[0]
    assert (ind.id, ind.name, ind.unit, ind.direction, ind.kind) == (
        "Ⅰ-1-①-1",
        "민관협력 확대",
        "건",
        "up",
        "quantitative",
    )
    assert ind.weight == Fraction(3, 10) and ind.effective_weight == Fraction(3, 10)
    assert ind.target == 17 and ind.results == {2021: 14, 2022: 18, 2023: 16}
    assert r.task("Ⅱ-1-①").indicators[0].direction == "down"
    assert t.strategic_goal_code == "Ⅰ" and t.performance_goal_code == "Ⅰ-1"
    assert t.assigned_subcommittee == "산업분과"
    assert r.source_path == str(MINI)


def test_equal_policy_gives_exact_thirds(mini_rubric: evalkit.Rubric) -> None:
    t = mini_rubric.task("Ⅰ-1-②")
    assert t.weighting == "equal" and t.weights_assumed
    assert all(i.weight is None for i in t.indicators)
    assert [i.effective_weight for i in t.indicators] == [Fraction(1, 3)] * 3
    assert sum(i.effective_weight for i in t.indicators) == 1  # type: ignore[misc]


def test_normalized_and_override_policies() -> None:
    base = dict(code="Ⅰ-1-①", name="t")
    inds = [
        evalkit.Indicator(no=1, name="a", weight="0.4", target=1, applied_weight="0.5"),
        evalkit.Indicator(no=2, name="b", weight="0.3", target=1, applied_weight="0.5"),
    ]
    norm = evalkit.Task(**base, weighting="normalized", indicators=inds)
    assert effective_weights(norm) == (Fraction(4, 7), Fraction(3, 7))
    over = evalkit.Task(**base, weighting="override", indicators=inds)
    assert effective_weights(over) == (Fraction(1, 2), Fraction(1, 2))
    printed = evalkit.Task(**base, weighting="printed", indicators=inds)
    assert sum(effective_weights(printed) or ()) == Fraction(7, 10)


def test_models_are_frozen(mini_rubric: evalkit.Rubric) -> None:
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError
        mini_rubric.tasks[0].name = "x"  # type: ignore[misc]


def test_task_lookup_errors_name_the_code(mini_rubric: evalkit.Rubric) -> None:
    with pytest.raises(KeyError, match="Ⅸ-9-⑨"):
        mini_rubric.task("Ⅸ-9-⑨")
    with pytest.raises(KeyError, match="indicator 9"):
        mini_rubric.tasks[0].indicator(9)


def test_all_data_notes_carry_their_task(mini_rubric: evalkit.Rubric) -> None:
    notes = mini_rubric.all_data_notes
    assert [(code, n.issue) for code, n in notes] == [("Ⅰ-1-②", "missing_weight")]


def test_load_rubric_raises_with_every_problem(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "weight: 0.3, target: 17", "weight: 0.5, target: 17"
    )
    text = text.replace("unit: 개사", "unit: 냥")
    p = tmp_path / "r.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(evalkit.RubricError) as info:
        evalkit.load_rubric(p)
    messages = [str(x) for x in info.value.problems if x.severity == "error"]
    assert len(messages) == 2
    assert any("tasks[Ⅰ-1-①].weighting" in m and "1.2" in m for m in messages)
    assert any("tasks[Ⅰ-2-①].indicators[1].unit" in m and "냥" in m for m in messages)


def test_json_schema_describes_the_format() -> None:
    schema = evalkit.Rubric.model_json_schema()
    assert {"meta", "criteria", "strategic_goals"} <= set(schema["properties"])
    assert "Indicator" in schema["$defs"] and "DataNote" in schema["$defs"]
