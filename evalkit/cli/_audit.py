"""The audit record of a scoring run, for the audit sheets of ``scores.xlsx``."""

from __future__ import annotations

from typing import Any


def audit_of(run: Any, anonymise: bool) -> tuple[Any, Any]:
    """The scoreboard to write and its :class:`~evalkit.workbooks.Audit` (round or flags).

    From a round file every input is named relative to the round's folder. From flags the
    files are those the scoreboard names, relative to the current folder (or by file name).
    """
    from pathlib import Path

    from ..workbooks import Audit

    if run.collected is not None:
        rf = run.round_file
        return run.scoreboard, Audit(
            run.collected.files,
            anonymise,
            rf.path.name,
            f"{rf.round.status} (제{rf.round.version}판)",
        )
    return audit_relative_to(run.scoreboard, Path.cwd(), anonymise)


def audit_relative_to(sb: Any, root: Any, anonymise: bool = False) -> tuple[Any, Any]:
    """The scoreboard with its sources named relative to ``root``, and its audit record."""
    import dataclasses
    from pathlib import Path

    from ..workbooks import Audit, InputFile, file_sha256

    def rel(p: Path) -> str:
        try:
            return p.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            return p.name

    files: list[InputFile] = []
    sources: dict[str, str | None] = {}
    for kind, label in (("results", "실적"), ("panel", "평가표"), ("adjustments", "가감점")):
        names = [Path(n) for n in (sb.sources.get(kind) or "").split(", ") if n]
        files += [InputFile(label, rel(p), file_sha256(p)) for p in names if p.is_file()]
        if kind in sb.sources:
            sources[kind] = ", ".join(rel(p) for p in names) or None
    return dataclasses.replace(sb, sources=sources), Audit(tuple(files), anonymise)
