"""The report build's shared context (evalkit._report._context): the fixed document date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from evalkit._report import fixed_created


def test_document_date_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert fixed_created(2024) == datetime(2025, 1, 1, tzinfo=UTC)
    assert fixed_created(2024, date(2025, 2, 3)) == datetime(2025, 2, 3, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert fixed_created(2024, date(2025, 2, 3)) == datetime.fromtimestamp(1700000000, tz=UTC)


def test_departments_come_from_the_rubric_else_the_round() -> None:
    from _report_data import mini_scoreboard, tables, task_blocks

    from evalkit._report import RoundInfo, build_report
    from evalkit._report._context import ReportContext

    sb = mini_scoreboard()
    info = RoundInfo(departments={"Ⅰ-1-①": ("산업정책과", "기술정책과")})
    ctx = ReportContext.of(sb, round_info=info)
    assert ctx.departments(sb.rubric.task("Ⅰ-1-①")) == ("산업정책과", "기술정책과")
    assert ctx.departments(sb.rubric.task("Ⅰ-1-②")) == ()
    form = tables(task_blocks(build_report(sb, round_info=info), "Ⅰ-1-①"))[0]
    assert form.rows[1][:2] == ("주관부서", "산업정책과, 기술정책과")
