"""CSV as Korean Excel writes it, formula-safe output, and all-or-nothing file writes."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from evalkit import Problem
from evalkit.workbooks import _csv
from evalkit.workbooks._csv import _csv_bytes, _csv_cell, _decode, _read_csv, _safe_text

TEXT = '키,실적,근거·비고\r\nⅠ-1-①-1,"1,350","두 줄\n근거"\r\n'


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp949"), "cp949"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_read_csv_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    problems: list[Problem] = []
    got = _read_csv(path, problems)
    assert problems == [] and got is not None
    assert got.encoding == encoding
    assert got.records == [["키", "실적", "근거·비고"], ["Ⅰ-1-①-1", "1,350", "두 줄\n근거"]]


def test_read_csv_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("키\t실적\nⅠ-1-①-1\t1,350\n".encode("utf-16"))
    got = _read_csv(path, [])
    assert got is not None and got.delimiter == "\t"
    assert got.records[1] == ["Ⅰ-1-①-1", "1,350"]


def test_read_csv_refuses_undecodable_and_missing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x80\x80,\xff\n")
    problems: list[Problem] = []
    assert _read_csv(bad, problems) is None
    assert problems[0].file == str(bad) and "neither UTF-8 nor CP949" in problems[0].message
    assert problems[0].fix is not None and "CSV UTF-8" in problems[0].fix
    assert _read_csv(tmp_path / "none.csv", problems) is None
    assert problems[1].message == "file not found"


def test_decode_prefers_utf8_and_rejects_broken_bom() -> None:
    assert _decode("한글".encode()) == ("한글", "utf-8")
    assert _decode("한글".encode("cp949")) == ("한글", "cp949")
    assert _decode(b"\xef\xbb\xbf\xff") is None


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+82", "'+82"),
        ("-3 감소", "'-3 감소"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("평범한 글", "평범한 글"),
        ("#N/A", "#N/A"),
        ("", ""),
    ],
)
def test_safe_text(text: str, safe: str) -> None:
    assert _safe_text(text) == safe


def test_csv_cell_numbers_are_exact() -> None:
    assert [
        _csv_cell(v)
        for v in (
            None,
            True,
            False,
            1.5,
            2.0,
            float("nan"),
            Decimal("0.30"),
            Fraction(1, 4),
            7,
            "=x",
        )
    ] == ["", "TRUE", "FALSE", "1.5", "2", "", "0.30", "0.25", "7", "'=x"]


def test_csv_bytes_has_bom_and_crlf() -> None:
    data = _csv_bytes(["과제", "점수"], [["=Ⅰ-1-①", Decimal("-1.5")], ["a,b", None]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode() == '과제,점수\r\n\'=Ⅰ-1-①,-1.5\r\n"a,b",\r\n'


# --- limits: only regular files, bounded size and rows ------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "device", "fifo"])
def test_read_csv_refuses_what_is_not_a_file(tmp_path: Path, kind: str) -> None:
    import os

    path = {"folder": tmp_path, "device": Path("/dev/zero"), "fifo": tmp_path / "p.csv"}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    problems: list[Problem] = []
    assert _read_csv(path, problems) is None
    assert "일반 파일이 아닙니다" in problems[0].message and problems[0].file == str(path)


def test_read_csv_refuses_a_file_over_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_csv, "_MAX_CSV_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("a,b\n" * 300, encoding="utf-8")
    problems: list[Problem] = []
    assert _read_csv(path, problems) is None
    assert "너무 큽니다" in problems[0].message


def test_blank_lines_below_the_table_are_dropped_and_rows_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n,\n\n3,4\n" + ",,,\n" * 200_000, encoding="utf-8")
    problems: list[Problem] = []
    got = _read_csv(path, problems)
    assert got is not None and not problems
    assert got.records == [["a", "b"], ["1", "2"], [], [], ["3", "4"]]
    monkeypatch.setattr(_csv, "_MAX_CSV_ROWS", 3)
    assert _read_csv(path, problems) is None
    assert problems[0].row == 5 and "너무 큽니다" in problems[0].message
