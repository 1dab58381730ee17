"""The round file (round.yaml): its model, positioned loading and path rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _round_data import ROUND_YAML, make_round

from evalkit._errors import InputError
from evalkit._round import Round, is_round_file, load_round, round_schema


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_round(path)
    return [str(p) for p in exc.value.problems]


def _bad(tmp_path: Path, old: str, new: str) -> list[str]:
    path = make_round(tmp_path, ROUND_YAML.replace(old, new, 1))
    assert new in path.read_text(encoding="utf-8")
    return _problems(path)


def test_loads_and_resolves_every_input(tmp_path: Path) -> None:
    rf = load_round(make_round(tmp_path))
    assert rf.round.year == 2024 and rf.round.status == "초안" and rf.round.example
    assert len(rf.results) == 7 and len(rf.panel) == 8 and len(rf.adjustments) == 1
    assert rf.relative(rf.results[0]) == "실적/Ⅰ-1-①.xlsx"
    assert rf.evaluators()["에너지분과"] == ("위원1", "위원2", "위원3", "위원4")
    assert rf.round.roster.committee.chair == "김위원장"
    assert rf.round.schedule[0].what == "실적 제출"
    assert is_round_file(rf.path) and not is_round_file(tmp_path / "rubric.yaml")


def test_schema_has_a_korean_description_on_every_field() -> None:
    schema = round_schema()
    assert json.dumps(schema, ensure_ascii=False)
    for name, model in [("Round", schema), *schema["$defs"].items()]:
        for field, spec in model.get("properties", {}).items():
            desc = spec.get("description", "")
            assert any("가" <= ch <= "힣" for ch in desc), f"{name}.{field} has no Korean text"
    assert set(Round.model_fields) >= {"year", "rubric", "inputs", "roster", "schedule"}


def test_unknown_field_is_located(tmp_path: Path) -> None:
    out = _bad(tmp_path, "status: 초안", "status: 초안\nstatsu: 확정")
    assert any("statsu" in p and "line 18" in p for p in out), out


def test_missing_rubric_field(tmp_path: Path) -> None:
    out = _bad(tmp_path, "rubric: rubric.yaml\n", "")
    assert any("rubric" in p and "필수" in p for p in out), out


def test_rubric_file_not_there(tmp_path: Path) -> None:
    out = _bad(tmp_path, "rubric: rubric.yaml", "rubric: nope.yaml")
    assert any("nope.yaml" in p and "없습니다" in p for p in out), out


def test_absolute_rubric_path_refused(tmp_path: Path) -> None:
    out = _bad(tmp_path, "rubric: rubric.yaml", f"rubric: {tmp_path / 'rubric.yaml'}")
    assert any("절대 경로" in p for p in out), out


def test_rubric_may_sit_in_a_shared_folder(tmp_path: Path) -> None:
    path = make_round(tmp_path / "r" / "2024")
    (tmp_path / "r" / "2024" / "rubric.yaml").rename(tmp_path / "r" / "rubric.yaml")
    text = path.read_text(encoding="utf-8").replace("rubric: rubric.yaml", "rubric: ../rubric.yaml")
    path.write_text(text, encoding="utf-8")
    assert load_round(path).rubric_path.resolve() == (tmp_path / "r" / "rubric.yaml").resolve()


def test_input_folder_outside_refused(tmp_path: Path) -> None:
    out = _bad(tmp_path / "r", "results: 실적/", "results: ../실적")
    assert any("폴더 밖" in p and "inputs.results" in p for p in out), out


def test_glob_outside_refused(tmp_path: Path) -> None:
    out = _bad(tmp_path / "r", "panel: 평가표/*/*.xlsx", "panel: ../*/*.xlsx")
    assert any("폴더 밖" in p and "inputs.panel" in p for p in out), out


def test_missing_input_file(tmp_path: Path) -> None:
    out = _bad(tmp_path, "adjustments: adjustments.csv", "adjustments: 가감점.csv")
    assert any("가감점.csv" in p and "없습니다" in p for p in out), out


def test_evaluator_listed_twice(tmp_path: Path) -> None:
    out = _bad(tmp_path, "[위원1, 위원2, 위원3, 위원4]", "[위원1, 위원2, 위원2]")
    assert any("위원2" in p and "두 번" in p for p in out), out


def test_zero_evaluators(tmp_path: Path) -> None:
    out = _bad(tmp_path, "evaluators: 4}", "evaluators: 0}")
    assert any("1 이상" in p for p in out), out


def test_schedule_without_date(tmp_path: Path) -> None:
    out = _bad(tmp_path, "{date: 2025-03-31, what:", "{what:")
    assert any("schedule[1]" in p and "날짜가 없습니다" in p for p in out), out


def test_schedule_date_and_period(tmp_path: Path) -> None:
    out = _bad(tmp_path, "{date: 2025-03-31,", "{date: 2025-03-31, start: 2025-03-01,")
    assert any("함께" in p for p in out), out


def test_schedule_ends_before_it_starts(tmp_path: Path) -> None:
    out = _bad(tmp_path, "end: 2025-02-15", "end: 2025-01-01")
    assert any("종료일" in p for p in out), out


def test_bad_date(tmp_path: Path) -> None:
    out = _bad(tmp_path, "issue_date: 2025-04-10", "issue_date: 4월 10일")
    assert any("issue_date" in p and "YYYY-MM-DD" in p for p in out), out


def test_bad_status(tmp_path: Path) -> None:
    out = _bad(tmp_path, "status: 초안", "status: final")
    assert any("status" in p and "나열된 값" in p for p in out), out


def test_final_without_approval_date(tmp_path: Path) -> None:
    text = ROUND_YAML.replace("status: 초안", "status: 확정").replace(
        "approval_date: 2025-03-31\n", ""
    )
    out = _problems(make_round(tmp_path, text))
    assert any("의결일" in p for p in out), out


def test_subcommittee_twice(tmp_path: Path) -> None:
    out = _bad(tmp_path, "{name: 에너지분과,", "{name: 산업분과,")
    assert any("두 번" in p and "산업분과" in p for p in out), out


def test_every_problem_at_once(tmp_path: Path) -> None:
    text = (
        ROUND_YAML.replace("rubric: rubric.yaml", "rubric: ../rubric.yaml")
        .replace("adjustments: adjustments.csv", "adjustments: /etc/passwd")
        .replace("results: 실적/", "results: 없는폴더/")
    )
    out = _problems(make_round(tmp_path / "r", text))
    assert len(out) == 3, out
    assert all("round.yaml, line" in p for p in out), out


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "round.yaml"
    path.write_text("- year: 2024\n", encoding="utf-8")
    assert any("매핑" in p for p in _problems(path))


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "round.yaml"
    path.write_text("year: 2024\nrubric: [a\n", encoding="utf-8")
    assert any("line" in p for p in _problems(path))


COMMITTEE_TEXT = """\
opinion: |
  - 전반적으로 고르게 추진됨
  다음 연도 목표치 상향 필요
best_practices:
  - {task: Ⅰ-1-①, text: 현장 소통을 정례화함}
feedback:
  - {recommendation: 설정근거 정리, action: 정리함}
  - {task: Ⅱ-1-③, recommendation: 환류 구체화}
"""


def test_the_committees_text_is_read(tmp_path: Path) -> None:
    from evalkit._report import RoundInfo

    rf = load_round(make_round(tmp_path, ROUND_YAML + COMMITTEE_TEXT))
    r = rf.round
    assert r.best_practices[0].task == "Ⅰ-1-①" and r.feedback[1].action == ""
    info = RoundInfo.of(r, {"Ⅰ-1-①": ("산업정책과",)})
    assert info.opinion == ("전반적으로 고르게 추진됨", "다음 연도 목표치 상향 필요")
    assert info.best_practices == (("Ⅰ-1-①", "현장 소통을 정례화함"),)
    assert info.feedback == ((None, "설정근거 정리", "정리함"), ("Ⅱ-1-③", "환류 구체화", ""))
    assert info.departments == {"Ⅰ-1-①": ("산업정책과",)}
    assert RoundInfo.of(r).departments == {}


def test_committee_text_names_tasks_of_the_rubric(tmp_path: Path) -> None:
    import evalkit
    from evalkit._round import roster_problems

    text = ROUND_YAML + COMMITTEE_TEXT.replace("task: Ⅱ-1-③", "task: Ⅸ-9-⑨")
    rf = load_round(make_round(tmp_path, text.replace("task: Ⅰ-1-①", "task: Ⅰ-1-⑨")))
    problems = roster_problems(rf, evalkit.load_rubric(rf.rubric_path))
    assert {p.field for p in problems} == {"best_practices[0].task", "feedback[1].task"}
    assert all("루브릭에 없습니다" in p.message and p.fix for p in problems)


def test_committee_text_fields_are_checked(tmp_path: Path) -> None:
    problems = _bad(tmp_path, "status: 초안", "best_practices:\n  - {task: Ⅰ-1-①}\nstatus: 초안")
    assert any("best_practices" in p and "text" in p for p in problems)
