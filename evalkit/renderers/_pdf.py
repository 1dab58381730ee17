"""PDF renderer: the report model through Jinja2 HTML/CSS templates (``report_templates/``)
and WeasyPrint.

Fonts come from fontconfig (Nanum by default, see :mod:`._fonts`); without a Hangul font
:meth:`PdfRenderer.check` refuses before anything is drawn with missing glyphs. The HTML and
the document's bytes are made in :mod:`._pdf_html`; WeasyPrint's internals are touched only in
:mod:`._weasy`; a long report is laid out in parts on several processes by :mod:`._pdf_parts`.
"""

from __future__ import annotations

from collections.abc import Callable

from .._report import Report
from . import _pdf_parts, _weasy
from ._base import Progress, Renderer, RenderOptions
from ._fonts import ReportFonts, pdf_fonts
from ._pdf_html import (
    chart_resources,
    gc_paused,
    html_document,
    quiet_subset_notice,
    render_html,
    write_pdf,
)
from ._stack import with_stack_room


class PdfRenderer(Renderer):
    """PDF in installed Hangul fonts (Nanum unless the options name others)."""

    name = "pdf"
    suffix = ".pdf"
    description = "PDF (인쇄·게시용, WeasyPrint)"

    def check(self, options: RenderOptions) -> None:
        pdf_fonts(options.fonts)
        _weasy.check_internals()

    def render(
        self, report: Report, options: RenderOptions, progress: Progress | None = None
    ) -> bytes:
        return render_pdf_bytes(report, options.fonts, progress, options.jobs)


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
    quiet_subset_notice()
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
