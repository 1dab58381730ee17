"""Workbooks split for collection: one results workbook per 주관부서, one panel workbook per
evaluator (평가위원별 평가표), so each can be sent out and returned on its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .._errors import Problem
from .._files import write_files
from .._inputs import Panel, Results
from .._rubric import Rubric, Task
from ._cells import _raise
from ._panel_write import _evaluator_problems, _panel_bytes
from ._results import _results_bytes
from ._templates import _file_name


def _department_groups(
    rubric: Rubric, tasks: Sequence[Task] | None = None
) -> dict[str, list[Task]]:
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
    wanted: list[tuple[Path, str, list[Task], str]] = []
    for sub, names in evaluators.items():
        tasks = [t for t in rubric.tasks if t.assigned_subcommittee == sub]
        problems += _evaluator_problems(list(names), sub)
        for name in names:
            wanted.append((out / _file_name(sub) / f"{_file_name(name)}.xlsx", sub, tasks, name))
    _raise(problems, "평가위원 명단")  # before building: a bad name cannot be a sheet title
    _refuse_existing([p for p, *_ in wanted], overwrite)
    return write_files(
        [(p, _panel_bytes(rubric, sub, tasks, [n], panel)) for p, sub, tasks, n in wanted]
    )


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


def write_split_templates(
    rubric: Rubric,
    out_dir: str | Path,
    *,
    by_department: bool,
    by_evaluator: bool,
    subcommittee: str | None = None,
    evaluators: Mapping[str, Sequence[str]] | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Blank templates split for collection (``evalkit template --split``).

    ``by_department``: ``실적/<주관부서>.xlsx`` instead of one ``results.xlsx``;
    ``by_evaluator``: ``평가표/<분과>/<평가위원>.xlsx`` instead of one workbook per 분과
    (evaluators default to the rubric's member count, 위원1, 위원2, …). The other inputs are
    written as :func:`~evalkit.workbooks.write_templates` writes them.
    """
    from ._adjustments import _adjustments_bytes

    out = Path(out_dir)
    tasks = [
        t for t in rubric.tasks if subcommittee is None or t.assigned_subcommittee == subcommittee
    ]
    files: list[tuple[Path, Callable[[], bytes]]] = []
    if by_department:
        for name, mine in _department_groups(rubric, tasks).items():
            files.append(
                (
                    out / "실적" / f"{_file_name(name)}.xlsx",
                    lambda mine=mine: _results_bytes(rubric, mine, None),  # type: ignore[misc]
                )
            )
    else:
        files.append((out / "results.xlsx", lambda: _results_bytes(rubric, tasks, None)))
    problems: list[Problem] = []
    for s in rubric.subcommittees:
        if subcommittee is not None and s.name != subcommittee:
            continue
        mine = [t for t in tasks if t.assigned_subcommittee == s.name]
        if not mine or not rubric.criteria.panel:
            continue
        names = list((evaluators or {}).get(s.name, [f"위원{i}" for i in range(1, s.members + 1)]))
        problems += _evaluator_problems(names, s.name)
        groups = [[n] for n in names] if by_evaluator else [names]
        for who in groups:
            path = (
                out / "평가표" / _file_name(s.name) / f"{_file_name(who[0])}.xlsx"
                if by_evaluator
                else out / "panel" / f"{_file_name(s.name)}.xlsx"
            )
            files.append(
                (
                    path,
                    lambda sub=s.name, mine=mine, who=who: _panel_bytes(  # type: ignore[misc]
                        rubric, sub, mine, who, None
                    ),
                )
            )
    files.append((out / "adjustments.xlsx", lambda: _adjustments_bytes(rubric, None, True)))
    _raise(problems, "평가위원 명단")
    _refuse_existing([p for p, _ in files], overwrite)
    return write_files([(p, build()) for p, build in files])
