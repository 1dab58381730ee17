"""The stable grading API on its own: ``import evalkit.grading`` (no renderers, no workbooks)."""

from ._achievement import Achievement, achievement_rate
from ._grading import (
    GradingError,
    assign_grades,
    grade_boundaries,
    grade_quotas,
)
from ._margins import grade_margins, points_to_next_grade
from ._numbers import round_half_up
from ._quota import QuotaLimit
from ._scheme import DEFAULT_SCHEME, PRESETS, GradeDefinition, GradeScheme, Preset

__all__ = [
    "DEFAULT_SCHEME",
    "PRESETS",
    "Achievement",
    "GradeDefinition",
    "GradeScheme",
    "GradingError",
    "Preset",
    "QuotaLimit",
    "achievement_rate",
    "assign_grades",
    "grade_boundaries",
    "grade_margins",
    "grade_quotas",
    "points_to_next_grade",
    "round_half_up",
]
