"""Evaluator panel (평가단) aggregation.

Default rule (``trimmed``): with at least :data:`TRIM_MIN_EVALUATORS` (4) evaluators on a
task, drop the single highest and the single lowest evaluator *total* (:data:`TRIM_DROPPED_EACH`
of each, even if several share the max or min) and average the rest per criterion, so the
criterion breakdown still sums to the total. With fewer evaluators, the plain mean. ``mean``
and ``median`` are also available. The report's description of the rule (Ⅰ 평가 개요) is
printed from these constants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from ._errors import ScoringError
from ._inputs import EvaluatorSheet

Aggregation = Literal["trimmed", "mean", "median"]
TRIM_MIN_EVALUATORS = 4
"""Fewest evaluators on a task for the trimmed mean; with fewer, the plain mean."""
TRIM_DROPPED_EACH = 1
"""Evaluator totals dropped at each end by the trimmed mean: one highest and one lowest
(:class:`PanelResult` names them in ``dropped_high`` and ``dropped_low``)."""


@dataclass(frozen=True)
class PanelResult:
    """Aggregated panel score of one task, with the evaluators dropped by trimming."""

    criteria: dict[str, Fraction]
    total: Fraction
    rule: str
    evaluators: tuple[str, ...]
    dropped_high: str | None = None
    dropped_low: str | None = None
    sheets: tuple[EvaluatorSheet, ...] = field(default=())


def aggregate_panel(
    sheets: Sequence[EvaluatorSheet],
    criteria: Sequence[str],
    rule: Aggregation = "trimmed",
    *,
    task: str = "",
) -> PanelResult:
    """Aggregate evaluators' sheets for one task under ``rule``.

    Ties for highest/lowest total are broken by evaluator order (the first listed is
    dropped), so the result is reproducible.
    """
    if not sheets:
        raise ScoringError(
            f"task {task}: no evaluator scored it; the panel needs at least one sheet per task"
        )
    names = [s.evaluator for s in sheets]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ScoringError(f"task {task}: evaluator(s) {', '.join(dup)} scored it twice")
    for s in sheets:
        missing = [c for c in criteria if c not in s.scores]
        if missing:
            raise ScoringError(
                f"task {task}: evaluator {s.evaluator} gave no score for {', '.join(missing)}"
            )
    if rule not in ("trimmed", "mean", "median"):
        raise ScoringError(f"unknown panel rule {rule!r}; use trimmed, mean or median")

    # Evaluator totals over the aggregated criteria only, so a stray key cannot move the trim.
    def total(s: EvaluatorSheet) -> Fraction:
        return sum((s.scores[c] for c in criteria), Fraction(0))

    kept = list(sheets)
    high = low = None
    if rule == "trimmed" and len(sheets) >= TRIM_MIN_EVALUATORS:
        totals = [total(s) for s in sheets]
        hi_i = max(range(len(sheets)), key=lambda i: (totals[i], -i))
        lo_i = min(range(len(sheets)), key=lambda i: (totals[i], i))
        if lo_i == hi_i:  # all totals equal: drop the first as high, the last as low
            hi_i, lo_i = 0, len(sheets) - 1
        high, low = sheets[hi_i].evaluator, sheets[lo_i].evaluator
        kept = [s for i, s in enumerate(sheets) if i not in (hi_i, lo_i)]
        used = "trimmed"
    elif rule == "median":
        used = "median"
    else:
        used = "mean"
    per: dict[str, Fraction] = {}
    if used == "median":
        # The median evaluator(s) by total, averaged per criterion, so the breakdown still
        # sums to the total (a per-cell median would not).
        ordered = sorted(kept, key=total)
        k = len(ordered)
        mids = ordered[(k - 1) // 2 : k // 2 + 1]
        for c in criteria:
            per[c] = sum((s.scores[c] for s in mids), Fraction(0)) / len(mids)
    else:
        for c in criteria:
            per[c] = sum((s.scores[c] for s in kept), Fraction(0)) / len(kept)
    return PanelResult(
        criteria=per,
        total=sum(per.values(), Fraction(0)),
        rule=used,
        evaluators=tuple(names),
        dropped_high=high,
        dropped_low=low,
        sheets=tuple(sheets),
    )
