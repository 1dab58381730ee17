"""The public API is exactly what __all__ says, and importing it stays light."""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType

import pytest

import evalkit
import evalkit.grading

# Names other tools rely on: they may be added to, never removed without a major version.
STABLE = {
    "DEFAULT_SCHEME",
    "Achievement",
    "AchievementPolicy",
    "Actual",
    "Adjustment",
    "Adjustments",
    "Criteria",
    "Criterion",
    "DataNote",
    "EvalkitError",
    "EvaluatorSheet",
    "GradeDefinition",
    "GradeScheme",
    "GradingError",
    "Indicator",
    "IndicatorScore",
    "InputError",
    "Panel",
    "PanelResult",
    "PerformanceGoal",
    "Problem",
    "Results",
    "Rubric",
    "RubricError",
    "Scoreboard",
    "ScoringError",
    "StrategicGoal",
    "Subcommittee",
    "Task",
    "TaskScore",
    "UnitError",
    "ValidationReport",
    "__version__",
    "achievement_rate",
    "aggregate_panel",
    "assign_grades",
    "convert",
    "grade_boundaries",
    "grade_quotas",
    "load_rubric",
    "parse_unit",
    "points_to_next_grade",
    "round_half_up",
    "score",
    "validate_rubric",
}

# Every public namespace; each one's __all__ is derived from what the module really defines.
NAMESPACES = [
    "evalkit",
    "evalkit.grading",
    "evalkit.report",
    "evalkit.renderers",
    "evalkit.workbooks",
]
INCLUDED_PRIVATE = {"__version__"}


def _namespace(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:  # an optional extra is missing
        pytest.skip(f"{name}: {exc}")


def _from_evalkit(value: object) -> bool:
    """Objects defined in evalkit, and plain constants (which carry no ``__module__``)."""
    if isinstance(value, type) or callable(value):
        return str(getattr(value, "__module__", "")).startswith("evalkit")
    return not str(getattr(type(value), "__module__", "")).startswith("__future__")


@pytest.mark.parametrize("name", NAMESPACES)
def test_all_is_what_the_module_exports(name: str) -> None:
    """httpx's rule: ``__all__`` lists exactly the module's public names (ruff's RUF022 keeps
    it sorted)."""
    module = _namespace(name)
    public = [
        member
        for member, value in vars(module).items()
        if (not member.startswith("_") or member in INCLUDED_PRIVATE)
        and not isinstance(value, ModuleType)  # subpackages imported as a side effect
        and _from_evalkit(value)  # not a name imported from the standard library
    ]
    lazy = set(getattr(module, "__all__", ())) - set(vars(module))
    for member in lazy:  # PEP 562 lazy attributes resolve on first access
        getattr(module, member)
    assert set(module.__all__) == set(public) | lazy
    assert len(module.__all__) == len(set(module.__all__))


@pytest.mark.parametrize("name", NAMESPACES)
def test_public_objects_come_from_private_modules(name: str) -> None:
    module = _namespace(name)
    for member in module.__all__:
        defined_in = getattr(getattr(module, member), "__module__", None)
        if defined_in is not None and defined_in.startswith("evalkit") and defined_in != name:
            assert defined_in.rsplit(".", 1)[-1].startswith("_"), (member, defined_in)


def test_stable_names_stay() -> None:
    assert set(evalkit.__all__) >= STABLE


def test_grading_module_exports() -> None:
    assert set(evalkit.grading.__all__) <= set(evalkit.__all__)
    assert {"assign_grades", "grade_quotas", "GradeScheme"} <= set(evalkit.grading.__all__)


def test_import_does_not_load_renderers_or_workbooks() -> None:
    code = (
        "import sys, evalkit, evalkit.grading\n"
        "heavy = ['weasyprint', 'docx', 'matplotlib', 'openpyxl', 'jinja2', 'typer', 'pint']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_version_is_a_string() -> None:
    assert isinstance(evalkit.__version__, str) and evalkit.__version__.count(".") == 2
