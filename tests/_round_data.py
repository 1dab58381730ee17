"""A small round folder built from the mini example: one results workbook per task (standing
for a 주관부서), one panel workbook per evaluator, the 가감점 CSV and a round.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

from _paths import MINI

from evalkit import load_rubric
from evalkit.workbooks import (
    read_panel,
    read_results,
    write_department_results,
    write_evaluator_panels,
)

EVALUATORS = ("위원1", "위원2", "위원3", "위원4")

ROUND_YAML = """\
year: 2024
rubric: rubric.yaml
inputs:
  results: 실적/
  panel: 평가표/*/*.xlsx
  adjustments: adjustments.csv
roster:
  committee: {chair: 김위원장, members: [이위원, 박위원]}
  subcommittees:
    - {name: 산업분과, chair: 이위원, evaluators: [위원1, 위원2, 위원3, 위원4]}
    - {name: 에너지분과, evaluators: 4}
schedule:
  - {start: 2025-01-15, end: 2025-02-15, what: 실적 제출}
  - {date: 2025-03-31, what: 자체평가위원회 의결}
issue_date: 2025-04-10
approval_date: 2025-03-31
status: 초안
version: "1"
example: true
scoring: {panel_rule: trimmed}
"""


def make_round(folder: Path, text: str = ROUND_YAML) -> Path:
    """Write the round into ``folder`` and return its round.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(MINI, folder / "rubric.yaml")
    shutil.copy(MINI.parent / "adjustments.csv", folder / "adjustments.csv")
    rubric = load_rubric(MINI)
    results = read_results(MINI.parent / "results.xlsx", rubric)
    panel = read_panel([MINI.parent / "panel"], rubric)
    write_department_results(
        rubric, folder / "실적", {t.code: [t] for t in rubric.tasks}, results=results
    )
    write_evaluator_panels(
        rubric,
        folder / "평가표",
        {s.name: EVALUATORS for s in rubric.subcommittees},
        panel=panel,
    )
    path = folder / "round.yaml"
    path.write_text(text, encoding="utf-8")
    return path
