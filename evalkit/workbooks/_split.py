"""Workbooks split for collection: one results workbook per 주관부서, one panel workbook per
evaluator (평가위원별 평가표), so each can be sent out and returned on its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .._errors import Problem
from .._files import write_files
from .._inputs import Panel, Results
from .._rubric import Rubric, Task
from ._cells import _raise
from ._panel_write import _evaluator_problems, _panel_bytes
from ._results import _results_bytes
from ._templates import _file_name


def department_groups(rubric: Rubric, tasks: Sequence[Task] | None = None) -> dict[str, list[Task]]:
    """Tasks per 주관부서 (the first of ``Task.departments``).

    A task whose rubric names no department goes to its 성과목표 (``성과목표 Ⅰ-1``): the
    secretariat forwards that workbook to whoever reports for it.
    """
    groups: dict[str, list[Task]] = {}
    for t in tasks if tasks is not None else rubric.tasks:
        key = t.departments[0] if t.departments else f"성과목표 {t.performance_goal_code}"
        groups.setdefault(key, []).append(t)
    return groups


def write_department_results(
    rubric: Rubric,
    out_dir: str | Path,
    groups: Mapping[str, Sequence[Task]],
    *,
    results: Results | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """``<out_dir>/<부서>.xlsx`` per group, each with that group's indicators only."""
    out = Path(out_dir)
    files = [
        (out / f"{_file_name(name)}.xlsx", _results_bytes(rubric, tasks, results))
        for name, tasks in groups.items()
    ]
    _refuse_existing([p for p, _ in files], overwrite)
    return write_files(files)


def write_evaluator_panels(
    rubric: Rubric,
    out_dir: str | Path,
    evaluators: Mapping[str, Sequence[str]],
    *,
    panel: Panel | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """``<out_dir>/<분과>/<평가위원>.xlsx``: one workbook per evaluator, one sheet (its name)."""
    out = Path(out_dir)
    problems: list[Problem] = []
    files: list[tuple[Path, bytes]] = []
    for sub, names in evaluators.items():
        tasks = [t for t in rubric.tasks if t.assigned_subcommittee == sub]
        problems += _evaluator_problems(list(names), sub)
        for name in names:
            files.append(
                (
                    out / _file_name(sub) / f"{_file_name(name)}.xlsx",
                    _panel_bytes(rubric, sub, tasks, [name], panel),
                )
            )
    _raise(problems, "평가위원 명단")
    _refuse_existing([p for p, _ in files], overwrite)
    return write_files(files)


def _refuse_existing(paths: Sequence[Path], overwrite: bool) -> None:
    if overwrite:
        return
    _raise(
        [
            Problem(
                "파일이 이미 있습니다",
                file=str(p),
                fix="다른 폴더를 고르거나 --force로 덮어쓰십시오 (작성된 양식은 덮어쓰지 않습니다)",
            )
            for p in paths
            if p.exists()
        ],
        "양식",
    )
