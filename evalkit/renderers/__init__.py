"""Renderers of the report model: one module per output format behind one base class.

:data:`RENDERERS` maps a format name to its :class:`Renderer`, imported on first use (a
renderer's libraries are heavy and optional). Every renderer reads sizes, margins and fills
from one :class:`HouseStyle` and lays out a :class:`~evalkit._report.Report`; it computes
nothing. To add a format: one module with a :class:`Renderer` subclass, one line in
``_ENTRIES`` below, one test module (``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import _files
from ._base import Renderer, RenderOptions
from ._fonts import ReportFonts
from ._style import HOUSE_STYLE, HouseStyle, Rung

__all__ = [
    "FORMATS",
    "HOUSE_STYLE",
    "RENDERERS",
    "HouseStyle",
    "RenderOptions",
    "Renderer",
    "ReportFonts",
    "Rung",
    "atomic_write",
    "format_help",
]


@dataclass(frozen=True, slots=True)
class _Entry:
    module: str
    cls: str
    description: str  # for the CLI's help, without importing the renderer


# The registry: format name -> where its renderer lives. Order is the order of --format's help.
_ENTRIES: dict[str, _Entry] = {
    "docx": _Entry("._docx", "DocxRenderer", "DOCX(워드·한글에서 편집)"),
    "pdf": _Entry("._pdf", "PdfRenderer", "PDF(인쇄·게시용)"),
    "hwpx": _Entry("._hwpx", "HwpxRenderer", "HWPX(한글 문서, 부처 회람용)"),
}


class _Registry(Mapping[str, Renderer]):
    """Format name -> renderer, each imported and made once, when first looked up."""

    def __init__(self, entries: Mapping[str, _Entry]) -> None:
        self._entries = dict(entries)
        self._made: dict[str, Renderer] = {}

    def __getitem__(self, name: str) -> Renderer:
        if name not in self._made:
            entry = self._entries[name]
            module = importlib.import_module(entry.module, __name__)
            renderer = getattr(module, entry.cls)()
            assert isinstance(renderer, Renderer) and renderer.name == name
            self._made[name] = renderer
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"RENDERERS({', '.join(self._entries)})"

    def description(self, name: str) -> str:
        return self._entries[name].description


RENDERERS = _Registry(_ENTRIES)
FORMATS: tuple[str, ...] = tuple(_ENTRIES)


def format_help() -> str:
    """``docx: DOCX(…), pdf: PDF(…), hwpx: …``: the formats for a help text."""
    return ", ".join(f"{name}: {RENDERERS.description(name)}" for name in RENDERERS)


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` all-or-nothing: a failed or interrupted write never leaves a
    half-written report behind."""
    return _files.write_files([(path, data)])[0]
