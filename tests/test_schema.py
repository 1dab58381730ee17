"""The editor schemas: draft 2020-12 with an $id, Korean descriptions everywhere, and every
shipped rubric file, goal file and round file valid under them (checked with jsonschema)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _paths import MINI, ROOT
from jsonschema import Draft202012Validator

from evalkit._schema import DIALECT, SCHEMA_KINDS, json_schema
from evalkit._yaml import load_yaml

RUBRICS = sorted([*ROOT.glob("rubrics/*.yaml"), MINI])
GOALS = sorted(ROOT.glob("rubrics/*/*.yaml"))
ROUNDS = sorted(ROOT.glob("examples/**/round.yaml"))


def _as_editor_sees(value: Any) -> Any:
    """YAML as a JSON-based editor sees it: keys and dates as text, numbers as numbers."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load(path: Path) -> Any:
    doc, problems = load_yaml(path)
    assert doc is not None, problems
    return _as_editor_sees(doc.data)


def _errors(kind: str, data: Any) -> list[str]:
    validator = Draft202012Validator(json_schema(kind))  # type: ignore[arg-type]
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_each_schema_is_a_valid_2020_12_schema_with_an_id(kind: str) -> None:
    schema = json_schema(kind)  # type: ignore[arg-type]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:evalkit:schema:" + kind)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_property_has_a_korean_description(kind: str) -> None:
    schema = json_schema(kind)  # type: ignore[arg-type]
    models = [("(root)", schema), *schema.get("$defs", {}).items()]
    undescribed = [
        f"{name}.{prop}"
        for name, model in models
        for prop, sub in model.get("properties", {}).items()
        if not re.search("[가-힣]", sub.get("description", ""))
    ]
    assert undescribed == []
    assert all(re.search("[가-힣]", m.get("description", "")) for _, m in models)
    assert (
        sum(len(m.get("properties", {})) for _, m in models)
        >= ({"rubric": 88, "goal": 48, "round": 27}[kind])
    )


def test_shipped_files_exist() -> None:
    assert len(RUBRICS) >= 2 and len(GOALS) == 7 and ROUNDS


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_every_shipped_rubric_validates(path: Path) -> None:
    assert _errors("rubric", _load(path)) == []


@pytest.mark.parametrize("path", GOALS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_goal_file_validates(path: Path) -> None:
    assert _errors("goal", _load(path)) == []


@pytest.mark.parametrize("path", ROUNDS, ids=lambda p: p.parent.name)
def test_every_shipped_round_file_validates(path: Path) -> None:
    assert _errors("round", _load(path)) == []


def test_the_rubric_schema_knows_include() -> None:
    main = _load(ROOT / "rubrics" / "motie-2024.yaml")
    assert "strategic_goals" not in main and main["include"]
    assert _errors("rubric", main) == []
    neither = {k: v for k, v in main.items() if k != "include"}
    assert _errors("rubric", neither) != []
    assert _errors("rubric", {**main, "include": ["../outside.yaml"]}) != []


def test_the_schemas_refuse_what_the_loader_refuses() -> None:
    goal = _load(ROOT / "rubrics" / "motie-2024" / "goal-1.yaml")
    assert _errors("goal", {**goal, "titel": "x"}) != []  # a misspelt key
    task = goal["performance_goals"][0]["tasks"][0]
    task["indicators"][0]["direction"] = "sideways"
    task["indicators"][1]["weight"] = "abc"
    errors = _errors("goal", goal)
    assert any("sideways" in e for e in errors) and any("abc" in e for e in errors)
    rnd = _load(ROUNDS[0])
    assert _errors("round", {**rnd, "status": "완료"}) != []
    assert _errors("round", {**rnd, "version": 2}) == []  # the loader reads it as text
