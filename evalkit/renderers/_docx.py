"""DOCX renderer: the report model laid out like a Hangul (HWP) government report.

A4, margins 20 mm left/right and 15 mm top/bottom; boxed title; body in 명조 15 pt at 160 %;
the □ ㅇ - * ladder with 10/8/6/4 pt before each level; ※ notes and * footnotes in 고딕 13 pt;
tables with a shaded header row, thin inner and heavier outer rules; page numbers ``- N -``.

Every style names its font for East Asian text too (``w:eastAsia``): ``font.name`` alone only
sets the Latin slots and Word would draw Hangul in its default font. Body XML is written as
strings (python-docx's cell-by-cell API is slow for a 100-page report); python-docx manages
the package, styles, footer, picture and core properties. The zip is rewritten with fixed
timestamps so the same report gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, assert_never

from .._files import fixed_zip
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
from .._version import __version__
from ._base import Progress, Renderer, RenderOptions
from ._docx_styles import StyleSetup
from ._docx_xml import (
    _JC,
    HEAVY,
    INNER,
    MARGIN_BOTTOM,
    MARGIN_LR,
    MARGIN_TOP,
    MM,
    OUTER,
    PAGE_H,
    PAGE_W,
    TEXT_W,
    S,
    _border,
    _esc,
    _p,
    _rpr,
    _run,
    _tbl_open,
    _tc,
    _widths,
)
from ._fonts import ReportFonts


class _DocxWriter(StyleSetup):
    def __init__(self, report: Report, fonts: ReportFonts) -> None:
        from docx import Document  # heavy: imported only when rendering

        self.report = report
        self.fonts = fonts
        self.doc: Any = Document()
        self.body: Any = self.doc.element.body
        self.sect: Any = self.body.sectPr
        self._bookmark = 0
        self.text_w = TEXT_W
        self.landscape = False
        self.first_section = True
        self._setup_page()
        self._setup_styles()

    # -- document set-up ----------------------------------------------------------------------

    def _setup_page(self) -> None:
        from docx.shared import Twips

        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Twips(PAGE_W), Twips(PAGE_H)
        sec.left_margin = sec.right_margin = Twips(MARGIN_LR)
        sec.top_margin, sec.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
        sec.header_distance = Twips(round(8 * MM))
        sec.footer_distance = Twips(round(7 * MM))
        sec.different_first_page_header_footer = self.report.has_cover
        footer = sec.footer.paragraphs[0]
        footer.style = self._style_later("EK Footer")
        fp = footer._p
        for xml in (
            _run("- "),
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>',
            _run(" -"),
        ):
            fp.append(self._parse(xml))
        if self.report.page_mark:  # 예시·초안·잠정 on every page, the cover's too
            headers = [sec.header] + ([sec.first_page_header] if self.report.has_cover else [])
            for header in headers:
                p = header.paragraphs[0]
                p.style = self._style_later("EK Header")
                p._p.append(self._parse(_run(self.report.page_mark)))

    # -- output -------------------------------------------------------------------------------

    def add(self, xml: str) -> None:
        self.sect.addprevious(self._parse(xml))

    def page_break(self) -> None:
        self.add(_p("", "EK Break"))

    def spacer(self, pt: float, *, keep: bool = False) -> None:
        keep_xml = "<w:keepNext/>" if keep else ""
        spacing = f'<w:spacing w:before="{round(pt * 20)}" w:after="0" w:line="240" '
        self.add(_p("", "EK Spacer", ppr=f'{keep_xml}{spacing}w:lineRule="auto"/>'))

    def bookmark(self, name: str, inner: str) -> str:
        self._bookmark += 1
        i = self._bookmark
        return (
            f'<w:bookmarkStart w:id="{i}" w:name="{_esc(name)}"/>{inner}<w:bookmarkEnd w:id="{i}"/>'
        )

    def boxed_title(self, lines: tuple[str, ...], size: float | None = None) -> None:
        text = "\n".join(lines)
        thick = "".join(_border(s, 24, S.dark) for s in ("top", "left", "bottom", "right"))
        cell = _tc(
            self.text_w,
            _p(_run(text, _rpr(size=size)), "EK Title"),
            margins=('<w:top w:w="260" w:type="dxa"/><w:bottom w:w="260" w:type="dxa"/>'),
        )
        self.add(_tbl_open([self.text_w], thick) + f"<w:tr>{cell}</w:tr></w:tbl>")

    def _sect_pr(self, landscape: bool, first: bool) -> Any:
        """A copy of the document's section properties, turned and numbered as asked."""
        import copy

        from docx.oxml.ns import qn

        sect = copy.deepcopy(self.sect)
        size = sect.find(qn("w:pgSz"))
        w, h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
        size.set(qn("w:w"), str(w))
        size.set(qn("w:h"), str(h))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        elif size.get(qn("w:orient")) is not None:
            del size.attrib[qn("w:orient")]
        title_pg = sect.find(qn("w:titlePg"))
        if title_pg is not None and not first:
            sect.remove(title_pg)  # only the cover page goes without a page number
        return sect

    def switch_orientation(self, landscape: bool) -> bool:
        """End the current section and start one in the other orientation (a page break)."""
        if landscape == self.landscape:
            return False

        # A tiny paragraph carries the ending section's properties (Word stores them last).
        p = self._parse(
            '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
            'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
        )
        p[0].append(self._sect_pr(self.landscape, self.first_section))
        self.sect.addprevious(p)
        self.first_section = False
        self.landscape = landscape
        self.text_w = (PAGE_H if landscape else PAGE_W) - 2 * MARGIN_LR
        return True

    def finish_sections(self) -> None:
        final = self._sect_pr(self.landscape, self.first_section)
        self.sect.getparent().replace(self.sect, final)
        self.sect = final

    def cover(self) -> None:
        r = self.report
        self.spacer(150)
        self.boxed_title(r.cover_lines)
        if r.subtitle:
            self.spacer(14)
            self.add(_p(_run(r.subtitle), "EK Cover"))
        if r.page_mark:
            self.spacer(18)
            self.add(_p(_run(r.page_mark, _rpr(size=S.cover_mark_pt, bold=True)), "EK Cover"))
        dated = "\n".join(r.cover_notes) or r.issued
        self.spacer(
            (300 if not dated else 250) - (46 if r.page_mark else 0) - 30 * len(r.cover_notes)
        )
        if dated:
            self.add(
                _p(
                    _run(dated, _rpr(size=S.cover_issued_pt)),
                    "EK Cover",
                    ppr='<w:spacing w:after="600"/>',
                )
            )
        self.add(_p(_run(r.organisation, _rpr(size=S.cover_org_pt)), "EK Cover"))

    def toc(self) -> None:
        self.page_break()
        self.add(
            _p(
                _run("목   차", _rpr(size=S.toc_title_pt)),
                "EK Cover",
                ppr='<w:spacing w:after="360"/>',
            )
        )
        for sec in self.report.sections:
            link = f'<w:hyperlink w:anchor="{sec.anchor}">{_run(sec.toc_label)}</w:hyperlink>'
            self.add(_p(link, "EK TOC 1"))
            for b in sec.blocks:
                if isinstance(b, Heading) and b.in_toc:
                    self.add(_p(_run(f"{b.number} {b.text}"), "EK TOC 2"))

    def section_heading(self, sec: Section) -> None:
        num_w = round((24 if sec.appendix else 14) * MM)
        ws = [num_w, round(3 * MM), self.text_w - num_w - round(3 * MM)]
        none = "".join(
            _border(s, 0) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        # headings keep with what follows them (keepNext on the row and the spacer after it)
        keep = "<w:keepNext/>"
        num = _tc(
            ws[0],
            _p(
                self.bookmark(sec.anchor, _run(sec.number, _rpr(color="FFFFFF"))),
                "EK Section",
                jc="center",
                ppr=keep,
            ),
            fill=S.dark,
        )
        gap = _tc(ws[1], _p("", "EK Table", ppr=keep))
        title = _tc(
            ws[2],
            _p(_run(sec.title), "EK Section", ppr=keep),
            borders=_border("bottom", HEAVY, S.dark),
        )
        self.add(
            _tbl_open(ws, none) + f'<w:tr><w:trPr><w:trHeight w:val="{round(12 * MM)}"/>'
            f"</w:trPr>{num}{gap}{title}</w:tr></w:tbl>"
        )
        self.spacer(4, keep=True)

    def heading(self, h: Heading) -> None:
        if h.new_page:
            self.page_break()
        self.add(_p(_run(f"{h.number} {h.text}"), "EK Heading"))

    def bullet(self, b: Bullet, *, keep: bool = False) -> None:
        style = f"EK Bullet {b.level}"
        runs = _run(f"{b.marker}\t")
        strong = _rpr(font=self.fonts.heading, bold=self.fonts.heading_bold)
        if b.lead:
            runs += _run(f"({b.lead}) ", strong)
        runs += _run(b.text, strong if b.strong else "")
        self.add(_p(runs, style, ppr="<w:keepNext/>" if keep else ""))

    def note(self, n: Note) -> None:
        self.add(_p(_run(f"{n.mark}\t{n.text}"), "EK Note"))

    def task_heading(self, t: TaskHeading) -> None:
        if t.new_page:
            self.page_break()
        else:
            self.spacer(6)
        code_w = round(26 * MM)
        ws = [code_w, self.text_w - code_w]
        borders = (
            _border("top", HEAVY, S.dark)
            + _border("left", 0)
            + _border("bottom", HEAVY, S.dark)
            + _border("right", 0)
            + _border("insideH", 0)
            + _border("insideV", INNER)
        )
        keep = "<w:keepNext/>"
        code = _tc(
            ws[0],
            _p(self.bookmark(t.anchor, _run(t.code)), "EK Task", jc="center", ppr=keep),
            fill=S.header_fill,
        )
        name = _tc(ws[1], _p(_run(t.name), "EK Task", ppr=keep))
        self.add(
            _tbl_open(ws, borders) + f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="'
            f'{round(10 * MM)}"/></w:trPr>{code}{name}</w:tr></w:tbl>'
        )
        self.spacer(2, keep=True)

    def table(self, t: Table) -> None:
        if t.caption:
            self.add(_p(_run(t.caption), "EK Caption"))
        if t.unit:
            self.add(
                _p(_run(t.unit), "EK Unit", ppr="" if t.caption else '<w:spacing w:before="80"/>')
            )
        ws = _widths(t.widths, self.text_w)
        style = "EK Table Small" if t.small else "EK Table"
        # Word keeps a short table on one page when each row keeps with the next.
        keep = t.keep_together
        if t.form:
            borders = "".join(_border(s, OUTER) for s in ("top", "left", "bottom", "right"))
        else:
            borders = (
                _border("top", OUTER)
                + _border("left", 0)
                + _border("bottom", OUTER)
                + _border("right", 0)
            )
        borders += _border("insideH", INNER, "595959") + _border("insideV", INNER, "595959")
        out = [_tbl_open(ws, borders)]
        bold = _rpr(bold=True)
        if t.header:
            cells = "".join(
                _tc(
                    w,
                    _p(_run(h, bold), style, jc="center", ppr="<w:keepNext/>"),
                    fill=S.header_fill,
                    borders=_border("bottom", 8),
                )
                for w, h in zip(ws, t.header, strict=True)
            )
            out.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")
        n = len(t.rows)
        for i, row in enumerate(t.rows):
            total = i >= n - t.total_rows
            keep_ppr = "<w:keepNext/>" if keep and i < n - 1 else ""
            parts = []
            for j, (w, text) in enumerate(zip(ws, row, strict=True)):
                label = t.form and j % 2 == 0
                fill = S.label_fill if label else S.total_fill if total else None
                jc = "center" if label else _JC[t.align[j]]
                rpr = bold if (label or total) else ""
                parts.append(_tc(w, _p(_run(text, rpr), style, jc=jc, ppr=keep_ppr), fill=fill))
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(parts)}</w:tr>")
        out.append("</w:tbl>")
        self.add("".join(out))
        self.spacer(2)

    def chart(self, c: Chart) -> None:
        from docx.shared import Mm
        from docx.text.paragraph import Paragraph

        from ._chart import WIDTH_MM, render_chart

        png = render_chart(c, "png", font_family=self.fonts.note)
        self.add(_p(_run(c.caption), "EK Caption"))
        self.add(_p("", "EK Figure"))
        p_el = self.sect.getprevious()
        Paragraph(p_el, self.doc._body).add_run().add_picture(io.BytesIO(png), width=Mm(WIDTH_MM))

    # -- whole report ---------------------------------------------------------------------------

    def render(self, progress: Callable[[str], None] | None = None) -> bytes:
        r = self.report
        if r.has_cover:
            self.cover()
            self.toc()
        else:
            self.boxed_title(r.cover_lines, S.sheet_title_pt)
            if r.page_mark:
                self.add(_p(_run(r.page_mark, _rpr(size=S.mark_pt + 2, bold=True)), "EK Cover"))
            self.spacer(6)
        for sec in r.sections:
            if progress:
                progress(f"DOCX: {sec.number} {sec.title}".strip())
            turned = self.switch_orientation(sec.landscape)
            if sec.new_page and not turned:
                self.page_break()
            if sec.number:
                self.section_heading(sec)
            for b in sec.blocks:
                match b:
                    case Heading():
                        self.heading(b)
                    case Bullet():
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
        self.finish_sections()
        self._core_properties()
        buf = io.BytesIO()
        self.doc.save(buf)
        return fixed_zip(buf.getvalue(), r.created, rewrite=_app_properties)

    def _core_properties(self) -> None:
        r = self.report
        cp = self.doc.core_properties
        cp.title = r.title
        cp.subject = r.subtitle or r.title
        cp.author = r.organisation
        cp.last_modified_by = r.organisation
        cp.comments = "evalkit"
        cp.keywords = "자체평가"
        cp.category = "자체평가 결과보고서"
        cp.language = "ko-KR"
        cp.revision = 1
        created = r.created.replace(tzinfo=None)
        cp.created = cp.modified = cp.last_printed = created


_APP = (
    "<Application>Microsoft Macintosh Word</Application>",
    f"<Application>evalkit {__version__}</Application>",
)


def _app_properties(name: str, content: bytes) -> bytes:
    """docProps/app.xml names evalkit as the application (python-docx's template names Word)."""
    if name != "docProps/app.xml":
        return content
    return content.replace(_APP[0].encode(), _APP[1].encode())


def render_docx_bytes(
    report: Report, fonts: ReportFonts | None = None, progress: Callable[[str], None] | None = None
) -> bytes:
    """The report as DOCX bytes (fonts default to 휴먼명조 / HY헤드라인M / 맑은 고딕)."""
    return _DocxWriter(report, fonts or ReportFonts.docx_default()).render(progress)


class DocxRenderer(Renderer):
    """DOCX, for editing in Word or 한글; fonts are named, not embedded."""

    name = "docx"
    suffix = ".docx"
    description = "DOCX(워드·한글에서 편집)"

    def check(self, options: RenderOptions) -> None:
        import docx  # noqa: F401  (an optional extra: refuse before anything is written)

    def render(
        self, report: Report, options: RenderOptions, progress: Progress | None = None
    ) -> bytes:
        return render_docx_bytes(report, options.fonts, progress)
