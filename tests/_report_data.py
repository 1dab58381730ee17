"""Scoreboards and helpers shared by the report-model and renderer tests (importable as
``_report_data``: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from _paths import mini_cap120

import evalkit
from evalkit import Adjustment, EvaluatorSheet, Panel
from evalkit._report import Block, Bullet, Heading, Report, Table, TaskHeading

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if x %} https://example.com/a?b=1&c=2"


def mini_scoreboard(
    rubric: evalkit.Rubric | None = None, *, by: str | None = None, comment: str = ""
) -> evalkit.Scoreboard:
    """The 7-task tutorial rubric scored with hand-checkable numbers.

    Every indicator reaches 95 % except: Ⅰ-1-③ (9/10 and 739/739 → 95 %), Ⅱ-1-③ at 61,468.75
    of 70,000 (87.8125 %, so its total 83.125 prints 83.13 half-up), Ⅱ-1-①-1 a down indicator
    with actual 0 (rate undefined, scored at the 120 % cap). Four evaluators per task; 위원1 and
    위원2 write overlapping strengths; Ⅰ-1-③ gets +1.5 가감점.
    """
    r = rubric or evalkit.load_rubric(mini_cap120())
    res: dict[str, object] = {}
    for _, ind in r.iter_indicators():
        target = ind.numeric_target
        res[ind.id] = "달성" if target is None else target * Decimal("0.95")
    res.update({"Ⅰ-1-③-1": 9, "Ⅰ-1-③-2": 739, "Ⅱ-1-③-1": "61468.75", "Ⅱ-1-①-1": 0})
    sheets: dict[str, tuple[EvaluatorSheet, ...]] = {}
    for j, t in enumerate(r.tasks):
        rows = []
        for k in range(1, 5):
            scores = {
                "plan": 8 + k + j % 4,
                "execution": 10 + k,
                "outcome": 12 + k,
                "feedback": 6 + k + j % 3,
            }
            strengths = {1: "- 현장 소통 우수\n- 예산 집행률 높음", 2: "현장 소통 우수"}.get(k, "")
            improvements = "ㅇ 성과지표 도전성 보완" if k == 3 and j % 2 == 0 else ""
            if k == 4 and comment:
                strengths = comment
            rows.append(
                EvaluatorSheet(
                    f"위원{k}",
                    {c: Fraction(v) for c, v in scores.items()},
                    strengths=strengths,
                    improvements=improvements,
                )
            )
        sheets[t.code] = tuple(rows)
    adjustments = [Adjustment("Ⅰ-1-③", Decimal("1.5"), "정책 성과 우수")]
    return evalkit.score(r, res, Panel(sheets), adjustments, by=by)


def hostile_rubric(tmp_path: Path) -> evalkit.Rubric:
    """The mini rubric with markup, template syntax and a URL in a task name and the title."""
    text = mini_cap120().read_text(encoding="utf-8")
    text = text.replace("name: 석유 수급 안정", f"name: '{HOSTILE}'")
    text = text.replace(
        "title: 2024년도 주요정책 자체평가 (예시)", "title: '2024년도 <b>자체평가</b> {{ title }}'"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return evalkit.load_rubric(path)


def motie_scoreboard(rubric: evalkit.Rubric) -> evalkit.Scoreboard:
    """Synthetic results for the 83-task rubric (the lead's development recipe)."""
    rng = random.Random(7)
    res: dict[str, object] = {}
    for _, i in rubric.iter_indicators():
        t = i.numeric_target
        res[i.id] = float(t) * rng.uniform(0.8, 1.2) if t is not None else "달성"
    rows = [
        (
            t.code,
            f"위원{k}",
            {
                "plan": rng.randint(9, 15),
                "execution": rng.randint(9, 15),
                "outcome": rng.randint(10, 18),
                "feedback": rng.randint(6, 12),
            },
        )
        for t in rubric.tasks
        for k in range(1, 5)
    ]
    return evalkit.score(rubric, res, Panel.from_rows(rows))


def flipped_layout(report: Report) -> Report:
    """``report`` with the content rules the renderers read turned around: every bullet's
    keep_with_next, and the 목차 entry of 1. 평가 대상 and of Ⅲ's first 전략목표 heading. A
    renderer that derives those rules itself instead of reading them prints this as before."""

    def flip(b: Block) -> Block:
        if isinstance(b, Bullet):
            return dataclasses.replace(b, keep_with_next=not b.keep_with_next)
        if isinstance(b, Heading) and b.anchor in ("overview_scope", "goal_0"):
            return dataclasses.replace(b, in_toc=not b.in_toc)
        return b

    sections = tuple(
        dataclasses.replace(s, blocks=tuple(flip(b) for b in s.blocks)) for s in report.sections
    )
    return dataclasses.replace(report, sections=sections)


def texts(report: Report) -> str:
    return "\n".join(report.iter_text())


def task_blocks(report: Report, code: str) -> Sequence[object]:
    blocks = next(
        list(s.blocks)
        for s in report.sections
        if any(isinstance(b, TaskHeading) and b.code == code for b in s.blocks)
    )
    start = next(i for i, b in enumerate(blocks) if isinstance(b, TaskHeading) and b.code == code)
    end = next(
        (i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], TaskHeading | Heading)),
        len(blocks),
    )
    return blocks[start:end]


def tables(blocks: Sequence[object]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]
