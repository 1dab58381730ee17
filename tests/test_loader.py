"""Malformed rubrics: every problem is reported with its file, line and field path, and a fix.

Each case edits a small valid rubric (``BASE``) and names where the problem must be reported:
the line (found by a marker text in the edited file), the field path as the secretariat reads
it (``tasks[Ⅰ-1-①].indicators[2].weight``: tasks by code, indicators by their table ``no``),
and a piece of the message.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import strategies  # noqa: F401  (loads the shared hypothesis profile)
from hypothesis import given
from hypothesis import strategies as st

from evalkit import Problem, RubricError, load_rubric, validate_rubric

BASE = """\
schema_version: 1
meta:
  ministry: 예시부
  year: 2024
  title: 시험용 평가 기준
criteria:
  total: 100
  items:
    - {id: indicators, name: 성과지표 달성도, points: 40, method: computed}
    - {id: plan, name: 계획, points: 60, method: panel}
grade_scheme:
  grades:
    - {name: 우수, percent: 30}
    - {name: 보통, percent: 40}
    - {name: 미흡, percent: 30}
subcommittees:
  - {name: 산업분과, members: 4, goals: [Ⅰ]}
strategic_goals:
  - code: Ⅰ
    title: 산업 경쟁력 강화
    performance_goals:
      - code: Ⅰ-1
        title: 산업구조 혁신
        tasks:
          - code: Ⅰ-1-①
            name: 성과확산 기반 마련
            indicators:
              - no: 1
                name: 민관협력 확대
                unit: 건
                weight: 0.5
                target: 17
              - no: 2
                name: 교육만족도
                unit: 점
                weight: 0.5
                target: 92
          - code: Ⅰ-1-②
            name: 우수인재 양성
            weighting: equal
            indicators:
              - no: 1
                name: 석박사 배출
                unit: 명
                target: 1350
            data_notes:
              - {line: 10, issue: missing_weight, printed: 미기재, applied: 균등}
"""

# Lines of BASE that the cases edit.
IND2_WEIGHT = "                weight: 0.5\n                target: 92\n"
IND2_TARGET = "                target: 92\n"
TASK2 = "          - code: Ⅰ-1-②\n"
NOTE = BASE[BASE.index("            data_notes:") :]


@dataclass(frozen=True)
class Case:
    edits: tuple[tuple[str, str], ...]
    at: str | None  # marker text: the problem's line is the first line holding it
    field: str | None
    message: str
    nth: int = 1  # which occurrence of the marker

    def text(self) -> str:
        text = BASE
        for old, new in self.edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        return text

    def line(self) -> int | None:
        if self.at is None:
            return None
        hits = [i for i, ln in enumerate(self.text().splitlines(), 1) if self.at in ln]
        return hits[self.nth - 1]


def edit(old: str, new: str) -> tuple[tuple[str, str], ...]:
    return ((old, new),)


T1 = "tasks[Ⅰ-1-①]"
T2 = "tasks[Ⅰ-1-②]"
CASES: dict[str, Case] = {
    "yaml syntax: unclosed quote (reported with where it starts)": Case(
        edit("    title: 산업 경쟁력 강화\n", '    title: "산업 경쟁력 강화\n'),
        None,
        None,
        "starts at line 20:12",
    ),
    "yaml syntax: bad indentation": Case(
        edit("        title: 산업구조 혁신\n", "        title: 산업구조 혁신\n       bad: [\n"),
        "       bad: [",
        None,
        "YAML syntax error",
    ),
    "yaml syntax: tab indentation": Case(
        edit(IND2_TARGET, "\t\ttarget: 92\n"), "\t\ttarget", None, "'\\t'"
    ),
    "duplicate key": Case(
        edit(
            "                target: 17\n",
            "                target: 17\n                target: 18\n",
        ),
        "target: 18",
        f"{T1}.indicators[1].target",
        "key 'target' appears twice",
    ),
    "duplicate task code": Case(
        edit(TASK2, "          - code: Ⅰ-1-①\n"),
        "- code: Ⅰ-1-①",
        f"{T1}.code",
        "task code 'Ⅰ-1-①' is used twice (first at",
        nth=2,
    ),
    "printed weights 0.3 + 0.3": Case(
        (
            ("weight: 0.5\n                target: 17", "weight: 0.3\n                target: 17"),
            ("weight: 0.5\n                target: 92", "weight: 0.3\n                target: 92"),
        ),
        "- code: Ⅰ-1-①",
        f"{T1}.weighting",
        "printed weights sum to 0.6 (0.3 + 0.3), not 1",
    ),
    "printed weighting with a weight missing": Case(
        edit(IND2_WEIGHT, IND2_TARGET),
        "- no: 2",
        f"{T1}.indicators[2].weight",
        "indicator(s) [2] print no weight",
    ),
    "unknown unit": Case(
        edit("unit: 점\n", "unit: 점수들\n"),
        "unit: 점수들",
        f"{T1}.indicators[2].unit",
        "unknown unit '점수들'",
    ),
    "target missing on a quantitative indicator": Case(
        edit(IND2_TARGET, ""), "- no: 2", f"{T1}.indicators[2].target", "Field required"
    ),
    "target null on a quantitative indicator": Case(
        edit(IND2_TARGET, "                target: null\n"),
        "target: null",
        f"{T1}.indicators[2].target",
        "quantitative indicator '교육만족도' has no numeric target",
    ),
    "text target on a quantitative indicator": Case(
        edit(IND2_TARGET, "                target: 제정\n"),
        "target: 제정",
        f"{T1}.indicators[2].target",
        "(got '제정')",
    ),
    "target that is a list": Case(
        edit(IND2_TARGET, "                target: [92, 93]\n"),
        "target: [92",
        f"{T1}.indicators[2].target",
        "[92, 93] is neither a number nor text",
    ),
    "unknown direction": Case(
        edit(IND2_TARGET, IND2_TARGET + "                direction: upward\n"),
        "direction: upward",
        f"{T1}.indicators[2].direction",
        "'up' or 'down' (got 'upward')",
    ),
    "unknown kind": Case(
        edit(IND2_TARGET, IND2_TARGET + "                kind: numeric\n"),
        "kind: numeric",
        f"{T1}.indicators[2].kind",
        "(got 'numeric')",
    ),
    "non-numeric weight": Case(
        edit(IND2_WEIGHT, "                weight: 절반\n" + IND2_TARGET),
        "weight: 절반",
        f"{T1}.indicators[2].weight",
        "valid decimal (got '절반')",
    ),
    "weight above 1": Case(
        edit(IND2_WEIGHT, "                weight: 1.5\n" + IND2_TARGET),
        "weight: 1.5",
        f"{T1}.indicators[2].weight",
        "less than or equal to 1 (got 1.5)",
    ),
    "negative cap": Case(
        edit(IND2_TARGET, IND2_TARGET + "                cap: -5\n"),
        "cap: -5",
        f"{T1}.indicators[2].cap",
        "greater than 0",
    ),
    "result year that is not a year": Case(
        edit(IND2_TARGET, IND2_TARGET + "                results: {이천이십삼: 5}\n"),
        "results:",
        f"{T1}.indicators[2].results.이천이십삼",
        "valid integer",
    ),
    "indicator numbers out of table order": Case(
        edit("              - no: 2\n", "              - no: 3\n"),
        "- no: 1",
        f"{T1}.indicators",
        "indicator numbers are [1, 3], expected 1..2",
    ),
    "extra unknown field (a typo)": Case(
        edit("unit: 점\n", "unit: 점\n                wieght: 0.5\n"),
        "wieght",
        f"{T1}.indicators[2].wieght",
        "Extra inputs are not permitted",
    ),
    "milestone without a target": Case(
        edit(IND2_TARGET, "                target: null\n                kind: milestone\n"),
        "target: null",
        f"{T1}.indicators[2].target",
        "milestone indicator '교육만족도' has no",
    ),
    "criteria points not adding up to the total": Case(
        edit("points: 60, method: panel", "points: 50, method: panel"),
        "total: 100",
        "criteria.total",
        "criteria points add up to 90, not the stated total 100",
    ),
    "bad criterion id": Case(
        edit("{id: plan,", "{id: 계획,"),
        "{id: 계획",
        "criteria.items[계획].id",
        "should match pattern",
    ),
    "criterion id used twice": Case(
        (
            ("{id: plan, name: 계획, points: 60", "{id: plan, name: 계획, points: 30"),
            (
                "method: panel}\n",
                "method: panel}\n    - {id: plan, name: 집행, points: 30, method: panel}\n",
            ),
        ),
        "name: 집행",
        "criteria.items[plan].id",
        "criterion id 'plan' is used twice",
    ),
    "grade percentages not adding up to 100": Case(
        edit("{name: 미흡, percent: 30}", "{name: 미흡, percent: 20}"),
        "grades:",
        "grade_scheme",
        "grade percentages sum to 90, not 100",
        nth=1,
    ),
    "unknown tie policy": Case(
        edit(
            "    - {name: 미흡, percent: 30}\n", "    - {name: 미흡, percent: 30}\n  ties: middle\n"
        ),
        "ties: middle",
        "grade_scheme.ties",
        "'upper' or 'lower'",
    ),
    "task code not under its performance goal": Case(
        edit(TASK2, "          - code: Ⅱ-1-②\n"),
        "- code: Ⅱ-1-②",
        "tasks[Ⅱ-1-②].code",
        "task 'Ⅱ-1-②' does not sit under performance goal 'Ⅰ-1'",
    ),
    "performance goal code not under its strategic goal": Case(
        edit("      - code: Ⅰ-1\n", "      - code: Ⅲ-1\n"),
        "- code: Ⅲ-1",
        "strategic_goals[Ⅰ].performance_goals[Ⅲ-1].code",
        "performance goal 'Ⅲ-1' does not sit under strategic goal 'Ⅰ'",
    ),
    "normalized weighting without a data note": Case(
        (
            ("            weighting: equal\n", "            weighting: normalized\n"),
            (
                "                unit: 명\n",
                "                unit: 명\n                weight: 0.5\n",
            ),
            (
                NOTE,
                "",
            ),
        ),
        "- code: Ⅰ-1-②",  # no data_notes to point at: the task itself
        f"{T2}.data_notes",
        "weighting `normalized` needs a data note",
    ),
    "equal weighting while weights are printed": Case(
        (
            ("                unit: 명\n", "                unit: 명\n                weight: 1\n"),
            (
                NOTE,
                "",
            ),
        ),
        "weighting: equal",
        f"{T2}.weighting",
        "weighting is `equal` but weights are printed",
    ),
    "override weights not adding up to 1": Case(
        (
            (
                "            name: 성과확산 기반 마련\n",
                "            name: 성과확산 기반 마련\n            weighting: override\n"
                "            data_notes:\n              - {line: 5, issue: weight_sum, printed: x, "
                "applied: y}\n",
            ),
            (
                "weight: 0.5\n                target: 17",
                "weight: 0.5\n                applied_weight: 0.6\n                target: 17",
            ),
            (
                "weight: 0.5\n                target: 92",
                "weight: 0.5\n                applied_weight: 0.6\n                target: 92",
            ),
        ),
        "weighting: override",
        f"{T1}.weighting",
        "applied weights sum to 1.2, not 1",
    ),
    "override without applied weights": Case(
        edit(
            "            name: 성과확산 기반 마련\n",
            "            name: 성과확산 기반 마련\n            weighting: override\n",
        ),
        "- no: 1",
        f"{T1}.indicators[1].applied_weight",
        "have no applied_weight",
    ),
    "unknown subcommittee": Case(
        edit(
            "            name: 우수인재 양성\n",
            "            name: 우수인재 양성\n            subcommittee: 에너지분과\n",
        ),
        "subcommittee: 에너지분과",
        f"{T2}.subcommittee",
        "unknown subcommittee '에너지분과'",
    ),
    "subcommittee naming an unknown goal": Case(
        edit("goals: [Ⅰ]", "goals: [Ⅰ, Ⅸ]"),
        "goals: [Ⅰ, Ⅸ]",
        "subcommittees[0].goals",
        "names unknown strategic goal 'Ⅸ'",
    ),
    "goal given to two subcommittees": Case(
        edit(
            "  - {name: 산업분과, members: 4, goals: [Ⅰ]}\n",
            "  - {name: 산업분과, members: 4, goals: [Ⅰ]}\n"
            "  - {name: 에너지분과, members: 3, goals: [Ⅰ]}\n",
        ),
        "{name: 에너지분과",
        "subcommittees[1].goals",
        "strategic goal 'Ⅰ' is given to both",
    ),
    "unknown data note issue": Case(
        edit("issue: missing_weight", "issue: weight_missing"),
        "issue: weight_missing",
        f"{T2}.data_notes[0].issue",
        "(got 'weight_missing')",
    ),
    "adjustment limits that exclude 0": Case(
        edit("subcommittees:\n", "adjustments: {min: 1, max: 3}\nsubcommittees:\n"),
        "adjustments:",
        "adjustments",
        "min ≤ 0 ≤ max",
    ),
    "year out of range": Case(
        edit("  year: 2024", "  year: 1024"),
        "year: 1024",
        "meta.year",
        "greater than or equal to 2000 (got 1024)",
    ),
    "required metadata missing": Case(
        edit("  ministry: 예시부\n", ""), "  year: 2024", "meta.ministry", "Field required"
    ),
    "unsupported schema version": Case(
        edit("schema_version: 1", "schema_version: 2"),
        "schema_version",
        "schema_version",
        "Input should be 1 (got 2)",
    ),
    "task without indicators": Case(
        edit(
            "            weighting: equal\n            indicators:\n              - no: 1\n"
            "                name: 석박사 배출\n                unit: 명\n"
            "                target: 1350\n",
            "            weighting: equal\n            indicators: []\n",
        ),
        "indicators: []",
        f"{T2}.indicators",
        "at least 1 item",
    ),
    "include that is not a list": Case(
        edit("strategic_goals:\n", "include: goal-2.yaml\nstrategic_goals:\n"),
        "include:",
        "include",
        "`include` must be a list of file paths",
    ),
    "included file that does not exist": Case(
        edit("strategic_goals:\n", "include: [goal-9.yaml]\nstrategic_goals:\n"),
        "include:",
        "include[0]",
        "included file 'goal-9.yaml' not found",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_rubric_names_the_place(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = tmp_path / "rubric.yaml"
    path.write_text(case.text(), encoding="utf-8")
    report = validate_rubric(path)
    assert not report.ok
    hits = [p for p in report.errors if case.message in p.message]
    assert hits, [str(p) for p in report.problems]
    p = hits[0]
    assert p.file == str(path)
    if case.line() is not None:
        assert p.line == case.line(), str(p)
        assert f"line {p.line}" in str(p)
    else:
        assert p.line is not None
    assert p.field == case.field, str(p)
    if case.field:
        assert f": {case.field}: " in str(p)
    assert str(p).startswith(str(path))
    # A problem always says how to fix it, except YAML's own syntax messages which say where.
    assert p.fix
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert case.message in str(info.value)


def test_at_least_twenty_distinct_cases() -> None:
    assert len(CASES) >= 20
    assert len({c.text() for c in CASES.values()}) == len(CASES)


def test_the_base_rubric_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(BASE, encoding="utf-8")
    report = validate_rubric(path)
    assert report.ok, [str(p) for p in report.problems]
    # Equal weights are assumed, so they are reported as a warning, with the task's place.
    (warning,) = report.warnings
    assert (
        warning.field == f"{T2}.weighting"
        and warning.line == BASE.splitlines().index("            weighting: equal") + 1
    )
    assert report.summary()["assumed_weights"] == 1
    assert [t.code for t in load_rubric(path).tasks] == ["Ⅰ-1-①", "Ⅰ-1-②"]


def problems_of(tmp_path: Path, text: str, name: str = "rubric.yaml") -> list[Problem]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(validate_rubric(path).problems)


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("", "the file is empty", None),
        ("   \n\n", "the file is empty", None),
        ("# 주석만 있는 파일\n", "holds no YAML document (only comments", None),
        ("- a\n- b\n", "the top level is a list, not a mapping", 1),
        ("그냥 글\n", "the top level is a text, not a mapping", 1),
        ("42\n", "the top level is a int, not a mapping", 1),
    ],
)
def test_files_that_are_not_a_rubric_mapping(
    tmp_path: Path, text: str, message: str, line: int | None
) -> None:
    (p,) = problems_of(tmp_path, text)
    assert message in p.message and p.file == str(tmp_path / "rubric.yaml")
    assert p.line == line and p.fix


def test_missing_rubric_file(tmp_path: Path) -> None:
    report = validate_rubric(tmp_path / "nope.yaml")
    (p,) = report.problems
    assert p.message == "file not found" and p.file == str(tmp_path / "nope.yaml")


def test_every_problem_is_reported_in_one_pass(tmp_path: Path) -> None:
    text = (
        BASE.replace("unit: 점\n", "unit: 점수들\n")
        .replace("points: 60, method: panel", "points: 50, method: panel")
        .replace(TASK2, "          - code: Ⅱ-1-②\n")
        .replace("goals: [Ⅰ]", "goals: [Ⅰ, Ⅸ]")
    )
    errors = [p for p in problems_of(tmp_path, text) if p.severity == "error"]
    fields = {p.field for p in errors}
    assert {
        f"{T1}.indicators[2].unit",
        "criteria.total",
        "tasks[Ⅱ-1-②].code",
        "subcommittees[0].goals",
    } <= fields
    # All schema errors at once as well: a typo in one place, a bad value in another.
    text = (
        BASE.replace("  year: 2024", "  year: 이천")
        .replace("direction", "x")
        .replace(IND2_TARGET, IND2_TARGET + "                direction: sideways\n")
    )
    fields = {p.field for p in problems_of(tmp_path, text, "other.yaml")}
    assert {"meta.year", f"{T1}.indicators[2].direction"} <= fields


def test_schema_errors_do_not_hide_the_cross_field_checks(tmp_path: Path) -> None:
    # A bad grade scheme (percentages sum to 110) used to hide the weight sum and the
    # criteria total until it was fixed: now one pass shows all three, each at its place.
    text = (
        BASE.replace("{name: 우수, percent: 30}", "{name: 우수, percent: 40}")
        .replace("weight: 0.5\n" + IND2_TARGET, "weight: 0.6\n" + IND2_TARGET)
        .replace("points: 60, method: panel", "points: 50, method: panel")
    )
    assert "percent: 40" in text and "weight: 0.6" in text
    report = validate_rubric(_write(tmp_path, text))
    errors = {p.field: p for p in report.errors}
    assert {"grade_scheme", f"{T1}.weighting", "criteria.total"} <= set(errors)
    assert "sum to 1.1" in errors[f"{T1}.weighting"].message
    assert errors[f"{T1}.weighting"].line is not None
    # A task that fails the schema itself is reported once, by the schema.
    text = text.replace("weight: 0.6\n", "weight: abc\n")
    fields = [p.field for p in validate_rubric(_write(tmp_path, text)).errors]
    assert f"{T1}.weighting" not in fields and f"{T1}.indicators[2].weight" in fields


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "one-pass.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_all_duplicate_keys_are_reported(tmp_path: Path) -> None:
    text = BASE.replace("  year: 2024\n", "  year: 2024\n  year: 2025\n").replace(
        "                unit: 명\n", "                unit: 명\n                unit: 건\n"
    )
    problems = problems_of(tmp_path, text)
    lines = text.splitlines()
    second_unit = len(lines) - lines[::-1].index("                unit: 건")
    assert [(p.field, p.line) for p in problems] == [
        ("meta.year", 5),
        (f"{T2}.indicators[1].unit", second_unit),
    ]
    assert "first at line 4" in problems[0].message


def test_text_results_are_a_warning_unless_noted(tmp_path: Path) -> None:
    text = BASE.replace(IND2_TARGET, IND2_TARGET + '                results: {2023: "37..2"}\n')
    problems = problems_of(tmp_path, text)
    (w,) = [p for p in problems if "37..2" in p.message]
    assert w.severity == "warning" and w.field == f"{T1}.indicators[2].results.2023"
    noted = text.replace(
        "            name: 성과확산 기반 마련\n",
        "            name: 성과확산 기반 마련\n            data_notes:\n              - {line: 9, "
        "field: indicators[2].results, issue: typo, printed: '37..2', applied: '37.2'}\n",
    )
    assert not [p for p in problems_of(tmp_path, noted, "noted.yaml") if "37..2" in p.message]


def test_an_example_assumption_is_a_warning_not_report_text(tmp_path: Path) -> None:
    """예시 배점 … 교체 is for the rubric's editor: validate says so (the report never prints
    criteria notes)."""
    text = BASE.replace(
        "  total: 100\n", "  total: 100\n  note: 예시 배점 — 해당 연도 계획의 배점으로 교체\n", 1
    ).replace("goals: [Ⅰ]}", "goals: [Ⅰ], note: example assignment}")
    problems = problems_of(tmp_path, text)
    warned = {p.field: p for p in problems if "예시로 표시" in p.message}
    assert set(warned) == {"criteria.note", "subcommittees[0].note"}
    assert all(p.severity == "warning" and p.fix and p.line for p in warned.values())
    assert not [p for p in problems if p.severity == "error"]
    assert not [p for p in problems_of(tmp_path, BASE, "plain.yaml") if "예시" in p.message]


# --- rubrics split into files (include:) -------------------------------------------------------

MAIN_HEAD = BASE[: BASE.index("strategic_goals:")]
GOAL_1 = """\
code: Ⅰ
title: 산업 경쟁력 강화
performance_goals:
  - code: Ⅰ-1
    title: 산업구조 혁신
    tasks:
      - code: Ⅰ-1-①
        name: 성과확산 기반 마련
        indicators:
          - {no: 1, name: 민관협력 확대, unit: 건, weight: 0.5, target: 17}
          - {no: 2, name: 교육만족도, unit: 점, weight: 0.5, target: 92}
"""


def write_split(tmp_path: Path, goal_text: str) -> Path:
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "goal-1.yaml").write_text(goal_text, encoding="utf-8")
    main = tmp_path / "rubric.yaml"
    main.write_text(MAIN_HEAD + "include:\n  - goals/goal-1.yaml\n", encoding="utf-8")
    return main


def test_included_goal_files_load(tmp_path: Path) -> None:
    rubric = load_rubric(write_split(tmp_path, GOAL_1))
    assert [t.code for t in rubric.tasks] == ["Ⅰ-1-①"]
    assert rubric.tasks[0].assigned_subcommittee == "산업분과"


def test_problem_in_an_included_file_names_that_file_and_line(tmp_path: Path) -> None:
    main = write_split(
        tmp_path,
        GOAL_1.replace("weight: 0.5, target: 92", "weight: 0.3, target: 92, direction: upward"),
    )
    problems = list(validate_rubric(main).problems)
    goal_file = str(tmp_path / "goals" / "goal-1.yaml")
    (p,) = problems
    assert (p.file, p.line, p.field) == (goal_file, 11, f"{T1}.indicators[2].direction")
    # After fixing the direction, the weight sum is reported at the task in that file.
    main = tmp_path / "again"
    main.mkdir()
    main = write_split(main, GOAL_1.replace("weight: 0.5, target: 92", "weight: 0.3, target: 92"))
    (p,) = [q for q in validate_rubric(main).problems if q.severity == "error"]
    assert p.file == str(main.parent / "goals" / "goal-1.yaml") and p.line == 7
    assert p.field == f"{T1}.weighting" and "sum to 0.8" in p.message


@pytest.mark.parametrize(
    "goal_text, message, line",
    [
        ("- code: Ⅰ\n", "must hold one strategic goal mapping, not a list", 1),
        ("code: Ⅰ\ntitle: [\n", "YAML syntax error", 3),
        ("code: Ⅰ\ncode: Ⅱ\n", "key 'code' appears twice", 2),
        ("", "the file is empty", None),
    ],
)
def test_bad_included_file(tmp_path: Path, goal_text: str, message: str, line: int | None) -> None:
    main = write_split(tmp_path, goal_text)
    (p,) = validate_rubric(main).problems
    assert message in p.message
    assert p.file == str(tmp_path / "goals" / "goal-1.yaml") and p.line == line
    assert p.field in ("include[0]", "code")


def _including(tmp_path: Path, *paths: str) -> Path:
    main = tmp_path / "rubric" / "rubric.yaml"
    main.parent.mkdir(exist_ok=True)
    listed = "".join(f"  - {json.dumps(p)}\n" for p in paths)
    main.write_text(MAIN_HEAD + "include:\n" + listed, encoding="utf-8")
    return main


@pytest.mark.parametrize(
    "where",
    ["absolute", "dotdot", "dotdot-deep", "symlink-file", "symlink-folder", "device"],
)
def test_includes_stay_inside_the_rubrics_folder(tmp_path: Path, where: str) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    folder = tmp_path / "rubric"
    folder.mkdir()
    rel = {
        "absolute": str(secret),
        "dotdot": "../secret.yaml",
        "dotdot-deep": "goals/../../secret.yaml",
        "symlink-file": "link.yaml",
        "symlink-folder": "linked/secret.yaml",
        "device": "/dev/zero",
    }[where]
    if where == "symlink-file":
        (folder / "link.yaml").symlink_to(secret)
    if where == "symlink-folder":
        (folder / "linked").symlink_to(tmp_path)
    report = validate_rubric(_including(tmp_path, rel))
    (p,) = report.errors
    assert p.field == "include[0]" and p.line is not None
    assert "평가 기준 폴더" in p.message or "절대 경로" in p.message
    assert "폴더" in (p.fix or "")
    assert all("hunter2" not in str(q) for q in report.problems)  # never read, never quoted


def test_includes_inside_the_folder_through_dotdot_and_links_are_read(tmp_path: Path) -> None:
    main = write_split(tmp_path, GOAL_1)
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "goals" / "goal-1.yaml")
    for rel in ("goals/../goals/goal-1.yaml", "./alias.yaml"):
        main.write_text(MAIN_HEAD + f"include:\n  - {rel}\n", encoding="utf-8")
        assert [t.code for t in load_rubric(main).tasks] == ["Ⅰ-1-①"]


def test_includes_listed_twice_or_too_many_are_refused(tmp_path: Path) -> None:
    main = write_split(tmp_path, GOAL_1)
    main.write_text(
        MAIN_HEAD + "include:\n  - goals/goal-1.yaml\n  - ./goals/goal-1.yaml\n",
        encoding="utf-8",
    )
    (p,) = validate_rubric(main).errors
    assert p.field == "include[1]" and "다시 포함" in p.message
    main.write_text(MAIN_HEAD + "include:\n" + "  - goals/goal-1.yaml\n" * 101, encoding="utf-8")
    (p,) = validate_rubric(main).errors
    assert p.field == "include" and "너무 깁니다" in p.message


def test_an_included_folder_or_device_inside_is_not_reported_as_missing(tmp_path: Path) -> None:
    main = write_split(tmp_path, GOAL_1)
    main.write_text(MAIN_HEAD + "include:\n  - goals\n", encoding="utf-8")
    (p,) = validate_rubric(main).errors
    assert "일반 파일이 아닙니다" in p.message and p.field == "include[0]"


# --- robustness: validate never crashes on a damaged file ------------------------------------


_LINES = BASE.splitlines(keepends=True)
_JUNK = st.sampled_from(
    [
        "",
        " ",
        "- ",
        ": ",
        "[",
        "{",
        "'",
        '"',
        "null",
        "-1",
        "0.3",
        "x",
        "\t",
        "no: 1",
        "code: Ⅰ-1-①",
        "weight: 2",
        "target: ~",
        "indicators: []",
    ]
)


@st.composite
def damaged_rubrics(draw: st.DrawFn) -> str:
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "junk", "indent", "dedent"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "junk":
            stripped = lines[i].rstrip("\n")
            cut = draw(st.integers(0, len(stripped)))
            lines[i] = stripped[:cut] + draw(_JUNK) + stripped[cut:] + "\n"
        elif action == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
        if not lines:
            break
    return "".join(lines)


@given(damaged_rubrics())
def test_validation_never_crashes_and_always_locates(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rubric.yaml"
        path.write_text(text, encoding="utf-8")
        report = validate_rubric(path)
        if report.rubric is None:
            assert report.errors
        for p in report.problems:
            assert p.file is not None and p.message
            # Anything past the file's own reading names a line, except a file with no text.
            assert p.line is not None or "empty" in p.message or "no YAML" in p.message


def test_a_rubric_must_state_its_grade_scheme(tmp_path: Path) -> None:
    start = BASE.index("grade_scheme:")
    end = BASE.index("subcommittees:")
    (p,) = [x for x in problems_of(tmp_path, BASE[:start] + BASE[end:]) if x.severity == "error"]
    assert "등급 체계(grade_scheme)가 없습니다" in p.message
    assert p.fix is not None and "preset: example-10-20-20-20-15-10-5" in p.fix


def test_a_preset_scheme_is_valid_with_a_located_warning(tmp_path: Path) -> None:
    start = BASE.index("grade_scheme:")
    end = BASE.index("subcommittees:")
    text = BASE[:start] + "grade_scheme:\n  preset: observed-motie-2023\n" + BASE[end:]
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    report = validate_rubric(path)
    assert report.ok, [str(p) for p in report.problems]
    (w,) = [x for x in report.warnings if x.field == "grade_scheme.preset"]
    assert "(관측치)에 기대고 있습니다" in w.message
    assert w.line == text.splitlines().index("  preset: observed-motie-2023") + 1
    bad = BASE[:start] + "grade_scheme:\n  preset: official\n" + BASE[end:]
    (e,) = [p for p in problems_of(tmp_path, bad) if p.severity == "error"]
    assert e.field == "grade_scheme" and "알 수 없는 등급 체계 preset" in e.message
