"""A round through the command line: init, status, provisional and final scores, diff, report."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from _paths import MINI
from _round_data import make_round
from typer.testing import CliRunner

from evalkit.cli import app

runner = CliRunner()


def _run(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def _cells(path: Path) -> list[object]:
    wb = openpyxl.load_workbook(path)
    return [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row]


def test_init_writes_a_round_that_status_reads(tmp_path: Path) -> None:
    code, out = _run("init", MINI, "--out", tmp_path / "r")
    assert code == 0, out
    text = (tmp_path / "r" / "round.yaml").read_text(encoding="utf-8")
    assert "# 평가 회차 파일" in text and "rubric: rubric.yaml" in text
    assert (tmp_path / "r" / "results.xlsx").is_file()
    code, out = _run("status", tmp_path / "r" / "round.yaml")
    assert code == 1, out
    assert "주관부서별 실적 제출 현황" in out and "빠진 자료" in out and "미완료" in out
    code, out = _run("init", MINI, "--out", tmp_path / "r")
    assert code == 1 and "이미 있습니다" in out


def test_the_whole_round(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    held = tmp_path / "늦은제출"
    held.mkdir()
    shutil.move(tmp_path / "실적" / "Ⅰ-1-②.xlsx", held / "Ⅰ-1-②.xlsx")
    code, out = _run("status", path)
    assert code == 1 and "Ⅰ-1-②" in out
    code, out = _run("score", path, "--out", tmp_path / "out" / "scores.xlsx")
    assert code == 1 and "아직 없습니다" in out and not (tmp_path / "out" / "scores.xlsx").exists()
    code, out = _run("score", path, "--provisional", "--out", tmp_path / "out" / "scores.xlsx")
    assert code == 0, out
    assert "잠정 산정" in out and "미산정 과제" in out and "Ⅰ-1-②" in out
    cells = _cells(tmp_path / "out" / "scores.xlsx")
    assert "미산정" in cells and not any(isinstance(v, str) and str(tmp_path) in v for v in cells)
    shutil.copy(tmp_path / "out" / "scores.xlsx", tmp_path / "잠정.xlsx")
    shutil.move(held / "Ⅰ-1-②.xlsx", tmp_path / "실적" / "Ⅰ-1-②.xlsx")
    assert _run("status", path)[0] == 0
    code, out = _run("score", path, "--out", tmp_path / "out" / "scores.xlsx")
    assert code == 0, out
    assert "달라진 점" in out and "Ⅰ-1-②" in out  # the overwrite prints what moved
    code, out = _run("diff", tmp_path / "잠정.xlsx", tmp_path / "out" / "scores.xlsx")
    assert code == 0 and "바뀐 과제" in out and "추가" not in out and "Ⅰ-1-②" in out
    code, out = _run("report", path, "--format", "docx", "--out", tmp_path / "out")
    assert code == 0, out
    assert list((tmp_path / "out").glob("*.docx"))


def test_round_and_flags_give_the_same_scores(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    assert _run("score", path, "--out", tmp_path / "a.xlsx")[0] == 0
    m = MINI.parent
    code, out = _run(
        "score",
        MINI,
        "--results",
        m / "results.xlsx",
        "--panel",
        m / "panel",
        "--adjustments",
        m / "adjustments.csv",
        "--out",
        tmp_path / "b.xlsx",
    )
    assert code == 0, out
    a = openpyxl.load_workbook(tmp_path / "a.xlsx")["tasks"]
    b = openpyxl.load_workbook(tmp_path / "b.xlsx")["tasks"]
    assert list(a.iter_rows(values_only=True)) == list(b.iter_rows(values_only=True))
    assert "바뀐 과제가 없습니다" in _run("diff", tmp_path / "a.xlsx", tmp_path / "b.xlsx")[1]


def test_audit_sheets(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    assert _run("score", path, "--out", tmp_path / "s.xlsx")[0] == 0
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames[3:] == ["실적 원자료", "평가위원 점수", "가감점", "입력 파일", "적용 규칙"]
    files = list(wb["입력 파일"].iter_rows(min_row=2, values_only=True))
    assert len(files) == 16 and all(len(str(r[2])) == 64 for r in files)
    assert files[0][:2] == ("실적", "실적/Ⅰ-1-①.xlsx")
    panel = list(wb["평가위원 점수"].iter_rows(min_row=2, values_only=True))
    assert len(panel) == 28 and sum(1 for r in panel if r[-1]) == 14  # 2 dropped per task
    reasons = [r[2] for r in wb["가감점"].iter_rows(min_row=2, values_only=True)]
    assert len(reasons) == 2 and all(reasons)
    rules = dict(wb["적용 규칙"].iter_rows(min_row=2, values_only=True))
    assert "evalkit 버전" in rules and rules["평가위원 이름"] == "실명"


def test_anonymise(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    assert _run("score", path, "--anonymise", "--out", tmp_path / "s.xlsx")[0] == 0
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    names = {r[1] for r in wb["평가위원 점수"].iter_rows(min_row=2, values_only=True)}
    assert names == {"위원 A", "위원 B", "위원 C", "위원 D"}
    cells = {v for v in _cells(tmp_path / "s.xlsx") if isinstance(v, str)}
    assert not cells & {"위원1", "위원2", "위원3", "위원4"}  # also the tasks sheet's drops
    assert not any("위원1" in v for v in cells)  # nor in the per-evaluator file names


def test_by_subcommittee_shows_the_rank_within_the_group(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    code, out = _run("score", path, "--by", "subcommittee", "--out", tmp_path / "s.xlsx")
    assert code == 0, out
    assert "1위 / 4개" in out and "1위 / 3개" in out and "산업분과 등급 분포" in out
    assert out.index("산업분과 — 분과 내 순위") < out.index("에너지분과 — 분과 내 순위")


def test_subcommittee_member_scores_from_their_files_alone(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    shutil.rmtree(tmp_path / "평가표" / "산업분과")
    for f in (tmp_path / "실적").glob("Ⅰ-*.xlsx"):
        f.unlink()
    code, out = _run(
        "score", path, "--subcommittee", "에너지분과", "--by", "subcommittee", "--out",
        tmp_path / "s.xlsx",
    )  # fmt: skip
    assert code == 0, out
    assert "1위 / 3개" in out and "Ⅰ-1-①" not in out


def test_subcommittee_kit_with_flags(tmp_path: Path) -> None:
    m = MINI.parent
    code, out = _run(
        "score", MINI, "--results", m / "results.xlsx", "--panel", m / "panel" / "에너지분과.xlsx",
        "--subcommittee", "에너지분과", "--by", "subcommittee", "--out", tmp_path / "s.xlsx",
    )  # fmt: skip
    assert code == 0, out
    assert "1위 / 3개" in out


def test_round_file_refuses_input_flags(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    code, out = _run("score", path, "--results", "x.xlsx", "--out", tmp_path / "s.xlsx")
    assert code == 2 and "회차 파일" in out


def test_rubric_needs_results_and_panel(tmp_path: Path) -> None:
    code, out = _run("score", MINI, "--out", tmp_path / "s.xlsx")
    assert code == 2 and "--results" in out


def test_report_takes_the_rule(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    code, out = _run("report", path, "--rule", "median", "--format", "docx", "--out", tmp_path)
    assert code == 0, out


def test_bad_round_file_exits_1_writing_nothing(tmp_path: Path) -> None:
    path = make_round(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", "year: 20x4"), "utf-8")
    code, out = _run("score", path, "--out", tmp_path / "o" / "s.xlsx")
    assert code == 1 and "year" in out and not (tmp_path / "o").exists()


def test_diff_refuses_a_file_that_is_not_scores(tmp_path: Path) -> None:
    code, out = _run("diff", MINI.parent / "results.xlsx", MINI.parent / "results.xlsx")
    assert code == 1 and "채점 결과가 아닙니다" in out


def test_schema_round() -> None:
    code, out = _run("schema", "--round")
    assert code == 0 and "평가 일정" in out


def test_template_split(tmp_path: Path) -> None:
    code, out = _run(
        "template", MINI, "--split", "department", "--split", "evaluator", "--out", tmp_path
    )
    assert code == 0, out
    assert len(list((tmp_path / "평가표").rglob("*.xlsx"))) == 8
    assert list((tmp_path / "실적").glob("*.xlsx"))
    assert _run("template", MINI, "--split", "x", "--out", tmp_path)[0] == 2


def test_provisional_with_flags_leaves_out_blank_results_and_blank_score_rows(
    tmp_path: Path,
) -> None:
    m = MINI.parent
    shutil.copytree(m / "panel", tmp_path / "panel")
    shutil.copy(m / "results.xlsx", tmp_path / "results.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "results.xlsx")
    ws = wb["실적"]
    col = next(c.column for c in ws[3] if c.value == "실적")
    row = next(r[0].row for r in ws.iter_rows(min_row=4) if r[0].value == "Ⅰ-1-③-1")
    ws.cell(row=row, column=col).value = "미제출"
    wb.save(tmp_path / "results.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "panel" / "에너지분과.xlsx")
    ws = wb["위원2"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "Ⅱ-1-②")
    for c in range(3, 3 + 4):
        ws.cell(row=row, column=c).value = None
    wb.save(tmp_path / "panel" / "에너지분과.xlsx")
    args = ["score", MINI, "--results", tmp_path / "results.xlsx", "--panel", tmp_path / "panel"]
    code, out = _run(*args, "--out", tmp_path / "s.xlsx")
    assert code == 1 and "미제출" in out and "Ⅱ-1-②" in out
    code, out = _run(*args, "--provisional", "--out", tmp_path / "s.xlsx")
    assert code == 0, out
    assert "Ⅰ-1-③" in out and "평가표 위원2" in out and "5개 과제로 순위" in out


def test_diff_names_the_inputs_that_changed(tmp_path: Path) -> None:
    from evalkit._diff import compare
    from evalkit.workbooks import read_scored, read_scored_inputs

    path = make_round(tmp_path)
    # The plain mean: every evaluator's change moves the total (trimmed may drop it).
    assert _run("score", path, "--rule", "mean", "--out", tmp_path / "a.xlsx")[0] == 0
    f = tmp_path / "평가표" / "에너지분과" / "위원2.xlsx"
    wb = openpyxl.load_workbook(f)
    ws = wb["위원2"]
    for r in ws.iter_rows():
        if r[0].value == "Ⅱ-1-②":
            for c in r[2:6]:
                c.value = 0
    wb.save(f)
    code, out = _run("score", path, "--rule", "mean", "--out", tmp_path / "b.xlsx")
    assert code == 0, out
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    changes = {
        c.code: c
        for c in compare(
            read_scored(a), read_scored(b), read_scored_inputs(a), read_scored_inputs(b)
        )
    }
    assert changes["Ⅱ-1-②"].causes == ("평가위원 위원2",)
    assert all(c.causes == () for code, c in changes.items() if code != "Ⅱ-1-②")
    assert any(c.displaced for c in changes.values())


def test_report_formats_come_from_the_round_file_unless_given(tmp_path: Path) -> None:
    from _round_data import ROUND_YAML

    path = make_round(tmp_path / "r", ROUND_YAML + "report: {formats: [hwpx, docx]}\n")
    code, out = _run("report", path, "--task", "Ⅰ-1-①", "--out", tmp_path / "a")
    assert code == 0, out
    assert sorted(p.suffix for p in (tmp_path / "a").iterdir()) == [".docx", ".hwpx"]
    code, out = _run("report", path, "--task", "Ⅰ-1-①", "--format", "docx", "--out", tmp_path / "b")
    assert code == 0, out
    assert [p.suffix for p in (tmp_path / "b").iterdir()] == [".docx"]


def test_an_unknown_format_in_the_round_file_is_located(tmp_path: Path) -> None:
    from _round_data import ROUND_YAML

    path = make_round(tmp_path / "r", ROUND_YAML + "report: {formats: [hwp]}\n")
    code, out = _run("report", path, "--out", tmp_path / "o")
    assert code == 1 and "report.formats" in out and "'hwp'" in out and "hwpx" in out
    assert not (tmp_path / "o").exists()
    code, out = _run("report", path, "--format", "odt", "--out", tmp_path / "o")
    assert code == 2 and "--format" in out and "docx" in out and "hwpx" in out


def test_a_provisional_draft_example_says_so_on_every_page(tmp_path: Path) -> None:
    import docx
    import pypdf

    path = make_round(tmp_path / "r")
    first = sorted((tmp_path / "r" / "실적").iterdir())[0]
    first.unlink()  # one department's results have not come in
    code, out = _run(
        "report", path, "--provisional", "--format", "pdf,docx", "--out", tmp_path / "o"
    )
    assert code == 0, out
    [pdf] = (tmp_path / "o").glob("*.pdf")
    pages = [p.extract_text() for p in pypdf.PdfReader(pdf).pages]
    assert len(pages) > 3
    for text in pages:
        assert "예시(가상 자료) · 초안 · 잠정" in text
    [word] = (tmp_path / "o").glob("*.docx")
    section = docx.Document(str(word)).sections[0]
    for header in (section.header, section.first_page_header):
        assert header.paragraphs[0].text == "예시(가상 자료) · 초안 · 잠정"


def test_diff_of_two_rounds_scores_each_as_score_does(tmp_path: Path) -> None:
    from _round_data import ROUND_YAML

    a = make_round(tmp_path / "a")
    b = make_round(tmp_path / "b", ROUND_YAML.replace("panel_rule: trimmed", "panel_rule: median"))
    code, out = _run("diff", a, b)
    assert code == 0, out
    assert "바뀐 과제" in out
    code, same = _run("diff", a, a)
    assert code == 0 and "바뀐 과제가 없습니다" in same
    scores = tmp_path / "s.xlsx"
    assert _run("score", a, "--out", scores)[0] == 0
    code, mixed = _run("diff", scores, a)  # a workbook against a round: the same numbers
    assert code == 0 and "바뀐 과제가 없습니다" in mixed
