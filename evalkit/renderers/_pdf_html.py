"""The PDF renderer's HTML: the report model through the Jinja2 template into a WeasyPrint
document, and the document's bytes.

Safety: Jinja2 autoescaping is on, so task names and comments (``<script>``, ``{{ }}``, URLs)
print literally; WeasyPrint fetches only files inside ``report_templates/`` and the in-memory
chart, never the network or other local files. Determinism: fixed document dates and no file
identifier, so the same report gives the same bytes. The templates are package data, found
with :mod:`importlib.resources` (a wheel ships them inside the package; a source checkout keeps
them beside it).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.resources
import logging
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, assert_never

from .._errors import EvalkitError
from .._report import Block, Bullet, Chart, Heading, Note, Report, Section, Table, TaskHeading
from . import _weasy
from ._fonts import ReportFonts
from ._style import HOUSE_STYLE
from ._weasy import RESOURCE_SCHEME

_SAFE_FONT = re.compile(r"[^\w \-.]", re.UNICODE)
_BETWEEN_TAGS = re.compile(r">\s+<")


def _template_dirs() -> tuple[Path, ...]:
    packaged = importlib.resources.files("evalkit").joinpath("report_templates")
    checkout = Path(__file__).resolve().parents[2] / "report_templates"
    return (*((packaged,) if isinstance(packaged, Path) else ()), checkout)


@functools.cache
def templates_dir() -> Path:
    dirs = _template_dirs()
    for d in dirs:
        if (d / "report.html.j2").is_file():
            return d
    raise EvalkitError(
        f"보고서 서식 파일(report.html.j2)을 {' 또는 '.join(map(str, dirs))}에서 찾지 못했습니다. "
        "evalkit을 다시 설치하십시오(원본 저장소에서는 report_templates/가 evalkit/ 옆에 있어야 "
        "합니다)."
    )


def restricted_fetcher(
    resources: Mapping[str, tuple[bytes, str]] | None = None, root: Path | None = None
) -> Any:
    """A WeasyPrint URL fetcher limited to ``root`` (``report_templates/``) and ``resources``."""
    return _weasy.fetcher_class()(root or templates_dir(), resources or {})


def css_font(name: str) -> Any:
    """A font family name as a CSS string; characters outside names are dropped."""
    from markupsafe import Markup

    return Markup('"{}"').format(Markup(_SAFE_FONT.sub("", name)))


def css_string(text: str) -> Any:
    """``text`` as a quoted CSS string (for generated content such as the page marks)."""
    from markupsafe import Markup

    # Markup.format escapes for the XHTML the template is (the XML parser decodes it again).
    clean = "".join(ch for ch in str(text) if ch >= " ")
    return Markup('"{}"').format(clean.replace("\\", "\\\\").replace('"', '\\"'))


def block_kind(block: Block) -> str:
    """The name of the template macro that draws ``block``. Every block type has one (mypy
    checks the match is exhaustive); anything else is an error, never dropped."""
    match block:
        case Heading():
            return "Heading"
        case Bullet():
            return "Bullet"
        case Note():
            return "Note"
        case Table():
            return "Table"
        case Chart():
            return "Chart"
        case TaskHeading():
            return "TaskHeading"
        case _:
            assert_never(block)


def _lines(text: str) -> Any:
    """Escape, then keep line breaks (table headers such as ``계획\\n(15)``)."""
    from markupsafe import Markup, escape

    return Markup("<br/>").join(escape(part) for part in str(text).split("\n"))


def _prose(text: str) -> Any:
    """:func:`_lines` with runs of spaces collapsed, for text set in ``white-space: pre-wrap``
    (bullets and notes keep the tab after their marker; see report.css)."""
    return _lines("\n".join(" ".join(line.split()) for line in str(text).split("\n")))


def _column_widths(widths: Sequence[int]) -> list[tuple[str, str]]:
    """Each column's width class and percentage (``("cw16_00", "16.00")``).

    The template puts the class on the cells of a table's first row, and ``<style>`` gives
    each class one rule: fixed table layout takes its columns from that row, so no
    ``<colgroup>`` of elements to style and lay out (a tenth of a report's elements).
    """
    total = sum(widths)
    pcts = [f"{100 * w / total:.2f}" for w in widths]
    return [("cw" + pct.replace(".", "_"), pct) for pct in pcts]


@dataclass(frozen=True, slots=True)
class Slice:
    """Blocks ``start:stop`` of a section; ``opens`` when the slice begins the section (it
    then prints the section's number bar and carries its anchor)."""

    section: Section
    start: int
    stop: int

    @property
    def opens(self) -> bool:
        return self.start == 0

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.section.blocks[self.start : self.stop]


def whole_body(report: Report) -> tuple[Slice, ...]:
    return tuple(Slice(sec, 0, len(sec.blocks)) for sec in report.sections)


def render_html(
    report: Report,
    fonts: ReportFonts,
    chart_urls: Mapping[int, str],
    *,
    front: bool = True,
    body: Sequence[Slice] | None = None,
    toc_pages: Mapping[str, int] | None = None,
    chained: bool = False,
) -> str:
    """The report as HTML (autoescaped), for WeasyPrint.

    By default the whole report. A part rendered on its own (see :mod:`._pdf_parts`) passes
    ``front`` (cover and 목차) and/or ``body`` slices; ``toc_pages`` prints known page numbers
    in the 목차 instead of resolving them, and ``chained`` numbers pages through the
    ``evalkit-page`` counter style so that they continue the parts before.
    """
    from markupsafe import Markup

    slices = whole_body(report) if body is None else tuple(body)
    col_classes = {
        col
        for sl in slices
        for b in sl.blocks
        if isinstance(b, Table)
        for col in _column_widths(b.widths)
    }

    def toc_page(anchor: str) -> Any:
        return Markup(' data-page="{}"').format(toc_pages[anchor]) if toc_pages is not None else ""

    template = _template()
    created = report.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    html = template.render(
        report=report,
        fonts=fonts,
        house_css=Markup(HOUSE_STYLE.css()),
        created=created,
        front=front,
        slices=slices,
        chained=chained,
        col_classes=sorted(col_classes),
        chart_url=lambda chart: chart_urls[id(chart)],
        toc_page=toc_page,
    )
    # Whitespace between tags only makes anonymous boxes for WeasyPrint to lay out.
    return _BETWEEN_TAGS.sub("><", html)


@functools.cache
def _template() -> Any:
    """The report template, compiled once per process (forked parts inherit it)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_font"] = css_font
    env.filters["css_string"] = css_string
    env.filters["lines"] = _lines
    env.filters["prose"] = _prose
    env.filters["kind"] = block_kind
    env.filters["column_widths"] = _column_widths
    return env.get_template("report.html.j2")


def chart_resources(
    report: Report, fonts: ReportFonts, body: Sequence[Slice] | None = None
) -> tuple[dict[str, tuple[bytes, str]], dict[int, str]]:
    """The charts (of ``body``, by default the whole report) as in-memory SVG resources, and
    the URL of each chart block."""
    from ._chart import render_chart

    resources: dict[str, tuple[bytes, str]] = {}
    chart_urls: dict[int, str] = {}
    for sl in whole_body(report) if body is None else body:
        for b in sl.blocks:
            if isinstance(b, Chart):
                key = f"chart-{len(resources) + 1}.svg"
                resources[key] = (render_chart(b, "svg", font_family=fonts.note), "image/svg+xml")
                chart_urls[id(b)] = f"{RESOURCE_SCHEME}:{key}"
    return resources, chart_urls


def html_document(html: str, resources: Mapping[str, tuple[bytes, str]]) -> Any:
    """A WeasyPrint document for ``html``, fetching only from ``report_templates/``.

    Our template writes well-formed XHTML, so the C XML parser reads it (in a twentieth of
    the time of WeasyPrint's HTML5 parser, for the same element tree).
    """
    import xml.etree.ElementTree as ET

    root = templates_dir()
    fetcher = restricted_fetcher(resources, root)
    tree = ET.fromstring(html)
    return _weasy.html_class(root / "ua.css").from_tree(tree, root.as_uri() + "/", fetcher)


# PDF/A-2b: Korean public records are kept as PDF/A. Part 2 (ISO 19005-2) over part 1 because
# it allows the transparency of the SVG charts and OpenType fonts as they are; conformance B
# (visual fidelity) because the report is a printed document, tagged on top for accessibility.
# Not part 3: an archival copy should not carry arbitrary embedded files.
PDF_VARIANT = "pdf/a-2b"


def write_pdf(rendered: Any, report: Report) -> bytes:
    """Serialise a rendered WeasyPrint document as tagged PDF/A-2b, reproducibly: the file
    identifier is a hash of the content and every date is the report's (the round's issue
    date), so the same report gives the same bytes."""
    with _source_date_epoch(int(report.created.timestamp())):
        intent = _weasy.with_srgb_intent(rendered)
        data: bytes = rendered.write_pdf(
            pdf_variant=PDF_VARIANT, pdf_tags=True, output_intent=intent
        )
    return data


@contextlib.contextmanager
def gc_paused(collect: bool = True) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while WeasyPrint builds and draws its boxes.

    A long report allocates millions of small objects that live until the PDF is written;
    the collector's repeated scans of them cost about a seventh of the render. The cycles
    left behind are collected once, at the end (``collect``; without it, by the collector's
    next regular pass, for work that leaves little garbage).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if collect:
            gc.collect()


class _SubsetNotice(logging.Filter):
    """Drop WeasyPrint's per-font notice that it subsets with fontTools (slower, same output):
    printed four times per report it buries real warnings. Installing HarfBuzz-Subset
    (``apt-get install libharfbuzz-subset0``) makes the PDF faster and the notice moot."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


def quiet_subset_notice() -> None:
    log = logging.getLogger("weasyprint")
    if not any(isinstance(f, _SubsetNotice) for f in log.filters):
        log.addFilter(_SubsetNotice())


@contextlib.contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    """Pin ``SOURCE_DATE_EPOCH`` while fonts are subset.

    fontTools stamps the current time into each subset font's ``head`` table unless this
    reproducible-builds variable is set (HarfBuzz-Subset does not stamp). An existing value
    is left alone.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
