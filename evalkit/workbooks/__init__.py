"""The workbooks the secretariat (평가 사무국) hands out, collects and files.

evalkit writes every workbook all-or-nothing and byte-identical for the same input, and reads
the filled ones (xlsx, or CSV in UTF-8 with or without BOM or CP949) by their column headers,
Korean or English, refusing bad input with every problem at once, each naming the file, sheet,
row and column and the fix (:class:`evalkit.InputError`).

=========================  ====================================  ==============================
workbook                   what it holds                         write / read
=========================  ====================================  ==============================
``results.xlsx``           성과지표 실적: one row per indicator,  :func:`write_results_template`
(sheet ``실적``)           keyed by ``키`` (``Ⅰ-1-①-2``); the     / :func:`read_results`
                           department fills 실적, 실적 단위 and
                           근거·비고
``panel/<분과>.xlsx``      평가위원 채점표 (평가표): one sheet    :func:`write_panel_workbook`
                           per evaluator (평가위원), tasks ×      / :func:`read_panel`
                           criteria, scores 0..배점, 우수사항 and
                           개선·보완사항; ``안내`` lists the
                           evaluators
``adjustments.xlsx``       가감점: 과제코드, 가감점, 사유 rows     :func:`write_adjustments`
(or ``.csv``)              within the rubric's limits            / :func:`read_adjustments`
the blank set              all of the above for a new round      :func:`write_templates`
``scores.xlsx``            the scored output: sheets ``tasks``,  :func:`write_scoreboard`
(or ``.csv``)              ``indicators``, ``summary``
=========================  ====================================  ==============================

:func:`collect_round` reads a round file's inputs (many department files, one panel file per
subcommittee or per evaluator) and merges them; :func:`write_split_templates` writes them
blank; :func:`read_scored` reads a ``scores.xlsx`` back for ``evalkit diff``.

:func:`read_inputs` reads a round's results, panel sheets and adjustments together, as
``evalkit score`` and ``evalkit report`` do. Text that a spreadsheet would run as a formula is
always written as text. openpyxl is imported inside the functions: importing this package does
not load it.
"""

from ._adjustments import read_adjustments, write_adjustments
from ._audit import Audit
from ._collect import Collected, InputFile, collect_round, file_sha256
from ._panel_read import read_panel
from ._panel_write import write_panel_workbook
from ._results import read_results, write_results_template
from ._round import read_inputs
from ._scores import write_scoreboard
from ._scores_read import read_scored, read_scored_actuals, read_scored_inputs
from ._split import write_department_results, write_evaluator_panels, write_split_templates
from ._templates import write_templates

__all__ = [
    "Audit",
    "Collected",
    "InputFile",
    "collect_round",
    "file_sha256",
    "read_adjustments",
    "read_inputs",
    "read_panel",
    "read_results",
    "read_scored",
    "read_scored_actuals",
    "read_scored_inputs",
    "write_adjustments",
    "write_department_results",
    "write_evaluator_panels",
    "write_panel_workbook",
    "write_results_template",
    "write_scoreboard",
    "write_split_templates",
    "write_templates",
]
