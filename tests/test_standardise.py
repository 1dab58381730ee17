"""Per-evaluator standardisation: the documented formula against a direct reference, off by
default, order within an evaluator kept."""

from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from _workbooks import MINI_DIR
from hypothesis import given
from hypothesis import strategies as st

import evalkit
from evalkit import AdjustmentChange, CriterionScoreChange, InputError, Panel, standardise_panel
from evalkit._rubric import Criterion
from evalkit.workbooks import read_adjustments, read_panel, read_results

PLAN = Criterion(id="plan", name="계획", points=Decimal(20), method="panel")


@st.composite
def panels(draw: st.DrawFn) -> Panel:
    tasks = [f"t{i}" for i in range(draw(st.integers(1, 6)))]
    evaluators = [f"e{i}" for i in range(draw(st.integers(1, 4)))]
    rows = []
    for t in tasks:
        for e in evaluators:
            if draw(st.booleans()) or e == evaluators[0]:
                rows.append((t, e, {"plan": draw(st.integers(0, 20))}))
    return Panel.from_rows(rows)


def _ref(panel: Panel) -> dict[tuple[str, str], float]:
    """The docs' formula with floats and the statistics module."""
    pooled = [float(s.scores["plan"]) for v in panel.sheets.values() for s in v]
    mu, sigma = statistics.fmean(pooled), statistics.pstdev(pooled)
    out: dict[tuple[str, str], float] = {}
    for e in panel.evaluators:
        mine = [
            (t, float(s.scores["plan"]))
            for t, v in panel.sheets.items()
            for s in v
            if s.evaluator == e
        ]
        xs = [x for _, x in mine]
        for t, x in mine:
            if len(xs) < 2:
                out[(t, e)] = x
                continue
            sd = statistics.pstdev(xs)
            y = mu if sd == 0 else mu + sigma * (x - statistics.fmean(xs)) / sd
            out[(t, e)] = min(max(y, 0.0), 20.0)
    return out


@given(panels())
def test_matches_the_documented_formula(panel: Panel) -> None:
    got = standardise_panel(panel, [PLAN])
    ref = _ref(panel)
    for t, sheets in got.sheets.items():
        for s in sheets:
            assert float(s.scores["plan"]) == pytest.approx(ref[(t, s.evaluator)], abs=1e-9)
            assert isinstance(s.scores["plan"], Fraction)


@given(panels())
def test_order_within_an_evaluator_is_kept(panel: Panel) -> None:
    got = standardise_panel(panel, [PLAN])
    for e in panel.evaluators:
        raw = {t: s.scores["plan"] for t, v in panel.sheets.items() for s in v if s.evaluator == e}
        new = {t: s.scores["plan"] for t, v in got.sheets.items() for s in v if s.evaluator == e}
        for a in raw:
            for b in raw:
                if raw[a] < raw[b]:
                    assert new[a] <= new[b]


def test_off_by_default_and_flagged_when_on() -> None:
    rubric = evalkit.load_rubric(MINI_DIR / "rubric.yaml")
    res = read_results(MINI_DIR / "results.xlsx", rubric)
    pan = read_panel([MINI_DIR / "panel"], rubric)
    adj = read_adjustments(MINI_DIR / "adjustments.csv", rubric)
    plain = evalkit.score(rubric, res, pan, adj)
    assert not plain.standardised
    std = evalkit.score(rubric, res, pan, adj, standardise=True)
    assert std.standardised
    assert [d.total for d in plain.details] != [d.total for d in std.details]
    d = std.details[0]
    assert d.panel is not None
    with pytest.raises(InputError, match="표준화를 한 산정에서는"):
        evalkit.what_if(std, [CriterionScoreChange(d.task.code, d.panel.evaluators[0], "plan", 1)])
    assert evalkit.what_if(std, [AdjustmentChange(d.task.code, 0)]).after.standardised
