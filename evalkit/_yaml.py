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
    node: yaml.Node,
    loader: _ExactLoader,
    file: str,
    path: Path_,
    marks: dict[Path_, Mark],
    duplicates: list[tuple[Path_, Mark]],
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
                # Keep the first value and carry on, so every duplicate is reported at once.
                mark = Mark(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                duplicates.append(((*path, key), mark))
                continue
            out[key] = _walk(value_node, loader, file, (*path, key), marks, duplicates)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _walk(v, loader, file, (*path, i), marks, duplicates) for i, v in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def friendly_path(data: Any, loc: Path_) -> tuple[str, Path_]:
    """Render a data path as the secretariat reads it: ``tasks[Ⅰ-1-①].indicators[2].weight``.

    Returns the text and the longest prefix of ``loc`` that exists in ``data``.
    """
    parts: list[str] = []
    node = data
    real: list[str | int] = []
    i = 0
    while i < len(loc):
        key = loc[i]
        if isinstance(node, dict) and key in node:
            child = node[key]
            nxt = loc[i + 1] if i + 1 < len(loc) else None
            if isinstance(child, list) and isinstance(nxt, int) and 0 <= nxt < len(child):
                item = child[nxt]
                label = _label(str(key), item, nxt)
                if key == "tasks":
                    parts = [label]
                else:
                    parts.append(label)
                real.extend([key, nxt])
                node = item
                i += 2
                continue
            parts.append(str(key))
            real.append(key)
            node = child
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            parts.append(f"[{key}]")
            real.append(key)
            node = node[key]
        elif isinstance(key, str) and not isinstance(node, dict) and i == len(loc) - 1:
            break
        else:
            # A key the file does not have (e.g. a missing field): name it, no position.
            if isinstance(key, str) and key not in (
                "decimal",
                "str",
                "int",
                "none",
                "function-after",
                "tuple",
                "list",
            ):
                parts.append(key)
            elif isinstance(key, int):
                parts.append(f"[{key}]")
        i += 1
    text = ".".join(p for p in parts).replace(".[", "[")
    return text, tuple(real)


def _label(key: str, item: Any, idx: int) -> str:
    if isinstance(item, dict):
        if key in ("strategic_goals", "performance_goals", "tasks") and item.get("code"):
            return f"{key}[{item['code']}]"
        if key == "indicators" and isinstance(item.get("no"), int):
            return f"{key}[{item['no']}]"
        if key == "items" and item.get("id"):
            return f"{key}[{item['id']}]"
    return f"{key}[{idx}]"


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
            return None, [
                Problem(
                    "the file holds no YAML document (only comments or blank lines)",
                    file=name,
                    fix="write the rubric mapping (see `evalkit schema`)",
                )
            ]
        marks: dict[Path_, Mark] = {}
        duplicates: list[tuple[Path_, Mark]] = []
        data = _walk(node, loader, name, (), marks, duplicates)
        if duplicates:
            return None, [
                Problem(
                    f"key {dup[-1]!r} appears twice in one mapping (first at line "
                    f"{marks[dup].line})",
                    file=name,
                    line=mark.line,
                    column=mark.column,
                    field=friendly_path(data, dup)[0],
                    fix="remove or rename one of them",
                )
                for dup, mark in duplicates
            ]
    except yaml.MarkedYAMLError as exc:
        mk = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context
        ctx = exc.context_mark
        if exc.problem and exc.context and ctx is not None and (mk is None or ctx.line != mk.line):
            # e.g. an unclosed quote: the end of the file is where it shows, not where it is.
            what = f"{what}, {exc.context} that starts at line {ctx.line + 1}:{ctx.column + 1}"
        return None, [
            Problem(
                f"YAML syntax error: {what}",
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
