"""DOCX renderer: read the file back with python-docx and check content, fonts and layout."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from _report_data import (
    HOSTILE,
    flipped_layout,
    hostile_rubric,
    mini_scoreboard,
    motie_scoreboard,
)
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import evalkit
from evalkit import InputError
from evalkit.renderers import atomic_write
from evalkit.report import Bullet, Heading, ReportFonts, build_report, render_docx, write_reports


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual_path(sb: evalkit.Scoreboard, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_docx(build_report(sb), tmp_path_factory.mktemp("docx") / "annual.docx")


@pytest.fixture(scope="module")
def document(annual_path: Path) -> Any:
    return docx.Document(str(annual_path))


def all_text(document: Any) -> str:
    """Body paragraphs and every table cell, in document order."""
    body = document.element.body
    return "\n".join(t.text or "" for t in body.iter(qn("w:t")))


def paragraphs(document: Any) -> Iterator[Any]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_every_task_code_grade_and_the_distribution_appear(
    document: Any, sb: evalkit.Scoreboard
) -> None:
    text = all_text(document)
    for d in sb.details:
        assert d.task.code in text and d.task.name in text
    for grade in sb.rubric.grade_scheme.names:
        assert grade in text
    dist = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "구분" and any(r.cells[0].text == "평가 결과" for r in t.rows)
    )
    result = next(r for r in dist.rows if r.cells[0].text == "평가 결과")
    assert [c.text for c in result.cells[1:]] == [*(str(c) for c in sb.summary["count"]), "7"]
    assert "평가대상 관리과제 7개 중 매우우수 1개, 우수 1개, 다소우수 2개" in text
    assert "83.13" in text and "+1.50" in text


def test_east_asian_fonts_are_set_explicitly(annual_path: Path, document: Any) -> None:
    styles = document.styles
    rfonts = (
        styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:rFonts"))
    )
    assert rfonts.get(qn("w:eastAsia")) == "휴먼명조"
    assert not any("Theme" in k or "theme" in k for k in rfonts.attrib)  # themes would win
    expected = {
        "Normal": "휴먼명조",
        "EK Bullet 1": "휴먼명조",
        "EK Title": "HY헤드라인M",
        "EK Heading": "HY헤드라인M",
        "EK Bullet 4": "맑은 고딕",
        "EK Note": "맑은 고딕",
        "EK Table": "맑은 고딕",
    }
    for name, font in expected.items():
        rf = styles[name].element.rPr.rFonts
        assert rf.get(qn("w:eastAsia")) == font, name
        assert rf.get(qn("w:ascii")) == font and rf.get(qn("w:hAnsi")) == font, name
    # every paragraph uses one of our styles, so Hangul never falls back to a Latin font
    used = {p.style.name for p in paragraphs(document)}
    assert used <= {
        *expected,
        "EK Bullet 2",
        "EK Bullet 3",
        "EK Caption",
        "EK Unit",
        "EK Cover",
        "EK Section",
        "EK Task",
        "EK Table Small",
        "EK TOC 1",
        "EK TOC 2",
        "EK Break",
        "EK Spacer",
        "EK Figure",
        "Normal",
    }
    lang = (
        styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    assert lang.get(qn("w:eastAsia")) == "ko-KR"
    with zipfile.ZipFile(annual_path) as z:
        xml = z.read("word/document.xml").decode()
    # run-level fonts (bold leads, strong lines) name the East Asian font too
    assert 'w:eastAsia="HY헤드라인M"' in xml
    run_fonts = re.findall(r"<w:rFonts [^>]*>", xml)
    assert run_fonts and all("w:eastAsia=" in f for f in run_fonts)


def test_fonts_are_configurable(sb: evalkit.Scoreboard, tmp_path: Path) -> None:
    fonts = ReportFonts(body="함초롬바탕", heading="함초롬돋움", note="나눔고딕")
    doc = docx.Document(
        str(render_docx(build_report(sb, task="Ⅰ-1-①"), tmp_path / "t.docx", fonts=fonts))
    )
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "함초롬바탕"
    assert doc.styles["EK Title"].element.rPr.rFonts.get(qn("w:eastAsia")) == "함초롬돋움"
    assert doc.styles["EK Note"].element.rPr.rFonts.get(qn("w:eastAsia")) == "나눔고딕"


def test_hwp_page_and_text_conventions(document: Any) -> None:
    first = document.sections[0]
    assert abs(first.page_width - Mm(210)) < Mm(0.1) and abs(first.page_height - Mm(297)) < Mm(0.1)
    assert abs(first.left_margin - Mm(20)) < Mm(0.1) and abs(first.right_margin - Mm(20)) < Mm(0.1)
    # the house style's margins: 15 mm top, 17 mm bottom (the page number sits in it), as the PDF
    assert abs(first.top_margin - Mm(15)) < Mm(0.1) and abs(first.bottom_margin - Mm(17)) < Mm(0.1)
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(15) and normal.paragraph_format.line_spacing == 1.6
    before = [document.styles[f"EK Bullet {i}"].paragraph_format.space_before for i in (1, 2, 3, 4)]
    assert before == [Pt(10), Pt(8), Pt(6), Pt(4)]
    assert document.styles["EK Bullet 4"].font.size == Pt(13)
    assert document.styles["EK Title"].font.size == Pt(22)
    outline = {
        n: document.styles[n].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val"))
        for n in ("EK Section", "EK Heading", "EK Task")
    }
    assert outline == {"EK Section": "0", "EK Heading": "1", "EK Task": "2"}
    starts = {
        p.text[:2]
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("EK Bullet")
    }
    assert {"□\t", "ㅇ\t", "*\t"} <= starts
    # the cover goes without a page number; later pages print "- N -"
    assert first.different_first_page_header_footer
    footer = first.footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer and "- " in footer and " -" in footer


def test_boxed_title_shaded_headers_and_landscape_ranking(document: Any) -> None:
    title = document.tables[0]
    assert len(title.rows) == 1 and len(title.columns) == 1
    assert title.cell(0, 0).text == "2024년도 주요정책 자체평가 (예시)\n결과보고서"
    borders = title._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(
        borders.find(qn(f"w:{s}")).get(qn("w:sz")) == "24"
        for s in ("top", "left", "bottom", "right")
    )
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "평가항목")
    head = grid.rows[0].cells[0]._tc
    assert head.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9E1F2"
    tb = grid._tbl.tblPr.find(qn("w:tblBorders"))
    assert int(tb.find(qn("w:top")).get(qn("w:sz"))) > int(tb.find(qn("w:insideH")).get(qn("w:sz")))
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    centred = grid.rows[1].cells[1].paragraphs[0].alignment
    assert centred is not None and int(centred) == 1
    orient = [s.orientation for s in document.sections]
    assert len(orient) == 2 and int(orient[1]) == 1  # 붙임 1 is landscape, then portrait again
    ranking = next(
        t for t in document.tables if t.rows[0].cells[0].text == "순위" and len(t.columns) > 8
    )
    assert len(ranking.rows) == 8


def test_chart_is_embedded(annual_path: Path) -> None:
    with zipfile.ZipFile(annual_path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        # grades, grades by 전략목표 and by 분과 (issue 14)
        assert sorted(media) == [f"word/media/image{i}.png" for i in (1, 2, 3)]
        assert all(z.read(m)[:8] == b"\x89PNG\r\n\x1a\n" for m in media)


def test_two_runs_are_byte_identical(
    sb: evalkit.Scoreboard, annual_path: Path, tmp_path: Path
) -> None:
    again = render_docx(build_report(mini_scoreboard()), tmp_path / "again.docx")
    assert again.read_bytes() == annual_path.read_bytes()
    with zipfile.ZipFile(annual_path) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 1, 1, 0, 0, 0)}
    props = docx.Document(str(annual_path)).core_properties
    assert props.created.year == 2025 and props.modified == props.created
    assert props.title == "2024년도 주요정책 자체평가 (예시) 결과보고서"
    assert props.author == "예시부 자체평가위원회"


def test_user_text_prints_literally(tmp_path: Path) -> None:
    sb = mini_scoreboard(hostile_rubric(tmp_path), comment=HOSTILE)
    path = render_docx(build_report(sb, task="Ⅱ-1-②"), tmp_path / "hostile.docx")
    text = all_text(docx.Document(str(path)))
    assert HOSTILE in text
    assert "2024년도 <b>자체평가</b> {{ title }}" in text


def test_subcommittee_and_task_files(sb: evalkit.Scoreboard, tmp_path: Path) -> None:
    msgs: list[str] = []
    paths = write_reports(sb, tmp_path, ["docx"], subcommittee="산업분과", progress=msgs.append)
    assert [p.name for p in paths] == ["자체평가_결과보고서_2024_산업분과.docx"]
    text = all_text(docx.Document(str(paths[0])))
    assert "Ⅰ-2-①" in text and "Ⅱ-1-①" not in text and "(산업분과)" in text
    assert msgs[0] == "보고서 모델 작성" and msgs[-1].startswith("완료: ")
    assert any(m.startswith("DOCX: Ⅲ") for m in msgs)
    sheet = write_reports(sb, tmp_path, "docx", task="Ⅰ-1-①")[0]
    assert sheet.name == "자체평가_결과표_2024_Ⅰ-1-①.docx"
    doc = docx.Document(str(sheet))
    assert len(doc.sections) == 1 and not doc.sections[0].different_first_page_header_footer
    assert doc.tables[0].cell(0, 0).text.endswith("과제별 평가결과")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [paths[0].name, sheet.name]
    )  # no temporary files left behind


def test_unknown_format_is_an_input_error(sb: evalkit.Scoreboard, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        write_reports(sb, tmp_path, "docx,odt")
    assert err.value.problems[0].field == "formats" and "odt" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o644


def test_full_motie_report(motie_rubric: evalkit.Rubric, tmp_path: Path) -> None:
    sb = motie_scoreboard(motie_rubric)
    data = render_docx(build_report(sb), tmp_path / "motie.docx").read_bytes()
    text = all_text(docx.Document(io.BytesIO(data)))
    assert all(t.code in text for t in motie_rubric.tasks)
    assert "평가대상 관리과제 83개 중 매우우수 8개, 우수 17개" in text


@pytest.mark.parametrize("flip", [False, True])
def test_toc_and_kept_lines_follow_the_model(
    sb: evalkit.Scoreboard, tmp_path: Path, flip: bool
) -> None:
    report = build_report(sb)
    if flip:
        report = flipped_layout(report)
    document = docx.Document(str(render_docx(report, tmp_path / "r.docx")))
    toc = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "EK TOC 2"
    ]
    blocks = [b for s in report.sections for b in s.blocks]
    assert toc == [f"{b.number} {b.text}" for b in blocks if isinstance(b, Heading) and b.in_toc]
    assert ("1. 평가 대상" in toc) != flip
    kept = [
        p.paragraph_format.keep_with_next is True
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("EK Bullet")
    ]
    assert kept == [b.keep_with_next for b in blocks if isinstance(b, Bullet)]
    assert any(kept) and not all(kept)


def test_no_east_asian_autospacing_and_evalkit_is_the_application(tmp_path: Path) -> None:
    import zipfile

    from evalkit._version import __version__

    path = render_docx(build_report(mini_scoreboard()), tmp_path / "r.docx")
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode()
        app = z.read("docProps/app.xml").decode()
    defaults = styles[styles.index("<w:pPrDefault>") : styles.index("</w:pPrDefault>")]
    assert '<w:autoSpaceDE w:val="0"/>' in defaults and '<w:autoSpaceDN w:val="0"/>' in defaults
    assert f"<Application>evalkit {__version__}</Application>" in app and "Microsoft" not in app
