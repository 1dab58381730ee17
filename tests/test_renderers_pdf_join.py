"""The PDF is archival (tagged PDF/A-2b) in one process and when joined from parts
(evalkit.renderers._pdf_join), checked on the parsed file."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from _report_data import mini_scoreboard
from test_renderers_pdf import needs_hangul_font

from evalkit.renderers import _pdf, _pdf_parts
from evalkit.renderers._fonts import pdf_fonts
from evalkit.report import Report, RoundInfo, build_report

pytestmark = needs_hangul_font


@pytest.fixture(scope="module")
def mini() -> Report:
    from datetime import date

    return build_report(mini_scoreboard(), round_info=RoundInfo(issue_date=date(2025, 4, 10)))


@pytest.fixture(scope="module")
def pdfs(mini: Report) -> dict[str, bytes]:
    out = {"one process": _pdf.render_pdf_bytes(mini, jobs=1)}
    if _pdf_parts.job_count(2) >= 2:  # parts need fork (Linux)
        plan = _pdf_parts.plan_parts(mini, 3, min_weight=0)
        assert len(plan) == 3
        out["three parts"] = _pdf_parts.render_in_parts(mini, pdf_fonts(), plan)
    return out


def elements(root: Any) -> list[Any]:
    """Every structure element below the structure tree root, depth first."""
    out, stack = [], list(root["/K"])
    while stack:
        elem = stack.pop().get_object()
        if not hasattr(elem, "get") or "/S" not in elem:
            continue
        out.append(elem)
        kids = elem.get("/K", [])
        stack.extend(k for k in (kids if isinstance(kids, list) else [kids]) if hasattr(k, "idnum"))
    return out


def test_pdfa_identification_and_output_intent(pdfs: dict[str, bytes]) -> None:
    for kind, data in pdfs.items():
        reader: Any = pypdf.PdfReader(io.BytesIO(data))
        root = reader.root_object
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp, kind
        assert "2025-04-10T00:00:00Z" in xmp, kind  # the round's issue date, not a fixed one
        [intent] = root["/OutputIntents"]
        intent = intent.get_object()
        assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in str(intent["/Info"]), kind
        assert len(intent["/DestOutputProfile"].get_object().get_data()) > 1000
        assert reader.metadata["/CreationDate"] == "D:20250410000000Z"
        assert data.startswith(b"%PDF-1.7"), kind


def test_tagged_with_one_structure_tree(pdfs: dict[str, bytes]) -> None:
    for kind, data in pdfs.items():
        reader: Any = pypdf.PdfReader(io.BytesIO(data))
        root = reader.root_object
        assert bool(root["/MarkInfo"]["/Marked"]), kind
        tree = root["/StructTreeRoot"].get_object()
        [document] = [k.get_object() for k in tree["/K"]]
        assert document["/S"] == "/Document"
        elems = elements(tree)
        kinds = {str(e["/S"]) for e in elems}
        assert {"/Document", "/H1", "/H2", "/H3", "/P", "/Table", "/TR", "/TD"} <= kinds, kind
        headings = [e for e in elems if e["/S"] in ("/H1", "/H3")]
        assert len([e for e in headings if e["/S"] == "/H3"]) == 7  # one per task, no nesting
        assert not [e for e in headings if e["/P"].get_object()["/S"] in ("/H1", "/H3")]
        figures = [e for e in elems if e["/S"] == "/Figure"]
        assert figures and all(f["/Alt"] for f in figures), kind  # the charts' alt text
        for e in elems[1:]:  # every element's parent holds it
            parent = e["/P"].get_object()
            kids = parent.get("/K", [])
            kids = kids if isinstance(kids, list) else [kids]
            assert any(hasattr(k, "idnum") and k.get_object() is e for k in kids), kind
        pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
        nums = list(tree["/ParentTree"].get_object()["/Nums"])
        keys = dict(zip(nums[::2], nums[1::2], strict=True))
        assert tree.get("/ParentTreeNextKey", max(keys) + 1) == max(keys) + 1  # optional key
        for i, page in enumerate(reader.pages):  # each page's marked content, in its page
            marked = keys[page["/StructParents"]]
            for elem in marked:
                pg = elem.get_object().get("/Pg")
                assert pg is None or pages[pg.idnum] == i, (kind, i)


def test_one_process_and_parts_tag_the_same_text(pdfs: dict[str, bytes]) -> None:
    if len(pdfs) < 2:
        pytest.skip("rendering in parts needs fork (Linux)")
    counts = []
    for data in pdfs.values():
        tree: Any = pypdf.PdfReader(io.BytesIO(data)).root_object["/StructTreeRoot"].get_object()
        counts.append(sorted(str(e["/S"]) for e in elements(tree)))
    assert counts[0] == counts[1]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_check_passes(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    for kind, data in pdfs.items():
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(data)
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (kind, done.stdout, done.stderr)
        assert "No syntax or stream encoding errors" in done.stdout
