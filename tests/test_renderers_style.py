"""The house style is one object: the DOCX reads it, the PDF's CSS is written from it, and the
stylesheet repeats none of its values."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, replace

import pytest

from evalkit.renderers import HOUSE_STYLE, HouseStyle
from evalkit.renderers import _docx_xml as docx_xml
from evalkit.renderers._pdf_html import templates_dir


def test_the_style_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        HOUSE_STYLE.margin_bottom_mm = 15  # type: ignore[misc]


def test_css_carries_the_page_margins_sizes_ladder_and_fills() -> None:
    css = HOUSE_STYLE.css()
    assert "size: 210mm 297mm; margin: 15mm 20mm 17mm 20mm;" in css
    assert "@page wide { size: 297mm 210mm; }" in css
    assert "html, body { font-size: 15pt; }" in css
    assert (
        ".b1 { margin-top: 10pt; padding-left: 26px; text-indent: -26px; tab-size: 26px; }" in css
    )
    assert ".b4 { margin-top: 4pt; padding-left: 75px; text-indent: -19px; tab-size: 19px; }" in css
    for fill in ("D9E1F2", "E7E6E6", "F2F2F2", "1F3864"):
        assert f"#{fill}" in css


def test_a_changed_style_changes_the_css() -> None:
    css = replace(HOUSE_STYLE, margin_bottom_mm=25, body_pt=12).css()
    assert "margin: 15mm 20mm 25mm 20mm;" in css and "font-size: 12pt;" in css


def test_the_stylesheet_repeats_no_value_of_the_style() -> None:
    """report.css keeps structure only: no page margin, no font size, no fill of its own."""
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"font-size:\s*[\d.]+pt", rules)
    assert "margin: 15mm" not in rules and "size: A4" not in rules
    for fill in ("D9E1F2", "E7E6E6", "F2F2F2", "1F3864"):
        assert fill.lower() not in rules.lower()


def test_docx_layout_comes_from_the_style() -> None:
    mm = 1440 / 25.4
    assert round(HOUSE_STYLE.page_w_mm * mm) == docx_xml.PAGE_W
    assert round(HOUSE_STYLE.margin_bottom_mm * mm) == docx_xml.MARGIN_BOTTOM
    assert docx_xml.OUTER == 12 and docx_xml.INNER == 4 and docx_xml.HEAVY == 18


def test_ladder_in_whole_pixels_for_the_pdf_and_points_for_docx() -> None:
    rungs = HouseStyle().ladder
    assert [r.text_px for r in rungs.values()] == [26, 45, 60, 75]
    assert rungs[1].hang_pt == 19.5 and rungs[2].marker_pt == 15
