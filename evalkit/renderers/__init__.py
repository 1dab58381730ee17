"""Renderers of the report model: DOCX (python-docx) and PDF (Jinja2 + WeasyPrint).

Renderers lay out a :class:`~evalkit._report_model.Report` and compute nothing. Their heavy
libraries are imported inside the render functions, so importing this package is cheap.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ._fonts import ReportFonts

__all__ = ["ReportFonts", "atomic_write"]


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then replace.

    A failed or interrupted write never leaves a half-written report behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
