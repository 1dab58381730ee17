"""Forgiving identifiers: every spelling of a task code, subcommittee or option value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import evalkit
from evalkit._errors import InputError
from evalkit._identifiers import (
    BY_CHOICES,
    IdentifierError,
    code_key,
    resolve_choice,
    resolve_subcommittee,
    resolve_task_code,
)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
UNICODE_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
# An independent table of Latin numerals (not computed), for the property below.
LATIN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _spellings(sg: int, pg: int, t: int) -> list[str]:
    printed = f"{UNICODE_ROMAN[sg - 1]}-{pg}-{CIRCLED[t - 1]}"
    return [
        printed,
        f"{LATIN[sg - 1]}-{pg}-{t}",
        f"{LATIN[sg - 1].lower()}-{pg}-{t}",
        f"{sg}-{pg}-{t}",
        f"{UNICODE_ROMAN[sg - 1]}-{pg}-{t}",
        f"{LATIN[sg - 1]}-{pg}-{CIRCLED[t - 1]}",
        f" {sg} – {pg} – {t} ",
        f"{sg}－{pg}－{t}",  # full-width hyphens
    ]


@given(st.integers(1, 12), st.integers(1, 9), st.integers(1, 20))
def test_every_spelling_names_the_printed_code(sg: int, pg: int, t: int) -> None:
    codes = [
        f"{UNICODE_ROMAN[a]}-{b}-{CIRCLED[c]}" for a in range(12) for b in (1, 9) for c in (0, 19)
    ]
    printed = f"{UNICODE_ROMAN[sg - 1]}-{pg}-{CIRCLED[t - 1]}"
    codes = [*dict.fromkeys([*codes, printed])]
    for typed in _spellings(sg, pg, t):
        assert resolve_task_code(typed, codes) == printed, typed


def test_code_key_reads_each_part_as_a_number() -> None:
    assert code_key("Ⅳ-2-⑪") == code_key("IV-2-11") == code_key("4-2-11") == "4-2-11"
    assert code_key("Ⅰ-1") == "1-1"
    # A part that is not a numeral stays as text (case-folded).
    assert code_key("A-1") == "a-1"


def test_a_performance_goal_is_ambiguous_and_lists_its_tasks() -> None:
    codes = ["Ⅰ-1-①", "Ⅰ-1-②", "Ⅰ-2-①", "Ⅱ-1-①"]
    with pytest.raises(IdentifierError) as info:
        resolve_task_code("I-1", codes)
    p = info.value.problems[0]
    assert "2개" in p.message and p.field == "--task"
    assert p.fix is not None and "Ⅰ-1-①" in p.fix and "Ⅰ-1-②" in p.fix and "Ⅰ-2-①" not in p.fix
    # Only one task under it: that one.
    assert resolve_task_code("Ⅰ-2", codes) == "Ⅰ-2-①"


def test_no_match_lists_the_closest_codes_first() -> None:
    codes = ["Ⅰ-1-①", "Ⅱ-1-①", "Ⅲ-2-③", "Ⅲ-2-④"]
    with pytest.raises(IdentifierError) as info:
        resolve_task_code("3-2-5", codes)
    exc = info.value
    assert isinstance(exc, InputError) and isinstance(exc, KeyError)
    p = exc.problems[0]
    assert "없습니다" in p.message and "'3-2-5'" in p.message
    assert p.fix is not None
    listed = p.fix.split(": ", 1)[1].split(", ")
    assert set(listed[:2]) == {"Ⅲ-2-③", "Ⅲ-2-④"}
    assert "3-2-5" in str(exc)


def test_an_exact_code_wins_over_a_lookalike() -> None:
    codes = ["Ⅰ-1-①", "I-1-1"]
    assert resolve_task_code("I-1-1", codes) == "I-1-1"
    assert resolve_task_code("Ⅰ-1-①", codes) == "Ⅰ-1-①"
    with pytest.raises(IdentifierError, match="2개"):
        resolve_task_code("1-1-1", codes)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("에너지자원", "에너지자원"),
        ("에너지자원 분과", "에너지자원"),
        ("  에너지자원분과 ", "에너지자원"),
        ("에너지 자원 분과위원회", "에너지자원"),
        ("통상", "통상국제"),
    ],
)
def test_subcommittee_with_or_without_bunkwa(typed: str, name: str) -> None:
    names = ["산업정책", "산업혁신성장", "에너지자원", "통상국제", "무역투자"]
    assert resolve_subcommittee(typed, names) == name


def test_subcommittee_names_that_end_in_bunkwa() -> None:
    names = ["산업분과", "에너지분과"]
    assert resolve_subcommittee("산업", names) == "산업분과"
    assert resolve_subcommittee("에너지 분과", names) == "에너지분과"


def test_subcommittee_ambiguous_or_unknown() -> None:
    names = ["산업정책", "산업혁신성장", "에너지자원"]
    with pytest.raises(IdentifierError) as info:
        resolve_subcommittee("산업", names)
    p = info.value.problems[0]
    assert "2개" in p.message and p.fix is not None
    assert "산업정책" in p.fix and "산업혁신성장" in p.fix and "에너지자원" not in p.fix
    with pytest.raises(IdentifierError) as info:
        resolve_subcommittee("에너지자윈", names)
    p = info.value.problems[0]
    assert "없습니다" in p.message and p.fix is not None
    assert p.fix.split(": ", 1)[1].startswith("에너지자원")
    with pytest.raises(IdentifierError, match="정의되어 있지 않습니다"):
        resolve_subcommittee("산업", [])


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("subcommittee", "subcommittee"),
        ("분과", "subcommittee"),
        ("분과별", "subcommittee"),
        ("Strategic-Goal", "strategic_goal"),
        ("전략목표별", "strategic_goal"),
        ("성과목표", "performance_goal"),
        ("전체", None),
    ],
)
def test_by_values_and_korean_aliases(typed: str, value: str | None) -> None:
    assert resolve_choice(typed, BY_CHOICES, "--by") == value


def test_an_unknown_option_value_lists_every_choice_closest_first() -> None:
    with pytest.raises(IdentifierError) as info:
        resolve_choice("분과들", BY_CHOICES, "--by")
    p = info.value.problems[0]
    assert p.field == "--by" and "알 수 없습니다" in p.message
    assert p.fix is not None and p.fix.split(": ", 1)[1].startswith("분과")
    assert all(name in p.fix for name in BY_CHOICES)


def test_rubric_and_scoreboard_lookups_are_forgiving(mini_rubric: evalkit.Rubric) -> None:
    assert mini_rubric.task("I-1-1").code == "Ⅰ-1-①"
    assert mini_rubric.task("2-1-3").code == "Ⅱ-1-③"
    assert mini_rubric.subcommittee_of("ii-1-3") == mini_rubric.task("Ⅱ-1-③").assigned_subcommittee
    with pytest.raises(KeyError, match="Ⅸ-9-⑨"):
        mini_rubric.task("Ⅸ-9-⑨")
