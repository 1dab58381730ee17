"""A long report's PDF rendered in parts on several processes, then joined.

WeasyPrint lays out a document on one core. The annual report (자체평가 결과보고서) starts a
new page before every task, so its body splits there into parts whose pages do not depend on
one another. Only three things cross a part's border, and each is handled here:

- **Page numbers.** A part's footer prints ``counter(page, evalkit-page)``, a counter style
  (:class:`_ChainedNumbers`) that adds the pages of the parts before it. Footers are made
  after a document is paginated and before it is drawn, so each part sends the next one its
  last page number as soon as its own pages are laid out: the parts still run side by side.
- **The 목차.** The cover and table of contents are laid out first to count their pages, and
  rendered again at the end with the page number each part found for each heading.
- **Outline, named destinations and the 목차's links**, rebuilt by pypdf when it joins the
  parts' PDFs.

Processes are forked (Linux), so the parts share the fonts and templates already loaded; where
forking is not safe the report is rendered in one piece. The pages are the same either way
(``tests/test_renderers_pdf.py`` compares them).
"""

from __future__ import annotations

import gc
import io
import itertools
import multiprocessing
import os
import signal
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from .._errors import EvalkitError
from .._report import Bullet, Chart, Heading, Note, Report, Table, TaskHeading
from . import _pdf_html as _html
from . import _weasy
from ._fonts import ReportFonts
from ._pdf_html import Slice
from ._pdf_join import keep_archival
from ._stack import with_stack_room

PT_PER_PX = 0.75  # WeasyPrint lays out in CSS pixels; PDF user space is in points
# A task weighs about 150 (0.08 s of layout and drawing). Below about ten tasks a part saves
# less than its process, the 목차's second layout and the join cost (some 0.3 s).
MIN_WEIGHT_PER_PART = 1500
PART_TIMEOUT_S = 600.0


# -- planning --------------------------------------------------------------------------------


def job_count(jobs: int | None) -> int:
    """Processes to use: ``jobs``, else ``EVALKIT_JOBS``, else the CPUs this process may use.
    One where forking is not safe (outside Linux)."""
    if not (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()):
        return 1
    if jobs is None:
        env = os.environ.get("EVALKIT_JOBS", "").strip()
        if env:
            try:
                jobs = int(env)
            except ValueError:
                raise EvalkitError(
                    f"EVALKIT_JOBS={env!r} is not a whole number; set it to the number of "
                    "processes for PDF rendering (1 renders in one process), or unset it"
                ) from None
        else:
            jobs = len(os.sched_getaffinity(0))
    return max(1, jobs)


def _weight(block: object) -> float:
    """Rough layout cost of a block, in table-cell equivalents."""
    if isinstance(block, Table):
        return (len(block.rows) + bool(block.header)) * len(block.widths) + 4
    if isinstance(block, Bullet | Note):
        return 3 + len(block.text) / 25
    if isinstance(block, Chart):
        return 40
    return 4


def _opens_page(block: object) -> bool:
    return isinstance(block, Heading | TaskHeading) and block.new_page


def plan_parts(
    report: Report, jobs: int, min_weight: float | None = None
) -> list[tuple[Slice, ...]]:
    """The report's body cut into at most ``jobs`` parts of similar layout cost, each cut
    before a block that starts a new page anyway (a section, a task, a 전략목표 heading)."""
    spans: list[tuple[int, int, int]] = []  # (section index, start, stop), each on new pages
    for s, sec in enumerate(report.sections):
        start = 0
        for i, b in enumerate(sec.blocks):
            if i > start and _opens_page(b):
                spans.append((s, start, i))
                start = i
        spans.append((s, start, len(sec.blocks)))
    units = [(s, a, z, 4 + sum(map(_weight, report.sections[s].blocks[a:z]))) for s, a, z in spans]
    # A cut must fall where a new page starts: before a section that opens one, or a unit
    # that starts with a page-opening block.
    cuttable = [
        i > 0 and (report.sections[s].new_page if a == 0 else True)
        for i, (s, a, _, _) in enumerate(units)
    ]
    total = sum(u[3] for u in units)
    if min_weight is None:
        min_weight = MIN_WEIGHT_PER_PART
    parts = max(1, min(jobs, int(total // min_weight) if min_weight > 0 else jobs))
    if parts == 1:
        return [_html.whole_body(report)]
    before = list(itertools.accumulate((u[3] for u in units), initial=0.0))  # weight before i
    cuts: list[int] = []
    for j in range(1, parts):
        # the cut nearest to an even share, not the first one past it: a task's weight
        # overshot every time made the first part the last to finish
        target = total * j / parts
        after = cuts[-1] if cuts else 0
        options = [i for i in range(after + 1, len(units)) if cuttable[i]]
        if options:
            cuts.append(min(options, key=lambda i: abs(before[i] - target)))
    bounds = [0, *cuts, len(units)]
    plan: list[tuple[Slice, ...]] = []
    for lo, hi in itertools.pairwise(bounds):
        slices: list[Slice] = []
        for s, a, z, _ in units[lo:hi]:
            if slices and slices[-1].section is report.sections[s]:
                slices[-1] = Slice(slices[-1].section, slices[-1].start, z)
            else:
                slices.append(Slice(report.sections[s], a, z))
        plan.append(tuple(slices))
    return plan


# -- one part --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartLayout:
    """What the join needs to know of a part's pages (positions in CSS pixels)."""

    heights: tuple[float, ...]
    anchors: tuple[tuple[str, int, float, float], ...]  # name, page index, x, y
    # level, label, page index, x, y, state (open/closed)
    bookmarks: tuple[tuple[int, str, int, float, float, str], ...]
    links: tuple[tuple[str, int, tuple[float, float, float, float]], ...] = ()  # anchor, page, rect


@dataclass(frozen=True, slots=True)
class PartPDF:
    layout: PartLayout
    pdf: bytes


def _layout(rendered: Any, links: Sequence[Any] = ()) -> PartLayout:
    anchors, bookmarks = [], []
    for i, page in enumerate(rendered.pages):
        for name, pos in page.anchors.items():
            anchors.append((name, i, float(pos[0]), float(pos[1])))
        for level, label, (x, y), state in page.bookmarks:
            bookmarks.append((int(level), str(label), i, float(x), float(y), str(state)))
    heights = tuple(float(p.height) for p in rendered.pages)
    return PartLayout(heights, tuple(anchors), tuple(bookmarks), tuple(links))


def _lay_out_part(
    report: Report,
    part: tuple[Slice, ...],
    fonts: ReportFonts,
    offset: int | None,
    inbox: Connection | None,
    outbox: Connection | None,
) -> Any:
    resources, chart_urls = _html.chart_resources(report, fonts, part)
    html = _html.render_html(report, fonts, chart_urls, front=False, body=part, chained=True)
    numbers = _weasy.counter_style_class(PART_TIMEOUT_S)(offset, inbox, outbox)
    rendered = _html.html_document(html, resources).render(counter_style=numbers)
    numbers.hand_on(len(rendered.pages))  # in case no footer asked for it
    return rendered


@with_stack_room
def _child(
    report: Report,
    part: tuple[Slice, ...],
    fonts: ReportFonts,
    inbox: Connection,
    outbox: Connection | None,
    result: Connection,
) -> None:
    """A forked process's part: its layout goes to the parent as soon as it is known (the
    목차 needs its page numbers), then its PDF."""
    gc.disable()  # no cyclic garbage collection: this process ends with its part
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's terminate() ends it at once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which ends it
    try:
        rendered = _lay_out_part(report, part, fonts, None, inbox, outbox)
        result.send(("layout", _layout(rendered)))
        result.send(("pdf", _html.write_pdf(rendered, report)))
    except BaseException as exc:  # reported to the parent, which raises it
        result.send(("error", f"{type(exc).__name__}: {exc}"))


@with_stack_room
def _front(report: Report, fonts: ReportFonts, toc_pages: Mapping[str, int]) -> Any:
    """The cover and 목차, with the given page numbers."""
    html = _html.render_html(report, fonts, {}, body=(), toc_pages=toc_pages)
    return _html.html_document(html, {}).render()


# -- all parts -------------------------------------------------------------------------------


def render_in_parts(
    report: Report,
    fonts: ReportFonts,
    plan: Sequence[tuple[Slice, ...]],
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """Render ``plan``'s parts side by side in forked processes and join them here.

    This process only lays out the cover and 목차 and joins: a part's millions of layout
    objects then die with its process instead of costing a garbage collection here.
    """
    say = progress or (lambda _msg: None)
    ctx = multiprocessing.get_context("fork")
    # chain[k] carries the number of the page before part k: from here to part 0, then
    # from part k - 1 to part k
    chain = [ctx.Pipe(duplex=False) for _ in plan]
    results = [ctx.Pipe(duplex=False) for _ in plan]
    children = []
    try:
        for k, part in enumerate(plan):
            outbox = chain[k + 1][1] if k + 1 < len(plan) else None
            args = (report, part, fonts, chain[k][0], outbox, results[k][1])
            child = ctx.Process(target=_child, args=args, daemon=True)
            child.start()
            children.append(child)
        say(f"PDF: {len(plan)}개 프로세스로 나누어 그리기")
        front_pages = 0
        if report.has_cover:  # numbers in the 목차 do not change its page count
            front_pages = len(_front(report, fonts, defaultdict(int)).pages)
        chain[0][1].send(front_pages)
        layouts = [_receive(results[k][0], c, k, "layout") for k, c in enumerate(children)]
        pdfs = []
        if report.has_cover:  # while the parts are drawn
            targets = _anchor_targets(layouts, first_page=front_pages)
            front = _front(report, fonts, {name: t[0] + 1 for name, t in targets.items()})
            links = []
            for i, pg in enumerate(front.pages):
                links += [(to, i, rect) for kind, to, rect, _ in pg.links if kind == "internal"]
                pg.links[:] = [ln for ln in pg.links if ln[0] != "internal"]  # joined below
            layouts.insert(0, _layout(front, links))
            pdfs.append(_html.write_pdf(front, report))
            del front
        pdfs += [_receive(results[k][0], c, k, "pdf") for k, c in enumerate(children)]
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
    say("PDF: 합치기")
    with _html.gc_paused(collect=False):  # the caller's heap need not be scanned now
        return join_parts([PartPDF(lay, pdf) for lay, pdf in zip(layouts, pdfs, strict=True)])


def _anchor_targets(
    layouts: Sequence[PartLayout], first_page: int = 0
) -> dict[str, tuple[int, float, float]]:
    """Each anchor's page index (counting from ``first_page`` for the first layout) and
    position. A box split over pages repeats its anchor: the first one wins, as in WeasyPrint."""
    targets: dict[str, tuple[int, float, float]] = {}
    start = first_page
    for layout in layouts:
        for name, i, x, y in layout.anchors:
            targets.setdefault(name, (start + i, x, y))
        start += len(layout.heights)
    return targets


def _receive(conn: Connection, child: Any, k: int, kind: str) -> Any:
    """The next message of the process of part ``k``, which must be of ``kind``."""
    waited = 0.0
    while not conn.poll(1.0):
        waited += 1.0
        if not child.is_alive() or waited > PART_TIMEOUT_S:
            raise EvalkitError(
                f"PDF: part {k + 1} of the report stopped without a result (exit code "
                f"{child.exitcode}); run again with EVALKIT_JOBS=1 to render in one process"
            )
    status, payload = conn.recv()
    if status != kind:
        raise EvalkitError(f"PDF: part {k + 1} of the report failed: {payload}")
    return payload


# -- joining ---------------------------------------------------------------------------------


def join_parts(pieces: Sequence[PartPDF]) -> bytes:
    """One PDF from the pieces in order, with the outline, named destinations and internal
    links WeasyPrint would have written for the whole report, the first piece's metadata and
    PDF/A identification, and one structure tree (:mod:`._pdf_join`)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import Destination, Fit, NameObject, TextStringObject

    writer = PdfWriter()
    first = 0
    starts: list[int] = []
    heights: list[float] = []
    readers = []
    for piece in pieces:
        reader = PdfReader(io.BytesIO(piece.pdf))
        readers.append(reader)
        if first == 0:
            writer.add_metadata(dict(reader.metadata or {}))
            lang = reader.root_object.get("/Lang")
            if lang is not None:
                writer.root_object[NameObject("/Lang")] = TextStringObject(str(lang))
        for pdf_page in reader.pages:
            writer.add_page(pdf_page)
        starts.append(first)
        heights.extend(piece.layout.heights)
        first += len(piece.layout.heights)

    keep_archival(writer, readers, starts)

    def fit(page: int, x: float, y: float) -> Any:
        return Fit.xyz(left=x * PT_PER_PX, top=(heights[page] - y) * PT_PER_PX, zoom=0)

    targets = _anchor_targets([piece.layout for piece in pieces])
    for name in sorted(targets):
        page, x, y = targets[name]
        ref = writer.pages[page].indirect_reference
        assert ref is not None  # pages added to a writer are indirect objects
        writer.add_named_destination_object(
            Destination(TextStringObject(name), ref, fit(page, x, y))
        )
    stack: list[tuple[int, Any]] = []
    for piece, start in zip(pieces, starts, strict=True):
        for level, label, i, x, y, state in piece.layout.bookmarks:
            while stack and stack[-1][0] >= level:
                stack.pop()
            item = writer.add_outline_item(
                title=label,
                page_number=start + i,
                parent=stack[-1][1] if stack else None,
                fit=fit(start + i, x, y),
                is_open=state != "closed",
            )
            stack.append((level, item))
        for name, i, (x1, y1, x2, y2) in piece.layout.links:
            if name not in targets:
                continue
            h = heights[start + i]
            page, x, y = targets[name]
            writer.add_annotation(
                start + i,
                Link(
                    rect=(  # corners in WeasyPrint's order: top left, bottom right
                        x1 * PT_PER_PX,
                        (h - y1) * PT_PER_PX,
                        x2 * PT_PER_PX,
                        (h - y2) * PT_PER_PX,
                    ),
                    border=[0, 0, 0],
                    target_page_index=page,
                    fit=fit(page, x, y),
                ),
            )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
