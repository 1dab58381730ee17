"""``evalkit init`` and ``evalkit status``: start a round; see what has arrived."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .._errors import EvalkitError, InputError, Problem
from ._common import app, err, fail, load_or_exit, out
from ._names import subcommittee_or_exit
from ._roundrun import SubcommitteeOpt, load_round_or_exit

_ROUND_TEMPLATE = """\
# 평가 회차 파일 (evalkit init이 썼습니다). 경로는 모두 이 파일이 있는 폴더 기준이며
# 폴더 밖을 가리킬 수 없습니다. 항목 설명: evalkit schema --round
year: {year}                 # 평가 대상 연도 (루브릭과 같아야 함)
rubric: {rubric}
inputs:
  results: results.xlsx      # 실적: 파일, 폴더(예: 실적/) 또는 glob(예: 실적/*.xlsx)
  panel: panel/              # 평가표: 분과별 파일 또는 평가위원별 파일이 든 폴더
  adjustments: adjustments.xlsx   # 가감점 (없으면 이 줄을 지움)
roster:
  committee:
    chair:                   # 위원장 이름 (선택)
    members: []              # 위원 이름 (선택)
  subcommittees:             # 분과와 평가위원: 이름 목록 또는 인원수
{subcommittees}schedule:                    # 평가 일정
  - {{start: {year1}-01-15, end: {year1}-02-15, what: 실적 제출}}
  - {{start: {year1}-02-16, end: {year1}-03-15, what: 분과 평가}}
  - {{date: {year1}-03-31, what: 자체평가위원회 의결}}
issue_date:                  # 발간일 (YYYY-MM-DD)
approval_date:               # 의결일 (YYYY-MM-DD, 확정 전 필수)
status: 초안                 # 초안 또는 확정
version: "1"
example: false               # 가상 자료로 만든 예시이면 true
scoring:
  panel_rule: trimmed        # trimmed(최고·최저 제외 평균), mean, median
  by:                        # 비우면 전체에서 등급, subcommittee면 분과별
"""


@app.command()
def init(
    rubric: Annotated[Path, typer.Argument(help="루브릭 YAML 파일")],
    out_dir: Annotated[Path, typer.Option("--out", help="새 회차 폴더")],
    force: Annotated[bool, typer.Option("--force", help="있는 파일을 덮어씀")] = False,
) -> None:
    """새 평가 회차를 시작합니다: 주석 달린 round.yaml, 루브릭 사본, 빈 양식."""
    from .._files import write_files
    from ..workbooks import write_templates

    r = load_or_exit(rubric)
    target = out_dir / "round.yaml"
    if target.exists() and not force:
        raise fail(
            InputError(
                [
                    Problem(
                        "회차 파일이 이미 있습니다",
                        file=str(target),
                        fix="다른 폴더를 고르거나 --force로 덮어쓰십시오",
                    )
                ]
            ),
            "init",
        )
    try:
        paths = write_templates(r, out_dir, overwrite=force)
    except EvalkitError as exc:
        raise fail(exc, "init") from None
    subs = "".join(f"    - {{name: {s.name}, evaluators: {s.members}}}\n" for s in r.subcommittees)
    text = _ROUND_TEMPLATE.format(
        year=r.meta.year,
        year1=r.meta.year + 1,
        rubric=rubric.name,
        subcommittees=subs or "    []\n",
    )
    try:
        paths += write_files(
            [(out_dir / name, data) for name, data in _rubric_files(rubric)]
            + [(target, text.encode("utf-8"))]
        )
    except EvalkitError as exc:
        raise fail(exc, "init") from None
    for p in paths:
        out.print(f"wrote {p}")


@app.command()
def status(
    round_file: Annotated[Path, typer.Argument(help="회차 파일 round.yaml")],
    subcommittee: SubcommitteeOpt = None,
) -> None:
    """받은 자료와 빠진 자료를 주관부서별·평가위원별로 보여 줍니다.

    빠진 자료가 있으면 종료 코드 1입니다.
    """
    from rich.table import Table

    from ..workbooks import collect_round

    rf = load_round_or_exit(round_file)
    rubric = load_or_exit(rf.rubric_path)
    subcommittee = subcommittee_or_exit(rubric, subcommittee)
    try:
        col = collect_round(rf, rubric, subcommittee=subcommittee, allow_missing=True)
    except InputError as exc:
        raise fail(exc, "입력 자료") from None
    table = Table(title="주관부서별 실적 제출 현황 (실적 파일별)")
    for c in ("실적 파일(주관부서)", "입력됨", "빈 칸·미제출", "상태"):
        table.add_column(c)
    for name, (filled, blank) in col.by_file.items():
        table.add_row(name, str(filled), str(blank), "완료" if not blank else "미완료")
    no_row = sum(
        1
        for whats in col.missing.values()
        for w in whats
        if w.startswith("실적") and "행 없음" in w
    )
    if no_row:
        table.add_row("(어느 파일에도 없음)", "0", str(no_row), "미제출")
    out.print(table)
    table = Table(title="평가위원별 평가표 제출 현황")
    for c in ("분과", "평가위원", "채점한 과제", "분과 과제", "상태"):
        table.add_column(c)
    for sub, names in rf.evaluators(subcommittee).items():
        mine = [t.code for t in col.tasks if t.assigned_subcommittee == sub]
        for name in names:
            done = sum(1 for c in mine if name in col.evaluators.get(c, ()))
            table.add_row(
                sub, name, str(done), str(len(mine)), "완료" if done == len(mine) else "미완료"
            )
    out.print(table)
    missing = sum(len(v) for v in col.missing.values())
    if missing:
        err.print(f"[bold yellow]빠진 자료 {missing}건[/] ({len(col.missing)}개 과제)")
        for code, what in col.missing.items():
            err.print(f"  {code}: {', '.join(what)}")
        raise typer.Exit(1)
    out.print("[bold green]모든 자료가 모였습니다[/]")


def _rubric_files(rubric: Path) -> list[tuple[str, bytes]]:
    """The rubric and the files it includes, to copy into the round's folder."""
    import yaml

    files = [(rubric.name, rubric.read_bytes())]
    data = yaml.safe_load(rubric.read_text(encoding="utf-8"))
    for entry in data.get("include", []) if isinstance(data, dict) else []:
        if isinstance(entry, str) and not Path(entry).is_absolute() and ".." not in entry:
            src = rubric.parent / entry
            if src.is_file():
                files.append((entry, src.read_bytes()))
    return files
