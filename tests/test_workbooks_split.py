"""Split workbooks: one results file per 주관부서, one panel file per evaluator."""

from __future__ import annotations

from pathlib import Path

import pytest
from _paths import MINI

from evalkit import load_rubric
from evalkit._errors import InputError
from evalkit.workbooks import read_panel, write_evaluator_panels, write_split_templates
from evalkit.workbooks._split import _department_groups


def test_tasks_without_a_department_go_to_their_performance_goal() -> None:
    groups = _department_groups(load_rubric(MINI))
    assert list(groups) == ["성과목표 Ⅰ-1", "성과목표 Ⅰ-2", "성과목표 Ⅱ-1"]
    assert sum(len(v) for v in groups.values()) == 7


def test_one_file_per_evaluator_reads_back_as_that_evaluator(tmp_path: Path) -> None:
    rubric = load_rubric(MINI)
    panel = read_panel([MINI.parent / "panel"], rubric)
    paths = write_evaluator_panels(rubric, tmp_path, {"에너지분과": ["위원2"]}, panel=panel)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["에너지분과/위원2.xlsx"]
    back = read_panel(paths, rubric)
    assert set(back.sheets) == {"Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"}
    assert back.sheets["Ⅱ-1-①"][0] == next(
        s for s in panel.sheets["Ⅱ-1-①"] if s.evaluator == "위원2"
    )


def test_split_templates_never_overwrite(tmp_path: Path) -> None:
    rubric = load_rubric(MINI)
    write_split_templates(rubric, tmp_path, by_department=True, by_evaluator=True)
    with pytest.raises(InputError) as exc:
        write_split_templates(rubric, tmp_path, by_department=True, by_evaluator=True)
    assert all("이미 있습니다" in p.message for p in exc.value.problems)
    assert len(exc.value.problems) == 3 + 8 + 1


def test_bad_evaluator_names_are_refused(tmp_path: Path) -> None:
    rubric = load_rubric(MINI)
    with pytest.raises(InputError):
        write_evaluator_panels(rubric, tmp_path, {"산업분과": ["위원/1"]})
    assert not any(tmp_path.iterdir())
