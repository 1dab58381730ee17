"""HWPX renderer: schema-valid OWPML, read back by a reader evalkit does not write with.

Validation uses the OWPML schemas python-hwpx ships (and its package and open-safety checks);
reading back uses hwpx-tomd, an independent HWPX-to-Markdown converter, so a table that only
python-hwpx could read would fail here.
"""

from __future__ import annotations

import itertools
import re
import socket
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from _report_data import HOSTILE, hostile_rubric, mini_scoreboard, motie_scoreboard
from lxml import etree

import evalkit
from evalkit._errors import EvalkitError
from evalkit._report import Report, Table
from evalkit.renderers._hwpx import HwpxFonts, check_hwpx, render_hwpx_bytes
from evalkit.report import RoundInfo, build_report

hwpx_tomd = pytest.importorskip("hwpx_tomd")
validator = pytest.importorskip("hwpx.tools.validator")
package_validator = pytest.importorskip("hwpx.tools.package_validator")

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def motie_report(motie_rubric: evalkit.Rubric) -> Report:
    return build_report(motie_scoreboard(motie_rubric))


@pytest.fixture(scope="module")
def motie(motie_report: Report) -> bytes:
    return render_hwpx_bytes(motie_report)


@pytest.fixture(scope="module")
def files(sb: evalkit.Scoreboard, motie: bytes) -> dict[str, bytes]:
    """Every kind of report the renderer writes: annual, subcommittee, one task."""
    return {
        "annual": render_hwpx_bytes(build_report(sb)),
        "subcommittee": render_hwpx_bytes(build_report(sb, subcommittee="산업분과")),
        "task": render_hwpx_bytes(build_report(sb, task="Ⅰ-1-①")),
        "motie": motie,
        "marked": render_hwpx_bytes(build_report(sb, round_info=DRAFT, example=True)),
        "marked task": render_hwpx_bytes(build_report(sb, task="Ⅰ-1-①", example=True)),
    }


DRAFT = RoundInfo(status="초안", issue_date=date(2025, 4, 10), approval_date=date(2025, 3, 28))


def test_marks_on_every_page_and_dates_on_the_cover(files: dict[str, bytes]) -> None:
    """One header control in the first section prints the marks on every page, the cover's
    too (its page hiding hides only the number); the cover names the dates and status."""
    for kind in ("marked", "marked task"):
        [(_, first), *_] = list(parts(files[kind]))
        headers = first.findall(f".//{HP}header")
        assert len(headers) == 1 and headers[0].get("applyPageType") == "BOTH"
        assert "".join(headers[0].itertext()) == (
            "예시(가상 자료) · 초안" if kind == "marked" else "예시(가상 자료)"
        )
    text = "".join("".join(root.itertext()) for _, root in parts(files["marked"]))
    assert (
        "발간일 2025. 4. 10." in text and "의결일 2025. 3. 28." in text and "초안 (제1판)" in text
    )
    assert not next(iter(parts(files["annual"])))[1].findall(f".//{HP}header")


def parts(data: bytes, prefix: str = "Contents/section") -> Iterator[tuple[str, Any]]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith(prefix) and name.endswith(".xml"):
                yield name, etree.fromstring(z.read(name))


def markdown(data: bytes, tmp_path: Path, name: str = "r.hwpx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    md: str = hwpx_tomd.to_markdown(str(path))
    return md


def md_tables(md: str) -> list[list[tuple[str, ...]]]:
    """Markdown tables as lists of rows (the ``| --- |`` rule dropped)."""
    tables: list[list[tuple[str, ...]]] = []
    current: list[tuple[str, ...]] | None = None
    for line in md.splitlines():
        if line.startswith("|"):
            cells = tuple(c.strip() for c in line.strip()[1:-1].split(" | "))
            if all(re.fullmatch(r"-{3,}", c) for c in cells):
                continue
            if current is None:
                current = []
                tables.append(current)
            current.append(cells)
        else:
            current = None
    return tables


# -- validity ---------------------------------------------------------------------------------


def test_every_file_passes_the_owpml_schemas_and_package_checks(files: dict[str, bytes]) -> None:
    schemas = validator.load_default_schemas()
    for kind, data in files.items():
        report = validator.validate_document(data)  # full OWPML schema included
        assert report.ok and not report.issues, (kind, report.issues)
        for name, root in parts(data, "Contents/"):
            schema = schemas.header if name.endswith("header.xml") else schemas.section
            assert schema.validate(root), (kind, name, schema.error_log)
        pkg = package_validator.validate_package(data)
        assert pkg.ok and not pkg.errors, (kind, pkg.errors)
        safety = package_validator.validate_editor_open_safety(data)
        assert safety.ok, (kind, safety)


def test_package_layout(files: dict[str, bytes], motie_report: Report) -> None:
    # a new OWPML section wherever the orientation changes
    turns = [False, *(s.landscape for s in motie_report.sections)]
    n_sections = 1 + sum(a != b for a, b in itertools.pairwise(turns))
    assert n_sections >= 2
    with zipfile.ZipFile(BytesIO(files["motie"])) as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/hwp+zip"
        names = z.namelist()
        # the landscape ranking is a section of its own, listed in the manifest and the spine
        assert {f"Contents/section{i}.xml" for i in range(n_sections)} <= set(names)
        hpf = z.read("Contents/content.hpf").decode()
        assert 'idref="section1"' in hpf and 'href="Contents/section1.xml"' in hpf
        assert "<opf:title>" in hpf and "2024" in hpf
        header = etree.fromstring(z.read("Contents/header.xml"))
        assert header.get("secCnt") == str(n_sections)
    (sec1,) = (root for name, root in parts(files["motie"]) if name.endswith("section1.xml"))
    assert sec1.find(f".//{HP}pagePr").get("landscape") == "NARROWLY"


# -- content ----------------------------------------------------------------------------------


def test_independent_reader_gets_every_task_grade_and_table_back(
    motie: bytes, motie_report: Report, motie_rubric: evalkit.Rubric, tmp_path: Path
) -> None:
    md = markdown(motie, tmp_path)
    for t in motie_rubric.tasks:
        assert t.code in md and t.name in md
    for grade in motie_report.grade_names:
        assert grade in md
    # every table of the report model comes back whole, in order, with its header row
    # (a line break inside a cell reads back as a space)
    expected = [
        [
            tuple(c.replace("\n", " ") for c in r)
            for r in ([b.header, *b.rows] if b.header else b.rows)
        ]
        for sec in motie_report.sections
        for b in sec.blocks
        if isinstance(b, Table)
    ]
    got_tables = [t for t in md_tables(md) if len(t) > 1]  # one-row boxes: titles, headings
    assert [[tuple(r) for r in t] for t in expected] == got_tables
    # the indicator rows of every task sheet
    for _, ind in motie_rubric.iter_indicators():
        assert ind.name in md
    # the distribution table: the 평가 결과 row holds the counts of each grade and the total
    dist = next(t for t in got_tables if t[0][0] == "구분" and any(r[0] == "평가 결과" for r in t))
    result = next(r for r in dist if r[0] == "평가 결과")
    counts = [str(g.count) for g in motie_report.distribution]
    assert list(result[1:]) == [*counts, str(sum(g.count for g in motie_report.distribution))]
    assert "평가대상 관리과제 83개 중 매우우수 8개, 우수 17개" in md


def test_headings_and_ladder_read_back_in_order(
    files: dict[str, bytes], sb: evalkit.Scoreboard, tmp_path: Path
) -> None:
    md = markdown(files["annual"], tmp_path)
    report = build_report(sb)
    # table rows read as plain lines: the section bar and task heading are one-row tables
    lines = [" ".join(re.sub(r"\|", " ", line).split()) for line in md.splitlines()]
    pos = 0
    for text in report.iter_text():
        if "\n" in text or not text.strip():
            continue
        want = " ".join(text.split())
        hits = [i for i, line in enumerate(lines[pos:], start=pos) if want in line]
        assert hits, text
        pos = hits[0]
    assert "| Ⅰ |  | 평가 개요 |" in md  # the section bar: numeral, gap, title
    assert "□ (평가대상) 2개 전략목표" in md and "ㅇ 평가 기준:" in md


def test_no_outline_numbering_on_headings(files: dict[str, bytes]) -> None:
    for data in files.values():
        header = next(root for _, root in parts(data, "Contents/header.xml"))
        heading_type = {
            p.get("id"): p.find(f".//{HH}heading").get("type") for p in header.iter(f"{HH}paraPr")
        }
        for _, root in parts(data):
            for p in root.iter(f"{HP}p"):
                # 바탕글 only: 한글's 개요 styles would number "Ⅰ. 평가 개요" a second time
                assert p.get("styleIDRef") == "0"
                assert heading_type[p.get("paraPrIDRef")] == "NONE"


def test_page_number_once_and_hidden_on_the_cover(files: dict[str, bytes]) -> None:
    for kind, data in files.items():
        roots = [root for _, root in parts(data)]
        numbers = [n for r in roots for n in r.iter(f"{HP}pageNum")]
        assert len(numbers) == 1, kind
        assert numbers[0].get("sideChar") == "-" and numbers[0].get("pos") == "BOTTOM_CENTER"
        # no header or footer could print a second number
        assert not [e for r in roots for e in r.iter(f"{HP}footer")]
        headers = [e for r in roots for e in r.iter(f"{HP}header")]  # the page marks only
        assert not [n for h in headers for n in h.iter(f"{HP}autoNum", f"{HP}pageNum")]
        hidden = [h for r in roots for h in r.iter(f"{HP}pageHiding")]
        assert len(hidden) == (0 if kind.endswith("task") else 1)


def test_fonts_default_to_hamchorom_and_can_be_configured(sb: evalkit.Scoreboard) -> None:
    def faces(data: bytes) -> set[str]:
        header = next(root for _, root in parts(data, "Contents/header.xml"))
        used = {c.find(f"{HH}fontRef").get("hangul") for c in header.iter(f"{HH}charPr")}
        face = header.find(f".//{HH}fontface[@lang='HANGUL']")
        return {f.get("face") for f in face if f.get("id") in used}

    report = build_report(sb, task="Ⅰ-1-①")
    assert faces(render_hwpx_bytes(report)) == {"함초롬바탕", "함초롬돋움"}
    fonts = HwpxFonts(body="휴먼명조", heading="HY헤드라인M", note="맑은 고딕", heading_bold=False)
    data = render_hwpx_bytes(report, fonts=fonts)
    assert {"휴먼명조", "HY헤드라인M", "맑은 고딕"} <= faces(data)
    assert validator.validate_document(data).ok


def test_chart_is_an_embedded_png(files: dict[str, bytes]) -> None:
    data = files["annual"]
    with zipfile.ZipFile(BytesIO(data)) as z:
        png = z.read("BinData/image1.png")
        assert png.startswith(b"\x89PNG")
        assert 'href="BinData/image1.png"' in z.read("Contents/content.hpf").decode()
    pics = [p for _, r in parts(data) for p in r.iter(f"{HP}pic")]
    assert len(pics) == 3  # grades, grades by 전략목표 and by 분과 (issue 14)
    img = pics[0].find("{http://www.hancom.co.kr/hwpml/2011/core}img")
    assert img.get("binaryItemIDRef") == "image1"


def test_user_text_prints_literally(tmp_path: Path) -> None:
    sb = mini_scoreboard(hostile_rubric(tmp_path), comment=HOSTILE)
    data = render_hwpx_bytes(build_report(sb, task="Ⅱ-1-②"))
    assert validator.validate_document(data).ok
    text = "".join(t.text or "" for _, r in parts(data) for t in r.iter(f"{HP}t"))
    assert HOSTILE in text
    assert "2024년도 <b>자체평가</b> {{ title }}" in text


# -- behaviour --------------------------------------------------------------------------------


def test_two_runs_are_byte_identical(sb: evalkit.Scoreboard, files: dict[str, bytes]) -> None:
    again = render_hwpx_bytes(build_report(mini_scoreboard()))
    assert again == files["annual"]
    with zipfile.ZipFile(BytesIO(again)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 1, 1, 0, 0, 0)}


def test_render_reaches_no_network_and_writes_no_file(
    sb: evalkit.Scoreboard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("network access during render")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.chdir(tmp_path)
    msgs: list[str] = []
    data = render_hwpx_bytes(build_report(sb), progress=msgs.append)
    assert data.startswith(b"PK") and list(tmp_path.iterdir()) == []
    assert msgs[0] == "HWPX: Ⅰ 평가 개요" and any(m.startswith("HWPX: Ⅲ") for m in msgs)


def test_unknown_block_raises(sb: evalkit.Scoreboard) -> None:
    report = build_report(sb, task="Ⅰ-1-①")
    sec = replace(report.sections[0], blocks=(*report.sections[0].blocks, object()))  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        render_hwpx_bytes(replace(report, sections=(sec,)))


def test_missing_python_hwpx_is_explained_in_korean(monkeypatch: pytest.MonkeyPatch) -> None:
    check_hwpx()  # installed here
    monkeypatch.setitem(sys.modules, "hwpx", None)
    with pytest.raises(EvalkitError, match=r"python-hwpx.*pip install 'evalkit\[hwpx\]'"):
        check_hwpx()
