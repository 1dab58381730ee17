from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from evalkit._yaml import load_yaml


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    p = tmp_path / "x.yaml"
    p.write_text(text, encoding="utf-8")
    return load_yaml(p)


def test_floats_are_exact_decimals(tmp_path: Path) -> None:
    doc, problems = _load(tmp_path, "a: 0.3\nb: 1350\nc: 94.30\n")
    assert not problems
    assert doc.data == {"a": Decimal("0.3"), "b": 1350, "c": Decimal("94.30")}


def test_no_is_a_key_not_a_boolean(tmp_path: Path) -> None:
    doc, _ = _load(tmp_path, "no: 1\nnew: true\nyes: off\n")
    assert doc.data == {"no": 1, "new": True, "yes": "off"}


def test_positions_are_one_based(tmp_path: Path) -> None:
    doc, _ = _load(tmp_path, "a:\n  - x: 1\n  - x: 2\n")
    m = doc.mark_for(("a", 1, "x"))
    assert (m.line, m.column) == (3, 8)  # the value itself, where a bad value is fixed
    assert doc.mark_for(("a", 1, "missing")) == doc.mark_for(("a", 1))


def test_duplicate_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    doc, problems = _load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert doc is None
    assert problems[0].line == 3 and "twice" in problems[0].message


def test_syntax_error_names_line(tmp_path: Path) -> None:
    doc, problems = _load(tmp_path, "a: [1, 2\nb: 3\n")
    assert doc is None and problems[0].line is not None and "syntax" in problems[0].message


def test_empty_and_missing_files(tmp_path: Path) -> None:
    _, problems = _load(tmp_path, "   \n")
    assert "empty" in problems[0].message
    _, problems = load_yaml(tmp_path / "nope.yaml")
    assert "not found" in problems[0].message


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "cp949.yaml"
    p.write_bytes("a: 가나다\n".encode("cp949"))
    doc, problems = load_yaml(p)
    assert doc is None and "UTF-8" in problems[0].message
