"""One round's inputs read together, so one pass reports every problem of all of them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .._errors import InputError, Problem
from .._inputs import Adjustments, Panel, Results
from .._rubric import Rubric
from ._adjustments import read_adjustments
from ._panel_read import read_panel
from ._results import read_results


def read_inputs(
    rubric: Rubric,
    results: str | Path,
    panel: Sequence[str | Path],
    adjustments: str | Path | None = None,
) -> tuple[Results, Panel, Adjustments | None]:
    """Read one round's filled workbooks together: 실적, 평가표 and 가감점.

    This is what ``evalkit score`` and ``evalkit report`` read before scoring; pass the result
    on as ``evalkit.score(rubric, *read_inputs(...))``. Each input is read as by
    :func:`read_results`, :func:`read_panel` and :func:`read_adjustments`, but a problem in
    one does not hide the problems of the others.

    Args:
        rubric: the loaded rubric (:func:`evalkit.load_rubric`); indicator keys, task codes,
            criteria and their points, units and the 가감점 limits are checked against it.
        results: the filled ``results.xlsx`` (성과지표 실적) or a CSV with the same headers.
        panel: the evaluators' score sheets (평가표): panel workbooks and/or CSV files, or
            folders standing for their ``.xlsx`` and ``.csv`` files in name order.
        adjustments: the 가감점 workbook or CSV; None when the committee gave none.

    Returns:
        ``(results, panel, adjustments)``: the :class:`evalkit.Results` keyed by indicator
        id, the :class:`evalkit.Panel` of evaluator sheets per task code in the order read
        (file, sheet, row; that order breaks ties when the highest and lowest totals are
        dropped), and the :class:`evalkit.Adjustments`, or None when ``adjustments`` is None.
        The ``source`` of each names the files it was read from.

    Raises:
        InputError: every problem of all three inputs at once (unreadable or missing files,
            unknown indicator keys or task codes, blank, non-numeric or out-of-range values,
            unconvertible units, missing evaluator sheets, 가감점 outside the limits), each a
            :class:`evalkit.Problem` naming the file, sheet, row and column and the fix, so one
            pass fixes them all. Nothing is returned partially.
    """
    problems: list[Problem] = []
    res = pan = adj = None
    try:
        res = read_results(results, rubric)
    except InputError as exc:
        problems.extend(exc.problems)
    try:
        pan = read_panel(panel, rubric)
    except InputError as exc:
        problems.extend(exc.problems)
    if adjustments is not None:
        try:
            adj = read_adjustments(adjustments, rubric)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems or res is None or pan is None:
        raise InputError(problems)
    return res, pan, adj
