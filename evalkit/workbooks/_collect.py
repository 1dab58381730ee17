"""Collecting a round's submissions: results from many department files, panel sheets per
subcommittee or per evaluator, merged; what has arrived and what is still missing.

The same indicator, or the same evaluator-task pair, sent twice with the same values is taken
once; with different values it is an error naming both files. Every problem of every file is
reported together.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import InputError, Problem
from .._inputs import Actual, Adjustment, Adjustments, EvaluatorSheet, Panel, Results
from .._round import RoundFile, roster_problems
from .._rubric import Rubric, Task
from ._adjustments import read_adjustments
from ._cells import _load
from ._panel_read import read_panel
from ._results import read_results

# The title a results template carries in its first cell names the rubric's year.
_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*년")


@dataclass(frozen=True)
class InputFile:
    """One input file as the audit records it: name relative to the round, and SHA-256."""

    kind: str  # 실적, 평가표, 가감점
    name: str
    sha256: str


@dataclass(frozen=True)
class Collected:
    """A round's inputs merged, with what is missing per task (provisional runs)."""

    results: Results
    panel: Panel
    adjustments: Adjustments | None
    tasks: tuple[Task, ...]  # the tasks in scope (all, or one subcommittee's)
    files: tuple[InputFile, ...] = ()
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)  # task → what is missing
    evaluators: dict[str, tuple[str, ...]] = field(default_factory=dict)  # task → who scored
    # results file (one per 주관부서) → (indicators filled, indicators left blank or 미제출)
    by_file: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def complete(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.tasks if t.code not in self.missing)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as the audit sheet ``입력 파일`` records it."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _scope(rubric: Rubric, subcommittee: str | None) -> tuple[Task, ...]:
    return tuple(
        t for t in rubric.tasks if subcommittee is None or t.assigned_subcommittee == subcommittee
    )


def collect_round(
    rf: RoundFile,
    rubric: Rubric,
    *,
    subcommittee: str | None = None,
    allow_missing: bool = False,
) -> Collected:
    """Read and merge every input the round file names.

    ``subcommittee`` restricts the round to that subcommittee's tasks (only its files are
    needed). With ``allow_missing`` (``--provisional``, ``status``), blank or 미제출 results and
    absent evaluator sheets are listed in :attr:`Collected.missing` instead of being errors.

    Raises:
        InputError: every problem of every file at once, including conflicting duplicates
            across files, evaluators not on the roster and files of another year; without
            ``allow_missing``, also every missing result and evaluator sheet.
    """
    problems = roster_problems(rf, rubric)
    tasks = _scope(rubric, subcommittee)
    if subcommittee is not None and subcommittee not in {s.name for s in rubric.subcommittees}:
        problems.append(
            Problem(
                f"분과 {subcommittee!r}은(는) 루브릭에 없습니다",
                field="--subcommittee",
                fix="루브릭의 분과명 중 하나를 쓰십시오: "
                + ", ".join(s.name for s in rubric.subcommittees),
            )
        )
    codes = {t.code for t in tasks}
    files: list[InputFile] = []
    pending: set[str] = set()
    by_file: dict[str, tuple[int, int]] = {}
    departments: dict[str, tuple[str, ...]] = {}
    actuals, results_from = _merge_results(
        rf, rubric, codes, pending, files, problems, allow_missing, by_file, departments
    )
    sheets = _merge_panel(rf, rubric, codes, files, problems, allow_missing)
    adjustments = _merge_adjustments(rf, rubric, codes, files, problems)
    missing: dict[str, list[str]] = {}
    for t in tasks:
        for ind in t.indicators:
            if ind.id not in actuals:
                what = "미제출" if ind.id in pending else "행 없음"
                missing.setdefault(t.code, []).append(f"실적 {ind.id} ({what})")
    roster = rf.evaluators()
    for t in tasks:
        if not rubric.criteria.panel:
            break
        got = [s.evaluator for s in sheets.get(t.code, ())]
        expected = roster.get(t.assigned_subcommittee or "", ())
        for name in got:
            if roster and name not in expected:
                problems.append(
                    Problem(
                        f"평가위원 {name!r}은(는) 분과 {t.assigned_subcommittee}의 명단에 없습니다 "
                        f"(과제 {t.code})",
                        file=str(rf.path),
                        field="roster.subcommittees",
                        fix="회차 파일의 명단에 평가위원을 추가하거나 평가표의 시트 이름을 "
                        "명단의 이름으로 고치십시오",
                    )
                )
        for name in expected:
            if name not in got:
                missing.setdefault(t.code, []).append(f"평가표 {name}")
        if not expected and not got:
            missing.setdefault(t.code, []).append("평가표 없음")
    if not allow_missing:
        for code, whats in missing.items():
            for what in whats:
                if what.startswith("실적") and "미제출" in what:
                    continue  # read_results already reported the blank cell, with its place
                problems.append(
                    Problem(
                        f"과제 {code}: {what}이(가) 아직 없습니다",
                        file=str(rf.path),
                        field="inputs",
                        fix="자료를 받아 inputs가 가리키는 폴더에 두거나, 잠정 순위가 필요하면 "
                        "--provisional로 실행하십시오",
                    )
                )
    if any(p.severity == "error" for p in problems):
        raise InputError(problems, f"회차 {rf.path.name}: {len(problems)}개 문제")
    return Collected(
        Results(actuals, results_from, departments),
        Panel({c: tuple(v) for c, v in sheets.items()}, _names(rf, rf.panel)),
        adjustments,
        tasks,
        tuple(files),
        {c: tuple(v) for c, v in missing.items()},
        {c: tuple(s.evaluator for s in v) for c, v in sheets.items()},
        by_file,
    )


def _names(rf: RoundFile, paths: Sequence[Path]) -> str | None:
    return ", ".join(rf.relative(p) for p in paths) or None


def _merge_results(
    rf: RoundFile,
    rubric: Rubric,
    codes: set[str],
    pending: set[str],
    files: list[InputFile],
    problems: list[Problem],
    allow_missing: bool = False,
    by_file: dict[str, tuple[int, int]] | None = None,
    departments: dict[str, tuple[str, ...]] | None = None,
) -> tuple[dict[str, Actual], str | None]:
    if not rf.results:
        problems.append(
            Problem(
                "실적 파일이 하나도 없습니다",
                file=str(rf.path),
                field="inputs.results",
                fix="inputs.results에 실적 파일, 폴더 또는 glob을 쓰고 파일을 두십시오",
            )
        )
    ind_task = {ind.id: t.code for t, ind in rubric.iter_indicators()}
    merged: dict[str, Actual] = {}
    origin: dict[str, str] = {}
    for path in rf.results:
        name = rf.relative(path)
        files.append(InputFile("실적", name, file_sha256(path)))
        _check_year(path, rf.round.year, problems)
        mine: set[str] = set()
        try:
            res = read_results(path, rubric, pending=mine if allow_missing else None)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for key, act in res.actuals.items():
            if ind_task.get(key) not in codes:
                continue
            if key in merged:
                if merged[key] != act:
                    problems.append(
                        Problem(
                            f"성과지표 {key}의 실적이 {origin[key]}와 {name}에 서로 다르게 "
                            f"제출되었습니다 ({_shown(merged[key])} / {_shown(act)})",
                            file=str(path),
                            field=key,
                            fix="맞는 값 하나만 남기고 다른 파일의 행을 지우거나 같게 고치십시오",
                        )
                    )
                continue
            merged[key] = act
            origin[key] = name
        pending |= {k for k in mine if ind_task.get(k) in codes}
        if departments is not None:  # 주관부서 as the files name them, each name once
            for code, names in res.departments.items():
                if code in codes:
                    departments[code] = tuple(dict.fromkeys((*departments.get(code, ()), *names)))
        if by_file is not None:
            filled = sum(1 for k in res.actuals if ind_task.get(k) in codes)
            by_file[name] = (filled, sum(1 for k in mine if ind_task.get(k) in codes))
    pending -= set(merged)  # a blank row in one file, filled in another: it has arrived
    return merged, _names(rf, rf.results)


def _shown(a: Actual) -> str:
    return f"{a.value}{a.unit or ''}"


def _check_year(path: Path, year: int, problems: list[Problem]) -> None:
    if path.suffix.lower() != ".xlsx":
        return
    sheets = _load(path, [])
    for sheet in sheets or ():
        if not sheet.rows or not sheet.rows[0]:
            continue
        first = sheet.rows[0][0].value
        m = _YEAR_IN_TITLE.search(first) if isinstance(first, str) else None
        if m and int(m.group(1)) != year:
            problems.append(
                Problem(
                    f"이 파일은 {m.group(1)}년도 양식입니다 (이 회차는 {year}년도)",
                    file=str(path),
                    sheet=sheet.name,
                    row=1,
                    col="A",
                    fix="이번 회차의 양식(evalkit init 또는 evalkit template)으로 다시 받으십시오",
                )
            )
            return


def _merge_panel(
    rf: RoundFile,
    rubric: Rubric,
    codes: set[str],
    files: list[InputFile],
    problems: list[Problem],
    allow_missing: bool = False,
) -> dict[str, list[EvaluatorSheet]]:
    merged: dict[str, list[EvaluatorSheet]] = {}
    origin: dict[tuple[str, str], str] = {}
    if rubric.criteria.panel and not rf.panel:
        problems.append(
            Problem(
                "평가표 파일이 하나도 없습니다",
                file=str(rf.path),
                field="inputs.panel",
                fix="inputs.panel에 평가표 파일, 폴더 또는 glob을 쓰고 파일을 두십시오",
            )
        )
    for path in rf.panel:
        name = rf.relative(path)
        files.append(InputFile("평가표", name, file_sha256(path)))
        try:
            pan = read_panel([path], rubric, pending=set() if allow_missing else None)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for code, sheets in pan.sheets.items():
            if code not in codes:
                continue
            for s in sheets:
                key = (code, s.evaluator)
                first = next((x for x in merged.get(code, ()) if x.evaluator == s.evaluator), None)
                if first is None:
                    merged.setdefault(code, []).append(s)
                    origin[key] = name
                elif first.scores != s.scores:
                    problems.append(
                        Problem(
                            f"평가위원 {s.evaluator}의 과제 {code} 점수가 {origin[key]}와 {name}에 "
                            "서로 다르게 제출되었습니다",
                            file=str(path),
                            sheet=s.evaluator,
                            field=code,
                            fix="맞는 평가표 하나만 남기십시오",
                        )
                    )
    return merged


def _merge_adjustments(
    rf: RoundFile,
    rubric: Rubric,
    codes: set[str],
    files: list[InputFile],
    problems: list[Problem],
) -> Adjustments | None:
    if not rf.adjustments:
        return None
    items: list[Adjustment] = []
    for path in rf.adjustments:
        files.append(InputFile("가감점", rf.relative(path), file_sha256(path)))
        try:
            adj = read_adjustments(path, rubric)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        items += [a for a in adj.items if a.task in codes and a not in items]
    return Adjustments(tuple(items), _names(rf, rf.adjustments))
