"""Renderers of the report model: DOCX (python-docx) and PDF (Jinja2 + WeasyPrint).

Renderers lay out a :class:`~evalkit._report.Report` and compute nothing. Their heavy
libraries are imported inside the render functions, so importing this package is cheap.
"""

from __future__ import annotations

from pathlib import Path

from .._files import write_files
from ._fonts import ReportFonts

__all__ = ["ReportFonts", "atomic_write"]


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` all-or-nothing: a failed or interrupted write never leaves a
    half-written report behind."""
    return write_files([(path, data)])[0]
