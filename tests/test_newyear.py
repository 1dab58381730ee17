"""Next year's rubric from this year's, and validate's year checks."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _paths import MINI, MOTIE

import evalkit
from evalkit._errors import InputError
from evalkit._newyear import new_year_draft, year_warnings
from evalkit._yaml import load_yaml


def _write(draft: Any, folder: Path) -> Path:
    for rel, text in draft.files:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder / draft.rubric_name


def _walk(node: Any, key: str) -> list[Any]:
    """Every value stored under ``key`` anywhere in ``node``."""
    found: list[Any] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                found.append(v)
            found += _walk(v, key)
    elif isinstance(node, list):
        for v in node:
            found += _walk(v, key)
    return found


@pytest.fixture(scope="module")
def motie_2025(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    r = evalkit.load_rubric(MOTIE)
    draft = new_year_draft(r, MOTIE, 2025)
    return draft, _write(draft, tmp_path_factory.mktemp("y2025"))


def test_the_2024_rubric_becomes_a_2025_draft_with_warnings_only(
    motie_2025: tuple[Any, Path], motie_rubric: evalkit.Rubric
) -> None:
    draft, path = motie_2025
    assert [rel for rel, _ in draft.files] == [
        "motie-2025.yaml",
        *(f"motie-2025/goal-{i}.yaml" for i in range(1, 8)),
    ]
    report = evalkit.validate_rubric(path)
    assert report.errors == ()
    r = report.rubric
    assert r is not None and r.meta.year == 2025 and r.meta.draft
    assert r.meta.title == "2025년도 산업통상자원부 주요정책 자체평가"
    assert [t.code for t in r.tasks] == [t.code for t in motie_rubric.tasks]
    assert [i.weight for _, i in r.iter_indicators()] == [
        i.weight for _, i in motie_rubric.iter_indicators()
    ]
    assert all(i.target is None for _, i in r.iter_indicators())
    assert draft.blank_targets == 215
    fields = {w.field for w in report.warnings}
    assert {"meta.source.document", "meta.draft"} <= fields
    stale = [w for w in report.warnings if "2024년도 원문 기준 자료 주석" in w.message]
    assert len(stale) == draft.notes_flagged == len(motie_rubric.all_data_notes)
    assert r.meta.source is not None and r.meta.source.sha256 is None and r.meta.source.file is None


def test_history_rolls_forward_and_year_bound_fields_go(motie_2025: tuple[Any, Path]) -> None:
    _, path = motie_2025
    doc, _ = load_yaml(path.parent / "motie-2025" / "goal-1.yaml")
    assert doc is not None
    goal = doc.data
    # Line numbers point into last year's plan; only the data notes (flagged) keep theirs.
    without_notes = copy.deepcopy({k: v for k, v in goal.items() if k != "data_notes"})
    for pg in without_notes["performance_goals"]:
        for t in pg["tasks"]:
            t.pop("data_notes", None)
    assert _walk(without_notes, "line") == []
    assert _walk(goal, "rationale") == [
        "최근 글로벌 경제위기 상황에도 ‘20~’23년 연평균 증가율 0.63% 목표로 도전적으로 설정"
    ]  # only the goal's 2028 target keeps its rationale
    old, _ = load_yaml(MOTIE.parent / "motie-2024" / "goal-1.yaml")
    assert old is not None
    before = old.data["performance_goals"][0]["tasks"][0]["indicators"][0]
    after = goal["performance_goals"][0]["tasks"][0]["indicators"][0]
    assert before["results"] == {2021: 14, 2022: 18, 2023: 16}
    assert after["results"] == {2022: 18, 2023: 16, 2024: None}
    assert after["weight"] == Decimal("0.3") and after["target"] is None
    top = goal["indicators"][0]
    assert top["target"] == Decimal("104.9") and top["target_year"] == 2028
    assert list(top["results"]) == [2020, 2021, 2022, 2023, 2024]
    notes = [note for group in _walk(goal, "data_notes") for note in group]
    assert len(notes) > 10 and all(note["year"] == 2024 for note in notes)


def test_last_years_actuals_fill_the_history(tmp_path: Path, mini_rubric: evalkit.Rubric) -> None:
    ids = [i.id for _, i in mini_rubric.iter_indicators()]
    actuals: dict[str, Any] = {ids[0]: Decimal("21"), ids[1]: "달성"}
    draft = new_year_draft(mini_rubric, MINI, 2025, actuals)
    assert draft.actuals_filled == 2 and draft.rubric_name == "rubric.yaml"
    r = evalkit.validate_rubric(_write(draft, tmp_path)).rubric
    assert r is not None
    by_id = {i.id: i for _, i in r.iter_indicators()}
    assert by_id[ids[0]].results[2024] == Decimal("21")
    assert by_id[ids[1]].results[2024] == "달성"
    assert by_id[ids[2]].results[2024] is None


def test_the_new_year_must_come_after(mini_rubric: evalkit.Rubric) -> None:
    with pytest.raises(InputError) as info:
        new_year_draft(mini_rubric, MINI, 2024)
    p = info.value.problems[0]
    assert p.field == "--year" and "2025" in (p.fix or "")


def test_a_rubric_and_its_sources_of_the_same_year_raise_nothing(
    motie_rubric: evalkit.Rubric, mini_rubric: evalkit.Rubric
) -> None:
    assert year_warnings(motie_rubric) == []
    assert year_warnings(mini_rubric) == []


def test_a_copied_rubric_with_only_its_year_changed_is_flagged(tmp_path: Path) -> None:
    # The case: the 2024 rubric copied and given year 2025 used to validate silently.
    for src in [MOTIE, *sorted((MOTIE.parent / "motie-2024").glob("*.yaml"))]:
        rel = src.relative_to(MOTIE.parent)
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(src.read_bytes())
    main = tmp_path / MOTIE.name
    main.write_text(
        main.read_text(encoding="utf-8").replace("  year: 2024\n", "  year: 2025\n"),
        encoding="utf-8",
    )
    report = evalkit.validate_rubric(main)
    assert report.errors == ()
    warned = {w.field: w for w in report.warnings}
    assert "meta.source.document" in warned and "meta.title" in warned
    w = warned["meta.source.document"]
    assert "2025" in w.message and "2024년도" in w.message and w.line == 14


def test_the_draft_files_pass_the_editor_schemas(motie_2025: tuple[Any, Path]) -> None:
    from jsonschema import Draft202012Validator
    from test_schema import _load

    from evalkit._schema import json_schema

    _, path = motie_2025
    rubric = Draft202012Validator(json_schema("rubric"))
    goal = Draft202012Validator(json_schema("goal"))
    assert list(rubric.iter_errors(_load(path))) == []
    for goal_file in sorted((path.parent / "motie-2025").glob("*.yaml")):
        assert list(goal.iter_errors(_load(goal_file))) == [], goal_file
