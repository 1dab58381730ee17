"""Generate the 2024 round example (평가 회차 예시) from the MOTIE example's synthetic inputs.

    .venv/bin/python examples/round-2024/generate.py [OUT_DIR]

The same figures as ``examples/motie-2024`` (so both score alike), laid out as a round comes
back to the secretariat: ``실적/가상부서NN.xlsx`` (one results workbook per 주관부서, two tasks
each in plan order: the 2024 plan does not name each task's department, so the departments
are invented and numbered), ``평가표/<분과>/<평가위원>.xlsx`` (one workbook per evaluator),
``adjustments.csv`` and a ``round.yaml`` naming them. Same inputs, same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from evalkit import load_rubric
from evalkit._files import write_files
from evalkit.workbooks import (
    read_panel,
    read_results,
    write_department_results,
    write_evaluator_panels,
)

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "motie-2024"
RUBRIC = HERE.parents[1] / "rubrics" / "motie-2024.yaml"
TASKS_PER_DEPARTMENT = 2

ROUND = """\
# 2024년도 자체평가 회차 예시 (가상 자료). 경로는 이 파일이 있는 폴더 기준입니다.
# 항목 설명: evalkit schema --round
year: 2024
rubric: ../../rubrics/motie-2024.yaml
inputs:
  results: 실적/                # 주관부서별 실적 파일 {departments}개
  panel: 평가표/                # 평가위원별 평가표 {evaluators}개 (분과별 폴더)
  adjustments: adjustments.csv
roster:
  committee:
    chair: 김위원장
    members: []
  subcommittees:
{subcommittees}schedule:
  - {{start: 2025-01-15, end: 2025-02-14, what: 주관부서 실적 제출}}
  - {{start: 2025-02-17, end: 2025-03-14, what: 분과위원회 평가}}
  - {{date: 2025-03-28, what: 자체평가위원회 심의·의결}}
issue_date: 2025-04-10
approval_date: 2025-03-28
status: 초안
version: "1"
example: true                   # 가상 자료: 실제 평가 결과가 아님
scoring:
  panel_rule: trimmed
  by:
"""


def main(out_dir: Path = HERE) -> list[Path]:
    rubric = load_rubric(RUBRIC)
    results = read_results(SOURCE / "results.xlsx", rubric)
    panel = read_panel([SOURCE / "panel"], rubric)
    tasks = list(rubric.tasks)
    groups = {
        f"가상부서{i // TASKS_PER_DEPARTMENT + 1:02d}": tasks[i : i + TASKS_PER_DEPARTMENT]
        for i in range(0, len(tasks), TASKS_PER_DEPARTMENT)
    }
    roster: dict[str, list[str]] = {}
    for s in rubric.subcommittees:
        first = next(t for t in tasks if t.assigned_subcommittee == s.name)
        roster[s.name] = [sheet.evaluator for sheet in panel.sheets[first.code]]
    written = write_department_results(
        rubric, out_dir / "실적", groups, results=results, overwrite=True
    )
    written += write_evaluator_panels(
        rubric, out_dir / "평가표", roster, panel=panel, overwrite=True
    )
    subs = "".join(
        f"    - name: {name}\n      evaluators: [{', '.join(names)}]\n"
        for name, names in roster.items()
    )
    text = ROUND.format(
        departments=len(groups),
        evaluators=sum(len(v) for v in roster.values()),
        subcommittees=subs,
    )
    written += write_files(
        [
            (out_dir / "adjustments.csv", (SOURCE / "adjustments.csv").read_bytes()),
            (out_dir / "round.yaml", text.encode("utf-8")),
        ]
    )
    return written


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
