"""PDF in parts: the plan, the page numbers across parts, the join, and failing parts.

The decisive test renders the tutorial report in three parts (three processes) and checks
that it has the same pages as the one-process render: text, page images, outline, named
destinations and the 목차's links.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
from _report_data import mini_scoreboard, motie_scoreboard
from test_renderers_pdf import needs_hangul_font, page_images

import evalkit
from evalkit import EvalkitError
from evalkit._report import Heading, Report, TaskHeading
from evalkit.renderers import _pdf, _pdf_html, _pdf_parts
from evalkit.renderers._fonts import pdf_fonts
from evalkit.report import build_report, render_pdf

pytestmark = pytest.mark.skipif(
    _pdf_parts.job_count(2) < 2, reason="rendering in parts needs fork (Linux)"
)


@pytest.fixture(scope="module")
def mini() -> Report:
    return build_report(mini_scoreboard())


@pytest.fixture(scope="module")
def motie(motie_rubric: evalkit.Rubric) -> Report:
    return build_report(motie_scoreboard(motie_rubric))


def in_parts(report: Report, jobs: int) -> bytes:
    fonts = pdf_fonts()
    plan = _pdf_parts.plan_parts(report, jobs, min_weight=0)
    assert len(plan) == jobs
    return _pdf_parts.render_in_parts(report, fonts, plan)


# -- the plan --------------------------------------------------------------------------------


def flatten(plan: list[tuple[_pdf_html.Slice, ...]]) -> list[tuple[str, int]]:
    return [
        (sl.section.anchor, i) for part in plan for sl in part for i in range(sl.start, sl.stop)
    ]


def test_plan_covers_every_block_once_and_cuts_where_a_page_starts(motie: Report) -> None:
    plan = _pdf_parts.plan_parts(motie, 2)
    assert len(plan) == 2
    assert flatten(plan) == [(s.anchor, i) for s in motie.sections for i in range(len(s.blocks))]
    for part in plan[1:]:
        first = part[0]
        block = first.blocks[0]
        if first.opens:
            assert first.section.new_page
        else:
            assert isinstance(block, Heading | TaskHeading) and block.new_page
    weights = [sum(map(_pdf_parts._weight, (b for sl in p for b in sl.blocks))) for p in plan]
    assert max(weights) / min(weights) < 1.05  # balanced


def test_plan_cuts_at_the_task_nearest_to_an_even_share(motie: Report) -> None:
    """Moving the cut one task either way would not balance the two parts better."""
    plan = _pdf_parts.plan_parts(motie, 2)
    blocks = [b for s in motie.sections for b in s.blocks]
    cut = sum(sl.stop - sl.start for sl in plan[0])
    starts = [i for i, b in enumerate(blocks) if isinstance(b, TaskHeading) and b.new_page]
    assert cut in starts

    def imbalance(at: int) -> float:
        return abs(
            sum(map(_pdf_parts._weight, blocks[:at])) - sum(map(_pdf_parts._weight, blocks[at:]))
        )

    k = starts.index(cut)
    for neighbour in (starts[k - 1], starts[k + 1]):
        assert imbalance(cut) <= imbalance(neighbour)


def test_small_reports_and_one_job_render_in_one_piece(mini: Report, motie: Report) -> None:
    whole = [_pdf_html.whole_body(mini)]
    assert _pdf_parts.plan_parts(mini, 2) == whole  # 7 tasks: not worth a process
    assert _pdf_parts.plan_parts(motie, 1) == [_pdf_html.whole_body(motie)]
    assert len(_pdf_parts.plan_parts(mini, 3, min_weight=0)) == 3


def test_job_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVALKIT_JOBS", "3")
    assert _pdf_parts.job_count(None) == 3
    assert _pdf_parts.job_count(1) == 1 and _pdf_parts.job_count(0) == 1
    monkeypatch.setenv("EVALKIT_JOBS", "many")
    with pytest.raises(EvalkitError, match="EVALKIT_JOBS='many' is not a whole number"):
        _pdf_parts.job_count(None)
    monkeypatch.delenv("EVALKIT_JOBS")
    assert _pdf_parts.job_count(None) == len(os.sched_getaffinity(0))


# -- the same pages --------------------------------------------------------------------------


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int, float]]:
    out: list[tuple[int, str, int, float]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                out.append((depth, item.title, page, round(float(item.top), 1)))

    walk(reader.outline, 0)
    return out


def destinations(reader: pypdf.PdfReader) -> dict[str, tuple[int | None, float]]:
    return {
        name: (reader.get_destination_page_number(d), round(float(d.top), 1))
        for name, d in reader.named_destinations.items()
    }


def links(reader: pypdf.PdfReader) -> list[tuple[int, tuple[float, ...], int | None]]:
    """(page, rectangle, target page) of each link, whether it names its target or not."""
    named = destinations(reader)
    out = []
    for i, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            rect = pypdf.generic.RectangleObject(a["/Rect"])
            box = tuple(round(float(v), 1) for v in (rect.left, rect.bottom, rect.right, rect.top))
            dest = a["/Dest"]
            target = (
                named[str(dest)][0]
                if isinstance(dest, str)
                else reader.get_page_number(dest[0].get_object())
            )
            out.append((i, box, target))
    return out


@needs_hangul_font
def test_parts_give_the_same_pages_as_one_process(mini: Report, tmp_path: Path) -> None:
    one = _pdf.render_pdf_bytes(mini, jobs=1)
    three = in_parts(mini, 3)
    a, b = pypdf.PdfReader(io.BytesIO(one)), pypdf.PdfReader(io.BytesIO(three))
    assert len(a.pages) == len(b.pages)
    assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]
    assert [p.mediabox for p in a.pages] == [p.mediabox for p in b.pages]
    assert outline(a) == outline(b) and len(outline(a)) > 10
    assert destinations(a) == destinations(b)
    assert links(a) == links(b) and links(a)  # the 목차's links
    assert a.metadata == b.metadata and b.root_object["/Lang"] == "ko"
    ident: Any = b.trailer["/ID"]
    assert ident[0] == ident[1]  # from the parts' content hashes
    if shutil.which("pdftoppm"):
        assert page_images(one, tmp_path, "one") == page_images(three, tmp_path, "three")
    assert in_parts(mini, 3) == three  # reproducible


@needs_hangul_font
def test_page_numbers_continue_across_parts(mini: Report) -> None:
    reader = pypdf.PdfReader(io.BytesIO(in_parts(mini, 3)))
    for n, page in enumerate(reader.pages[1:], start=2):  # the cover has none
        assert f"- {n} -" in page.extract_text()


# -- failing parts ---------------------------------------------------------------------------


@needs_hangul_font
def test_a_failing_part_is_reported_and_nothing_is_written(
    mini: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("no room on the page")

    monkeypatch.setattr(_pdf_parts, "_lay_out_part", broken)  # inherited by the forked parts
    monkeypatch.setattr(_pdf_parts, "MIN_WEIGHT_PER_PART", 0)
    with pytest.raises(EvalkitError, match="part 1 of the report failed: RuntimeError: no room"):
        render_pdf(mini, tmp_path / "r.pdf", jobs=2)
    assert not list(tmp_path.iterdir())


@needs_hangul_font
def test_a_part_that_dies_is_reported(mini: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    def dies(*args: Any, **kwargs: Any) -> Any:
        os._exit(3)

    monkeypatch.setattr(_pdf_parts, "_lay_out_part", dies)
    with pytest.raises(
        EvalkitError, match=r"stopped without a result \(exit code 3\).*EVALKIT_JOBS=1"
    ):
        in_parts(mini, 2)
