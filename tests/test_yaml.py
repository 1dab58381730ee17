from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path

import pytest

from evalkit import _yaml
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


# --- limits: size, depth, aliases, what is not a file --------------------------------------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
    for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def _refused_quickly(tmp_path: Path, text: str, seconds: float = 5.0):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    doc, problems = _load(tmp_path, text)
    assert time.perf_counter() - start < seconds
    assert doc is None and len(problems) == 1
    return problems[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (LAUGHS, "별칭(*)을 펼치면 값이 너무 많아집니다"),  # a billion x's
        (
            "a: &a {k: 1}\n"
            + "".join(  # the same through merge keys
                f"b{i}: &b{i} {{<<: [{', '.join([f'*b{i - 1}' if i else '*a'] * 10)}]}}\n"
                for i in range(9)
            ),
            "별칭(*)을 펼치면",
        ),
        ("a: &a [1, *a]\n", "순환 별칭"),
        ("a: &a {b: {c: *a}}\n", "순환 별칭"),
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "너무 깊게 겹쳐"),
        ("".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x\n", "너무 깊게"),
        (
            "a: &a [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
            "b: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
            "너무 깊게 겹칩니다",
        ),
        ("a: [" + ", ".join(["*x"] * 2000) + "]\nx: &x 1\n", "found undefined alias"),
        ("x: &x 1\na: [" + ", ".join(["*x"] * 2000) + "]\n", "별칭(*)이 너무 많습니다"),
    ],
    ids=[
        "laughs",
        "merge-laughs",
        "recursive",
        "recursive-map",
        "brackets",
        "indent",
        "alias-depth",
        "undefined",
        "alias-count",
    ],
)
def test_hostile_yaml_is_refused_quickly_with_its_place(
    tmp_path: Path, text: str, words: str
) -> None:
    p = _refused_quickly(tmp_path, text)
    assert words in p.message
    assert p.file and p.line is not None and p.column is not None and p.fix


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    p = _refused_quickly(tmp_path, "a: 1\n" + "# padding\n" * (_yaml.MAX_BYTES // 10 + 1))
    assert "너무 큽니다" in p.message and "MB" in p.message and "include" in (p.fix or "")


def test_too_many_values_are_refused(tmp_path: Path) -> None:
    p = _refused_quickly(tmp_path, "a: [" + "0," * (_yaml.MAX_NODES + 1) + "0]\n", seconds=10)
    assert "값이 너무 많습니다" in p.message and p.line == 1


@pytest.mark.parametrize("where", ["/dev/zero", "/dev/stdin", "folder", "fifo"])
def test_only_regular_files_are_read(tmp_path: Path, where: str) -> None:
    if where == "folder":
        path = tmp_path
    elif where == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)  # no writer: opening it must not wait
    else:
        path = Path(where)
        if not path.exists():
            pytest.skip(f"{where} does not exist here")
    doc, problems = load_yaml(path)
    assert doc is None and "일반 파일이 아닙니다" in problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "column", "char"),
    [
        ('a: "x\\x01y"\n', 1, 4, "\\x01"),  # escapes written in a quoted string
        ('a: ok\nb:\n  c: "\\e[31mred"\n', 3, 6, "\\x1b"),
        ('a: "tab\\tok\\vno"\n', 1, 4, "\\x0b"),
        ("a: ok\nb: x\x01y\n", 2, 5, "\\x01"),  # written raw: the YAML reader refuses it
        ("a: x\x1b[0m\n", 1, 5, "\\x1b"),
    ],
)
def test_control_characters_are_refused_with_their_place(
    tmp_path: Path, text: str, line: int, column: int, char: str
) -> None:
    doc, problems = _load(tmp_path, text)
    assert doc is None
    assert (problems[0].line, problems[0].column) == (line, column)
    assert char in problems[0].message and "문자" in problems[0].message


@pytest.mark.parametrize(
    ("text", "words"),
    [("a: " + "1" * 5000 + "\n", "읽을 수 없습니다"), ("a: 2024-13-45\n", "2024-13-45")],
)
def test_values_python_cannot_hold_are_refused_with_their_place(
    tmp_path: Path, text: str, words: str
) -> None:
    doc, problems = _load(tmp_path, text)
    assert doc is None and words in problems[0].message and problems[0].line == 1


def test_anchors_merges_and_tabs_still_read_as_yaml_says(tmp_path: Path) -> None:
    doc, problems = _load(tmp_path, "x: &x {a: 1, b: 2}\ny: {<<: *x, b: 3}\nz: *x\n")
    assert not problems
    assert doc.data == {"x": {"a": 1, "b": 2}, "y": {"b": 3, "a": 1}, "z": {"a": 1, "b": 2}}
    assert doc.mark_for(("y", "a")).line == 1  # where the merged value is written
    _, problems = _load(tmp_path, "a:\n\tb: 1\n")  # PyYAML's wording names the tab
    assert "'\\t'" in problems[0].message and problems[0].line == 2


def test_both_parsers_give_the_same_data_and_positions(tmp_path: Path) -> None:
    from _paths import MOTIE

    for path in [MOTIE, *sorted(MOTIE.parent.glob("motie-2024/*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        fast = _yaml._parse(text, "x", _yaml._ExactLoader)
        slow = _yaml._parse(text, "x", _yaml._PyExactLoader)
        assert fast[0] is not None and slow[0] is not None
        assert fast[0].data == slow[0].data and fast[0].marks == slow[0].marks
