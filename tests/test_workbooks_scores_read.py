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
