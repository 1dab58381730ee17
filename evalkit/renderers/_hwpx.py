"""HWPX renderer: the report model as an OWPML (KS X 6101) document for Hancom 한글.

The same house style as the DOCX renderer: A4, margins 20 mm left/right and 15 mm top/bottom;
boxed title; body in 바탕 15 pt at 160 %; the □ ㅇ - * ladder with 내어쓰기 and 10/8/6/4 pt
before each level; ※ notes in 돋움 13 pt; tables with a shaded header row (repeated on each
page), thin inner and heavier outer rules; the page number ``- N -`` once, from 한글's own
page-number control (쪽 번호 매기기, 줄표), hidden on the cover. A landscape section (the full
ranking) is its own ``sectionN.xml``. Faces default to 함초롬바탕/함초롬돋움, 한글's own.

python-hwpx supplies the package and checks it opens (see ``_hwpx_xml``); the body is written
here as OWPML strings with counted ids, and the zip is rewritten with fixed timestamps, so the
same report gives the same bytes. Nothing is read from or written to disk: bytes come back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

from .._errors import EvalkitError
from .._report import (
    Bullet,
    Chart,
    Heading,
    Note,
    Report,
    Section,
    Table,
    TaskHeading,
)
from ._base import Progress, Renderer, RenderOptions
from ._hwpx_xml import (
    NO_LINE,
    CharShape,
    Fill,
    HAlign,
    Line,
    Metadata,
    ParaShape,
    Shapes,
    build_package,
    esc,
    hwp,
    image_id,
    new_shapes,
    picture_xml,
    sec_pr_xml,
    section_xml,
)
from ._style import HOUSE_STYLE

S = HOUSE_STYLE
# A4 as python-hwpx's 한글 skeleton gives it (mm would round the height 3 units higher)
A4 = (59528, 84186)
PAGE_W, PAGE_H = (
    A4 if (S.page_w_mm, S.page_h_mm) == (210, 297) else (hwp(S.page_w_mm), hwp(S.page_h_mm))
)
MARGIN_LR = hwp(S.margin_lr_mm)
TEXT_W = PAGE_W - 2 * MARGIN_LR
BODY_PT, NOTE_PT, TABLE_PT = S.body_pt, S.note_pt, S.table_pt
TABLE_SMALL_PT, TITLE_PT = S.table_small_pt, S.title_pt
HEADER_FILL, LABEL_FILL, TOTAL_FILL, DARK = S.header_fill, S.label_fill, S.total_fill, S.dark
OUTER, INNER, RULE = S.outer_rule_pt, S.inner_rule_pt, S.inner_rule_color
CELL_MARGIN = (hwp(1.5), hwp(1.5), hwp(0.8), hwp(0.8))  # left, right, top, bottom

# Ladder: level → (marker position pt, hanging pt, space before pt), from the house style
_LADDER: dict[int, tuple[float, float, float]] = {
    level: (r.marker_pt, r.hang_pt, r.before_pt) for level, r in S.ladder.items()
}
_ALIGN: dict[str, HAlign] = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}


@dataclass(frozen=True, slots=True)
class HwpxFonts:
    """Faces of an HWPX report: ``body`` 바탕 of the text, ``heading`` of titles and headings,
    ``note`` of ※ notes and tables. 한글 ships 함초롬바탕/함초롬돋움, so they are the default."""

    body: str = "함초롬바탕"
    heading: str = "함초롬돋움"
    note: str = "함초롬돋움"
    heading_bold: bool = True

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.body, self.heading, self.note)))


def check_hwpx() -> None:
    """Raise a Korean error with the fix when python-hwpx is not installed."""
    try:
        import hwpx  # noqa: F401
    except ImportError as exc:
        raise EvalkitError(
            "HWPX 보고서를 만들려면 python-hwpx 패키지가 필요합니다. "
            "설치: pip install 'evalkit[hwpx]'"
        ) from exc


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise EvalkitError("그래프 이미지가 PNG 형식이 아닙니다.")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


class _HwpxWriter:
    def __init__(self, report: Report, fonts: HwpxFonts, shapes: Shapes) -> None:
        self.report = report
        self.fonts = fonts
        self.shapes = shapes
        self.sections: list[bytes] = []
        self.images: list[bytes] = []
        self.out: list[str] = []
        self.landscape = False
        self.text_w = TEXT_W
        self._id = 0
        self._break = False  # the next paragraph starts a new page

    # -- primitives ---------------------------------------------------------------------------

    def next_id(self) -> int:
        self._id += 1
        return self._id

    def char(
        self, size: float, *, font: str | None = None, bold: bool = False, color: str = "000000"
    ) -> int:
        return self.shapes.char(CharShape(font or self.fonts.body, size, bold, color))

    def heading_char(self, size: float, color: str = "000000") -> int:
        return self.char(size, font=self.fonts.heading, bold=self.fonts.heading_bold, color=color)

    def run(self, text: str, char: int) -> str:
        """A run of one character shape; a newline in *text* is a line break (Shift+Enter)."""
        body = "<hp:lineBreak/>".join(esc(line) for line in text.split("\n"))
        return f'<hp:run charPrIDRef="{char}"><hp:t>{body}</hp:t></hp:run>'

    def para(
        self, runs: str, shape: ParaShape, *, end_char: int | None = None, in_cell: bool = False
    ) -> str:
        """One paragraph; an empty one still carries a run (한글 needs its character shape).

        A pending page break goes on the next body paragraph, never one inside a table cell.
        """
        page_break = 0
        if not in_cell:
            page_break, self._break = int(self._break), False
        if not runs:
            runs = f'<hp:run charPrIDRef="{end_char if end_char is not None else 0}"/>'
        return (
            f'<hp:p id="{self.next_id()}" paraPrIDRef="{self.shapes.para(shape)}" styleIDRef="0" '
            f'pageBreak="{page_break}" columnBreak="0" merged="0">{runs}</hp:p>'
        )

    def add(self, xml: str) -> None:
        self.out.append(xml)

    def page_break(self) -> None:
        self._break = True

    def spacer(self, pt: float, *, keep: bool = False) -> None:
        shape = ParaShape(line=1.0, before=pt, keep_next=keep)
        self.add(self.para("", shape, end_char=self.char(1)))

    def cell(
        self,
        width: int,
        height: int,
        paras: str,
        fill: Fill,
        col: int,
        row: int,
        *,
        header: bool = False,
        margins: tuple[int, int, int, int] = CELL_MARGIN,
    ) -> str:
        left, right, top, bottom = margins
        return (
            f'<hp:tc name="" header="{int(header)}" hasMargin="1" protect="0" editable="0" '
            f'dirty="0" borderFillIDRef="{self.shapes.fill(fill)}">'
            '<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="CENTER" '
            'linkListIDRef="0" linkListNextIDRef="0" textWidth="0" textHeight="0" '
            f'hasTextRef="0" hasNumRef="0">{paras}</hp:subList>'
            f'<hp:cellAddr colAddr="{col}" rowAddr="{row}"/><hp:cellSpan colSpan="1" rowSpan="1"/>'
            f'<hp:cellSz width="{width}" height="{height}"/>'
            f'<hp:cellMargin left="{left}" right="{right}" top="{top}" bottom="{bottom}"/></hp:tc>'
        )

    def table_xml(
        self,
        rows: list[str],
        widths: list[int],
        height: int,
        *,
        repeat_header: bool = False,
        inline: bool = False,
    ) -> None:
        """A table in a paragraph of its own; long tables flow across pages between rows."""
        # 글자처럼 취급 (treatAsChar) tables cannot break across pages in 한글.
        pos = (
            f'<hp:pos treatAsChar="{int(inline)}" affectLSpacing="0" flowWithText="1" '
            'allowOverlap="0" holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" '
            'vertAlign="TOP" horzAlign="CENTER" vertOffset="0" horzOffset="0"/>'
        )
        tbl = (
            f'<hp:tbl id="{self.next_id()}" zOrder="0" numberingType="TABLE" '
            'textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" '
            f'pageBreak="CELL" repeatHeader="{int(repeat_header)}" rowCnt="{len(rows)}" '
            f'colCnt="{len(widths)}" cellSpacing="0" borderFillIDRef="{self.shapes.fill(Fill())}" '
            f'noAdjust="0"><hp:sz width="{sum(widths)}" widthRelTo="ABSOLUTE" height="{height}" '
            f'heightRelTo="ABSOLUTE" protect="0"/>{pos}'
            '<hp:outMargin left="0" right="0" top="0" bottom="0"/>'
            f'<hp:inMargin left="{CELL_MARGIN[0]}" right="{CELL_MARGIN[1]}" '
            f'top="{CELL_MARGIN[2]}" bottom="{CELL_MARGIN[3]}"/>'
            f"{''.join(f'<hp:tr>{r}</hp:tr>' for r in rows)}</hp:tbl>"
        )
        anchor = f'<hp:run charPrIDRef="{self.char(TABLE_PT)}">{tbl}<hp:t/></hp:run>'
        self.add(self.para(anchor, ParaShape(align="CENTER", line=1.0)))

    def widths(self, rel: tuple[int, ...]) -> list[int]:
        s = sum(rel)
        ws = [round(self.text_w * r / s) for r in rel]
        ws[-1] += self.text_w - sum(ws)
        return ws

    # -- section properties -------------------------------------------------------------------

    def sec_pr(self, *, first: bool) -> str:
        hide_first = first and self.report.has_cover
        return sec_pr_xml(
            PAGE_W,
            PAGE_H,
            MARGIN_LR,
            hwp(S.margin_top_mm),
            hwp(S.margin_bottom_mm),
            landscape=self.landscape,
            hide_first=hide_first,
        )

    def open_section(self, *, first: bool) -> None:
        """The section's first paragraph: its properties, one column and the page number."""
        ctrl = (
            '<hp:ctrl><hp:colPr id="" type="NEWSPAPER" layout="LEFT" colCount="1" sameSz="1" '
            'sameGap="0"/></hp:ctrl>'
        )
        if first:  # one page-number control for the whole document: "- N -" at the bottom
            ctrl += (
                '<hp:ctrl><hp:pageNum pos="BOTTOM_CENTER" formatType="DIGIT" sideChar="-"/>'
                "</hp:ctrl>"
            )
            if self.report.page_mark:  # 예시·초안·잠정 on every page, the cover's too
                mark = self.para(
                    self.run(self.report.page_mark, self.char(S.mark_pt)),
                    ParaShape(align="RIGHT", line=1.0),
                    in_cell=True,
                )
                ctrl += (
                    '<hp:ctrl><hp:header id="1" applyPageType="BOTH"><hp:subList id="" '
                    'textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="BOTTOM" '
                    f'linkListIDRef="0" linkListNextIDRef="0" textWidth="{TEXT_W}" '
                    f'textHeight="{hwp(5)}" hasTextRef="0" hasNumRef="0">{mark}</hp:subList>'
                    "</hp:header></hp:ctrl>"
                )
            if self.report.has_cover:  # 현재 쪽만 감추기: no number on the cover
                ctrl += (
                    '<hp:ctrl><hp:pageHiding hideHeader="0" hideFooter="0" hideMasterPage="0" '
                    'hideBorder="0" hideFill="0" hidePageNum="1"/></hp:ctrl>'
                )
        run = f'<hp:run charPrIDRef="{self.char(1)}">{self.sec_pr(first=first)}{ctrl}</hp:run>'
        self.add(self.para(run, ParaShape(line=1.0)))

    def close_section(self) -> None:
        self.sections.append(section_xml("".join(self.out)))
        self.out = []

    def switch_orientation(self, landscape: bool) -> bool:
        if landscape == self.landscape:
            return False
        self.close_section()
        self.landscape = landscape
        self.text_w = (PAGE_H if landscape else PAGE_W) - 2 * MARGIN_LR
        self.open_section(first=False)
        return True

    # -- blocks -------------------------------------------------------------------------------

    def boxed_title(self, lines: tuple[str, ...]) -> None:
        thick = Line(3.0, DARK)
        char = self.heading_char(TITLE_PT)
        shape = ParaShape(align="CENTER", line=1.3)
        paras = "".join(self.para(self.run(line, char), shape, in_cell=True) for line in lines)
        margins = (CELL_MARGIN[0], CELL_MARGIN[1], 1300, 1300)
        cell = self.cell(
            self.text_w, 4000, paras, Fill(thick, thick, thick, thick), 0, 0, margins=margins
        )
        self.table_xml([cell], [self.text_w], 4000, inline=True)

    def cover(self) -> None:
        r = self.report
        cover = ParaShape(align="CENTER", line=1.3)
        self.spacer(150)
        self.boxed_title(r.cover_lines)
        if r.subtitle:
            self.spacer(14)
            self.add(self.para(self.run(r.subtitle, self.heading_char(18)), cover))
        if r.page_mark:
            self.spacer(18)
            mark = self.char(S.cover_mark_pt, font=self.fonts.heading, bold=True)
            self.add(self.para(self.run(r.page_mark, mark), cover))
        dated = "\n".join(r.cover_notes) or r.issued
        self.spacer(
            (300 if not dated else 250) - (46 if r.page_mark else 0) - 30 * len(r.cover_notes)
        )
        if dated:
            shape = ParaShape(align="CENTER", line=1.3, after=30)
            self.add(self.para(self.run(dated, self.heading_char(S.cover_issued_pt)), shape))
        self.add(self.para(self.run(r.organisation, self.heading_char(20)), cover))

    def toc(self) -> None:
        self.page_break()
        shape = ParaShape(align="CENTER", line=1.3, after=18)
        self.add(self.para(self.run("목   차", self.heading_char(20)), shape))
        level1 = ParaShape(align="LEFT", line=1.5, before=12)
        level2 = ParaShape(align="LEFT", line=1.5, left=28)
        for sec in self.report.sections:
            label = (
                f"{sec.number}. {sec.title}" if not sec.appendix else f"[{sec.number}] {sec.title}"
            )
            self.add(self.para(self.run(label, self.heading_char(15)), level1))
            for b in sec.blocks:
                if isinstance(b, Heading) and not b.number.startswith("전략목표"):
                    text = f"{b.number} {b.text}"
                    self.add(self.para(self.run(text, self.char(13)), level2))

    def section_heading(self, sec: Section) -> None:
        num_w = hwp(24 if sec.appendix else 14)
        gap = hwp(3)
        ws = [num_w, gap, self.text_w - num_w - gap]
        height = hwp(12)
        keep = ParaShape(align="CENTER", line=1.1, keep_next=True)
        num = self.para(self.run(sec.number, self.heading_char(18, "FFFFFF")), keep, in_cell=True)
        title_shape = ParaShape(align="LEFT", line=1.1, keep_next=True)
        title = self.para(self.run(sec.title, self.heading_char(18)), title_shape, in_cell=True)
        cells = (
            self.cell(ws[0], height, num, Fill(face=DARK), 0, 0)
            + self.cell(
                ws[1],
                height,
                self.para("", keep, end_char=self.char(TABLE_PT), in_cell=True),
                Fill(),
                1,
                0,
            )
            + self.cell(ws[2], height, title, Fill(bottom=Line(2.25, DARK)), 2, 0)
        )
        self.table_xml([cells], ws, height, inline=True)
        self.spacer(4, keep=True)

    def heading(self, h: Heading) -> None:
        if h.new_page:
            self.page_break()
        shape = ParaShape(align="LEFT", line=1.4, before=16, after=2, keep_next=True)
        self.add(self.para(self.run(f"{h.number} {h.text}", self.heading_char(16)), shape))

    def bullet(self, b: Bullet, *, keep: bool = False) -> None:
        pos, hang, before = _LADDER[b.level]
        small = b.level == 4
        size = NOTE_PT if small else BODY_PT
        font = self.fonts.note if small else self.fonts.body
        plain = self.char(size, font=font)
        strong = self.char(size, font=self.fonts.heading, bold=self.fonts.heading_bold)
        runs = self.run(f"{b.marker} ", plain)
        if b.lead:
            runs += self.run(f"({b.lead}) ", strong)
        runs += self.run(b.text, strong if b.strong else plain)
        shape = ParaShape(
            align="LEFT" if small else "JUSTIFY",
            line=1.3 if small else 1.6,
            before=before,
            left=pos,
            indent=-hang,  # 내어쓰기: wrapped lines start under the text, not the marker
            keep_next=keep,
        )
        self.add(self.para(runs, shape))

    def note(self, n: Note) -> None:
        shape = ParaShape(align="LEFT", line=1.3, before=4, indent=-16)
        self.add(
            self.para(
                self.run(f"{n.mark} {n.text}", self.char(NOTE_PT, font=self.fonts.note)), shape
            )
        )

    def task_heading(self, t: TaskHeading) -> None:
        if t.new_page:
            self.page_break()
        else:
            self.spacer(6)
        code_w = hwp(26)
        ws = [code_w, self.text_w - code_w]
        rule = Line(2.25, DARK)
        height = hwp(10)
        keep = ParaShape(align="CENTER", line=1.2, keep_next=True)
        char = self.heading_char(15)
        code = self.para(self.run(t.code, char), keep, in_cell=True)
        name = self.para(
            self.run(t.name, char), ParaShape(align="LEFT", line=1.2, keep_next=True), in_cell=True
        )
        inner = Line(INNER)
        cells = self.cell(
            ws[0], height, code, Fill(right=inner, top=rule, bottom=rule, face=HEADER_FILL), 0, 0
        ) + self.cell(ws[1], height, name, Fill(left=inner, top=rule, bottom=rule), 1, 0)
        self.table_xml([cells], ws, height, inline=True)
        self.spacer(2, keep=True)

    def table(self, t: Table) -> None:
        note_font = self.fonts.note
        if t.caption:
            shape = ParaShape(align="CENTER", line=1.2, before=10, after=2, keep_next=True)
            self.add(
                self.para(self.run(t.caption, self.char(12, font=note_font, bold=True)), shape)
            )
        if t.unit:
            shape = ParaShape(
                align="RIGHT", line=1.1, after=1, before=0 if t.caption else 4, keep_next=True
            )
            self.add(self.para(self.run(t.unit, self.char(10, font=note_font)), shape))
        ws = self.widths(t.widths)
        size = TABLE_SMALL_PT if t.small else TABLE_PT
        line = 1.1 if t.small else 1.15
        row_h = round(size * line * 100) + CELL_MARGIN[2] + CELL_MARGIN[3]
        plain, bold = self.char(size, font=note_font), self.char(size, font=note_font, bold=True)
        has_header = bool(t.header)
        n_rows = len(t.rows) + has_header
        n_cols = len(ws)

        def fill(r: int, c: int, face: str | None, *, under_header: bool = False) -> Fill:
            outer, inner = Line(OUTER), Line(INNER, RULE)
            side = outer if t.form else NO_LINE
            top = outer if r == 0 else Line(1.0) if under_header else inner
            return Fill(
                left=side if c == 0 else inner,
                right=side if c == n_cols - 1 else inner,
                top=top,
                bottom=outer
                if r == n_rows - 1
                else Line(1.0)
                if (has_header and r == 0)
                else inner,
                face=face,
            )

        rows: list[str] = []
        if has_header:
            shape = ParaShape(align="CENTER", line=line, keep_next=True)
            cells = "".join(
                self.cell(
                    w,
                    row_h,
                    self.para(self.run(h, bold), shape, in_cell=True),
                    fill(0, c, HEADER_FILL),
                    c,
                    0,
                    header=True,
                )
                for c, (w, h) in enumerate(zip(ws, t.header, strict=True))
            )
            rows.append(cells)
        n = len(t.rows)
        for i, row in enumerate(t.rows):
            r = i + has_header
            total = i >= n - t.total_rows
            parts = []
            for j, (w, text) in enumerate(zip(ws, row, strict=True)):
                label = t.form and j % 2 == 0
                face = LABEL_FILL if label else TOTAL_FILL if total else None
                align = "CENTER" if label else _ALIGN[t.align[j]]
                char = bold if (label or total) else plain
                p = self.para(self.run(text, char), ParaShape(align=align, line=line), in_cell=True)
                parts.append(
                    self.cell(
                        w, row_h, p, fill(r, j, face, under_header=has_header and r == 1), j, r
                    )
                )
            rows.append("".join(parts))
        self.table_xml(rows, ws, row_h * n_rows, repeat_header=has_header)
        self.spacer(2)

    def chart(self, c: Chart) -> None:
        from ._chart import HEIGHT_MM, WIDTH_MM, render_chart

        caption = ParaShape(align="CENTER", line=1.2, before=10, after=2, keep_next=True)
        self.add(
            self.para(self.run(c.caption, self.char(12, font=self.fonts.note, bold=True)), caption)
        )
        png = render_chart(c, "png", font_family=self.fonts.note)
        self.images.append(png)
        ref = image_id(len(self.images) - 1)
        w, h = hwp(WIDTH_MM), hwp(HEIGHT_MM)
        # the picture's own size (imgDim, imgClip) counts its pixels at 96 dpi, as 한글 does
        dw, dh = (75 * px for px in _png_size(png))
        pic = picture_xml(self.next_id(), ref, (w, h), (dw, dh), c.caption)
        run = f'<hp:run charPrIDRef="{self.char(10)}">{pic}<hp:t/></hp:run>'
        self.add(self.para(run, ParaShape(align="CENTER", line=1.0, before=4)))

    def blocks(self, sec: Section) -> None:
        for b in sec.blocks:
            match b:
                case Heading():
                    self.heading(b)
                case Bullet():
                    # which line keeps with what follows is the model's (Bullet.keep_with_next)
                    self.bullet(b, keep=b.keep_with_next)
                case Note():
                    self.note(b)
                case Table():
                    self.table(b)
                case Chart():
                    self.chart(b)
                case TaskHeading():
                    self.task_heading(b)
                case _:
                    assert_never(b)

    # -- whole report ---------------------------------------------------------------------------

    def render(self, progress: Callable[[str], None] | None) -> tuple[list[bytes], list[bytes]]:
        r = self.report
        self.open_section(first=True)
        if r.has_cover:
            self.cover()
            self.toc()
        else:
            self.boxed_title(r.cover_lines)
            if r.page_mark:
                mark = self.char(S.mark_pt + 2, font=self.fonts.heading, bold=True)
                self.add(self.para(self.run(r.page_mark, mark), ParaShape(align="CENTER")))
            self.spacer(6)
        for sec in r.sections:
            if progress:
                progress(f"HWPX: {sec.number} {sec.title}".strip())
            turned = self.switch_orientation(sec.landscape)
            if sec.new_page and not turned:
                self.page_break()
            if sec.number:
                self.section_heading(sec)
            self.blocks(sec)
        if self._break:  # a page break nothing followed
            self.spacer(0)
        self.close_section()
        return self.sections, self.images


def render_hwpx_bytes(
    report: Report,
    *,
    fonts: HwpxFonts | None = None,
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """The report as HWPX bytes (faces default to 함초롬바탕 / 함초롬돋움)."""
    check_hwpx()
    from hwpx import HwpxDocument

    fonts = fonts or HwpxFonts()
    skeleton = HwpxDocument.new()
    try:
        header = skeleton.package.get_part("Contents/header.xml")
    finally:
        skeleton.close()
    shapes = new_shapes(header, fonts.families)
    sections, images = _HwpxWriter(report, fonts, shapes).render(progress)
    preview = "\n".join(report.iter_text())[:1000]
    meta = Metadata(
        title=report.title,
        subject=report.subtitle or report.title,
        creator=report.organisation,
        created=report.created,
        preview_text=preview,
    )
    return build_package(sections, shapes, images, meta)


class HwpxRenderer(Renderer):
    """HWPX (OWPML, KS X 6101), the format ministries edit and circulate in 한글."""

    name = "hwpx"
    suffix = ".hwpx"
    description = "HWPX(한글 문서, 부처 회람용)"

    def check(self, options: RenderOptions) -> None:
        check_hwpx()

    def render(
        self, report: Report, options: RenderOptions, progress: Progress | None = None
    ) -> bytes:
        f = options.fonts
        fonts = HwpxFonts(f.body, f.heading, f.note, f.heading_bold) if f else None
        return render_hwpx_bytes(report, fonts=fonts, progress=progress)
