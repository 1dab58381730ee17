"""A new year's rubric from last year's (``evalkit new-year``), and the year checks of validate.

What is carried over: the structure (goals, tasks, indicators, weights, criteria, grade scheme,
subcommittees), names, units, formulas and sources. What rolls forward: each indicator's
history (``results``) gains last year's actual (from a scored workbook, else blank) and drops
its oldest year, so the table keeps its width. What is left to fill or review:

- every task indicator's target (and its rationale, written for last year's target) is blank;
  a goal-level target for a later year (``target_year: 2028``) stays;
- ``line`` numbers, which point into last year's plan, are dropped;
- data notes stay (they often justify a weighting) but carry ``year:`` last year, and
  ``evalkit validate`` warns about each until someone checks it against the new plan;
- ``meta.source`` keeps last year's document name (validate warns that its year differs) and
  loses the file name and hash, which identify last year's file;
- ``meta.draft: true`` makes blank targets warnings, not errors, until they are filled.

Model layer: works on the YAML data as written (omitted fields stay omitted) and on the
loaded :class:`~evalkit.Rubric` for the checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ._errors import InputError, Problem
from ._rubric import PrintedValue, Rubric
from ._yaml import Path_, load_yaml

__all__ = ["NewYearDraft", "new_year_draft", "year_warnings"]

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class NewYearDraft:
    """The files of the new rubric (paths relative to the output folder) and what was done."""

    files: tuple[tuple[str, str], ...]  # (relative path, YAML text); the rubric first
    year: int
    previous_year: int
    blank_targets: int
    actuals_filled: int
    notes_flagged: int

    @property
    def rubric_name(self) -> str:
        return self.files[0][0]


def _renamed(name: str, old: int, new: int) -> str:
    """``motie-2024/goal-1.yaml`` → ``motie-2025/goal-1.yaml`` (unchanged without the year)."""
    return name.replace(str(old), str(new))


def new_year_draft(
    rubric: Rubric,
    path: str | Path,
    year: int,
    actuals: Mapping[str, PrintedValue] | None = None,
) -> NewYearDraft:
    """Next year's rubric files from the valid ``rubric`` loaded from ``path``.

    ``actuals`` maps indicator keys (``Ⅰ-1-①-2``) to last year's actual, from a scored
    workbook (:func:`evalkit.workbooks.read_scored_actuals`).

    Raises:
        InputError: ``year`` is not after the rubric's year, or a file cannot be read again.
    """
    path = Path(path)
    old = rubric.meta.year
    if year <= old:
        raise InputError(
            [
                Problem(
                    f"새 연도 {year}이(가) 루브릭 연도 {old}보다 뒤가 아닙니다",
                    field="--year",
                    fix=f"--year {old + 1}처럼 다음 해를 쓰십시오",
                )
            ]
        )
    actuals = actuals or {}
    state = _State(old, year, dict(actuals))
    main = _read(path)
    includes = [str(x) for x in main.get("include", []) or []]
    files: list[tuple[str, str]] = []
    _roll_meta(main, state)
    _tag_notes(main, state)
    main.pop("line", None)
    for goal in main.get("strategic_goals", []) or []:
        _roll_goal(goal, state)
    if includes:
        main["include"] = [_renamed(rel, old, year) for rel in includes]
    files.append((_renamed(path.name, old, year), _dump(main, _header(state, path.name))))
    for rel in includes:
        goal = _read(path.parent / rel)
        _roll_goal(goal, state)
        name = PurePosixPath(rel).name
        files.append((_renamed(rel, old, year), _dump(goal, _header(state, name))))
    return NewYearDraft(tuple(files), year, old, state.blank, state.filled, state.flagged)


@dataclass
class _State:
    old: int
    year: int
    actuals: dict[str, PrintedValue]
    blank: int = 0
    filled: int = 0
    flagged: int = 0


def _read(path: Path) -> dict[str, Any]:
    doc, problems = load_yaml(path)
    if doc is None or not isinstance(doc.data, dict):
        raise InputError(
            problems or [Problem("루브릭 파일을 다시 읽을 수 없습니다", file=str(path))]
        )
    data: dict[str, Any] = doc.data
    return data


def _header(state: _State, source: str) -> str:
    return (
        f"# {state.year}년도 루브릭 초안: evalkit new-year가 {state.old}년도 파일 {source}에서 "
        "만들었습니다.\n"
        "# 할 일: 목표치(target)를 채우고, 자료 주석(year: "
        f"{state.old})과 meta.source를 {state.year}년도 시행계획과 대조한 뒤\n"
        "# meta.draft를 지우십시오. 남은 일은 evalkit validate --verbose가 보여 줍니다.\n"
    )


def _roll_meta(main: dict[str, Any], state: _State) -> None:
    meta = main.setdefault("meta", {})
    meta["year"] = state.year
    if isinstance(meta.get("title"), str):
        meta["title"] = _renamed(meta["title"], state.old, state.year)
    source = meta.get("source")
    if isinstance(source, dict):
        source.pop("file", None)
        source.pop("sha256", None)
        source["note"] = (
            f"검토 필요: {state.old}년도 원문입니다. {state.year}년도 성과관리 시행계획을 받으면 "
            "document를 바꾸고 file과 sha256을 쓰십시오"
        )
    meta["draft"] = True


def _tag_notes(node: dict[str, Any], state: _State) -> None:
    for note in node.get("data_notes", []) or []:
        if isinstance(note, dict) and note.get("year") is None:
            note["year"] = state.old
            state.flagged += 1


def _roll_goal(goal: dict[str, Any], state: _State) -> None:
    goal.pop("line", None)
    _tag_notes(goal, state)
    for ind in goal.get("indicators", []) or []:
        _roll_indicator(ind, state, None)
    for pg in goal.get("performance_goals", []) or []:
        pg.pop("line", None)
        for ind in pg.get("indicators", []) or []:
            _roll_indicator(ind, state, None)
        for task in pg.get("tasks", []) or []:
            task.pop("line", None)
            _tag_notes(task, state)
            for ind in task.get("indicators", []) or []:
                _roll_indicator(ind, state, f"{task.get('code')}-{ind.get('no')}")


def _roll_indicator(ind: dict[str, Any], state: _State, key: str | None) -> None:
    ind.pop("line", None)
    results = ind.get("results")
    history: dict[Any, Any] = dict(results) if isinstance(results, dict) else {}
    width = len(history)
    actual = state.actuals.get(key) if key is not None else None
    if actual is not None:
        state.filled += 1
    if history.get(state.old) is None or actual is not None:
        history[state.old] = actual
    while width and len(history) > width:
        del history[min(history)]
    ind["results"] = dict(sorted(history.items()))
    later = ind.get("target_year")
    if isinstance(later, int) and later > state.year and key is None:
        return  # a goal-level target for a later year still stands
    ind.pop("target_year", None)
    ind.pop("rationale", None)
    ind["target"] = None
    if ind.get("new") is True:
        ind["new"] = False
    if key is not None:
        state.blank += 1


# --- writing YAML as the rubric files are written ---------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style for structure, flow style for short rows (``results: {2023: 16}``)."""


# As the reader: only true/false are booleans, so `no: 1` stays plain.
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:int" if re.fullmatch(r"-?\d+", text) else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _represent_dict(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    flat = all(not isinstance(v, (dict, list)) for v in value.values())
    short = sum(len(str(k)) + len(str(v)) + 4 for k, v in value.items()) <= 72
    node = dumper.represent_mapping("tag:yaml.org,2002:map", value.items())
    node.flow_style = flat and short and bool(value)
    return node


def _represent_none(dumper: yaml.SafeDumper, _value: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "null")


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(type(None), _represent_none)


def _dump(data: dict[str, Any], header: str) -> str:
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return header + body


# --- the year checks of `evalkit validate` ------------------------------------------------------


def year_warnings(r: Rubric) -> list[tuple[Path_, str, str]]:
    """(place, message, fix) for every way the rubric's year and its sources disagree."""
    out: list[tuple[Path_, str, str]] = []
    year = r.meta.year
    source = r.meta.source
    for field_, text in (
        ("document", source.document if source else None),
        ("file", source.file if source else None),
    ):
        years = {int(y) for y in _YEAR.findall(text or "")}
        if years and year not in years:
            out.append(
                (
                    ("meta", "source", field_),
                    f"루브릭 연도({year})와 원문 자료({text})의 연도가 다릅니다",
                    f"meta.source를 {year}년도 성과관리 시행계획으로 바꾸거나 meta.year를 "
                    "고치십시오",
                )
            )
    years = {int(y) for y in _YEAR.findall(r.meta.title)}
    if years and year not in years:
        out.append(
            (
                ("meta", "title"),
                f"루브릭 연도({year})와 제목({r.meta.title})의 연도가 다릅니다",
                "meta.title 또는 meta.year를 고치십시오",
            )
        )
    if r.meta.draft:
        blank = sum(1 for _, i in r.iter_indicators() if i.target is None or i.target == "")
        out.append(
            (
                ("meta", "draft"),
                f"{year}년도 초안입니다: 목표치가 빈 과제 성과지표 {blank}개",
                "목표치(target)를 채우고, 원문 자료와 자료 주석을 새 시행계획과 대조한 뒤 "
                "draft를 지우십시오",
            )
        )
    notes: list[tuple[Path_, Any]] = [(("data_notes", i), n) for i, n in enumerate(r.data_notes)]
    for gi, sg in enumerate(r.strategic_goals):
        gloc: Path_ = ("strategic_goals", gi)
        notes += [((*gloc, "data_notes", i), n) for i, n in enumerate(sg.data_notes)]
        for pi, pg in enumerate(sg.performance_goals):
            for ti, t in enumerate(pg.tasks):
                tloc: Path_ = (*gloc, "performance_goals", pi, "tasks", ti)
                notes += [((*tloc, "data_notes", i), n) for i, n in enumerate(t.data_notes)]
    for loc, n in notes:
        if n.year is not None and n.year != year:
            out.append(
                (
                    loc,
                    f"{n.year}년도 원문 기준 자료 주석입니다 (루브릭은 {year}년도)",
                    f"{year}년도 시행계획과 대조해 고친 뒤 year를 지우거나, 맞지 않으면 주석을 "
                    "지우십시오",
                )
            )
    return out
