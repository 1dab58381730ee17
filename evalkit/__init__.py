"""evalkit: a ministry's annual self-evaluation (자체평가) end to end.

Rubric in (:func:`load_rubric`), scores and the seven-grade relative ranking out
(:func:`score`, :func:`assign_grades`), and the committee's report as DOCX and PDF
(``evalkit.report``, loaded lazily: importing evalkit never imports the renderers).

The grading API (:func:`assign_grades`, :func:`grade_quotas`, :func:`grade_boundaries`,
:class:`GradeScheme`, :func:`achievement_rate`) is stable for other tools.
"""

from ._achievement import Achievement, achievement_rate
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
    points_to_next_grade,
)
from ._inputs import Actual, Adjustment, Adjustments, EvaluatorSheet, Panel, Results
from ._loader import ValidationReport, load_rubric, validate_rubric
from ._numbers import round_half_up
from ._panel import PanelResult, aggregate_panel
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
from ._scheme import DEFAULT_SCHEME, GradeDefinition, GradeScheme
from ._scoring import IndicatorScore, Scoreboard, TaskScore, score
from ._units import convert, parse_unit
from ._version import __version__

__all__ = [
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
    "OutputError",
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
]
