"""The public API is exactly what __all__ says, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import evalkit
import evalkit.grading

EXPECTED = {
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


def test_all_is_exactly_the_public_api() -> None:
    assert set(evalkit.__all__) == EXPECTED
    assert len(evalkit.__all__) == len(set(evalkit.__all__))
    for name in evalkit.__all__:
        assert hasattr(evalkit, name), name


def test_public_objects_come_from_private_modules() -> None:
    for name in evalkit.__all__:
        obj = getattr(evalkit, name)
        module = getattr(obj, "__module__", None)
        if module is not None and module.startswith("evalkit"):
            assert module.split(".")[1].startswith("_"), (name, module)


def test_grading_module_exports() -> None:
    assert set(evalkit.grading.__all__) <= EXPECTED
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
