"""``evalkit new-year``: next year's rubric drafted from this year's."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from .._errors import EvalkitError, InputError, Problem
from ._common import RubricArg, app, fail, load_or_exit, out, print_problems, print_validation


@app.command("new-year")
def new_year(
    rubric: RubricArg,
    year: Annotated[int, typer.Option("--year", help="새 평가 연도 (예: 2025)")],
    out_dir: Annotated[Path, typer.Option("--out", help="새 루브릭을 쓸 폴더")],
    scores: Annotated[
        Path | None,
        typer.Option(
            "--scores", help="지난해 채점 결과 scores.xlsx: 그 실적이 새 루브릭의 실적 이력이 됨"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="있는 파일을 덮어씀")] = False,
) -> None:
    """다음 해 루브릭 초안을 씁니다 (include한 파일 전체).

    실적 이력은 한 해 앞으로 밀리고(--scores를 주면 지난해 실적이 채워짐), 목표치는 비워 두며,
    지난해 원문의 줄 번호·파일·해시는 지우고, 자료 주석과 원문 문서명은 검토하라고 표시합니다.
    """
    from .._files import write_files
    from .._loader import validate_rubric
    from .._newyear import new_year_draft

    r = load_or_exit(rubric)
    actuals = None
    if scores is not None:
        from ..workbooks import read_scored_actuals

        try:
            actuals = read_scored_actuals(scores)
        except EvalkitError as exc:
            raise fail(exc, "--scores") from None
        unknown = sorted(set(actuals) - {i.id for _, i in r.iter_indicators()})
        if unknown:
            raise fail(
                InputError(
                    [
                        Problem(
                            f"채점 결과에 루브릭에 없는 성과지표가 {len(unknown)}개 있습니다 "
                            f"({', '.join(unknown[:5])})",
                            file=str(scores),
                            fix="이 루브릭으로 채점한 scores.xlsx를 주십시오",
                        )
                    ]
                ),
                "--scores",
            )
    try:
        draft = new_year_draft(r, rubric, year, actuals)
    except EvalkitError as exc:
        raise fail(exc, "new-year") from None
    targets = [(out_dir / rel, text.encode("utf-8")) for rel, text in draft.files]
    existing = [str(p) for p, _ in targets if p.exists()]
    if existing and not force:
        raise fail(
            InputError(
                [
                    Problem(
                        "이미 있는 파일입니다",
                        file=p,
                        fix="다른 폴더를 고르거나 --force로 덮어쓰십시오",
                    )
                    for p in existing
                ]
            ),
            "new-year",
        )
    # The draft must load: check it in a scratch folder before anything is written.
    with tempfile.TemporaryDirectory(prefix="evalkit-new-year-") as tmp:
        write_files([(Path(tmp) / rel, text.encode("utf-8")) for rel, text in draft.files])
        report = validate_rubric(Path(tmp) / draft.rubric_name)
    if report.errors:
        print_problems(report.problems, "new-year (초안 검사)")
        raise typer.Exit(1)
    for p in write_files(targets):
        out.print(f"wrote {p}")
    out.print(
        f"{draft.previous_year}년도 → {draft.year}년도 초안: 비운 목표치 {draft.blank_targets}개, "
        f"채운 {draft.previous_year}년 실적 {draft.actuals_filled}개, "
        f"검토할 자료 주석 {draft.notes_flagged}개"
    )
    print_validation(report, out_dir / draft.rubric_name, False)
