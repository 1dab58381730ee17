"""``evalkit.workbooks`` exports exactly its public names (httpx's test_exported_members pattern).

The package is flat private modules re-exported by ``__init__``. Inside those modules a name
without a leading underscore is public API and must be exported; helpers shared between the
modules carry a leading underscore. Outside the package only the public names are used (tests
of one private module may import that module).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from _paths import ROOT

import evalkit.workbooks as workbooks

PACKAGE = ROOT / "evalkit" / "workbooks"


def private_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules(workbooks.__path__)]
    assert names and all(n.startswith("_") for n in names), names
    return [importlib.import_module(f"evalkit.workbooks.{n}") for n in sorted(names)]


def defined_names(module: ModuleType) -> set[str]:
    """Names a module defines at its top level (functions, classes, assignments)."""
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            out.add(node.name)
        elif isinstance(node, ast.Assign):
            out.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.add(node.target.id)
    return out


def test_all_names_exist() -> None:
    for name in workbooks.__all__:
        assert getattr(workbooks, name, None) is not None, name


def test_all_is_sorted_and_unique() -> None:
    assert workbooks.__all__ == sorted(set(workbooks.__all__))


def test_all_is_every_public_name_of_the_package() -> None:
    public = sorted(n for n in vars(workbooks) if not n.startswith("_"))
    assert workbooks.__all__ == public


def test_every_public_definition_of_the_modules_is_exported() -> None:
    seen: set[str] = set()
    for module in private_modules():
        public = {n for n in defined_names(module) if not n.startswith("_")}
        assert public <= set(workbooks.__all__), (module.__name__, public - set(workbooks.__all__))
        seen |= public
    assert seen == set(workbooks.__all__)  # and nothing exported is defined elsewhere


def test_exports_name_their_defining_module() -> None:
    modules = {m.__name__: m for m in private_modules()}
    for name in workbooks.__all__:
        obj = getattr(workbooks, name)
        assert obj.__module__ in modules, (name, obj.__module__)
        assert name in defined_names(modules[obj.__module__]), name


def test_exports_are_documented() -> None:
    assert workbooks.__doc__ and "results.xlsx" in workbooks.__doc__
    for name in workbooks.__all__:
        doc = getattr(workbooks, name).__doc__
        assert doc and doc.strip(), name
    doc = workbooks.read_inputs.__doc__ or ""
    for section in ("Args:", "Returns:", "Raises:", "InputError"):
        assert section in doc
    for arg in ("rubric", "results", "panel", "adjustments"):
        assert f"{arg}:" in doc, arg


PRIVATE_IMPORT = re.compile(
    r"evalkit\.workbooks\.(_\w+)|from \.workbooks\.(_\w+)|from \.\.workbooks\.(_\w+)"
)


def python_files_outside_the_package() -> list[Path]:
    files = [
        *(ROOT / "evalkit").rglob("*.py"),
        *(ROOT / "examples").rglob("*.py"),
        *(ROOT / "benchmarks").rglob("*.py"),
        *(ROOT / "tests").glob("*.py"),
    ]
    return [p for p in files if PACKAGE not in p.parents]


def test_only_public_names_are_used_outside_the_package() -> None:
    offenders = []
    for path in python_files_outside_the_package():
        for match in PRIVATE_IMPORT.finditer(path.read_text(encoding="utf-8")):
            module = next(g for g in match.groups() if g)
            # A private module's own tests may reach into it: tests/test_workbooks_<module>.py.
            if path.name != f"test_workbooks{module}.py":
                offenders.append((path.relative_to(ROOT).as_posix(), module))
    assert offenders == []


def test_importing_the_package_does_not_load_openpyxl() -> None:
    code = "import sys, evalkit.workbooks\nprint('openpyxl' in sys.modules)\n"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "False"
