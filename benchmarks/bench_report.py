"""Benchmark: the 83-task annual report (자체평가 결과보고서) as DOCX and as PDF.

Scores the shipped 2024 example (examples/motie-2024/) from its workbooks,
warms up on the 7-task tutorial rubric (imports, fonts), then times each format:
the PDF as evalkit renders it by default (in parts on every CPU) and, for comparison, in one
process. Where LibreOffice is installed it also times ``soffice --headless --convert-to pdf`` on our
DOCX and prints PDF / LibreOffice as a ratio; otherwise that line says "skipped".
The DOCX, the PDF and the LibreOffice conversion are each timed ``--repeat`` times (default 3),
taking turns, and compared by their medians: one timing of a few seconds on a shared 2-core
machine varies by 10% from one run to the next.
Targets: DOCX ≤ 3 s; PDF ≤ 1.0 × the LibreOffice conversion. ``--check`` exits 1 on a miss.

    python benchmarks/bench_report.py [--check] [--keep DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import evalkit
from evalkit.renderers._pdf_parts import job_count
from evalkit.report import Report, build_report, render_docx, render_pdf

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "motie-2024.yaml"
EXAMPLE = ROOT / "examples" / "motie-2024"
MINI = ROOT / "examples" / "mini" / "rubric.yaml"
DOCX_TARGET_S = 3.0
PDF_TARGET_RATIO = 1.0


def example_scoreboard(rubric_path: Path, example: Path) -> evalkit.Scoreboard:
    """Score a shipped example from its workbooks, as `evalkit score` does."""
    from evalkit.workbooks import read_inputs

    rubric = evalkit.load_rubric(rubric_path)
    adj = example / "adjustments.csv"
    inputs = read_inputs(
        rubric, example / "results.xlsx", [example / "panel"], adj if adj.exists() else None
    )
    return evalkit.score(rubric, *inputs)


def warm_in_parts(report: Report) -> None:
    """Render a small report through the parallel path once, so that its imports are warm."""
    from evalkit.renderers import _pdf_parts
    from evalkit.renderers._fonts import pdf_fonts

    fonts = pdf_fonts(None)
    plan = _pdf_parts.plan_parts(report, 2, min_weight=0)
    _pdf_parts.render_in_parts(report, fonts, plan)


def libreoffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def libreoffice_conversion(
    exe: str, docx: Path, out_dir: Path, warm_docx: Path
) -> Callable[[], object]:
    """A function that converts ``docx`` to PDF with LibreOffice headless. Its first start,
    which creates the private profile, converts ``warm_docx`` here and is not timed."""
    profile = out_dir / "lo-profile"  # a private profile: no clash with a running instance

    def convert(source: Path) -> None:
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir / "lo"),
            str(source),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)

    convert(warm_docx)
    return lambda: convert(docx)


def timed(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def spread(times: list[float]) -> str:
    """The median of ``times`` and, for more than one, their range."""
    median = f"{statistics.median(times):7.2f} s"
    if len(times) == 1:
        return median
    return f"{median}  (median of {len(times)}: {min(times):.2f} to {max(times):.2f} s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", type=Path, help="write the reports into this folder")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timings of each format, compared by median"
    )
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)

    sb = example_scoreboard(RUBRIC, EXAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = args.keep or work
        out.mkdir(parents=True, exist_ok=True)

        warm = build_report(example_scoreboard(MINI, MINI.parent))
        warm_docx = render_docx(warm, work / "warm.docx")
        render_pdf(warm, work / "warm.pdf", jobs=1)
        warm_in_parts(warm)  # imports pypdf, as the 83-task report will

        t0 = time.perf_counter()
        report = build_report(sb)
        t_model = time.perf_counter() - t0
        docx = out / "report-83.docx"
        pdf = out / "report-83.pdf"
        jobs = job_count(None)
        exe = libreoffice()
        convert = None if exe is None else libreoffice_conversion(exe, docx, work, warm_docx)
        t_docx: list[float] = []
        t_pdf: list[float] = []
        t_lo: list[float] = []
        for _ in range(repeat):  # in turns, so that a slow spell of the machine hits all three
            t_docx.append(timed(lambda: render_docx(report, docx)))
            t_pdf.append(timed(lambda: render_pdf(report, pdf)))
            if convert is not None:
                t_lo.append(timed(convert))
        t_pdf1 = timed(lambda: render_pdf(report, work / "one-process.pdf", jobs=1))

        import pypdf

        pages = len(pypdf.PdfReader(pdf).pages)
        docx_s, pdf_s = statistics.median(t_docx), statistics.median(t_pdf)
        print(
            f"{len(report.tasks)}-task annual report, examples/motie-2024, {os.cpu_count()} cores"
        )
        print(f"  report model    : {t_model:7.2f} s")
        ok_docx = docx_s <= DOCX_TARGET_S
        print(
            f"  DOCX            : {spread(t_docx)}  (target <= {DOCX_TARGET_S:g} s) "
            f"{'ok' if ok_docx else 'MISSED'}"
        )
        print(f"  PDF             : {spread(t_pdf)}  ({pages} pages, {jobs} processes)")
        print(f"  PDF, 1 process  : {t_pdf1:7.2f} s  ({t_pdf1 / pdf_s:.2f} x the median above)")
        ok_pdf = True
        if not t_lo:
            print("  LibreOffice     : skipped (soffice not installed)")
            print(f"  PDF/LibreOffice : skipped (target <= {PDF_TARGET_RATIO:g} x)")
        else:
            ratio = pdf_s / statistics.median(t_lo)
            ok_pdf = ratio <= PDF_TARGET_RATIO
            print(f"  LibreOffice     : {spread(t_lo)}  (DOCX -> PDF, headless)")
            print(
                f"  PDF/LibreOffice : {ratio:7.2f} x  (medians; target <= {PDF_TARGET_RATIO:g} x) "
                f"{'ok' if ok_pdf else 'MISSED'}"
            )
        if args.keep:
            print(f"  reports kept in {out}")
    if not (ok_docx and ok_pdf):
        print("a target was missed", file=sys.stderr)
        return 1 if args.check else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
