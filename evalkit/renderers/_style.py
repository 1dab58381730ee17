"""The house style (보고서 서식) of every report, in one place.

Page, margins, point sizes, the □ ㅇ - * ladder, fills and rule weights of a Korean government
report written in Hangul (HWP). The DOCX and HWPX renderers read these values; the PDF renderer
writes them into its CSS (:meth:`HouseStyle.css`), so ``report.css`` holds only the rules that
do not change with the style. A new renderer reads the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PT_PER_PX = 0.75  # CSS pixel in points


@dataclass(frozen=True, slots=True)
class Rung:
    """One level of the bullet ladder: where the marker stands, how far the text hangs after
    it, and the space before the line. Whole CSS pixels, because WeasyPrint's ``tab-size``
    (which lines the text up after the marker) takes whole pixels."""

    marker_px: int
    hang_px: int
    before_pt: float

    @property
    def marker_pt(self) -> float:
        return self.marker_px * PT_PER_PX

    @property
    def hang_pt(self) -> float:
        return self.hang_px * PT_PER_PX

    @property
    def text_px(self) -> int:
        return self.marker_px + self.hang_px


def _ladder() -> dict[int, Rung]:
    return {1: Rung(0, 26, 10), 2: Rung(20, 25, 8), 3: Rung(41, 19, 6), 4: Rung(56, 19, 4)}


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """A4 portrait, margins 20 mm left/right, 15 mm top and 17 mm bottom (room for the
    ``- N -`` page number); body 명조 15 pt at 160 %; ※ notes and * lines in 고딕 13 pt;
    tables 11 pt (9.5 pt for wide ones) with a shaded header row, thin inner and heavier
    outer rules."""

    page_w_mm: float = 210
    page_h_mm: float = 297
    margin_top_mm: float = 15
    margin_bottom_mm: float = 17
    margin_lr_mm: float = 20
    body_pt: float = 15
    body_line: float = 1.6
    note_pt: float = 13
    note_line: float = 1.3
    note_hang_px: int = 21
    table_pt: float = 11
    table_small_pt: float = 9.5
    title_pt: float = 22
    sheet_title_pt: float = 20  # the boxed title of a one-task result sheet
    cover_sub_pt: float = 18
    cover_issued_pt: float = 16
    cover_org_pt: float = 20
    toc_title_pt: float = 20
    toc_l1_pt: float = 15
    toc_l2_pt: float = 13
    heading_pt: float = 16
    section_pt: float = 18
    caption_pt: float = 12
    unit_pt: float = 10
    footer_pt: float = 11
    mark_pt: float = 10  # 예시·초안·잠정 in every page's header
    cover_mark_pt: float = 16
    ladder: dict[int, Rung] = field(default_factory=_ladder)
    header_fill: str = "D9E1F2"  # shaded header row, task code cell
    label_fill: str = "E7E6E6"  # label cells of form tables
    total_fill: str = "F2F2F2"  # 합계 rows
    dark: str = "1F3864"  # section numeral bar, title box, heading rules
    outer_rule_pt: float = 1.5
    inner_rule_pt: float = 0.5
    heavy_rule_pt: float = 2.25
    inner_rule_color: str = "595959"

    def css(self) -> str:
        """The style's values as CSS rules, placed by the PDF template after ``report.css``."""
        b = [
            f"@page {{ size: {self.page_w_mm}mm {self.page_h_mm}mm; margin: "
            f"{self.margin_top_mm}mm {self.margin_lr_mm}mm {self.margin_bottom_mm}mm "
            f"{self.margin_lr_mm}mm; @bottom-center {{ font-size: {self.footer_pt}pt; }} "
            f"@top-right {{ font-size: {self.mark_pt}pt; }} }}",
            f".marks {{ font-size: {self.cover_mark_pt}pt; }}",
            f"@page wide {{ size: {self.page_h_mm}mm {self.page_w_mm}mm; }}",
            f"html, body {{ font-size: {self.body_pt}pt; }}",
            f"body {{ line-height: {self.body_line}; }}",
            f".boxtitle {{ font-size: {self.title_pt}pt; border-color: #{self.dark}; "
            f"outline-color: #{self.dark}; }}",
            f".boxtitle.sheet {{ font-size: {self.sheet_title_pt}pt; }}",
            f".cover .sub {{ font-size: {self.cover_sub_pt}pt; }}",
            f".cover .issued {{ font-size: {self.cover_issued_pt}pt; }}",
            f".cover .org {{ font-size: {self.cover_org_pt}pt; }}",
            f".toc h1 {{ font-size: {self.toc_title_pt}pt; }}",
            f".toc .l1 {{ font-size: {self.toc_l1_pt}pt; }}",
            f".toc .l2 {{ font-size: {self.toc_l2_pt}pt; }}",
            f".sechead .row > span {{ font-size: {self.section_pt}pt; }}",
            f".sechead .num {{ background: #{self.dark}; }}",
            f".sechead .title {{ border-bottom: {self.heavy_rule_pt}pt solid #{self.dark}; }}",
            f"h2 {{ font-size: {self.heading_pt}pt; }}",
            f"h3.taskhead {{ border-top: {self.heavy_rule_pt}pt solid #{self.dark}; "
            f"border-bottom: {self.heavy_rule_pt}pt solid #{self.dark}; }}",
            f".taskhead .row > span {{ font-size: {self.body_pt}pt; }}",
            f".taskhead .code {{ background: #{self.header_fill}; border-right: "
            f"{self.inner_rule_pt}pt solid #{self.inner_rule_color}; }}",
        ]
        for level, r in self.ladder.items():
            b.append(
                f".b{level} {{ margin-top: {r.before_pt}pt; padding-left: {r.text_px}px; "
                f"text-indent: -{r.hang_px}px; tab-size: {r.hang_px}px; }}"
            )
        b += [
            f".b4 {{ font-size: {self.note_pt}pt; line-height: {self.note_line}; }}",
            f".note {{ padding-left: {self.note_hang_px}px; text-indent: -{self.note_hang_px}px; "
            f"tab-size: {self.note_hang_px}px; font-size: {self.note_pt}pt; "
            f"line-height: {self.note_line}; }}",
            f".caption {{ font-size: {self.caption_pt}pt; }}",
            f".unit {{ font-size: {self.unit_pt}pt; }}",
            f"table.grid, table.form {{ font-size: {self.table_pt}pt; }}",
            f"table.grid {{ border-top: {self.outer_rule_pt}pt solid #000; "
            f"border-bottom: {self.outer_rule_pt}pt solid #000; }}",
            f"table.form {{ border: {self.outer_rule_pt}pt solid #000; }}",
            f"table.small {{ font-size: {self.table_small_pt}pt; }}",
            f"table.grid th, table.grid td, table.form td {{ border: {self.inner_rule_pt}pt "
            f"solid #{self.inner_rule_color}; }}",
            f"table.grid th {{ background: #{self.header_fill}; }}",
            f"tr.total td {{ background: #{self.total_fill}; }}",
            f"td.label {{ background: #{self.label_fill}; }}",
        ]
        return "\n".join(b)


HOUSE_STYLE = HouseStyle()
