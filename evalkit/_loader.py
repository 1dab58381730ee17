"""Load and validate a rubric file, reporting every problem at once with its place and fix."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._errors import Problem, RubricError
from ._includes import kind_name, located, resolve_includes
from ._newyear import year_warnings
from ._numbers import exact_text
from ._rubric import Criteria, Rubric, Task
from ._scheme import PRESETS
from ._units import is_known_unit
from ._yaml import Path_, YamlDocument, friendly_path, load_yaml


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of :func:`validate_rubric`: the rubric (None if unusable) and every problem."""

    rubric: Rubric | None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, int]:
        """Counts for the warning summary (assumed weights, data notes, …)."""
        r = self.rubric
        if r is None:
            return {"errors": len(self.errors)}
        return {
            "strategic_goals": len(r.strategic_goals),
            "performance_goals": len(r.performance_goals),
            "tasks": len(r.tasks),
            "indicators": sum(len(t.indicators) for t in r.tasks),
            "assumed_weights": sum(1 for t in r.tasks if t.weights_assumed),
            "data_notes": len(r.all_data_notes),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def load_rubric(path: str | Path) -> Rubric:
    """Load a rubric YAML file (성과관리 시행계획 기반 평가 기준).

    Raises :class:`~evalkit.RubricError` listing every problem (file, line, field, fix).
    """
    report = validate_rubric(path)
    if report.rubric is None or report.errors:
        raise RubricError(report.problems, f"{path}: {len(report.errors)} error(s) in the rubric")
    return report.rubric


def validate_rubric(path: str | Path) -> ValidationReport:
    """Check a rubric file and return every error and warning found (never raises on input)."""
    path = Path(path)
    doc, problems = load_yaml(path)
    if doc is None:
        return ValidationReport(None, tuple(problems))
    if not isinstance(doc.data, dict):
        return ValidationReport(
            None,
            (
                Problem(
                    f"the top level is a {kind_name(doc.data)}, not a mapping",
                    file=str(path),
                    line=1,
                    fix="start the file with `meta:`, `criteria:` and `strategic_goals:` "
                    "(or `include:`)",
                ),
            ),
        )
    problems.extend(resolve_includes(path, doc))
    if problems:
        return ValidationReport(None, tuple(problems))
    try:
        rubric = Rubric.model_validate(doc.data)
    except ValidationError as exc:
        # The cross-field checks of the parts that are valid on their own still run, so one
        # pass shows every problem (a weight sum as well as a bad grade scheme).
        return ValidationReport(None, (*_pydantic_problems(exc, doc), *_partial_problems(doc)))
    rubric._path = str(path)
    problems = _semantic_problems(rubric, doc)
    return ValidationReport(rubric, tuple(problems))


_FIXES = {
    "missing": "add the field",
    "extra_forbidden": "remove it, or check its spelling against `evalkit schema`",
    "literal_error": "use one of the values listed",
    "decimal_parsing": "write a plain number such as 0.3 (no units, no commas)",
    "decimal_type": "write a plain number such as 0.3",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "string_type": "write text (quote it if it starts with a special character)",
    "dict_type": "write a mapping (key: value lines)",
    "model_type": "write a mapping (key: value lines)",
    "tuple_type": "write a list (lines starting with `- `)",
    "list_type": "write a list (lines starting with `- `)",
    "too_short": "add at least one item",
    "string_too_short": "write a non-empty value",
    "greater_than": "use a larger value",
    "greater_than_equal": "use a larger value",
    "less_than_equal": "use a smaller value",
    "less_than": "use a smaller value",
    "string_pattern_mismatch": "use ASCII letters, digits and _ (e.g. plan, feedback)",
    "value_error": None,
}


def _pydantic_problems(exc: ValidationError, doc: YamlDocument) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    errors = exc.errors(include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    # pydantic names the member of a union (number | text | null) last in the error's place.
    union_places = {
        friendly_path(doc.data, loc)[0]
        for loc in locs
        if loc and loc[-1] in ("decimal", "str", "constrained-str")
    }
    for err in errors:
        loc = tuple(err["loc"])
        # pydantic also calls a list "too short" when its items failed: the items say why.
        if err["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        ):
            continue
        text, real = friendly_path(doc.data, loc)
        msg = str(err["msg"]).removeprefix("Value error, ")
        etype = str(err["type"])
        inp = err.get("input")
        if text in union_places:
            # A union (number | text | null) reports one error per member: say it once.
            if text not in seen:
                seen.add(text)
                out.append(
                    located(
                        doc.mark_for(real),
                        f"{_shown(inp)} is neither a number nor text",
                        text,
                        "write a plain number, or text as printed (null when blank)",
                    )
                )
            continue
        if text in seen:
            continue
        seen.add(text)
        mark = doc.mark_for(real)
        fix = _FIXES.get(etype)
        if etype == "missing":
            fix = f"add `{loc[-1]}:`" if loc else fix
        if etype == "value_error" and "; " in msg:
            # The model's own checks say "what is wrong; how to fix it".
            msg, fix = msg.split("; ", 1)
        elif etype not in ("missing",) and not isinstance(inp, (dict, list)):
            msg = f"{msg} (got {_shown(inp)})"
        out.append(located(mark, msg, text or "(top level)", fix))
    return out


def _shown(value: object) -> str:
    """A value as the rubric file writes it (``0.5``, not ``Decimal('0.5')``)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return repr(value)


def _note_fields(task: Task) -> set[str]:
    return {n.field or "" for n in task.data_notes}


def _example_note(note: str | None) -> bool:
    """A note that marks an example assumption (예시, example) of the rubric."""
    return bool(note) and bool(re.search(r"예시|example", note or "", re.IGNORECASE))


def _adder(doc: YamlDocument, out: list[Problem]) -> Any:
    def add(loc: Path_, message: str, fix: str | None = None, warn: bool = False) -> None:
        text, real = friendly_path(doc.data, loc)
        out.append(located(doc.mark_for(real), message, text, fix, "warning" if warn else "error"))

    return add


def _partial_problems(doc: YamlDocument) -> list[Problem]:
    """The task checks (weights, numbering, targets) on every task that is valid by itself,
    for a rubric whose whole fails the schema; its invalid parts are reported already."""
    out: list[Problem] = []
    add = _adder(doc, out)
    data = doc.data
    meta = data.get("meta")
    draft = isinstance(meta, dict) and meta.get("draft") is True
    with contextlib.suppress(ValidationError):  # an invalid one is reported by the schema
        _criteria_problems(Criteria.model_validate(data.get("criteria")), add)
    goals = data.get("strategic_goals")
    for gi, sg in enumerate(goals if isinstance(goals, list) else []):
        pgs = sg.get("performance_goals") if isinstance(sg, dict) else None
        for pi, pg in enumerate(pgs if isinstance(pgs, list) else []):
            tasks = pg.get("tasks") if isinstance(pg, dict) else None
            for ti, raw in enumerate(tasks if isinstance(tasks, list) else []):
                try:
                    task = Task.model_validate(raw)
                except ValidationError:
                    continue
                tloc: Path_ = ("strategic_goals", gi, "performance_goals", pi, "tasks", ti)
                _check_task(add, tloc, task, draft)
    return out


def _criteria_problems(criteria: Criteria, add: Any) -> None:
    """Criteria add up; ids are unique; at most one computed criterion."""
    total = sum((c.points for c in criteria.items), Decimal(0))
    if total != criteria.total:
        add(
            ("criteria", "total"),
            f"criteria points add up to {total}, not the stated total {criteria.total}",
            "make the items' points add up to `total`",
        )
    ids = [c.id for c in criteria.items]
    for i, c in enumerate(criteria.items):
        if ids.count(c.id) > 1 and ids.index(c.id) != i:
            add(
                ("criteria", "items", i, "id"),
                f"criterion id {c.id!r} is used twice",
                "give each criterion its own id",
            )
    if len(criteria.computed) > 1:
        add(
            ("criteria", "items"),
            "more than one criterion has method: computed",
            "keep one computed criterion (성과지표 달성도); the others are scored by the panel",
        )


def _semantic_problems(r: Rubric, doc: YamlDocument) -> list[Problem]:
    out: list[Problem] = []
    add = _adder(doc, out)

    # The grade scheme is stated, never assumed; a preset is an example or an observation.
    if not isinstance(doc.data, dict) or "grade_scheme" not in doc.data:
        add(
            (),
            "등급 체계(grade_scheme)가 없습니다: 등급 배분은 규칙이 정하며 evalkit이 가정하지 "
            "않습니다",
            "`grade_scheme:`에 등급과 비율(또는 한도)을 적거나, 예시를 쓰려면 "
            "`grade_scheme: {preset: example-10-20-20-20-15-10-5}`처럼 preset을 적으십시오",
        )
    elif r.grade_scheme.preset is not None:
        preset = PRESETS[r.grade_scheme.preset]
        what = "예시" if preset.kind == "example" else "관측치"
        add(
            ("grade_scheme", "preset"),
            f"등급 체계가 preset {preset.name!r}({what})에 기대고 있습니다: 공식 배분 기준이 "
            "아닙니다",
            "그 해 시행계획이 정한 등급 비율이나 한도를 grade_scheme에 직접 적으십시오",
            warn=True,
        )

    # An example assumption (예시 배점, an example assignment) is the rubric editor's to-do,
    # never report text: validate says so until the note is gone.
    if _example_note(r.criteria.note):
        add(
            ("criteria", "note"),
            f"평가지표 배점이 예시로 표시되어 있습니다: {r.criteria.note}",
            "해당 연도 자체평가 계획의 배점으로 바꾸고 note를 지우십시오",
            warn=True,
        )
    for si, sub in enumerate(r.subcommittees):
        if _example_note(sub.note):
            add(
                ("subcommittees", si, "note"),
                f"분과 {sub.name!r}의 배정이 예시로 표시되어 있습니다: {sub.note}",
                "해당 연도 분과위원회 구성으로 바꾸고 note를 지우십시오",
                warn=True,
            )

    _criteria_problems(r.criteria, add)
    if r.adjustments.min > 0 or r.adjustments.max < 0:
        add(
            ("adjustments",),
            "adjustment limits must satisfy min ≤ 0 ≤ max",
            "e.g. `adjustments: {min: -3, max: 3}`",
        )

    # Unique codes, nesting of codes.
    seen_codes: dict[str, Path_] = {}

    def unique(code: str, loc: Path_, what: str) -> None:
        first = seen_codes.get(code)
        if first is None:
            seen_codes[code] = (*loc, "code")
            return
        mark = doc.mark_for(first)
        where = f"{mark.file}, line {mark.line}" if mark else friendly_path(doc.data, first)[0]
        add(
            (*loc, "code"),
            f"{what} code {code!r} is used twice (first at {where})",
            "give each its own code as printed in the plan",
        )

    goal_codes = {sg.code for sg in r.strategic_goals}
    sub_names = [s.name for s in r.subcommittees]
    for si, s in enumerate(r.subcommittees):
        if sub_names.count(s.name) > 1 and sub_names.index(s.name) != si:
            add(
                ("subcommittees", si, "name"),
                f"subcommittee {s.name!r} is listed twice",
                "list each subcommittee once",
            )
        for g in s.goals:
            if g not in goal_codes:
                add(
                    ("subcommittees", si, "goals"),
                    f"subcommittee {s.name!r} names unknown strategic goal {g!r}",
                    f"use one of {', '.join(sorted(goal_codes))}",
                )
    goal_owner: dict[str, str] = {}
    for si, s in enumerate(r.subcommittees):
        for g in s.goals:
            if g in goal_owner:
                add(
                    ("subcommittees", si, "goals"),
                    f"strategic goal {g!r} is given to both {goal_owner[g]!r} and {s.name!r}",
                    "give each goal one subcommittee",
                )
            goal_owner[g] = s.name

    for gi, sg in enumerate(r.strategic_goals):
        gloc: Path_ = ("strategic_goals", gi)
        unique(sg.code, gloc, "strategic goal")
        for ii, ind in enumerate(sg.indicators):
            _check_indicator(add, (*gloc, "indicators", ii), ind, None)
        for pi, pg in enumerate(sg.performance_goals):
            ploc: Path_ = (*gloc, "performance_goals", pi)
            unique(pg.code, ploc, "performance goal")
            if not pg.code.startswith(sg.code + "-"):
                add(
                    (*ploc, "code"),
                    f"performance goal {pg.code!r} does not sit under strategic goal {sg.code!r}",
                    f"codes under {sg.code} look like {sg.code}-1",
                )
            for ii, ind in enumerate(pg.indicators):
                _check_indicator(add, (*ploc, "indicators", ii), ind, None)
            for ti, task in enumerate(pg.tasks):
                tloc: Path_ = (*ploc, "tasks", ti)
                unique(task.code, tloc, "task")
                if not task.code.startswith(pg.code + "-"):
                    add(
                        (*tloc, "code"),
                        f"task {task.code!r} does not sit under performance goal {pg.code!r}",
                        f"codes under {pg.code} look like {pg.code}-①",
                    )
                _check_task(add, tloc, task, r.meta.draft)
                if r.subcommittees and task.assigned_subcommittee is None:
                    add(
                        (*tloc,),
                        f"task {task.code} has no subcommittee",
                        "set `subcommittee:` on the task or list its goal under a subcommittee",
                    )
                elif task.subcommittee is not None and task.subcommittee not in sub_names:
                    add(
                        (*tloc, "subcommittee"),
                        f"unknown subcommittee {task.subcommittee!r}",
                        f"use one of {', '.join(sub_names) or '(none defined)'}",
                    )
    for loc, message, fix in year_warnings(r):
        add(loc, message, fix, True)
    return out


def _check_task(add: Any, tloc: Path_, task: Task, draft: bool = False) -> None:
    nos = [i.no for i in task.indicators]
    if nos != list(range(1, len(nos) + 1)):
        add(
            (*tloc, "indicators"),
            f"indicator numbers are {nos}, expected 1..{len(nos)}",
            "number the indicators in table order (①=1, ②=2, …)",
        )
    notes = _note_fields(task)
    has_weight_note = any("weight" in f for f in notes) or any(
        n.issue in ("missing_weight", "weight_sum") for n in task.data_notes
    )
    printed = [i.weight for i in task.indicators]
    if task.weighting == "printed":
        missing = [i.no for i in task.indicators if i.weight is None]
        if missing:
            add(
                (*tloc, "indicators", missing[0] - 1, "weight"),
                f"weighting is `printed` but indicator(s) {missing} print no weight",
                "write the printed weights, or set `weighting: equal` with a data note",
            )
        else:
            s = sum((Fraction(w) for w in printed if w is not None), Fraction(0))
            if s != 1:
                shown = " + ".join(str(w) for w in printed)
                add(
                    (*tloc, "weighting"),
                    f"printed weights sum to {exact_text(s)} ({shown}), not 1",
                    "correct the weights so they total exactly 1, or set `weighting: normalized` "
                    "and add a data note saying why",
                )
    elif task.weighting == "equal":
        if any(w is not None for w in printed) and not has_weight_note:
            add(
                (*tloc, "weighting"),
                "weighting is `equal` but weights are printed",
                "use `weighting: printed`, or add a data note explaining why they are ignored",
            )
        else:
            add(
                (*tloc, "weighting"),
                f"no weights printed: equal weights 1/{len(printed)} assumed",
                None,
                True,
            )
    elif task.weighting == "normalized":
        if any(w is None for w in printed):
            add(
                (*tloc, "weighting"),
                "weighting `normalized` needs every printed weight",
                "write all weights, or use `override` with applied_weight",
            )
        elif sum(Fraction(w) for w in printed if w is not None) == 0:
            add((*tloc, "weighting"), "printed weights sum to 0", "write the printed weights")
        if not has_weight_note:
            add(
                (*tloc, "data_notes"),
                "weighting `normalized` needs a data note",
                "add a data note (issue: weight_sum) saying what is printed and applied",
            )
        else:
            add((*tloc, "weighting"), "printed weights do not sum to 1: scaled to 1", None, True)
    elif task.weighting == "override":
        missing = [i.no for i in task.indicators if i.applied_weight is None]
        if missing:
            add(
                (*tloc, "indicators", missing[0] - 1, "applied_weight"),
                f"weighting `override` but indicator(s) {missing} have no applied_weight",
                "give every indicator an applied_weight (they must total 1)",
            )
        else:
            s = sum(
                (
                    Fraction(i.applied_weight)
                    for i in task.indicators
                    if i.applied_weight is not None
                ),
                Fraction(0),
            )
            if s != 1:
                add(
                    (*tloc, "weighting"),
                    f"applied weights sum to {exact_text(s)}, not 1",
                    "make the applied_weight values total exactly 1",
                )
        if not task.data_notes:
            add(
                (*tloc, "data_notes"),
                "weighting `override` needs a data note",
                "add a data note saying what is printed and what is applied",
            )
        else:
            add((*tloc, "weighting"), "weights applied by override", None, True)
    for ii, ind in enumerate(task.indicators):
        _check_indicator(add, (*tloc, "indicators", ii), ind, task, draft)


def _check_indicator(
    add: Any, iloc: Path_, ind: Any, task: Task | None, draft: bool = False
) -> None:
    noted = task is not None and any(
        (n.field or "").startswith(f"indicators[{ind.no}]") for n in task.data_notes
    )
    if ind.unit is not None and not is_known_unit(ind.unit):
        add(
            (*iloc, "unit"),
            f"unknown unit {ind.unit!r}",
            "use a unit evalkit knows (건, 명, %, 점, 억불, 천tCO2, GWh, …) or null",
        )
    # Goal-level indicators are reported, never scored: a gap there is a warning; so is a
    # blank target in a new year's draft (filled before the year is scored).
    goal_level = task is None or draft
    if ind.kind in ("quantitative", "qualitative"):
        if not isinstance(ind.target, Decimal) and not noted:
            add(
                (*iloc, "target"),
                f"{ind.kind} indicator {ind.name!r} has no numeric target (got {ind.target!r})",
                "write the target as a number, set `kind: milestone` for an event target,"
                " or add a data note for this indicator",
                goal_level,
            )
    elif (ind.target is None or (isinstance(ind.target, str) and not ind.target.strip())) and (
        not noted
    ):
        add(
            (*iloc, "target"),
            f"milestone indicator {ind.name!r} has no target",
            "write the milestone as printed (e.g. 제정, 수립, O), or add a data note for this "
            "indicator (it then scores on achieved / not achieved)",
            goal_level,
        )
    for year, value in ind.results.items():
        if isinstance(value, str) and task is not None and not noted:
            add(
                (*iloc, "results", year),
                f"result for {year} is text {value!r}",
                "write a number (null for '-') or add a data note (issue: typo) for this indicator",
                True,
            )
