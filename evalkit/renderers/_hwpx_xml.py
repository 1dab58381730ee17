"""OWPML (KS X 6101) parts of the HWPX renderer: shapes in the header, the package around them.

python-hwpx gives the package (its blank 한글 skeleton: version, settings, container, manifest,
and a header with 한글's default styles) and checks that it opens; its object API writes random
ids and works cell by cell, so the paragraphs, tables and pictures of a report are written here
as OWPML strings with ids counted from zero, and the character shapes (글자 모양), paragraph
shapes (문단 모양) and border fills (테두리/배경) they use are appended to the skeleton's header
with ids after its own. Every paragraph keeps style 0 (바탕글) and a paragraph shape whose
``hh:heading`` is ``NONE``: 한글's 개요 styles would number the report's own headings again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from .. import _files
from .._errors import EvalkitError

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HC = "http://www.hancom.co.kr/hwpml/2011/core"
OPF = "http://www.idpf.org/2007/opf/"

# HWPUNIT: 1/7200 inch (1 pt = 100)
PT = 100
MM = 7200 / 25.4

HAlign = Literal["JUSTIFY", "LEFT", "CENTER", "RIGHT"]
# border widths 한글 offers (the schema's enumeration), thinnest first
_WIDTHS = (0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0)
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SEVEN_LANGS = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")


def hwp(mm: float) -> int:
    return round(mm * MM)


def esc(text: str) -> str:
    text = _BAD_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def border_width(pt: float) -> str:
    """The nearest of 한글's border widths to *pt* points, as OWPML spells it."""
    mm = pt * 25.4 / 72
    best = min(_WIDTHS, key=lambda w: abs(w - mm))
    return f"{best:g} mm" if best != int(best) else f"{best:.1f} mm"


@dataclass(frozen=True, slots=True)
class Line:
    """One side of a border fill: ``pt`` 0 means no line."""

    pt: float = 0.0
    color: str = "000000"

    def xml(self, side: str) -> str:
        if not self.pt:
            return f'<hh:{side} type="NONE" width="0.1 mm" color="#000000"/>'
        return f'<hh:{side} type="SOLID" width="{border_width(self.pt)}" color="#{self.color}"/>'


NO_LINE = Line()


@dataclass(frozen=True, slots=True)
class Fill:
    left: Line = NO_LINE
    right: Line = NO_LINE
    top: Line = NO_LINE
    bottom: Line = NO_LINE
    face: str | None = None  # background colour (RRGGBB)


@dataclass(frozen=True, slots=True)
class CharShape:
    font: str
    size: float
    bold: bool = False
    color: str = "000000"


@dataclass(frozen=True, slots=True)
class ParaShape:
    align: HAlign = "JUSTIFY"
    line: float = 1.6  # line spacing as a multiple (160 %)
    before: float = 0.0  # pt
    after: float = 0.0
    left: float = 0.0  # pt
    indent: float = 0.0  # pt; negative is 내어쓰기 (hanging)
    keep_next: bool = False


@dataclass
class Shapes:
    """Character shapes, paragraph shapes and border fills, numbered in the order first used."""

    fonts: tuple[str, ...]
    char_base: int
    para_base: int
    fill_base: int
    chars: dict[CharShape, int] = field(default_factory=dict)
    paras: dict[ParaShape, int] = field(default_factory=dict)
    fills: dict[Fill, int] = field(default_factory=dict)

    def char(self, shape: CharShape) -> int:
        return self.chars.setdefault(shape, self.char_base + len(self.chars))

    def para(self, shape: ParaShape) -> int:
        return self.paras.setdefault(shape, self.para_base + len(self.paras))

    def fill(self, shape: Fill) -> int:
        return self.fills.setdefault(shape, self.fill_base + len(self.fills))

    def font_id(self, name: str) -> int:
        return self.fonts.index(name)


def _char_xml(i: int, c: CharShape, font_id: int) -> str:
    def seven(tag: str, value: int) -> str:
        attrs = " ".join(f'{lang}="{value}"' for lang in _SEVEN_LANGS)
        return f"<hh:{tag} {attrs}/>"

    return (
        f'<hh:charPr id="{i}" height="{round(c.size * PT)}" textColor="#{c.color}" '
        'shadeColor="none" useFontSpace="0" useKerning="0" symMark="NONE" borderFillIDRef="2">'
        f"{seven('fontRef', font_id)}{seven('ratio', 100)}{seven('spacing', 0)}"
        f"{seven('relSz', 100)}{seven('offset', 0)}"
        f"{'<hh:bold/>' if c.bold else ''}"
        '<hh:underline type="NONE" shape="SOLID" color="#000000"/>'
        '<hh:strikeout shape="NONE" color="#000000"/><hh:outline type="NONE"/>'
        '<hh:shadow type="NONE" color="#C0C0C0" offsetX="10" offsetY="10"/></hh:charPr>'
    )


def _para_xml(i: int, p: ParaShape) -> str:
    def v(pt: float) -> int:
        return round(pt * PT)

    margin = (
        f'<hh:margin><hc:intent value="{v(p.indent)}" unit="HWPUNIT"/>'
        f'<hc:left value="{v(p.left)}" unit="HWPUNIT"/><hc:right value="0" unit="HWPUNIT"/>'
        f'<hc:prev value="{v(p.before)}" unit="HWPUNIT"/>'
        f'<hc:next value="{v(p.after)}" unit="HWPUNIT"/></hh:margin>'
        f'<hh:lineSpacing type="PERCENT" value="{round(p.line * 100)}" unit="HWPUNIT"/>'
    )
    return (
        f'<hh:paraPr id="{i}" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="0" '
        'suppressLineNumbers="0" checked="0" textDir="LTR">'
        f'<hh:align horizontal="{p.align}" vertical="BASELINE"/>'
        '<hh:heading type="NONE" idRef="0" level="0"/>'
        '<hh:breakSetting breakLatinWord="KEEP_WORD" breakNonLatinWord="KEEP_WORD" '
        f'widowOrphan="1" keepWithNext="{int(p.keep_next)}" keepLines="0" '
        'pageBreakBefore="0" lineWrap="BREAK"/><hh:autoSpacing eAsianEng="0" eAsianNum="0"/>'
        '<hp:switch><hp:case hp:required-namespace="http://www.hancom.co.kr/hwpml/2016/HwpUnitChar">'
        f"{margin}</hp:case><hp:default>{margin}</hp:default></hp:switch>"
        '<hh:border borderFillIDRef="2" offsetLeft="0" offsetRight="0" offsetTop="0" '
        'offsetBottom="0" connect="0" ignoreMargin="0"/></hh:paraPr>'
    )


def _fill_xml(i: int, f: Fill) -> str:
    brush = (
        f'<hc:fillBrush><hc:winBrush faceColor="#{f.face}" hatchColor="#000000" alpha="0"/>'
        "</hc:fillBrush>"
        if f.face
        else ""
    )
    return (
        f'<hh:borderFill id="{i}" threeD="0" shadow="0" centerLine="NONE" '
        'breakCellSeparateLine="0"><hh:slash type="NONE" Crooked="0" isCounter="0"/>'
        '<hh:backSlash type="NONE" Crooked="0" isCounter="0"/>'
        f"{f.left.xml('leftBorder')}{f.right.xml('rightBorder')}"
        f"{f.top.xml('topBorder')}{f.bottom.xml('bottomBorder')}"
        f'<hh:diagonal type="NONE" width="0.1 mm" color="#000000"/>{brush}</hh:borderFill>'
    )


_NS_DECL = f'xmlns:hh="{HH}" xmlns:hc="{HC}" xmlns:hp="{HP}"'


def _fragments(xml: str) -> list[Any]:
    from lxml import etree

    return list(etree.fromstring(f"<hh:x {_NS_DECL}>{xml}</hh:x>"))


def _font_xml(i: int, name: str) -> str:
    return (
        f'<hh:font id="{i}" face="{esc(name)}" type="TTF" isEmbedded="0">'
        '<hh:typeInfo familyType="FCAT_GOTHIC" weight="6" proportion="4" contrast="0" '
        'strokeVariation="1" armStyle="1" letterform="1" midline="1" xHeight="1"/></hh:font>'
    )


def skeleton_fonts(header: bytes) -> tuple[str, ...]:
    from lxml import etree

    root = etree.fromstring(header)
    face = root.find(f"{{{HH}}}refList/{{{HH}}}fontfaces/{{{HH}}}fontface")
    return tuple(f.get("face", "") for f in face.findall(f"{{{HH}}}font"))


def new_shapes(header: bytes, families: tuple[str, ...]) -> Shapes:
    """Shapes numbered after the skeleton header's own; *families* join its fonts."""
    from lxml import etree

    root = etree.fromstring(header)
    ref = root.find(f"{{{HH}}}refList")
    fonts = skeleton_fonts(header)
    fonts += tuple(f for f in families if f not in fonts)

    def count(tag: str) -> int:
        return len(ref.find(f"{{{HH}}}{tag}"))

    return Shapes(
        fonts=fonts,
        char_base=count("charProperties"),
        para_base=count("paraProperties"),
        fill_base=count("borderFills") + 1,  # border fill ids start at 1
    )


def patched_header(header: bytes, shapes: Shapes, sections: int, images: int) -> bytes:
    """The skeleton header with the report's fonts, shapes, border fills and pictures added."""
    from lxml import etree

    root = etree.fromstring(header)
    root.set("secCnt", str(sections))
    ref = root.find(f"{{{HH}}}refList")
    skeleton = skeleton_fonts(header)
    for face in ref.find(f"{{{HH}}}fontfaces"):
        for i, name in enumerate(shapes.fonts[len(skeleton) :], start=len(skeleton)):
            face.extend(_fragments(_font_xml(i, name)))
        face.set("fontCnt", str(len(face)))

    def extend(tag: str, xml: str) -> None:
        el = ref.find(f"{{{HH}}}{tag}")
        el.extend(_fragments(xml))
        el.set("itemCnt", str(len(el)))

    extend("borderFills", "".join(_fill_xml(i, f) for f, i in shapes.fills.items()))
    extend(
        "charProperties",
        "".join(_char_xml(i, c, shapes.font_id(c.font)) for c, i in shapes.chars.items()),
    )
    extend("paraProperties", "".join(_para_xml(i, p) for p, i in shapes.paras.items()))
    if images:
        # python-hwpx lists embedded pictures here as well as in the manifest; so do we
        items = "".join(
            f'<hh:binItem id="{i}" Type="Embedding" BinData="{image_name(i)}" Format="png"/>'
            for i in range(images)
        )
        (bin_list,) = _fragments(f'<hh:binDataList itemCnt="{images}">{items}</hh:binDataList>')
        ref.append(bin_list)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def image_id(i: int) -> str:
    return f"image{i + 1}"


def image_name(i: int) -> str:
    return f"{image_id(i)}.png"


def section_xml(body: str) -> bytes:
    ns = (
        f'xmlns:hp="{HP}" xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
        f'xmlns:hc="{HC}" xmlns:hh="{HH}"'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hs:sec {ns}>{body}</hs:sec>'
    ).encode()


def sec_pr_xml(
    page_w: int,
    page_h: int,
    margin_lr: int,
    margin_top: int,
    margin_bottom: int,
    *,
    landscape: bool,
    hide_first: bool,
) -> str:
    """Section properties: the page (turned when *landscape*) with the house style's margins;
    the header (5 mm) and footer (8 mm, the page number) areas lie inside the top and bottom
    margins. No page number on the first page when *hide_first*."""
    header, footer = hwp(5), hwp(8)
    orient = "NARROWLY" if landscape else "WIDELY"  # OWPML: WIDELY is portrait
    note = (
        '<hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" '
        'supscript="0"/><hp:noteLine length="-1" type="SOLID" width="0.12 mm" '
        'color="#000000"/><hp:noteSpacing betweenNotes="283" belowLine="567" '
        'aboveLine="850"/><hp:numbering type="CONTINUOUS" newNum="1"/>'
    )
    border = "".join(
        f'<hp:pageBorderFill type="{t}" borderFillIDRef="1" textBorder="PAPER" '
        'headerInside="0" footerInside="0" fillArea="PAPER">'
        '<hp:offset left="1417" right="1417" top="1417" bottom="1417"/></hp:pageBorderFill>'
        for t in ("BOTH", "EVEN", "ODD")
    )
    return (
        '<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" '
        'tabStopVal="4000" tabStopUnit="HWPUNIT" outlineShapeIDRef="1" memoShapeIDRef="0" '
        'textVerticalWidthHead="0" masterPageCnt="0">'
        '<hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/>'
        '<hp:startNum pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/>'
        '<hp:visibility hideFirstHeader="0" hideFirstFooter="0" hideFirstMasterPage="0" '
        f'border="SHOW_ALL" fill="SHOW_ALL" hideFirstPageNum="{int(hide_first)}" '
        'hideFirstEmptyLine="0" showLineNumber="0"/>'
        '<hp:lineNumberShape restartType="0" countBy="0" distance="0" startNumber="0"/>'
        f'<hp:pagePr landscape="{orient}" width="{page_w}" height="{page_h}" '
        f'gutterType="LEFT_ONLY"><hp:margin header="{header}" footer="{footer}" gutter="0" '
        f'left="{margin_lr}" right="{margin_lr}" top="{margin_top - header}" '
        f'bottom="{margin_bottom - footer}"/>'
        f'</hp:pagePr><hp:footNotePr>{note}<hp:placement place="EACH_COLUMN" '
        'beneathText="0"/></hp:footNotePr>'
        f'<hp:endNotePr>{note}<hp:placement place="END_OF_DOCUMENT" beneathText="0"/>'
        f"</hp:endNotePr>{border}</hp:secPr>"
    )


def picture_xml(
    pid: int, ref: str, size: tuple[int, int], pixels: tuple[int, int], comment: str
) -> str:
    """An embedded picture shown at *size* (HWPUNIT), treated as a character; *pixels* is the
    image's own size in HWPUNIT (imgDim, imgClip)."""
    w, h = size
    dw, dh = pixels
    return (
        f'<hp:pic textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" reverse="0" id="{pid}" '
        'zOrder="0" numberingType="PICTURE" lock="0" dropcapstyle="None" href="" '
        f'groupLevel="0" instid="{pid}"><hp:offset x="0" y="0"/>'
        f'<hp:orgSz width="{w}" height="{h}"/><hp:curSz width="{w}" height="{h}"/>'
        '<hp:flip horizontal="0" vertical="0"/>'
        f'<hp:rotationInfo angle="0" centerX="{w // 2}" centerY="{h // 2}" rotateimage="1"/>'
        '<hp:renderingInfo><hc:transMatrix e1="1" e2="0" e3="0" e4="0" e5="1" e6="0"/>'
        '<hc:scaMatrix e1="1" e2="0" e3="0" e4="0" e5="1" e6="0"/>'
        '<hc:rotMatrix e1="1" e2="0" e3="0" e4="0" e5="1" e6="0"/></hp:renderingInfo>'
        f'<hp:imgRect><hc:pt0 x="0" y="0"/><hc:pt1 x="{w}" y="0"/><hc:pt2 x="{w}" y="{h}"/>'
        f'<hc:pt3 x="0" y="{h}"/></hp:imgRect>'
        f'<hp:imgClip left="0" right="{dw}" top="0" bottom="{dh}"/>'
        '<hp:inMargin left="0" right="0" top="0" bottom="0"/>'
        f'<hp:imgDim dimwidth="{dw}" dimheight="{dh}"/>'
        f'<hc:img binaryItemIDRef="{ref}" bright="0" contrast="0" effect="REAL_PIC" alpha="0"/>'
        f'<hp:effects/><hp:sz width="{w}" widthRelTo="ABSOLUTE" height="{h}" '
        'heightRelTo="ABSOLUTE" protect="0"/>'
        '<hp:pos treatAsChar="1" affectLSpacing="0" flowWithText="1" allowOverlap="0" '
        'holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" vertAlign="TOP" '
        'horzAlign="CENTER" vertOffset="0" horzOffset="0"/>'
        '<hp:outMargin left="0" right="0" top="0" bottom="0"/>'
        f"<hp:shapeComment>{esc(comment)}</hp:shapeComment></hp:pic>"
    )


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    subject: str
    creator: str
    created: datetime
    preview_text: str


def build_package(
    sections: list[bytes], shapes: Shapes, images: list[bytes], meta: Metadata
) -> bytes:
    """The HWPX package: python-hwpx's skeleton with our parts, then fixed zip entries."""
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    try:
        pkg = doc.package
        header = pkg.get_part("Contents/header.xml")
        pkg.set_part(
            "Contents/header.xml", patched_header(header, shapes, len(sections), len(images))
        )
        for i, data in enumerate(images):
            pkg.write(f"BinData/{image_name(i)}", data)
            pkg.add_manifest_item(
                image_id(i),
                f"BinData/{image_name(i)}",
                "image/png",
                extra_attrs={"isEmbeded": "1"},
            )
        for i, data in enumerate(sections):
            pkg.set_part(f"Contents/section{i}.xml", data)
        _spine_and_metadata(pkg, len(sections), meta)
        pkg.write("Preview/PrvText.txt", meta.preview_text.encode())
        pkg.delete("Preview/PrvImage.png")  # the skeleton's preview would show a blank page
        saved = pkg.save()
    finally:
        doc.close()
    if not isinstance(saved, bytes):  # pragma: no cover - save() without a target gives bytes
        raise EvalkitError("HWPX 패키지를 만들지 못했습니다.")
    return fixed_zip(saved, meta.created)


def _spine_and_metadata(pkg: Any, sections: int, meta: Metadata) -> None:
    from lxml import etree

    root = etree.fromstring(pkg.get_part("Contents/content.hpf"))
    opf = f"{{{OPF}}}"
    manifest = root.find(f"{opf}manifest")
    spine = root.find(f"{opf}spine")
    for i in range(1, sections):
        item = manifest.makeelement(
            f"{opf}item",
            {
                "id": f"section{i}",
                "href": f"Contents/section{i}.xml",
                "media-type": "application/xml",
            },
        )
        manifest.find(f"{opf}item[@id='section{i - 1}']").addnext(item)
        ref = spine.makeelement(f"{opf}itemref", {"idref": f"section{i}", "linear": "yes"})
        spine.append(ref)
    md = root.find(f"{opf}metadata")
    md.find(f"{opf}title").text = meta.title
    stamp = meta.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {
        "creator": meta.creator,
        "lastsaveby": meta.creator,
        "subject": meta.subject,
        "description": "evalkit",
        "keyword": "자체평가",
        "CreatedDate": stamp,
        "ModifiedDate": stamp,
        "date": meta.created.strftime("%Y년 %m월 %d일"),
    }
    for el in md.findall(f"{opf}meta"):
        if el.get("name") in values:
            el.text = values[el.get("name")]
    pkg.set_part(
        "Contents/content.hpf",
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
    )
    if sections > 1:
        rdf = pkg.get_part("META-INF/container.rdf").decode()
        extra = "".join(
            '<rdf:Description rdf:about=""><ns0:hasPart '
            'xmlns:ns0="http://www.hancom.co.kr/hwpml/2016/meta/pkg#" '
            f'rdf:resource="Contents/section{i}.xml"/></rdf:Description>'
            f'<rdf:Description rdf:about="Contents/section{i}.xml"><rdf:type '
            'rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#SectionFile"/>'
            "</rdf:Description>"
            for i in range(1, sections)
        )
        pkg.set_part("META-INF/container.rdf", rdf.replace("</rdf:RDF>", extra + "</rdf:RDF>"))


# mimetype first and stored (the OCF rule 한글 relies on), then a fixed order
_ORDER = ("mimetype", "version.xml", "Contents/header.xml")


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip in a fixed entry order with one timestamp and fixed attributes."""
    return _files.fixed_zip(data, when, first=_ORDER, sort_rest=True, stored=("mimetype",))
