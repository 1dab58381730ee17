"""build_report (evalkit._report._build): report kinds, bad requests, layers, kept lines."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from _paths import ROOT
from _report_data import HOSTILE, hostile_rubric, mini_scoreboard, tables, texts

import evalkit
from evalkit import InputError
from evalkit._report import Bullet, Chart, Heading, Note, Report, Table, TaskHeading, build_report


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual(sb: evalkit.Scoreboard) -> Report:
    return build_report(sb)


def test_annual_report_has_the_four_parts_and_every_task(
    annual: Report, sb: evalkit.Scoreboard
) -> None:
    assert annual.kind == "annual" and annual.has_cover
    assert [s.number for s in annual.sections][:4] == ["Ⅰ", "Ⅱ", "Ⅲ", "붙임 1"]
    assert [s.title for s in annual.sections][:3] == ["평가 개요", "종합 결과", "과제별 평가결과"]
    assert annual.file_stem == "자체평가_결과보고서_2024"
    assert annual.title == "2024년도 주요정책 자체평가 (예시) 결과보고서"
    assert annual.organisation == "예시부 자체평가위원회"
    heads = [b.code for b in annual.sections[2].blocks if isinstance(b, TaskHeading)]
    assert heads == [t.code for t in sb.rubric.tasks]  # plan order in Ⅲ
    ranking = tables(list(annual.sections[3].blocks))[0]
    assert [row[1] for row in ranking.rows] == [d.task.code for d in sb.ranking()]
    assert annual.sections[3].landscape
    assert [t.code for t in annual.tasks] == [d.task.code for d in sb.ranking()]


def test_subcommittee_report_is_limited_to_its_tasks(sb: evalkit.Scoreboard) -> None:
    rep = build_report(sb, subcommittee="에너지분과")
    assert rep.kind == "subcommittee" and rep.subtitle == "(에너지분과)"
    assert rep.file_stem == "자체평가_결과보고서_2024_에너지분과"
    assert {t.code for t in rep.tasks} == {"Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"}
    heads = [b.code for s in rep.sections for b in s.blocks if isinstance(b, TaskHeading)]
    assert heads == ["Ⅱ-1-①", "Ⅱ-1-②", "Ⅱ-1-③"]
    assert "Ⅰ-1-①" not in texts(rep)
    # graded over all seven tasks: a quota for three of them would mean nothing
    assert all(g.quota is None for g in rep.distribution)
    assert sum(g.count for g in rep.distribution) == 3
    assert any(isinstance(b, Note) and "전체 7개" in b.text for b in rep.sections[1].blocks)
    assert "분과위원회별 결과" not in texts(rep)


def test_task_sheet(sb: evalkit.Scoreboard) -> None:
    rep = build_report(sb, task="Ⅱ-1-③")
    assert rep.kind == "task" and not rep.has_cover
    assert rep.file_stem == "자체평가_결과표_2024_Ⅱ-1-③"
    assert rep.cover_lines[-1] == "과제별 평가결과"
    assert [t.code for t in rep.tasks] == ["Ⅱ-1-③"]
    heads = [b for s in rep.sections for b in s.blocks if isinstance(b, TaskHeading)]
    assert len(heads) == 1 and not heads[0].new_page
    assert "Ⅰ-1-①" not in texts(rep)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"subcommittee": "없는분과"}, "subcommittee", "산업분과, 에너지분과"),
        ({"task": "Ⅸ-9-⑨"}, "task", "가까운 코드: Ⅰ-1-①"),
        ({"subcommittee": "산업분과", "task": "Ⅰ-1-①"}, "subcommittee/task", "함께 줄 수 없습니다"),
    ],
)
def test_bad_arguments_name_the_field_and_the_fix(
    sb: evalkit.Scoreboard, kwargs: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(InputError) as err:
        build_report(sb, **kwargs)
    problems = err.value.problems
    assert any(p.field == field and p.fix for p in problems)
    assert words in str(err.value)


def test_all_problems_at_once(sb: evalkit.Scoreboard) -> None:
    with pytest.raises(InputError) as err:
        build_report(sb, subcommittee="없는분과", task="Ⅸ-9-⑨")
    assert {p.field for p in err.value.problems} == {"subcommittee", "task", "subcommittee/task"}


def test_schedule_and_issued_date(sb: evalkit.Scoreboard) -> None:
    rep = build_report(
        sb,
        issued=date(2025, 3, 14),
        schedule=[("실적 제출", "2025. 1."), ("분과 평가", "2025. 2.")],
    )
    assert rep.issued == "2025. 3."
    assert rep.created == datetime(2025, 3, 14, tzinfo=UTC)
    sched = next(t for t in tables(list(rep.sections[0].blocks)) if t.caption == "< 평가 일정 >")
    assert sched.rows == (("실적 제출", "2025. 1."), ("분과 평가", "2025. 2."))


def test_layout_rules_that_are_content_are_block_attributes(annual: Report) -> None:
    """The 목차, what keeps with what, and which tables stay whole are decided here, once."""
    heads = [b for s in annual.sections for b in s.blocks if isinstance(b, Heading)]
    in_toc = {b.number for b in heads if b.in_toc}
    assert {"1.", "2.", "3.", "4.", "5."} == in_toc  # 5. the 미흡·부진 list (issue 14)
    goal_heads = [b for b in heads if b.number.startswith("전략목표")]
    assert goal_heads and not any(b.in_toc for b in goal_heads)
    assert [s.toc_label for s in annual.sections] == [
        "Ⅰ. 평가 개요",
        "Ⅱ. 종합 결과",
        "Ⅲ. 과제별 평가결과",
        "[붙임 1] 관리과제별 평가결과 총괄표",
    ]
    checked = 0
    for sec in annual.sections:
        for b, nxt in zip(sec.blocks, (*sec.blocks[1:], None), strict=True):
            if isinstance(b, Bullet):
                assert b.keep_with_next == (b.strong or isinstance(nxt, Table | Chart)), b
                checked += b.keep_with_next
    assert checked > 0
    best = next(
        b for b in annual.sections[1].blocks if isinstance(b, Bullet) and b.lead == "우수과제"
    )
    assert best.keep_with_next and not best.strong  # it introduces the 상위 과제 table
    sheet = build_report(mini_scoreboard(), task="Ⅰ-1-①")
    assert all(
        b.keep_with_next for b in sheet.sections[0].blocks if isinstance(b, Bullet) and b.strong
    )


def test_user_text_is_kept_verbatim_in_the_model(tmp_path: Path) -> None:
    sb = mini_scoreboard(hostile_rubric(tmp_path), comment=HOSTILE)
    t = texts(build_report(sb))
    assert HOSTILE in t  # escaping is the renderers' job; the model keeps the text as written


def test_importing_evalkit_and_the_report_api_is_light() -> None:
    code = (
        "import sys, evalkit, evalkit.report, evalkit.grading\n"
        "heavy = {'docx', 'weasyprint', 'matplotlib', 'jinja2', 'openpyxl'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_engine_never_imports_renderers() -> None:
    imports = re.compile(r"^\s*(?:from|import)\s+\S*(renderers|report\b)", re.MULTILINE)
    package = ROOT / "evalkit"
    model = sorted((package / "_report").glob("*.py"))
    assert len(model) >= 8  # the report model's own modules are checked too
    for path in [*package.glob("*.py"), *model]:
        if path.name in ("report.py", "cli.py") and path.parent == package:
            continue  # the report API and the command line may
        assert not imports.search(path.read_text(encoding="utf-8")), path.name
    engine = re.compile(r"^\s*from\s+\.\.(_scoring|_grading|_panel|_achievement|_rubric)\b", re.M)
    for path in (package / "renderers").glob("*.py"):
        # renderers lay out the model: they never reach into the scoring engine
        text = path.read_text(encoding="utf-8")
        assert "_scoring" not in text and not engine.search(text), path.name


def test_page_marks_say_example_draft_and_provisional(sb: evalkit.Scoreboard) -> None:
    from evalkit.report import RoundInfo

    assert build_report(sb).page_marks == ()
    assert build_report(sb, example=True).page_marks == ("예시(가상 자료)",)
    draft = RoundInfo(status="초안", example=True)
    assert build_report(sb, round_info=draft).page_mark == "예시(가상 자료) · 초안"
    final = RoundInfo(status="확정", approval_date=date(2025, 3, 28))
    assert build_report(sb, round_info=final).page_marks == ()
    task = build_report(sb, task="Ⅰ-1-①", round_info=draft)
    assert task.page_marks == ("예시(가상 자료)", "초안")


def test_the_cover_names_dates_status_and_version(sb: evalkit.Scoreboard) -> None:
    from evalkit.report import RoundInfo

    info = RoundInfo(
        status="확정",
        version="2",
        issue_date=date(2025, 4, 10),
        approval_date=date(2025, 3, 28),
        schedule=(("실적 제출", "2025. 1. 15. ~ 2. 14."),),
    )
    report = build_report(sb, round_info=info)
    assert report.cover_notes == ("발간일 2025. 4. 10.", "의결일 2025. 3. 28.", "확정 (제2판)")
    assert report.issued == "2025. 4."  # the round's issue date
    assert report.created == datetime(2025, 4, 10, tzinfo=UTC)  # document date from it too
    assert "실적 제출" in texts(report)
    assert build_report(sb).cover_notes == ()


def test_forgiving_task_and_subcommittee_names(sb: evalkit.Scoreboard) -> None:
    """As on the command line: I-1-1 is Ⅰ-1-①, '산업분과 ' is 산업분과."""
    assert build_report(sb, task="I-1-1").tasks[0].code == "Ⅰ-1-①"
    sub = build_report(sb, subcommittee=" 산업 ")
    assert {t.subcommittee for t in sub.tasks} == {"산업분과"}
    with pytest.raises(InputError) as caught:
        build_report(sb, task="Ⅸ-9-⑨")
    assert caught.value.problems[0].field
