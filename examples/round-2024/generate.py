"""Generate the 2024 round example (평가 회차 예시) from the MOTIE example's synthetic inputs.

    .venv/bin/python examples/round-2024/generate.py [OUT_DIR]

The same figures as ``examples/motie-2024`` (so both score alike), laid out as a round comes
back to the secretariat: ``실적/가상부서NN.xlsx`` (one results workbook per 주관부서, two tasks
each in plan order: the 2024 plan does not name each task's department, so the departments
are invented and numbered, and each file names its department in the 주관부서 column),
``평가표/<분과>/<평가위원>.xlsx`` (one workbook per evaluator),
``adjustments.csv`` and a ``round.yaml`` naming them. Same inputs, same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from evalkit import Task, load_rubric
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
    members: [이가온, 박나래, 최다온, 정라희, 한마루, 오바른]
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
# 위원회가 쓰는 글 (가상 예시): 종합의견, 우수사례, 환류(지난해 권고와 올해 조치)
opinion: |
  전략목표별 평정점수의 차이가 크지 않아 과제 전반의 추진 수준이 고르게 유지됨
  목표를 넘어선 성과지표가 많아, 다음 연도에는 도전적인 목표치 설정이 필요함
  미흡·부진 과제는 주관부서가 개선 계획을 세워 상반기 중 위원회에 보고할 것
best_practices:
  - task: Ⅲ-6-④
    text: 원전 주변 지역과의 협의체를 정례화하여 안전 운영 정보를 공개하고 지역 협력 사업을 넓힘
  - task: Ⅵ-5-①
    text: 외국인 투자 절차를 한곳에서 안내하는 지원 체계를 갖추어 투자 상담부터 실행까지 기간을 줄임
feedback:
  - recommendation: 성과지표 목표치 설정근거를 과제 표와 같게 적을 것
    action: 올해 시행계획의 설정근거를 과제 표와 대조하여 정리함
  - task: Ⅲ-2-②
    recommendation: 정책 환류 결과를 다음 연도 계획에 반영한 내용을 구체적으로 제시할 것
    action: 지난해 평가 결과를 반영한 추진 계획을 분기별로 점검함
scoring:
  panel_rule: trimmed
  by:
"""


def main(out_dir: Path = HERE) -> list[Path]:
    rubric = load_rubric(RUBRIC)
    results = read_results(SOURCE / "results.xlsx", rubric)
    panel = read_panel([SOURCE / "panel"], rubric)
    tasks = list(rubric.tasks)
    names = [f"가상부서{i // TASKS_PER_DEPARTMENT + 1:02d}" for i in range(len(tasks))]
    # each department's file names it in the 주관부서 column (the report prints it per task)
    groups: dict[str, list[Task]] = {}
    for name, t in zip(names, tasks, strict=True):
        groups.setdefault(name, []).append(t.model_copy(update={"departments": (name,)}))
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
        f"    - name: {name}\n      chair: {names[0]}\n      evaluators: [{', '.join(names)}]\n"
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
