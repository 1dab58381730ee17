"""Blank workbooks for a round of evaluation: results, one panel workbook per 분과, 가감점.

Every file is built before any is written, and nothing is written if anything is refused;
filled workbooks are never overwritten unless asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from .._errors import Problem
from .._files import write_files
from .._rubric import Rubric, Task
from ._adjustments import _adjustments_bytes
from ._cells import _raise
from ._panel_write import _evaluator_problems, _panel_bytes
from ._results import _results_bytes


def _file_name(name: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return safe or "panel"


def write_templates(
    rubric: Rubric,
    out_dir: str | Path,
    *,
    subcommittee: str | None = None,
    evaluators: int | Sequence[str] | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write blank workbooks for a round of evaluation into ``out_dir``.

    - ``results.xlsx``: one row per indicator of the selected tasks;
    - ``panel/<분과>.xlsx``: per subcommittee, one sheet per evaluator (default: the
      subcommittee's ``members`` from the rubric, named 위원1, 위원2, …; an int gives that many,
      a list of names gives those evaluators to every selected subcommittee);
    - ``adjustments.xlsx``: 가감점 rows.

    ``subcommittee`` restricts the results and panel workbooks to its tasks. Existing files are
    never overwritten unless ``overwrite`` is true; nothing is written if anything is refused.

    Raises:
        InputError: unknown subcommittee, bad evaluator names, tasks without a subcommittee
            and no evaluator count, or files that already exist.
    """
    out = Path(out_dir)
    problems: list[Problem] = []
    subs = {s.name: s for s in rubric.subcommittees}
    if subcommittee is not None and subcommittee not in subs:
        problems.append(
            Problem(
                f"unknown subcommittee {subcommittee!r}",
                field="subcommittee",
                fix="use one of " + (", ".join(subs) or "(the rubric defines none)"),
            )
        )
        _raise(problems, "template options")
    tasks = [
        t for t in rubric.tasks if subcommittee is None or t.assigned_subcommittee == subcommittee
    ]

    def names_for(members: int | None, label: str) -> list[str] | None:
        if isinstance(evaluators, int):
            if evaluators < 1:
                problems.append(
                    Problem(
                        f"{evaluators} evaluators",
                        field="evaluators",
                        fix="give at least one evaluator",
                    )
                )
                return None
            return [f"위원{i}" for i in range(1, evaluators + 1)]
        if evaluators is not None:
            return list(evaluators)
        if members is None:
            problems.append(
                Problem(
                    f"{label} has no member count",
                    field="subcommittees",
                    fix="assign every task to a subcommittee in the rubric, or give the number of "
                    "evaluators (--evaluators N)",
                )
            )
            return None
        return [f"위원{i}" for i in range(1, members + 1)]

    groups: list[tuple[str | None, list[Task], list[str]]] = []
    if rubric.criteria.panel:
        order = [s.name for s in rubric.subcommittees]
        unassigned = [t for t in tasks if t.assigned_subcommittee not in subs]
        for name in order:
            mine = [t for t in tasks if t.assigned_subcommittee == name]
            if mine:
                who = names_for(subs[name].members, f"subcommittee {name}")
                if who is not None:
                    problems.extend(_evaluator_problems(who, name))
                    groups.append((name, mine, who))
        if unassigned:
            codes = ", ".join(t.code for t in unassigned[:5])
            who = names_for(
                None,
                f"task(s) {codes}{' …' if len(unassigned) > 5 else ''} without a subcommittee:",
            )
            if who is not None:
                problems.extend(_evaluator_problems(who, None))
                groups.append((None, unassigned, who))
    files: list[tuple[Path, Callable[[], bytes]]] = [
        (out / "results.xlsx", lambda: _results_bytes(rubric, tasks, None))
    ]
    for sub, mine, who in groups:
        fname = _file_name(sub) if sub else "평가단"

        def build(sub: str | None = sub, mine: list[Task] = mine, who: list[str] = who) -> bytes:
            return _panel_bytes(rubric, sub, mine, who, None)

        files.append((out / "panel" / f"{fname}.xlsx", build))
    files.append((out / "adjustments.xlsx", lambda: _adjustments_bytes(rubric, None, True)))
    if not overwrite:
        for p, _ in files:
            if p.exists():
                problems.append(
                    Problem(
                        "the file already exists",
                        file=str(p),
                        fix="choose another output folder, or move the file "
                        "away (filled workbooks are never overwritten)",
                    )
                )
    _raise(problems, "template options")
    return write_files([(p, build_bytes()) for p, build_bytes in files])
