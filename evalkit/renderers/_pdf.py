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
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .._errors import EvalkitError
from .._report_model import Report
from . import atomic_write
from ._fonts import ReportFonts, pdf_fonts

_HERE = Path(__file__).resolve().parent
# A source checkout keeps the templates beside the package; a wheel may ship them inside it.
_TEMPLATE_DIRS = (_HERE.parent.parent / "report_templates", _HERE.parent / "report_templates")
TEMPLATES = next((d for d in _TEMPLATE_DIRS if d.is_dir()), _TEMPLATE_DIRS[0])
RESOURCE_SCHEME = "evalkit-resource"
KEEP_ROWS = 15  # tables up to this many rows are kept on one page
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

    return Markup("<br>").join(escape(part) for part in str(text).split("\n"))


def render_html(report: Report, fonts: ReportFonts, chart_urls: Mapping[int, str]) -> str:
    """The report as HTML (autoescaped), for WeasyPrint."""
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
    env.filters["kind"] = _kind
    env.filters["chart_url"] = lambda chart: chart_urls[id(chart)]
    template = env.get_template("report.html.j2")
    created = report.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    html = template.render(report=report, fonts=fonts, created=created, keep_rows=KEEP_ROWS)
    # Whitespace between tags only makes anonymous boxes for WeasyPrint to lay out.
    return _BETWEEN_TAGS.sub("><", html)


def render_pdf_bytes(
    report: Report, fonts: ReportFonts | None = None, progress: Callable[[str], None] | None = None
) -> bytes:
    """The report as PDF bytes, in installed Hangul fonts (Nanum unless ``fonts`` says)."""
    chosen = pdf_fonts(fonts)
    from weasyprint import HTML  # heavy: imported only when rendering

    from .._report_model import Chart
    from ._chart import render_chart

    resources: dict[str, tuple[bytes, str]] = {}
    chart_urls: dict[int, str] = {}
    for sec in report.sections:
        for b in sec.blocks:
            if isinstance(b, Chart):
                key = f"chart-{len(resources) + 1}.svg"
                resources[key] = (render_chart(b, "svg", font_family=chosen.note), "image/svg+xml")
                chart_urls[id(b)] = f"{RESOURCE_SCHEME}:{key}"
    _quiet_subset_notice()
    if progress:
        progress("PDF: HTML")
    html = render_html(report, chosen, chart_urls)
    root = templates_dir()
    doc = HTML(
        string=html, base_url=str(root) + "/", url_fetcher=restricted_fetcher(resources, root)
    )
    if progress:
        progress("PDF: 쪽 나누기")
    rendered = doc.render()
    if progress:
        progress(f"PDF: {len(rendered.pages)}쪽 쓰기")
    with _source_date_epoch(int(report.created.timestamp())):
        data: bytes = rendered.write_pdf(pdf_identifier=False)
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
) -> Path:
    return atomic_write(path, render_pdf_bytes(report, fonts, progress))
