"""Hostile and careless files fed to every reader: a located EvalkitError or success, nothing else.

Random bytes, and random mutations of the shipped rubric, a results workbook, a panel workbook
and the adjustments CSV (bytes flipped, cut, repeated; XML inside the workbook edited). Each
example must end in success or an ``EvalkitError`` whose problems name a file; any other
exception, or a run over a few seconds, fails. Examples are bounded so the test runs in seconds.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from _paths import MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalkit import EvalkitError, InputError, load_rubric
from evalkit.workbooks import read_adjustments, read_panel, read_results

MINI_DIR = MINI.parent
RUBRIC = MINI.read_bytes()
RESULTS = (MINI_DIR / "results.xlsx").read_bytes()
PANEL = sorted((MINI_DIR / "panel").glob("*.xlsx"))[0].read_bytes()
ADJUSTMENTS = (MINI_DIR / "adjustments.csv").read_bytes()

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
JUNK = [b"", b"\x00", b"\x1b[31m", b"\x0b", b"&a ", b"*a", b"[[[[", b"]]", b"{", b"- ", b": ",
        b"'", b'"', b"\t", b"\n", b"=cmd|' /C calc'!A0", b"1e30", b"-1", b"\xff\xfe", b"<x>",
        b"&#1;", b"]]>", b"<!ENTITY a 'aaaa'>"]  # fmt: skip


@st.composite
def mutated(draw: Any, data: bytes) -> bytes:
    """``data`` with a few random edits: bytes replaced, cut, repeated or inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        kind = draw(st.sampled_from(["replace", "cut", "repeat", "insert"]))
        if kind == "replace":
            out[i] = draw(st.integers(0, 255))
        elif kind == "cut":
            del out[i : i + draw(st.integers(1, 64))]
        elif kind == "repeat":
            j = min(len(out), i + draw(st.integers(1, 64)))
            out[i:i] = out[i:j] * draw(st.integers(1, 20))
        else:
            out[i:i] = draw(st.sampled_from(JUNK))
    return bytes(out)


@st.composite
def workbook(draw: Any, data: bytes) -> bytes:
    """An xlsx whose members' XML is mutated (a valid zip), or the zip's bytes mutated."""
    if draw(st.booleans()):
        return draw(mutated(data))
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    names = src.namelist()
    target = draw(st.sampled_from(names))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            content = src.read(name)
            out.writestr(name, draw(mutated(content)) if name == target else content)
    return buf.getvalue()


def _check(call: Any) -> None:
    start = time.perf_counter()
    try:
        call()
    except EvalkitError as exc:
        if isinstance(exc, InputError):
            assert exc.problems and all(p.file or p.field for p in exc.problems), exc
    assert time.perf_counter() - start < 10


@pytest.fixture(scope="module")
def rubric() -> Any:
    return load_rubric(MINI)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), mutated(RUBRIC)))
def test_rubric_reader(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "rubric.yaml"
        path.write_bytes(data)
        _check(lambda: load_rubric(path))


@FUZZ
@given(content=st.one_of(st.binary(max_size=2000), workbook(RESULTS)))
def test_results_reader(rubric: Any, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "results.xlsx"
        path.write_bytes(content)
        _check(lambda: read_results(path, rubric))


@FUZZ
@given(content=workbook(PANEL))
def test_panel_reader(rubric: Any, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "산업분과.xlsx"
        path.write_bytes(content)
        _check(lambda: read_panel([path], rubric))


@FUZZ
@given(content=st.one_of(st.binary(max_size=2000), mutated(ADJUSTMENTS)))
def test_adjustments_reader(rubric: Any, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "adjustments.csv"
        path.write_bytes(content)
        _check(lambda: read_adjustments(path, rubric))
