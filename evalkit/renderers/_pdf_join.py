"""What joining the parts of a long PDF must keep for an archive: PDF/A and the tags.

Each part is written by WeasyPrint as tagged PDF/A-2b: XMP metadata naming the PDF/A part, an
sRGB output intent, ``/MarkInfo`` and a structure tree (``/StructTreeRoot``) whose elements
point at the part's pages and whose parent tree is keyed by the pages' ``/StructParents`` and
the annotations' ``/StructParent``. :func:`keep_archival` gives the joined file the first part's
metadata and output intent, and one structure tree: one ``/Document`` holding every part's
elements in order, with the parent-tree keys of each part moved past the keys of the parts
before it. The file identifier is derived from the parts' identifiers, so equal parts give an
equal file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from .._errors import EvalkitError


def _nums(tree: Any) -> list[tuple[int, Any]]:
    """A number tree's (key, value) pairs; WeasyPrint writes a flat ``/Nums`` array."""
    tree = tree.get_object()
    if "/Kids" in tree:
        raise EvalkitError("PDF: 부분 PDF의 구조 트리 형식을 읽을 수 없습니다(/Kids).")
    flat = list(tree.get("/Nums", []))
    return [(int(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]


def _reparent(elem_ref: Any, parent_ref: Any) -> None:
    """Set ``/P`` on a cloned structure element and on every element below it."""
    from pypdf.generic import IndirectObject, NameObject

    stack = [(elem_ref, parent_ref)]
    while stack:
        ref, parent = stack.pop()
        elem = ref.get_object()
        if not hasattr(elem, "get") or "/S" not in elem:
            continue  # a marked-content id or an object reference, not an element
        elem[NameObject("/P")] = parent
        kids = elem.get("/K")
        if kids is None:
            continue
        raw = elem.raw_get("/K")
        items = kids if isinstance(kids, list) else [raw]
        own = ref if isinstance(ref, IndirectObject) else parent
        stack.extend((k, own) for k in items if isinstance(k, IndirectObject))


def keep_archival(writer: Any, readers: Sequence[Any], page_starts: Sequence[int]) -> None:
    """Give ``writer`` (holding every page of ``readers``, the parts in order, part ``k``'s
    pages from ``page_starts[k]``) the parts' PDF/A identification and one structure tree."""
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        NumberObject,
    )

    first = readers[0].root_object
    for entry in ("/Metadata", "/OutputIntents", "/MarkInfo"):
        if entry in first:  # raw: a stream must stay an indirect object
            writer.root_object[NameObject(entry)] = first.raw_get(entry).clone(writer)

    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    document = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): root_ref,
        }
    )
    doc_ref = writer._add_object(document)
    kids = ArrayObject()
    nums = ArrayObject()
    offset = 0
    for reader, start in zip(readers, page_starts, strict=True):
        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            continue
        tree = tree.get_object()
        part_kids = tree["/K"]
        part_kids = part_kids if isinstance(part_kids, list) else [part_kids]
        # The part's /Document element's children become children of the joined one.
        for top in part_kids:
            top_obj = top.get_object()
            children = top_obj.get("/K", [])
            for child in children if isinstance(children, list) else [children]:
                # Without /P: following the parent links would copy the part's whole tree.
                clone = child.clone(writer, ignore_fields=["/P"])
                _reparent(clone, doc_ref)
                kids.append(clone)
        pairs = _nums(tree["/ParentTree"])
        for key, value in pairs:
            nums.append(NumberObject(key + offset))
            nums.append(value.clone(writer))
        for i, part_page in enumerate(reader.pages):
            page = writer.pages[start + i]  # pypdf's add_page leaves /StructParents out
            if "/StructParents" in part_page:
                key = int(part_page["/StructParents"]) + offset
                page[NameObject("/StructParents")] = NumberObject(key)
            for annot in page.get("/Annots") or []:
                a = annot.get_object()
                if "/StructParent" in a:
                    a[NameObject("/StructParent")] = NumberObject(a["/StructParent"] + offset)
        offset += max((k for k, _ in pairs), default=-1) + 1
    document[NameObject("/K")] = kids
    root[NameObject("/K")] = ArrayObject([doc_ref])
    root[NameObject("/ParentTree")] = writer._add_object(
        DictionaryObject({NameObject("/Nums"): nums})
    )
    root[NameObject("/ParentTreeNextKey")] = NumberObject(offset)
    writer.root_object[NameObject("/StructTreeRoot")] = root_ref

    ids = b"".join(bytes(r.trailer["/ID"][0].original_bytes) for r in readers if "/ID" in r.trailer)
    ident = ByteStringObject(hashlib.md5(ids, usedforsecurity=False).hexdigest().encode())
    writer._ID = ArrayObject([ident, ident])
