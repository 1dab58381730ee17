"""Data notes as the committee reads them: a short plain-Korean footnote on the task.

A data note (자료 주석) of the rubric records where the plan is inconsistent, with its source
line, the field it concerns and free text written for the rubric's editor. That provenance
stays in the rubric, in ``evalkit validate``'s output and in the audit workbook. The report
prints only the notes that change what is scored (a weight, a target, a unit, which
indicators count), in words built here from the note's kind and the value applied, never the
note's own text: no field path, no line number, no tool name.
"""

from __future__ import annotations

import re

from .._rubric import DataNote, Indicator, Task
from ._text import circled, target_text, weight_text

# Why the plan's text was not taken as it stands, by the note's kind.
_REASON: dict[str, str] = {
    "missing_weight": "원문에 가중치가 없어",
    "weight_sum": "원문 가중치의 합계가 1이 아니어서",
    "typo": "원문 표기의 오기를 바로잡아",
    "target_conflict": "원문의 표마다 목표치가 달라",
    "rationale_conflict": "원문의 목표치와 설정근거의 계산이 달라",
    "incomplete_row": "원문 표의 빈 칸을 보완하여",
    "count_mismatch": "원문의 표마다 지표 수가 달라",
    "other": "원문 표기가 분명하지 않아",
}
# The indicator fields that change a score; the rest (설정근거, past results, names, tags)
# are the rubric's bookkeeping.
_SCORED = ("weight", "target", "unit", "direction", "kind")
_WHAT = {
    "weight": "가중치",
    "target": "목표치",
    "unit": "단위",
    "direction": "방향",
    "kind": "유형",
}
_DIRECTION = {"up": "상향", "down": "하향"}
_KIND = {"quantitative": "정량", "qualitative": "정성", "milestone": "마일스톤"}
_FIELD = re.compile(r"indicators\[([^\]]*)\](?:\.(\w+))?")


def _indicators(task: Task, which: str) -> list[Indicator]:
    """``*`` → all; ``2``, ``0..2``, ``1-3`` → those numbers that exist."""
    if which.strip() == "*":
        return list(task.indicators)
    nos = [int(n) for n in re.findall(r"\d+", which)]
    if len(nos) == 2 and re.search(r"\.\.|-", which):
        nos = list(range(nos[0], nos[1] + 1))
    return [ind for ind in task.indicators if ind.no in nos]


def _applied(ind: Indicator, what: str) -> str:
    if what == "weight":
        w = ind.effective_weight
        return "-" if w is None else weight_text(w)
    if what == "target":
        text = target_text(ind)
        if not ind.unit or ind.numeric_target is None:
            return text
        return f"{text}({ind.unit})" if ind.unit[0].isdigit() else f"{text}{ind.unit}"
    if what == "unit":
        return ind.unit or "없음"
    if what == "direction":
        return _DIRECTION.get(ind.direction, ind.direction)
    return _KIND.get(ind.kind, ind.kind)


def task_note_text(task: Task, note: DataNote) -> str | None:
    """The footnote for ``note`` of ``task``, or None when it changes nothing scored.

    Weights the plan does not print are told once by the weighting footnote
    (:func:`~._text.weighting_text`), so weight notes of such a task give None too.
    """
    reason = _REASON.get(note.issue, _REASON["other"])
    field = note.field or ""
    if note.issue in ("missing_weight", "weight_sum") and (
        task.weights_assumed or not field.startswith("indicators")
    ):
        return None
    if field == "weighting":
        return None
    m = _FIELD.fullmatch(field)
    if m is None:
        return None
    inds = _indicators(task, m[1])
    what = m[2]
    if not inds:
        return None
    if what is None:
        if note.issue not in ("count_mismatch", "incomplete_row", "target_conflict"):
            return None
        names = "·".join(circled(i.no) for i in inds)
        return f"성과지표 {names}: {reason} 과제 표에 인쇄된 지표로 평가에 반영"
    if note.issue == "rationale_conflict" and what == "rationale":
        what = "target"  # the rationale computes another target than the one printed
    if what not in _SCORED:
        return None
    if note.issue == "other" and what not in ("weight", "target"):
        return None
    if what == "weight" and task.weights_assumed:
        return None
    if len(inds) == 1:
        ind = inds[0]
        return f"{circled(ind.no)} {_WHAT[what]}: {reason} {_applied(ind, what)} 적용"
    values = ", ".join(f"{circled(i.no)} {_applied(i, what)}" for i in inds)
    return f"성과지표 {_WHAT[what]}: {reason} {values} 적용"


def task_note_lines(task: Task) -> list[str]:
    """Every footnote of ``task``'s data notes, in the rubric's order, each once."""
    out: list[str] = []
    for note in task.data_notes:
        text = task_note_text(task, note)
        if text is not None and text not in out:
            out.append(text)
    return out
