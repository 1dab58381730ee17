"""Reading a scored workbook back for ``evalkit diff``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from _paths import MINI

from evalkit import load_rubric, score
from evalkit._diff import rows_of
from evalkit._errors import InputError
from evalkit.workbooks import (
    read_adjustments,
    read_panel,
    read_results,
    read_scored,
    write_scoreboard,
)


def test_reads_back_what_score_wrote(tmp_path: Path) -> None:
    r = load_rubric(MINI)
    m = MINI.parent
    sb = score(
        r,
        read_results(m / "results.xlsx", r),
        read_panel([m / "panel"], r),
        read_adjustments(m / "adjustments.csv", r),
    )
    back = read_scored(write_scoreboard(sb, tmp_path / "s.xlsx"))
    assert back == rows_of(sb)
    assert all(isinstance(row.total, Decimal) for row in back.values())


def test_refuses_a_workbook_that_is_not_scores(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_scored(MINI.parent / "results.xlsx")
    assert "평정점수" in str(exc.value)


def test_reads_back_every_indicators_actual(tmp_path: Path) -> None:
    from evalkit.workbooks import read_scored_actuals

    r = load_rubric(MINI)
    m = MINI.parent
    results = read_results(m / "results.xlsx", r)
    sb = score(r, results, read_panel([m / "panel"], r))
    path = write_scoreboard(sb, tmp_path / "s.xlsx")
    actuals = read_scored_actuals(path)
    assert set(actuals) == {i.id for _, i in r.iter_indicators()}
    for d in sb.details:
        for s in d.indicators:
            expected = s.actual_in_unit
            got = actuals[s.indicator.id]
            if isinstance(expected, bool):
                assert got == ("달성" if expected else "미달성")
            elif isinstance(expected, str):
                assert got == expected
            elif expected is not None:
                assert got == Decimal(str(round(float(expected), 4)))
    with pytest.raises(InputError, match="지표 키"):
        read_scored_actuals(m / "results.xlsx")


def test_reads_actuals_from_the_csv_form(tmp_path: Path) -> None:
    from evalkit.workbooks import read_scored_actuals

    r = load_rubric(MINI)
    m = MINI.parent
    sb = score(r, read_results(m / "results.xlsx", r), read_panel([m / "panel"], r))
    xlsx = read_scored_actuals(write_scoreboard(sb, tmp_path / "s.xlsx"))
    csv = read_scored_actuals(write_scoreboard(sb, tmp_path / "s.csv"))
    assert csv == xlsx
