"""PDF renderer: read the PDF back with pypdf; fonts, safety and reproducibility."""

from __future__ import annotations

import gc
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pypdf
import pytest
from _report_data import (
    HOSTILE,
    flipped_layout,
    hostile_rubric,
    mini_scoreboard,
    motie_scoreboard,
)

import evalkit
from evalkit import EvalkitError
from evalkit._report import MARKERS, Bullet, Chart, ChartSeries, Heading, Table
from evalkit.renderers import _fonts, _pdf_html
from evalkit.renderers._chart import render_chart
from evalkit.renderers._pdf_html import render_html, restricted_fetcher, templates_dir
from evalkit.report import ReportFonts, build_report, render_pdf, write_reports

needs_hangul_font = pytest.mark.skipif(
    not _fonts.hangul_faces(), reason="no Hangul font installed (fonts-nanum)"
)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_images(data: bytes, tmp: Path, name: str) -> list[bytes]:
    """The pages as PNG images (poppler's pdftoppm), to compare two renders pixel for pixel."""
    (tmp / f"{name}.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(tmp / f"{name}.pdf"), str(tmp / name)], check=True
    )
    return [p.read_bytes() for p in sorted(tmp.glob(f"{name}-*.png"))]


def pdf_text(data: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual_pdf(sb: evalkit.Scoreboard, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if not _fonts.hangul_faces():
        pytest.skip("no Hangul font installed (fonts-nanum)")
    return render_pdf(build_report(sb), tmp_path_factory.mktemp("pdf") / "a.pdf").read_bytes()


def test_every_task_code_grade_and_the_distribution_appear(
    annual_pdf: bytes, sb: evalkit.Scoreboard
) -> None:
    pages = pdf_text(annual_pdf)
    text = squash("\n".join(pages))
    for d in sb.details:
        assert squash(d.task.code) in text and squash(d.task.name) in text
    for grade in sb.rubric.grade_scheme.names:
        assert grade in text
    counts = "".join(str(c) for c in sb.summary["count"])
    assert f"평가결과{counts}7" in text  # the distribution row, read across
    assert "평가대상관리과제7개중매우우수1개,우수1개,다소우수2개" in text
    assert "83.13" in text and "+1.50" in text
    assert "-3-" in squash(pages[2])  # page numbers as "- N -"
    assert "-1-" not in squash(pages[0])  # none on the cover


def test_pages_fonts_and_metadata(annual_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(annual_pdf))
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)  # A4
    wide = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert len(wide) == 1 and "관리과제별 평정점수 및 등급" in wide[0].extract_text()
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():  # type: ignore[index]
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert any("NanumMyeongjo" in f for f in fonts) and any("NanumGothic" in f for f in fonts)
    meta = reader.metadata
    assert meta is not None
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20250101000000Z"
    assert meta["/Title"] == "2024년도 주요정책 자체평가 (예시) 결과보고서"
    assert meta["/Author"] == "예시부 자체평가위원회"
    # PDF/A needs a file identifier: a hash of the content, so reruns stay byte-identical
    ident: Any = reader.trailer["/ID"]
    assert ident[0] == ident[1] and len(ident[0]) == 32
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    # the outline keeps the sections' numbering, as the 목차 prints it (issue 14)
    assert "Ⅰ. 평가 개요" in outline and "[붙임 1] 관리과제별 평가결과 총괄표" in outline


def test_two_runs_are_byte_identical(
    annual_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = render_pdf(build_report(mini_scoreboard()), tmp_path / "b.pdf").read_bytes()
    assert again == annual_pdf
    assert "SOURCE_DATE_EPOCH" not in __import__("os").environ  # restored after rendering


@needs_hangul_font
def test_user_text_prints_literally(tmp_path: Path) -> None:
    sb = mini_scoreboard(hostile_rubric(tmp_path), comment=HOSTILE)
    report = build_report(sb, task="Ⅱ-1-②")
    html = render_html(report, _fonts.pdf_fonts(), {})
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;자체평가&lt;/b&gt;" in html
    text = squash("\n".join(pdf_text(render_pdf(report, tmp_path / "h.pdf").read_bytes())))
    assert squash(HOSTILE) in text  # markup, {{ }} and the URL are printed as written
    assert "{{7*7}}" in text and "{{title}}" in text


def test_fetcher_only_serves_report_templates(tmp_path: Path) -> None:
    fetch = restricted_fetcher({"chart.svg": (b"<svg/>", "image/svg+xml")})
    css = fetch.fetch((templates_dir() / "report.css").as_uri())
    assert b"@page" in css.read()
    assert fetch.fetch("evalkit-resource:chart.svg").read() == b"<svg/>"
    secret = tmp_path / "secret.css"
    secret.write_text("body{}", encoding="utf-8")
    blocked = [
        secret.as_uri(),
        "file:///etc/passwd",
        (templates_dir() / ".." / "pyproject.toml").as_uri(),
        "http://example.com/x.css",
        "https://example.com/x.png",
        "evalkit-resource:other.svg",
        "data:text/css,body{}",
        "ftp://example.com/x",
    ]
    for url in blocked:
        with pytest.raises(ValueError):
            fetch.fetch(url)


@needs_hangul_font
def test_network_and_local_files_are_not_loaded(tmp_path: Path) -> None:
    from weasyprint import HTML

    secret = tmp_path / "secret.png"
    secret.write_bytes((templates_dir() / "report.css").read_bytes())
    html = (
        f'<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><p>x</p>'
        f'<img src="{secret.as_uri()}"><img src="file:///etc/hostname">'
    )
    seen: list[str] = []
    fetch = restricted_fetcher()
    original = fetch.fetch

    def spy(url: str, headers: object = None) -> object:
        seen.append(url)
        return original(url, headers)

    fetch.fetch = spy
    doc = HTML(string=html, base_url=str(templates_dir()) + "/", url_fetcher=fetch).render()
    assert len(doc.pages) == 1 and len(seen) == 3  # asked, refused, page still rendered


def test_missing_hangul_font_stops_with_the_install_command(
    sb: evalkit.Scoreboard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_fonts, "hangul_faces", lambda: ())
    with pytest.raises(EvalkitError, match="apt-get install fonts-nanum"):
        render_pdf(build_report(sb, task="Ⅰ-1-①"), tmp_path / "x.pdf")
    with pytest.raises(EvalkitError, match="fonts-nanum"):
        write_reports(sb, tmp_path, ["docx", "pdf"])
    assert list(tmp_path.iterdir()) == []  # checked before anything was written


@needs_hangul_font
def test_requested_fonts_must_cover_hangul(sb: evalkit.Scoreboard, tmp_path: Path) -> None:
    with pytest.raises(EvalkitError, match="휴먼명조"):
        render_pdf(build_report(sb, task="Ⅰ-1-①"), tmp_path / "x.pdf", fonts=ReportFonts())
    assert not (tmp_path / "x.pdf").exists()


def test_fc_list_parsing_and_default_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    listing = "\n".join(
        [
            "/f/NanumGothicBold.ttf: NanumGothic,나눔고딕:style=Bold",
            "/f/NanumGothic.ttf: NanumGothic,나눔고딕:style=Regular",
            "/f/NanumMyeongjo.ttf: NanumMyeongjo,나눔명조:style=Regular",
            "/f/NanumSquareB.ttf: NanumSquare,나눔스퀘어,NanumSquare Bold:style=Bold",
            "garbage line",
        ]
    )
    faces = _fonts._parse_fc_list(listing)
    assert faces[0].file == "/f/NanumGothic.ttf"
    assert faces[3].families == ("NanumSquare", "나눔스퀘어", "NanumSquare Bold") and faces[3].bold
    monkeypatch.setattr(_fonts, "hangul_faces", lambda: faces)
    chosen = _fonts.pdf_fonts()
    assert (chosen.body, chosen.heading, chosen.note) == (
        "NanumMyeongjo",
        "NanumSquare",
        "NanumGothic",
    )
    assert _fonts.chart_font_file() == "/f/NanumGothic.ttf"  # regular, not bold
    assert _fonts.pdf_fonts(ReportFonts("나눔명조", "나눔고딕", "나눔고딕")).body == "나눔명조"
    only_gothic = tuple(f for f in faces if "Gothic" in f.file)
    monkeypatch.setattr(_fonts, "hangul_faces", lambda: only_gothic)
    assert _fonts.pdf_fonts().body == "NanumGothic"  # no 명조: the gothic, never tofu


@needs_hangul_font
def test_chart_bytes_are_reproducible() -> None:
    chart = Chart(
        "< c >",
        ("매우우수", "우수"),
        (ChartSeries("기준", (1, 2)), ChartSeries("결과", (2, 1))),
        "과제 수",
    )
    png = render_chart(chart, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == render_chart(chart, "png")
    svg = render_chart(chart, "svg")
    assert svg == render_chart(chart, "svg")
    assert b"<text" not in svg and b"dc:date" not in svg  # glyphs as paths, no timestamp


def test_subcommittee_pdf_file_name(sb: evalkit.Scoreboard, tmp_path: Path) -> None:
    if not _fonts.hangul_faces():
        pytest.skip("no Hangul font installed")
    (path,) = write_reports(sb, tmp_path, ["pdf"], task="Ⅰ-1-②")
    assert path.name == "자체평가_결과표_2024_Ⅰ-1-②.pdf"
    text = squash("\n".join(pdf_text(path.read_bytes())))
    assert "Ⅰ-1-②" in text and "가중치가정" in text and "Ⅱ-1-①" not in text


@needs_hangul_font
def test_full_motie_report(motie_rubric: evalkit.Rubric, tmp_path: Path) -> None:
    sb = motie_scoreboard(motie_rubric)
    data = render_pdf(build_report(sb), tmp_path / "motie.pdf").read_bytes()
    pages = pdf_text(data)
    text = squash("\n".join(pages))
    assert all(squash(t.code) in text for t in motie_rubric.tasks)
    assert all(g in text for g in motie_rubric.grade_scheme.names)
    assert "평가대상관리과제83개중매우우수8개,우수17개,다소우수17개,보통16개" in text
    assert 100 < len(pages) < 220


def element_tree(element: Any) -> list[tuple[Any, ...]]:
    out = [(element.tag, sorted(element.attrib.items()), element.text, element.tail)]
    for child in element:
        out += element_tree(child)
    return out


def test_the_xml_reader_gives_the_html5_parsers_tree(sb: evalkit.Scoreboard) -> None:
    """The template writes well-formed XHTML, read with the C XML parser; WeasyPrint's HTML5
    parser must see the very same elements, attributes and text."""
    import tinyhtml5

    report = build_report(sb)
    fonts = ReportFonts("NanumMyeongjo", "NanumSquare", "NanumGothic")
    html = render_html(
        report,
        fonts,
        {
            id(b): "evalkit-resource:c.svg"
            for s in report.sections
            for b in s.blocks
            if isinstance(b, Chart)
        },
    )
    ours = element_tree(ET.fromstring(html))
    html5 = element_tree(tinyhtml5.parse(html, namespace_html_elements=False))
    assert ours == html5 and len(ours) > 500


@needs_hangul_font
def test_our_user_agent_stylesheet_gives_the_same_pages(
    sb: evalkit.Scoreboard, tmp_path: Path
) -> None:
    """report_templates/ua.css replaces WeasyPrint's HTML5 stylesheet for speed only."""
    import weasyprint

    report = build_report(sb)
    fonts = _fonts.pdf_fonts()
    resources, urls = _pdf_html.chart_resources(report, fonts)
    html = render_html(report, fonts, urls)
    ours = _pdf_html.html_document(html, resources).render()
    stock = weasyprint.HTML(
        string=html, base_url=str(templates_dir()) + "/", url_fetcher=restricted_fetcher(resources)
    ).render()
    assert len(ours.pages) == len(stock.pages)
    a, b = ours.write_pdf(), stock.write_pdf()
    assert pdf_text(a) == pdf_text(b)
    if shutil.which("pdftoppm"):
        assert page_images(a, tmp_path, "ours") == page_images(b, tmp_path, "stock")


@needs_hangul_font
def test_columns_take_the_models_widths(sb: evalkit.Scoreboard) -> None:
    """Widths sit on each table's first row (fixed table layout reads them there, no
    ``<colgroup>``): on the header row, or on the first row of a label/value form, which has
    none (and so covers both kinds of body cell)."""
    from weasyprint.formatting_structure.boxes import TableBox

    report = build_report(sb)
    fonts = _fonts.pdf_fonts()
    resources, urls = _pdf_html.chart_resources(report, fonts)
    doc = _pdf_html.html_document(render_html(report, fonts, urls), resources).render()

    def tables(box: Any) -> list[Any]:
        if isinstance(box, TableBox):
            return [box]
        return [t for child in getattr(box, "children", ()) for t in tables(child)]

    seen: dict[Any, list[float]] = {}  # a table split over pages appears once per page
    for page in doc.pages:
        for t in tables(page._page_box):
            if t.element.get("class", "").split()[0] in ("grid", "form"):
                seen.setdefault(t.element, list(t.column_widths))
    model = [b for s in report.sections for b in s.blocks if isinstance(b, Table)]
    assert len(seen) == len(model)
    assert any(t.form and not t.header for t in model) and any(t.header for t in model)
    for widths, t in zip(seen.values(), model, strict=True):
        assert len(widths) == len(t.widths)
        assert [w / sum(widths) for w in widths] == pytest.approx(
            [w / sum(t.widths) for w in t.widths],
            abs=1e-4,  # percentages to 2 decimals
        ), t.caption or t.header


def test_prose_collapses_spaces_keeps_line_breaks_and_escapes() -> None:
    """Bullets are set in ``white-space: pre-wrap`` (for the tab after the marker)."""
    assert (
        str(_pdf_html._prose("  가  나\t다 \n <b>라</b> ")) == "가 나 다<br/>&lt;b&gt;라&lt;/b&gt;"
    )


def text_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each printed line as its words' (left x, text), from poppler's ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True)
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')
    lines: list[list[tuple[float, str]]] = []
    last_y = -1.0
    for x, y, text in word.findall(out.stdout.decode()):
        if abs(float(y) - last_y) > 4:  # words of two fonts on one line differ by a point or so
            lines.append([])
        last_y = float(y)
        lines[-1].append((float(x), text))
    return lines


@needs_hangul_font
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_bullet_text_hangs_under_the_first_lines_text(
    sb: evalkit.Scoreboard, tmp_path: Path
) -> None:
    """The tab after each marker ends where the lines below begin (report.css's ladder)."""
    import dataclasses

    report = build_report(sb)
    # a footnote long enough to wrap (the report's own footnotes are short plain Korean now)
    long_foot = Bullet(4, "각주가 두 줄 이상으로 넘어가는 경우를 보기 위한 긴 문장입니다. " * 4)
    part = report.sections[2]
    report = dataclasses.replace(
        report,
        sections=(
            *report.sections[:2],
            dataclasses.replace(part, blocks=(*part.blocks, long_foot)),
            *report.sections[3:],
        ),
    )
    pdf = render_pdf(report, tmp_path / "a.pdf")
    markers = {*MARKERS.values(), "※"}
    column, marker = None, ""
    checked: list[str] = []
    for line in text_lines(pdf):
        (x, first), *rest = line
        if first in markers and rest:
            column, marker = rest[0][0], first  # where this bullet's text starts
        elif column is not None and abs(x - column) < 25:  # a continuation of the bullet
            assert x == pytest.approx(column, abs=0.2), line
            checked.append(marker)
        else:
            column = None
    assert {"□", "ㅇ", "*"} <= set(checked)


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with _pdf_html.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with _pdf_html.gc_paused(collect=False):
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with _pdf_html.gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


@pytest.mark.parametrize("flip", [False, True])
def test_toc_kept_lines_and_whole_tables_follow_the_model(
    sb: evalkit.Scoreboard, flip: bool
) -> None:
    report = build_report(sb)
    if flip:
        report = flipped_layout(report)
    blocks = [b for s in report.sections for b in s.blocks]
    urls = {id(b): f"evalkit-resource:{i}" for i, b in enumerate(blocks) if isinstance(b, Chart)}
    html = render_html(report, ReportFonts.docx_default(), urls)
    toc = re.findall(r'<p class="l2"><a href="#(\w+)"', html)
    assert toc == [b.anchor for b in blocks if isinstance(b, Heading) and b.in_toc]
    assert ("overview_scope" in toc) != flip and ("goal_0" in toc) == flip
    kept = [" keep" in c for c in re.findall(r'<p class="(b b\d[^"]*)"', html)]
    assert kept == [b.keep_with_next for b in blocks if isinstance(b, Bullet)]
    whole = [" keep" in c for c in re.findall(r'<table class="((?:grid|form)[^"]*)"', html)]
    assert whole == [b.keep_together for b in blocks if isinstance(b, Table)]
    assert any(kept) and not all(kept) and any(whole)
