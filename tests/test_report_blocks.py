"""The report's blocks (evalkit._report._blocks): the renderers' contract, engine-free."""

from __future__ import annotations

import ast
import dataclasses
import sys

import pytest
from _paths import ROOT
from _report_data import mini_scoreboard

import evalkit
from evalkit._report import (
    KEEP_ROWS,
    MARKERS,
    Bullet,
    Heading,
    Report,
    Section,
    Table,
    build_report,
)


@pytest.fixture(scope="module")
def sb() -> evalkit.Scoreboard:
    return mini_scoreboard()


@pytest.fixture(scope="module")
def annual(sb: evalkit.Scoreboard) -> Report:
    return build_report(sb)


def test_short_tables_are_kept_together() -> None:
    def table(n: int) -> Table:
        return Table(("a",), tuple((str(i),) for i in range(n)), (1,), ("left",))

    assert table(KEEP_ROWS).keep_together and not table(KEEP_ROWS + 1).keep_together


def test_the_model_is_frozen(annual: Report) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        annual.title = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="expected 2"):
        Table(("a", "b"), (("1",),), (1, 1), ("left", "left"))


ENGINE = {"_scoring", "_grading", "_panel", "_achievement", "_rubric", "_scheme", "_units"}


def test_blocks_import_the_standard_library_only() -> None:
    """The renderers' contract stays readable without the engine: no relative import, no
    engine module, nothing outside the standard library."""
    path = ROOT / "evalkit" / "_report" / "_blocks.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.extend((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.append((node.level, node.module or ""))
    assert modules  # the walk saw the imports
    assert not [m for level, m in modules if level > 0], "relative imports reach the package"
    tops = {m.split(".")[0] for _, m in modules}
    assert not tops & ENGINE and not any("evalkit" in t for t in tops)
    assert tops <= set(sys.stdlib_module_names) | {"__future__"}, tops


def test_the_package_exports_what_it_lists() -> None:
    import evalkit._report as pkg

    public = {n for n in vars(pkg) if not n.startswith("_")}
    assert public == set(pkg.__all__)
    assert len(pkg.__all__) == len(public)  # listed once each


def test_block_defaults_and_toc_labels() -> None:
    h = Heading("1.", "평가 대상")
    assert h.in_toc and not h.new_page
    b = Bullet(1, "x")
    assert not b.keep_with_next and b.marker == MARKERS[1] == "□"
    part = Section("Ⅰ", "평가 개요", "overview", (h, b))
    appendix = Section("붙임 1", "총괄표", "ranking", (), appendix=True)
    assert (part.toc_label, appendix.toc_label) == ("Ⅰ. 평가 개요", "[붙임 1] 총괄표")
