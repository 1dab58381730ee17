"""Evaluation reports (자체평가 결과보고서) in DOCX, PDF and HWPX, in the style of a Hangul report.

One report model, built from a :class:`~evalkit.Scoreboard` by :func:`build_report`, feeds every
renderer registered in :data:`evalkit.renderers.RENDERERS`: DOCX (python-docx), PDF (Jinja2
templates in ``report_templates/`` through WeasyPrint) and HWPX (python-hwpx). The model does all
rounding; renderers only lay out. :func:`write_reports` writes the formats asked for in one
call with the usual file names, all or nothing::

    from evalkit.report import write_reports
    write_reports(scoreboard, "out/")                      # 자체평가_결과보고서_2024.docx/.pdf
    write_reports(scoreboard, "out/", subcommittee="산업정책")
    write_reports(scoreboard, "out/", ["pdf"], task="Ⅰ-1-①")
    write_reports(scoreboard, "out/", "docx,pdf,hwpx")

Outputs are reproducible: the same scoreboard gives byte-identical files.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from . import _errors, _files
from . import renderers as _renderers
from ._report import (
    Block,
    Bullet,
    Chart,
    GradeLine,
    Heading,
    Note,
    Report,
    RoundInfo,
    Section,
    Table,
    TaskHeading,
    TaskLine,
    build_report,
)
from .renderers import FORMATS, ReportFonts

if typing.TYPE_CHECKING:
    from ._scoring import Scoreboard

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "Block",
    "Bullet",
    "Chart",
    "GradeLine",
    "Heading",
    "Note",
    "Report",
    "ReportFonts",
    "RoundInfo",
    "Section",
    "Table",
    "TaskHeading",
    "TaskLine",
    "build_report",
    "parse_formats",
    "render_docx",
    "render_hwpx",
    "render_pdf",
    "report_filename",
    "write_reports",
]

DEFAULT_FORMATS = ("docx", "pdf")
Progress = Callable[[str], None]


def _render_to(
    fmt: str,
    report: Report,
    path: str | os.PathLike[str],
    options: _renderers.RenderOptions,
    progress: Progress | None,
) -> Path:
    renderer = _renderers.RENDERERS[fmt]
    renderer.check(options)
    data = renderer.render(report, options, progress)
    return _files.write_files([(Path(path), data)])[0]


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
    return _render_to("docx", report, path, _renderers.RenderOptions(fonts=fonts), progress)


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
    return _render_to(
        "pdf", report, path, _renderers.RenderOptions(fonts=fonts, jobs=jobs), progress
    )


def render_hwpx(
    report: Report,
    path: str | os.PathLike[str],
    *,
    fonts: ReportFonts | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write ``report`` as HWPX (한글's open format, OWPML) to ``path`` and return the path.

    ``fonts`` names the faces 한글 draws with (default 함초롬바탕 / 함초롬돋움, which 한글
    ships).

    Raises:
        EvalkitError: python-hwpx is not installed (``pip install 'evalkit[hwpx]'``).
    """
    return _render_to("hwpx", report, path, _renderers.RenderOptions(fonts=fonts), progress)


def report_filename(report: Report, fmt: str) -> str:
    """File name: ``자체평가_결과보고서_2024.docx``, ``…_2024_산업정책.pdf`` (subcommittee),
    ``자체평가_결과표_2024_Ⅰ-1-①.hwpx`` (one task)."""
    return f"{report.file_stem}{_renderers.RENDERERS[fmt].suffix}"


def parse_formats(formats: Sequence[str] | str) -> list[str]:
    """``"docx, PDF,.hwpx"`` -> ``["docx", "pdf", "hwpx"]``: registered formats, each once.

    Raises:
        InputError: an unknown format or none; the message lists the registered ones.
    """
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = [f.strip().lower().lstrip(".") for f in items if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        shown = ", ".join(repr(b) for b in bad) if bad else "(없음)"
        raise _errors.InputError(
            [
                _errors.Problem(
                    f"알 수 없는 보고서 형식: {shown}",
                    field="formats",
                    fix=f"쉼표로 구분해 고르십시오. {_renderers.format_help()} (예: docx,pdf)",
                )
            ],
            "보고서를 쓸 수 없습니다",
        )
    return list(dict.fromkeys(wanted))


def write_reports(
    scoreboard: Scoreboard,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] | str = DEFAULT_FORMATS,
    *,
    subcommittee: str | None = None,
    task: str | None = None,
    progress: Progress | None = None,
    fonts: Mapping[str, ReportFonts] | None = None,
    docx_fonts: ReportFonts | None = None,
    pdf_fonts: ReportFonts | None = None,
    issued: date | None = None,
    jobs: int | None = None,
    schedule: Sequence[tuple[str, str]] | None = None,
    round_info: RoundInfo | None = None,
    example: bool = False,
) -> list[Path]:
    """Build the report and write it in each format into ``out_dir``; return the paths.

    The annual report by default; ``subcommittee`` limits it to one 분과, ``task`` makes the
    one-task result sheet. ``formats`` are names of :data:`~evalkit.renderers.RENDERERS`
    (default DOCX and PDF). ``fonts`` maps a format to its fonts (``docx_fonts`` and
    ``pdf_fonts`` are the older spelling). ``progress`` receives a short message at each step
    (for a progress bar on long renders); ``jobs`` is the PDF's processes. ``round_info``,
    ``example``, ``issued`` and ``schedule`` go to :func:`build_report`.

    Every format is checked before anything is rendered and all files are written together at
    the end: an error leaves ``out_dir`` as it was.

    Raises:
        InputError: unknown format, subcommittee or task.
        EvalkitError: a format cannot be written here (no installed font covers Hangul for
            the PDF, python-hwpx missing for the HWPX), checked before anything is written.
    """
    fmts = parse_formats(formats)
    chosen = {"docx": docx_fonts, "pdf": pdf_fonts, **(fonts or {})}
    options = {f: _renderers.RenderOptions(fonts=chosen.get(f), jobs=jobs) for f in fmts}
    for f in fmts:
        _renderers.RENDERERS[f].check(options[f])  # fail before rendering or writing anything
    say = progress or (lambda _msg: None)
    say("보고서 모델 작성")
    report = build_report(
        scoreboard,
        subcommittee=subcommittee,
        task=task,
        issued=issued,
        schedule=schedule,
        round_info=round_info,
        example=example,
    )
    out = Path(out_dir)
    files: list[tuple[Path, bytes]] = []
    for f in fmts:
        path = out / report_filename(report, f)
        say(f"{f.upper()} 작성: {path.name}")
        files.append((path, _renderers.RENDERERS[f].render(report, options[f], progress)))
    paths = _files.write_files(files)
    say(f"완료: {', '.join(p.name for p in paths)}")
    return paths
