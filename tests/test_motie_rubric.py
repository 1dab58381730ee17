"""The shipped 2024 MOTIE rubric against its source plan (the seed)."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from _paths import MOTIE
from typer.testing import CliRunner

import evalkit
from evalkit.cli import app

# Indicators per task as printed in each task's table "□ 성과지표 및 측정방법" (checked against
# appendix 붙임1-1 §4: equal except Ⅰ-3-① and Ⅲ-2-③, which carry count_mismatch /
# incomplete_row data notes).
TASK_TABLE_COUNTS = {
    "Ⅰ-1-①": 4,
    "Ⅰ-1-②": 3,
    "Ⅰ-1-③": 4,
    "Ⅰ-2-①": 3,
    "Ⅰ-2-②": 3,
    "Ⅰ-2-③": 3,
    "Ⅰ-2-④": 2,
    "Ⅰ-3-①": 3,
    "Ⅰ-3-②": 3,
    "Ⅰ-3-③": 3,
    "Ⅰ-3-④": 4,
    "Ⅰ-4-①": 4,
    "Ⅰ-4-②": 2,
    "Ⅰ-4-③": 3,
    "Ⅰ-4-④": 3,
    "Ⅰ-4-⑤": 2,
    "Ⅱ-1-①": 3,
    "Ⅱ-1-②": 3,
    "Ⅱ-1-③": 3,
    "Ⅱ-2-①": 3,
    "Ⅱ-2-②": 2,
    "Ⅱ-2-③": 3,
    "Ⅱ-3-①": 2,
    "Ⅱ-3-②": 1,
    "Ⅱ-3-③": 2,
    "Ⅲ-1-①": 2,
    "Ⅲ-1-②": 3,
    "Ⅲ-1-③": 2,
    "Ⅲ-2-①": 2,
    "Ⅲ-2-②": 5,
    "Ⅲ-2-③": 5,
    "Ⅲ-2-④": 4,
    "Ⅲ-3-①": 3,
    "Ⅲ-3-②": 2,
    "Ⅲ-3-③": 3,
    "Ⅲ-4-①": 3,
    "Ⅲ-4-②": 2,
    "Ⅲ-4-③": 3,
    "Ⅲ-5-①": 3,
    "Ⅲ-5-②": 3,
    "Ⅲ-5-③": 2,
    "Ⅲ-5-④": 2,
    "Ⅲ-5-⑤": 4,
    "Ⅲ-6-①": 3,
    "Ⅲ-6-②": 3,
    "Ⅲ-6-③": 4,
    "Ⅲ-6-④": 4,
    "Ⅳ-1-①": 2,
    "Ⅳ-1-②": 4,
    "Ⅳ-1-③": 2,
    "Ⅳ-1-④": 2,
    "Ⅳ-2-①": 2,
    "Ⅳ-2-②": 2,
    "Ⅳ-2-③": 2,
    "Ⅳ-2-④": 2,
    "Ⅳ-3-①": 2,
    "Ⅳ-3-②": 2,
    "Ⅳ-3-③": 3,
    "Ⅴ-1-①": 2,
    "Ⅴ-1-②": 2,
    "Ⅴ-1-③": 2,
    "Ⅴ-1-④": 3,
    "Ⅴ-2-①": 3,
    "Ⅴ-2-②": 3,
    "Ⅴ-2-③": 2,
    "Ⅵ-1-①": 3,
    "Ⅵ-1-②": 1,
    "Ⅵ-2-①": 2,
    "Ⅵ-2-②": 2,
    "Ⅵ-3-①": 1,
    "Ⅵ-3-②": 2,
    "Ⅵ-4-①": 1,
    "Ⅵ-4-②": 1,
    "Ⅵ-4-③": 1,
    "Ⅵ-5-①": 3,
    "Ⅶ-1-①": 2,
    "Ⅶ-1-②": 2,
    "Ⅶ-2-①": 2,
    "Ⅶ-2-②": 1,
    "Ⅶ-3-①": 3,
    "Ⅶ-3-②": 3,
    "Ⅶ-4-①": 3,
    "Ⅶ-4-②": 2,
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_83_tasks_with_the_task_tables_counts(motie_rubric: evalkit.Rubric) -> None:
    assert len(motie_rubric.tasks) == 83
    assert len(motie_rubric.strategic_goals) == 7
    assert len(motie_rubric.performance_goals) == 27
    assert {t.code: len(t.indicators) for t in motie_rubric.tasks} == TASK_TABLE_COUNTS
    assert sum(TASK_TABLE_COUNTS.values()) == 215


def test_task_order_follows_the_plans_overview(
    motie_rubric: evalkit.Rubric, seed_lines: list[str]
) -> None:
    pat = re.compile(r"^\s*((?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ)-\d-[①-⑳])")
    overview: list[str] = []
    for line in seed_lines[2540:3111]:
        m = pat.match(line)
        if m and m.group(1) not in overview:
            overview.append(m.group(1))
    assert overview == [t.code for t in motie_rubric.tasks]


def test_every_line_ref_holds_the_start_of_the_name(
    motie_rubric: evalkit.Rubric, seed_lines: list[str]
) -> None:
    bad = []
    for _, ind in motie_rubric.iter_indicators():
        assert ind.line is not None, ind.id
        printed = _squash(seed_lines[ind.line - 1])
        printed = re.sub(r"^[①-⑳]", "", printed)
        name = _squash(ind.name)
        # The PDF may break the name after a few characters: the line then holds a prefix.
        if not (name[:4] in printed or (printed and name.startswith(printed))):
            bad.append((ind.id, ind.line, seed_lines[ind.line - 1]))
    assert bad == []


def _printed_forms(value: Decimal) -> list[str]:
    text = format(value, "f")
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return [text, grouped]


def test_every_target_is_printed_beside_its_indicator(
    motie_rubric: evalkit.Rubric, seed_lines: list[str]
) -> None:
    missing = []
    for _, ind in motie_rubric.iter_indicators():
        if isinstance(ind.target, Decimal) and ind.line:
            window = " ".join(seed_lines[ind.line - 1 : ind.line + 40])
            if not any(form in window for form in _printed_forms(ind.target)):
                missing.append((ind.id, ind.target))
    assert missing == []


def test_effective_weights_sum_to_exactly_one(motie_rubric: evalkit.Rubric) -> None:
    for task in motie_rubric.tasks:
        weights = [i.effective_weight for i in task.indicators]
        assert None not in weights, task.code
        assert sum(w for w in weights if w is not None) == 1, task.code


def test_quantitative_indicators_have_a_target_or_a_note(motie_rubric: evalkit.Rubric) -> None:
    for task, ind in motie_rubric.iter_indicators():
        if ind.kind != "milestone" and not isinstance(ind.target, Decimal):
            assert any(
                (n.field or "").startswith(f"indicators[{ind.no}]") for n in task.data_notes
            ), ind.id


def test_every_data_note_names_a_seed_line(
    motie_rubric: evalkit.Rubric, seed_lines: list[str]
) -> None:
    notes = motie_rubric.all_data_notes
    assert len(notes) > 100
    for _, note in notes:
        assert 1 <= note.line <= len(seed_lines)


def test_tasks_without_printed_weights_use_a_stated_policy(motie_rubric: evalkit.Rubric) -> None:
    for task in motie_rubric.tasks:
        if all(i.weight is None for i in task.indicators):
            assert task.weighting in ("equal", "override"), task.code
            assert any(n.issue == "missing_weight" for n in task.data_notes), task.code


def test_known_inconsistencies_are_recorded(motie_rubric: evalkit.Rubric) -> None:
    issues = {(code, n.issue) for code, n in motie_rubric.all_data_notes}
    assert ("Ⅲ-5-③", "weight_sum") in issues  # 0.4 + 0.3 printed
    assert ("Ⅲ-5-②", "typo") in issues  # '23 result printed 37..2
    assert ("Ⅵ-5-①", "typo") in issues  # weight printed (03)
    assert ("Ⅶ-4-②", "target_conflict") in issues  # 88.4 in the table, 85.5 in the appendix
    assert (None, "count_mismatch") in issues  # 212 / 213 / 207 printed as totals
    assert motie_rubric.task("Ⅲ-5-③").weighting == "normalized"
    assert motie_rubric.task("Ⅲ-5-②").indicators[1].results[2023] == "37..2"


def test_subcommittees_follow_section_v(motie_rubric: evalkit.Rubric) -> None:
    members = {s.name: s.members for s in motie_rubric.subcommittees}
    assert members == {
        "산업정책": 4,
        "산업혁신성장": 5,
        "에너지자원": 6,
        "통상국제": 5,
        "무역투자": 4,
    }
    assert all(t.assigned_subcommittee for t in motie_rubric.tasks)
    feedback = [c for c in motie_rubric.criteria.items if c.name == "환류"]
    assert feedback and feedback[0].points == 12
    assert sum(c.points for c in motie_rubric.criteria.items) == 100


def test_cli_validate_prints_the_warning_summary() -> None:
    result = CliRunner().invoke(app, ["validate", str(MOTIE)])
    assert result.exit_code == 0, result.output
    assert "83 관리과제" in result.output and "215 성과지표" in result.output
    assert "46 task(s) with assumed weights" in result.output
    assert re.search(r"\d+ data note\(s\)", result.output)


@pytest.mark.parametrize("code", ["Ⅰ-1-①", "Ⅲ-5-③", "Ⅶ-4-②"])
def test_spot_checks_against_the_plan(motie_rubric: evalkit.Rubric, code: str) -> None:
    t = motie_rubric.task(code)
    if code == "Ⅰ-1-①":  # lines 3776-3840
        assert [i.target for i in t.indicators] == [17, 266, 92, 85]
        assert [i.weight for i in t.indicators] == [
            Decimal("0.3"),
            Decimal("0.3"),
            Decimal("0.2"),
            Decimal("0.2"),
        ]
        assert t.indicators[2].results == {2021: 93, 2022: 92, 2023: Decimal("94.3")}
    elif code == "Ⅲ-5-③":
        assert [i.effective_weight for i in t.indicators] == [Fraction(4, 7), Fraction(3, 7)]
    else:
        assert t.indicators[1].target == Decimal("88.4")


def test_data_note_fields_name_existing_indicators(motie_rubric: evalkit.Rubric) -> None:
    # Note fields number indicators like the printed table (①=1), as error paths do.
    for task in motie_rubric.tasks:
        for note in task.data_notes:
            for k in re.findall(r"indicators\[(\d+)\]", note.field or ""):
                assert 1 <= int(k) <= len(task.indicators), (task.code, note.field)
            assert "indicators[" not in note.printed + note.applied, (task.code, note.printed)
