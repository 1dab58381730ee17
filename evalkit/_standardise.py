"""Per-evaluator standardisation (평가위원별 표준화) against leniency (관대화): optional, off by
default.

For each panel criterion ``c``, with every evaluator's scores on ``c`` over all the tasks of the
round pooled (mean ``μ``, population standard deviation ``σ``), and one evaluator's own scores on
``c`` (mean ``μ_e``, population standard deviation ``σ_e``):

    x' = μ + σ · (x − μ_e) / σ_e        (σ_e > 0)
    x' = μ                              (σ_e = 0: the evaluator told the tasks apart by nothing)

then ``x'`` is clipped to ``0 … points(c)``. An evaluator who scored fewer than
:data:`MIN_TASKS` tasks keeps the raw scores (no leniency can be estimated from one task).
Square roots are taken in decimal arithmetic to :data:`PRECISION` significant digits and the
result is exact from there on, so the outcome is reproducible. The standardised sheets then go
through the panel rule (trimmed mean etc.) as raw ones do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal, localcontext
from fractions import Fraction

from ._inputs import EvaluatorSheet, Panel
from ._rubric import Criterion

__all__ = ["MIN_TASKS", "PRECISION", "standardise_panel"]

MIN_TASKS = 2
"""Fewest tasks an evaluator must have scored to be standardised."""
PRECISION = 28
"""Significant digits of the decimal square roots."""


def _sqrt(x: Fraction) -> Fraction:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        d = Decimal(x.numerator) / Decimal(x.denominator)
        return Fraction(d.sqrt())


def _moments(values: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    n = len(values)
    mean = sum(values, Fraction(0)) / n
    var = sum(((v - mean) ** 2 for v in values), Fraction(0)) / n
    return mean, _sqrt(var)


def standardise_panel(panel: Panel, criteria: Sequence[Criterion]) -> Panel:
    """The panel with each evaluator's scores standardised per criterion (formula above)."""
    ids = [c.id for c in criteria]
    cap = {c.id: Fraction(c.points) for c in criteria}
    pooled: dict[str, list[Fraction]] = {c: [] for c in ids}
    own: dict[tuple[str, str], list[Fraction]] = {}
    tasks_of: dict[str, int] = {}
    for sheets in panel.sheets.values():
        for s in sheets:
            tasks_of[s.evaluator] = tasks_of.get(s.evaluator, 0) + 1
            for c in ids:
                if c in s.scores:
                    pooled[c].append(s.scores[c])
                    own.setdefault((s.evaluator, c), []).append(s.scores[c])
    whole = {c: _moments(v) for c, v in pooled.items() if v}
    mine = {k: _moments(v) for k, v in own.items()}

    def rescale(s: EvaluatorSheet) -> EvaluatorSheet:
        if tasks_of[s.evaluator] < MIN_TASKS:
            return s
        scores = dict(s.scores)
        for c in ids:
            if c not in scores:
                continue
            mu, sigma = whole[c]
            mu_e, sigma_e = mine[(s.evaluator, c)]
            x = mu if sigma_e == 0 else mu + sigma * (scores[c] - mu_e) / sigma_e
            scores[c] = min(max(x, Fraction(0)), cap[c])
        return replace(s, scores=scores)

    return Panel(
        {code: tuple(rescale(s) for s in sheets) for code, sheets in panel.sheets.items()},
        panel.source,
    )
