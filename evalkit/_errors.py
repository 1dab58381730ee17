"""Errors that name the place and the fix.

Every problem evalkit reports about input carries where it is (file, line/column when the
format gives one, row/column for workbooks, the field path) and what to do about it, so a
secretariat reader (간사) can fix the input without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an input file."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    fix: str | None = None
    severity: Severity = "error"
    sheet: str | None = None
    row: int | None = None
    col: str | None = None

    @property
    def location(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.col is not None:
            parts.append(f"column {self.col}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        where = ", ".join(parts)
        if self.field:
            where = f"{where}: {self.field}" if where else self.field
        return where

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


# C0 control characters other than tab, line feed and carriage return, DEL and the C1 range: no
# report format can hold them (XML refuses them), a terminal obeys them, and they do not print.
# Input text holding one is refused at the place it is written.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """The first control character in ``text``, as Python writes it (``'\\x1b'``), or None."""
    found = CONTROL_CHARACTERS.search(text)
    return repr(found.group()) if found else None


# How many problems a message lists; the rest are counted ("… 외 999,990건"). Every problem is
# still in ``InputError.problems``: only what is printed is capped, so a file with a million
# mistakes prints a few kilobytes, not hundreds of megabytes.
SHOWN_PROBLEMS = 100


def shown_problems(problems: Sequence[Problem]) -> tuple[Sequence[Problem], str | None]:
    """The first ``SHOWN_PROBLEMS`` of ``problems`` and the line that counts the rest (or None)."""
    if len(problems) <= SHOWN_PROBLEMS:
        return problems, None
    rest = len(problems) - SHOWN_PROBLEMS
    return problems[:SHOWN_PROBLEMS], (
        f"… 외 {rest:,}건 (처음 {SHOWN_PROBLEMS}건만 표시: 이것부터 고치고 다시 실행하십시오)"
    )


class EvalkitError(Exception):
    """Base class of every error evalkit raises on purpose."""


class InputError(EvalkitError):
    """Input that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem], summary: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        head = summary or f"{len(errors)} problem(s) in the input"
        shown, more = shown_problems(errors)
        body = "\n".join([f"  - {p}" for p in shown] + ([f"  {more}"] if more else []))
        super().__init__(f"{head}\n{body}" if body else head)


class OutputError(InputError, OSError):
    """An output file or folder that cannot be written (a folder where the file should be, no
    permission, a name too long, a full disk); carries the located problem. Also an OSError, as
    the failure it describes."""


class RubricError(InputError):
    """The rubric file is malformed or inconsistent."""


class ScoringError(EvalkitError):
    """A score cannot be computed (e.g. a zero target on a ratio method)."""


class UnitError(EvalkitError):
    """A unit is unknown or cannot convert to the one required."""


def raise_if_errors(
    problems: Sequence[Problem], kind: type[InputError] = InputError, summary: str | None = None
) -> None:
    if any(p.severity == "error" for p in problems):
        raise kind(problems, summary)
