"""The stable grading API on its own: ``import evalkit.grading`` (no renderers, no workbooks)."""

from ._achievement import Achievement, achievement_rate
from ._grading import (
    GradingError,
    assign_grades,
    grade_boundaries,
    grade_quotas,
    points_to_next_grade,
)
from ._numbers import round_half_up
from ._scheme import DEFAULT_SCHEME, GradeDefinition, GradeScheme

__all__ = [
    "DEFAULT_SCHEME",
    "Achievement",
    "GradeDefinition",
    "GradeScheme",
    "GradingError",
    "achievement_rate",
    "assign_grades",
    "grade_boundaries",
    "grade_quotas",
    "points_to_next_grade",
    "round_half_up",
]
