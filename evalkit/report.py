"""Evaluation reports (자체평가 결과보고서) in DOCX and PDF, in the style of a Hangul (HWP) report.

One report model, built from a :class:`~evalkit.Scoreboard` by :func:`build_report`, feeds two
renderers: :func:`render_docx` (python-docx) and :func:`render_pdf` (Jinja2 templates in
``report_templates/`` through WeasyPrint). The model does all rounding; renderers only lay out.
:func:`write_reports` does both in one call with the usual file names::

    from evalkit.report import write_reports
    write_reports(scoreboard, "out/")                      # 자체평가_결과보고서_2024.docx/.pdf
    write_reports(scoreboard, "out/", subcommittee="산업정책")
    write_reports(scoreboard, "out/", ["pdf"], task="Ⅰ-1-①")

Outputs are reproducible: the same scoreboard gives byte-identical files.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from . import _errors, _files
from ._report import (
    Block,
    Bullet,
    Chart,
    GradeLine,
    Heading,
    Note,
    Report,
    Section,
    Table,
    TaskHeading,
    TaskLine,
    build_report,
)
from .renderers import ReportFonts, _fonts

if typing.TYPE_CHECKING:
    from ._scoring import Scoreboard

__all__ = [
    "FORMATS",
    "Block",
    "Bullet",
    "Chart",
    "GradeLine",
    "Heading",
    "Note",
    "Report",
    "ReportFonts",
    "Section",
    "Table",
    "TaskHeading",
    "TaskLine",
    "build_report",
    "render_docx",
    "render_pdf",
    "report_filename",
    "write_reports",
]

FORMATS = ("docx", "pdf")
Progress = Callable[[str], None]


def render_docx(
    report: Report,
    path: str | os.PathLike[str],
    *,
    fonts: ReportFonts | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write ``report`` as DOCX to ``path`` (atomically) and return the path.

    ``fonts`` names the fonts the reader's Word or Hangul draws with (default 휴먼명조 /
    HY헤드라인M / 맑은 고딕); they need not be installed here.
    """
    from .renderers._docx import render_docx as _render

    return _render(report, Path(path), fonts, progress)


def render_pdf(
    report: Report,
    path: str | os.PathLike[str],
    *,
    fonts: ReportFonts | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> Path:
    """Write ``report`` as PDF to ``path`` (atomically) and return the path.

    ``fonts`` must be installed and cover Hangul (default: Nanum, found with fontconfig).
    A long report is laid out in parts on ``jobs`` processes (default: ``EVALKIT_JOBS``, else
    every CPU this process may use; Linux only) and joined; ``jobs=1`` renders in this
    process. The pages are the same either way.

    Raises:
        EvalkitError: no installed font covers Hangul; the message says how to install one.
    """
    from .renderers._pdf import render_pdf as _render

    return _render(report, Path(path), fonts, progress, jobs)


def report_filename(report: Report, fmt: str) -> str:
    """File name: ``자체평가_결과보고서_2024.docx``, ``…_2024_산업정책.pdf`` (subcommittee),
    ``자체평가_결과표_2024_Ⅰ-1-①.pdf`` (one task)."""
    return f"{report.file_stem}.{fmt}"


def _formats(formats: Sequence[str] | str) -> list[str]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = [f.strip().lower().lstrip(".") for f in items if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise _errors.InputError(
            [
                _errors.Problem(
                    f"unknown report format(s): {', '.join(bad) or '(none)'}",
                    field="formats",
                    fix="use docx, pdf or docx,pdf",
                )
            ],
            "cannot write the report",
        )
    return list(dict.fromkeys(wanted))


def write_reports(
    scoreboard: Scoreboard,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] | str = FORMATS,
    *,
    subcommittee: str | None = None,
    task: str | None = None,
    progress: Progress | None = None,
    docx_fonts: ReportFonts | None = None,
    pdf_fonts: ReportFonts | None = None,
    issued: date | None = None,
    jobs: int | None = None,
    schedule: Sequence[tuple[str, str]] | None = None,
) -> list[Path]:
    """Build the report and write it in each format into ``out_dir``; return the paths.

    The annual report by default; ``subcommittee`` limits it to one 분과, ``task`` makes the
    one-task result sheet. ``progress`` receives a short message at each step (for a
    progress bar on long renders); ``jobs`` is passed to :func:`render_pdf`.

    Raises:
        InputError: unknown format, subcommittee or task.
        EvalkitError: a PDF is asked for and no installed font covers Hangul (checked before
            anything is written).
    """
    fmts = _formats(formats)
    if "pdf" in fmts:
        _fonts.pdf_fonts(pdf_fonts)  # fail before writing anything
    say = progress or (lambda _msg: None)
    say("보고서 모델 작성")
    report = build_report(
        scoreboard, subcommittee=subcommittee, task=task, issued=issued, schedule=schedule
    )
    out = Path(out_dir)
    _files.make_dir(out)
    paths: list[Path] = []
    for fmt in fmts:
        path = out / report_filename(report, fmt)
        say(f"{fmt.upper()} 작성: {path.name}")
        if fmt == "docx":
            paths.append(render_docx(report, path, fonts=docx_fonts, progress=progress))
        else:
            paths.append(render_pdf(report, path, fonts=pdf_fonts, progress=progress, jobs=jobs))
        say(f"완료: {path}")
    return paths
