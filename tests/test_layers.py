"""The one direction of flow, checked over every module of the package.

model (rubric, round, inputs) -> engine (achievement, panel, grading, scoring, decisions)
-> report model and workbooks -> renderers -> public facades and CLI.

A module may import from its own layer or a lower one, never a higher one; imports inside
functions count too (a lazy import still ties the layers together). Every module must be placed
in a layer here: a new module that is not fails the test until someone decides where it belongs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "evalkit"

# Longest matching prefix wins. Numbers only order the layers.
LAYERS: dict[str, int] = {
    # 0: shared foundations, no domain knowledge
    "evalkit._errors": 0,
    "evalkit._numbers": 0,
    "evalkit._version": 0,
    "evalkit._files": 0,
    "evalkit._yaml": 0,
    "evalkit._units": 0,
    "evalkit._glossary": 0,
    # 1: the model: immutable definitions and inputs
    "evalkit._quota": 1,
    "evalkit._milestones": 1,
    "evalkit._scheme": 1,
    "evalkit._rubric": 1,
    "evalkit._inputs": 1,
    "evalkit._loader": 1,
    "evalkit._includes": 1,
    "evalkit._round": 1,
    "evalkit._identifiers": 1,
    "evalkit._schema": 1,
    "evalkit._newyear": 1,
    # 2: the engine: everything that computes
    "evalkit._achievement": 2,
    "evalkit._panel": 2,
    "evalkit._standardise": 2,
    "evalkit._grading": 2,
    "evalkit._margins": 2,
    "evalkit._scoring": 2,
    "evalkit._decisions": 2,
    "evalkit._diff": 2,
    "evalkit._whatif": 2,
    "evalkit.grading": 2,
    # 3: what is made from scores: the report model and the workbooks read and written
    "evalkit._report": 3,
    "evalkit._csvio": 3,
    "evalkit.workbooks": 3,
    # 4: renderers of the report model
    "evalkit.renderers": 4,
    # 5: facades and the command line
    "evalkit.report": 5,
    "evalkit": 5,  # evalkit/__init__.py, the public facade
    "evalkit.cli": 6,
}

# Renderers lay out the report model; they never reach past it into the engine or the model.
RENDERER_MAY_IMPORT = (
    "evalkit.renderers",
    "evalkit._report",
    "evalkit._errors",
    "evalkit._files",
    "evalkit._version",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for prefix, layer in LAYERS.items():
        if (module == prefix or module.startswith(prefix + ".")) and (
            best is None or len(prefix) > best[0]
        ):
            best = (len(prefix), layer)
    return None if best is None else best[1]


def _imports(path: Path, module: str) -> set[str]:
    """Every evalkit module ``path`` imports, with relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "evalkit")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "evalkit":
                continue
            # `from . import x` / `from .pkg import mod` may name a submodule
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                sub_path = PACKAGE.parent / Path(*sub.split("."))
                is_module = sub_path.with_suffix(".py").exists() or sub_path.is_dir()
                found.add(sub if is_module else target)
    found.discard(module)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = [_module_name(p) for p in MODULES if _layer(_module_name(p)) is None]
    assert unplaced == [], f"place these modules in tests/test_layers.py LAYERS: {unplaced}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_imports_flow_one_way(path: Path) -> None:
    module = _module_name(path)
    own = _layer(module)
    assert own is not None
    upward = {
        target: _layer(target)
        for target in _imports(path, module)
        if (_layer(target) or 0) > own and not module.startswith(target + ".")
    }
    assert upward == {}, f"{module} (layer {own}) imports higher layers: {upward}"


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if _module_name(p).startswith("evalkit.renderers")],
    ids=lambda p: _module_name(p),
)
def test_renderers_read_only_the_report_model(path: Path) -> None:
    module = _module_name(path)
    reached = {
        t
        for t in _imports(path, module)
        if not t.startswith(RENDERER_MAY_IMPORT) and t != "evalkit"
    }
    assert reached == set(), f"{module} reaches past the report model: {sorted(reached)}"


def test_no_import_cycles_at_module_level() -> None:
    """Top-level imports form no cycle (a cycle makes import order matter)."""
    graph = {_module_name(p): _imports(p, _module_name(p)) for p in MODULES}
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + "."):
                continue  # a package re-exporting its own submodules
            if state.get(nxt) == "open":
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
