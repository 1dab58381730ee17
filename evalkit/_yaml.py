"""YAML loading that keeps positions, so every error can name file, line and column.

Numbers become exact: YAML floats are read from their text as :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ._errors import Problem

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    file: str
    line: int  # 1-based
    column: int  # 1-based


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal from their text (0.3 stays exactly 3/10)."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value).replace("_", "")
    lowered = text.lower()
    if lowered in (".nan", ".inf", "+.inf", "-.inf"):
        return loader.construct_yaml_float(node)
    return Decimal(text)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)

# YAML 1.1 reads yes/no/on/off as booleans, so the key `no:` (an indicator's number) would
# become False. Only true/false are booleans here, as in YAML 1.2.
_ExactLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ExactLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class YamlDocument:
    """Parsed data plus a map from data path to the position where it was written."""

    def __init__(self, data: Any, marks: dict[Path_, Mark]) -> None:
        self.data = data
        self.marks = marks

    def mark_for(self, path: Path_) -> Mark | None:
        """Position of ``path`` or of its nearest ancestor written in the file."""
        p = tuple(path)
        while True:
            if p in self.marks:
                return self.marks[p]
            if not p:
                return None
            p = p[:-1]


def _walk(
    node: yaml.Node, loader: _ExactLoader, file: str, path: Path_, marks: dict[Path_, Mark]
) -> Any:
    marks[path] = Mark(file, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                key = str(key)
            if key in out:
                raise _DuplicateKey(
                    key, Mark(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                )
            out[key] = _walk(value_node, loader, file, (*path, key), marks)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(v, loader, file, (*path, i), marks) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, mark: Mark) -> None:
        self.key = key
        self.mark = mark


def load_yaml(
    path: Path, display_name: str | None = None
) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one YAML file. Returns (document, problems); document is None on failure."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem("file not found", file=name, fix="check the path")]
    except UnicodeDecodeError as exc:
        return None, [
            Problem(
                f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                file=name,
                fix="save the file as UTF-8",
            )
        ]
    except OSError as exc:
        return None, [Problem(f"cannot read file: {exc.strerror}", file=name)]
    if not text.strip():
        return None, [
            Problem(
                "the file is empty",
                file=name,
                fix="write the rubric mapping (see `evalkit schema`)",
            )
        ]
    loader = _ExactLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem("the file holds no YAML document", file=name)]
        marks: dict[Path_, Mark] = {}
        data = _walk(node, loader, name, (), marks)
    except _DuplicateKey as dup:
        return None, [
            Problem(
                f"key {dup.key!r} appears twice in one mapping",
                file=name,
                line=dup.mark.line,
                column=dup.mark.column,
                fix="remove or rename one of them",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mk = exc.problem_mark or exc.context_mark
        return None, [
            Problem(
                f"YAML syntax error: {exc.problem or exc.context}",
                file=name,
                line=mk.line + 1 if mk else None,
                column=mk.column + 1 if mk else None,
                fix="check indentation, colons and quotes around this place",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(f"YAML error: {exc}", file=name)]
    finally:
        loader.dispose()
    return YamlDocument(data, marks), []
