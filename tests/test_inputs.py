"""The input values are the model layer: plain data that imports no other evalkit module."""

from __future__ import annotations

import ast
import inspect
from fractions import Fraction

import evalkit
from evalkit import _inputs, _panel


def test_inputs_import_nothing_from_evalkit() -> None:
    tree = ast.parse(inspect.getsource(_inputs))
    relative = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.level > 0 or "evalkit" in (node.module or ""))
    ]
    assert relative == []


def test_evaluator_sheet_lives_in_the_model_and_the_engine_uses_it() -> None:
    assert evalkit.EvaluatorSheet is _inputs.EvaluatorSheet
    assert _inputs.EvaluatorSheet.__module__ == "evalkit._inputs"
    assert _panel.EvaluatorSheet is _inputs.EvaluatorSheet  # type: ignore[attr-defined]


def test_panel_from_rows_builds_exact_sheets() -> None:
    panel = evalkit.Panel.from_rows([("Ⅰ-1-①", "김", {"plan": "12.5"}), ("Ⅰ-1-①", "이", {})])
    first, second = panel.sheets["Ⅰ-1-①"]
    assert first.scores == {"plan": Fraction(25, 2)} and first.total == Fraction(25, 2)
    assert second.total == 0 and panel.evaluators == ("김", "이")
