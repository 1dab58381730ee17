"""가감점 written and read back (xlsx or CSV), bad rows and totals refused with their place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _workbooks import (
    EXPECTED_ADJ,
    BadCase,
    CsvCase,
    assert_csv_located,
    assert_located,
    repeated_adjustment,
    set_adj,
    two_adjustments_over_limit,
)

from evalkit import Adjustments
from evalkit.workbooks import read_adjustments, write_adjustments


def test_adjustments_csv(mini_rubric: Any, tmp_path: Path) -> None:
    adj = tmp_path / "adj.csv"
    write_adjustments(Adjustments(EXPECTED_ADJ), adj, mini_rubric)
    assert adj.read_bytes().count(b"'=") == 1  # formula-like text is guarded in CSV
    assert read_adjustments(adj, mini_rubric).items == EXPECTED_ADJ


BAD_ADJUSTMENTS: list[BadCase] = [
    (
        "adjustment for an unknown task",
        set_adj(4, 1, "Ⅰ-1-⑨"),
        dict(
            file="adjustments.xlsx", sheet="가감점", row=4, col="A", msg="unknown task code 'Ⅰ-1-⑨'"
        ),
    ),
    (
        "adjustment without a reason",
        set_adj(5, 4, None),
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=5,
            col="D",
            msg="가감점 for Ⅱ-1-② has no reason",
        ),
    ),
    (
        "adjustment points as text",
        set_adj(4, 3, "많이"),
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=4,
            col="C",
            msg="text '많이' in a numeric cell",
        ),
    ),
    (
        "adjustments over the limit",
        two_adjustments_over_limit,
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=7,
            col="C",
            msg="가감점 for Ⅰ-1-③ total 2.5 (row(s) 4, 6, 7), outside the rubric's limits -2..2",
        ),
    ),
    (
        "repeated adjustment row",
        repeated_adjustment,
        dict(
            file="adjustments.xlsx",
            sheet="가감점",
            row=6,
            col="A",
            msg="the 가감점 row for Ⅱ-1-② repeats row 5",
        ),
    ),
]


@pytest.mark.parametrize(
    ("mutate", "want"),
    [(m, w) for _, m, w in BAD_ADJUSTMENTS],
    ids=[name for name, _, _ in BAD_ADJUSTMENTS],
)
def test_bad_adjustments_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, mutate: Callable[[Path], None], want: dict[str, Any]
) -> None:
    assert_located(work, mini_rubric, mutate, want)


CSV_BAD_ADJUSTMENTS: list[CsvCase] = [
    (
        "adjustments CSV (CP949): unknown task",
        "adjustments",
        "과제코드,가감점,사유\nⅢ-1-①,1,우수\n".encode("cp949"),
        "unknown task code 'Ⅲ-1-①'",
        dict(row=2, col="A"),
    ),
]


@pytest.mark.parametrize(
    ("kind", "data", "msg", "where"),
    [(k, d, m, w) for _, k, d, m, w in CSV_BAD_ADJUSTMENTS],
    ids=[name for name, *_ in CSV_BAD_ADJUSTMENTS],
)
def test_bad_adjustments_csv_is_located_and_writes_nothing(
    work: Path, mini_rubric: Any, kind: str, data: bytes, msg: str, where: dict[str, Any]
) -> None:
    assert_csv_located(work, mini_rubric, kind, data, msg, where)
