"""CSV in and out, as Korean Excel writes and reads it.

Reading: UTF-8 with or without BOM, CP949 (what Korean Excel's "CSV" writes) and UTF-16 with
BOM ("유니코드 텍스트", tab-separated); comma or tab separated. Writing: UTF-8 with BOM, so
Korean Excel opens the file without garbling 한글, and text that Excel would take for a formula
(``=``, ``+``, ``-``, ``@``) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .._errors import Problem
from .._files import InputTooLargeError, NotAFileError, read_bounded

# Text that spreadsheet programs evaluate as a formula when it starts a cell (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_UTF8_BOM = b"\xef\xbb\xbf"
# What one CSV may hold (the same rows and columns as a workbook, see ``_xlsx``).
_MAX_CSV_BYTES = 64 * 1024 * 1024
_MAX_CSV_ROWS = 100_000
_MAX_CSV_COLUMNS = 1_000


@dataclass(frozen=True)
class _CsvText:
    """A decoded CSV file: its records (header included) and the encoding that read it."""

    records: list[list[str]]
    encoding: str
    delimiter: str


def _decode(data: bytes) -> tuple[str, str] | None:
    """Text of ``data`` and the encoding that decoded it, or None when none fits.

    UTF-8 is tried before CP949: Korean CP949 text is almost never valid UTF-8, while the
    reverse guess would silently garble UTF-8 files.
    """
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    for enc in ("utf-8", "cp949"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None


def _read_csv(path: Path, problems: list[Problem]) -> _CsvText | None:
    """Read a CSV file; on failure append a located problem and return None."""
    try:
        data = read_bounded(path, _MAX_CSV_BYTES)
    except FileNotFoundError:
        problems.append(Problem("file not found", file=str(path), fix="check the path"))
        return None
    except NotAFileError:
        problems.append(
            Problem(
                "일반 파일이 아닙니다 (폴더, 장치 또는 파이프)",
                file=str(path),
                fix="CSV 파일의 경로를 적으십시오",
            )
        )
        return None
    except InputTooLargeError:
        problems.append(
            Problem(
                f"파일이 너무 큽니다 ({_MAX_CSV_BYTES // (1024 * 1024)} MB 초과)",
                file=str(path),
                fix="필요한 표만 남기고 다시 저장하십시오",
            )
        )
        return None
    except OSError as exc:
        problems.append(
            Problem(
                f"cannot read the file: {exc.strerror or exc}",
                file=str(path),
                fix="check the path and its permissions",
            )
        )
        return None
    decoded = _decode(data)
    if decoded is None:
        problems.append(
            Problem(
                "the file is neither UTF-8 nor CP949 text",
                file=str(path),
                fix="in Excel use 다른 이름으로 저장 → 'CSV UTF-8 (쉼표로 분리)'",
            )
        )
        return None
    text, encoding = decoded
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        records: list[list[str]] = []
        last = 0  # number of records up to the last one with any text
        blank: list[str] = []  # one shared list for every blank record (",,,," lines)
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if not any(v.strip() for v in record):
                records.append(blank)
                continue
            records.append(record)
            last = len(records)
            if last > _MAX_CSV_ROWS or len(record) > _MAX_CSV_COLUMNS:
                problems.append(
                    Problem(
                        f"표가 너무 큽니다 (최대 {_MAX_CSV_ROWS:,}행, {_MAX_CSV_COLUMNS:,}열)",
                        file=str(path),
                        row=last,
                        fix="표 아래나 오른쪽 멀리 떨어진 값을 지우고 다시 저장하십시오",
                    )
                )
                return None
        del records[last:]  # blank lines below the table (Excel writes its formatted rows)
    except csv.Error as exc:
        problems.append(
            Problem(f"malformed CSV: {exc}", file=str(path), fix='check for an unclosed quote (")')
        )
        return None
    return _CsvText(records, encoding, delimiter)


def _safe_text(text: str) -> str:
    """``text`` as a CSV cell that spreadsheets show as text, never run as a formula."""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _csv_cell(value: object) -> str:
    """Printed form of one value in a CSV we write (numbers exact, text formula-safe)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Fraction):
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    if isinstance(value, int):
        return str(value)
    return _safe_text(str(value))


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A UTF-8 (BOM) CSV with CRLF line ends, as Excel writes it."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return _UTF8_BOM + buf.getvalue().encode("utf-8")
