"""What the commands share: the consoles, problem printing, shared options, scoring and
rendering steps."""

from __future__ import annotations

import errno
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .._errors import (
    CONTROL_CHARACTERS,
    EvalkitError,
    InputError,
    OutputError,
    Problem,
    shown_problems,
)
from .._files import make_dir, output_error
from .._loader import ValidationReport, load_rubric, validate_rubric
from .._numbers import fmt
from .._rubric import Rubric
from ..renderers import format_help


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so every ``finally`` removes its temporaries."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


class _Commands(typer.core.TyperGroup):
    """The command group; an operating-system error no command foresaw (a path too long, a
    folder that vanished) ends in a located message and exit 1, never a traceback.

    Ctrl-C (SIGINT) and SIGTERM stop the command where it is: temporary files and folders are
    removed on the way out (and the PDF's worker processes ended), earlier outputs stay as they
    were, and the exit status is 130 or 143 as a shell expects."""

    def invoke(self, ctx: Any) -> Any:
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _on_sigterm) if main else None
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            term = isinstance(exc, _Terminated)
            err.print("종료 신호(SIGTERM)를 받아 멈췄습니다" if term else "중단했습니다 (Ctrl-C)")
            raise typer.Exit(143 if term else 130) from None
        except OSError as exc:
            path = Path(exc.filename) if isinstance(exc.filename, (str, Path)) else Path(".")
            error = exc if isinstance(exc, OutputError) else output_error(exc, path)
            raise fail(error, "evalkit") from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


app = typer.Typer(
    name="evalkit",
    cls=_Commands,
    help="자체평가: 루브릭을 넣으면 과제별 점수, 7등급 상대평가, 결과보고서(한글 보고서 양식)가 "
    "나옵니다.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "motie-2024"
EXAMPLE_RUBRIC = Path(__file__).resolve().parents[2] / "rubrics" / "motie-2024.yaml"


def safe(text: str) -> str:
    """Input text as printed: no console markup (``[red]``), control characters as ``\\x1b``."""
    return escape(CONTROL_CHARACTERS.sub(lambda m: repr(m.group())[1:-1], text))


def print_problems(problems: Sequence[Problem], title: str) -> None:
    errors = [p for p in problems if p.severity == "error"]
    err.print(f"[bold red]{safe(title)}[/]: {len(errors)} error(s)")
    shown, more = shown_problems(errors)
    for p in shown:
        err.print(f"  [red]✗[/] {safe(p.location)}: {safe(p.message)}", soft_wrap=True)
        if p.fix:
            err.print(f"      [dim]fix:[/] {safe(p.fix)}", soft_wrap=True)
    if more:
        err.print(f"  {more}", soft_wrap=True)


def fail(exc: EvalkitError, title: str = "evalkit") -> typer.Exit:
    if isinstance(exc, InputError):
        print_problems(exc.problems, title)
    else:
        err.print(f"[bold red]{safe(title)}[/]: {safe(str(exc))}", soft_wrap=True)
    return typer.Exit(1)


def load_or_exit(rubric: Path) -> Rubric:
    try:
        return load_rubric(rubric)
    except EvalkitError as exc:
        raise fail(exc, f"rubric {rubric}") from None


def refuse_draft(r: Rubric) -> None:
    """A new year's draft (``meta.draft``) has blank targets: it cannot be scored yet."""
    if r.meta.draft:
        problem = Problem(
            f"{r.meta.year}년도 초안 루브릭이라 채점할 수 없습니다 (목표치가 비어 있음)",
            file=r.source_path,
            field="meta.draft",
            fix="목표치를 채우고 meta.draft를 지운 뒤 evalkit validate로 확인하십시오",
        )
        raise fail(InputError([problem]), "루브릭")


def print_validation(report: ValidationReport, path: Path, verbose: bool) -> None:
    s = report.summary()
    if report.rubric is not None:
        out.print(
            f"[bold]{path}[/]: {s['strategic_goals']} 전략목표, {s['performance_goals']} "
            f"성과목표, {s['tasks']} 관리과제, {s['indicators']} 성과지표"
        )
    warnings = report.warnings
    if report.rubric is not None:
        out.print(
            f"warnings: {s['assumed_weights']} task(s) with assumed weights, "
            f"{s['data_notes']} data note(s), {len(warnings)} warning(s)"
        )
    if verbose:
        for w in warnings:
            out.print(f"  [yellow]![/] {w.location}: {w.message}", soft_wrap=True)
    elif warnings:
        # The grade scheme decides every grade: a preset in its place is always shown.
        for w in warnings:
            if (w.field or "").startswith("grade_scheme"):
                out.print(f"  [yellow]![/] {w.location}: {w.message}", soft_wrap=True)
        out.print("  (run with --verbose to list every warning)")


# Arguments and options that several commands share, declared once.
RubricArg = Annotated[Path, typer.Argument(help="rubric YAML file")]
ResultsOpt = Annotated[Path, typer.Option(help="filled results.xlsx or CSV")]
PanelOpt = Annotated[
    list[Path], typer.Option("--panel", help="panel workbook/CSV or a folder (repeatable)")
]
AdjustmentsOpt = Annotated[Path | None, typer.Option(help="가감점 CSV/xlsx")]
ByOpt = Annotated[
    str | None,
    typer.Option(
        help="등급을 나눌 단위: subcommittee(분과), strategic_goal(전략목표), "
        "performance_goal(성과목표), 전체(기본: 전체 과제에서 등급)"
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help=f"보고서 형식, 쉼표로 여럿: {format_help()}",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        help="processes for a long PDF (default: EVALKIT_JOBS, else every CPU; 1: one process)",
    ),
]


def check_rubric(rubric: Path, verbose: bool) -> None:
    """Validate ``rubric``: print every error and exit 1, or print the warning summary."""
    report = validate_rubric(rubric)
    if report.errors:
        print_problems(report.problems, f"rubric {rubric}")
        raise typer.Exit(1)
    print_validation(report, rubric, verbose)


def score_inputs(
    rubric: Path,
    results: Path,
    panel: Sequence[Path],
    adjustments: Path | None,
    by: str | None,
    rule: str,
) -> Any:
    from .._scoring import score as run_score
    from ..workbooks import read_inputs

    r = load_or_exit(rubric)
    refuse_draft(r)
    try:
        res, pan, adj = read_inputs(r, results, panel, adjustments)
    except InputError as exc:
        raise fail(exc, "inputs") from None
    try:
        return run_score(r, res, pan, adj, by=by, panel_rule=rule)  # type: ignore[arg-type]
    except EvalkitError as exc:
        raise fail(exc, "score") from None


def print_ranking(sb: Any) -> None:
    dec = sb.rubric.grade_scheme.decimals
    table = Table(title=f"{sb.rubric.meta.title} — 순위", show_lines=False)
    for col, justify in (
        ("순위", "right"),
        ("과제", "left"),
        ("과제명", "left"),
        ("분과", "left"),
        ("점수", "right"),
        ("등급", "center"),
        ("상위등급까지", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for d in sb.ranking():
        table.add_row(
            str(d.rank),
            d.task.code,
            d.task.name,
            d.task.assigned_subcommittee or "",
            fmt(d.total, dec),
            d.grade,
            "" if d.to_next_grade is None else fmt(d.to_next_grade, dec),
        )
    out.print(table)
    dist = Table(title="등급 분포 (배분 기준 대비)")
    for col in ("등급", "비율(%)", "배분", "실제"):
        dist.add_column(col, justify="right")
    for _, row in sb.summary.iterrows():
        pct = row["percent"]
        shown = f"{pct:g}" if pct is not None and pct == pct else "한도"  # limit form: no share
        dist.add_row(str(row["grade"]), shown, str(row["quota"]), str(row["count"]))
    out.print(dist)


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A temporary folder beside ``out_dir``; its files move in only when all succeeded."""
    try:
        make_dir(out_dir)
        tmp = Path(tempfile.mkdtemp(prefix=".evalkit-", dir=out_dir))
    except OSError as exc:  # a file named like the folder, no permission, …
        error = exc if isinstance(exc, OutputError) else output_error(exc, out_dir)
        raise fail(error, "report") from None
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def render_reports(
    sb: Any,
    out_dir: Path,
    formats: Sequence[str],
    subcommittee: str | None,
    task: str | None,
    jobs: int | None = None,
    issued: Any = None,
    schedule: Sequence[tuple[str, str]] | None = None,
    round_info: Any = None,
    example: bool = False,
) -> list[Path]:
    from rich.progress import Progress

    from .. import report as report_mod

    written: list[Path] = []
    with staging(out_dir) as tmp, Progress(console=err, transient=True) as progress:
        bar = progress.add_task("rendering", total=None)

        def tick(msg: str) -> None:
            progress.update(bar, description=msg)

        try:
            staged = report_mod.write_reports(
                sb,
                tmp,
                formats,
                subcommittee=subcommittee,
                task=task,
                progress=tick,
                jobs=jobs,
                issued=issued,
                schedule=schedule,
                round_info=round_info,
                example=example,
            )
        except EvalkitError as exc:
            progress.stop()
            raise fail(exc, "report") from None
        for p in staged:
            final = out_dir / p.name
            try:
                if final.is_dir():
                    raise IsADirectoryError(errno.EISDIR, "Is a directory")
                p.replace(final)
            except OSError as exc:
                progress.stop()
                raise fail(output_error(exc, final), "report") from None
            written.append(final)
    return written


def parse_formats(text: str, where: str | None = None) -> list[str]:
    """The formats of ``--format`` (or of the round file, ``where``), checked against the
    renderer registry."""
    from ..report import parse_formats as parse

    try:
        return parse(text)
    except EvalkitError as exc:
        fail(exc, where or "--format")
        raise typer.Exit(1 if where else 2) from None
