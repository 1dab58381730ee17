"""The audit record of a scoring run, for the audit sheets of ``scores.xlsx``."""

from __future__ import annotations

from typing import Any


def audit_of(run: Any, anonymise: bool) -> Any:
    """An :class:`~evalkit.workbooks.Audit` for ``run`` (round file or flags).

    From a round file every input is named relative to the round's folder. From flags the
    files are those the scoreboard names; they are recorded by file name only.
    """
    from pathlib import Path

    from ..workbooks import Audit, InputFile, file_sha256

    if run.collected is not None:
        rf = run.round_file
        return Audit(
            run.collected.files,
            anonymise,
            rf.path.name,
            f"{rf.round.status} (제{rf.round.version}판)",
        )
    files: list[InputFile] = []
    for kind, label in (("results", "실적"), ("panel", "평가표"), ("adjustments", "가감점")):
        for name in (run.scoreboard.sources.get(kind) or "").split(", "):
            p = Path(name) if name else None
            if p is not None and p.is_file():
                files.append(InputFile(label, p.name, file_sha256(p)))
    return Audit(tuple(files), anonymise)
