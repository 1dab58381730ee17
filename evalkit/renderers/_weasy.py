"""Every use of WeasyPrint beyond its documented API, in one module.

The PDF renderer leans on three WeasyPrint internals for speed and for rendering in parts:

- ``HTML._ua_stylesheets`` (overridden): our own small user-agent stylesheet instead of the
  HTML5 one (a third of a long report's render time);
- ``HTML.from_tree`` (a constructor of our own): an element tree parsed by the C XML parser,
  not by WeasyPrint's HTML5 parser;
- ``weasyprint.css.counters.CounterStyle.render_value`` (overridden): page numbers that
  continue the parts rendered before (see :mod:`._pdf_parts`);
- ``Document.color_profiles`` and ``weasyprint.css.ColorProfile``: the PDF/A output intent's
  sRGB profile, read once and closed (WeasyPrint's own ``srgb`` intent leaves the profile's
  file open, a ResourceWarning on every write).

The URL fetcher is public API but is kept here too, so this file is the one place to look when
WeasyPrint moves. :func:`missing_internals` names whatever a release removed;
``PdfRenderer.check()`` refuses to render then, and ``tests/test_renderers_weasy.py`` fails
loudly on such a release before any user sees it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .._errors import EvalkitError

RESOURCE_SCHEME = "evalkit-resource"

# (module, attribute path, what we rely on): checked by missing_internals()
INTERNALS: tuple[tuple[str, str, str], ...] = (
    ("weasyprint", "HTML._ua_stylesheets", "method returning the user-agent stylesheets"),
    ("weasyprint", "HTML.render", "lays out the document"),
    ("weasyprint.css.counters", "CounterStyle.render_value", "formats one counter value"),
    ("weasyprint.urls", "URLFetcher", "the URL fetcher base class"),
    ("weasyprint.urls", "URLFetcherResponse", "a fetched resource"),
    ("weasyprint.css", "ColorProfile", "an ICC profile of a document"),
    ("weasyprint.document", "Document.write_pdf", "writes the PDF"),
)
# attributes from_tree() sets on a bare HTML object, as HTML.__init__ does
HTML_ATTRIBUTES = ("base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element")


def missing_internals() -> list[str]:
    """The WeasyPrint internals this module relies on that the installed release lacks."""
    import importlib
    import inspect

    missing = []
    for module, path, _what in INTERNALS:
        obj: Any = importlib.import_module(module)
        for name in path.split("."):
            obj = getattr(obj, name, None)
            if obj is None:
                missing.append(f"{module}.{path}")
                break
    from weasyprint import HTML

    init = inspect.getsource(HTML.__init__)
    missing += [f"weasyprint.HTML.{a}" for a in HTML_ATTRIBUTES if f"self.{a}" not in init]
    return missing


def check_internals() -> None:
    """Refuse, before anything is written, when WeasyPrint changed under us."""
    missing = missing_internals()
    if missing:
        import weasyprint

        raise EvalkitError(
            f"설치된 WeasyPrint {weasyprint.__version__}에는 evalkit의 PDF 작성에 필요한 내부 "
            f"기능({', '.join(missing)})이 없습니다. pyproject.toml이 정한 범위의 WeasyPrint를 "
            "설치하십시오: pip install 'evalkit[report]'"
        )


def fetcher_class() -> type[Any]:
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


@functools.cache
def html_class(ua_css: Path) -> type[Any]:
    """WeasyPrint's ``HTML`` with our own small user-agent stylesheet.

    WeasyPrint's HTML5 stylesheet matches every element against rules for forms, lists,
    ruby and bidi text we never print, and gives every element ``::marker`` and footnote
    pseudo-elements: a third of the time of a long report. ``ua_css``
    (``report_templates/ua.css``) keeps the defaults of the elements our template uses; the
    result is the same pages.
    """
    from weasyprint import CSS, HTML

    ua = CSS(filename=str(ua_css))

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


def counter_style_class(timeout_s: float) -> type[Any]:
    from weasyprint.css.counters import CounterStyle

    class ChainedNumbers(CounterStyle):  # type: ignore[misc]
        """Page numbers that continue the parts before: ``evalkit-page`` prints the page
        number plus the offset (received from the previous part when not known); rendering
        ``evalkit-pages`` (the part's page count, printed as nothing) hands the next part its
        offset."""

        def __init__(self, offset: int | None, inbox: Connection | None, outbox: Connection | None):
            super().__init__()
            self._offset = offset
            self._inbox = inbox
            self._outbox = outbox

        def offset(self) -> int:
            if self._offset is None:
                assert self._inbox is not None
                if not self._inbox.poll(timeout_s):
                    raise EvalkitError("PDF: the previous part of the report did not finish")
                self._offset = int(self._inbox.recv())
            return self._offset

        def hand_on(self, pages: int) -> None:
            if self._outbox is not None:
                self._outbox.send(self.offset() + pages)
                self._outbox = None

        def render_value(
            self,
            counter_value: int,
            counter_name: str | None = None,
            counter: Any = None,
            previous_types: Any = None,
        ) -> str:
            if counter_name == "evalkit-pages":
                self.hand_on(counter_value)
                return ""
            if counter_name == "evalkit-page":
                return str(self.offset() + counter_value)
            return str(super().render_value(counter_value, counter_name, counter, previous_types))

    return ChainedNumbers


SRGB = "evalkit-srgb"  # the output intent's identifier (anything but WeasyPrint's "srgb")


@functools.cache
def _srgb_icc() -> bytes:
    from importlib.resources import files

    return (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


def with_srgb_intent(rendered: Any) -> str:
    """Give a rendered document the sRGB profile for its PDF/A output intent; the name to pass
    as ``output_intent``."""
    import io

    from weasyprint.css import ColorProfile

    if SRGB not in rendered.color_profiles:
        rendered.color_profiles[SRGB] = ColorProfile(
            io.BytesIO(_srgb_icc()), "sRGB2014.icc", "relative-colorimetric", (["r"], ["g"], ["b"])
        )
    return SRGB
