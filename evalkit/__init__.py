"""evalkit: a ministry's annual self-evaluation (자체평가) end to end.

Rubric in (:func:`load_rubric`), scores and the seven-grade relative ranking out
(:func:`score`, :func:`assign_grades`), and the committee's report as DOCX and PDF
(``evalkit.report``, loaded lazily: importing evalkit never imports the renderers).

The grading API (:func:`assign_grades`, :func:`grade_quotas`, :func:`grade_boundaries`,
:class:`GradeScheme`, :func:`achievement_rate`) is stable for other tools.
"""

from ._achievement import Achievement, achievement_rate
from ._decisions import (
    Appeal,
    AppliedDecision,
    DecidedGrades,
    DecisionError,
    GradeOverride,
    apply_decisions,
)
from ._errors import (
    EvalkitError,
    InputError,
    OutputError,
    Problem,
    RubricError,
    ScoringError,
    UnitError,
)
from ._grading import (
    GradingError,
    assign_grades,
    grade_boundaries,
    grade_quotas,
)
from ._identifiers import IdentifierError, resolve_subcommittee, resolve_task_code
from ._inputs import Actual, Adjustment, Adjustments, EvaluatorSheet, Panel, Results
from ._loader import ValidationReport, load_rubric, validate_rubric
from ._margins import grade_margins, points_to_next_grade
from ._numbers import round_half_up
from ._panel import PanelResult, aggregate_panel
from ._quota import QuotaLimit
from ._rubric import (
    AchievementPolicy,
    Criteria,
    Criterion,
    DataNote,
    Indicator,
    PerformanceGoal,
    Rubric,
    StrategicGoal,
    Subcommittee,
    Task,
)
from ._schema import json_schema
from ._scheme import DEFAULT_SCHEME, PRESETS, GradeDefinition, GradeScheme, Preset
from ._scoring import IndicatorScore, Scoreboard, TaskScore, score
from ._standardise import standardise_panel
from ._units import convert, parse_unit
from ._version import __version__
from ._whatif import AdjustmentChange, CriterionScoreChange, TaskChange, WhatIf, what_if

__all__ = [
    "DEFAULT_SCHEME",
    "PRESETS",
    "Achievement",
    "AchievementPolicy",
    "Actual",
    "Adjustment",
    "AdjustmentChange",
    "Adjustments",
    "Appeal",
    "AppliedDecision",
    "Criteria",
    "Criterion",
    "CriterionScoreChange",
    "DataNote",
    "DecidedGrades",
    "DecisionError",
    "EvalkitError",
    "EvaluatorSheet",
    "GradeDefinition",
    "GradeOverride",
    "GradeScheme",
    "GradingError",
    "IdentifierError",
    "Indicator",
    "IndicatorScore",
    "InputError",
    "OutputError",
    "Panel",
    "PanelResult",
    "PerformanceGoal",
    "Preset",
    "Problem",
    "QuotaLimit",
    "Results",
    "Rubric",
    "RubricError",
    "Scoreboard",
    "ScoringError",
    "StrategicGoal",
    "Subcommittee",
    "Task",
    "TaskChange",
    "TaskScore",
    "UnitError",
    "ValidationReport",
    "WhatIf",
    "__version__",
    "achievement_rate",
    "aggregate_panel",
    "apply_decisions",
    "assign_grades",
    "convert",
    "grade_boundaries",
    "grade_margins",
    "grade_quotas",
    "json_schema",
    "load_rubric",
    "parse_unit",
    "points_to_next_grade",
    "resolve_subcommittee",
    "resolve_task_code",
    "round_half_up",
    "score",
    "standardise_panel",
    "validate_rubric",
    "what_if",
]
