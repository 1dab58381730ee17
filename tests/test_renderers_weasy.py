"""Every WeasyPrint internal the PDF renderer relies on (evalkit.renderers._weasy).

These tests fail loudly, naming the internal, when a WeasyPrint release moves one: read the
release notes and the module's docstring before widening the version bound in pyproject.toml.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from evalkit import EvalkitError
from evalkit.renderers import _weasy
from evalkit.renderers._pdf_html import templates_dir

weasyprint = pytest.importorskip("weasyprint")


def test_every_internal_we_rely_on_is_there() -> None:
    assert _weasy.missing_internals() == []


def test_a_missing_internal_is_refused_in_korean(monkeypatch: Any) -> None:
    monkeypatch.setattr(_weasy, "missing_internals", lambda: ["weasyprint.HTML._ua_stylesheets"])
    with pytest.raises(EvalkitError, match=r"WeasyPrint.*_ua_stylesheets.*설치"):
        _weasy.check_internals()


def test_ua_stylesheets_signature_and_override() -> None:
    original = inspect.signature(weasyprint.HTML._ua_stylesheets)
    assert next(iter(original.parameters)) == "self"
    cls = _weasy.html_class(templates_dir() / "ua.css")
    sheets = cls._ua_stylesheets(object.__new__(cls))
    assert len(sheets) == 1 and isinstance(sheets[0], weasyprint.CSS)


def test_from_tree_sets_what_html_init_sets() -> None:
    import xml.etree.ElementTree as ET

    cls = _weasy.html_class(templates_dir() / "ua.css")
    tree = ET.fromstring("<html><body><p>가</p></body></html>")
    doc = cls.from_tree(tree, Path.cwd().as_uri() + "/", None)
    for name in _weasy.HTML_ATTRIBUTES:
        assert hasattr(doc, name), name
    page = doc.render().pages
    assert len(page) == 1


def test_counter_style_render_value_signature() -> None:
    from weasyprint.css.counters import CounterStyle

    params = list(inspect.signature(CounterStyle.render_value).parameters)
    assert params[:3] == ["self", "counter_value", "counter_name"]
    numbers = _weasy.counter_style_class(1.0)(10, None, None)
    assert numbers.render_value(3, "evalkit-page") == "13"


def test_the_fetcher_serves_only_the_templates_and_resources(tmp_path: Path) -> None:
    fetch = _weasy.fetcher_class()(templates_dir(), {"a.svg": (b"<svg/>", "image/svg+xml")})
    assert fetch.fetch(f"{_weasy.RESOURCE_SCHEME}:a.svg") is not None
    outside = tmp_path / "x.css"
    outside.write_text("p{}")
    with pytest.raises(ValueError, match="blocked"):
        fetch.fetch(outside.as_uri())
