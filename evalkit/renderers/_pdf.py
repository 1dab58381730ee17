"""PDF renderer: Jinja2 HTML/CSS templates in ``report_templates/`` rendered by WeasyPrint.

Safety: Jinja2 autoescaping is on, so task names and comments (``<script>``, ``{{ }}``, URLs)
print literally; WeasyPrint fetches only files inside ``report_templates/`` and the in-memory
chart, never the network or other local files. Fonts come from fontconfig (Nanum by default,
see :mod:`._fonts`); without a Hangul font we stop before drawing missing glyphs.
Determinism: fixed document dates and no file identifier, so the same report gives the same
bytes.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .._errors import EvalkitError
from .._report import Block, Report, Section, Table
from . import atomic_write
from ._fonts import ReportFonts, pdf_fonts
from ._stack import with_stack_room

_HERE = Path(__file__).resolve().parent
# A source checkout keeps the templates beside the package; a wheel may ship them inside it.
_TEMPLATE_DIRS = (_HERE.parent.parent / "report_templates", _HERE.parent / "report_templates")
TEMPLATES = next((d for d in _TEMPLATE_DIRS if d.is_dir()), _TEMPLATE_DIRS[0])
RESOURCE_SCHEME = "evalkit-resource"
_SAFE_FONT = re.compile(r"[^\w \-.]", re.UNICODE)
_BETWEEN_TAGS = re.compile(r">\s+<")


def templates_dir() -> Path:
    if not (TEMPLATES / "report.html.j2").is_file():
        raise EvalkitError(
            f"report templates not found in {' or '.join(map(str, _TEMPLATE_DIRS))}; reinstall "
            "evalkit from its source tree (report_templates/ must sit beside evalkit/)"
        )
    return TEMPLATES


def _fetcher_class() -> type[Any]:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
        """Serves ``report_templates/`` files and in-memory resources; refuses the rest."""

        def __init__(self, root: Path, resources: Mapping[str, tuple[bytes, str]]) -> None:
            super().__init__(allowed_protocols=("file", RESOURCE_SCHEME))
            self.root = root.resolve()
            self.resources = dict(resources)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == RESOURCE_SCHEME:
                key = unquote(parts.path)
                if key not in self.resources:
                    raise ValueError(f"unknown report resource {url!r}")
                body, mime = self.resources[key]
                return URLFetcherResponse(url, body, {"Content-Type": mime})
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(self.root) and path.is_file():
                    mime = (
                        "text/css"
                        if path.suffix == ".css"
                        else ("image/svg+xml" if path.suffix == ".svg" else "image/png")
                    )
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            raise ValueError(f"blocked: reports may only load files from {self.root} ({url!r})")

    return RestrictedFetcher


def restricted_fetcher(
    resources: Mapping[str, tuple[bytes, str]] | None = None, root: Path | None = None
) -> Any:
    """A WeasyPrint URL fetcher limited to ``root`` (``report_templates/``) and ``resources``."""
    return _fetcher_class()(root or templates_dir(), resources or {})


def css_font(name: str) -> Any:
    """A font family name as a CSS string; characters outside names are dropped."""
    from markupsafe import Markup

    return Markup('"{}"').format(Markup(_SAFE_FONT.sub("", name)))


def _kind(obj: object) -> str:
    return type(obj).__name__


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
    env.filters["lines"] = _lines
    env.filters["prose"] = _prose
    env.filters["kind"] = _kind
    env.filters["column_widths"] = _column_widths
    return env.get_template("report.html.j2")


@functools.cache
def _html_class() -> type[Any]:
    """WeasyPrint's ``HTML`` with our own small user-agent stylesheet.

    WeasyPrint's HTML5 stylesheet matches every element against rules for forms, lists,
    ruby and bidi text we never print, and gives every element ``::marker`` and footnote
    pseudo-elements: a third of the time of a long report. ``report_templates/ua.css`` keeps
    the defaults of the elements our template uses; the result is the same pages.
    """
    from weasyprint import CSS, HTML

    ua = CSS(filename=str(templates_dir() / "ua.css"))

    class ReportHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, *args: Any, **kwargs: Any) -> list[Any]:
            return [ua]

        @classmethod
        def from_tree(cls, tree: Any, base_url: str, url_fetcher: Any) -> Any:
            import cssselect2

            doc = cls.__new__(cls)
            doc.base_url = base_url
            doc.url_fetcher = url_fetcher
            doc.media_type = "print"
            doc.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree)
            doc.etree_element = doc.wrapper_element.etree_element
            return doc

    return ReportHTML


def chart_resources(
    report: Report, fonts: ReportFonts, body: Sequence[Slice] | None = None
) -> tuple[dict[str, tuple[bytes, str]], dict[int, str]]:
    """The charts (of ``body``, by default the whole report) as in-memory SVG resources, and
    the URL of each chart block."""
    from .._report import Chart
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
    return _html_class().from_tree(tree, root.as_uri() + "/", fetcher)


def write_pdf(rendered: Any, report: Report) -> bytes:
    """Serialise a rendered WeasyPrint document reproducibly (no file identifier, fixed dates)."""
    with _source_date_epoch(int(report.created.timestamp())):
        data: bytes = rendered.write_pdf(pdf_identifier=False)
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


def render_pdf_bytes(
    report: Report,
    fonts: ReportFonts | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
) -> bytes:
    """The report as PDF bytes, in installed Hangul fonts (Nanum unless ``fonts`` says).

    A long report is rendered in parts on ``jobs`` processes (default: the CPUs this
    process may use) and joined; see :mod:`._pdf_parts`. The pages are the same either way.
    """
    chosen = pdf_fonts(fonts)
    _quiet_subset_notice()
    from . import _pdf_parts

    plan = _pdf_parts.plan_parts(report, _pdf_parts.job_count(jobs))
    if len(plan) > 1:
        return _pdf_parts.render_in_parts(report, chosen, plan, progress)
    return _render_whole(report, chosen, progress)


@with_stack_room
def _render_whole(
    report: Report, chosen: ReportFonts, progress: Callable[[str], None] | None
) -> bytes:
    """The report in one piece, in this process."""
    resources, chart_urls = chart_resources(report, chosen)
    with gc_paused():
        if progress:
            progress("PDF: HTML")
        html = render_html(report, chosen, chart_urls)
        doc = html_document(html, resources)
        if progress:
            progress("PDF: 쪽 나누기")
        rendered = doc.render()
        if progress:
            progress(f"PDF: {len(rendered.pages)}쪽 쓰기")
        data = write_pdf(rendered, report)
        del doc, rendered
    return data


class _SubsetNotice(logging.Filter):
    """Drop WeasyPrint's per-font notice that it subsets with fontTools (slower, same output):
    printed four times per report it buries real warnings. Installing HarfBuzz-Subset
    (``apt-get install libharfbuzz-subset0``) makes the PDF faster and the notice moot."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


def _quiet_subset_notice() -> None:
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


def render_pdf(
    report: Report,
    path: Path,
    fonts: ReportFonts | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
) -> Path:
    return atomic_write(path, render_pdf_bytes(report, fonts, progress, jobs))
