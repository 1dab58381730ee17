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

from ._errors import Problem, control_character
from ._files import InputTooLargeError, NotAFileError, read_bounded

Path_ = tuple[str | int, ...]

# Limits on what one YAML file may hold. A whole ministry's rubric (motie-2024) is 300 KB in
# eight files, the largest 83 KB with under 5,000 values, a few levels deep, no anchors:
# these leave room for any real rubric and none for a hostile one.
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64  # nested lists and mappings
MAX_NODES = 200_000  # values written in the file
MAX_EXPANDED = 100_000  # further values that aliases (*name) repeat
MAX_ALIASES = 1_000


@dataclass(frozen=True, slots=True)
class Mark:
    file: str
    line: int  # 1-based
    column: int  # 1-based


class _PyExactLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal from their text (0.3 stays exactly 3/10)."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value).replace("_", "")
    lowered = text.lower()
    if lowered in (".nan", ".inf", "+.inf", "-.inf"):
        return loader.construct_yaml_float(node)
    return Decimal(text)


_PyExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)

# YAML 1.1 reads yes/no/on/off as booleans, so the key `no:` (an indicator's number) would
# become False. Only true/false are booleans here, as in YAML 1.2.
_PyExactLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PyExactLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# libyaml's parser when PyYAML was built with it (much faster on a large file), else PyYAML's own.
# Only the parser differs: nodes are composed here (iteratively, with limits) and constructed by
# the same SafeConstructor, so values and positions are the same either way. A syntax error is
# described by PyYAML's own parser, whose messages name the offending character.
_ExactLoader: Any = _PyExactLoader
if getattr(yaml, "CSafeLoader", None) is not None:

    class _CExactLoader(yaml.CSafeLoader):
        yaml_constructors = _PyExactLoader.yaml_constructors
        yaml_implicit_resolvers = _PyExactLoader.yaml_implicit_resolvers

    _ExactLoader = _CExactLoader


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


class _LimitError(Exception):
    """The document is beyond one of the reader's limits; carries the Korean message."""

    def __init__(self, message: str, mark: Any, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.fix = fix


_ALIAS_FIX = "앵커(&)와 별칭(*)을 쓰지 말고 값을 직접 적으십시오"


def _compose(loader: Any) -> yaml.Node | None:
    """The document's node tree, built from the parser's events without recursion.

    PyYAML's composer recurses once per nesting level (deep brackets end in RecursionError) and
    lets an alias point into its own collection (a cycle). Here nesting is limited to
    ``MAX_DEPTH``, nodes to ``MAX_NODES``, aliases to ``MAX_ALIASES``, and an alias to a
    collection that is still open is refused.
    """
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        loader.get_event()
        return None
    doc_start = loader.get_event()
    anchors: dict[str, yaml.Node] = {}
    open_anchors: set[str] = set()
    # Open collections: (node, its anchor, the key node waiting for its value).
    stack: list[list[Any]] = []
    root: yaml.Node | None = None
    nodes = aliases = 0

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        parent = top[0]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif top[2] is None:
            top[2] = node
        else:
            parent.value.append((top[2], node))
            top[2] = None

    while True:
        event: Any = loader.get_event()
        if isinstance(event, yaml.DocumentEndEvent):
            break
        # libyaml's marks are its own type; PyYAML's nodes take either.
        start: Any = event.start_mark
        end: Any = event.end_mark
        nodes += 1
        if nodes > MAX_NODES:
            raise _LimitError(
                f"값이 너무 많습니다 (노드 {MAX_NODES:,}개 초과)",
                event.start_mark,
                "평가 기준을 여러 파일로 나누어 include: 로 읽으십시오",
            )
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if event.anchor not in anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", start
                )
            if event.anchor in open_anchors:
                raise _LimitError(
                    f"별칭 *{event.anchor} 이 자기 자신을 담고 있습니다 (순환 별칭)",
                    event.start_mark,
                    _ALIAS_FIX,
                )
            if aliases > MAX_ALIASES:
                raise _LimitError(
                    f"별칭(*)이 너무 많습니다 ({MAX_ALIASES:,}개 초과)",
                    event.start_mark,
                    _ALIAS_FIX,
                )
            attach(anchors[event.anchor])
            continue
        anchor = getattr(event, "anchor", None)
        if anchor is not None and anchor in anchors:
            raise yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence",
                anchors[anchor].start_mark,
                "second occurrence",
                start,
            )
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            node: yaml.Node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            if anchor is not None:
                anchors[anchor] = node
            attach(node)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _LimitError(
                    f"목록과 매핑이 너무 깊게 겹쳐 있습니다 ({MAX_DEPTH}단계 초과)",
                    event.start_mark,
                    "괄호와 들여쓰기를 확인하십시오",
                )
            tag = event.tag
            sequence = isinstance(event, yaml.SequenceStartEvent)
            kind = yaml.SequenceNode if sequence else yaml.MappingNode
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            node = kind(tag, [], start, None, flow_style=event.flow_style)
            if anchor is not None:
                anchors[anchor] = node
                open_anchors.add(anchor)
            stack.append([node, anchor, None])
        else:  # SequenceEnd, MappingEnd
            nodes -= 1
            node, anchor, _ = stack.pop()
            node.end_mark = end
            open_anchors.discard(anchor)
            attach(node)
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            doc_start.start_mark,
            "but found another document",
            event.start_mark,
        )
    loader.get_event()
    loader.composed_nodes = nodes
    return root


class _Walk:
    """Turns the node tree into data and positions, counting every node an alias repeats."""

    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.marks: dict[Path_, Mark] = {}
        self.duplicates: list[tuple[Path_, Mark]] = []
        self.visited = 0
        self.budget = getattr(loader, "composed_nodes", MAX_NODES) + MAX_EXPANDED
        self.bad_text: list[tuple[Path_, Mark, str]] = []

    def mark(self, node: yaml.Node) -> Mark:
        return Mark(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def count(self, node: yaml.Node, depth: int) -> None:
        self.visited += 1
        if self.visited > self.budget:
            raise _LimitError(
                f"별칭(*)을 펼치면 값이 너무 많아집니다 (노드 {MAX_EXPANDED:,}개 넘게 늘어남)",
                node.start_mark,
                _ALIAS_FIX,
            )
        if depth > MAX_DEPTH:
            raise _LimitError(
                f"별칭(*)을 펼치면 너무 깊게 겹칩니다 ({MAX_DEPTH}단계 초과)",
                node.start_mark,
                _ALIAS_FIX,
            )

    def value(self, node: yaml.Node, path: Path_, depth: int = 0, keep: bool = True) -> Any:
        self.count(node, depth)
        if keep:
            self.marks[path] = self.mark(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth, keep)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(v, (*path, i), depth + 1, keep) for i, v in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, ArithmeticError) as exc:
            # e.g. an integer of more than 4300 digits, a date such as 2024-13-45
            raise _LimitError(
                f"값 {_short(node.value)!r} 을(를) 읽을 수 없습니다 ({type(exc).__name__})",
                node.start_mark,
                "값을 고치거나 따옴표로 감싸 글자로 적으십시오",
            ) from None
        if isinstance(value, str) and keep:
            bad = control_character(value)
            if bad:
                self.bad_text.append((path, self.mark(node), bad))
        return value

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int, keep: bool) -> Any:
        out: dict[Any, Any] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                # `<<: *defaults` (or a list of them): filled in below, written keys win.
                subs = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                merges.extend(subs)
                continue
            if isinstance(key_node, yaml.ScalarNode):
                key = self.value(key_node, path, depth + 1, keep=False)
            else:
                key = str(self.value(key_node, path, depth + 1, keep=False))
            if isinstance(key, (list, dict)):
                key = str(key)
            if key in out:
                # Keep the first value and carry on, so every duplicate is reported at once.
                if keep:
                    self.duplicates.append(((*path, key), self.mark(key_node)))
                continue
            out[key] = self.value(value_node, (*path, key), depth + 1, keep)
        for sub in merges:
            if not isinstance(sub, yaml.MappingNode):
                raise _LimitError(
                    "병합 키(<<)에는 매핑만 쓸 수 있습니다",
                    sub.start_mark,
                    "<<: *앵커 처럼 적으십시오",
                )
            merged = self.mapping(sub, path, depth + 1, keep=False)
            for key, value in merged.items():
                if key not in out:
                    out[key] = value
                    if keep:
                        self.marks[(*path, key)] = self.mark(sub)
        return out


def _short(text: object) -> str:
    t = str(text)
    return t if len(t) <= 40 else t[:40] + "…"


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
    """Read one YAML file. Returns (document, problems); document is None on failure.

    Only a regular file of at most ``MAX_BYTES`` is read; nesting, node and alias counts are
    limited (``MAX_DEPTH``, ``MAX_NODES``, ``MAX_ALIASES``), so no file can make the reader run
    out of time, memory or stack.
    """
    name = display_name or str(path)
    try:
        raw = read_bounded(path, MAX_BYTES)
        text = raw.decode("utf-8")
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
    except NotAFileError:
        return None, [
            Problem(
                "일반 파일이 아닙니다 (폴더, 장치 또는 파이프)",
                file=name,
                fix="YAML 파일의 경로를 적으십시오",
            )
        ]
    except InputTooLargeError:
        return None, [
            Problem(
                f"파일이 너무 큽니다 ({MAX_BYTES // (1024 * 1024)} MB 초과)",
                file=name,
                fix="평가 기준을 전략목표별 파일로 나누어 include: 로 읽으십시오",
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
    doc, problems, syntax = _parse(text, name, _ExactLoader)
    if syntax and _ExactLoader is not _PyExactLoader:
        # PyYAML's parser names the offending character where libyaml does not.
        py_doc, py_problems, _ = _parse(text, name, _PyExactLoader)
        if py_problems:
            return py_doc, py_problems
    return doc, problems


def _parse(
    text: str, name: str, loader_class: Any
) -> tuple[YamlDocument | None, list[Problem], bool]:
    """(document, problems, whether the problem is a syntax error) of one file's text."""
    loader = None
    try:
        loader = loader_class(text)
        node = _compose(loader)
        if node is None:
            return (
                None,
                [
                    Problem(
                        "the file holds no YAML document (only comments or blank lines)",
                        file=name,
                        fix="write the rubric mapping (see `evalkit schema`)",
                    )
                ],
                False,
            )
        walk = _Walk(loader, name)
        data = walk.value(node, ())
        marks = walk.marks
        if walk.duplicates:
            return (
                None,
                [
                    Problem(
                        f"key {dup[-1]!r} appears twice in one mapping (first at line "
                        f"{marks[dup].line})",
                        file=name,
                        line=mark.line,
                        column=mark.column,
                        field=friendly_path(data, dup)[0],
                        fix="remove or rename one of them",
                    )
                    for dup, mark in walk.duplicates
                ],
                False,
            )
        if walk.bad_text:
            return (
                None,
                [
                    Problem(
                        f"글자에 제어 문자 {ch} 가 들어 있습니다 (보고서에 쓸 수 없음)",
                        file=name,
                        line=mark.line,
                        column=mark.column,
                        field=friendly_path(data, where)[0],
                        fix="그 문자를 지우십시오 (\\x01, \\e 같은 이스케이프도 쓰지 마십시오)",
                    )
                    for where, mark, ch in walk.bad_text
                ],
                False,
            )
    except _LimitError as exc:
        mk = exc.mark
        return (
            None,
            [
                Problem(
                    exc.message,
                    file=name,
                    line=mk.line + 1 if mk else None,
                    column=mk.column + 1 if mk else None,
                    fix=exc.fix,
                )
            ],
            False,
        )
    except yaml.MarkedYAMLError as exc:
        mk = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context
        ctx = exc.context_mark
        if exc.problem and exc.context and ctx is not None and (mk is None or ctx.line != mk.line):
            # e.g. an unclosed quote: the end of the file is where it shows, not where it is.
            what = f"{what}, {exc.context} that starts at line {ctx.line + 1}:{ctx.column + 1}"
        return (
            None,
            [
                Problem(
                    f"YAML syntax error: {what}",
                    file=name,
                    line=mk.line + 1 if mk else None,
                    column=mk.column + 1 if mk else None,
                    fix="check indentation, colons and quotes around this place",
                )
            ],
            True,
        )
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        return (
            None,
            [
                Problem(
                    f"YAML에 쓸 수 없는 문자 {_char(exc.character)} 가 있습니다",
                    file=name,
                    line=line,
                    column=column,
                    fix="그 문자를 지우십시오 (제어 문자는 평가 기준에 쓸 수 없습니다)",
                )
            ],
            True,
        )
    except yaml.YAMLError as exc:
        return None, [Problem(f"YAML error: {exc}", file=name)], False
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(data, marks), [], False


def _char(character: object) -> str:
    """A character as Python writes it (``'\\x01'``); PyYAML gives its code point."""
    return repr(chr(character)) if isinstance(character, int) else repr(character)


def _line_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    before = text[:position]
    line = before.count("\n") + 1
    return line, position - (before.rfind("\n") + 1) + 1
