"""Deterministic xlsx bytes: fixed zip timestamps and a fixed time in docProps/core.xml."""

from __future__ import annotations

import io
import zipfile

from evalkit.workbooks._zip import _FIXED_TIME, _deterministic_zip

CORE = (
    b'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2026-12-02T06:44:17Z'
    b'</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-02T06:44:18Z'
    b"</dcterms:modified><dc:creator>evalkit</dc:creator></cp:coreProperties>"
)


def a_zip(when: tuple[int, int, int, int, int, int]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=when), b"<Types/>")
        z.writestr(zipfile.ZipInfo("docProps/core.xml", date_time=when), CORE)
    return buf.getvalue()


def test_timestamps_are_fixed_and_content_kept() -> None:
    out = _deterministic_zip(a_zip((2026, 12, 2, 6, 44, 17)))
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["[Content_Types].xml", "docProps/core.xml"]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert {i.external_attr for i in infos} == {0o644 << 16}
        assert z.read("[Content_Types].xml") == b"<Types/>"
        core = z.read("docProps/core.xml")
    assert _FIXED_TIME.year == 2000
    assert core == CORE.replace(b"2026-12-02T06:44:17Z", b"2000-01-01T00:00:00Z").replace(
        b"2026-12-02T06:44:18Z", b"2000-01-01T00:00:00Z"
    )


def test_saves_at_different_times_give_the_same_bytes() -> None:
    first = _deterministic_zip(a_zip((2026, 12, 2, 6, 44, 17)))
    assert _deterministic_zip(a_zip((2031, 1, 9, 23, 59, 58))) == first
    assert _deterministic_zip(first) == first  # idempotent
