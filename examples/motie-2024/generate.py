"""Generate the synthetic inputs of the 2024 MOTIE example (합성 예시 자료).

    .venv/bin/python examples/motie-2024/generate.py [OUT_DIR]

Writes ``results.xlsx``, ``panel/<분과>.xlsx`` (one workbook per subcommittee, one sheet per
evaluator, with the rubric's member counts) and ``adjustments.csv`` into OUT_DIR (default: this
folder). Every figure is drawn from ``random.Random(2024)`` around the rubric's targets: the
2024 results are not in the plan. Only the evidence text of four tasks is real; it is drawn from
the press releases in ``shared/seeds/000``-``003``. Same rubric, same bytes.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from evalkit import (
    Actual,
    Adjustment,
    Adjustments,
    EvaluatorSheet,
    Panel,
    Results,
    Rubric,
    load_rubric,
)
from evalkit.workbooks import write_adjustments, write_panel_workbook, write_results_template

HERE = Path(__file__).resolve().parent
RUBRIC = HERE.parents[1] / "rubrics" / "motie-2024.yaml"
SEED = 2024

# Evidence a department would submit (근거), from the press releases in shared/seeds/.
# indicator id -> (a word of the task's name that must match, evidence text)
EVIDENCE: dict[str, tuple[str, str]] = {
    # 000: ’24년 공급망 안정화 사업 본격 추진 (2024.1.11)
    "Ⅰ-2-①-1": (
        "공급안정화",
        "공급망안정품목 연구개발(R&D)을 ’23년 176억원에서 ’24년 739억원으로 확대하고, 전용 "
        "R&D 트랙으로 이차전지 소재·전기전자 핵심부품 등 29개 품목의 기술개발을 신규 지원함. "
        "수요·공급기업이 함께 개발하는 '공급망 완결형 협력모델'(3개 과제, 60억원)을 신설하고, "
        "양산성능평가 지원을 ’23년 100개사에서 ’24년 150개사로 늘리며 공급망안정품목을 우대함. "
        "(근거: 산업통상자원부 보도자료 「’24년 공급망 안정화 사업 본격 추진」, 2024.1.11)",
    ),
    # 000 and 001: 수입처 다변화 10개 품목; 통상교섭본부장 희토류 공급망 현장 방문 (2024.1.17)
    "Ⅳ-3-①-1": (
        "공급망",
        "’23년 게르마늄·수산화리튬·몰리브덴 등 4개 품목 시범사업에 이어, ’24년 기업 수요를 받아 "
        "10개 품목의 대체 수입처 발굴(현장 실사, 표본 수입·성능검사, 대체품 도입)을 전 주기로 "
        "지원함. 무역보험공사 원자재 수입보험 한도를 50억원에서 100억원으로 확대함. 통상교섭본부장 "
        "취임 첫 현장 행보로 희토류 합금 생산기업을 방문하고, IPEF 공급망 협정 등 통상 네트워크를 "
        "공급망 안정화에 활용하기로 함. (근거: 산업통상자원부 보도자료, 2024.1.11 및 2024.1.17)",
    ),
    # 002: 2025년 뿌리산업 진흥 실행계획
    "Ⅰ-2-①-2": (
        "공급안정화",
        "「2025년 뿌리산업 진흥 실행계획」을 확정함(제3차 뿌리산업 진흥 기본계획 ’23~’27의 "
        "일환, 중기부·고용부·교육부·특허청 공동 수립). 총 6,846억원(전년 대비 6.9% 증가)을 "
        "인력 확보·기술 혁신·지역 생태계 3대 전략에 투입: 차세대 공통·핵심 뿌리기술 15개 "
        "선정(올해 8개 R&D 착수), 시흥·구미·성주 디지털 전환 거점, 지역 특화단지 중심 협업과 "
        "권역별 운영위원회 신설. (근거: 2025년 뿌리산업 진흥 실행계획 보도)",
    ),
    # 003: 산업부-중기부 정책협의회 (2024.5.28)
    "Ⅱ-3-③-2": (
        "쇼핑",
        "산업부-중기부 정책협의회(2024.5.28)에서 양 부처가 합동 발굴한 8개 정책과제의 협력 "
        "방안을 논의함. 민생 현안으로 산업부 코리아세일페스타와 중기부 동행축제를 상호 홍보해 "
        "내수 진작에 기여하고, 대형마트 영업규제 개선과 대·중소유통 상생방안 마련을 위한 부처 간 "
        "소통을 강화하기로 함. (근거: 산업통상자원부 보도자료 「산업·기업 정책, "
        "“같이”에 “가치”를 더한다」, 2024.5.28)",
    ),
}

# Evaluators' comments on the same four tasks (우수사항, 개선·보완사항).
TASK_COMMENTS: dict[str, tuple[str, str]] = {
    "Ⅰ-2-①": (
        "공급망안정품목 R&D를 4배 이상(176억→739억원) 확대하고 양산성능평가와 연계함",
        "R&D 확대가 사업화 성공률로 이어지는지 과제별 추적 필요",
    ),
    "Ⅳ-3-①": (
        "수입처 다변화 지원을 10개 품목으로 넓히고 수입보험 한도를 늘려 기업 부담을 덜어 줌",
        "품목별 특정국 의존도 변화를 성과지표로 관리할 필요",
    ),
    "Ⅱ-3-③": (
        "코리아세일페스타와 동행축제를 연계해 부처 간 협업 성과를 냄",
        "대·중소유통 상생방안의 이행 일정 구체화 필요",
    ),
}

# Results reported in another unit than the plan's, to show the conversion (id -> unit, ×).
OTHER_UNIT: dict[str, tuple[str, str, int]] = {
    "Ⅳ-2-①-2": ("억불", "백만불", 100),  # 해외플랜트 수주액
    "Ⅰ-1-③-1": ("천tCO2", "tCO2", 1000),  # 국가감축목표 달성에 기여한 누적감축량
}

STRENGTHS = (
    "성과지표 목표를 초과 달성함",
    "관계부처·기관 협업 체계가 잘 작동함",
    "현장 의견 수렴이 충실하고 정책에 반영됨",
    "예산 집행이 계획대로 이루어짐",
    "정책 홍보가 효과적이었음",
    "후속 조치 계획이 구체적임",
)
IMPROVEMENTS = (
    "성과지표의 도전성을 높일 필요",
    "정량 실적과 정책 효과의 연계 분석 보완 필요",
    "지역·중소기업의 정책 체감도 제고 필요",
    "집행 점검 주기를 단축할 필요",
    "지난해 개선·보완사항 이행 근거를 보완할 필요",
)
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = (
    "가온",
    "나래",
    "다온",
    "라온",
    "마루",
    "바다",
    "새봄",
    "아라",
    "여울",
    "은솔",
    "하늘",
    "한결",
    "해솔",
    "초롱",
    "보람",
    "슬기",
    "가람",
    "누리",
    "다솜",
    "미르",
    "온유",
    "한별",
)


def _places(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def results_for(rubric: Rubric, rng: random.Random) -> Results:
    """Actuals around each target: mostly met, some missed; milestones mostly achieved."""
    actuals: dict[str, Actual] = {}
    for task, ind in rubric.iter_indicators():
        evidence = ""
        if ind.id in EVIDENCE:
            word, evidence = EVIDENCE[ind.id]
            if word not in task.name:
                raise SystemExit(f"{ind.id}: the evidence no longer fits task {task.name!r}")
        if ind.kind == "milestone":
            done = rng.random() < 0.9
            achieved = ind.target if isinstance(ind.target, str) else "달성"
            actuals[ind.id] = Actual(achieved if done else "미달성", None, evidence)
            continue
        target = ind.target
        assert isinstance(target, Decimal), ind.id
        centre = 0.97 if ind.direction == "down" else 1.03
        factor = Decimal(repr(round(max(0.6, rng.gauss(centre, 0.08)), 4)))
        value = target * factor
        if ind.unit == "%" and target <= 100:
            value = min(value, Decimal(100))
        value = value.quantize(Decimal(1).scaleb(-_places(target)))
        if value <= 0:
            value = target
        unit = None
        if ind.id in OTHER_UNIT:
            expected, unit, mult = OTHER_UNIT[ind.id]
            if ind.unit != expected:
                raise SystemExit(f"{ind.id}: unit {ind.unit!r} is no longer {expected!r}")
            value = value * mult if mult > 0 else value / -mult
        actuals[ind.id] = Actual(
            value.normalize() if value != value.to_integral_value() else Decimal(int(value)),
            unit,
            evidence,
        )
    return Results(actuals)


def evaluator_names(rubric: Rubric, rng: random.Random) -> dict[str, list[str]]:
    """Synthetic names (가명), unique across the committee."""
    total = sum(s.members for s in rubric.subcommittees)
    pool = [s + g for s in SURNAMES for g in GIVEN]
    names = rng.sample(pool, total)
    out: dict[str, list[str]] = {}
    for s in rubric.subcommittees:
        out[s.name], names = names[: s.members], names[s.members :]
    return out


def panel_for(rubric: Rubric, names: dict[str, list[str]], rng: random.Random) -> Panel:
    criteria = rubric.criteria.panel
    sheets: dict[str, list[EvaluatorSheet]] = {}
    leniency = {n: rng.gauss(0, 0.04) for group in names.values() for n in group}
    for task in rubric.tasks:
        quality = rng.uniform(0.62, 0.95)
        for name in names[task.assigned_subcommittee or ""]:
            scores: dict[str, Fraction] = {}
            for c in criteria:
                share = min(1.0, max(0.3, quality + leniency[name] + rng.gauss(0, 0.05)))
                scores[c.id] = Fraction(round(float(c.points) * share * 2), 2)  # 0.5 steps
            good = bad = ""
            if task.code in TASK_COMMENTS and rng.random() < 0.7:
                good, bad = TASK_COMMENTS[task.code]
            else:
                if rng.random() < 0.4:
                    good = rng.choice(STRENGTHS)
                if rng.random() < 0.4:
                    bad = rng.choice(IMPROVEMENTS)
            sheets.setdefault(task.code, []).append(EvaluatorSheet(name, scores, good, bad))
    return Panel({k: tuple(v) for k, v in sheets.items()})


def adjustments_for(rubric: Rubric, rng: random.Random) -> Adjustments:
    items = [
        Adjustment(
            "Ⅰ-2-①",
            Decimal("1.5"),
            "공급망안정품목 R&D 대폭 확대와 뿌리산업 진흥 실행계획 수립 등 정책 성과 우수",
        ),
        Adjustment("Ⅳ-3-①", Decimal("1"), "수입처 다변화 10개 품목 지원 등 공급망 대응 우수"),
        Adjustment(
            "Ⅱ-3-③",
            Decimal("1"),
            "부처 간 협업 우수: 산업부-중기부 정책협의회(2024.5.28) 8개 협업과제 추진",
        ),
    ]
    taken = {a.task for a in items}
    others = [t.code for t in rubric.tasks if t.code not in taken]
    for code, (points, reason) in zip(
        rng.sample(others, 3),
        (
            ("-1", "국정감사 지적사항 후속조치 지연"),
            ("-0.5", "성과지표 실적 근거자료 제출 지연"),
            ("0.5", "대국민 정책 만족도 조사 결과 우수"),
        ),
        strict=True,
    ):
        items.append(Adjustment(code, Decimal(points), reason))
    return Adjustments(tuple(items))


def main(out_dir: Path = HERE) -> list[Path]:
    rubric = load_rubric(RUBRIC)
    for code in {k.rsplit("-", 1)[0] for k in EVIDENCE} | set(TASK_COMMENTS):
        rubric.task(code)  # KeyError if the rubric changed under the example
    rng = random.Random(SEED)
    results = results_for(rubric, rng)
    names = evaluator_names(rubric, rng)
    panel = panel_for(rubric, names, rng)
    adjustments = adjustments_for(rubric, rng)
    written = [write_results_template(rubric, out_dir / "results.xlsx", results=results)]
    panel_dir = out_dir / "panel"
    wanted = {panel_dir / f"{s.name}.xlsx" for s in rubric.subcommittees}
    if panel_dir.is_dir():
        for old in panel_dir.glob("*.xlsx"):
            if old not in wanted:
                old.unlink()
    for s in rubric.subcommittees:
        written.append(
            write_panel_workbook(
                rubric,
                panel_dir / f"{s.name}.xlsx",
                names[s.name],
                subcommittee=s.name,
                panel=panel,
            )
        )
    written.append(write_adjustments(adjustments, out_dir / "adjustments.csv", rubric))
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"wrote {path}")
