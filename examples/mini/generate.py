"""Generate the tutorial's filled inputs for the seven-task rubric (figures invented).

    .venv/bin/python examples/mini/generate.py [OUT_DIR]

Writes ``results.xlsx``, ``panel/산업분과.xlsx`` and ``panel/에너지분과.xlsx`` (four evaluators
each, one sheet per evaluator) and ``adjustments.csv``. The results are spelled out below so the
tutorial can be read in full; the panel scores come from ``random.Random(7)``. Same bytes on
every run.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from evalkit import Actual, Adjustment, Adjustments, EvaluatorSheet, Panel, Results, load_rubric
from evalkit.workbooks import write_adjustments, write_panel_workbook, write_results_template

HERE = Path(__file__).resolve().parent

# indicator id -> (실적, unit when not the rubric's, 근거)
RESULTS: dict[str, tuple[str, str | None, str]] = {
    "Ⅰ-1-①-1": ("18", None, "산업부-중기부 정책협의회(2024.5.28) 등 민관·부처 협력 18건"),
    "Ⅰ-1-①-2": ("251", None, ""),
    "Ⅰ-1-①-3": ("93.1", None, ""),
    "Ⅰ-1-①-4": ("84.2", None, ""),
    "Ⅰ-1-②-1": ("1412", None, ""),
    "Ⅰ-1-②-2": ("44.8", None, ""),
    "Ⅰ-1-②-3": ("27.5", None, ""),
    "Ⅰ-1-③-1": (
        "10",
        None,
        "’23년 4개 품목 시범사업에 이어 ’24년 10개 품목의 대체 수입처 발굴 지원",
    ),
    "Ⅰ-1-③-2": ("739", None, "공급망안정품목 R&D 예산 ’23년 176억원 → ’24년 739억원"),
    "Ⅰ-2-①-1": ("462", None, ""),
    "Ⅰ-2-①-2": (
        "수립",
        None,
        "2025년 뿌리산업 진흥 실행계획 확정(6,846억원, 인력·기술·생태계 3대 전략)",
    ),
    "Ⅱ-1-①-1": ("0.151", None, ""),
    "Ⅱ-1-①-2": ("41250", None, ""),
    "Ⅱ-1-②-1": ("9850", "만B", "비축유 9,850만 배럴 (만B로 보고: 98.5백만B)"),
    "Ⅱ-1-②-2": ("1.7", None, ""),
    "Ⅱ-1-③-1": ("71200", None, "전력통계 속보 기준"),
}

EVALUATORS = ("위원1", "위원2", "위원3", "위원4")

ADJUSTMENTS = (
    Adjustment("Ⅰ-1-③", Decimal("1"), "수입처 다변화 10개 품목 지원 등 공급망 대응 우수"),
    Adjustment("Ⅱ-1-②", Decimal("-0.5"), "석유사업자 점검 결과 보고 지연"),
)


def main(out_dir: Path = HERE) -> list[Path]:
    rubric = load_rubric(HERE / "rubric.yaml")
    actuals = {}
    for key, (value, unit, evidence) in RESULTS.items():
        ind = rubric.task(key.rsplit("-", 1)[0]).indicator(int(key.rsplit("-", 1)[1]))
        v: Decimal | str = value if ind.kind == "milestone" else Decimal(value)
        actuals[key] = Actual(v, unit, evidence)
    rng = random.Random(7)
    sheets: dict[str, tuple[EvaluatorSheet, ...]] = {}
    for task in rubric.tasks:
        quality = rng.uniform(0.65, 0.92)
        row = []
        for name in EVALUATORS:
            scores = {
                c.id: Fraction(
                    round(float(c.points) * min(1.0, quality + rng.gauss(0, 0.06)) * 2), 2
                )
                for c in rubric.criteria.panel
            }
            row.append(
                EvaluatorSheet(
                    name,
                    scores,
                    "목표를 초과 달성함" if quality > 0.85 else "",
                    "성과지표의 도전성을 높일 필요" if quality < 0.75 else "",
                )
            )
        sheets[task.code] = tuple(row)
    panel = Panel(sheets)
    written = [write_results_template(rubric, out_dir / "results.xlsx", results=Results(actuals))]
    for s in rubric.subcommittees:
        written.append(
            write_panel_workbook(
                rubric,
                out_dir / "panel" / f"{s.name}.xlsx",
                EVALUATORS,
                subcommittee=s.name,
                panel=panel,
            )
        )
    written.append(write_adjustments(Adjustments(ADJUSTMENTS), out_dir / "adjustments.csv", rubric))
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"wrote {path}")
