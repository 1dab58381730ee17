"""The DOCX renderer's WordprocessingML, written as strings.

python-docx's cell-by-cell API is slow for a 100-page report, so body XML is written here as
strings; sizes, rules and fills come from the house style (:mod:`._style`).
"""

from __future__ import annotations

import re

from ._style import HOUSE_STYLE

S = HOUSE_STYLE
# Layout in twips (1 pt = 20, 1 mm ≈ 56.69), from the house style
MM = 1440 / 25.4
PAGE_W, PAGE_H = round(S.page_w_mm * MM), round(S.page_h_mm * MM)
MARGIN_LR = round(S.margin_lr_mm * MM)
MARGIN_TOP, MARGIN_BOTTOM = round(S.margin_top_mm * MM), round(S.margin_bottom_mm * MM)
TEXT_W = PAGE_W - 2 * MARGIN_LR
OUTER, INNER = round(S.outer_rule_pt * 8), round(S.inner_rule_pt * 8)  # eighths of a point
HEAVY = round(S.heavy_rule_pt * 8)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(text: str) -> str:
    text = _BAD_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _fonts_xml(name: str) -> str:
    n = _esc(name)
    return f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}" w:hint="eastAsia"/>'


def _rpr(
    font: str | None = None, size: float | None = None, bold: bool = False, color: str | None = None
) -> str:
    parts = []
    if font:
        parts.append(_fonts_xml(font))
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        hp = round(size * 2)
        parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _run(text: str, rpr: str = "") -> str:
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{_esc(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def _p(runs: str, style: str | None = None, *, jc: str | None = None, ppr: str = "") -> str:
    # python-docx gives an added style the id of its name without spaces
    head = f'<w:pStyle w:val="{style.replace(" ", "")}"/>' if style else ""
    tail = f'<w:jc w:val="{jc}"/>' if jc else ""
    inner = head + ppr + tail
    return f"<w:p>{f'<w:pPr>{inner}</w:pPr>' if inner else ''}{runs}</w:p>"


def _border(side: str, size: int, color: str = "000000", val: str = "single") -> str:
    if size == 0:
        return f'<w:{side} w:val="nil"/>'
    return f'<w:{side} w:val="{val}" w:sz="{size}" w:space="0" w:color="{color}"/>'


def _widths(rel: tuple[int, ...], total: int = TEXT_W) -> list[int]:
    s = sum(rel)
    ws = [round(total * r / s) for r in rel]
    ws[-1] += total - sum(ws)
    return ws


def _tbl_open(widths: list[int], borders: str, *, indent: int = 0) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl {W_NS}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblInd w:w="{indent}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        '<w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def _tc(
    width: int,
    content: str,
    *,
    fill: str | None = None,
    borders: str = "",
    valign: str = "center",
    margins: str = "",
) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    tcb = f"<w:tcBorders>{borders}</w:tcBorders>" if borders else ""
    mar = f"<w:tcMar>{margins}</w:tcMar>" if margins else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tcb}{shd}{mar}'
        f'<w:vAlign w:val="{valign}"/></w:tcPr>{content}</w:tc>'
    )


_JC = {"left": "left", "center": "center", "right": "right"}
