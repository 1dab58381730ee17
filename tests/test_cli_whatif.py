"""``evalkit whatif``: prints the tasks a hypothetical change moves, writes nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from _workbooks import EXAMPLE, MINI_DIR
from typer.testing import CliRunner

import evalkit
from evalkit import AdjustmentChange, CriterionScoreChange, InputError
from evalkit.cli import app
from evalkit.cli._whatif import parse_changes

runner = CliRunner()
MINI_ARGS = [
    "whatif",
    str(MINI_DIR / "rubric.yaml"),
    "--results",
    str(MINI_DIR / "results.xlsx"),
    "--panel",
    str(MINI_DIR / "panel"),
    "--adjustments",
    str(MINI_DIR / "adjustments.csv"),
]


def _last_task() -> str:
    rubric = evalkit.load_rubric(MINI_DIR / "rubric.yaml")
    from evalkit.workbooks import read_inputs

    res, pan, adj = read_inputs(
        rubric, MINI_DIR / "results.xlsx", [MINI_DIR / "panel"], MINI_DIR / "adjustments.csv"
    )
    return evalkit.score(rubric, res, pan, adj).ranking()[-1].task.code


def test_parse_changes() -> None:
    got = parse_changes(["Ⅰ-1-①=+1.5"], ["Ⅰ-1-①:위원1:outcome=16"])
    assert got == [
        AdjustmentChange("Ⅰ-1-①", "+1.5"),
        CriterionScoreChange("Ⅰ-1-①", "위원1", "outcome", "16"),
    ]
    with pytest.raises(InputError) as info:
        parse_changes(["Ⅰ-1-①"], ["Ⅰ-1-①:outcome=16", "a:b:c="])
    assert len(info.value.problems) == 3
    assert all("읽을 수 없습니다" in p.message for p in info.value.problems)


def test_whatif_prints_the_tasks_that_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = _last_task()
    result = runner.invoke(app, [*MINI_ARGS, "--adjust", f"{code}=2", "--ranks"])
    assert result.exit_code == 0, result.output
    assert "가정 산정" in result.output and code in result.output
    assert "가정 변경" in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_whatif_refuses_bad_changes() -> None:
    result = runner.invoke(app, [*MINI_ARGS, "--adjust", "없는과제=1", "--set", "x:y:z=1"])
    assert result.exit_code == 1
    assert "채점표에 없습니다" in result.output
    result = runner.invoke(app, [*MINI_ARGS, "--adjust", "oops"])
    assert result.exit_code == 1 and "과제코드=가감점" in result.output
    result = runner.invoke(app, MINI_ARGS)
    assert result.exit_code == 2 and "--adjust 또는 --set" in result.output


def test_whatif_on_the_2024_example_is_quick() -> None:
    # The answer itself (the inputs read, the what-if rescored): well under a second.
    rubric = evalkit.load_rubric(
        Path(__file__).resolve().parents[1] / "rubrics" / "motie-2024.yaml"
    )
    from evalkit.workbooks import read_inputs

    res, pan, adj = read_inputs(
        rubric, EXAMPLE / "results.xlsx", [EXAMPLE / "panel"], EXAMPLE / "adjustments.csv"
    )
    sb = evalkit.score(rubric, res, pan, adj)
    d = sb.ranking()[30]
    assert d.panel is not None
    start = time.perf_counter()
    answer = evalkit.what_if(
        sb,
        [
            AdjustmentChange(d.task.code, 3),
            CriterionScoreChange(d.task.code, d.panel.evaluators[0], "outcome", 18),
        ],
    )
    assert time.perf_counter() - start < 1.0
    assert any(m.task == d.task.code and m.grade_changed for m in answer.moved)


def test_a_limit_form_rubric_scores_and_prints(tmp_path: Path) -> None:
    # The grade distribution table has no share to print for a limit form: it says 한도.
    text = (MINI_DIR / "rubric.yaml").read_text(encoding="utf-8")
    start, end = text.index("grade_scheme:"), text.index("achievement:")
    limits = (
        "grade_scheme:\n"
        "  grades: [매우우수, 우수, 다소우수, 보통, 다소미흡, 미흡, 부진]\n"
        "  limits:\n"
        "    - {grade: 우수, scope: and_above, at_most: 30}\n"
        "    - {grade: 미흡, scope: and_below, at_least: 15}\n"
    )
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(text[:start] + limits + text[end:], encoding="utf-8")
    args = [str(rubric), *MINI_ARGS[2:]]
    result = runner.invoke(app, ["score", *args, "--out", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 0, result.output
    assert "한도" in result.output
    result = runner.invoke(app, ["whatif", *args, "--adjust", f"{_last_task()}=2"])
    assert result.exit_code == 0, result.output
