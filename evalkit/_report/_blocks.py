"""The report's blocks: the contract every renderer reads (DOCX, PDF, and any next format).

A :class:`Report` is a list of :class:`Section` (Ⅰ 평가 개요, Ⅱ 종합 결과, Ⅲ 과제별 평가결과,
붙임), each a list of blocks: :class:`Heading`, :class:`Bullet` (the □ → ㅇ → - → * ladder),
:class:`Note` (※), :class:`Table`, :class:`Chart` and :class:`TaskHeading`. Every field is
display-ready text, already rounded by the builders; the content rules a renderer would
otherwise re-derive (which heading is in the 목차, which line keeps with the next block, which
table stays on one page) are attributes here, so all formats print and break alike.

This module is the renderers' whole view of a report: it imports the standard library only,
never the scoring engine or the rubric (``tests/test_report_blocks.py`` checks).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ReportKind = Literal["annual", "subcommittee", "task"]
Align = Literal["left", "center", "right"]

MARKERS: dict[int, str] = {1: "□", 2: "ㅇ", 3: "-", 4: "*"}
"""The bullet ladder of Korean government reports, level 1 to 4."""

KEEP_ROWS = 15
"""Tables of up to this many rows are kept on one page (see :attr:`Table.keep_together`)."""


@dataclass(frozen=True, slots=True)
class Heading:
    """Second-level heading inside a section, e.g. ``1. 평가 대상``.

    ``in_toc``: listed in the 목차 (the 전략목표 headings that group Ⅲ's task pages are not).
    """

    number: str
    text: str
    anchor: str = ""
    new_page: bool = False
    in_toc: bool = True


@dataclass(frozen=True, slots=True)
class Bullet:
    """One line of the ladder: level 1 □, 2 ㅇ, 3 -, 4 * (footnote-like, in 고딕).

    ``lead`` is the bracketed topic printed in bold before the text, as in ``□ (평가대상) …``;
    ``strong`` prints the whole line as a small heading (□ 우수사항). ``keep_with_next`` keeps
    the line on the page of the block after it (a small heading, or a line introducing a table
    or chart).
    """

    level: int
    text: str
    lead: str = ""
    strong: bool = False
    keep_with_next: bool = False

    @property
    def marker(self) -> str:
        return MARKERS[self.level]


@dataclass(frozen=True, slots=True)
class Note:
    """A ※ note (참고), printed in 고딕 at a smaller size."""

    text: str
    mark: str = "※"


@dataclass(frozen=True, slots=True)
class Table:
    """A table of display strings; the first row of ``header`` is shaded.

    ``widths`` are relative column widths; ``total_rows`` trailing rows are emphasised (합계);
    a ``form`` table alternates label and value columns (labels shaded), with no header.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    align: tuple[Align, ...]
    caption: str = ""
    unit: str = ""
    total_rows: int = 0
    small: bool = False
    form: bool = False

    def __post_init__(self) -> None:
        n = len(self.widths)
        if len(self.align) != n or (self.header and len(self.header) != n):
            raise ValueError("table header, widths and align must have the same length")
        for row in self.rows:
            if len(row) != n:
                raise ValueError(f"table row has {len(row)} cells, expected {n}: {row!r}")

    @property
    def keep_together(self) -> bool:
        """A short table (up to :data:`KEEP_ROWS` rows) is not split across pages."""
        return len(self.rows) <= KEEP_ROWS


@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """Grouped bar chart (e.g. quota against actual count per grade)."""

    caption: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_label: str


@dataclass(frozen=True, slots=True)
class TaskHeading:
    """The boxed heading that opens one task's result (과제코드 and 과제명)."""

    code: str
    name: str
    anchor: str
    new_page: bool = True


Block = Heading | Bullet | Note | Table | Chart | TaskHeading


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level part: ``Ⅰ 평가 개요`` … or an appendix (``붙임 1``)."""

    number: str
    title: str
    anchor: str
    blocks: tuple[Block, ...]
    appendix: bool = False
    new_page: bool = True
    landscape: bool = False  # a wide table (the full ranking) is printed on landscape pages

    @property
    def toc_label(self) -> str:
        """The section's line in the 목차: ``Ⅰ. 평가 개요``, ``[붙임 1] …`` for an appendix."""
        return f"[{self.number}] {self.title}" if self.appendix else f"{self.number}. {self.title}"


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One task's headline figures, as printed."""

    code: str
    name: str
    subcommittee: str
    score: str
    grade: str
    rank: int


@dataclass(frozen=True, slots=True)
class GradeLine:
    """One grade of the distribution: its share, quota (None when not defined) and count."""

    name: str
    percent: str
    quota: int | None
    count: int


@dataclass(frozen=True)
class Report:
    """A self-evaluation report (자체평가 결과보고서), ready to render."""

    kind: ReportKind
    title: str
    cover_lines: tuple[str, ...]
    subtitle: str
    ministry: str
    year: int
    organisation: str
    issued: str
    created: datetime
    file_stem: str
    sections: tuple[Section, ...]
    tasks: tuple[TaskLine, ...]
    distribution: tuple[GradeLine, ...]
    # Printed on every page (the header's right): 예시(가상 자료), 초안, 잠정 — what a reader must
    # not miss on any page torn from the report.
    page_marks: tuple[str, ...] = ()
    # Lines under the cover's title block: 발간일·의결일, status and 판 (version).
    cover_notes: tuple[str, ...] = ()

    @property
    def page_mark(self) -> str:
        """The page marks as one line (``예시(가상 자료) · 초안``), or ``""``."""
        return " · ".join(self.page_marks)

    @property
    def has_cover(self) -> bool:
        """Annual and subcommittee reports open with a cover page and a table of contents."""
        return self.kind != "task"

    @property
    def grade_names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.distribution)

    def iter_text(self) -> Iterator[str]:
        """Every string the report prints, in order (for tests and search)."""
        yield self.title
        if self.subtitle:
            yield self.subtitle
        for sec in self.sections:
            yield f"{sec.number} {sec.title}"
            for b in sec.blocks:
                if isinstance(b, Heading):
                    yield f"{b.number} {b.text}"
                elif isinstance(b, Bullet):
                    yield f"({b.lead}) {b.text}" if b.lead else b.text
                elif isinstance(b, Note):
                    yield b.text
                elif isinstance(b, Table):
                    yield from (t for t in (b.caption, b.unit) if t)
                    yield from b.header
                    for row in b.rows:
                        yield from row
                elif isinstance(b, Chart):
                    yield b.caption
                else:
                    yield f"{b.code} {b.name}"
