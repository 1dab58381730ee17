"""Standalone sanity check for one transcribed strategic-goal file (helpers' tool).

Usage: python tools/check_goal_file.py rubrics/motie-2024/goal-1.yaml [SEED]

Checks structure against docs/rubric-format.md, that every `line` points at a seed line
containing the start of the name, and that weights are consistent with `weighting`.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import yaml

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_8f797e5fffb9ba62.txt"
IND_KEYS = {
    "no",
    "name",
    "unit",
    "weight",
    "results",
    "target",
    "target_year",
    "direction",
    "kind",
    "nature",
    "new",
    "common",
    "formula",
    "source",
    "rationale",
    "line",
    "cap",
    "band",
    "applied_weight",
    "notes",
}
TASK_KEYS = {
    "code",
    "name",
    "line",
    "departments",
    "national_agenda",
    "tags",
    "weighting",
    "indicators",
    "data_notes",
    "subcommittee",
}
NOTE_ISSUES = {
    "missing_weight",
    "weight_sum",
    "typo",
    "target_conflict",
    "incomplete_row",
    "rationale_conflict",
    "count_mismatch",
    "other",
}


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: `no:` stays the string key "no", not False."""


_Loader.yaml_implicit_resolvers = {
    k: [(t, r) for t, r in v if t != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def main() -> int:
    path = Path(sys.argv[1])
    seed = Path(sys.argv[2]) if len(sys.argv) > 2 else SEED
    lines = seed.read_text(encoding="utf-8").split("\n")
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    errs: list[str] = []

    def check_line(where: str, line: object, name: str) -> None:
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            errs.append(f"{where}: line {line!r} out of range")
            return
        head = squash(name)[:4]
        window = squash(lines[line - 1])
        if head not in window:
            errs.append(f"{where}: seed line {line} {lines[line - 1]!r} does not contain {head!r}")

    def check_notes(where: str, notes: object) -> None:
        for j, n in enumerate(notes or []):
            if not isinstance(n, dict) or "line" not in n or n.get("issue") not in NOTE_ISSUES:
                errs.append(f"{where}.data_notes[{j}]: needs line and a known issue: {n!r}")
            for k in ("printed", "applied"):
                if not n.get(k):
                    errs.append(f"{where}.data_notes[{j}]: missing {k}")

    def check_ind(where: str, ind: dict, year: int) -> None:
        extra = set(ind) - IND_KEYS
        if extra:
            errs.append(f"{where}: unknown keys {sorted(extra)}")
        for k in ("no", "name", "target", "direction", "kind", "line"):
            if k not in ind:
                errs.append(f"{where}: missing {k}")
        if ind.get("direction") not in ("up", "down"):
            errs.append(f"{where}: direction {ind.get('direction')!r}")
        if ind.get("kind") not in ("quantitative", "qualitative", "milestone"):
            errs.append(f"{where}: kind {ind.get('kind')!r}")
        if ind.get("nature") not in (None, "투입", "과정", "산출", "결과"):
            errs.append(f"{where}: nature {ind.get('nature')!r}")
        t = ind.get("target")
        if ind.get("kind") in ("quantitative", "qualitative") and not isinstance(t, (int, float)):
            errs.append(f"{where}: numeric target expected (or data note): {t!r}")
        if isinstance(ind.get("name"), str) and re.search(r"^[①-⑳]", ind["name"]):
            errs.append(f"{where}: name keeps its circled number")
        check_line(where, ind.get("line"), str(ind.get("name", "")))

    if set(doc) - {"code", "title", "line", "indicators", "performance_goals", "data_notes"}:
        errs.append(f"top: unknown keys {sorted(set(doc))}")
    for i, ind in enumerate(doc.get("indicators") or []):
        check_ind(f"goal.indicators[{i}]", ind, 2028)
    ntask = nind = 0
    for pg in doc.get("performance_goals") or []:
        pw = f"performance_goals[{pg.get('code')}]"
        for i, ind in enumerate(pg.get("indicators") or []):
            check_ind(f"{pw}.indicators[{i}]", ind, 2024)
        for t in pg.get("tasks") or []:
            ntask += 1
            tw = f"tasks[{t.get('code')}]"
            if set(t) - TASK_KEYS:
                errs.append(f"{tw}: unknown keys {sorted(set(t) - TASK_KEYS)}")
            if not str(t.get("code", "")).startswith(str(pg.get("code")) + "-"):
                errs.append(f"{tw}: code not under {pg.get('code')}")
            inds = t.get("indicators") or []
            nind += len(inds)
            if not inds:
                errs.append(f"{tw}: no indicators")
            for i, ind in enumerate(inds):
                check_ind(f"{tw}.indicators[{i}]", ind, 2024)
                if ind.get("no") != i + 1:
                    errs.append(f"{tw}.indicators[{i}]: no should be {i + 1}")
            check_notes(tw, t.get("data_notes"))
            w = [ind.get("weight") for ind in inds]
            pol = t.get("weighting")
            if pol == "printed":
                if any(x is None for x in w):
                    errs.append(f"{tw}: weighting printed but a weight is null")
                elif sum(Decimal(str(x)) for x in w) != 1:
                    errs.append(f"{tw}: printed weights sum to {sum(Decimal(str(x)) for x in w)}")
            elif pol == "equal":
                if any(x is not None for x in w) and not t.get("data_notes"):
                    errs.append(f"{tw}: equal weighting with printed weights needs a data note")
            elif pol in ("normalized", "override"):
                if not t.get("data_notes"):
                    errs.append(f"{tw}: weighting {pol} needs a data note")
            else:
                errs.append(f"{tw}: weighting {pol!r}")
    check_notes("goal", doc.get("data_notes"))
    for e in errs:
        print("ERROR", e)
    print(f"{path}: {ntask} tasks, {nind} task indicators, {len(errs)} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    raise SystemExit(main())
