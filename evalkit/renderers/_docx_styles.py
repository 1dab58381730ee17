"""The DOCX renderer's paragraph styles (EK Title, EK Bullet 1-4, EK Table, ...), set from the
house style: every style names its font for East Asian text too (``w:eastAsia``), since
``font.name`` alone sets only the Latin slots and Word would draw Hangul in its default font."""

from __future__ import annotations

import re
from typing import Any

from ._docx_xml import W_NS, S, _fonts_xml
from ._fonts import ReportFonts
from ._style import PT_PER_PX


class StyleSetup:
    """Style set-up shared by the DOCX writer (a mixin: ``doc`` and ``fonts`` are the writer's)."""

    doc: Any
    fonts: ReportFonts

    def _style_later(self, name: str) -> Any:
        from docx.enum.style import WD_STYLE_TYPE

        styles = self.doc.styles
        if name not in [s.name for s in styles]:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        return styles[name]

    @staticmethod
    def _parse(xml: str) -> Any:
        from docx.oxml import parse_xml

        if not xml.startswith("<w:tbl "):
            xml = re.sub(r"^<(w:\w+)", rf"<\1 {W_NS}", xml, count=1)
        return parse_xml(xml)

    def _set_fonts(
        self, style: Any, font: str, size: float | None = None, bold: bool | None = None
    ) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]  # theme attributes would override the names
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(slot), font)
        rfonts.set(qn("w:hint"), "eastAsia")
        if size is not None:
            style.font.size = Pt(size)
        if bold is not None:
            style.font.bold = bold

    def _setup_styles(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Pt

        f = self.fonts
        styles_el = self.doc.styles.element
        # Document defaults: explicit names (no theme fonts), Korean language.
        rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr_default.clear()
        for child in (
            _fonts_xml(f.body),
            '<w:sz w:val="30"/>',
            '<w:szCs w:val="30"/>',
            '<w:lang w:val="ko-KR" w:eastAsia="ko-KR" w:bidi="ar-SA"/>',
        ):
            rpr_default.append(self._parse(child))
        ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
        ppr_default.clear()
        # No East-Asian autospacing: Word and LibreOffice would print "2024 년도", "83 개".
        for xml in ('<w:autoSpaceDE w:val="0"/>', '<w:autoSpaceDN w:val="0"/>'):
            ppr_default.append(self._parse(xml))
        ppr_default.append(self._parse('<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'))
        settings = self.doc.settings.element
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "ko-KR")

        normal = self.doc.styles["Normal"]
        self._set_fonts(normal, f.body, S.body_pt)
        pf = normal.paragraph_format
        pf.line_spacing = S.body_line
        pf.space_after = Pt(0)
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.widow_control = True

        def para(
            name: str,
            font: str,
            size: float,
            *,
            bold: bool | None = None,
            align: Any = None,
            line: float = S.body_line,
            before: float = 0,
            after: float = 0,
            keep: bool = False,
            left: float = 0,
            first: float = 0,
        ) -> Any:
            st = self._style_later(name)
            st.base_style = normal
            self._set_fonts(st, font, size, bold)
            p = st.paragraph_format
            p.line_spacing = line
            p.space_before, p.space_after = Pt(before), Pt(after)
            if align is not None:
                p.alignment = align
            p.keep_with_next = keep
            if left or first:
                p.left_indent, p.first_line_indent = Pt(left), Pt(first)
            return st

        center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
        heading_bold = True if f.heading_bold else None
        para("EK Title", f.heading, S.title_pt, bold=heading_bold, align=center, line=1.3)
        para("EK Cover", f.heading, S.cover_sub_pt, bold=heading_bold, align=center, line=1.3)
        para(
            "EK Section",
            f.heading,
            S.section_pt,
            bold=heading_bold,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            line=1.1,
        )
        para(
            "EK Heading",
            f.heading,
            S.heading_pt,
            bold=heading_bold,
            before=16,
            after=2,
            keep=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            line=1.4,
        )
        para("EK Task", f.heading, 15, bold=heading_bold, align=WD_ALIGN_PARAGRAPH.LEFT, line=1.2)
        # outline levels give Word's navigation pane (and HWP's 개요) the report's structure
        for name, level in (("EK Section", 0), ("EK Heading", 1), ("EK Task", 2)):
            ppr = self.doc.styles[name].element.get_or_add_pPr()
            ppr.get_or_add_outlineLvl().set(qn("w:val"), str(level))
        for level, rung in S.ladder.items():
            size = S.note_pt if level == 4 else S.body_pt
            font = f.note if level == 4 else f.body
            para(
                f"EK Bullet {level}",
                font,
                size,
                before=rung.before_pt,
                left=rung.marker_pt + rung.hang_pt,
                first=-rung.hang_pt,
                line=S.note_line if level == 4 else S.body_line,
                align=WD_ALIGN_PARAGRAPH.LEFT if level == 4 else None,
            )
        para(
            "EK Note",
            f.note,
            S.note_pt,
            before=4,
            left=S.note_hang_px * PT_PER_PX,
            first=-S.note_hang_px * PT_PER_PX,
            line=S.note_line,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        para("EK Table", f.note, S.table_pt, align=center, line=1.15)
        para("EK Table Small", f.note, S.table_small_pt, align=center, line=1.1)
        para(
            "EK Caption",
            f.note,
            S.caption_pt,
            bold=True,
            align=center,
            before=10,
            after=2,
            keep=True,
            line=1.2,
        )
        para("EK Unit", f.note, S.unit_pt, align=right, keep=True, line=1.1, after=1)
        para("EK Footer", f.body, S.footer_pt, align=center, line=1.0)
        para("EK Header", f.body, S.mark_pt, align=right, line=1.0)
        para(
            "EK TOC 1",
            f.heading,
            S.toc_l1_pt,
            bold=heading_bold,
            before=12,
            line=1.5,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        para("EK TOC 2", f.body, S.toc_l2_pt, left=28, line=1.5, align=WD_ALIGN_PARAGRAPH.LEFT)
        para("EK Figure", f.note, 10, align=center, before=4, line=1.0)
        brk = para("EK Break", f.body, 1, line=1.0)
        brk.paragraph_format.page_break_before = True
        sp = para("EK Spacer", f.body, S.body_pt, line=1.0)
        sp.paragraph_format.keep_with_next = False
