"""The one shape every renderer has (the renderer protocol).

A renderer turns a finished :class:`~evalkit._report.Report` into a file's bytes and computes
nothing: every number and every word is already in the report model. It is one module with one
:class:`Renderer` subclass, registered by name in :data:`evalkit.renderers.RENDERERS`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from .._report import Report
from ._fonts import ReportFonts

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a caller may choose about an output, the same for every format.

    ``fonts``: the faces to name (DOCX, HWPX: drawn on the reader's machine) or to draw with
    (PDF: installed here); ``None`` is each format's default. ``jobs``: processes for a long
    PDF (``None``: ``EVALKIT_JOBS``, else every CPU this process may use).
    """

    fonts: ReportFonts | None = None
    jobs: int | None = None


class Renderer(ABC):
    """One output format of the report."""

    name: ClassVar[str]  # the format's name, as typed after --format
    suffix: ClassVar[str]  # the file name's suffix, with its dot
    description: ClassVar[str]  # one Korean line for the CLI's help

    @abstractmethod
    def check(self, options: RenderOptions) -> None:
        """Raise :class:`~evalkit.EvalkitError` (in Korean, with the fix) when this format
        cannot be written here (a missing font or library); called before anything is
        written."""

    @abstractmethod
    def render(
        self, report: Report, options: RenderOptions, progress: Progress | None = None
    ) -> bytes:
        """The report as this format's bytes; the same report gives the same bytes."""
