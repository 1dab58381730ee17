"""A rubric's ``include:`` files: resolved only inside the rubric's folder, bounded in number
and size, each problem located (포함 파일)."""

from __future__ import annotations

from pathlib import Path

from ._errors import Problem
from ._yaml import Mark, YamlDocument, load_yaml


def located(
    mark: Mark | None, message: str, field_: str, fix: str | None = None, severity: str = "error"
) -> Problem:
    return Problem(
        message,
        file=mark.file if mark else None,
        line=mark.line if mark else None,
        column=mark.column if mark else None,
        field=field_,
        fix=fix,
        severity="warning" if severity == "warning" else "error",
    )


def kind_name(value: object) -> str:
    return {list: "list", str: "text", type(None): "empty document"}.get(
        type(value), type(value).__name__
    )


def resolve_includes(path: Path, doc: YamlDocument) -> list[Problem]:
    data = doc.data
    inc = data.get("include")
    if inc is None:
        return []
    mark = doc.mark_for(("include",))
    if not isinstance(inc, list) or not all(isinstance(x, str) for x in inc):
        return [
            located(
                mark,
                "`include` must be a list of file paths",
                "include",
                "write `include: [goal-1.yaml, goal-2.yaml]`",
            )
        ]
    goals = data.setdefault("strategic_goals", [])
    if not isinstance(goals, list):
        return [
            located(
                doc.mark_for(("strategic_goals",)),
                "`strategic_goals` must be a list",
                "strategic_goals",
                "make it a list, or move the goals into included files",
            )
        ]
    problems: list[Problem] = []
    if len(inc) > MAX_INCLUDES:
        return [
            located(
                mark,
                f"include 목록이 너무 깁니다 ({len(inc)}개, 최대 {MAX_INCLUDES}개)",
                "include",
                "전략목표마다 파일 하나씩만 적으십시오",
            )
        ]
    folder = path.parent.resolve()
    seen: dict[Path, int] = {}
    total = 0
    for i, rel in enumerate(inc):
        target = path.parent / rel
        outside = _outside(folder, rel, target)
        if outside is not None:
            problems.append(
                located(doc.mark_for(("include", i)), outside, f"include[{i}]", _INSIDE_FIX)
            )
            continue
        real = target.resolve()
        if real in seen:
            problems.append(
                located(
                    doc.mark_for(("include", i)),
                    f"include[{seen[real]}] 과 같은 파일 {rel!r} 을 다시 포함합니다",
                    f"include[{i}]",
                    "한 파일은 한 번만 적으십시오",
                )
            )
            continue
        seen[real] = i
        total += real.stat().st_size if real.is_file() else 0
        if total > MAX_INCLUDED_BYTES:
            problems.append(
                located(
                    doc.mark_for(("include", i)),
                    f"포함한 파일이 모두 {MAX_INCLUDED_BYTES // (1024 * 1024)} MB를 넘습니다",
                    f"include[{i}]",
                    "평가 기준에 필요한 파일만 포함하십시오",
                )
            )
            break
        sub, sub_problems = load_yaml(target, display_name=str(target))
        if sub is None:
            if not target.exists():
                # Fixed in this file's `include:` list, so point there.
                problems.append(
                    located(
                        doc.mark_for(("include", i)),
                        f"included file {rel!r} not found (looked for {target})",
                        f"include[{i}]",
                        "check the file name; paths are relative to this rubric file",
                    )
                )
                continue
            problems.extend(
                Problem(p.message, p.file, p.line, p.column, p.field or f"include[{i}]", p.fix)
                for p in sub_problems
            )
            continue
        if not isinstance(sub.data, dict):
            problems.append(
                Problem(
                    f"an included file must hold one strategic goal mapping, "
                    f"not a {kind_name(sub.data)}",
                    file=str(target),
                    line=1,
                    field=f"include[{i}]",
                    fix="start it with `code:`, `title:`, `performance_goals:`",
                )
            )
            continue
        idx = len(goals)
        goals.append(sub.data)
        for p, m in sub.marks.items():
            doc.marks[("strategic_goals", idx, *p)] = m
    return problems


MAX_INCLUDES = 100  # a rubric includes one file per strategic goal (motie-2024: seven)
MAX_INCLUDED_BYTES = 8 * 1024 * 1024  # all included files together (motie-2024: 290 KB)
_INSIDE_FIX = (
    "포함할 파일을 평가 기준 파일의 폴더(또는 그 하위 폴더)에 두고 그 안의 경로로 적으십시오"
)


def _outside(folder: Path, rel: str, target: Path) -> str | None:
    """Why ``include: [rel]`` would leave the rubric's folder ``folder``, or None if it stays.

    Only files inside the rubric's folder are read: an absolute path, a ``..`` that climbs out
    or a symbolic link pointing elsewhere is refused before the file is opened, so a rubric
    cannot make evalkit read (and quote in its errors) a file such as /etc/passwd.
    """
    if Path(rel).is_absolute() or Path(rel).drive:
        return f"include 경로 {rel!r} 는 절대 경로입니다 (평가 기준 폴더 안의 파일만 읽습니다)"
    if "\x00" in rel:
        return f"include 경로 {rel!r} 에 NUL 문자가 있습니다"
    try:
        real = target.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return f"include 경로 {rel!r} 를 따라갈 수 없습니다 (심볼릭 링크가 순환합니다)"
    if not real.is_relative_to(folder):
        return f"include 경로 {rel!r} 는 평가 기준 폴더 밖({real})을 가리킵니다"
    return None
