"""The house style of every workbook evalkit writes (``_Book``) and the shared layout.

Layout: title in row 1, instructions in row 2, the header in row 3 (``_HEADER_ROW``), data from
row 4; an ``안내`` (cover) sheet explains how to fill the workbook. Input cells are yellow. Text
is always stored as text (never a formula), columns fit their text, pages print A4 landscape.
openpyxl is imported inside the functions: importing evalkit never loads it.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from .._errors import InputError, Problem
from .._numbers import round_half_up
from ._csv import _FORMULA_PREFIXES
from ._zip import _FIXED_TIME, _deterministic_zip

_COVER_SHEET = "안내"
_HEADER_ROW = 3  # title, instructions, then the header; data from row 4

_INPUT_FILL = "FFF2CC"
_HEADER_FILL = "D9D9D9"
_INFO_FONT = "595959"


class _Book:
    """An openpyxl workbook with the house style: safe text, widths that fit, A4 landscape."""

    def __init__(self) -> None:
        import openpyxl
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)
        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.info_font = Font(color=_INFO_FONT)
        self.header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
        self.input_fill = PatternFill("solid", fgColor=_INPUT_FILL)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top = Alignment(vertical="top")

    def sheet(self, title: str) -> Any:
        return self.wb.create_sheet(title)

    def put(self, ws: Any, row: int, col: int, value: object) -> Any:
        """Write one value; text is always stored as text, never as a formula."""
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters xlsx cannot hold
            cell.value = text
            cell.data_type = "s"  # not "f" (=…) nor "e" (#N/A…)
            if text.startswith(_FORMULA_PREFIXES):
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        elif isinstance(value, Fraction):
            cell.value = float(round_half_up(value, 6))
        else:
            cell.value = value
        return cell

    def formula(self, ws: Any, row: int, col: int, text: str) -> Any:
        cell = ws.cell(row=row, column=col)
        cell.value = text  # our own formula (합계), never user text
        return cell

    def header(self, ws: Any, row: int, labels: Sequence[str]) -> None:
        for j, label in enumerate(labels, start=1):
            c = self.put(ws, row, j, label)
            c.font, c.fill, c.alignment, c.border = (
                self.bold,
                self.header_fill,
                self.center,
                self.border,
            )

    def title(self, ws: Any, text: str, note: str, width: int) -> None:
        c = self.put(ws, 1, 1, text)
        c.font = self.title_font
        n = self.put(ws, 2, 1, note)
        n.font, n.alignment = self.info_font, self.wrap
        if width > 1:
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
            ws.row_dimensions[2].height = 15 * max(1, math.ceil(_display_width(note) / 150))

    def fit_columns(
        self,
        ws: Any,
        first_row: int,
        caps: Mapping[int, int],
        *,
        minimum: int = 6,
        default_cap: int = 40,
    ) -> None:
        """Column widths that fit the text (Hangul counts double), within per-column caps."""
        from openpyxl.utils import get_column_letter

        widths: dict[int, int] = {}
        for row in ws.iter_rows(min_row=first_row):
            for cell in row:
                if cell.value is None or type(cell).__name__ == "MergedCell":
                    continue
                text = cell.value if isinstance(cell.value, str) else _plain_text(cell.value)
                widths[cell.column] = max(widths.get(cell.column, 0), _display_width(text))
        for col, w in widths.items():
            cap = caps.get(col, default_cap)
            ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(w + 2, cap))

    @staticmethod
    def printable(ws: Any, title_rows: str, last_col: int, last_row: int) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.print_title_rows = title_rows
        ws.print_area = f"A1:{get_column_letter(last_col)}{max(last_row, 1)}"
        ws.oddFooter.center.text = "&P / &N"

    def to_bytes(self) -> bytes:
        props = self.wb.properties
        props.creator = "evalkit"
        props.created = _FIXED_TIME
        buf = io.BytesIO()
        self.wb.save(buf)
        return _deterministic_zip(buf.getvalue())


def _display_width(text: str) -> int:
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
            for line in str(text).splitlines()
        ),
        default=0,
    )


def _plain_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if not value.is_integer() else str(int(value))
    return str(value)


def _number_value(value: Decimal | None) -> Decimal | int | None:
    """A Decimal as the workbook shows it (integers as int, no trailing zeros)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _output_suffix(path: Path) -> str:
    """The output format by extension: ``.xlsx`` or ``.csv``; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(
            [
                Problem(
                    f"cannot write {suffix or 'a file without extension'} files",
                    file=str(path),
                    fix="name the output .xlsx or .csv",
                )
            ]
        )
    return suffix
